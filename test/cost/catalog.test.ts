// The embedded catalog: generated from AWS's price feeds (regenerated here when ../shared is
// beside the checkout), list prices pinned in several regions, each price traced to its feed.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildCatalog } from '../../scripts/catalog/build.mjs';
import { createEmbeddedCatalog, EMBEDDED_CATALOG } from '../../src/cost/catalog/embedded.js';
import { estimateCost } from '../../src/cost/index.js';
import { loadTemplates } from '../../src/engine/scan-templates.js';
import { COMMERCIAL_REGIONS } from '../../src/model/regions.js';
import { price, res } from './helpers.js';

const root = resolve(import.meta.dirname, '../..');
const dataDir = join(root, 'src/cost/catalog/data');
const feeds = resolve(root, '../shared/reference/pricing-feeds');
const haveFeeds = existsSync(join(feeds, 'regions.json'));

describe.skipIf(!haveFeeds)('generated from ../shared/reference/pricing-feeds', () => {
  it('regenerating the catalog gives the committed files, byte for byte', () => {
    const { files } = buildCatalog(feeds);
    const committed = readdirSync(dataDir)
      .filter((n) => n.endsWith('.json'))
      .sort();
    expect(committed).toEqual([...files.keys()].sort());
    const stale = [...files].filter(([name, text]) => readFileSync(join(dataDir, name), 'utf8') !== text).map(([name]) => name);
    expect(stale, 'run npm run catalog').toEqual([]);
  });

  it('EC2 prices equal the feed file of each region, for every instance type it lists', () => {
    let checked = 0;
    for (const region of ['us-east-1', 'eu-west-1', 'ap-south-1', 'sa-east-1', 'me-central-1']) {
      const feed = JSON.parse(readFileSync(join(feeds, `ec2.shop/data/ec2/${region}-ondemand.json`), 'utf8')) as {
        regions: Record<string, Record<string, { price: string; rateCode: string; 'Instance Type': string }>>;
      };
      for (const rows of Object.values(feed.regions))
        for (const row of Object.values(rows)) {
          const found = EMBEDDED_CATALOG.lookup(`ec2.instance.${row['Instance Type']}`, region);
          expect(found.ok && found.entry.usd, `${region} ${row['Instance Type']}`).toBe(Number(row.price));
          expect(found.ok && found.entry.source.rate).toBe(row.rateCode);
          checked++;
        }
    }
    expect(checked).toBeGreaterThan(2500);
  });
});

describe('the committed catalog', () => {
  it('has one file per commercial region of the feeds, a global file, and data-files.ts lists them all (so tsc ships them)', () => {
    const files = readdirSync(dataDir).filter((n) => n.endsWith('.json'));
    const regions = files.filter((n) => /^[a-z]{2}-[a-z]+-\d\.json$/.test(n)).map((n) => n.slice(0, -5));
    expect(regions.sort()).toEqual(
      Object.keys(COMMERCIAL_REGIONS)
        .filter((r) => r !== 'ap-east-2' && r !== 'ap-southeast-6')
        .sort(),
    );
    expect(regions).toHaveLength(32);
    const listed = [...readFileSync(join(root, 'src/cost/catalog/data-files.ts'), 'utf8').matchAll(/from '\.\/data\/([^']+)'/g)].map((m) => m[1]);
    expect(listed.sort()).toEqual(files.sort());
  });

  it('stays compact: at most 10 MB in all, each region file well under 1 MB', () => {
    const sizes = readdirSync(dataDir).map((n) => statSync(join(dataDir, n)).size);
    expect(sizes.reduce((a, b) => a + b, 0)).toBeLessThan(10 * 1024 * 1024);
    expect(Math.max(...sizes)).toBeLessThan(512 * 1024);
  });

  it("every price carries its feed, the feed's publication date and a rate key, in every region", () => {
    for (const region of [...EMBEDDED_CATALOG.regions(), 'global']) {
      for (const key of EMBEDDED_CATALOG.keys(region)) {
        const found = EMBEDDED_CATALOG.lookup(key, region);
        expect(found.ok, `${region} ${key}`).toBe(true);
        if (!found.ok) continue;
        const { entry } = found;
        expect(entry.source.feed, key).toMatch(/^(aws-price-watcher|ec2\.shop|nat-gateway\.json)/);
        expect(entry.source.published, key).toMatch(/^\d{4}-\d{2}-\d{2}$/);
        expect(
          [entry.source.rate].flat().every((r) => typeof r === 'string' && r.length > 0),
          key,
        ).toBe(true);
        expect(Number.isFinite(entry.usd) && entry.usd >= 0, key).toBe(true);
        for (const [i, t] of (entry.tiers ?? []).entries()) if (i > 0) expect(t.upTo === null || t.upTo > (entry.tiers?.[i - 1]?.upTo ?? 0), key).toBe(true);
      }
    }
  });
});

