import { describe, expect, it } from 'vitest';
import { progressLine, summaryLine } from '../../../src/scanners/account/progress.js';

describe('progress and summary lines', () => {
  it('the bar fills with finished runs and the ETA follows the time per run', () => {
    const p = { service: 'ec2', region: 'eu-west-1', callsDone: 412, callsFailed: 2, runsDone: 7, runsTotal: 28 };
    // 7 runs in 14 s: 21 left at 2 s each.
    expect(progressLine(p, 14_000)).toBe('[#####...............]  7/28 region×service · ec2 eu-west-1 · 412 calls (2 failed) · ETA 42s');
    expect(progressLine({ ...p, runsDone: 0, callsFailed: 0 }, 500)).toBe('[....................]  0/28 region×service · ec2 eu-west-1 · 412 calls');
    expect(progressLine({ ...p, runsDone: 1, runsTotal: 200 }, 30_000)).toMatch(/ETA 1h39m$/);
    expect(progressLine(p, 14_000).length).toBeLessThanOrEqual(110);
  });

  it('a region name from the account is printed escaped', () => {
    expect(progressLine({ service: 'ec2', region: 'x\u001b[2Jy\n', callsDone: 1, callsFailed: 0, runsDone: 0, runsTotal: 1 }, 0)).not.toMatch(/[\u0000-\u001f]/);
  });

  it('one summary line: regions × services, calls, failures and time', () => {
    expect(summaryLine({ account: '111122223333', regions: ['us-east-1', 'eu-west-1'], services: ['ec2'], calls: 1, callsFailed: 0, elapsedMs: 1234 })).toBe(
      'audited account 111122223333: 2 regions × 1 service, 1 call in 1.2 s',
    );
    expect(summaryLine({ account: '1', regions: ['us-east-1'], services: ['ec2', 'rds'], calls: 40, callsFailed: 3, elapsedMs: 60_000 })).toBe(
      'audited account 1: 1 region × 2 services, 40 calls (3 failed; affected controls are not-evaluated) in 60.0 s',
    );
  });
});
