import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { Unknown } from '../../src/model/values.js';
import { OBSERVABILITY_RULES } from '../../src/rules/observability/index.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = OBSERVABILITY_RULES;
const scan = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });
const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (resources: Resource[]) => evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules });

describe('OBS-001 log-retention', () => {
  const group = (props: string) => `  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      LogGroupName: /ecs/api\n${props}`;
  const cases: [string, string, string, string[]][] = [
    ['retention set passes', group('      RetentionInDays: 30\n'), '', []],
    ['absent retention (never expire) fails', group(''), '', ['OBS-001 fail Logs']],
    ['a parameter default is judged', group('      RetentionInDays: !Ref Days\n'), 'Parameters:\n  Days:\n    Type: Number\n    Default: 14\n', []],
    ['a parameter without a default is not evaluated', group('      RetentionInDays: !Ref Days\n'), 'Parameters:\n  Days:\n    Type: Number\n', ['OBS-001 not-evaluated Logs']],
    ['Fn::If to NoValue fails in that branch', group('      RetentionInDays: !If [IsProd, 365, !Ref AWS::NoValue]\n'), 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n', ['OBS-001 fail Logs']],
  ];
  it.each(cases)('%s', (_n, yaml, extra, expected) => expect(brief(scan(yaml, extra).findings, 'OBS-001')).toEqual(expected));

  it('says the logs never expire, and names the branch', () => {
    const f = scan(group('      RetentionInDays: !If [IsProd, 365, !Ref AWS::NoValue]\n'), 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n').findings.find((x) => x.ruleId === 'OBS-001')!;
    expect(f.message).toMatch(/never expire \(when condition IsProd is false\)/);
  });

  it('account: retention absent fails, present passes', () => {
    const r = live([
      { type: 'AWS::Logs::LogGroup', id: '/a', properties: { LogGroupName: '/a' }, origin },
      { type: 'AWS::Logs::LogGroup', id: '/b', properties: { LogGroupName: '/b', RetentionInDays: 7 }, origin },
    ]);
    expect(brief(r.findings, 'OBS-001')).toEqual(['OBS-001 fail /a']);
  });
});

describe('OBS-002 billing-alarm', () => {
  const billing = `  BillingAlarm:
    Type: AWS::CloudWatch::Alarm
    Properties:
      Namespace: AWS/Billing
      MetricName: EstimatedCharges
      Dimensions: [{ Name: Currency, Value: USD }]
      Statistic: Maximum
      Period: 21600
      EvaluationPeriods: 1
      Threshold: 20
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [!Ref Topic]
  Topic:
    Type: AWS::SNS::Topic
`;
  const bucket = '  Bucket:\n    Type: AWS::S3::Bucket\n';

  it('a template with a billing alarm passes', () => {
    expect(brief(scan(billing + bucket).findings, 'OBS-002')).toEqual([]);
  });

  it('a template without one is not evaluated once, with the reason', () => {
    const f = scan(bucket + '  Other:\n    Type: AWS::SNS::Topic\n').findings.filter((x) => x.ruleId === 'OBS-002');
    // Named after the template file, on a synthetic stack resource: one per deployable unit.
    expect(f.map((x) => [x.status, x.resource.type])).toEqual([['not-evaluated', 'AWS::CloudFormation::Stack']]);
    expect(f[0]!.resource.id).toMatch(/\.yaml$/);
    expect(f[0]!.reason).toMatch(/defines no billing alarm.*stackaudit cost --budget/);
  });

  it('with a budget configured, the reason points at COST-001', () => {
    const f = scan(bucket, '', { configFile: { budget: 20 } }).findings.filter((x) => x.ruleId === 'OBS-002');
    expect(f[0]!.reason).toMatch(/\$20 budget is COST-001/);
  });

  const alarm = (id: string, props: Record<string, unknown>, region = 'us-east-1'): Resource => ({ type: 'AWS::CloudWatch::Alarm', id, properties: props, origin: { ...origin, region } });
  const bucketLive: Resource = { type: 'AWS::S3::Bucket', id: 'b', properties: {}, origin };

  it('account: no billing alarm fails on the account', () => {
    const r = live([bucketLive, alarm('cpu', { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', AlarmActions: ['arn:sns'] })]);
    const f = r.findings.filter((x) => x.ruleId === 'OBS-002');
    expect(f.map((x) => [x.status, x.resource.type, x.resource.id, x.resource.region])).toEqual([['fail', 'AWS::::Account', '111122223333', 'us-east-1']]);
    expect(f[0]!.message).toMatch(/among the 1 alarm\(s\) read in us-east-1/);
  });

  it('account: a billing alarm with actions passes; one without actions fails on the alarm', () => {
    expect(brief(live([bucketLive, alarm('bill', { Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', AlarmActions: ['arn:sns'] })]).findings, 'OBS-002')).toEqual([]);
    expect(brief(live([bucketLive, alarm('bill', { Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', AlarmActions: [] })]).findings, 'OBS-002')).toEqual(['OBS-002 fail bill']);
  });

  it('account: a metric-math alarm over EstimatedCharges counts', () => {
    const math = { Metrics: [{ Id: 'm1', MetricStat: { Metric: { Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges' }, Period: 21600, Stat: 'Maximum' } }], AlarmActions: ['arn:sns'] };
    expect(brief(live([bucketLive, alarm('bill', math)]).findings, 'OBS-002')).toEqual([]);
  });
});

describe('OBS-003 ecr-scan-and-lifecycle', () => {
  const repo = (props: string) => `  Repo:\n    Type: AWS::ECR::Repository\n    Properties:\n      RepositoryName: periodtracker/api\n${props}`;
  const lifecycle = '      LifecyclePolicy:\n        LifecyclePolicyText: \'{"rules":[{"rulePriority":1,"selection":{"tagStatus":"untagged","countType":"sinceImagePushed","countUnit":"days","countNumber":14},"action":{"type":"expire"}}]}\'\n';
  const cases: [string, string, string[]][] = [
    ['scan on push and a lifecycle policy pass', repo('      ImageScanningConfiguration: { ScanOnPush: true }\n' + lifecycle), []],
    ['"true" as a string passes', repo("      ImageScanningConfiguration: { ScanOnPush: 'true' }\n" + lifecycle), []],
    ['ScanOnPush false fails', repo('      ImageScanningConfiguration: { ScanOnPush: false }\n' + lifecycle), ['OBS-003 fail Repo']],
    ['ScanOnPush absent fails', repo(lifecycle), ['OBS-003 fail Repo']],
    ['no lifecycle policy fails', repo('      ImageScanningConfiguration: { ScanOnPush: true }\n'), ['OBS-003 fail Repo']],
    ['neither: two findings', repo(''), ['OBS-003 fail Repo', 'OBS-003 fail Repo']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => expect(brief(scan(yaml).findings, 'OBS-003')).toEqual(expected));

  it('account: a failed GetLifecyclePolicy read is not evaluated, not a fail', () => {
    const r = live([{ type: 'AWS::ECR::Repository', id: 'api', properties: { ImageScanningConfiguration: { ScanOnPush: true }, LifecyclePolicy: new Unknown('ecr:GetLifecyclePolicy failed: AccessDenied') }, origin }]);
    expect(brief(r.findings, 'OBS-003')).toEqual(['OBS-003 not-evaluated api']);
  });
});

describe('peer corpus (checkov CKV_AWS_66, CKV_AWS_163; cfn_nag W86, W79)', () => {
  it.skipIf(!hasCorpus)('every mapped peer FAIL is ours too', () => {
    const { misses, stricter, checked } = peerDisagreements(['OBS-001', 'OBS-002', 'OBS-003'], rules);
    expect(checked).toBeGreaterThan(5);
    expect(misses).toEqual([]);
    // Deliberate: OBS-003 also requires a lifecycle policy (003, 004); the peers check scanning only.
    expect(stricter).toEqual([
      'checkov CKV_AWS_163 PASSED.yml ImageScanTrue',
      'checkov CKV_AWS_163 PASSED.yml ImageScanTrueString',
      'cfn_nag W79 registries_with_scanonpush_enabled.yaml MyRepositoryWithScanEnabled',
    ]);
  });
});
