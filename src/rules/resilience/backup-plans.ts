// Which AWS Backup plans and DLM lifecycle policies of the input cover a resource, how often
// they run, and whether they copy backups elsewhere (DR-001 for EC2 hosts, DR-003). A selection
// or a plan whose content is known only at deployment is kept as "might": the rules decide
// whether that can change their verdict.

import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { tagsOf } from '../../model/resource.js';
import { Composite, ResourceRef, Unknown, asNumber, asString, isRecord } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';

export const BACKUP_SELECTION = 'AWS::Backup::BackupSelection';
export const BACKUP_PLAN = 'AWS::Backup::BackupPlan';
export const DLM_POLICY = 'AWS::DLM::LifecyclePolicy';

export interface Coverage {
  /** The plan or policy (the selection when its plan is not in the input). */
  readonly source: Resource;
  /** true: it selects the resource; an Unknown (not recorded): it might (its selection is known only at deployment). */
  readonly selects: true | Unknown;
  /** Shortest interval between recovery points, minutes (undefined when the schedule cannot be read). */
  readonly intervalMinutes: number | undefined;
  /** A rule copies recovery points to another vault (cross-region or cross-account); an Unknown (not recorded) when that is not known. */
  readonly copies: boolean | Unknown;
  /** How the plan selects the resource, for the message. */
  readonly how: string;
}

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

