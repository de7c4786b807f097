// Most cases live in the RuleTester tables (test/rules/cases/resilience.ts); these test the
// recovery model itself and what a table row cannot express (several configs on one template).
import { describe, expect, it } from 'vitest';
import { RESILIENCE_RULES } from '../../src/rules/resilience/index.js';
import { scheduleMinutes } from '../../src/rules/resilience/backup-plans.js';
import { restoreMinutes } from '../../src/rules/resilience/recovery-model.js';
import { brief, scanText, template } from '../helpers/scan.js';

const scan = (yaml: string, options: Parameters<typeof scanText>[1] = {}) => scanText(yaml, { rules: RESILIENCE_RULES, ...options });
const ids = (yaml: string, rule: string, options: Parameters<typeof scanText>[1] = {}) => brief(scan(yaml, options).findings, rule);

describe('recovery model helpers', () => {
  it.each([
    ['cron(0 5 ? * * *)', 1440],
    ['cron(0 * * * ? *)', 60],
    ['cron(0 0/4 * * ? *)', 240],
    ['cron(0 5 ? * SUN *)', 10080],
    ['rate(12 hours)', 720],
    ['nonsense', undefined],
  ])('schedule %s → %s min', (expr, minutes) => {
    expect(scheduleMinutes(expr)).toBe(minutes);
  });
  it('restore estimate: 30 min + GB ÷ 10', () => {
    expect(restoreMinutes(20)).toBe(32);
    expect(restoreMinutes(500)).toBe(80);
  });
});

describe('DR-002 rto-within-target', () => {
  const aurora = (n: number) => `  Cluster:
    Type: AWS::RDS::DBCluster
    Properties:
      Engine: aurora-postgresql
${Array.from({ length: n }, (_, i) => `  I${i}:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: aurora-postgresql\n      DBInstanceClass: db.r6g.large\n      DBClusterIdentifier: !Ref Cluster\n`).join('')}`;
  it('Aurora: a reader gives < 1 min; one instance ≈ 10 min (passes prod 30 min, fails a 5 min target)', () => {
    expect(ids(template(aurora(2)), 'DR-002')).toEqual([]);
    expect(ids(template(aurora(1)), 'DR-002')).toEqual([]);
    expect(ids(template(aurora(1)), 'DR-002', { configFile: { tiers: { targets: { prod: { rtoMinutes: 5 } } } } })).toEqual(['DR-002 fail Cluster']);
    expect(ids(template(aurora(2)), 'DR-002', { configFile: { tiers: { targets: { prod: { rtoMinutes: 5 } } } } })).toEqual([]);
  });
});
