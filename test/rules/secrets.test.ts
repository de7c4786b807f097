import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { Unknown } from '../../src/model/values.js';
import { formatJson, formatText } from '../../src/reporters/index.js';
import { SECRETS_RULES } from '../../src/rules/secrets/index.js';
import { decodeUserData, isSecretName, judgeVariable, mask, scanScript } from '../../src/rules/secrets/detect.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = SECRETS_RULES;
const scan = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });
const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (resources: Resource[]) => evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules });

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
    ['DATABASE_PASSWORD', true], ['dbPassword', true], ['PASSPORT_SECRET', true], ['JWT_SECRET', true], ['GITHUB_TOKEN', true], ['STRIPE_API_KEY', true],
    ['AWS_SECRET_ACCESS_KEY', true], ['PRIVATE_KEY', true], ['DB_CREDENTIALS', true], ['ENCRYPTION_KEY', true],
    ['AWS_ACCESS_KEY_ID', false], ['TOKEN_URL', false], ['JWT_SECRET_ARN', false], ['APP_PRIVATE_KEY_SECRET_NAME', false], ['PASSWORD_FILE', false],
    ['SSH_KEY_PATH', false], ['TOKEN_TTL', false], ['DATABASE_USERNAME', false], ['NODE_ENV', false], ['DATABASE_HOST', false],
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

  it('decodes user data written already base64-encoded', () => {
    expect(decodeUserData(Buffer.from('#!/bin/bash\nexport X=1\n').toString('base64'))).toBe('#!/bin/bash\nexport X=1\n');
    expect(decodeUserData('#!/bin/bash\necho hi')).toBe('#!/bin/bash\necho hi');
  });
});

