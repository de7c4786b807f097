import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

const tpl = (resources: string, head = '') => `${head}Resources:\n${resources}`;
const ENV = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n';

const logGroup = (props: string) => `  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /ecs/api\n${props}`;

const billing = (extra = '', actions = '      AlarmActions: [!Ref Topic]\n') => `  BillingAlarm:
    Type: AWS::CloudWatch::Alarm
${extra}    Properties:
      Namespace: AWS/Billing
      MetricName: EstimatedCharges
      Dimensions: [{ Name: Currency, Value: USD }]
      Statistic: Maximum
      Period: 21600
      EvaluationPeriods: 1
      Threshold: 20
      ComparisonOperator: GreaterThanThreshold
${actions}  Topic:
    Type: AWS::SNS::Topic
`;
const bucket = '  Bucket:\n    Type: AWS::S3::Bucket\n';

const repo = (props: string) => `  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: api\n${props}`;
const lifecycle =
  '      LifecyclePolicy:\n        LifecyclePolicyText: \'{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}\'\n';

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (type: string, id: string, properties: Record<string, unknown>, region = 'us-east-1'): Resource => ({ type, id, properties, origin: { ...origin, region } });
const liveBucket = live('AWS::S3::Bucket', 'b', {});
const alarm = (id: string, props: Record<string, unknown>, region?: string) => live('AWS::CloudWatch::Alarm', id, props, region);
const billingMetric = { Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges' };

export const OBSERVABILITY_CASES: Record<string, RuleCases> = {
  'OBS-001': {
    valid: [
      { name: 'retention set', template: tpl(logGroup('      RetentionInDays: 30\n')) },
      { name: 'a parameter Default is judged', template: tpl(logGroup('      RetentionInDays: !Ref Days\n'), 'Parameters:\n  Days:\n    Type: Number\n    Default: 14\n') },
    ],
    invalid: [
      { name: 'no retention: the logs never expire', template: tpl(logGroup('')), expect: [{ messageId: 'never-expire', resource: 'Logs', contains: 'never expire' }] },
      {
        name: 'only the scenario without retention fails, and says so',
        template: tpl(logGroup('      RetentionInDays: !If [IsProd, 365, !Ref AWS::NoValue]\n'), ENV),
        expect: [{ messageId: 'never-expire', resource: 'Logs', contains: 'never expire (when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a retention parameter without a value',
        template: tpl(logGroup('      RetentionInDays: !Ref Days\n'), 'Parameters:\n  Days:\n    Type: Number\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Logs', contains: 'Days has no Default' }],
      },
    ],
    account: [
      {
        name: 'live retention absent fails, present passes',
        resources: [live('AWS::Logs::LogGroup', '/a', { LogGroupName: '/a' }), live('AWS::Logs::LogGroup', '/b', { LogGroupName: '/b', RetentionInDays: 7 })],
        expect: [{ status: 'fail', messageId: 'never-expire', resource: '/a' }],
      },
    ],
  },
  'OBS-002': {
    valid: [
      { name: 'a template that defines a billing alarm with actions', template: tpl(billing() + bucket) },
      { name: 'a billing alarm with ActionsEnabled true', template: tpl(billing('', "      ActionsEnabled: 'true'\n      AlarmActions: [!Ref Topic]\n")) },
    ],
    invalid: [
      {
        name: 'a billing alarm with its actions disabled notifies no one',
        template: tpl(billing('', '      ActionsEnabled: false\n      AlarmActions: [!Ref Topic]\n')),
        expect: [{ messageId: 'silent', resource: 'BillingAlarm' }],
      },
      { name: 'a billing alarm without actions notifies no one', template: tpl(billing('', '')), expect: [{ messageId: 'silent', resource: 'BillingAlarm' }] },
    ],
    // The input-level not-evaluated findings of templates (no billing alarm shown) name the
    // template file, which these tables cannot predict: test/rules/observability.test.ts has them.
    notEvaluated: [
      {
        name: 'a billing alarm whose actions are known only at deployment',
        template: tpl(billing('', '      AlarmActions: !Ref Topics\n'), 'Parameters:\n  Topics:\n    Type: CommaDelimitedList\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'BillingAlarm', contains: 'Topics has no Default' }],
      },
    ],
    account: [
      {
        name: 'no billing alarm fails on the account',
        resources: [liveBucket, alarm('cpu', { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', AlarmActions: ['arn:sns'] })],
        expect: [{ status: 'fail', messageId: 'none', resource: '111122223333' }],
      },
      { name: 'a billing alarm with actions passes', resources: [liveBucket, alarm('bill', { ...billingMetric, AlarmActions: ['arn:sns'] })], expect: [] },
      {
        name: 'a metric-math alarm over EstimatedCharges counts',
        resources: [liveBucket, alarm('bill', { Metrics: [{ Id: 'm1', MetricStat: { Metric: billingMetric, Period: 21600, Stat: 'Maximum' } }], AlarmActions: ['arn:sns'] })],
        expect: [],
      },
      {
        name: 'a billing alarm without actions fails on the alarm',
        resources: [liveBucket, alarm('bill', { ...billingMetric, AlarmActions: [] })],
        expect: [{ status: 'fail', messageId: 'silent', resource: 'bill' }],
      },
      {
        name: 'a billing alarm outside us-east-1 is not the account’s billing alarm',
        resources: [liveBucket, alarm('bill', { ...billingMetric, AlarmActions: ['arn:sns'] }, 'eu-west-1')],
        expect: [{ status: 'fail', messageId: 'none', resource: '111122223333' }],
      },
      {
        name: 'DescribeAlarms denied: not evaluated, naming the call',
        resources: [liveBucket],
        failedReads: [{ region: 'us-east-1', call: 'cloudwatch:DescribeAlarms', error: 'AccessDenied' }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: '111122223333', contains: 'cloudwatch:DescribeAlarms failed in us-east-1: AccessDenied' }],
      },
      {
        name: 'DescribeAlarms throttled: not evaluated, naming the call',
        resources: [liveBucket, alarm('cpu', { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization' })],
        failedReads: [{ region: 'us-east-1', call: 'cloudwatch:DescribeAlarms', error: 'ThrottlingException' }],
        expect: [
          { status: 'not-evaluated', messageId: 'engine/unknown', resource: '111122223333', contains: 'cloudwatch:DescribeAlarms failed in us-east-1: ThrottlingException' },
        ],
      },
      {
        name: 'alarms not collected (--services ec2): not evaluated',
        resources: [live('AWS::EC2::Instance', 'i-1', {})],
        failedReads: [{ region: 'us-east-1', call: 'cloudwatch:DescribeAlarms', error: 'not collected (--services ec2)', types: ['AWS::CloudWatch::Alarm'] }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: '111122223333', contains: 'not collected (--services ec2)' }],
      },
      {
        name: 'an alarm whose actions could not be read',
        resources: [liveBucket, alarm('bill', { ...billingMetric, AlarmActions: new Unknown('cloudwatch:DescribeAlarms returned no actions') })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'bill', contains: 'returned no actions' }],
      },
    ],
  },
  'OBS-003': {
    valid: [
      { name: 'scan on push and a lifecycle policy', template: tpl(repo('      ImageScanningConfiguration: { ScanOnPush: true }\n' + lifecycle)) },
      { name: '"true" as a string', template: tpl(repo("      ImageScanningConfiguration: { ScanOnPush: 'true' }\n" + lifecycle)) },
      {
        name: 'a lifecycle policy text known only at deployment is a policy',
        template: tpl(
          repo('      ImageScanningConfiguration: { ScanOnPush: true }\n      LifecyclePolicy:\n        LifecyclePolicyText: !Ref Policy\n'),
          'Parameters:\n  Policy:\n    Type: String\n',
        ),
      },
    ],
    invalid: [
      {
        name: 'ScanOnPush false',
        template: tpl(repo('      ImageScanningConfiguration: { ScanOnPush: false }\n' + lifecycle)),
        expect: [{ messageId: 'scan-off', resource: 'Repo' }],
      },
      { name: 'ScanOnPush absent', template: tpl(repo(lifecycle)), expect: [{ messageId: 'no-scan', resource: 'Repo' }] },
      { name: 'no lifecycle policy', template: tpl(repo('      ImageScanningConfiguration: { ScanOnPush: true }\n')), expect: [{ messageId: 'no-lifecycle', resource: 'Repo' }] },
      {
        name: 'neither: two findings',
        template: tpl(repo('      ImageTagMutability: MUTABLE\n')),
        expect: [
          { messageId: 'no-scan', resource: 'Repo' },
          { messageId: 'no-lifecycle', resource: 'Repo' },
        ],
      },
    ],
    notEvaluated: [
      {
        name: 'ScanOnPush known only at deployment',
        template: tpl(repo('      ImageScanningConfiguration: { ScanOnPush: !Ref Scan }\n' + lifecycle), 'Parameters:\n  Scan:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Repo', contains: 'Scan has no Default' }],
      },
    ],
    account: [
      {
        name: 'a failed GetLifecyclePolicy read is not evaluated, not a fail',
        resources: [
          live('AWS::ECR::Repository', 'api', { ImageScanningConfiguration: { ScanOnPush: true }, LifecyclePolicy: new Unknown('ecr:GetLifecyclePolicy failed: AccessDenied') }),
        ],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'api', contains: 'ecr:GetLifecyclePolicy failed' }],
      },
      {
        name: 'live scan off, no lifecycle policy',
        resources: [live('AWS::ECR::Repository', 'web', { ImageScanningConfiguration: { ScanOnPush: false } })],
        expect: [
          { status: 'fail', messageId: 'scan-off', resource: 'web' },
          { status: 'fail', messageId: 'no-lifecycle', resource: 'web' },
        ],
      },
    ],
  },
};
