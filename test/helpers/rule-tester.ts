// A RuleTester in the spirit of ESLint's: every rule gets tables of valid, invalid,
// not-evaluated and account-shaped cases, run through the real pipeline. The tables are
// checked before they run: all four kinds present, no case repeated, every expected message
// id one the rule (or the engine) really has.

import { describe, expect, it } from 'vitest';
import { effectiveConfig, type ConfigFile } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Finding } from '../../src/model/finding.js';
import type { FailedRead } from '../../src/model/inventory.js';
import type { Resource } from '../../src/model/resource.js';
import type { Rule } from '../../src/model/rule.js';
import { scanText } from './scan.js';

export interface Expected {
  readonly messageId: string;
  /** Logical or physical id of the resource the finding names; `<input>` for the input itself (a whole-input check). */
  readonly resource: string;
  readonly line?: number;
  /** Text the message must contain (e.g. "(when condition IsProd is false)"). */
  readonly contains?: string;
  readonly severity?: Finding['severity'];
}

export interface TemplateCase {
  readonly name: string;
  /** A whole template (YAML or JSON). */
  readonly template: string;
  readonly parameters?: Readonly<Record<string, string>>;
  readonly config?: ConfigFile;
  /** Other rules to run alongside (never asserted). */
  readonly expect?: readonly Expected[];
}

export interface AccountCase {
  readonly name: string;
  /** Resources as the account mappers build them (properties literal, Unknown where a read failed). */
  readonly resources: readonly Resource[];
  readonly failedReads?: readonly FailedRead[];
  readonly config?: ConfigFile;
  /** Findings of this rule: fail and not-evaluated. Empty: the account passes. */
  readonly expect: readonly (Expected & { readonly status: 'fail' | 'not-evaluated' })[];
}

export interface RuleCases {
  /** Templates with no finding of the rule at all. */
  readonly valid: readonly TemplateCase[];
  /** Templates whose failures are exactly `expect`. */
  readonly invalid: readonly (TemplateCase & { readonly expect: readonly Expected[] })[];
  /** Templates the rule cannot decide: exactly `expect`, as not-evaluated. */
  readonly notEvaluated: readonly (TemplateCase & { readonly expect: readonly Expected[] })[];
  readonly account: readonly AccountCase[];
  /**
   * For a rule that can never be undecided, why (its table then has no notEvaluated case).
   * Only rules that read no input value may say so.
   */
  readonly neverNotEvaluated?: string;
}

const ENGINE_IDS = new Set(['engine/unknown', 'engine/unexpanded', 'engine/scenario-bound', 'engine/rule-error']);

/** Throws when a table is incomplete, repeats a case or names a message id the rule lacks. */
export function checkCases(rule: Rule, cases: RuleCases): void {
  const id = rule.meta.id;
  for (const kind of ['valid', 'invalid', 'notEvaluated', 'account'] as const) {
    if (kind === 'notEvaluated' && cases.neverNotEvaluated && cases.notEvaluated.length === 0) continue;
    if (cases[kind].length === 0) throw new Error(`${id}: no ${kind} case (every rule needs valid, invalid, notEvaluated and account cases)`);
  }
  const seen = new Map<string, string>();
  const all = [...cases.valid, ...cases.invalid, ...cases.notEvaluated];
  for (const c of all) {
    const key = JSON.stringify([c.template, c.parameters ?? {}, c.config ?? {}]);
    const before = seen.get(key);
    if (before) throw new Error(`${id}: case "${c.name}" repeats case "${before}"`);
    seen.set(key, c.name);
  }
  const names = new Set<string>();
  for (const c of [...all, ...cases.account]) {
    if (names.has(c.name)) throw new Error(`${id}: two cases are named "${c.name}"`);
    names.add(c.name);
  }
  const ids = new Set(Object.keys(rule.meta.messages ?? {}));
  for (const c of [...cases.invalid, ...cases.notEvaluated, ...cases.account]) {
    for (const e of c.expect) {
      if (!ids.has(e.messageId) && !ENGINE_IDS.has(e.messageId))
        throw new Error(`${id}: case "${c.name}" expects message id "${e.messageId}", which the rule does not have (${[...ids].join(', ')})`);
    }
  }
  for (const c of cases.invalid) if (c.expect.length === 0) throw new Error(`${id}: invalid case "${c.name}" expects no failure`);
  for (const c of cases.notEvaluated) if (c.expect.length === 0) throw new Error(`${id}: notEvaluated case "${c.name}" expects nothing`);
}

function view(f: Finding): string {
  return `${f.status} ${f.messageId ?? '?'} ${f.resource.id}`;
}

function matches(f: Finding, e: Expected): boolean {
  return (
    f.messageId === e.messageId &&
    (e.resource === '<input>' ? f.resource.type === 'AWS::CloudFormation::Stack' || f.resource.type === 'AWS::::Account' : f.resource.id === e.resource) &&
    (e.line === undefined || f.resource.line === e.line) &&
    (e.contains === undefined || f.message.includes(e.contains)) &&
    (e.severity === undefined || f.severity === e.severity)
  );
}

function assertExactly(found: readonly Finding[], expected: readonly (Expected & { status?: string })[], status: string | undefined): void {
  const unmatched = [...found];
  const missing: string[] = [];
  for (const e of expected) {
    const want = (e as { status?: string }).status ?? status;
    const i = unmatched.findIndex((f) => (want === undefined || f.status === want) && matches(f, e));
    if (i < 0) missing.push(`${want ?? ''} ${e.messageId} ${e.resource}${e.line ? ` line ${e.line}` : ''}${e.contains ? ` containing "${e.contains}"` : ''}`);
    else unmatched.splice(i, 1);
  }
  expect({ missing, unexpected: unmatched.map((f) => `${view(f)}: ${f.message}`) }).toEqual({ missing: [], unexpected: [] });
}

function runTemplate(rule: Rule, c: TemplateCase): readonly Finding[] {
  const r = scanText(c.template, { rules: [rule], ...(c.parameters ? { parameters: c.parameters } : {}), ...(c.config ? { configFile: c.config } : {}) });
  expect(r.errors).toEqual([]);
  return r.findings.filter((f) => f.ruleId === rule.meta.id);
}

function runAccount(rule: Rule, c: AccountCase): readonly Finding[] {
  const r = evaluate(accountSource(c.resources, c.failedReads ?? []), { config: effectiveConfig(c.config ?? {}, '2026-11-22'), rules: [rule] });
  return r.findings.filter((f) => f.ruleId === rule.meta.id);
}

/** Declares the tests of one rule. */
export function ruleTester(rule: Rule, cases: RuleCases): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    it('has a complete, non-repeating table of cases', () => {
      expect(() => checkCases(rule, cases)).not.toThrow();
    });
    for (const c of cases.valid) it(`valid: ${c.name}`, () => assertExactly(runTemplate(rule, c), [], undefined));
    for (const c of cases.invalid) it(`invalid: ${c.name}`, () => assertExactly(runTemplate(rule, c), c.expect, 'fail'));
    for (const c of cases.notEvaluated) it(`not evaluated: ${c.name}`, () => assertExactly(runTemplate(rule, c), c.expect, 'not-evaluated'));
    for (const c of cases.account) it(`account: ${c.name}`, () => assertExactly(runAccount(rule, c), c.expect, undefined));
  });
}
