// Which AWS Backup plans and DLM lifecycle policies of the scan cover a resource, how often
// they run, and whether they copy backups elsewhere (DR-001 for EC2 hosts, DR-003).

import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { tagsOf } from '../../model/resource.js';
import { Composite, ResourceRef, asNumber, asString, isRecord } from '../../model/values.js';

export interface Coverage {
  /** The plan or policy. */
  readonly source: Resource;
  /** Shortest interval between recovery points, minutes (undefined when the schedule cannot be read). */
  readonly intervalMinutes: number | undefined;
  /** A rule copies recovery points to another vault (cross-region or cross-account). */
  readonly copies: boolean;
  /** How the plan selects the resource, for the message. */
  readonly how: string;
}

const first = (ctx: RuleContext, r: Resource, path: readonly (string | number)[]): unknown => ctx.values(r, path).map((p) => p.value).find((v) => v !== undefined);

function refersTo(ctx: RuleContext, from: Resource, v: unknown, target: Resource): boolean {
  if (v instanceof ResourceRef) return ctx.index.lookup(from, v) === target;
  if (v instanceof Composite) return v.parts.some((p) => refersTo(ctx, from, p, target));
  if (typeof v === 'string') return ctx.index.lookup(from, v) === target || (target.arn !== undefined && v === target.arn);
  return false;
}

/**
 * Interval of an AWS Backup / DLM schedule: `cron(m h dom mon dow [year])` or `rate(n unit)`.
 * https://docs.aws.amazon.com/aws-backup/latest/devguide/creating-a-backup-plan.html#plan-options-and-configuration
 */
export function scheduleMinutes(expr: string): number | undefined {
  const rate = /^rate\((\d+)\s+(minute|hour|day)s?\)$/i.exec(expr.trim());
  if (rate) return Number(rate[1]) * ({ minute: 1, hour: 60, day: 1440 }[rate[2]!.toLowerCase() as 'minute' | 'hour' | 'day'] ?? 1);
  const cron = /^cron\((.+)\)$/i.exec(expr.trim());
  if (!cron) return undefined;
  const [, hour, dom, , dow] = cron[1]!.trim().split(/\s+/);
  if (hour === undefined || dom === undefined || dow === undefined) return undefined;
  const every = /^(?:\*|\d+)\/(\d+)$/.exec(hour);
  let perDay: number;
  if (hour === '*') perDay = 24;
  else if (every) perDay = Math.floor(24 / Number(every[1]));
  else perDay = hour.split(',').length;
  const daily = (dom === '*' || dom === '?') && (dow === '*' || dow === '?');
  if (daily) return Math.round(1440 / Math.max(perDay, 1));
  if (dom === '*' || dom === '?') return Math.round(10080 / dow.split(',').length);
  return 43200;
}

function tagsMatch(wanted: readonly unknown[], tags: Readonly<Record<string, string>>, keyName: string, valueName: string): boolean {
  return wanted.some((t) => isRecord(t) && typeof t[keyName] === 'string' && tags[String(t[keyName]).replace(/^aws:ResourceTag\//, '')] === asString(t[valueName]));
}

/** AWS Backup plans whose selections include the resource (by reference, ARN wildcard or tag). */
function backupPlans(ctx: RuleContext, target: Resource, wildcard: RegExp): Coverage[] {
  const out: Coverage[] = [];
  const tags = tagsOf(ctx.values(target, []).map((p) => p.value).find(isRecord) ?? {});
  for (const sel of ctx.index.ofType('AWS::Backup::BackupSelection')) {
    const plan = ctx.index.lookup(sel, first(ctx, sel, ['BackupPlanId']));
    if (!plan || plan.type !== 'AWS::Backup::BackupPlan') continue;
    const selection = first(ctx, sel, ['BackupSelection']);
    if (!isRecord(selection)) continue;
    const resources = Array.isArray(selection['Resources']) ? selection['Resources'] : [];
    let how: string | undefined;
    if (resources.some((v) => refersTo(ctx, sel, v, target))) how = `selection ${sel.id} names it`;
    else if (resources.some((v) => typeof v === 'string' && (v === '*' || wildcard.test(v)))) how = `selection ${sel.id} selects all resources of its type`;
    else if (Array.isArray(selection['ListOfTags']) && tagsMatch(selection['ListOfTags'], tags, 'ConditionKey', 'ConditionValue')) how = `selection ${sel.id} selects it by tag`;
    if (!how) continue;
    const rules = first(ctx, plan, ['BackupPlan', 'BackupPlanRule']);
    const list = Array.isArray(rules) ? rules.filter(isRecord) : [];
    const intervals = list.map((r) => (typeof r['ScheduleExpression'] === 'string' ? scheduleMinutes(r['ScheduleExpression']) : undefined));
    // A rule without ScheduleExpression runs daily (AWS Backup's default, cron(0 5 ? * * *)).
    const known = intervals.map((i, n) => (i === undefined && list[n]?.['ScheduleExpression'] === undefined ? 1440 : i)).filter((i): i is number => i !== undefined);
    const copies = list.some((r) => Array.isArray(r['CopyActions']) && r['CopyActions'].length > 0);
    out.push({ source: plan, intervalMinutes: known.length ? Math.min(...known) : undefined, copies, how });
  }
  return out;
}

/** DLM policies targeting an EC2 instance (or its volumes) by tag. https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html */
function dlmPolicies(ctx: RuleContext, instance: Resource): Coverage[] {
  const tags = tagsOf(ctx.values(instance, []).map((p) => p.value).find(isRecord) ?? {});
  const out: Coverage[] = [];
  for (const pol of ctx.index.ofType('AWS::DLM::LifecyclePolicy')) {
    const details = first(ctx, pol, ['PolicyDetails']);
    if (!isRecord(details)) continue;
    const state = asString(first(ctx, pol, ['State']));
    if (state && state.toUpperCase() === 'DISABLED') continue;
    const targets = Array.isArray(details['TargetTags']) ? details['TargetTags'] : [];
    if (!tagsMatch(targets, tags, 'Key', 'Value')) continue;
    const schedules = Array.isArray(details['Schedules']) ? details['Schedules'].filter(isRecord) : [];
    const intervals = schedules.map((s) => {
      const c = isRecord(s['CreateRule']) ? s['CreateRule'] : {};
      if (typeof c['CronExpression'] === 'string') return scheduleMinutes(c['CronExpression']);
      const n = asNumber(c['Interval']);
      return n === undefined ? undefined : n * 60;
    });
    const known = intervals.filter((i): i is number => i !== undefined);
    const copies = schedules.some((s) => Array.isArray(s['CrossRegionCopyRules']) && s['CrossRegionCopyRules'].length > 0);
    out.push({ source: pol, intervalMinutes: known.length ? Math.min(...known) : undefined, copies, how: `policy ${pol.id} targets its tags` });
  }
  return out;
}

export function ec2Coverage(ctx: RuleContext, instance: Resource): Coverage[] {
  return [...backupPlans(ctx, instance, /^arn:[^:]+:ec2:[^:]*:[^:]*:(instance|volume)\/\*$/), ...dlmPolicies(ctx, instance)];
}

export function rdsCoverage(ctx: RuleContext, db: Resource): Coverage[] {
  return backupPlans(ctx, db, /^arn:[^:]+:rds:[^:]*:[^:]*:(db|cluster):\*$/);
}