describe('list prices pinned in several regions (README spot checks and AWS list prices)', () => {
  it.each([
    ['ec2.instance.t3.micro', 'us-east-1', 0.0104],
    ['ebs.gp3.storage', 'us-east-1', 0.08],
    ['ebs.gp3.iops', 'us-east-1', 0.005],
    // Priced per GiB/s-month in the feed (40.96): per MiB/s-month.
    ['ebs.gp3.throughput', 'us-east-1', 0.04],
    ['vpc.public_ipv4', 'us-east-1', 0.005],
    ['elb.alb.hour', 'us-east-1', 0.0225],
    ['elb.alb.lcu', 'us-east-1', 0.008],
    ['rds.postgres.db.t3.micro.single_az', 'us-east-1', 0.018],
    ['rds.postgres.db.t3.micro.multi_az', 'us-east-1', 0.036],
    ['rds.storage.gp3.single_az', 'us-east-1', 0.115],
    ['aurora.postgresql.serverless_v2.acu', 'us-east-1', 0.12],
    ['aurora.postgresql.serverless_v2.acu.io_optimized', 'us-east-1', 0.16],
    ['elasticache.redis.cache.t3.micro', 'us-east-1', 0.017],
    ['elasticache.valkey.cache.t3.micro', 'us-east-1', 0.0136],
    ['fargate.x86.vcpu', 'us-east-1', 0.04048],
    ['apprunner.active.vcpu', 'us-east-1', 0.064],
    ['s3.standard.storage', 'us-east-1', 0.023],
    ['lambda.x86.gb_second', 'us-east-1', 0.0000166667],
    ['dto.internet', 'us-east-1', 0.09],
    ['nat.hour', 'us-east-1', 0.045],
    ['cloudfront.dto.united_states', 'us-east-1', 0.085],
    ['route53.zone', 'eu-west-1', 0.5],
    ['ec2.instance.t3.micro', 'ap-south-1', 0.0112],
    ['apprunner.active.vcpu', 'ap-south-1', 0.068096],
    ['aurora.postgresql.db.t4g.medium', 'ap-south-1', 0.093],
    ['aurora.postgresql.db.t4g.medium.io_optimized', 'ap-south-1', 0.121],
    ['aurora.postgresql.serverless_v2.acu', 'ap-south-1', 0.18],
    ['cloudwatch.logs.storage', 'ap-south-1', 0.03],
    ['cloudwatch.logs.ingest', 'ap-south-1', 0.67],
    ['dto.internet', 'ap-south-1', 0.1093],
    ['nat.hour', 'ap-south-1', 0.056],
    ['nat.hour', 'eu-west-1', 0.048],
    ['ec2.instance.t3.micro', 'eu-west-1', 0.0114],
    ['ec2.instance.t3.micro', 'sa-east-1', 0.0168],
    ['rds.postgres.db.t3.medium.multi_az', 'eu-west-1', 0.156],
    ['rds.postgres.db.t3.medium.multi_az', 'eu-central-1', 0.168],
  ] as const)('%s in %s = %s', (key, region, usd) => {
    expect(price(key, region)).toBe(usd);
  });

  it('the hand-typed figures the issue found wrong now read the feeds', () => {
    // RDS MySQL r-classes carried the PostgreSQL rates.
    expect(price('rds.mysql.db.r6g.large.single_az')).toBe(0.215);
    expect(price('rds.postgres.db.r6g.large.single_az')).toBe(0.225);
    expect(price('rds.mysql.db.r5.large.single_az')).toBe(0.24);
    expect(price('rds.mysql.db.r7g.large.single_az')).toBe(0.239);
    // Multi-AZ is not always 2 × Single-AZ.
    expect(price('rds.postgres.db.t3.medium.multi_az')).toBe(0.145);
    expect(price('rds.postgres.db.t4g.small.multi_az')).toBe(0.065);
    expect(price('rds.postgres.db.t4g.medium.multi_az')).toBe(0.129);
    // A metal size is priced as AWS lists it, not derived from the family.
    expect(price('ec2.instance.c6g.metal')).toBe(2.176);
    // Mumbai Fargate GB-hours have their own rate.
    expect(price('fargate.x86.gb', 'ap-south-1')).toBe(0.004655);
    expect(price('fargate.x86.vcpu', 'ap-south-1')).toBe(0.04256);
    // CloudFront requests from Europe cost more than from the United States.
    expect(price('cloudfront.requests.europe.https')).toBe(0.012);
    expect(price('cloudfront.requests.united_states.https')).toBe(0.01);
  });

  it('tiers come from the feed: S3 Standard, data transfer out, CloudFront from India', () => {
    const tiers = (key: string, region = 'us-east-1') => {
      const found = EMBEDDED_CATALOG.lookup(key, region);
      return found.ok ? found.entry.tiers : undefined;
    };
    expect(tiers('s3.standard.storage')).toEqual([
      { upTo: 51200, usd: 0.023 },
      { upTo: 512000, usd: 0.022 },
      { upTo: null, usd: 0.021 },
    ]);
    expect(tiers('dto.internet', 'ap-south-1')?.[0]).toEqual({ upTo: 10240, usd: 0.1093 });
    expect(tiers('cloudfront.dto.india')?.map((t) => t.usd)).toEqual([0.109, 0.085, 0.082, 0.08, 0.078, 0.075, 0.072]);
  });
});

