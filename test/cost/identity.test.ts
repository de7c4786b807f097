// Pricing many inputs together gives, per input, exactly what pricing each alone gives: every
// resource is keyed by its input, priced in its own region, looks up other resources only in
// its own input, and draws on its own account's free allowances.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/index.js';
import type { CostReport } from '../../src/cost/types.js';
import { loadTemplates } from '../../src/engine/scan-templates.js';

const root = resolve(import.meta.dirname, '../..');
const corpus = resolve(root, '../shared/corpus/templates');

/** A report's lines, unpriced items and free resources by the file they came from, comparable across runs. */
function byFile(r: CostReport): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const add = (file: string | undefined, text: string): void => {
    const k = file ?? '(account)';
    out.set(k, [...(out.get(k) ?? []), text]);
  };
  for (const l of r.lines) add(l.resource.file, JSON.stringify([l.resource.key, l.region, l.priceKey, l.description, l.quantity, l.unitPrice, l.monthly, l.freeQuantity ?? 0]));
  for (const n of r.notPriced) add(n.resource.file, JSON.stringify([n.resource.key, n.reason]));
  for (const f of r.free) add(f.resource.file, JSON.stringify([f.resource.key, f.reason]));
  return out;
}

function compareTogetherAndAlone(inputs: readonly string[]): { compared: number } {
  const together = byFile(estimateCost(loadTemplates(inputs)));
  let compared = 0;
  for (const input of inputs) {
    const alone = byFile(estimateCost(loadTemplates([input])));
    for (const [file, items] of alone) {
      expect(together.get(file), file).toEqual(items);
      compared++;
    }
  }
  expect([...together.keys()].filter((f) => f !== '(account)').length).toBe(compared);
  return { compared };
}

describe('pricing inputs together gives, per input, what each gives alone', () => {
  it("fixtures/seeds: 003 prod's prices stay on 003 prod, each public IPv4 counted once, the eu-west-1 cdk.out does not re-price the others", () => {
    const dir = join(root, 'fixtures/seeds');
    const inputs = readdirSync(dir)
      .filter((n) => /\.(ya?ml|json)$/.test(n) && n !== 'expected.json')
      .map((n) => join('fixtures/seeds', n));
    inputs.push('fixtures/seeds/002-expenses-app.cdk.out', 'fixtures/seeds/hardened/002-expenses-app.cdk.out');
    const { compared } = compareTogetherAndAlone(inputs);
    expect(compared).toBeGreaterThan(15);
    // The hardened 002 assembly declares eu-west-1: its stacks are priced there, nothing else is.
    const r = estimateCost(loadTemplates(['fixtures/seeds']));
    const regions = new Set(r.lines.map((l) => `${l.resource.file?.includes('hardened/002') ? 'h002' : 'other'}:${l.region}`));
    expect([...regions].filter((x) => x.startsWith('other:')).sort()).toEqual(['other:global', 'other:us-east-1']);
    expect([...regions].filter((x) => x.startsWith('h002:')).sort()).toEqual(['h002:eu-west-1']);
    // 003 dev and prod share logical ids (Database, NatGatewayA…): each keeps its own lines.
    const dbOf = (file: string) => r.lines.filter((l) => l.resource.id === 'Database' && l.resource.file === file && l.priceKey.startsWith('rds.postgres')).map((l) => l.priceKey);
    expect(dbOf('fixtures/seeds/003-bankapp-dev.yaml')).toEqual(['rds.postgres.db.t3.micro.single_az']);
    expect(dbOf('fixtures/seeds/003-bankapp-prod.yaml')).toEqual(['rds.postgres.db.t3.medium.multi_az']);
  });

  it.skipIf(!existsSync(corpus))('the peer corpus (../shared/corpus/templates)', () => {
    const files: string[] = [];
    const walk = (d: string): void => {
      for (const n of readdirSync(d).sort()) {
        const p = join(d, n);
        if (statSync(p).isDirectory()) walk(p);
        else if (/\.(ya?ml|json|template)$/.test(n)) files.push(p);
      }
    };
    walk(corpus);
    const { compared } = compareTogetherAndAlone(files);
    expect(compared).toBeGreaterThan(200);
  });
});
