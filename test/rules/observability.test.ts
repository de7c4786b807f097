// Behaviour the tables in cases/observability.ts do not pin: the input-level OBS-002 findings of
// templates (they name the template file), failed live reads end to end through the collectors,
// and agreement with the peer tools.

import { describe, expect, it } from 'vitest';
import { auditAccount } from '../../src/engine/audit-account.js';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { createSnapshotCallSource } from '../../src/scanners/account/snapshot.js';
import { OBSERVABILITY_RULES } from '../../src/rules/observability/index.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { fail, ok, snapshotOf } from '../scanners/account/helpers.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = OBSERVABILITY_RULES;
const scan = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });
const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (resources: Resource[]) => evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules });

describe('OBS-002 billing-alarm', () => {
  const billing = `  BillingAlarm:
    Type: AWS::CloudWatch::Alarm
    Condition: IsProd
    Properties:
      Namespace: AWS/Billing
      MetricName: EstimatedCharges
      Statistic: Maximum
      Period: 21600
      EvaluationPeriods: 1
      Threshold: 20
      ComparisonOperator: GreaterThanThreshold
      AlarmActions: [arn:aws:sns:us-east-1:111122223333:billing]
`;
  const bucket = '  Bucket:\n    Type: AWS::S3::Bucket\n';

  it('a template without one is not evaluated once, on the template, saying a template cannot show it', () => {
    const f = scan(bucket + '  Other:\n    Type: AWS::SNS::Topic\n').findings.filter((x) => x.ruleId === 'OBS-002');
    // Named after the template file, on a synthetic stack resource: one per input.
    expect(f.map((x) => [x.status, x.messageId, x.resource.type])).toEqual([['not-evaluated', 'engine/unknown', 'AWS::CloudFormation::Stack']]);
    expect(f[0]!.resource.id).toMatch(/\.yaml$/);
    expect(f[0]!.reason).toMatch(/a template shows only the alarms it defines; whether the account has a billing alarm is visible in a live audit/);
  });

  it('a billing alarm that exists only under a condition: not evaluated in the other scenario, saying which', () => {
    const f = scan(billing + bucket, 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n').findings.filter((x) => x.ruleId === 'OBS-002');
    expect(f.map((x) => [x.status, x.resource.type])).toEqual([['not-evaluated', 'AWS::CloudFormation::Stack']]);
    expect(f[0]!.message).toMatch(/\(when parameter Env is none of "prod"\)$/);
  });

  it('with the billing alarm in the template, the template passes', () => {
    expect(brief(scan(billing.replace('    Condition: IsProd\n', '') + bucket).findings, 'OBS-002')).toEqual([]);
  });

  it('account: no billing alarm fails on the account, in us-east-1', () => {
    const r = live([
      { type: 'AWS::S3::Bucket', id: 'b', properties: {}, origin },
      { type: 'AWS::CloudWatch::Alarm', id: 'cpu', properties: { Namespace: 'AWS/EC2', MetricName: 'CPUUtilization', AlarmActions: ['arn:sns'] }, origin },
    ]);
    const f = r.findings.filter((x) => x.ruleId === 'OBS-002');
    expect(f.map((x) => [x.status, x.resource.type, x.resource.id, x.resource.region])).toEqual([['fail', 'AWS::::Account', '111122223333', 'us-east-1']]);
    expect(f[0]!.message).toMatch(/no billing alarm .*us-east-1/);
  });

  describe('failed DescribeAlarms, end to end through the collectors', () => {
    const logs = ok('cloudwatch-logs', 'DescribeLogGroups', 'us-east-1', { limit: 50 }, { logGroups: [{ logGroupName: '/a', retentionInDays: 7 }] });
    const audit = (alarms: ReturnType<typeof ok>, services = ['logs', 'cloudwatch']) =>
      auditAccount({ source: createSnapshotCallSource(snapshotOf([logs, alarms])), regions: ['us-east-1'], services, rules });

    it.each([
      ['AccessDenied', 'denied'],
      ['ThrottlingException', 'throttled'],
    ])('%s (%s): not evaluated, naming the call, never "no billing alarm"', async (error) => {
      const r = await audit(fail('cloudwatch', 'DescribeAlarms', 'us-east-1', { MaxRecords: 100 }, error));
      const f = r.findings.filter((x) => x.ruleId === 'OBS-002');
      expect(f.map((x) => [x.status, x.resource.id])).toEqual([['not-evaluated', '111122223333']]);
      expect(f[0]!.reason).toContain(`cloudwatch:DescribeAlarms failed in us-east-1: ${error}`);
    });

    it('answered: the alarms decide', async () => {
      const r = await audit(
        ok(
          'cloudwatch',
          'DescribeAlarms',
          'us-east-1',
          { MaxRecords: 100 },
          { MetricAlarms: [{ AlarmName: 'bill', Namespace: 'AWS/Billing', MetricName: 'EstimatedCharges', AlarmActions: ['arn:sns'] }] },
        ),
      );
      expect(brief(r.findings, 'OBS-002')).toEqual([]);
    });

    // A service left out with --services is a failed read of what it would have listed.
    it('not collected (--services logs): not evaluated, never "no billing alarm"', async () => {
      const r = await auditAccount({ source: createSnapshotCallSource(snapshotOf([logs])), regions: ['us-east-1'], services: ['logs'], rules });
      expect(r.findings.filter((x) => x.ruleId === 'OBS-002').map((x) => x.status)).toEqual(['not-evaluated']);
    });
  });
});

describe('peer corpus (checkov CKV_AWS_66, CKV_AWS_163; cfn_nag W86, W79)', () => {
  it.skipIf(!hasCorpus)('every mapped peer FAIL is ours too', () => {
    const { misses, stricter, checked } = peerDisagreements(['OBS-001', 'OBS-002', 'OBS-003'], rules);
    expect(checked).toBeGreaterThan(5);
    expect(misses).toEqual([]);
    // Deliberate: OBS-003 also requires a lifecycle policy; the peers check scanning only.
    expect(stricter).toEqual([
      'checkov CKV_AWS_163 PASSED.yml ImageScanTrue',
      'checkov CKV_AWS_163 PASSED.yml ImageScanTrueString',
      'cfn_nag W79 registries_with_scanonpush_enabled.yaml MyRepositoryWithScanEnabled',
    ]);
  });
});
