// Builds the embedded price catalog from the AWS Pricing Calculator feeds in
// ../shared/reference/pricing-feeds (see its README for every file, its structure and pitfalls).
// Pure: reads the feed folder, returns the files to write. `node scripts/catalog.mjs` writes them;
// test/cost/catalog-generated.test.ts rebuilds them and compares with the committed ones.
//
// Output: one JSON file per commercial region plus `global.json` (CloudFront, Route 53,
// CloudWatch dashboards: one price whatever the region) and `index.json` (feeds, units,
// which regions each service's feed lists). Each price is `[usd, feed, rate, unit]`:
//   usd   the price in the catalog's unit, or for tiered prices `[[upTo, usd], …]` (upTo null: last tier)
//   feed  index into index.json `feeds` (file, repository, commit, publication date)
//   rate  the feed's own rate key: the `rateCode` (`<SKU>.<term>.<rate>`) where the feed has one,
//         else the feed's usage key (the processed files carry no rate codes), stored once in
//         usage-keys.json and referred to by its number; a list for tiers
//   unit  index into index.json `units`
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export const CATALOG_FORMAT = 'stackaudit-catalog/1';

// Repositories the feed files were copied from (README "Sources").
const APW = { repo: 'iann0036/aws-price-watcher', commit: 'd65c44f0cbfbfc8bf647809576a504ecf1587e8d', license: 'MIT' };
const EC2SHOP = { repo: 'yeo/ec2.shop', commit: '74c9fd8ab5acfd9511cd6535f914d47071601ad2', license: 'MIT' };
// The processed files carry no manifest: their date is the day their content last changed in the
// repository (README, "aws-price-watcher/processed" table).
const PROCESSED_DATES = {
  'ec2.json': '2025-05-20',
  'rds-postgresql-ondemand.json': '2025-05-20',
  'rds-mysql-ondemand.json': '2025-05-20',
  'rds-mariadb-ondemand.json': '2025-05-20',
  'datatransfer.json': '2025-05-05',
  'eks.json': '2025-04-29',
};

const ID_ROW = /^[A-Za-z0-9_-]{43}( V\d+)?$/;
/** Processed location keys: `<display name> (<Attr>: <value>, …)`; display names contain parentheses but never ": ". */
const LOCATION = /^(.*?)(?: \(([A-Za-z /]+: .*)\))?$/;

/** Rounds away binary noise after a unit conversion (0.0000004 × 1000 = 0.00039999999999999996). */
const round = (n) => Number(n.toPrecision(12));

class Catalog {
  constructor(regions) {
    this.regions = regions; // code → display name
    this.byDisplay = new Map(Object.entries(regions).map(([c, d]) => [d, c]));
    this.prices = new Map(); // region code | 'global' → Map(key → entry)
    this.feeds = [];
    this.feedIndex = new Map();
    this.units = [];
    this.unitIndex = new Map();
    this.serviceRegions = new Map(); // service → Set(region)
    this.conflicts = [];
  }
  feed(meta) {
    const id = meta.path;
    if (!this.feedIndex.has(id)) {
      this.feedIndex.set(id, this.feeds.length);
      this.feeds.push(meta);
    }
    return this.feedIndex.get(id);
  }
  unit(u) {
    if (!this.unitIndex.has(u)) {
      this.unitIndex.set(u, this.units.length);
      this.units.push(u);
    }
    return this.unitIndex.get(u);
  }
  /** region is a code or 'global'; value a number or [[upTo, usd], …]. */
  add(region, key, value, feed, rate, unit) {
    let m = this.prices.get(region);
    if (!m) this.prices.set(region, (m = new Map()));
    const entry = [value, feed, rate, this.unit(unit)];
    const prev = m.get(key);
    if (prev && JSON.stringify(prev[0]) !== JSON.stringify(value)) this.conflicts.push(`${region} ${key}: ${JSON.stringify(prev[0])} vs ${JSON.stringify(value)}`);
    if (!prev) m.set(key, entry);
    const service = key.split('.')[0];
    if (!this.serviceRegions.has(service)) this.serviceRegions.set(service, new Set());
    this.serviceRegions.get(service).add(region);
  }
}

function readJson(dir, path) {
  return JSON.parse(readFileSync(join(dir, path), 'utf8'));
}

function rawFeed(cat, dir, name) {
  const path = `aws-price-watcher/raw/${name}.json`;
  const data = readJson(dir, path);
  const feed = cat.feed({ path, ...APW, published: data.manifest.hawkFilePublicationDate, rate: 'rateCode' });
  return { data, feed };
}

function processedFeed(cat, dir, name) {
  const path = `aws-price-watcher/processed/${name}`;
  const data = readJson(dir, path);
  const feed = cat.feed({ path, ...APW, published: PROCESSED_DATES[name], publishedIs: 'content last changed', rate: 'usage key' });
  return { data, feed };
}

/** Readable rows of a raw feed, per commercial region code. */
function* readableRows(cat, data) {
  for (const [display, rows] of Object.entries(data.regions)) {
    const code = cat.byDisplay.get(display);
    if (!code) continue;
    for (const [key, row] of Object.entries(rows)) if (!ID_ROW.test(key)) yield { code, key, row };
  }
}

