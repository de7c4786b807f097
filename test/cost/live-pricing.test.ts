import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetProductsCommand, PricingClient } from '@aws-sdk/client-pricing';
import { mockClient } from 'aws-sdk-client-mock';
import { beforeEach, describe, expect, it } from 'vitest';
import { EMBEDDED_CATALOG } from '../../src/cost/catalog/embedded.js';
import { estimateCostLive, fetchLivePrices, parsePriceListItem, priceListQuery, type PricingSender } from '../../src/cost/index.js';
import { regionsWithoutBillingCode } from '../../src/cost/usage-types.js';
import { COMMERCIAL_REGIONS } from '../../src/model/regions.js';
import {
  auroraRow,
  EC2_M5_LARGE_USE1_FULL,
  EC2_T3_MICRO_USE1,
  IPV4_IDLE_APS3,
  IPV4_IN_USE_APS3,
  priceListItem,
  RDS_POSTGRES_T3_MICRO_USE1,
  S3_STANDARD_USE1,
} from './fixtures/pricelist.js';
import { res } from './helpers.js';

const usagetype = (key: string, region: string): string | undefined => priceListQuery(key, region)?.filters.find((f) => f.Field === 'usagetype')?.Value;

describe('parsePriceListItem (items in the GetProducts shape)', () => {
  it('reads the on-demand price, SKU, rate code, usage type, version and publication date', () => {
    expect(parsePriceListItem(EC2_T3_MICRO_USE1)).toMatchObject({
      sku: 'TESTEC2T3MICRO01',
      unit: 'Hrs',
      usd: 0.0104,
      usagetype: 'BoxUsage:t3.micro',
      version: '20260320042925',
      publicationDate: '2026-03-20T04:29:25Z',
      rateCode: 'TESTEC2T3MICRO01.JRTCKXETXF.6YS6EN2CT7',
    });
    expect(parsePriceListItem(RDS_POSTGRES_T3_MICRO_USE1)?.usd).toBe(0.018);
  });

  it('sorts tiers by beginRange (they may arrive out of order)', () => {
    const p = parsePriceListItem(S3_STANDARD_USE1);
    expect(p?.usd).toBe(0.023);
    expect(p?.tiers).toEqual([
      { upTo: 51200, usd: 0.023 },
      { upTo: 512000, usd: 0.022 },
      { upTo: null, usd: 0.021 },
    ]);
  });

  it('ignores Reserved terms, reads an already-parsed item, rejects what is not an item', () => {
    expect(parsePriceListItem(EC2_M5_LARGE_USE1_FULL)).toMatchObject({ sku: 'TESTEC2M5LARGE01', usd: 0.096, unit: 'Hrs' });
    expect(parsePriceListItem(JSON.parse(IPV4_IN_USE_APS3) as unknown)).toMatchObject({ usagetype: 'APS3-PublicIPv4:InUseAddress', usd: 0.005 });
    expect(parsePriceListItem('not json')).toBeUndefined();
    expect(parsePriceListItem('{"product":{}}')).toBeUndefined();
  });
});

describe('Price List queries', () => {
  it('every region of the region table has a usage-type prefix (no hand-picked few)', () => {
    expect(regionsWithoutBillingCode()).toEqual([]);
    for (const region of Object.keys(COMMERCIAL_REGIONS)) expect(priceListQuery('nat.hour', region), region).toBeDefined();
    expect(usagetype('nat.hour', 'us-east-1')).toBe('NatGateway-Hours');
    expect(usagetype('nat.hour', 'sa-east-1')).toBe('SAE1-NatGateway-Hours');
    expect(usagetype('nat.hour', 'eu-west-1')).toBe('EU-NatGateway-Hours');
    expect(usagetype('vpc.public_ipv4', 'ap-southeast-4')).toBe('APS6-PublicIPv4:InUseAddress');
    expect(usagetype('vpc.public_ipv4', 'mx-central-1')).toBe('MXC1-PublicIPv4:InUseAddress');
    expect(priceListQuery('nat.hour', 'moon-1')).toBeUndefined();
  });

  it('builds TERM_MATCH filters with regionCode; scales per-request prices', () => {
    expect(priceListQuery('vpc.public_ipv4', 'ap-south-1')?.filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'group', Value: 'VPCPublicIPv4Address' },
      { Type: 'TERM_MATCH', Field: 'usagetype', Value: 'APS3-PublicIPv4:InUseAddress' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'ap-south-1' },
    ]);
    expect(priceListQuery('s3.requests.put', 'us-east-1')?.scale).toBe(1000);
    expect(priceListQuery('aurora.io.standard', 'ap-south-1')).toMatchObject({ serviceCode: 'AmazonRDS', unit: '1M requests', scale: 1_000_000 });
  });

  it('RDS engines, Aurora Standard vs I/O-Optimized, Serverless v2 per edition, ElastiCache per engine, App Runner', () => {
    expect(priceListQuery('rds.mysql.db.m5.large.multi_az', 'us-east-1')?.filters).toEqual([
      { Type: 'TERM_MATCH', Field: 'instanceType', Value: 'db.m5.large' },
      { Type: 'TERM_MATCH', Field: 'databaseEngine', Value: 'MySQL' },
      { Type: 'TERM_MATCH', Field: 'deploymentOption', Value: 'Multi-AZ' },
      { Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' },
    ]);
    expect(usagetype('aurora.postgresql.db.t4g.medium', 'ap-south-1')).toBe('APS3-InstanceUsage:db.t4g.medium');
    expect(usagetype('aurora.mysql.db.r6g.large.io_optimized', 'us-east-1')).toBe('InstanceUsageIOOptimized:db.r6g.large');
    expect(usagetype('aurora.mysql.serverless_v2.acu.io_optimized', 'eu-central-1')).toBe('EUC1-Aurora:ServerlessV2IOOptimizedUsage');
    expect(priceListQuery('elasticache.valkey.cache.t3.micro', 'us-east-1')?.filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'cacheEngine', Value: 'Valkey' });
    expect(usagetype('apprunner.active.vcpu', 'us-east-1')).toBe('USE1-AppRunner-vCPU-hours');
    expect(usagetype('apprunner.provisioned.gb', 'ap-south-1')).toBe('APS3-AppRunner-Provisioned-GB-hours');
  });
});

