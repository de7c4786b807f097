import type { Rule } from '../../model/rule.js';
import { Unknown, asNumber, describe } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';

// `!Ref AWS::NoValue` as a whole property resolves to the resolver's NO_VALUE symbol; it means absent.
const present = (v: unknown): unknown => (typeof v === 'symbol' ? undefined : v);

export const logRetention: Rule = {
  meta: {
    id: 'OBS-001',
    name: 'log-retention',
    title: 'CloudWatch log groups have a retention period',
    area: 'observability',
    severity: 'low',
    resourceTypes: ['AWS::Logs::LogGroup'],
    rationale: 'Without RetentionInDays a log group never expires, so storage cost grows forever and old logs outlive any data-retention promise (004: "CloudWatch log retention policies").',
    remediation: 'Set RetentionInDays (e.g. 30 for dev, 90–365 for prod, per your compliance needs).',
    seeds: ['004'],
    equivalents: { checkov: ['CKV_AWS_66'], cfnNag: ['W86'], awsConfig: ['cw-loggroup-retention-period-check'], prowler: ['cloudwatch_log_group_retention_policy_specific_days_enabled'] },
  },
  check(group, ctx) {
    for (const raw of ctx.values(group, ['RetentionInDays'])) {
      const p = { value: present(raw.value), when: raw.when };
      if (p.value instanceof Unknown) {
        ctx.notEvaluated(group, `the retention is not known: ${p.value.reason}`, { path: ['Properties', 'RetentionInDays'] });
      } else if (p.value === undefined) {
        // Absent RetentionInDays means "never expire": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html
        ctx.fail(group, `log group ${group.id} has no RetentionInDays, so its logs never expire${whenText(p.when)}`, { path: ['Properties'] });
      } else if (asNumber(p.value) === undefined) {
        ctx.notEvaluated(group, `RetentionInDays ${describe(p.value)} is known only at deployment`, { path: ['Properties', 'RetentionInDays'] });
      }
    }
  },
};