describe('regions', () => {
  it("says when a service is not offered in a region (App Runner in sa-east-1), and never borrows another region's price", () => {
    const r = estimateCost([res('AWS::AppRunner::Service', 'Api', { InstanceConfiguration: { Cpu: '1 vCPU', Memory: '2 GB' } })], { region: 'sa-east-1' });
    expect(r.lines).toEqual([]);
    expect(r.complete).toBe(false);
    expect(r.notPriced[0]?.reason).toMatch(/^App Runner is not offered in sa-east-1: its AWS price feed lists 11 regions: .*us-east-1/);
  });

  it("regions newer than the feeds, and other partitions, are reported, not priced at another region's rate", () => {
    const at = (region: string) => estimateCost([res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro', SubnetId: 'subnet-1' })], { region }).notPriced.map((n) => n.reason);
    expect(at('ap-east-2')).toContainEqual(expect.stringMatching(/^no price for EC2 t3\.micro in ap-east-2: the region is newer than the AWS price feeds/));
    expect(at('us-gov-west-1')).toContainEqual(expect.stringMatching(/the catalog covers the commercial AWS regions only$/));
  });

  it('a run reads only the region files it prices', () => {
    const catalog = createEmbeddedCatalog();
    const web = (region: string) => ({
      ...res('AWS::EC2::Instance', 'Web', { InstanceType: 't3.micro' }),
      origin: { kind: 'template' as const, file: `${region}.yaml`, scope: `${region}.yaml`, region },
    });
    estimateCost([web('eu-west-1'), web('ap-south-1')], { catalog });
    expect(catalog.loadedRegions.sort()).toEqual(['ap-south-1', 'eu-west-1']);
  });

  it.each([
    'us-east-1',
    'us-east-2',
    'us-west-2',
    'eu-west-1',
    'eu-central-1',
    'eu-west-2',
    'ap-south-1',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-northeast-1',
    'sa-east-1',
    'ca-central-1',
  ])("the 003 prod seed is fully priced in %s, at that region's prices", (region) => {
    const loaded = loadTemplates(['fixtures/seeds/003-bankapp-prod.yaml'], { region });
    const r = estimateCost(loaded, { region });
    expect(r.notPriced).toEqual([]);
    expect(r.complete).toBe(true);
    expect(r.regions).toEqual([region]);
    for (const l of r.lines) expect([region, 'global'], l.priceKey).toContain(l.region);
    expect(r.lines.find((l) => l.priceKey === 'nat.hour')?.unitPrice).toBe(price('nat.hour', region));
  });
});