/** Simple one-row prices: catalog key → feed row key, with a scale to the catalog unit. */
function simple(cat, data, feed, spec) {
  const wanted = new Map(spec.map((s) => [s[1], s]));
  for (const { code, key, row } of readableRows(cat, data)) {
    const s = wanted.get(key);
    if (!s) continue;
    const [ckey, , unit, scale = 1] = s;
    cat.add(code, ckey, round(Number(row.price) * scale), feed, row.rateCode, unit);
  }
}

/** Tiered prices: rows named in `tiers` ([row key, upTo]) form one entry per region. */
function tiered(cat, data, feed, ckey, unit, tiers, scale = 1, location) {
  const perRegion = new Map();
  const rowsOf = location !== undefined ? [...Object.entries(data.regions[location] ?? {})].map(([key, row]) => ({ code: 'global', key, row })) : [...readableRows(cat, data)];
  for (const { code, key, row } of rowsOf) {
    const i = tiers.findIndex((t) => t[0] === key);
    if (i < 0) continue;
    if (!perRegion.has(code)) perRegion.set(code, []);
    perRegion.get(code)[i] = row;
  }
  for (const [code, rows] of perRegion) {
    // Only complete tier lists: a partial list would price the upper tiers at nothing.
    if (tiers.some((_, i) => !rows[i])) continue;
    cat.add(
      code,
      ckey,
      tiers.map((t, i) => [t[1], round(Number(rows[i].price) * scale)]),
      feed,
      rows.map((r) => r.rateCode),
      unit,
    );
  }
}

// ---------------------------------------------------------------------------------------------
// Feeds, one function each.

function ec2(cat, dir) {
  // ec2.shop: one file per region with rate codes; processed/ec2.json adds the types ec2.shop lacks
  // (the two agree on every type both list, README "EC2 instances").
  for (const code of Object.keys(cat.regions)) {
    const path = `ec2.shop/data/ec2/${code}-ondemand.json`;
    let data;
    try {
      data = readJson(dir, path);
    } catch {
      continue;
    }
    const feed = cat.feed({ path, ...EC2SHOP, published: data.manifest.hawkFilePublicationDate, rate: 'rateCode' });
    for (const rows of Object.values(data.regions)) {
      for (const row of Object.values(rows)) {
        if (row['Operating System'] !== 'Linux' || row['Pre Installed S/W'] !== 'NA' || !row['Instance Type']) continue;
        cat.add(code, `ec2.instance.${row['Instance Type']}`, round(Number(row.price)), feed, row.rateCode, 'Hrs');
      }
    }
  }
  const { data, feed } = processedFeed(cat, dir, 'ec2.json');
  for (const [usage, locs] of Object.entries(data)) {
    const m = /^OnDemand Linux-instancetype-(\S+)$/.exec(usage);
    if (!m) continue;
    for (const [loc, price] of Object.entries(locs)) {
      const code = cat.byDisplay.get(LOCATION.exec(loc)[1]);
      if (!code || cat.prices.get(code)?.has(`ec2.instance.${m[1]}`)) continue;
      cat.add(code, `ec2.instance.${m[1]}`, round(Number(price)), feed, usage, 'Hrs');
    }
  }
}

function ebs(cat, dir) {
  const path = 'ec2.shop/data/ebs/ebs.json';
  const data = readJson(dir, path);
  const feed = cat.feed({ path, ...EC2SHOP, published: data.manifest.hawkFilePublicationDate, rate: 'rateCode' });
  // Only the rows that name the volume type: the unnamed ones repeat them (README "EBS").
  simple(cat, data, feed, [
    ['ebs.gp2.storage', 'Storage General Purpose gp2 GB Mo', 'GB-Mo'],
    ['ebs.gp3.storage', 'Storage General Purpose gp3 GB Mo', 'GB-Mo'],
    ['ebs.gp3.iops', 'Provisioned EBS IOPS gp3 Volumes per IOPS Mo', 'IOPS-Mo'],
    // Priced per GiB/s-month in the feed (40.96 in us-east-1): per MiB/s-month is 1/1024 of it.
    ['ebs.gp3.throughput', 'Provisioned Throughput gp3 per GiBps mo', 'MiBps-Mo', 1 / 1024],
    ['ebs.io1.storage', 'Storage Provisioned IOPS io1 GB Mo', 'GB-Mo'],
    ['ebs.io1.iops', 'Provisioned EBS IOPS io1 Volumes per IOPS Mo', 'IOPS-Mo'],
    ['ebs.io2.storage', 'Storage Provisioned IOPS io2 GB month', 'GB-Mo'],
    ['ebs.st1.storage', 'Storage Throughput Optimized HDD st1 GB Mo', 'GB-Mo'],
    ['ebs.sc1.storage', 'Storage Cold HDD sc1 GB Mo', 'GB-Mo'],
    ['ebs.standard.storage', 'Storage Magnetic standard GB Mo', 'GB-Mo'],
    ['ebs.snapshot.storage', 'Storage Snapshot Amazon S3 GB Mo', 'GB-Mo'],
  ]);
  // io2 IOPS: up to 32,000, 32,001–64,000, above 64,000 per volume.
  // https://aws.amazon.com/ebs/pricing/
  tiered(cat, data, feed, 'ebs.io2.iops', 'IOPS-Mo', [
    ['Provisioned EBS IOPS io2 Volumes per IOPS Mo', 32000],
    ['Provisioned EBS IOPS Tier 2 io2 Volumes per IOPS Mo', 64000],
    ['Provisioned EBS IOPS Tier 3 io2 Volumes per IOPS Mo', null],
  ]);
}