describe('live pricing with a mocked PricingClient', () => {
  const pricing = mockClient(PricingClient);
  let cacheDir: string;
  beforeEach(async () => {
    pricing.reset();
    cacheDir = await mkdtemp(join(tmpdir(), 'pricing-'));
  });

  it('pages through GetProducts, overlays the live price and caches the answer until the TTL', async () => {
    // The same SKU at a changed price, to prove the live value is used.
    const item = EC2_T3_MICRO_USE1.replace('0.0104000000', '0.0110000000');
    pricing
      .on(GetProductsCommand)
      .resolves({ PriceList: [] })
      .on(GetProductsCommand, { ServiceCode: 'AmazonEC2', NextToken: undefined })
      .resolves({ PriceList: [], NextToken: 'page2' })
      .on(GetProductsCommand, { ServiceCode: 'AmazonEC2', NextToken: 'page2' })
      .resolves({ PriceList: [item] });
    let now = 1_000_000;
    const live = { client: new PricingClient({ region: 'us-east-1' }), cacheDir, ttlMs: 3_600_000, now: () => now };
    const r = await estimateCostLive([res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro', SubnetId: 'subnet-1' })], { region: 'us-east-1', live });
    const ec2 = r.lines.find((l) => l.priceKey === 'ec2.instance.t3.micro');
    expect(ec2?.unitPrice).toBe(0.011);
    expect(ec2?.monthly).toBe(8.03);
    expect(ec2?.price).toMatchObject({ feed: expect.stringMatching(/^pricelist:TESTEC2T3MICRO01 /), published: '2026-03-20', rate: 'TESTEC2T3MICRO01.JRTCKXETXF.6YS6EN2CT7' });
    const calls = pricing.commandCalls(GetProductsCommand);
    const ec2Call = calls.find((c) => c.args[0].input.ServiceCode === 'AmazonEC2' && !c.args[0].input.NextToken && c.args[0].input.Filters?.some((f) => f.Field === 'instanceType'))
      ?.args[0].input;
    expect(ec2Call?.Filters).toContainEqual({ Type: 'TERM_MATCH', Field: 'regionCode', Value: 'us-east-1' });
    // EBS gp3 got no product: the feed price stays, and one note says so with the catalog's date.
    expect(r.lines.find((l) => l.priceKey === 'ebs.gp3.storage')?.price.feed).toBe('ec2.shop/data/ebs/ebs.json');
    const fallback = r.notes.filter((n) => n.startsWith('Live pricing:'));
    expect(fallback).toEqual([
      'Live pricing: 1 price(s) read from the AWS Price List API.',
      `Live pricing: 1 price(s) could not be read (no product) and come from the embedded catalog (AWS price feeds, newest ${EMBEDDED_CATALOG.asOf}): ebs.gp3.storage in us-east-1.`,
    ]);

    const before = calls.length;
    now += 60_000;
    await fetchLivePrices([{ key: 'ec2.instance.t3.micro', region: 'us-east-1' }], live);
    expect(pricing.commandCalls(GetProductsCommand).length).toBe(before);
    now += 3_600_000;
    await fetchLivePrices([{ key: 'ec2.instance.t3.micro', region: 'us-east-1' }], live);
    expect(pricing.commandCalls(GetProductsCommand).length).toBe(before + 2);
  });

  it("after a failed request, asks nothing more and says so in one note naming the embedded catalog's date", async () => {
    pricing.on(GetProductsCommand).rejects(Object.assign(new Error('denied'), { name: 'AccessDeniedException' }));
    const r = await estimateCostLive(
      [res('AWS::EC2::NatGateway', 'Nat', { ConnectivityType: 'private' }), res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro', SubnetId: 'subnet-1' })],
      { region: 'us-east-1', live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir } },
    );
    expect(pricing.commandCalls(GetProductsCommand)).toHaveLength(1);
    expect(r.lines.find((l) => l.priceKey === 'nat.hour')?.monthly).toBe(32.85);
    const notes = r.notes.filter((n) => n.startsWith('Live pricing:'));
    expect(notes).toHaveLength(2);
    expect(notes[1]).toMatch(
      new RegExp(
        `^Live pricing: 4 price\\(s\\) could not be read \\(AccessDeniedException\\) and come from the embedded catalog \\(AWS price feeds, newest ${EMBEDDED_CATALOG.asOf}\\): `,
      ),
    );
  });

  it('a request that never answers times out instead of hanging the run', async () => {
    let asked = 0;
    const neverAnswers: PricingSender = {
      send: () => {
        asked++;
        return new Promise(() => {});
      },
    };
    const r = await estimateCostLive([res('AWS::EC2::NatGateway', 'Nat', { ConnectivityType: 'private' })], {
      region: 'us-east-1',
      live: { client: neverAnswers, cacheDir, timeoutMs: 20 },
    });
    expect(asked).toBe(1);
    expect(r.lines.find((l) => l.priceKey === 'nat.hour')?.monthly).toBe(32.85);
    expect(r.notes.join('\n')).toMatch(/could not be read \(TimeoutError: no answer within 20 ms\) and come from the embedded catalog/);
  });

  it('prices each resource with the Price List of its own region', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    pricing.on(GetProductsCommand, { ServiceCode: 'AmazonVPC' }).callsFake((input: { Filters?: { Field?: string; Value?: string }[] }) => {
      const ut = input.Filters?.find((f) => f.Field === 'usagetype')?.Value;
      return { PriceList: [IPV4_IN_USE_APS3, IPV4_IDLE_APS3].filter((i) => i.includes(`"usagetype":"${ut}"`)).map((i) => i.replaceAll('0.0050000000', '0.0060000000')) };
    });
    const mumbai = { ...res('AWS::EC2::EIP', 'Ip'), origin: { kind: 'template' as const, file: 'm.yaml', scope: 'm.yaml', region: 'ap-south-1' } };
    const virginia = { ...res('AWS::EC2::EIP', 'Ip'), origin: { kind: 'template' as const, file: 'v.yaml', scope: 'v.yaml', region: 'us-east-1' } };
    const r = await estimateCostLive([mumbai, virginia], { live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir } });
    const by = (file: string) => r.lines.find((l) => l.resource.file === file);
    expect(by('m.yaml')?.unitPrice).toBe(0.006);
    expect(by('m.yaml')?.region).toBe('ap-south-1');
    // Nothing answered for us-east-1: the feed's price.
    expect(by('v.yaml')?.unitPrice).toBe(0.005);
    expect(by('v.yaml')?.price.feed).toBe('aws-price-watcher/raw/vpc.json');
  });

  it('tells a Mumbai Aurora instance from its I/O-Optimized row by usage type', async () => {
    pricing.on(GetProductsCommand).resolves({ PriceList: [] });
    pricing.on(GetProductsCommand, { ServiceCode: 'AmazonRDS' }).callsFake((input: { Filters?: { Field?: string; Value?: string }[] }) => {
      const ut = input.Filters?.find((f) => f.Field === 'usagetype')?.Value;
      const rows = [auroraRow('ap-south-1', 'APS3-', 'db.t4g.medium', false, '0.1000000000'), auroraRow('ap-south-1', 'APS3-', 'db.t4g.medium', true, '0.1300000000')];
      return { PriceList: rows.filter((row) => ut === undefined || row.includes(`"usagetype":"${ut}"`)) };
    });
    const cluster = res('AWS::RDS::DBCluster', 'Cluster', { Engine: 'aurora-postgresql' });
    const writer = res('AWS::RDS::DBInstance', 'Writer', { Engine: 'aurora-postgresql', DBInstanceClass: 'db.t4g.medium', DBClusterIdentifier: { Ref: 'Cluster' } });
    const r = await estimateCostLive([cluster, writer], { region: 'ap-south-1', live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir } });
    const line = r.lines.find((l) => l.priceKey === 'aurora.postgresql.db.t4g.medium');
    expect(line?.unitPrice).toBe(0.1);
    expect(line?.price.feed).toMatch(/^pricelist:TESTAURST/);
  });

  it('an item that contradicts its query (another region) is not taken', async () => {
    const wrongRegion = priceListItem({
      sku: 'TESTWRONGREGION1',
      serviceCode: 'AmazonEC2',
      productFamily: 'NAT Gateway',
      attributes: { regionCode: 'eu-west-1', usagetype: 'NatGateway-Hours' },
      dimensions: [{ usd: '0.9000000000', unit: 'Hrs' }],
    });
    pricing.on(GetProductsCommand).resolves({ PriceList: [wrongRegion] });
    const r = await estimateCostLive([res('AWS::EC2::NatGateway', 'Nat', { ConnectivityType: 'private' })], {
      region: 'us-east-1',
      live: { client: new PricingClient({ region: 'us-east-1' }), cacheDir },
    });
    expect(r.lines.find((l) => l.priceKey === 'nat.hour')?.unitPrice).toBe(0.045);
  });
});
