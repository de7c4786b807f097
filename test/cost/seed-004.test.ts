import { describe, expect, it } from 'vitest';
import { EMBEDDED_CATALOG } from '../../src/cost/catalog/embedded.js';
import { estimateCost } from '../../src/cost/index.js';
import type { CostReport } from '../../src/cost/types.js';
import { loadTemplates } from '../../src/engine/scan-templates.js';
import { linesOf, price, ref, res } from './helpers.js';

const SEED = 'fixtures/seeds/004-period-tracker.json';
const cents = (n: number): number => Math.round(n * 100) / 100;

/** Estimates the seed template the way `stackaudit cost --region R` does: loaded templates, no read callback. */
function estimateSeed(region: string): CostReport {
  const loaded = loadTemplates([SEED], { region });
  expect(loaded.errors).toEqual([]);
  return estimateCost(loaded, { region });
}

/** The catalog price a line must carry: the regional entry, else the global one. */
function catalogUsd(key: string, region: string): number | undefined {
  const found = EMBEDDED_CATALOG.lookup(key, region);
  return found.ok ? found.entry.usd : undefined;
}

describe('seed 004 PeriodTracker (App Runner + Aurora PostgreSQL) in ap-south-1', () => {
  const r = estimateSeed('ap-south-1');

  it('is fully priced from the Mumbai feeds, every line at the ap-south-1 (or global) price, to the cent', () => {
    expect(r.region).toBe('ap-south-1');
    expect(r.complete).toBe(true);
    expect(r.notPriced).toEqual([]);
    for (const l of r.lines) {
      expect(l.region, l.priceKey).toBe('ap-south-1');
      expect(l.unitPrice, l.priceKey).toBe(catalogUsd(l.priceKey, 'ap-south-1'));
      expect(l.monthly, l.priceKey).toBe(cents((l.quantity - (l.freeQuantity ?? 0)) * l.unitPrice));
      expect(l.confidence).toBe('A');
      expect(l.price.rate, l.priceKey).toBeTruthy();
    }
    expect(r.lines.map((l) => [l.resource.id, l.priceKey])).toEqual([
      ['NatEip', 'vpc.public_ipv4'],
      ['NatGateway', 'nat.hour'],
      ['NatGateway', 'nat.gb'],
      ['DatabaseLogGroup', 'cloudwatch.logs.ingest'],
      ['DatabaseLogGroup', 'cloudwatch.logs.storage'],
      ['DatabaseCluster', 'aurora.storage.standard'],
      ['DatabaseCluster', 'aurora.io.standard'],
      ['DatabaseInstance1', 'aurora.postgresql.db.t4g.medium'],
      ['CmsRepository', 'ecr.storage'],
      ['ApiRepository', 'ecr.storage'],
      ['CmsService', 'apprunner.active.vcpu'],
      ['CmsService', 'apprunner.active.gb'],
      ['ApiService', 'apprunner.active.vcpu'],
      ['ApiService', 'apprunner.active.gb'],
    ]);
  });

  it('uses the Mumbai list prices the README spot checks name', () => {
    const unit = (id: string, key: string) => linesOf(r, id).find((l) => l.priceKey === key)?.unitPrice;
    expect(unit('NatGateway', 'nat.hour')).toBe(0.056);
    expect(unit('DatabaseInstance1', 'aurora.postgresql.db.t4g.medium')).toBe(0.093);
    expect(unit('CmsService', 'apprunner.active.vcpu')).toBe(0.068096);
    expect(unit('CmsService', 'apprunner.active.gb')).toBe(0.007448);
    expect(unit('DatabaseLogGroup', 'cloudwatch.logs.storage')).toBe(0.03);
    expect(unit('DatabaseLogGroup', 'cloudwatch.logs.ingest')).toBe(0.67);
    expect(linesOf(r, 'DatabaseInstance1')[0]?.monthly).toBe(cents(730 * 0.093));
  });
});

describe('Aurora provisioned instance-hours', () => {
  it('seed 004 in us-east-1: db.t4g.medium Aurora PostgreSQL = 730 h × the catalog price, everything priced', () => {
    const r = estimateSeed('us-east-1');
    const inst = linesOf(r, 'DatabaseInstance1');
    expect(inst.map((l) => l.priceKey)).toEqual(['aurora.postgresql.db.t4g.medium']);
    expect(inst[0]?.quantity).toBe(730);
    expect(inst[0]?.unitPrice).toBe(price('aurora.postgresql.db.t4g.medium'));
    expect(inst[0]?.monthly).toBe(cents(730 * 0.073));
    expect(r.notPriced).toEqual([]);
    for (const l of r.lines) expect(l.unitPrice, l.priceKey).toBe(catalogUsd(l.priceKey, 'us-east-1'));
  });

  it('looks the class up per edition; I/O-Optimized clusters pay the I/O-Optimized instance rate and no I/O; a cluster without instances says so', () => {
    const std = res('AWS::RDS::DBCluster', 'Std', { Engine: 'aurora-mysql' });
    const my = res('AWS::RDS::DBInstance', 'My', { Engine: 'aurora-mysql', DBInstanceClass: 'db.r6g.large', DBClusterIdentifier: ref('Std') });
    const iopt = res('AWS::RDS::DBCluster', 'Iopt', { Engine: 'aurora-postgresql', StorageType: 'aurora-iopt1' });
    const pg = res('AWS::RDS::DBInstance', 'Pg', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.t4g.medium', DBClusterIdentifier: ref('Iopt') });
    const lonely = res('AWS::RDS::DBCluster', 'Lonely', { Engine: 'aurora-postgresql' });
    const r = estimateCost([std, my, iopt, pg, lonely], { region: 'us-east-1' });
    expect(linesOf(r, 'My').map((l) => [l.priceKey, l.monthly])).toEqual([['aurora.mysql.db.r6g.large', cents(730 * 0.26)]]);
    // The feed's "Aurora IO Optimization Mode" row for db.t4g.medium, not the Standard one.
    const io = linesOf(r, 'Pg')[0];
    expect(io?.priceKey).toBe('aurora.postgresql.db.t4g.medium.io_optimized');
    expect(io?.unitPrice).toBe(price('aurora.postgresql.db.t4g.medium.io_optimized'));
    expect(io?.unitPrice).toBeGreaterThan(price('aurora.postgresql.db.t4g.medium'));
    expect(linesOf(r, 'Iopt').map((l) => l.priceKey)).toEqual(['aurora.storage.io_optimized']);
    expect(r.notPriced.map((n) => [n.resource.id, n.reason])).toEqual([['Lonely', 'no DB instance of this cluster in this input: instance-hours not priced']]);
    expect(linesOf(r, 'Lonely').map((l) => l.priceKey)).toEqual(['aurora.storage.standard', 'aurora.io.standard']);
  });

  it('prices classes that exist only as id rows of the feed (named by their set), e.g. db.r8g.large', () => {
    const c = res('AWS::RDS::DBCluster', 'C', { Engine: 'aurora-postgresql' });
    const i = res('AWS::RDS::DBInstance', 'I', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.r8g.large', DBClusterIdentifier: ref('C') });
    const r = estimateCost([c, i], { region: 'us-east-1' });
    // README "Aurora": regions[V]["H3vdYTGIWsv-… V1"] = 0.276, in set "… Aurora PostgreSQL … Memory optimized …".
    expect(linesOf(r, 'I')[0]?.unitPrice).toBe(0.276);
  });
});
