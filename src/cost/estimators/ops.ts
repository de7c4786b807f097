import type { Resource } from '../../model/resource.js';
import { thousands } from '../numbers.js';
import { readArray, readNumber } from '../read.js';
import { withAssumptions, type EstimateContext, type EstimateResult } from './types.js';

export function estimateHostedZone(_r: Resource, ctx: EstimateContext): EstimateResult {
  const q = ctx.usage.get('queriesMillions', 1);
  return {
    items: [
      { service: 'Route 53', description: 'hosted zone', quantity: 1, priceKey: 'route53.zone', what: 'Route 53 hosted zone' },
      // Alias queries to AWS resources are free; this counts standard queries only.
      {
        service: 'Route 53',
        description: `standard queries, ${q} million`,
        quantity: q,
        priceKey: 'route53.queries.standard',
        what: 'Route 53 queries',
        ...withAssumptions(ctx.usage.take()),
      },
    ],
  };
}

export function estimateLogGroup(_r: Resource, ctx: EstimateContext): EstimateResult {
  const ingest = ctx.usage.get('logIngestGB', 1);
  const a1 = ctx.usage.take();
  const stored = ctx.usage.peek('logStoredGB', ingest, 'logIngestGB') ?? ingest;
  return {
    items: [
      {
        service: 'CloudWatch',
        description: `logs ingested, ${ingest} GB`,
        quantity: ingest,
        priceKey: 'cloudwatch.logs.ingest',
        what: 'CloudWatch Logs ingestion',
        allowances: ['always.cw.logs'],
        ...withAssumptions(a1),
      },
      { service: 'CloudWatch', description: `logs stored, ${stored} GB`, quantity: stored, priceKey: 'cloudwatch.logs.storage', what: 'CloudWatch Logs storage' },
    ],
  };
}

export function estimateAlarm(r: Resource, ctx: EstimateContext): EstimateResult {
  const period = readNumber(ctx.read, r, ['Period']);
  // Alarms with a period under 60 s are high-resolution and outside the 10 free alarms.
  const high = period.known && period.value < 60;
  return {
    items: [
      high
        ? { service: 'CloudWatch', description: 'high-resolution alarm', quantity: 1, priceKey: 'cloudwatch.alarm.high_resolution', what: 'CloudWatch high-resolution alarm' }
        : { service: 'CloudWatch', description: 'standard alarm', quantity: 1, priceKey: 'cloudwatch.alarm.standard', what: 'CloudWatch alarm', allowances: ['always.cw.alarms'] },
    ],
  };
}

export function estimateDashboard(_r: Resource, _ctx: EstimateContext): EstimateResult {
  return {
    items: [{ service: 'CloudWatch', description: 'dashboard', quantity: 1, priceKey: 'cloudwatch.dashboard', what: 'CloudWatch dashboard', allowances: ['always.cw.dashboards'] }],
  };
}

export function estimateSecret(_r: Resource, ctx: EstimateContext): EstimateResult {
  const calls = ctx.usage.get('apiCalls', 10_000);
  return {
    items: [
      { service: 'Secrets Manager', description: 'secret', quantity: 1, priceKey: 'secretsmanager.secret', what: 'Secrets Manager secret' },
      {
        service: 'Secrets Manager',
        description: `API calls, ${thousands(calls)}`,
        quantity: calls / 10_000,
        priceKey: 'secretsmanager.api',
        what: 'Secrets Manager API calls',
        ...withAssumptions(ctx.usage.take()),
      },
    ],
  };
}

export function estimateWebAcl(r: Resource, ctx: EstimateContext): EstimateResult {
  const rules = readArray(ctx.read, r, ['Rules'])?.length ?? 0;
  const requests = ctx.usage.get('requests', 1_000_000);
  const items = [
    { service: 'WAF', description: 'web ACL', quantity: 1, priceKey: 'waf.acl', what: 'WAF web ACL' },
    {
      service: 'WAF',
      description: `requests, ${requests / 1e6} million`,
      quantity: requests / 1e6,
      priceKey: 'waf.requests',
      what: 'WAF requests',
      ...withAssumptions(ctx.usage.take()),
    },
  ];
  // Each rule or rule group costs $1/month; managed rule groups may add their own fees.
  if (rules > 0) items.splice(1, 0, { service: 'WAF', description: `rules and rule groups × ${rules}`, quantity: rules, priceKey: 'waf.rule', what: 'WAF rules' });
  return { items };
}

/**
 * An AWS Backup vault has no charge of its own; the backups in it bill per GB-month at the
 * backed-up service's backup rate (https://aws.amazon.com/backup/pricing/), which the feeds do
 * not carry. Nothing stored (the usage default) costs nothing; stored backups are reported.
 */
export function estimateBackupVault(_r: Resource, ctx: EstimateContext): EstimateResult {
  const gb = ctx.usage.peek('storageGB', 0, 'backups stored in the vault');
  if (gb === undefined || gb === 0) return { items: [], free: 'the vault has no charge of its own; no backups stored in it (set usage storageGB)' };
  return { items: [], notPriced: [`${gb} GB of AWS Backup storage: AWS Backup prices are not in the price feeds`] };
}