/** Whether tag conditions select a resource with `tags`: true, false, or an Unknown (a condition known only at deployment). */
function tagsMatch(wanted: unknown, tags: Readonly<Record<string, string>>, keyName: string, valueName: string): boolean | Unknown {
  if (wanted instanceof Unknown) return wanted;
  if (!Array.isArray(wanted)) return false;
  let unknown: Unknown | undefined;
  for (const t of wanted) {
    if (t instanceof Unknown) {
      unknown ??= t;
      continue;
    }
    if (!isRecord(t)) continue;
    const k = t[keyName];
    const v = t[valueName];
    if (k instanceof Unknown || v instanceof Unknown) {
      unknown ??= k instanceof Unknown ? k : (v as Unknown);
      continue;
    }
    if (typeof k === 'string' && tags[k.replace(/^aws:ResourceTag\//, '')] === asString(v)) return true;
  }
  return unknown ?? false;
}

/** The resource's tags; tags known only at deployment are none (a selection by tag is then "might", through its own unknowns only). */
function tagsOfResource(ctx: RuleContext, r: Resource): Record<string, string> {
  return ctx.tolerate(() => tagsOf({ Tags: ctx.get(r, ['Tags']) }));
}

/** Whether a selection includes the resource: by reference or ARN, by an ARN wildcard, or by tag. */
function selects(ctx: RuleContext, sel: Resource, target: Resource, tags: Readonly<Record<string, string>>, wildcard: RegExp): { how: string } | Unknown | undefined {
  const selection = ctx.get(sel, ['BackupSelection']);
  if (selection instanceof Unknown) return selection;
  if (!isRecord(selection)) return undefined;
  const resources = selection['Resources'];
  let unknown: Unknown | undefined = resources instanceof Unknown ? resources : undefined;
  if (Array.isArray(resources)) {
    if (resources.some((v) => refersTo(ctx, sel, v, target))) return { how: `selection ${sel.id} names it` };
    if (resources.some((v) => typeof v === 'string' && (v === '*' || wildcard.test(v)))) return { how: `selection ${sel.id} selects all resources of its type` };
    unknown ??= resources.find((v): v is Unknown => v instanceof Unknown);
  }
  const byTag = tagsMatch(selection['ListOfTags'], tags, 'ConditionKey', 'ConditionValue');
  if (byTag === true) return { how: `selection ${sel.id} selects it by tag` };
  return unknown ?? (byTag instanceof Unknown ? byTag : undefined);
}

/** AWS Backup plans whose selections include the resource, or might. Reads are not recorded: the rules record what decides. */
function backupPlans(ctx: RuleContext, target: Resource, wildcard: RegExp): Coverage[] {
  return ctx.tolerate(() => {
    const out: Coverage[] = [];
    const tags = tagsOfResource(ctx, target);
    // Selections by tag or wildcard name nothing: every selection of the input is asked (there are few).
    for (const sel of ctx.index.ofType(BACKUP_SELECTION)) {
      const hit = selects(ctx, sel, target, tags, wildcard);
      if (hit === undefined || !ctx.exists(sel)) continue;
      const chosen: true | Unknown = hit instanceof Unknown ? new Unknown(`selection ${sel.id} may include it: ${hit.reason}`) : true;
      const how = hit instanceof Unknown ? `selection ${sel.id} may select it` : hit.how;
      const planRef = ctx.get(sel, ['BackupPlanId']);
      const plan = ctx.index.lookup(sel, planRef);
      if (!plan || plan.type !== BACKUP_PLAN || !ctx.exists(plan)) {
        // A plan outside the input: what it runs and where it copies are not known.
        const why = new Unknown(`the backup plan of selection ${sel.id} (${describeRef(planRef)}) is not in the scan`);
        out.push({ source: sel, selects: chosen, intervalMinutes: undefined, copies: why, how });
        continue;
      }
      const rules = ctx.get(plan, ['BackupPlan', 'BackupPlanRule']);
      if (rules instanceof Unknown) {
        out.push({ source: plan, selects: chosen, intervalMinutes: undefined, copies: new Unknown(`the rules of backup plan ${plan.id} are not known: ${rules.reason}`), how });
        continue;
      }
      const list = Array.isArray(rules) ? rules.filter(isRecord) : [];
      // A rule without ScheduleExpression runs daily (AWS Backup's default, cron(0 5 ? * * *)).
      const intervals = list.map((r) =>
        r['ScheduleExpression'] === undefined ? 1440 : typeof r['ScheduleExpression'] === 'string' ? scheduleMinutes(r['ScheduleExpression']) : undefined,
      );
      const known = intervals.filter((i): i is number => i !== undefined);
      let copies: boolean | Unknown = false;
      for (const r of list) {
        const actions = r['CopyActions'];
        if (Array.isArray(actions) && actions.length > 0) {
          copies = true;
          break;
        }
        if (actions instanceof Unknown) copies = new Unknown(`the CopyActions of backup plan ${plan.id} are not known: ${actions.reason}`);
      }
      out.push({ source: plan, selects: chosen, intervalMinutes: known.length ? Math.min(...known) : undefined, copies, how });
    }
    return out;
  });
}

/** DLM policies targeting an EC2 instance (or its volumes) by tag. https://docs.aws.amazon.com/ebs/latest/userguide/snapshot-lifecycle.html */
function dlmPolicies(ctx: RuleContext, instance: Resource): Coverage[] {
  return ctx.tolerate(() => {
    const tags = tagsOfResource(ctx, instance);
    const out: Coverage[] = [];
    for (const pol of ctx.index.ofType(DLM_POLICY)) {
      const state = asString(ctx.get(pol, ['State']));
      if (state && state.toUpperCase() === 'DISABLED') continue;
      const details = ctx.get(pol, ['PolicyDetails']);
      const match = details instanceof Unknown ? details : isRecord(details) ? tagsMatch(details['TargetTags'], tags, 'Key', 'Value') : false;
      if (match === false || !ctx.exists(pol)) continue;
      const chosen: true | Unknown = match instanceof Unknown ? new Unknown(`policy ${pol.id} may target it: ${match.reason}`) : true;
      const schedules = isRecord(details) && Array.isArray(details['Schedules']) ? details['Schedules'].filter(isRecord) : [];
      const intervals = schedules.map((s) => {
        const c = isRecord(s['CreateRule']) ? s['CreateRule'] : {};
        if (typeof c['CronExpression'] === 'string') return scheduleMinutes(c['CronExpression']);
        const n = asNumber(c['Interval']);
        return n === undefined ? undefined : n * 60;
      });
      const known = intervals.filter((i): i is number => i !== undefined);
      const copies = schedules.some((s) => Array.isArray(s['CrossRegionCopyRules']) && s['CrossRegionCopyRules'].length > 0);
      out.push({
        source: pol,
        selects: chosen,
        intervalMinutes: known.length ? Math.min(...known) : undefined,
        copies,
        how: match === true ? `policy ${pol.id} targets its tags` : `policy ${pol.id} may target it`,
      });
    }
    return out;
  });
}

export function ec2Coverage(ctx: RuleContext, instance: Resource): Coverage[] {
  return [...backupPlans(ctx, instance, /^arn:[^:]+:ec2:[^:]*:[^:]*:(instance|volume)\/\*$/), ...dlmPolicies(ctx, instance)];
}

export function rdsCoverage(ctx: RuleContext, db: Resource): Coverage[] {
  return backupPlans(ctx, db, /^arn:[^:]+:rds:[^:]*:[^:]*:(db|cluster):\*$/);
}

/**
 * Why the input may not show every resource of `type` near `from` (an Unknown, not recorded),
 * or undefined when it shows them all: a failed list call, or a type a live audit does not read.
 */
export function listIncomplete(ctx: RuleContext, type: string, from: Resource): Unknown | undefined {
  return ctx.tolerate(() => ctx.index.incomplete(type, from));
}
