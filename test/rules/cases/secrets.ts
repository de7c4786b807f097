import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

const tpl = (resources: string, head = '') => `${head}Resources:\n${resources}`;
const lambda = (vars: string, type = 'AWS::Lambda::Function') => `  Fn:
    Type: ${type}
    Properties:
      Runtime: nodejs20.x
      Handler: index.handler
      Code: { ZipFile: 'x' }
      Environment:
        Variables:
${vars}`;
const sam = (vars: string) => lambda(vars, 'AWS::Serverless::Function');
const SAM = 'Transform: AWS::Serverless-2016-10-31\n';
const task = (environment: string, secrets = '') => `  Task:
    Type: AWS::ECS::TaskDefinition
    Properties:
      ContainerDefinitions:
        - Name: api
          Image: api:latest
          Environment:
${environment}${secrets}`;
const instance = (script: string) => `  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      UserData:
        Fn::Base64: !Sub |
${script
  .split('\n')
  .map((l) => `          ${l}`)
  .join('\n')}
`;
const noEcho = (name: string, def?: string) => `Parameters:\n  ${name}:\n    Type: String\n    NoEcho: true\n${def === undefined ? '' : `    Default: ${def}\n`}`;
const schedule = (fn: string, id = '!Ref Secret') =>
  `  Rotation:\n    Type: AWS::SecretsManager::RotationSchedule\n    Properties:\n      SecretId: ${id}\n${fn}      RotationRules: { AutomaticallyAfterDays: 30 }\n`;
const secret = '  Secret:\n    Type: AWS::SecretsManager::Secret\n    Properties:\n      GenerateSecretString: {}\n';

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin });
const secretArn = (n: string) => `arn:aws:secretsmanager:us-east-1:111122223333:secret:${n}`;
const liveSecret = (n: string, rotation: unknown): Resource => ({
  type: 'AWS::SecretsManager::Secret',
  id: secretArn(n),
  arn: secretArn(n),
  properties: { Name: n, RotationEnabled: rotation },
  origin,
});