function vpc(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'vpc');
  simple(cat, data, feed, [
    ['vpc.public_ipv4', 'Hourly charge for In use Public IPv4 Addresses per Hrs', 'Hrs'],
    ['vpc.public_ipv4.idle', 'Hourly charge for Idle Public IPv4 Addresses per Hrs', 'Hrs'],
    ['vpc.endpoint.interface.hour', 'Hourly charge for VPC Endpoints per Hrs', 'Hrs'],
    ['transitgateway.attachment.hour', 'Hourly charge for Transit Gateway VPC Attachments per hour', 'Hrs'],
    ['transitgateway.gb', 'Charge for per GB data processed by AWS Transit Gateways for VPC attachments per GigaBytes', 'GB'],
  ]);
  tiered(cat, data, feed, 'vpc.endpoint.interface.gb', 'GB', [
    ['Charge for per GB data processed by VPC Endpoints per GB from 0 to 1048576', 1048576],
    ['Charge for per GB data processed by VPC Endpoints per GB from 1048576 to 5242880', 5242880],
    ['Charge for per GB data processed by VPC Endpoints per GB from 5242880 to Inf', null],
  ]);
}

function nat(cat, dir) {
  // Only figures were transcribed (README "nat-gateway.json"): the rate key is the feed's usage description.
  const data = readJson(dir, 'nat-gateway.json');
  const feed = cat.feed({
    path: 'nat-gateway.json',
    repo: 'lamngockhuong/aws-price',
    commit: '508fb45296c89efe38772babd7ec766644629267',
    sourcePath: 'lib/data/pricing/natgateway.json',
    license: 'figures only (no licence file)',
    published: data.feedPublished,
    rate: 'usage description',
  });
  for (const [code, r] of Object.entries(data.regions)) {
    if (!cat.regions[code]) continue;
    cat.add(code, 'nat.hour', round(r.hourUsd), feed, 'Hourly charge for NAT Gateways', 'Hrs');
    cat.add(code, 'nat.gb', round(r.perGbProcessedUsd), feed, 'Charge for per GB data processed by NatGateways', 'GB');
  }
}

function elb(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'elb');
  simple(cat, data, feed, [
    ['elb.alb.hour', 'Application Load Balancer Hours', 'Hrs'],
    ['elb.alb.lcu', 'Application Load Balancer LCU Hours', 'LCU-Hrs'],
    ['elb.nlb.hour', 'Network Load Balancer Hours', 'Hrs'],
    ['elb.nlb.nlcu', 'Network Load Balancer LCU Hours', 'NLCU-Hrs'],
    ['elb.gwlb.hour', 'Gateway Load Balancer Hours', 'Hrs'],
    ['elb.gwlb.lcu', 'Gateway Load Balancer LCU Hours', 'GLCU-Hrs'],
    ['elb.clb.hour', 'Classic Load Balancer Hours', 'Hrs'],
    ['elb.clb.gb', 'Classic Load Balancer Data', 'GB'],
  ]);
}

const RDS_ENGINES = { PostgreSQL: 'postgres', MySQL: 'mysql', MariaDB: 'mariadb' };
// `Multi-AZ readable standbys` is a Multi-AZ DB cluster (one writer, two readable standbys), priced
// for the whole cluster; test it before `Multi-AZ` (README "RDS … instances").
const RDS_DEPLOYMENTS = [
  ['Multi-AZ readable standbys', 'multi_az_cluster'],
  ['Multi-AZ', 'multi_az'],
  ['Single-AZ', 'single_az'],
];

function rdsInstances(cat, dir) {
  for (const file of ['rds-postgresql-ondemand.json', 'rds-mysql-ondemand.json', 'rds-mariadb-ondemand.json']) {
    const { data, feed } = processedFeed(cat, dir, file);
    for (const [usage, locs] of Object.entries(data)) {
      const m = /^Database Instance (PostgreSQL|MySQL|MariaDB) No license required db \S+ .+ (Single-AZ|Multi-AZ readable standbys|Multi-AZ) (?:Current|Previous) Generation$/.exec(
        usage,
      );
      if (!m) continue;
      const engine = RDS_ENGINES[m[1]];
      const deployment = RDS_DEPLOYMENTS.find(([d]) => d === m[2])[1];
      for (const [loc, price] of Object.entries(locs)) {
        const [, display, attrs] = LOCATION.exec(loc);
        const code = cat.byDisplay.get(display);
        const cls = /Instance Type: (db\.[^,]+)/.exec(attrs ?? '')?.[1];
        if (!code || !cls) continue;
        cat.add(code, `rds.${engine}.${cls}.${deployment}`, round(Number(price)), feed, usage, 'Hrs');
      }
    }
    // Rows the raw storage feed lacks (Multi-AZ DB cluster storage, io2 IOPS) exist only in the
    // engine files; the three engine files repeat them with the same prices.
    const ENGINE_STORAGE = {
      'Database Storage Multi AZ readable standbys General Purpose-GP3': ['rds.storage.gp3.multi_az_cluster', 'GB-Mo'],
      'Database Storage Multi AZ readable standbys Provisioned IOPS': ['rds.storage.io1.multi_az_cluster', 'GB-Mo'],
      'Database Storage Multi AZ readable standbys Provisioned IOPS-IO2': ['rds.storage.io2.multi_az_cluster', 'GB-Mo'],
      'Provisioned GP3 IOPS Multi AZ readable standbys': ['rds.storage.gp3.iops.multi_az_cluster', 'IOPS-Mo'],
      'Provisioned Throughput Multi AZ readable standbys': ['rds.storage.gp3.throughput.multi_az_cluster', 'MiBps-Mo'],
      'Provisioned IO2 IOPS Single AZ': ['rds.storage.io2.iops.single_az', 'IOPS-Mo'],
      'Provisioned IO2 IOPS Multi AZ': ['rds.storage.io2.iops.multi_az', 'IOPS-Mo'],
      'Provisioned IO2 IOPS Multi AZ readable standbys': ['rds.storage.io2.iops.multi_az_cluster', 'IOPS-Mo'],
    };
    for (const [usage, [key, unit]] of Object.entries(ENGINE_STORAGE)) {
      for (const [loc, price] of Object.entries(data[usage] ?? {})) {
        const code = cat.byDisplay.get(LOCATION.exec(loc)[1]);
        if (code) cat.add(code, key, round(Number(price)), feed, usage, unit);
      }
    }
  }
}

