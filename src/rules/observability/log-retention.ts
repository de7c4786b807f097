import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { numberOf } from '../lib/read.js';

export const logRetention = defineRule({
  meta: {
    id: 'OBS-001',
    name: 'log-retention',
    title: 'CloudWatch log groups have a retention period',
    area: 'observability',
    severity: 'low',
    resourceTypes: ['AWS::Logs::LogGroup'],
    rationale: 'Without RetentionInDays a log group never expires, so storage cost grows forever and old logs outlive any data-retention promise.',
    remediation: 'Set RetentionInDays (e.g. 30 for dev, 90–365 for prod, per your compliance needs).',
    messages: {
      'never-expire': 'log group {{group}} has no RetentionInDays, so its logs never expire',
    },
    seeds: ['004'],
    equivalents: {
      checkov: ['CKV_AWS_66'],
      cfnNag: ['W86'],
      awsConfig: ['cw-loggroup-retention-period-check'],
      prowler: ['cloudwatch_log_group_retention_policy_specific_days_enabled'],
    },
  },
  check(group, ctx) {
    const days = numberOf(ctx, group, ['RetentionInDays']);
    if (days instanceof Unknown) return;
    // Absent RetentionInDays means "never expire": https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-logs-loggroup.html
    if (days === undefined) ctx.report({ messageId: 'never-expire', data: { group: group.id }, path: ['Properties'] });
  },
});
