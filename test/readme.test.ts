// The README stays true: its rule table matches the rules' metadata, its commands exist.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../src/rules/index.js';
import { VERSION } from '../src/version.js';
// @ts-expect-error plain ESM script without types
import { rulesTable } from '../scripts/rules-table.mjs';

const root = resolve(__dirname, '..');
const readme = readFileSync(resolve(root, 'README.md'), 'utf8');

describe('README', () => {
  it('has the two set-up commands on its first screen', () => {
    const first = readme.split('\n').slice(0, 25).join('\n');
    expect(first).toMatch(/npm ci && npx stackaudit scan fixtures\/seeds/);
    expect(first).toMatch(/^npm test/m);
  });

  it('rule table matches the rule metadata (node scripts/sync-readme.mjs regenerates it)', () => {
    const table = /<!-- rules-table:start -->\n([\s\S]*)\n<!-- rules-table:end -->/.exec(readme)?.[1];
    expect(table).toBe(rulesTable(RULES));
  });

  it('has an anchor per rule in its rule table', () => {
    for (const r of RULES) expect(readme).toContain(`<a id="${r.meta.id.toLowerCase()}"></a>`);
  });

  it('version matches package.json', () => {
    expect(JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8')).version).toBe(VERSION);
  });
});

describe('rule metadata', () => {
  it('every rule has complete metadata, a unique id and a file named after its slug', () => {
    const ids = new Set<string>();
    for (const r of RULES) {
      expect(r.meta.id).toMatch(/^(NET|DB|S3|CF|LB|DR|SEC|OBS|EC2|COST)-\d{3}$/);
      expect(ids.has(r.meta.id)).toBe(false);
      ids.add(r.meta.id);
      expect(r.meta.name).toMatch(/^[a-z0-9-]+$/);
      for (const k of ['title', 'rationale', 'remediation'] as const) expect(r.meta[k].length, `${r.meta.id} ${k}`).toBeGreaterThan(10);
      expect(r.meta.seeds.length).toBeGreaterThan(0);
      readFileSync(resolve(root, 'src/rules', r.meta.area, `${r.meta.name}.ts`));
    }
  });
});

/** Relative link targets of a Markdown file, outside code blocks and code spans. */
function relativeLinks(text: string): string[] {
  const prose = text.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)]
    .map((m) => m[1]!)
    .filter((t) => !/^(https?:|mailto:|#)/.test(t))
    .map((t) => decodeURIComponent(t.split('#')[0]!));
}

function markdownFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? markdownFiles(join(dir, e.name)) : e.name.endsWith('.md') ? [join(dir, e.name)] : []));
}

describe('links', () => {
  it.each([resolve(root, 'README.md'), ...markdownFiles(resolve(root, 'docs'))].map((f) => [relative(root, f), f]))('%s has no broken relative link', (_name, file) => {
    const broken = relativeLinks(readFileSync(file, 'utf8')).filter((t) => t !== '' && !existsSync(resolve(dirname(file), t)));
    expect(broken).toEqual([]);
  });
});
