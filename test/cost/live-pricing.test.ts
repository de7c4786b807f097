import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { estimateCostLive, fetchLivePrices, parsePriceListItem, priceListQuery } from '../../src/cost/index.js';
import { res } from './helpers.js';

// Real Price List items, read in place from the shared reference material.
// Without ../shared beside the checkout (CI always has it) these tests are skipped, not failed.
const examplesFile = join(import.meta.dirname, '../../../shared/reference/pricelist-examples.json');
const available = existsSync(examplesFile);
const examples = (available ? JSON.parse(readFileSync(examplesFile, 'utf8')) : { captured_2026_03_22: {} }) as {
  captured_2026_03_22: Record<string, string>;
  vpc_public_ipv4_aps1: { PriceList: string[] };
  ec2_m5_large_use1_full: { PriceListItem: unknown };
  awscli_ebs_io1_apse1: { response: { PriceList: string[] } };
};
const cap = examples.captured_2026_03_22;

describe.skipIf(!available)('parsePriceListItem (real items)', () => {
  it('reads the on-demand price of a captured EC2 item', () => {
    expect(parsePriceListItem(cap['ec2_t3_micro_use1'])).toMatchObject({ sku: 'CRAJUW7BTXFMT2UJ', unit: 'Hrs', usd: 0.0104, usagetype: 'BoxUsage:t3.micro', version: '20260320042925', publicationDate: '2026-03-20T04:29:25Z' });
    expect(parsePriceListItem(cap['rds_postgres_db_t3_micro_single_az_use1'])?.usd).toBe(0.018);
  });

  it('sorts S3 tiers by beginRange (they arrive out of order)', () => {
    const p = parsePriceListItem(cap['s3_standard_timedstorage_use1_tiered']);
    expect(p?.usd).toBe(0.023);
    expect(p?.tiers).toEqual([
      { upTo: 51200, usd: 0.023 },
      { upTo: 512000, usd: 0.022 },
      { upTo: null, usd: 0.021 },
    ]);
  });

  it('ignores Reserved terms of a full EC2 product, and reads the Mumbai IPv4 item', () => {
    expect(parsePriceListItem(examples.ec2_m5_large_use1_full.PriceListItem)).toMatchObject({ sku: '6C86BEPQVG73ZGGR', usd: 0.096, unit: 'Hrs' });
    const ipv4 = examples.vpc_public_ipv4_aps1.PriceList.map((s) => parsePriceListItem(s));
    expect(ipv4.map((p) => [p?.usagetype, p?.usd])).toContainEqual(['APS3-PublicIPv4:InUseAddress', 0.005]);
    expect(parsePriceListItem(examples.awscli_ebs_io1_apse1.response.PriceList[0])?.usd).toBe(0.138);
    expect(parsePriceListItem('not json')).toBeUndefined();
  });

  it('builds TERM_MATCH queries with regionCode and the region usagetype prefix', () => {
    expect(priceListQuery('vpc.public_ipv4', 'ap-south-1')?.filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'group', Value: 'VPCPublicIPv4Address' },
      { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'APS3-PublicIPv4:InUseAddress' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'ap-south-1' },
    ]);
    expect(priceListQuery('nat.hour', 'us-east-1')?.filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'usagetype', Value: 'NatGateway-Hours' });
    expect(priceListQuery('s3.requests.put', 'us-east-1')?.scale).toBe(1000);
    expect(priceListQuery('nat.hour', 'sa-east-1')).toBeUndefined();
  });
});