function rdsStorage(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'rds-storage');
  const spec = [];
  for (const [az, suffix] of [
    ['Single AZ', 'single_az'],
    ['Multi AZ', 'multi_az'],
  ]) {
    spec.push(
      [`rds.storage.gp2.${suffix}`, `Database Storage ${az} General Purpose`, 'GB-Mo'],
      [`rds.storage.gp3.${suffix}`, `Database Storage ${az} General Purpose-GP3`, 'GB-Mo'],
      [`rds.storage.gp3.iops.${suffix}`, `Provisioned GP3 IOPS ${az}`, 'IOPS-Mo'],
      [`rds.storage.gp3.throughput.${suffix}`, `Provisioned Throughput ${az}`, 'MiBps-Mo'],
      [`rds.storage.io1.${suffix}`, `Database Storage ${az} Provisioned IOPS`, 'GB-Mo'],
      [`rds.storage.io1.iops.${suffix}`, `Provisioned IOPS ${az}`, 'IOPS-Mo'],
      [`rds.storage.io2.${suffix}`, `Database Storage ${az} Provisioned IOPS-IO2`, 'GB-Mo'],
      [`rds.storage.magnetic.${suffix}`, `Database Storage ${az} Magnetic`, 'GB-Mo'],
    );
  }
  spec.push(
    ['rds.storage.io1.iops.multi_az_cluster', 'Provisioned IOPS Multi AZ readable standbys', 'IOPS-Mo'],
    ['rds.backup', 'Storage Snapshot', 'GB-Mo'],
    ['aurora.storage.standard', 'Database Storage Single AZ General Purpose-Aurora', 'GB-Mo'],
    ['aurora.storage.io_optimized', 'Database Storage Single AZ IO Optimized-Aurora', 'GB-Mo'],
  );
  simple(cat, data, feed, spec);
}

function aurora(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'rds-aurora-ondemand');
  // Newer classes exist only as id rows, named by the set that lists them (README "Aurora").
  const setOf = new Map();
  for (const [name, ids] of Object.entries(data.sets)) for (const id of ids) setOf.set(id, name);
  for (const [display, rows] of Object.entries(data.regions)) {
    const code = cat.byDisplay.get(display);
    if (!code) continue;
    for (const [key, row] of Object.entries(rows)) {
      const cls = row['Instance Type'];
      const name = ID_ROW.test(key) ? setOf.get(key) : key;
      if (!cls || !name) continue;
      const m = /^Database Instance Aurora (PostgreSQL|MySQL) No license required( Aurora IO Optimization Mode)? /.exec(name);
      if (!m) continue;
      cat.add(code, `aurora.${m[1].toLowerCase()}.${cls}${m[2] ? '.io_optimized' : ''}`, round(Number(row.price)), feed, row.rateCode, 'Hrs');
    }
  }
  const storage = rawFeed(cat, dir, 'rds-aurora-storage');
  simple(cat, storage.data, storage.feed, [
    ['aurora.postgresql.serverless_v2.acu', 'Aurora PostgreSQL ServerlessV2', 'ACU-Hr'],
    ['aurora.mysql.serverless_v2.acu', 'Aurora MySQL ServerlessV2', 'ACU-Hr'],
    ['aurora.postgresql.serverless_v2.acu.io_optimized', 'Aurora PostgreSQL ServerlessV2 Aurora IO Optimization Mode', 'ACU-Hr'],
    ['aurora.mysql.serverless_v2.acu.io_optimized', 'Aurora MySQL ServerlessV2 Aurora IO Optimization Mode', 'ACU-Hr'],
    // Per request in the feed; the catalog counts millions.
    ['aurora.io.standard', 'System Operation Aurora I O Operation', '1M requests', 1e6],
    ['aurora.postgresql.backup', 'Storage Snapshot Aurora PostgreSQL', 'GB-Mo'],
    ['aurora.mysql.backup', 'Storage Snapshot Aurora MySQL', 'GB-Mo'],
  ]);
}

function elasticache(cat, dir) {
  const path = 'ec2.shop/data/elasticache/elasticache.json';
  const data = readJson(dir, path);
  const feed = cat.feed({ path, ...EC2SHOP, published: data.manifest.hawkFilePublicationDate, rate: 'rateCode' });
  for (const { code, key, row } of readableRows(cat, data)) {
    const m = /^OnDemand Cache Instance .* cache \S+ (Redis|Valkey|Memcached) (?:Current|Previous) Generation$/.exec(key);
    const node = row['Instance Type'];
    if (!m || !node) continue;
    cat.add(code, `elasticache.${m[1].toLowerCase()}.${node}`, round(Number(row.price)), feed, row.rateCode, 'Hrs');
  }
}

