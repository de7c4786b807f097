import { describe, expect, it } from 'vitest';
import { estimateCost } from '../../src/cost/index.js';
import { EMBEDDED_CATALOG } from '../../src/cost/catalog/prices.js';
import type { CostReport } from '../../src/cost/types.js';
import { loadTemplates } from '../../src/engine/scan-templates.js';
import type { Path, Resource } from '../../src/model/resource.js';
import { Unknown } from '../../src/model/values.js';
import { linesOf, ref, res } from './helpers.js';

const SEED = 'fixtures/seeds/004-period-tracker.json';
const cents = (n: number): number => Math.round(n * 100) / 100;

/** Estimates the seed template the way `stackaudit cost --region R` does (src/cli/cost.ts). */
function estimateSeed(region: string): CostReport {
  const loaded = loadTemplates([SEED], { region });
  expect(loaded.errors).toEqual([]);
  const read = (r: Resource, p: Path): unknown => {
    const poss = loaded.source.values(r, p);
    return poss.find((x) => !(x.value instanceof Unknown))?.value ?? poss[0]?.value;
  };
  return estimateCost(loaded.source.resources, { region, read });
}

/** The catalog price a line must carry: the regional entry, else the global one. */
function catalogUsd(key: string, region: string): number | undefined {
  const byRegion = EMBEDDED_CATALOG.prices[key];
  return (byRegion?.[region] ?? byRegion?.['global'])?.usd;
}

describe('seed 004 PeriodTracker (App Runner + Aurora PostgreSQL) in ap-south-1', () => {
  const r = estimateSeed('ap-south-1');

  it('prices every line at the catalog ap-south-1 (or global) price, to the cent', () => {
    expect(r.region).toBe('ap-south-1');
    expect(r.lines.length).toBeGreaterThan(0);
    for (const l of r.lines) {
      expect(l.unitPrice, l.priceKey).toBe(catalogUsd(l.priceKey, 'ap-south-1'));
      expect(l.monthly, l.priceKey).toBe(cents((l.quantity - (l.freeQuantity ?? 0)) * l.unitPrice));
    }
    expect(r.lines.map((l) => [l.resource.id, l.priceKey])).toEqual([
      ['NatEip', 'vpc.public_ipv4'],
      ['NatGateway', 'nat.hour'],
      ['NatGateway', 'nat.gb'],
      ['DatabaseLogGroup', 'cloudwatch.logs.ingest'],
      ['CmsRepository', 'ecr.storage'],
      ['ApiRepository', 'ecr.storage'],
    ]);
    expect(linesOf(r, 'NatGateway').find((l) => l.priceKey === 'nat.hour')?.monthly).toBe(cents(730 * 0.056));
  });

  it('reports, never guesses, the Mumbai prices no source was found for', () => {
    // No ap-south-1 figure was found for App Runner, Aurora instance-hours, Aurora storage and I/O,
    // or CloudWatch Logs storage (see the catalog header and PRICES.md), so these stay "not priced".
    expect(r.notPriced.map((n) => [n.resource.id, n.priceKey])).toEqual([
      ['DatabaseLogGroup', 'cloudwatch.logs.storage'],
      ['DatabaseCluster', 'aurora.storage.standard'],
      ['DatabaseCluster', 'aurora.io.standard'],
      ['DatabaseInstance1', 'aurora.postgresql.db.t4g.medium'],
      ['CmsService', 'apprunner.active.vcpu'],
      ['CmsService', 'apprunner.active.gb'],
      ['ApiService', 'apprunner.active.vcpu'],
      ['ApiService', 'apprunner.active.gb'],
    ]);
    for (const n of r.notPriced) {
      // Each is a catalog gap for this region, not an estimator failure or a missing key path.
      expect(n.reason).toMatch(/^no price for .+ in ap-south-1 \(catalog embedded, /);
      expect(EMBEDDED_CATALOG.prices[n.priceKey ?? '']?.['ap-south-1']).toBeUndefined();
      expect(EMBEDDED_CATALOG.prices[n.priceKey ?? '']?.['us-east-1']).toBeDefined();
    }
    expect(r.notPriced.find((n) => n.resource.id === 'DatabaseInstance1')?.reason).toMatch(/^no price for Aurora PostgreSQL db\.t4g\.medium instance-hours in ap-south-1/);
    expect(r.monthlyTotal).toBe(cents(r.lines.reduce((s, l) => s + l.monthly, 0)));
  });
});

describe('Aurora provisioned instance-hours (us-east-1)', () => {
  it('seed 004 in us-east-1: db.t4g.medium Aurora PostgreSQL = 730 h × the catalog price, everything priced', () => {
    const r = estimateSeed('us-east-1');
    const inst = linesOf(r, 'DatabaseInstance1');
    expect(inst.map((l) => l.priceKey)).toEqual(['aurora.postgresql.db.t4g.medium']);
    expect(inst[0]?.quantity).toBe(730);
    expect(inst[0]?.unitPrice).toBe(EMBEDDED_CATALOG.prices['aurora.postgresql.db.t4g.medium']?.['us-east-1']?.usd);
    expect(inst[0]?.monthly).toBe(cents(730 * 0.073));
    expect(inst[0]?.monthly).toBe(53.29);
    expect(r.notPriced).toEqual([]);
    for (const l of r.lines) expect(l.unitPrice, l.priceKey).toBe(catalogUsd(l.priceKey, 'us-east-1'));
  });

  it('looks the class up per edition, and reports I/O-Optimized rates and clusters without instances', () => {
    const std = res('AWS::RDS::DBCluster', 'Std', { Engine: 'aurora-mysql' });
    const my = res('AWS::RDS::DBInstance', 'My', { Engine: 'aurora-mysql', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: ref('Std') });
    const iopt = res('AWS::RDS::DBCluster', 'Iopt', { Engine: 'aurora-postgresql', StorageType: 'aurora-iopt1' });
    const pg = res('AWS::RDS::DBInstance', 'Pg', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.t4g.medium', DBClusterIdentifier: ref('Iopt') });
    const lonely = res('AWS::RDS::DBCluster', 'Lonely', { Engine: 'aurora-postgresql' });
    const r = estimateCost([std, my, iopt, pg, lonely], { region: 'us-east-1' });
    expect(linesOf(r, 'My').map((l) => [l.priceKey, l.monthly])).toEqual([['aurora.mysql.db.r6g.large', cents(730 * 0.26)]]);
    expect(linesOf(r, 'Pg')).toEqual([]);
    expect(r.notPriced).toContainEqual({ resource: { id: 'Pg', type: 'AWS::RDS::DBInstance' }, reason: expect.stringMatching(/^no price for Aurora PostgreSQL db\.t4g\.medium I\/O-Optimized instance-hours in us-east-1/), priceKey: 'aurora.postgresql.db.t4g.medium.io_optimized' });
    expect(r.notPriced).toContainEqual({ resource: { id: 'Lonely', type: 'AWS::RDS::DBCluster' }, reason: 'no DB instance of this cluster in the scan: instance-hours not priced' });
    expect(linesOf(r, 'Lonely').map((l) => l.priceKey)).toEqual(['aurora.storage.standard', 'aurora.io.standard']);
  });
});
