import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { asBoolean, asString, isRecord } from '../../model/values.js';

const BILLING_DOC = 'https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/monitor_estimated_charges_with_cloudwatch.html';

function isBillingMetric(m: unknown): boolean {
  return isRecord(m) && asString(m['Namespace']) === 'AWS/Billing' && asString(m['MetricName']) === 'EstimatedCharges';
}

/** An alarm on AWS/Billing EstimatedCharges, directly or inside metric math. */
function watchesBilling(ctx: RuleContext, alarm: Resource): boolean {
  return ctx.values(alarm, []).some((p) => {
    if (!isRecord(p.value)) return false;
    if (isBillingMetric(p.value)) return true;
    const metrics = p.value['Metrics'];
    return Array.isArray(metrics) && metrics.some((q) => isRecord(q) && isRecord(q['MetricStat']) && isBillingMetric(q['MetricStat']['Metric']));
  });
}

function notifies(ctx: RuleContext, alarm: Resource): boolean {
  return ctx.values(alarm, []).some((p) => {
    if (!isRecord(p.value)) return false;
    const actions = p.value['AlarmActions'];
    return asBoolean(p.value['ActionsEnabled']) !== false && (Array.isArray(actions) ? actions.length > 0 : actions !== undefined);
  });
}

/**
 * The account itself, for a finding about something it lacks. Billing metrics exist only in
 * us-east-1, so that is where the finding points.
 */
export function accountResource(account: string): Resource {
  return { type: 'AWS::::Account', id: account, properties: {}, origin: { kind: 'account', account, region: 'us-east-1' } };
}

export const billingAlarm: Rule = {
  meta: {
    id: 'OBS-002',
    name: 'billing-alarm',
    title: 'A billing alarm exists (live) / the estimate is within the budget (templates)',
    area: 'observability',
    severity: 'medium',
    // Judged over the whole inventory (checkInventory): the control is about what is absent.
    resourceTypes: [],
    rationale: '001 alerts when the bill passes $20; without a billing alarm a runaway resource (a forgotten NAT gateway, a traffic spike) is found on the invoice.',
    remediation: `Create a CloudWatch alarm on AWS/Billing EstimatedCharges (us-east-1, with "Receive Billing Alerts" enabled) that notifies an SNS topic, or an AWS Budgets alert: ${BILLING_DOC}`,
    seeds: ['001'],
    equivalents: { prowler: ['billing_budget_exists'] },
  },
  check() {},
  checkInventory(ctx) {
    const alarms = ctx.index.ofType('AWS::CloudWatch::Alarm').filter((a) => watchesBilling(ctx, a));
    if (ctx.input === 'template') {
      // One billing alarm serves the whole account, so one in any scanned template is enough.
      if (alarms.length > 0) return;
      // One finding per deployable unit: a loose template, or a whole cloud assembly (its stacks
      // share an account), on a synthetic stack resource rather than an arbitrary first resource.
      const units = new Map<string, Resource>();
      for (const r of ctx.index.resources) {
        if (r.origin.kind !== 'template') continue;
        const file = r.origin.file;
        const dir = file.replace(/[\\/][^\\/]*$/, '');
        const key = r.origin.stack !== undefined ? dir : file;
        if (units.has(key)) continue;
        const name = key.split(/[\\/]/).pop() ?? key;
        units.set(key, { type: 'AWS::CloudFormation::Stack', id: name, properties: {}, origin: { kind: 'template', file, scope: key } });
      }
      const budget = ctx.config.budget;
      const reason =
        budget === undefined
          ? 'the template defines no billing alarm (AWS/Billing EstimatedCharges), and whether the account has one is visible only in a live audit; comparing the estimate with a budget needs `stackaudit cost --budget`'
          : `the template defines no billing alarm (AWS/Billing EstimatedCharges), and whether the account has one is visible only in a live audit; the estimate against the $${budget} budget is COST-001 (\`stackaudit cost --budget ${budget}\`)`;
      for (const r of units.values()) ctx.notEvaluated(r, reason);
      return;
    }
    const accounts = new Set<string>();
    for (const r of ctx.index.resources) if (r.origin.kind === 'account') accounts.add(r.origin.account);
    for (const account of accounts) {
      const mine = alarms.filter((a) => a.origin.kind === 'account' && a.origin.account === account);
      if (mine.some((a) => notifies(ctx, a))) continue;
      if (mine.length > 0) {
        for (const a of mine) ctx.fail(a, `billing alarm ${a.id} has no enabled alarm actions, so it notifies no one`, { path: ['Properties'] });
        continue;
      }
      const read = ctx.index.ofType('AWS::CloudWatch::Alarm').filter((a) => a.origin.kind === 'account' && a.origin.account === account && a.origin.region === 'us-east-1');
      ctx.fail(
        accountResource(account),
        `account ${account} has no billing alarm (no AWS/Billing EstimatedCharges alarm among the ${read.length} alarm(s) read in us-east-1${read.length === 0 ? '; if DescribeAlarms failed there, see the errors' : ''})`,
      );
    }
  },
};
