// docs/rules/<ID>.md stay in sync with the rule metadata: the pages are regenerated in memory
// and compared with what is committed (`npm run docs` rewrites them).
import { readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { ruleDocPath, ruleHelpUri } from '../../src/reporters/help-uri.js';
// @ts-expect-error plain ESM script without types
import { ruleDocFiles } from '../../scripts/rule-docs.mjs';
// @ts-expect-error plain ESM script without types
import { RULE_DOCS } from '../../scripts/rule-docs-data.mjs';

const root = resolve(__dirname, '../..');
const dir = resolve(root, 'docs/rules');
const files = ruleDocFiles(RULES.map((r) => r.meta)) as Map<string, string>;

describe('rule documentation', () => {
  it('has one page per rule and an index, and nothing else', () => {
    const committed = readdirSync(dir)
      .filter((f) => f.endsWith('.md'))
      .sort();
    expect(committed).toEqual([...files.keys()].sort());
    expect(committed).toHaveLength(RULES.length + 1);
  });

  it.each([...files.keys()])('docs/rules/%s matches the metadata (npm run docs regenerates it)', (name) => {
    expect(readFileSync(resolve(dir, name), 'utf8')).toBe(files.get(name));
  });

  it('every rule has fix snippets and seen-in notes, and no entry names a rule that does not exist', () => {
    const ids = RULES.map((r) => r.meta.id);
    expect(Object.keys(RULE_DOCS).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const d = RULE_DOCS[id] as { cloudformation: string; cdk: string; seenIn: unknown };
      expect(d.cloudformation.length, id).toBeGreaterThan(20);
      expect(d.cdk.length, id).toBeGreaterThan(20);
    }
  });

  it('each page has the sections a user looks for', () => {
    for (const r of RULES) {
      const page = files.get(`${r.meta.id}.md`)!;
      for (const heading of [
        '## Why',
        '## How to fix',
        '### CloudFormation',
        '### CDK (TypeScript)',
        '## Equivalent checks in other tools',
        '## Seen in',
        '## Accepting a finding',
      ]) {
        expect(page, `${r.meta.id} ${heading}`).toContain(`\n${heading}\n`);
      }
      expect(page).toContain(r.meta.remediation);
      expect(page).toMatch(/^\| Tiered \| (yes|no)/m);
      for (const id of [...(r.meta.equivalents?.checkov ?? []), ...(r.meta.equivalents?.cfnNag ?? [])]) expect(page).toContain(`\`${id}\``);
    }
  });

  it('helpUri (SARIF, rules --format json, the text report) points at these pages', () => {
    for (const r of RULES) {
      expect(ruleHelpUri(r.meta.id).endsWith(`/blob/main/${ruleDocPath(r.meta.id)}`)).toBe(true);
      expect(files.has(ruleDocPath(r.meta.id).slice('docs/rules/'.length))).toBe(true);
    }
  });
});