function containers(cat, dir) {
  const ecs = rawFeed(cat, dir, 'ecs');
  simple(cat, ecs.data, ecs.feed, [
    ['fargate.x86.vcpu', 'perCPU per hour', 'vCPU-Hrs'],
    ['fargate.x86.gb', 'perGB per hour', 'GB-Hrs'],
    ['fargate.arm.vcpu', 'ARM perCPU per hour', 'vCPU-Hrs'],
    ['fargate.arm.gb', 'ARM perGB per hour', 'GB-Hrs'],
    ['fargate.storage', 'Storage per GB-Hours', 'GB-Hrs'],
  ]);
  const ar = rawFeed(cat, dir, 'apprunner');
  simple(cat, ar.data, ar.feed, [
    ['apprunner.active.vcpu', 'Compute vCPU hours', 'vCPU-Hrs'],
    ['apprunner.active.gb', 'Compute GB hours', 'GB-Hrs'],
    ['apprunner.provisioned.gb', 'Compute Provisioned GB-hours', 'GB-Hrs'],
    ['apprunner.build', 'Compute Build mins', 'build-minute'],
    ['apprunner.auto_deploy', 'Compute AutomaticDeployment', 'app-month'],
  ]);
  const ecr = rawFeed(cat, dir, 'ecr');
  simple(cat, ecr.data, ecr.feed, [['ecr.storage', 'EC2 Container Registry', 'GB-Mo']]);
  // EKS: the cluster hour is under two spellings (README "Fargate, App Runner, EKS").
  const { data, feed } = processedFeed(cat, dir, 'eks.json');
  for (const usage of ['Compute per Hours', 'Compute per hours', 'Compute ExtendedSupport per Hours']) {
    for (const [loc, price] of Object.entries(data[usage] ?? {})) {
      const code = cat.byDisplay.get(LOCATION.exec(loc)[1]);
      if (code) cat.add(code, usage.includes('Extended') ? 'eks.cluster.extended_hour' : 'eks.cluster.hour', round(Number(price)), feed, usage, 'Hrs');
    }
  }
}

function s3(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 's3');
  tiered(cat, data, feed, 's3.standard.storage', 'GB-Mo', [
    ['Standard Storage First 50 TB per GB Mo', 51200],
    ['Standard Storage Next 450 TB per GB Mo', 512000],
    ['Standard Storage Over 500 TB per GB Mo', null],
  ]);
  tiered(cat, data, feed, 's3.intelligent_tiering.storage', 'GB-Mo', [
    ['Intelligent Tiering Frequent Access First 50 TB per GB Mo', 51200],
    ['Intelligent Tiering Frequent Access Next 450 TB per GB Mo', 512000],
    ['Intelligent Tiering Frequent Access Over 500 TB per GB Mo', null],
  ]);
  simple(cat, data, feed, [
    ['s3.standard_ia.storage', 'Standard Infrequent Access Storage per GB-Mo', 'GB-Mo'],
    ['s3.onezone_ia.storage', 'One Zone Infrequent Access Storage Inf per GB-Mo', 'GB-Mo'],
    ['s3.glacier_ir.storage', 'Glacier Instant Retrieval Storage', 'GB-Mo'],
    ['s3.glacier.storage', 'Glacier Storage per GB Mo', 'GB-Mo'],
    // Per request in the feed (0.000005 = 0.005 per 1,000).
    ['s3.requests.put', 'PUT COPY/POST or LIST requests per Requests', '1k requests', 1000],
    ['s3.requests.get', 'GET and all other requests per Requests', '1k requests', 1000],
  ]);
  const gda = rawFeed(cat, dir, 's3glacierdeeparchive');
  simple(cat, gda.data, gda.feed, [['s3.deep_archive.storage', 'Glacier Deep Archive GB Mo', 'GB-Mo']]);
}

/** CloudFront edge geographies: feed name → catalog slug. */
export const CLOUDFRONT_GEOGRAPHIES = {
  'United States': 'united_states',
  Canada: 'canada',
  EU: 'europe',
  Japan: 'japan',
  India: 'india',
  'Asia Pacific': 'asia_pacific',
  Australia: 'australia',
  'South America': 'south_america',
  'South Africa': 'south_africa',
  'Middle East': 'middle_east',
};

function cloudfront(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'cloudfront');
  // Tiers by key text (note the inconsistent capitals); `Per Month` is each tier's upper bound in GB.
  const TIERS = ['First 10 TB', 'Next 40 TB', 'next 100 TB', 'Next 350 TB', 'next 524 TB', 'Next 4 PB', 'Over 5 PB'];
  for (const [geo, slug] of Object.entries(CLOUDFRONT_GEOGRAPHIES)) {
    const rows = TIERS.map((t) => data.regions['']?.[`Regional DT from ${geo} to Internet ${t}`]);
    if (rows.every(Boolean)) {
      cat.add(
        'global',
        `cloudfront.dto.${slug}`,
        rows.map((r) => [r['Per Month'] === 'Inf' ? null : Number(r['Per Month']), round(Number(r.price))]),
        feed,
        rows.map((r) => r.rateCode),
        'GB',
      );
    }
    const geoRows = data.regions[geo] ?? {};
    const http = geoRows['CloudFront Request-Tier1 HTTP GET and HEAD requests'];
    const https = geoRows['CloudFront Request-Tier2 HTTPS GET and HEAD requests'];
    if (http) cat.add('global', `cloudfront.requests.${slug}.http`, round(Number(http.price) * 10_000), feed, http.rateCode, '10k requests');
    if (https) cat.add('global', `cloudfront.requests.${slug}.https`, round(Number(https.price) * 10_000), feed, https.rateCode, '10k requests');
  }
}

