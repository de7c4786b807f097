// Reports of hundreds of thousands of findings, in a forked process with Node's default stack
// (the unit project's worker threads have a larger one, which hides argument-spread overflows).
import { describe, expect, it } from 'vitest';
import type { Report } from '../../src/model/finding.js';
import { formatText } from '../../src/reporters/text.js';
import { CTX, EMPTY_REPORT, fail } from '../reporters/fixture.js';

describe('formatText at scale', () => {
  // 20,000 templates gave 382,000 findings; column widths computed by spreading every finding
  // into Math.max overflowed the stack ("Maximum call stack size exceeded").
  it('reports 300,000 findings without overflowing the stack', () => {
    const findings = Array.from({ length: 300_000 }, (_, i) => fail({ id: `Sg${i % 1000}`, line: i + 1 }));
    const report: Report = {
      ...EMPTY_REPORT,
      findings,
      summary: { ...EMPTY_REPORT.summary, fail: findings.length, bySeverity: { critical: findings.length, high: 0, medium: 0, low: 0, info: 0 } },
    };
    const text = formatText(report, { ...CTX, detail: 'compact' });
    expect(text).toContain('300000 findings');
  });
});