describe('SEC-001 no-plaintext-secrets', () => {
  const cases: [string, string, string[]][] = [
    ['Lambda literal password fails', lambda('          DB_PASSWORD: example-password\n'), ['SEC-001 fail Fn']],
    ['Lambda Ref to a resource passes', lambda('          DB_SECRET: !Ref Secret\n') + '  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties: {}\n', []],
    ['Lambda dynamic reference passes', lambda("          DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'\n"), []],
    ['Lambda non-secret names pass', lambda('          NODE_ENV: production\n          TOKEN_URL: https://auth.example.com/token\n'), []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => expect(brief(scan(yaml).findings, 'SEC-001')).toEqual(expected));

  it('the message names the variable, masks the value and points at it', () => {
    const f = scan(lambda('          DB_PASSWORD: example-password\n')).findings.find((x) => x.ruleId === 'SEC-001')!;
    expect(f.message).toMatch(/^environment variable DB_PASSWORD=ex\*\*\*\* is a plaintext secret/);
    expect(f.message).not.toContain('example-password');
    expect(f.path).toEqual(['Properties', 'Environment', 'Variables', 'DB_PASSWORD']);
    expect(f.resource.line).toBe(12);
  });

  it('a parameter: its Default is a template literal; without a default or overridden it is not', () => {
    const yaml = lambda('          DB_PASSWORD: !Ref DbPassword\n');
    const withDefault = 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n    Default: example-password\n';
    const f = scan(yaml, withDefault).findings.filter((x) => x.ruleId === 'SEC-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/the Default of parameter DbPassword/);
    expect(brief(scan(yaml, 'Parameters:\n  DbPassword:\n    Type: String\n    NoEcho: true\n').findings, 'SEC-001')).toEqual([]);
    expect(brief(scan(yaml, withDefault, { parameters: { DbPassword: 'given-at-deploy' } }).findings, 'SEC-001')).toEqual([]);
  });

  it('Fn::If: the branch with the literal fails, naming the condition', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';
    const f = scan(lambda("          DB_PASSWORD: !If [IsDev, dev-password-1, '{{resolve:secretsmanager:db}}']\n"), extra).findings.filter((x) => x.ruleId === 'SEC-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/when condition IsDev is true/);
  });

  it('ECS task definition environment, per container, with the item line', () => {
    const yaml = `  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: api:latest
          Environment:
            - Name: NODE_ENV
              Value: production
            - Name: JWT_SECRET
              Value: jwt-secret-literal
          Secrets:
            - Name: DB_PASSWORD
              ValueFrom: arn:aws:secretsmanager:us-east-1:111122223333:secret:db
`;
    const f = scan(yaml).findings.filter((x) => x.ruleId === 'SEC-001');
    expect(f.map((x) => [x.status, x.resource.id, x.resource.line])).toEqual([['fail', 'Task', 13]]);
    expect(f[0]!.message).toMatch(/container api environment variable JWT_SECRET=jw\*\*\*\*/);
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

  it('account: Lambda variables that could not be decrypted are not evaluated; ECS literals fail', () => {
    const r = live([
      { type: 'AWS::Lambda::Function', id: 'f1', properties: { Environment: { Variables: new Unknown('lambda:ListFunctions could not decrypt the environment: KMSAccessDenied') } }, origin },
      { type: 'AWS::ECS::TaskDefinition', id: 'td:1', properties: { ContainerDefinitions: [{ Name: 'api', Environment: [{ Name: 'STRIPE_API_KEY', Value: 'sk_live_abcdefghijklmnop1234' }] }] }, origin },
      { type: 'AWS::EC2::Instance', id: 'i-1', properties: { UserData: new Unknown('user data not collected') }, origin },
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'SEC-001').map((f) => `${f.status} ${f.resource.id}`).sort()).toEqual(['fail td:1', 'not-evaluated f1', 'not-evaluated i-1']);
  });

  it('the literal never appears in any rendered report (json, text)', () => {
    const literal = 'Very-Secret-Literal-Value-42';
    const r = scan(lambda(`          DB_PASSWORD: ${literal}\n          STRIPE_KEY: sk_live_${literal}\n`));
    expect(r.findings.filter((f) => f.ruleId === 'SEC-001')).toHaveLength(2);
    const { index: _i, units: _u, ...report } = r;
    const ctx = { rules: rules.map((x) => x.meta), cwd: process.cwd(), toolVersion: '0.0.0' };
    for (const out of [formatJson(report, ctx), formatText(report, ctx), JSON.stringify(report)]) {
      expect(out).toContain('DB_PASSWORD');
      expect(out).not.toContain(literal);
      expect(out).not.toContain(literal.slice(2, 10));
    }
  });
});

describe('SEC-002 secret-rotation', () => {
  const secret = '  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      GenerateSecretString: {}\n';
  const schedule = (fn: string) => `  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref Secret\n${fn}      RotationRules: { AutomaticallyAfterDays: 30 }\n`;
  const cases: [string, string, string[]][] = [
    ['no schedule fails', secret, ['SEC-002 fail Secret']],
    ['a hosted rotation passes', secret + schedule('      HostedRotationLambda: { RotationType: PostgreSQLSingleUser }\n'), []],
    ['a rotation function passes', secret + schedule('      RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rotate\n'), []],
    ['a schedule without a function fails', secret + schedule(''), ['SEC-002 fail Secret']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => expect(brief(scan(yaml).findings, 'SEC-002')).toEqual(expected));

  it('a schedule naming a secret known only at deployment makes it not evaluated', () => {
    const yaml = secret + '  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: !Ref SecretArn\n      RotationLambdaARN: arn:fn\n';
    expect(brief(scan(yaml, 'Parameters:\n  SecretArn:\n    Type: String\n').findings, 'SEC-002')).toEqual(['SEC-002 not-evaluated Secret']);
  });

  it('account: RotationEnabled decides; unread is not evaluated', () => {
    const arn = (n: string) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${n}`;
    const r = live([
      { type: 'AWS::SecretsManager::Secret', id: arn('a'), arn: arn('a'), properties: { Name: 'a', RotationEnabled: false }, origin },
      { type: 'AWS::SecretsManager::Secret', id: arn('b'), arn: arn('b'), properties: { Name: 'b', RotationEnabled: true }, origin },
      { type: 'AWS::SecretsManager::RotationSchedule', id: `${arn('b')}:rotation`, properties: { SecretId: arn('b'), RotationLambdaARN: 'arn:fn' }, origin },
      { type: 'AWS::SecretsManager::Secret', id: arn('c'), arn: arn('c'), properties: { Name: 'c', RotationEnabled: new Unknown('secretsmanager:ListSecrets failed: AccessDenied') }, origin },
    ]);
    expect(r.findings.filter((f) => f.ruleId === 'SEC-002').map((f) => `${f.status} ${f.resource.id.split(':').pop()}`).sort()).toEqual(['fail a', 'not-evaluated c']);
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
