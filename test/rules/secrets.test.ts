// Detection as pure functions, and behaviour the tables in cases/secrets.ts do not pin:
// finding paths, masking in every rendered report, agreement with the peer tools.

import { describe, expect, it } from 'vitest';
import { formatJson, formatText } from '../../src/reporters/index.js';
import { SECRETS_RULES } from '../../src/rules/secrets/index.js';
import { decodeUserData, isFileReference, isLiteralSecretValue, isSecretName, isSecretsManagerReference, judgeVariable, mask, scanScript } from '../../src/rules/secrets/detect.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = SECRETS_RULES;
const scan = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });

const lambda = (vars: string) => `  Fn:
    Type: AWS::Lambda::Function
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Role: arn:aws:iam::111122223333:role/r
      Code: { ZipFile: 'x' }
      Environment:
        Variables:
${vars}`;

describe('SEC-001 detection', () => {
  const names: [string, boolean][] = [
    ['DATABASE_PASSWORD', true],
    ['dbPassword', true],
    ['PASSPORT_SECRET', true],
    ['JWT_SECRET', true],
    ['GITHUB_TOKEN', true],
    ['STRIPE_API_KEY', true],
    ['AWS_SECRET_ACCESS_KEY', true],
    ['PRIVATE_KEY', true],
    ['DB_CREDENTIALS', true],
    ['ENCRYPTION_KEY', true],
    ['AWS_ACCESS_KEY_ID', false],
    ['TOKEN_URL', false],
    ['JWT_SECRET_ARN', false],
    ['APP_PRIVATE_KEY_SECRET_NAME', false],
    ['PASSWORD_FILE', false],
    ['SSH_KEY_PATH', false],
    ['TOKEN_TTL', false],
    ['DATABASE_USERNAME', false],
    ['NODE_ENV', false],
    ['DATABASE_HOST', false],
  ];
  it.each(names)('%s is a secret name: %s', (name, expected) => expect(isSecretName(name)).toBe(expected));

  const values: [string, string, boolean][] = [
    ['DB_PASSWORD', 'hunter2-hunter2', true],
    ['DB_PASSWORD', 'changeme', true], // a placeholder, deployed, is the password
    ['DB_PASSWORD', '', false],
    ['DB_PASSWORD', '{{resolve:secretsmanager:prod/db:SecretString:password}}', false],
    ['DB_PASSWORD', '{{resolve:ssm-secure:/prod/db/password}}', false],
    ['TOKEN_REFRESH', 'true', false],
    ['SECRET_ROTATION', '30', false],
    ['key1', 'AKIAAAAAAAAAAAAAAAAA', true], // an access key id, whatever the name
    ['DATABASE_URL', 'postgres://app:s3cr3tpass@db.example.com/app', true],
    ['DATABASE_URL', 'postgres://db.example.com/app', false],
  ];
  it.each(values)('%s=%s → %s', (name, value, expected) => expect(judgeVariable(name, value) !== undefined).toBe(expected));

  it('masks to two characters at most, none for short values', () => {
    expect(mask('example-password')).toBe('ex****');
    expect(mask('abc')).toBe('****');
  });

  it('reads user data assignments, JSON and flags; shell expansions are not literals', () => {
    const script = [
      '#!/bin/bash',
      'export DB_PASSWORD=Sup3rS3cret!',
      'export API_TOKEN=$(aws secretsmanager get-secret-value --secret-id t --query SecretString --output text)',
      'JWT_SECRET="${JwtSecret}"',
      'echo \'{"password": "json-pass-1234"}\' > /etc/app.json',
      'mysql --password=flagpass99 -e "select 1"',
    ].join('\n');
    expect(scanScript(script).map((h) => `${h.name}=${h.masked}`)).toEqual(['DB_PASSWORD=Su****', 'password=js****']);
    expect(scanScript('mysql --password=flagpass99 -e x').map((h) => h.name)).toEqual(['password']);
  });

  it('a file path or file:// URL names where the secret is, not the secret', () => {
    for (const v of ['file:///tmp/key.pem', 'fileb://cert.pem', '/home/ec2-user/.ssh/id_rsa', '/etc/ssl/private/server.key', '~/.ssh/id_ed25519', './secrets/db.json']) {
      expect(isFileReference(v), v).toBe(true);
      expect(isLiteralSecretValue(v), v).toBe(false);
    }
    // A secret that happens to start with a slash is still a secret.
    for (const v of ['/x9+Qa7/Zp==', 'example-password', 'https://hooks.slack.com/services/T000/B000/XXXX']) expect(isFileReference(v), v).toBe(false);
    expect(scanScript('aws acm import-certificate --certificate fileb://cert.pem --private-key file:///tmp/key.pem')).toEqual([]);
    expect(scanScript('aws secretsmanager create-secret --name db --secret-string file:///tmp/db.json')).toEqual([]);
    expect(scanScript('export PRIVATE_KEY=file:///tmp/key.pem')).toEqual([]);
  });

  it('recognises Secrets Manager dynamic references, alone or inside a string', () => {
    expect(isSecretsManagerReference('{{resolve:secretsmanager:prod/db:SecretString:password}}')).toBe(true);
    expect(isSecretsManagerReference('postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@db/app')).toBe(true);
    expect(isSecretsManagerReference('{{resolve:ssm:/prod/db/host}}')).toBe(false);
  });

  it('decodes user data written already base64-encoded', () => {
    expect(decodeUserData(Buffer.from('#!/bin/bash\nexport X=1\n').toString('base64'))).toBe('#!/bin/bash\nexport X=1\n');
    expect(decodeUserData('#!/bin/bash\necho hi')).toBe('#!/bin/bash\necho hi');
  });
});