function route53(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'route53');
  // Hosted zones under "Any", public DNS queries under "" (README "Route 53").
  tiered(
    cat,
    data,
    feed,
    'route53.zone',
    'zone-month',
    [
      ['DNS Zone first 25', 25],
      ['DNS Zone', null],
    ],
    1,
    'Any',
  );
  tiered(
    cat,
    data,
    feed,
    'route53.queries.standard',
    '1M queries',
    [
      ['Query Standard External first 1B', 1000],
      ['Query Standard External over 1B', null],
    ],
    1e6,
    '',
  );
}

function cloudwatch(cat, dir) {
  const { data, feed } = rawFeed(cat, dir, 'cloudwatch');
  simple(cat, data, feed, [
    ['cloudwatch.logs.ingest', 'Logs Collected Data Ingestion', 'GB'],
    ['cloudwatch.logs.storage', 'Stored Data', 'GB-Mo'],
    ['cloudwatch.alarm.standard', 'Alarm Standard', 'alarm-month'],
    ['cloudwatch.alarm.high_resolution', 'Alarm High Resolution', 'alarm-month'],
  ]);
  tiered(cat, data, feed, 'cloudwatch.metric', 'metric-month', [
    ['Metric for the first 10000', 10000],
    ['Metric for the next 240000', 250000],
    ['Metric for the next 750000', 1000000],
    ['Metric for over 1000000', null],
  ]);
  const dash = data.regions.Any?.['Dashboard Basic Dashboard'];
  if (dash) cat.add('global', 'cloudwatch.dashboard', round(Number(dash.price)), feed, dash.rateCode, 'dashboard-month');
}

function security(cat, dir) {
  const sm = rawFeed(cat, dir, 'secretsmanager');
  simple(cat, sm.data, sm.feed, [
    ['secretsmanager.secret', 'Secret', 'secret-month'],
    ['secretsmanager.api', 'API Request', '10k requests', 10_000],
  ]);
  const waf = rawFeed(cat, dir, 'waf');
  // The duplicate spellings carry equal prices; one each (README "Secrets Manager, ECR, KMS, WAF").
  simple(cat, waf.data, waf.feed, [
    ['waf.acl', 'Web ACL Activated per Month', 'ACL-month'],
    ['waf.rule', 'Rule Activated per Month', 'rule-month'],
    ['waf.requests', 'Web Requests received per Request', '1M requests', 1e6],
  ]);
  const kms = rawFeed(cat, dir, 'kms');
  simple(cat, kms.data, kms.feed, [
    ['kms.key', 'Encryption Key', 'key-month'],
    ['kms.requests', 'API request - Non Free Tier', '10k requests', 10_000],
  ]);
}

function dataTransfer(cat, dir) {
  const { data, feed } = processedFeed(cat, dir, 'datatransfer.json');
  // "Next 10 TB" is the first tier despite its name; bounds are GB per month.
  const TIERS = [
    ['DataTransfer External Outbound Next 10 TB', 10240],
    ['DataTransfer External Outbound Next 40 TB', 51200],
    ['DataTransfer External Outbound Next 100 TB', 153600],
    ['DataTransfer External Outbound Greater than 150 TB', null],
  ];
  const perRegion = new Map();
  TIERS.forEach(([usage], i) => {
    for (const [loc, price] of Object.entries(data[usage] ?? {})) {
      const code = cat.byDisplay.get(LOCATION.exec(loc)[1]);
      if (!code) continue;
      if (!perRegion.has(code)) perRegion.set(code, []);
      perRegion.get(code)[i] = price;
    }
  });
  for (const [code, prices] of perRegion) {
    if (TIERS.some((_, i) => prices[i] === undefined)) continue;
    cat.add(
      code,
      'dto.internet',
      TIERS.map((t, i) => [t[1], round(Number(prices[i]))]),
      feed,
      TIERS.map((t) => t[0]),
      'GB',
    );
  }
}

