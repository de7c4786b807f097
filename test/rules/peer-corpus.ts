// Reads the peer corpus (../shared/corpus, never copied into the repo) for the rule tests:
// every peer FAIL mapped "superset" to one of our controls must be a `fail` of that control.

import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import type { Rule } from '../../src/model/rule.js';

export const CORPUS = fileURLToPath(new URL('../../../shared/corpus', import.meta.url));
const PEER_MAP = fileURLToPath(new URL('../../../shared/tools/peer-map.json', import.meta.url));
export const hasCorpus = existsSync(join(CORPUS, 'manifest.json')) && existsSync(PEER_MAP);

interface Entry {
  readonly tool: string;
  readonly check_id: string;
  readonly template: string;
  readonly logical_id: string;
  readonly expected: 'PASS' | 'FAIL';
  readonly related_ids?: readonly string[];
  readonly parameter_values?: string;
  readonly condition_values?: string;
}

/** "tool check template logical-id" for each mapped peer verdict we disagree with. */
export function peerDisagreements(controls: readonly string[], rules: readonly Rule[]): { misses: string[]; stricter: string[]; checked: number } {
  const manifest = JSON.parse(readFileSync(join(CORPUS, 'manifest.json'), 'utf8')) as Entry[];
  const map = JSON.parse(readFileSync(PEER_MAP, 'utf8')) as Record<string, Record<string, [string, string, string?]>>;
  const misses: string[] = [];
  const stricter: string[] = [];
  let checked = 0;
  for (const e of manifest) {
    const m = map[e.tool]?.[e.check_id];
    if (m?.[1] !== 'superset' || !controls.includes(m[0]) || e.parameter_values || e.condition_values) continue;
    checked++;
    const report = scanTemplates([join(CORPUS, e.template)], { rules });
    const ids = new Set([e.logical_id, ...(e.related_ids ?? [])]);
    const ours = report.findings.some((f) => f.ruleId === m[0] && f.status === 'fail' && ids.has(f.resource.id));
    const name = `${e.tool} ${e.check_id} ${e.template.split('/').pop()} ${e.logical_id}`;
    if (e.expected === 'FAIL' && !ours) misses.push(name);
    if (e.expected === 'PASS' && ours) stricter.push(name);
  }
  return { misses, stricter, checked };
}
