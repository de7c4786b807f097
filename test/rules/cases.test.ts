/// <reference types="vite/client" />
// Every rule's table of cases (test/rules/cases/<area>.ts, each exporting one
// Record<ruleId, RuleCases>), run by the RuleTester. Every rule must have a complete table.

import { describe, expect, it } from 'vitest';
import { RULES } from '../../src/rules/index.js';
import { checkCases, ruleTester, type RuleCases } from '../helpers/rule-tester.js';

const modules = import.meta.glob<Record<string, Record<string, RuleCases>>>('./cases/*.ts', { eager: true });
const ALL: Record<string, RuleCases> = {};
const AREAS = new Set<string>();
for (const [file, mod] of Object.entries(modules)) {
  AREAS.add(file.replace(/^.*\/|\.ts$/g, ''));
  for (const table of Object.values(mod)) Object.assign(ALL, table);
}

it('every area has a table file', () => {
  expect([...new Set(RULES.map((r) => r.meta.area))].filter((a) => !AREAS.has(a))).toEqual([]);
});

describe('every rule has a complete table of cases', () => {
  for (const rule of RULES) {
    it(rule.meta.id, () => {
      const cases = ALL[rule.meta.id];
      expect(cases, `${rule.meta.id} has no table in test/rules/cases/${rule.meta.area}.ts`).toBeDefined();
      expect(() => checkCases(rule, cases!)).not.toThrow();
    });
  }
});

for (const rule of RULES) {
  const cases = ALL[rule.meta.id];
  if (cases) ruleTester(rule, cases);
}
