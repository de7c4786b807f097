import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, asString, isRecord } from '../../model/values.js';

const ALARM = 'AWS::CloudWatch::Alarm';
const BILLING_DOC = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/monitor_estimated_charges_with_cloudwatch.html';

function isBillingMetric(m: unknown): boolean | Unknown {
  if (m instanceof Unknown) return m;
  if (!isRecord(m)) return false;
  const namespace = m['Namespace'];
  const metric = m['MetricName'];
  if (namespace instanceof Unknown) return namespace;
  if (metric instanceof Unknown) return metric;
  return asString(namespace) === 'AWS/Billing' && asString(metric) === 'EstimatedCharges';
}

/** Whether an alarm watches AWS/Billing EstimatedCharges, directly or inside metric math. */
function watchesBilling(ctx: RuleContext, alarm: Resource): boolean | Unknown {
  const direct = isBillingMetric(ctx.get(alarm, []));
  if (direct !== false) return direct;
  const metrics = ctx.get(alarm, ['Metrics']);
  if (metrics instanceof Unknown) return metrics;
  if (!Array.isArray(metrics)) return false;
  let unknown: Unknown | undefined;
  for (const q of metrics) {
    const hit = isBillingMetric(isRecord(q) && isRecord(q['MetricStat']) ? q['MetricStat']['Metric'] : q instanceof Unknown ? q : undefined);
    if (hit === true) return true;
    if (hit instanceof Unknown) unknown ??= hit;
  }
  return unknown ?? false;
}

/** Whether an alarm notifies someone: enabled actions (ActionsEnabled defaults to true). */
function notifies(ctx: RuleContext, alarm: Resource): boolean | Unknown {
  const enabled = ctx.get(alarm, ['ActionsEnabled']);
  if (enabled instanceof Unknown) return enabled;
  if (enabled !== undefined && asBoolean(enabled) === false) return false;
  const actions = ctx.get(alarm, ['AlarmActions']);
  if (actions instanceof Unknown) return actions;
  return Array.isArray(actions) ? actions.length > 0 : actions !== undefined;
}

export const billingAlarm = defineRule({
  meta: {
    id: 'OBS-002',
    name: 'billing-alarm',
    title: 'A billing alarm exists (live) / the estimate is within the budget (templates)',
    area: 'observability',
    severity: 'medium',
    // Each alarm is checked for whether a billing alarm notifies anyone; the input as a whole
    // (checkInput) for whether it has one at all.
    resourceTypes: [ALARM],
    rationale:
      'Without a billing alarm a runaway resource (a forgotten NAT gateway, a traffic spike) is found on the invoice; an alert when the bill passes a threshold (say $20) finds it within hours.',
    remediation: `Create a CloudWatch alarm on AWS/Billing EstimatedCharges (us-east-1, with "Receive Billing Alerts" enabled) that notifies an SNS topic, or an AWS Budgets alert: ${BILLING_DOC}`,
    messages: {
      none: 'account {{account}} has no billing alarm (no alarm on AWS/Billing EstimatedCharges in us-east-1, where billing metrics are published)',
      silent: 'billing alarm {{alarm}} has no enabled alarm actions, so it notifies no one',
    },
    seeds: ['001'],
    equivalents: { prowler: ['billing_budget_exists'] },
  },
  check(alarm, ctx) {
    // Alarms whose metric is known only at deployment are the input check's concern.
    if (ctx.tolerate(() => watchesBilling(ctx, alarm)) !== true) return;
    if (notifies(ctx, alarm) === false) ctx.report({ messageId: 'silent', data: { alarm: alarm.id }, path: ['Properties'] });
  },
  checkInput(ctx) {
    const input = ctx.index.inputResource();
    const billing = (a: Resource) => ctx.tolerate(() => watchesBilling(ctx, a)) === true;
    // A billing alarm of the input is judged by its own check (does it notify anyone?).
    const found = ctx.tolerate(() => ctx.index.find(ALARM, input, billing));
    if (found && !(found instanceof Unknown)) return;
    // None: an answer only when every alarm was read. A failed or skipped DescribeAlarms, or a
    // template (which shows only the alarms it defines), makes it an Unknown, recorded.
    if (ctx.index.find(ALARM, input, billing) instanceof Unknown) return;
    // An alarm whose metric is known only at deployment may be the billing alarm.
    const maybe = ctx.tolerate(() => ctx.index.find(ALARM, input, (a) => ctx.tolerate(() => watchesBilling(ctx, a)) instanceof Unknown));
    if (maybe && !(maybe instanceof Unknown)) {
      watchesBilling(ctx, maybe);
      return;
    }
    ctx.report({ messageId: 'none', data: { account: input.id } });
  },
});