describe('Price List queries for RDS engines, Aurora and CloudWatch Logs', () => {
  const usagetype = (key: string, region: string): string | undefined => priceListQuery(key, region)?.filters.find((f) => f.Field === 'usagetype')?.Value;

  it('maps each RDS engine to the Price List databaseEngine', () => {
    expect(priceListQuery('rds.mysql.db.m5.large.multi_az', 'us-east-1')?.filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'db.m5.large' },
      { Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'MySQL' },
      { Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Multi-AZ' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
    ]);
    expect(priceListQuery('rds.mariadb.db.t4g.small.single_az', 'ap-south-1')?.filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'MariaDB' });
  });

  it('tells Aurora Standard from I/O-Optimized instance rows by usage type, with the Mumbai prefix', () => {
    expect(usagetype('aurora.postgresql.db.t4g.medium', 'ap-south-1')).toBe('APS3-InstanceUsage:db.t4g.medium');
    expect(usagetype('aurora.mysql.db.r6g.large.io_optimized', 'us-east-1')).toBe('InstanceUsageIOOptimized:db.r6g.large');
    expect(priceListQuery('aurora.mysql.db.r6g.large', 'us-east-1')?.filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'Aurora MySQL' });
  });

  it('Aurora storage, I/O (scaled to millions) and CloudWatch Logs', () => {
    expect(usagetype('aurora.storage.standard', 'ap-south-1')).toBe('APS3-Aurora:StorageUsage');
    expect(usagetype('aurora.storage.io_optimized', 'us-east-1')).toBe('Aurora:IO-OptimizedStorageUsage');
    expect(priceListQuery('aurora.io.standard', 'ap-south-1')).toMatchObject({ serviceCode: 'AmazonRDS', unit: '1M requests', scale: 1_000_000 });
    expect(usagetype('aurora.io.standard', 'ap-south-1')).toBe('APS3-Aurora:StorageIOUsage');
    expect(usagetype('cloudwatch.logs.storage', 'ap-south-1')).toBe('APS3-TimedStorage-ByteHrs');
    expect(priceListQuery('cloudwatch.logs.ingest', 'us-east-1')?.serviceCode).toBe('AmazonCloudWatch');
  });

  it('App Runner usage types are prefixed even in us-east-1', () => {
    expect(usagetype('apprunner.active.vcpu', 'us-east-1')).toBe('USE1-AppRunner-vCPU-hours');
    expect(usagetype('apprunner.provisioned.gb', 'ap-south-1')).toBe('APS3-AppRunner-Provisioned-GB-hours');
    expect(priceListQuery('apprunner.active.gb', 'ap-south-1')).toMatchObject({ serviceCode: 'AWSAppRunner', unit: 'GB-Hrs', scale: 1 });
    expect(priceListQuery('apprunner.active.gb', 'sa-east-1')).toBeUndefined();
  });
});