function serverless(cat, dir) {
  const lambda = rawFeed(cat, dir, 'lambda');
  simple(cat, lambda.data, lambda.feed, [
    ['lambda.requests', 'Lambda Requests', '1M requests', 1e6],
    ['lambda.ephemeral.gb_second', 'Lambda Storage-Duration', 'GB-s'],
    ['lambda.x86.provisioned.gb_second', 'Lambda Provisioned-Concurrency', 'GB-s'],
    ['lambda.arm.provisioned.gb_second', 'Lambda Provisioned-Concurrency-ARM', 'GB-s'],
  ]);
  // Duration tiers: x86 6 bn / 9 bn / over 15 bn GB-s a month; Arm 7.5 bn / 11.25 bn / over 18.75 bn.
  // https://aws.amazon.com/lambda/pricing/
  tiered(cat, lambda.data, lambda.feed, 'lambda.x86.gb_second', 'GB-s', [
    ['Lambda Duration', 6e9],
    ['Lambda Duration Tier2', 15e9],
    ['Lambda Duration Tier3', null],
  ]);
  tiered(cat, lambda.data, lambda.feed, 'lambda.arm.gb_second', 'GB-s', [
    ['Lambda Duration-ARM', 7.5e9],
    ['Lambda Duration-ARM Tier2', 18.75e9],
    ['Lambda Duration-ARM Tier3', null],
  ]);
  const ddb = rawFeed(cat, dir, 'dynamodb');
  simple(cat, ddb.data, ddb.feed, [
    ['dynamodb.ondemand.write', 'PayPerRequest Write Request Units', '1M requests', 1e6],
    ['dynamodb.ondemand.read', 'PayPerRequest Read Request Units', '1M requests', 1e6],
    ['dynamodb.provisioned.wcu', 'Provisioned Write Units', 'WCU-Hrs'],
    ['dynamodb.provisioned.rcu', 'Provisioned Read Units', 'RCU-Hrs'],
    ['dynamodb.storage', 'Data Storage Indexed GB-Mo', 'GB-Mo'],
    ['dynamodb.ia.ondemand.write', 'PayPerRequest Write Request Units IA', '1M requests', 1e6],
    ['dynamodb.ia.ondemand.read', 'PayPerRequest Read Request Units IA', '1M requests', 1e6],
    ['dynamodb.ia.provisioned.wcu', 'Provisioned Write Units IA', 'WCU-Hrs'],
    ['dynamodb.ia.provisioned.rcu', 'Provisioned Read Units IA', 'RCU-Hrs'],
    ['dynamodb.ia.storage', 'Data Storage Indexed - IA GB-Mo', 'GB-Mo'],
    ['dynamodb.pitr', 'PITR Backup Storage GB-Mo', 'GB-Mo'],
  ]);
  // SQS and API Gateway volume tiers, in millions of requests a month (per request in the feed).
  // https://aws.amazon.com/sqs/pricing/  https://aws.amazon.com/api-gateway/pricing/
  const sqs = rawFeed(cat, dir, 'queueservice');
  tiered(
    cat,
    sqs.data,
    sqs.feed,
    'sqs.standard.requests',
    '1M requests',
    [
      ['Standard per Requests', 100_000],
      ['Standard per Requests Tier2', 200_000],
      ['Standard per Requests Tier3', null],
    ],
    1e6,
  );
  tiered(
    cat,
    sqs.data,
    sqs.feed,
    'sqs.fifo.requests',
    '1M requests',
    [
      ['FIFO first-in first-out per Requests', 100_000],
      ['FIFO first-in first-out per Requests Tier2', 200_000],
      ['FIFO first-in first-out per Requests Tier3', null],
    ],
    1e6,
  );
  const sns = rawFeed(cat, dir, 'sns');
  simple(cat, sns.data, sns.feed, [
    ['sns.requests', 'Amazon SNS API Requests', '1M requests', 1e6],
    ['sns.delivery.http', 'HTTP Notifications', '1M notifications', 1e6],
    ['sns.delivery.email', 'SNS Email and Email JSON Notifications', '100k notifications', 1e5],
  ]);
  const api = rawFeed(cat, dir, 'apigateway');
  tiered(
    cat,
    api.data,
    api.feed,
    'apigateway.rest.requests',
    '1M requests',
    [
      ['API Calls Number of up to 333 million', 333],
      ['API Calls Number of Request Next 667 million', 1000],
      ['API Calls Number of Request Next 19 billion', 20_000],
      ['API Calls Number of Request Over 20 billion', null],
    ],
    1e6,
  );
  tiered(
    cat,
    api.data,
    api.feed,
    'apigateway.http.requests',
    '1M requests',
    [
      ['ApiGatewayHttpApi First 300 million', 300],
      ['ApiGatewayHttpApi more than 300 million', null],
    ],
    1e6,
  );
  // REST API cache by size (CacheClusterSize, GB): the feed writes "0.5" as "0 5".
  const CACHE = {
    0.5: 'Caching Memory Size 0 5',
    1.6: 'Caching Memory Size 1 6',
    6.1: 'Caching Memory Size 6 1',
    13.5: 'Caching Memory Size 13 5',
    28.4: 'Caching Memory Size 28 4',
    58.2: 'Caching Memory Size 58 2',
    118: 'Caching Memory Size 118',
    237: 'Caching Memory Size 237',
  };
  simple(
    cat,
    api.data,
    api.feed,
    Object.entries(CACHE).map(([size, row]) => [`apigateway.cache.${size}`, row, 'Hrs']),
  );
  const efs = rawFeed(cat, dir, 'efs');
  simple(cat, efs.data, efs.feed, [
    ['efs.standard.storage', 'General Purpose Storage GB Mo', 'GB-Mo'],
    ['efs.onezone.storage', 'One Zone General Purpose Storage GB Mo', 'GB-Mo'],
    ['efs.throughput.provisioned', 'Throughput Provisioned', 'MiBps-Mo'],
    ['efs.elastic.read', 'EFS Storage Requests Read per GB', 'GB'],
    ['efs.elastic.write', 'EFS Storage Requests Write per GB', 'GB'],
  ]);
  const amplify = rawFeed(cat, dir, 'amplify');
  simple(cat, amplify.data, amplify.feed, [
    ['amplify.build.standard', 'Build minutes', 'build-minute'],
    ['amplify.storage', 'Per Stored GigaBytes', 'GB-Mo'],
    ['amplify.data_served', 'Per Served GigaBytes', 'GB'],
    ['amplify.ssr.requests', 'HostingComputeRequestCount', '1M requests', 1e6],
    ['amplify.ssr.duration', 'HostingComputeRequestDuration', 'GB-s'],
  ]);
}