describe('SEC-001 no-plaintext-secrets', () => {
  it('the message names the variable, masks the value and points at it', () => {
    const f = scan(lambda('          DB_PASSWORD: example-password\n')).findings.find((x) => x.ruleId === 'SEC-001')!;
    expect(f.message).toMatch(/^environment variable DB_PASSWORD=ex\*\*\*\* is a plaintext secret/);
    expect(f.message).not.toContain('example-password');
    expect(f.path).toEqual(['Properties', 'Environment', 'Variables', 'DB_PASSWORD']);
    expect(f.resource.line).toBe(12);
  });

  it('App Runner runtime variables (004): DATABASE_PASSWORD and PASSPORT_SECRET fail, RuntimeEnvironmentSecrets pass', () => {
    const yaml = `  Api:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration:
        ImageRepository:
          ImageIdentifier: 111122223333.dkr.ecr.ap-south-1.amazonaws.com/periodtracker/api:latest
          ImageRepositoryType: ECR
          ImageConfiguration:
            Port: '3000'
            RuntimeEnvironmentVariables:
              - { Name: DATABASE_HOST, Value: periodtracker-cluster.cluster-x.ap-south-1.rds.amazonaws.com }
              - { Name: DATABASE_PASSWORD, Value: pt-db-password }
              - { Name: PASSPORT_SECRET, Value: passport-secret-value }
            RuntimeEnvironmentSecrets:
              - { Name: JWT_SECRET, Value: arn:aws:secretsmanager:ap-south-1:111122223333:secret:jwt }
`;
    const f = scan(yaml).findings.filter((x) => x.ruleId === 'SEC-001');
    expect(f.map((x) => x.message.split(' is ')[0])).toEqual(['environment variable DATABASE_PASSWORD=pt****', 'environment variable PASSPORT_SECRET=pa****']);
  });

  it('EC2 user data (Fn::Base64 over Sub) and launch template user data', () => {
    const yaml = `  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
          #!/bin/bash
          export DB_HOST=\${Db.Endpoint.Address}
          export DB_PASSWORD=userdata-pass-1
  Db:
    Type: AWS::RDS::DBInstance
    Properties: { Engine: postgres }
  Lt:
    Type: AWS::EC2::LaunchTemplate
    Properties:
      LaunchTemplateData:
        UserData: !Base64 "#!/bin/bash\\nexport ADMIN_TOKEN=\${Token}\\n"
`;
    const r = scan(yaml, 'Parameters:\n  Token:\n    Type: String\n    NoEcho: true\n');
    expect(brief(r.findings, 'SEC-001')).toEqual(['SEC-001 fail Web']);
    expect(r.findings[0]!.message).toMatch(/user data sets DB_PASSWORD=us\*\*\*\*/);
  });

  it('a dynamic reference in an ECS Environment value points at the value and says why and what to use', () => {
    const yaml = `  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: api:latest
          Environment:
            - Name: DB_PASSWORD
              Value: '{{resolve:secretsmanager:prod/db:SecretString:password}}'
`;
    const f = scan(yaml).findings.filter((x) => x.ruleId === 'SEC-001');
    expect(f.map((x) => [x.status, x.messageId, x.path])).toEqual([['fail', 'dynamic-reference', ['Properties', 'ContainerDefinitions', 0, 'Environment', 0, 'Value']]]);
    expect(f[0]!.message).toBe(
      "container api environment variable DB_PASSWORD is a Secrets Manager dynamic reference: CloudFormation resolves it at deployment and stores the secret in plaintext in the task definition; use the container's Secrets (ValueFrom) instead",
    );
  });

  // SAM merges Globals.Function into every AWS::Serverless::Function (maps merged, the function's
  // entries winning: https://github.com/aws/serverless-application-model/blob/develop/docs/globals.rst).
  it('SAM Globals.Function.Environment.Variables are judged as each function’s own variables', () => {
    const yaml = `Transform: AWS::Serverless-2016-10-31
Globals:
  Function:
    Runtime: nodejs20.x
    Environment:
      Variables:
        API_TOKEN: tok_live_0123456789abcdef
        STAGE: prod
Resources:
  One:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: .
  Two:
    Type: AWS::Serverless::Function
    Properties:
      Handler: index.handler
      CodeUri: .
      Environment:
        Variables:
          API_TOKEN: '{{resolve:ssm:/prod/token}}'
`;
    const r = scanText(yaml, { rules: SECRETS_RULES });
    // One keeps the global literal; Two overrides it with a reference.
    expect(brief(r.findings, 'SEC-001')).toEqual(['SEC-001 fail One']);
    const { units: _u, index: _i, ...report } = r;
    expect(JSON.stringify(report)).not.toContain('tok_live_0123456789abcdef');
  });

  it('the literal never appears in any rendered report (json, text)', () => {
    const literal = 'Very-Secret-Literal-Value-42';
    const r = scan(lambda(`          DB_PASSWORD: ${literal}\n          STRIPE_KEY: sk_live_${literal}\n`));
    expect(r.findings.filter((f) => f.ruleId === 'SEC-001')).toHaveLength(2);
    // The inventory (index, indexes) and the parsed templates (units) are internal, never rendered.
    const { index: _i, units: _u, ...report } = r;
    const ctx = { rules: rules.map((x) => x.meta), cwd: process.cwd(), toolVersion: '0.0.0' };
    for (const out of [formatJson(report, ctx), formatText(report, ctx), JSON.stringify(report)]) {
      expect(out).toContain('DB_PASSWORD');
      expect(out).not.toContain(literal);
      expect(out).not.toContain(literal.slice(2, 10));
    }
  });
});

describe('peer corpus (checkov CKV_AWS_45, CKV_AWS_46)', () => {
  it.skipIf(!hasCorpus)('every mapped peer FAIL is ours too', () => {
    const { misses, stricter, checked } = peerDisagreements(['SEC-001', 'SEC-002'], rules);
    expect(checked).toBeGreaterThan(10);
    expect(misses).toEqual([]);
    // Deliberate: a literal under a secret name fails whatever its entropy; checkov's
    // detect-secrets ignores the low-entropy `AWS_SECRET_ACCESS_KEY=bar`.
    expect(stricter).toEqual(['checkov CKV_AWS_46 EC2Credentials-PASSED.yaml Resource1']);
  });
});
