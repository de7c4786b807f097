// Suppressions keep findings visible (status "suppressed" with the reason) instead of
// deleting them, need a reason, may expire, and unused ones are reported — the noise
// users complain about in cfn_nag/checkov comes from silent, reasonless, eternal skips.

import type { EffectiveConfig } from '../model/config.js';
import type { Finding } from '../model/finding.js';
import type { Resource } from '../model/resource.js';
import { resourceKey, tagsOf } from '../model/resource.js';
import { isRecord } from '../model/values.js';

interface InlineSuppression {
  readonly id: string;
  readonly reason?: string;
  readonly expires?: string;
  /** Set when `expires` is there but not a YYYY-MM-DD date: the suppression is ignored, with a note. */
  readonly badExpiry?: string;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** `Metadata: { stackaudit: { suppress: [ { id, reason, expires? } ] } }` on a template resource. */
export function inlineSuppressions(resource: Resource): InlineSuppression[] {
  const meta = resource.metadata?.['stackaudit'];
  if (!isRecord(meta) || !Array.isArray(meta['suppress'])) return [];
  return meta['suppress'].filter(isRecord).map((s) => {
    const expires = s['expires'];
    // An expiry we cannot read must not turn into "never expires" (string comparison would
    // keep '31/12/2026' or a YAML number suppressing forever).
    const expiry =
      expires === undefined || expires === null
        ? {}
        : typeof expires === 'string' && ISO_DATE.test(expires)
          ? { expires }
          : expires instanceof Date && !Number.isNaN(expires.getTime())
            ? { expires: expires.toISOString().slice(0, 10) }
            : { badExpiry: typeof expires === 'string' ? expires : JSON.stringify(expires) };
    return {
      id: String(s['id'] ?? ''),
      ...(typeof s['reason'] === 'string' && s['reason'].trim() ? { reason: s['reason'] } : {}),
      ...expiry,
    };
  });
}

/**
 * Glob with `*` and `?` over logical id, physical id or ARN, in linear time: a regular
 * expression built from `**********!` backtracks for minutes on a long id.
 */
export function globMatch(pattern: string, text: string): boolean {
  let p = 0;
  let t = 0;
  let star = -1;
  let mark = 0;
  while (t < text.length) {
    if (p < pattern.length && (pattern[p] === '?' || pattern[p] === text[t])) {
      p++;
      t++;
    } else if (p < pattern.length && pattern[p] === '*') {
      star = p++;
      mark = t;
    } else if (star >= 0) {
      p = star + 1;
      t = ++mark;
    } else return false;
  }
  while (p < pattern.length && pattern[p] === '*') p++;
  return p === pattern.length;
}

function matchesResource(pattern: string, resource: Resource, tagsFor: (r: Resource) => Readonly<Record<string, string>>): boolean {
  if (pattern.startsWith('tag:')) {
    // Split at the first '=' only: a tag value may itself contain '=' (`tag:Owner=team=web`).
    const spec = pattern.slice(4);
    const eq = spec.indexOf('=');
    const k = eq === -1 ? spec : spec.slice(0, eq);
    const v = eq === -1 ? undefined : spec.slice(eq + 1);
    const tags = tagsFor(resource);
    const tag = Object.hasOwn(tags, k) ? tags[k] : undefined;
    return tag !== undefined && (v === undefined || globMatch(v, tag));
  }
  return [resource.id, resource.arn].some((t) => t !== undefined && globMatch(pattern, t));
}

export function applySuppressions(
  findings: readonly Finding[],
  resources: readonly Resource[],
  config: EffectiveConfig,
  /** Resolved tags (intrinsics evaluated); defaults to the literal Tags property. */
  tagsFor: (r: Resource) => Readonly<Record<string, string>> = (r) => tagsOf(r.properties),
): { findings: Finding[]; notes: string[] } {
  const notes: string[] = [];
  const byKey = new Map<string, Resource>();
  for (const r of resources) byKey.set(`${r.type}|${r.id}|${r.origin.kind === 'template' ? r.origin.file : r.origin.region}`, r);
  const usedInline = new Set<string>();
  const usedConfig = new Set<number>();
  const expired = (date: string | undefined) => date !== undefined && date <= config.today;

  const out = findings.map((f): Finding => {
    const resource = byKey.get(`${f.resource.type}|${f.resource.id}|${f.resource.file ?? f.resource.region}`);
    if (!resource) return f;
    for (const s of inlineSuppressions(resource)) {
      if (s.id !== f.ruleId || !s.reason || s.badExpiry !== undefined || expired(s.expires)) continue;
      usedInline.add(`${resourceKey(resource)}|${s.id}`);
      return { ...f, status: 'suppressed', suppression: { reason: s.reason, source: 'inline', ...(s.expires ? { expires: s.expires } : {}) } };
    }
    for (const [i, s] of config.suppressions.entries()) {
      if (s.rule !== f.ruleId || expired(s.expires) || !matchesResource(s.resource, resource, tagsFor)) continue;
      usedConfig.add(i);
      return { ...f, status: 'suppressed', suppression: { reason: s.reason, source: 'config', ...(s.expires ? { expires: s.expires } : {}) } };
    }
    return f;
  });

  for (const r of resources) {
    for (const s of inlineSuppressions(r)) {
      const where = r.origin.kind === 'template' ? `${r.origin.file} ${r.id}` : r.id;
      if (!s.reason) notes.push(`suppression of ${s.id} on ${where} has no reason, so it is ignored`);
      else if (s.badExpiry !== undefined) notes.push(`suppression of ${s.id} on ${where} has expires ${s.badExpiry}, not a date like 2026-12-31, so it is ignored`);
      else if (expired(s.expires)) notes.push(`suppression of ${s.id} on ${where} expired on ${s.expires}`);
      else if (!usedInline.has(`${resourceKey(r)}|${s.id}`)) notes.push(`unused suppression of ${s.id} on ${where}`);
    }
  }
  config.suppressions.forEach((s, i) => {
    if (expired(s.expires)) notes.push(`config suppression of ${s.rule} for ${s.resource} expired on ${s.expires}`);
    else if (!usedConfig.has(i)) notes.push(`unused config suppression of ${s.rule} for ${s.resource}`);
  });
  return { findings: out, notes };
}