describe.skipIf(!available)('live pricing with a mocked PricingClient', () => {
  const pricing = mockClient(PricingClient);
  let cacheDir: string;
  beforeEach(async () => {
    pricing.reset();
    cacheDir = await mkdtemp(join(tmpdir(), 'pricing-'));
  });

  it('pages through GetProducts, overlays the live price and caches the answer until the TTL', async () => {
    const item = JSON.parse(cap['ec2_t3_micro_use1'] as string) as { terms: { OnDemand: Record<string, { priceDimensions: Record<string, { pricePerUnit: { USD: string } }> }> } };
    // Same SKU with a changed price to prove the live value is used.
    for (const t of Object.values(item.terms.OnDemand)) for (const d of Object.values(t.priceDimensions)) d.pricePerUnit.USD = '0.0110000000';
    pricing
      .on(GetProductsCommand)
      .resolves({ PriceList: [] })
      .on(GetProductsCommand, { ServiceCode: 'AmazonEC2', NextToken: undefined })
      .resolves({ PriceList: [], NextToken: 'page2' })
      .on(GetProductsCommand, { ServiceCode: 'AmazonEC2', NextToken: 'page2' })
      .resolves({ PriceList: [JSON.stringify(item)] });
    let now = 1_000_000;
    const live = { client: new PricingClient({ region: 'us-east-1' }), cacheDir, ttlMs: 3_600_000, now: () => now };
    const r = await estimateCostLive([res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro', SubnetId: 'subnet-1' })], { region: 'us-east-1', live });
    const ec2 = r.lines.find((l) => l.priceKey === 'ec2.instance.t3.micro');
    expect(ec2?.unitPrice).toBe(0.011);
    expect(ec2?.monthly).toBe(8.03);
    expect(ec2?.priceSource).toMatch(/^live\+embedded:ec2\.instance\.t3\.micro \[A; pricelist:CRAJUW7BTXFMT2UJ; 2026-03-20\]/);
    const calls = pricing.commandCalls(GetProductsCommand);
    const ec2Call = calls.find((c) => c.args[0].input.ServiceCode === 'AmazonEC2' && !c.args[0].input.NextToken && c.args[0].input.Filters?.some((f) => f.Field === 'instanceType'))?.args[0].input;
    expect(ec2Call?.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' });
    expect(ec2Call?.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'instanceType', Value: 't3.micro' });
    // EBS gp3 got no product: it falls back to the embedded price, with a note.
    expect(r.lines.find((l) => l.priceKey === 'ebs.gp3.storage')?.priceSource).toMatch(/ic_ebs/);
    expect(r.notes).toContain('live pricing: no product for ebs.gp3.storage in us-east-1; using the embedded catalog');

    const before = calls.length;
    now += 60_000;
    await fetchLivePrices(['ec2.instance.t3.micro'], 'us-east-1', live);
    expect(pricing.commandCalls(GetProductsCommand).length).toBe(before);
    now += 3_600_000;
    await fetchLivePrices(['ec2.instance.t3.micro'], 'us-east-1', live);
    expect(pricing.commandCalls(GetProductsCommand).length).toBe(before + 2);
  });

  it('falls back to the embedded catalog when the API fails', async () => {
    const err = Object.assign(new Error('denied'), { name: 'AccessDeniedException' });
    pricing.on(GetProductsCommand).rejects(err);
    const r = await estimateCostLive([res('AWS::EC2::NatGateway', 'Nat', { ConnectivityType: 'private' })], { region: 'us-east-1', live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir } });
    expect(r.lines.find((l) => l.priceKey === 'nat.hour')?.monthly).toBe(32.85);
    expect(r.notes).toContain('live pricing failed for nat.hour (AccessDeniedException); using the embedded catalog');
  });

  it('uses the live price for a key the embedded catalog lacks ', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    pricing.on(GetProductsCommand, { ServiceCode: 'AmazonRDS' }).resolves({ PriceList: [(cap['rds_postgres_db_t3_micro_single_az_use1'] as string).replace(/db\.t3\.micro/g, 'db.r6g.large').replace('0.0180000000', '0.2250000000')] });
    const r = await estimateCostLive([res('AWS::RDS::DBInstance', 'Db', { Engine: 'postgres', DBInstanceClass: 'db.r6g.large', AllocatedStorage: 20 })], { region: 'us-east-1', live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir } });
    expect(r.notPriced).toEqual([]);
    expect(r.lines.find((l) => l.priceKey === 'rds.postgres.db.r6g.large.single_az')?.monthly).toBe(164.25);
  });

  it('prices a Mumbai Aurora instance the embedded catalog lacks, ignoring the I/O-Optimized row', async () => {
    // Items in the Price List's shape (built from the captured RDS item): the query's usage
    // type filter is what keeps the I/O-Optimized row out, so the mock answers by filter.
    const row = (usage: string, usd: string): string =>
      (cap['rds_postgres_db_t3_micro_single_az_use1'] as string)
        .replace('InstanceUsage:db.t3.micro', usage)
        .replace(/db\.t3\.micro/g, 'db.t4g.medium')
        .replace('"databaseEngine":"PostgreSQL"', '"databaseEngine":"Aurora PostgreSQL"')
        .replace('"regionCode":"us-east-1"', '"regionCode":"ap-south-1"')
        .replace('0.0180000000', usd);
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    pricing.on(GetProductsCommand, { ServiceCode: 'AmazonRDS' }).callsFake((input: { Filters?: { Field?: string; Value?: string }[] }) => {
      const ut = input.Filters?.find((f) => f.Field === 'usagetype')?.Value;
      const rows = [row('APS3-InstanceUsage:db.t4g.medium', '0.1000000000'), row('APS3-InstanceUsageIOOptimized:db.t4g.medium', '0.1300000000')];
      return { PriceList: rows.filter((r) => ut === undefined || r.includes(`"usagetype":"${ut}"`)) };
    });
    const cluster = res('AWS::RDS::DBCluster', 'Cluster', { Engine: 'aurora-postgresql' });
    const writer = res('AWS::RDS::DBInstance', 'Writer', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.t4g.medium', DBClusterIdentifier: { Ref: 'Cluster' } });
    const r = await estimateCostLive([cluster, writer], { region: 'ap-south-1', live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir } });
    const line = r.lines.find((l) => l.priceKey === 'aurora.postgresql.db.t4g.medium');
    expect(line?.unitPrice).toBe(0.1);
    expect(line?.priceSource).toMatch(/^live\+embedded:aurora\.postgresql\.db\.t4g\.medium \[A; pricelist:/);
    expect(r.notPriced.some((n) => n.resource.id === 'Writer')).toBe(false);
  });
});
