// Scanning many inputs at once reports, per input, exactly what scanning it alone reports: no
// region, advice, import or finding leaks from one template into another.

import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import type { Finding } from '../../src/model/finding.js';

const root = resolve(__dirname, '../..');
const corpus = resolve(root, '../shared/corpus/templates');

/** What a finding says, independent of how the scan was started. */
const view = (f: Finding) => [f.ruleId, f.status, f.severity, f.resource.file, f.resource.stack ?? '', f.resource.id, f.resource.line ?? 0, f.message, f.fingerprint].join(' | ');

/** The inputs a directory holds as a scan sees them: files and cloud assemblies. */
function inputsOf(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir).sort()) {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) {
      if (existsSync(join(p, 'manifest.json'))) out.push(p);
      else out.push(...inputsOf(p));
    } else if (/\.(ya?ml|json|template)$/.test(e)) out.push(p);
  }
  return out;
}

function compareTogetherAndAlone(dir: string): { together: number; inputs: number } {
  const together = scanTemplates([dir]);
  const byFile = new Map<string, string[]>();
  for (const f of together.findings) {
    const key = f.resource.file ?? '';
    byFile.set(key, [...(byFile.get(key) ?? []), view(f)]);
  }
  const inputs = inputsOf(dir);
  const mismatches: string[] = [];
  for (const input of inputs) {
    const alone = scanTemplates([input]);
    const files = new Set(alone.findings.map((f) => f.resource.file ?? ''));
    for (const file of files) {
      const a = alone.findings
        .filter((f) => f.resource.file === file)
        .map(view)
        .sort();
      const t = [...(byFile.get(file) ?? [])].sort();
      if (JSON.stringify(a) !== JSON.stringify(t))
        mismatches.push(
          `${file}: alone ${a.length}, together ${t.length}\n  only alone: ${a
            .filter((x) => !t.includes(x))
            .slice(0, 3)
            .join('\n    ')}\n  only together: ${t
            .filter((x) => !a.includes(x))
            .slice(0, 3)
            .join('\n    ')}`,
        );
      byFile.delete(file);
    }
  }
  // Every finding of the combined scan belongs to some input scanned alone.
  for (const [file, list] of byFile) if (list.length > 0) mismatches.push(`${file}: ${list.length} finding(s) only in the combined scan`);
  expect(mismatches).toEqual([]);
  return { together: together.findings.length, inputs: inputs.length };
}

describe('inputs scanned together report what each reports alone', () => {
  it('fixtures/seeds (templates and cloud assemblies, several regions)', () => {
    const r = compareTogetherAndAlone(join(root, 'fixtures/seeds'));
    expect(r.inputs).toBeGreaterThan(10);
    expect(r.together).toBeGreaterThan(50);
  });

  it.skipIf(!existsSync(corpus))('the peer corpus', () => {
    const r = compareTogetherAndAlone(corpus);
    expect(r.inputs).toBeGreaterThan(250);
  });
});
