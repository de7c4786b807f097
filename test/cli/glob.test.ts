import { describe, expect, it } from 'vitest';
import { globMatch } from '../../src/cli/glob.js';
import { pathSkipped } from '../../src/cli/scan-inputs.js';
import { parseCheckSpecs, selectFindings } from '../../src/cli/filters.js';
import type { Finding } from '../../src/model/finding.js';

describe('globMatch', () => {
  it.each([
    ['NET-*', 'NET-001', {}, true],
    ['NET-*', 'DB-001', {}, false],
    ['net-00?', 'NET-004', { caseInsensitive: true }, true],
    ['net-00?', 'NET-004', {}, false],
    ['*', '', {}, true],
    ['a*b*c', 'aXXbYYc', {}, true],
    ['a*b*c', 'aXXbYY', {}, false],
    ['infra/*', 'infra/a.yaml', { pathMode: true }, true],
    ['infra/*', 'infra/x/a.yaml', { pathMode: true }, false],
    ['infra/**', 'infra/x/a.yaml', { pathMode: true }, true],
    ['infra/**/a.yaml', 'infra/a.yaml', { pathMode: true }, true],
    ['**/a.yaml', 'x/y/a.yaml', { pathMode: true }, true],
    ['**/a.yaml', 'a.yaml', { pathMode: true }, true],
    ['?.yaml', '/.yaml', { pathMode: true }, false],
    ['a\\*', 'a*', {}, true],
    ['a\\*', 'ab', {}, false],
  ] as const)('%s ~ %s %j → %s', (pattern, text, options, expected) => {
    expect(globMatch(pattern, text, options)).toBe(expected);
  });

  it('a pathological pattern stays linear in practice (no backtracking)', () => {
    const pattern = `${'*a'.repeat(20)}!`;
    const text = 'a'.repeat(5_000);
    const started = process.hrtime.bigint();
    expect(globMatch(pattern, text)).toBe(false);
    // A generous bound that only a backtracking matcher would break (it takes hours).
    expect(Number(process.hrtime.bigint() - started) / 1e9).toBeLessThan(10);
  });
});

describe('pathSkipped (like .gitignore)', () => {
  it.each([
    ['infra/legacy/old.yaml', 'legacy', true],
    ['infra/legacy/old.yaml', 'infra/legacy', true],
    ['infra/legacy/old.yaml', 'infra/legacy/', true],
    ['infra/legacy/old.yaml', './infra/legacy/**', true],
    ['infra/legacy/old.yaml', '*.yaml', true],
    ['infra/legacy/old.yaml', 'legacy/old.yaml', false],
    ['infra/legacy/old.yaml', '**/legacy/old.yaml', true],
    ['infra/app.yaml', 'legacy', false],
    ['infra/app.yaml', 'infra/a*', true],
  ])('%s with %s → %s', (path, glob, expected) => {
    expect(pathSkipped(path, [glob])).toBe(expected);
  });
});

describe('--check / --skip-check selection', () => {
  const ids = ['NET-001', 'NET-002', 'DB-001', 'OBS-001'];
  const f = (ruleId: string, severity: Finding['severity']): Finding => ({
    ruleId,
    ruleName: 'x',
    severity,
    status: 'fail',
    message: 'm',
    resource: { id: 'R', type: 'T' },
    fingerprint: `${ruleId}-${severity}`,
  });
  const all = [f('NET-001', 'critical'), f('NET-002', 'medium'), f('DB-001', 'high'), f('OBS-001', 'low')];
  const pick = (check: string[], skip: string[]) => selectFindings(all, parseCheckSpecs(check, '--check', ids), parseCheckSpecs(skip, '--skip-check', ids)).map((x) => x.ruleId);

  it('ids, globs and severities, with checkov semantics', () => {
    expect(pick(['NET-*'], [])).toEqual(['NET-001', 'NET-002']);
    expect(pick(['high'], [])).toEqual(['NET-001', 'DB-001']);
    expect(pick(['OBS-001', 'critical'], [])).toEqual(['NET-001', 'OBS-001']);
    expect(pick([], ['medium'])).toEqual(['NET-001', 'DB-001']);
    expect(pick(['NET-*'], ['NET-002'])).toEqual(['NET-001']);
    expect(pick([], [])).toEqual(['NET-001', 'NET-002', 'DB-001', 'OBS-001']);
  });

  it('an id or glob that names no rule is an error with a did-you-mean', () => {
    expect(() => parseCheckSpecs(['NET-01'], '--check', ids)).toThrow('--check NET-01: matches no rule (did you mean NET-001?)');
    expect(() => parseCheckSpecs(['S3-*'], '--check', ids)).toThrow(/matches no rule/);
    expect(() => parseCheckSpecs(['hihg'], '--check', ids)).toThrow(/did you mean HIGH|did you mean high/i);
  });
});