// ---------------------------------------------------------------------------------------------

/** Service names for "not offered" messages, by the first segment of a price key. */
const SERVICE_NAMES = {
  amplify: 'Amplify Hosting',
  apigateway: 'API Gateway',
  apprunner: 'App Runner',
  aurora: 'Aurora',
  cloudfront: 'CloudFront',
  cloudwatch: 'CloudWatch',
  dto: 'data transfer out',
  dynamodb: 'DynamoDB',
  ebs: 'EBS',
  ec2: 'EC2',
  ecr: 'ECR',
  efs: 'EFS',
  eks: 'EKS',
  elasticache: 'ElastiCache',
  elb: 'Elastic Load Balancing',
  fargate: 'Fargate',
  kms: 'KMS',
  lambda: 'Lambda',
  nat: 'NAT gateway',
  rds: 'RDS',
  route53: 'Route 53',
  s3: 'S3',
  secretsmanager: 'Secrets Manager',
  sns: 'SNS',
  sqs: 'SQS',
  transitgateway: 'Transit Gateway',
  vpc: 'VPC',
  waf: 'WAF',
};

/** Serialises a price table one entry per line, keys sorted, so diffs stay readable. */
function table(obj, prices) {
  const head = JSON.stringify(obj).slice(0, -1);
  const lines = [...prices.keys()].sort().map((k) => `${JSON.stringify(k)}:${JSON.stringify(prices.get(k))}`);
  return `${head},"prices":{\n${lines.join(',\n')}\n}}\n`;
}

/**
 * Reads the feeds under `feedsDir` and returns the catalog files (name → text) and a summary.
 * Throws when a feed is missing or two rows give one key different prices.
 */
export function buildCatalog(feedsDir) {
  const regionTable = readJson(feedsDir, 'regions.json');
  const cat = new Catalog(regionTable.commercial_regions);
  for (const step of [ec2, ebs, vpc, nat, elb, rdsInstances, rdsStorage, aurora, elasticache, containers, s3, cloudfront, route53, cloudwatch, security, dataTransfer, serverless])
    step(cat, feedsDir);
  if (cat.conflicts.length) throw new Error(`price feeds disagree:\n${cat.conflicts.slice(0, 20).join('\n')}`);

  // Usage keys (the rate keys of feeds without rate codes) repeat in every region: they are kept
  // once, in usage-keys.json, and entries refer to them by number.
  const usageKeys = new Set();
  const byUsageKey = (entry) => cat.feeds[entry[1]].rate !== 'rateCode';
  for (const prices of cat.prices.values()) for (const e of prices.values()) if (byUsageKey(e)) for (const r of [e[2]].flat()) usageKeys.add(r);
  const keyList = [...usageKeys].sort();
  const keyIndex = new Map(keyList.map((k, i) => [k, i]));
  const compact = (prices) =>
    new Map([...prices].map(([k, e]) => [k, byUsageKey(e) ? [e[0], e[1], Array.isArray(e[2]) ? e[2].map((r) => keyIndex.get(r)) : keyIndex.get(e[2]), e[3]] : e]));

  const files = new Map();
  const regions = {};
  for (const code of Object.keys(cat.regions).sort()) {
    const prices = cat.prices.get(code) ?? new Map();
    regions[code] = { location: cat.regions[code], prices: prices.size };
    files.set(`${code}.json`, table({ format: CATALOG_FORMAT, region: code }, compact(prices)));
  }
  files.set('global.json', table({ format: CATALOG_FORMAT, region: 'global' }, compact(cat.prices.get('global') ?? new Map())));
  files.set('usage-keys.json', `${JSON.stringify(keyList, null, 0).replace(/","/g, '",\n"')}\n`);
  const services = {};
  for (const s of [...cat.serviceRegions.keys()].sort()) {
    const where = [...cat.serviceRegions.get(s)].sort();
    services[s] = { name: SERVICE_NAMES[s] ?? s, regions: where.includes('global') ? ['global'] : where };
  }
  const published = cat.feeds
    .map((f) => f.published)
    .filter(Boolean)
    .sort();
  const index = {
    format: CATALOG_FORMAT,
    source: 'AWS Pricing Calculator feeds (../shared/reference/pricing-feeds), generated by `npm run catalog`',
    asOf: published.at(-1).slice(0, 10),
    oldestFeed: published[0].slice(0, 10),
    currency: 'USD',
    feeds: cat.feeds,
    units: cat.units,
    regions,
    // Commercial regions launched after the feeds were published.
    regionsWithoutFeeds: regionTable.commercial_regions_absent_from_these_files,
    services,
  };
  files.set('index.json', `${JSON.stringify(index, null, 1)}\n`);
  return {
    files,
    summary: {
      regions: Object.keys(regions).length,
      prices: Object.fromEntries(Object.entries(regions).map(([c, r]) => [c, r.prices])),
      global: cat.prices.get('global')?.size ?? 0,
      feeds: cat.feeds.length,
    },
  };
}
