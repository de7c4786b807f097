// Compares the findings of a seed template with those of the same architecture's account snapshot.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { auditAccount } from '../../src/engine/audit-account.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import type { Finding } from '../../src/model/finding.js';
import { createSnapshotCallSource, parseSnapshot, type Snapshot } from '../../src/scanners/account/index.js';

export const ROOT = resolve(__dirname, '../..');

export function loadSnapshot(file: string): Snapshot {
  const read = parseSnapshot(readFileSync(resolve(ROOT, file), 'utf8'), file);
  if (!read.ok) throw new Error(`${read.error.file}: ${read.error.message}`);
  return read.snapshot;
}

/** `RULE status Type role`: the role is the template's logical id (or, for account findings, the physical id mapped through `roles`). */
export const keyOf = (f: Finding, roles: Readonly<Record<string, string>> = {}): string => `${f.ruleId} ${f.status} ${f.resource.type} ${roles[f.resource.id] ?? f.resource.id}`;

export function templateKeys(template: string): { keys: string[]; errors: unknown[] } {
  const r = scanTemplates([resolve(ROOT, template)]);
  return { keys: r.findings.map((f) => keyOf(f)).sort(), errors: [...r.errors] };
}

export async function accountKeys(snapshot: Snapshot, roles: Readonly<Record<string, string>>): Promise<{ keys: string[]; errors: unknown[]; findings: readonly Finding[] }> {
  const r = await auditAccount({ source: createSnapshotCallSource(snapshot) });
  return { keys: r.findings.map((f) => keyOf(f, roles)).sort(), errors: [...r.errors], findings: r.findings };
}

/** Multiset difference: every element of `a` not matched one-for-one in `b`. */
export function minus(a: readonly string[], b: readonly string[]): string[] {
  const left = [...b];
  return a.filter((x) => {
    const i = left.indexOf(x);
    if (i < 0) return true;
    left.splice(i, 1);
    return false;
  });
}