export const SECRETS_CASES: Record<string, RuleCases> = {
  'SEC-001': {
    valid: [
      { name: 'a Lambda dynamic reference', template: tpl(lambda("          DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'\n")) },
      { name: 'a Lambda Ref to a resource', template: tpl(lambda('          DB_SECRET: !Ref Secret\n') + secret) },
      { name: 'names that are not secrets', template: tpl(lambda('          NODE_ENV: production\n          TOKEN_URL: https://auth.example.com/token\n')) },
      { name: 'a NoEcho parameter without a Default is given at deployment', template: tpl(lambda('          DB_PASSWORD: !Ref DbPassword\n'), noEcho('DbPassword')) },
      {
        name: 'a parameter given on the command line is the deployer’s',
        template: tpl(lambda('          DB_PASSWORD: !Ref DbPassword\n'), noEcho('DbPassword', 'example-password')),
        parameters: { DbPassword: 'given-at-deploy' },
      },
      { name: 'an import from another stack is not written here', template: tpl(lambda('          API_TOKEN: !ImportValue shared-api-token\n')) },
      {
        name: 'ECS secrets injected with ValueFrom',
        template: tpl(
          task(
            '            - { Name: NODE_ENV, Value: production }\n',
            '          Secrets:\n            - { Name: DB_PASSWORD, ValueFrom: arn:aws:secretsmanager:us-east-1:111122223333:secret:db }\n',
          ),
        ),
      },
      { name: 'ECS an SSM parameter reference is not a secret', template: tpl(task("            - { Name: DB_HOST, Value: '{{resolve:ssm:/prod/db/host}}' }\n")) },
      {
        name: 'user data passing a key file by path (file://)',
        template: tpl(
          instance('#!/bin/bash\naws acm import-certificate --certificate fileb://cert.pem --private-key file:///tmp/key.pem\nexport SSH_PRIVATE_KEY=/home/ec2-user/.ssh/id_rsa'),
        ),
      },
      {
        name: 'a SAM function taking its password from Secrets Manager',
        template: tpl(sam("          DB_PASSWORD: '{{resolve:secretsmanager:db:SecretString:password}}'\n"), SAM),
      },
    ],
    invalid: [
      {
        name: 'a Lambda literal password',
        template: tpl(lambda('          DB_PASSWORD: example-password\n')),
        expect: [{ messageId: 'literal', resource: 'Fn', line: 10, contains: 'environment variable DB_PASSWORD=ex**** is a plaintext secret' }],
      },
      {
        name: 'a NoEcho parameter Default is a literal of the template',
        template: tpl(lambda('          DB_PASSWORD: !Ref DbPassword\n'), noEcho('DbPassword', 'example-password')),
        expect: [{ messageId: 'parameter-default', resource: 'Fn', contains: 'the Default of parameter DbPassword' }],
      },
      {
        name: 'only the scenario with the literal fails, and says so',
        template: tpl(
          lambda("          DB_PASSWORD: !If [IsDev, dev-password-1, '{{resolve:secretsmanager:db}}']\n"),
          'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n',
        ),
        expect: [{ messageId: 'literal', resource: 'Fn', contains: '(when parameter Env is dev)' }],
      },
      {
        name: 'ECS environment literal, per container',
        template: tpl(task('            - Name: NODE_ENV\n              Value: production\n            - Name: JWT_SECRET\n              Value: jwt-secret-literal\n')),
        expect: [{ messageId: 'literal', resource: 'Task', line: 12, contains: 'container api environment variable JWT_SECRET=jw****' }],
      },
      {
        name: 'ECS a Secrets Manager dynamic reference in Environment is stored in plaintext',
        template: tpl(task("            - Name: DB_PASSWORD\n              Value: '{{resolve:secretsmanager:prod/db:SecretString:password}}'\n")),
        expect: [{ messageId: 'dynamic-reference', resource: 'Task', line: 10, contains: 'stores the secret in plaintext in the task definition' }],
      },
      {
        name: 'ECS a dynamic reference inside Fn::Sub, under any name',
        template: tpl(
          task("            - Name: DATABASE_URL\n              Value: !Sub 'postgres://app:{{resolve:secretsmanager:db:SecretString:password}}@${Db}/app'\n") +
            '  Db:\n    Type: AWS::SNS::Topic\n',
        ),
        expect: [{ messageId: 'dynamic-reference', resource: 'Task', contains: 'use the container' }],
      },
      {
        name: 'App Runner runtime variables',
        template: tpl(`  Api:
    Type: AWS::AppRunner::Service
    Properties:
      SourceConfiguration:
        ImageRepository:
          ImageIdentifier: 111122223333.dkr.ecr.ap-south-1.amazonaws.com/api:latest
          ImageRepositoryType: ECR
          ImageConfiguration:
            RuntimeEnvironmentVariables:
              - { Name: DATABASE_HOST, Value: db.example.com }
              - { Name: DATABASE_PASSWORD, Value: pt-db-password }
            RuntimeEnvironmentSecrets:
              - { Name: JWT_SECRET, Value: arn:aws:secretsmanager:ap-south-1:111122223333:secret:jwt }
`),
        expect: [{ messageId: 'literal', resource: 'Api', contains: 'DATABASE_PASSWORD=pt****' }],
      },
      {
        name: 'user data exporting a password',
        template: tpl(
          instance('#!/bin/bash\nexport DB_HOST=${Db.Endpoint.Address}\nexport DB_PASSWORD=userdata-pass-1') +
            '  Db:\n    Type: AWS::RDS::DBInstance\n    Properties: { Engine: postgres }\n',
        ),
        expect: [{ messageId: 'user-data', resource: 'Web', contains: 'user data sets DB_PASSWORD=us****' }],
      },
      {
        name: 'user data holding a private key',
        template: tpl(instance('#!/bin/bash\necho "-----BEGIN RSA PRIVATE KEY-----" > /tmp/k')),
        expect: [{ messageId: 'user-data-shape', resource: 'Web', contains: 'a private key' }],
      },
      {
        name: 'a SAM function literal password',
        template: tpl(sam('          DB_PASSWORD: example-password\n'), SAM),
        expect: [{ messageId: 'literal', resource: 'Fn', contains: 'DB_PASSWORD=ex****' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a value picked from a list known only at deployment',
        template: tpl(lambda('          API_KEY: !Select [0, !Ref Keys]\n'), 'Parameters:\n  Keys:\n    Type: CommaDelimitedList\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Fn', contains: 'Fn::Select over values known only at deployment' }],
      },
    ],
    account: [
      {
        name: 'Lambda variables that could not be decrypted; instance user data not collected; ECS literal key',
        resources: [
          live('AWS::Lambda::Function', 'f1', { Environment: { Variables: new Unknown('lambda:ListFunctions could not decrypt the environment: KMSAccessDenied') } }),
          live('AWS::ECS::TaskDefinition', 'td:1', { ContainerDefinitions: [{ Name: 'api', Environment: [{ Name: 'STRIPE_API_KEY', Value: 'sk_live_abcdefghijklmnop1234' }] }] }),
          live('AWS::EC2::Instance', 'i-1', { UserData: new Unknown('user data not collected (one DescribeInstanceAttribute call per instance)') }),
        ],
        expect: [
          { status: 'not-evaluated', messageId: 'engine/unknown', resource: 'f1', contains: 'KMSAccessDenied' },
          { status: 'fail', messageId: 'literal', resource: 'td:1', contains: 'a Stripe live key' },
          { status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-1', contains: 'user data not collected' },
        ],
      },
      {
        name: 'a task definition whose DescribeTaskDefinition failed',
        resources: [live('AWS::ECS::TaskDefinition', 'td:2', { ContainerDefinitions: new Unknown('ecs:DescribeTaskDefinition failed: AccessDeniedException') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'td:2', contains: 'ecs:DescribeTaskDefinition failed' }],
      },
      { name: 'live Lambda with plain settings', resources: [live('AWS::Lambda::Function', 'f2', { Environment: { Variables: { NODE_ENV: 'production' } } })], expect: [] },
    ],
  },
  'SEC-002': {
    valid: [
      { name: 'a hosted rotation', template: tpl(secret + schedule('      HostedRotationLambda: { RotationType: PostgreSQLSingleUser }\n')) },
      { name: 'a rotation function', template: tpl(secret + schedule('      RotationLambdaARN: arn:aws:lambda:us-east-1:111122223333:function:rotate\n')) },
    ],
    invalid: [
      { name: 'no schedule', template: tpl(secret), expect: [{ messageId: 'no-schedule', resource: 'Secret' }] },
      { name: 'a schedule without a function', template: tpl(secret + schedule('')), expect: [{ messageId: 'no-function', resource: 'Secret', contains: 'Rotation' }] },
      {
        name: 'a schedule that exists only in prod',
        template: tpl(
          secret +
            schedule('      RotationLambdaARN: arn:fn\n').replace(
              '    Type: AWS::SecretsManager::RotationSchedule\n',
              '    Type: AWS::SecretsManager::RotationSchedule\n    Condition: IsProd\n',
            ),
          'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
        ),
        expect: [{ messageId: 'no-schedule', resource: 'Secret', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a schedule naming a secret known only at deployment',
        template: tpl(secret + schedule('      RotationLambdaARN: arn:fn\n', '!Ref SecretArn'), 'Parameters:\n  SecretArn:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Secret', contains: 'rotation schedule Rotation names a secret known only at deployment' }],
      },
    ],
    account: [
      {
        name: 'RotationEnabled decides; unread is not evaluated',
        resources: [
          liveSecret('a', false),
          liveSecret('b', true),
          { type: 'AWS::SecretsManager::RotationSchedule', id: `${secretArn('b')}:rotation`, properties: { SecretId: secretArn('b'), RotationLambdaARN: 'arn:fn' }, origin },
          liveSecret('c', new Unknown('secretsmanager:ListSecrets failed: AccessDenied')),
        ],
        expect: [
          { status: 'fail', messageId: 'disabled', resource: secretArn('a') },
          { status: 'not-evaluated', messageId: 'engine/unknown', resource: secretArn('c'), contains: 'AccessDenied' },
        ],
      },
    ],
  },
};
