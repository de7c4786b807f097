// RDS, Aurora and ElastiCache instance-hours.
import type { Confidence, PriceEntry } from '../types.js';
import { AP, E1, p, type Prices } from './entry.js';

export function rdsPrices(): Prices {
  const rows: [string, string, number | null, Confidence, string[], number | null, Confidence, string[], string?][] = [
    // class, az, us-east-1, grade, sources, ap-south-1, grade, sources, note
    ['db.t2.micro', 'single_az', 0.018, 'B', ['vantage_rds'], 0.026, 'C', ['vantage_rds'], 'db.t2 is previous generation; 2021 data'],
    ['db.t3.micro', 'single_az', 0.018, 'A', ['mcp_capture', 'vantage_rds'], 0.026, 'C', ['vantage_rds']],
    ['db.t3.micro', 'multi_az', 0.036, 'B', ['vantage_rds'], 0.052, 'C', ['vantage_rds'], 'Multi-AZ = 2 × Single-AZ'],
    ['db.t3.small', 'single_az', 0.036, 'B', ['vantage_rds'], 0.053, 'C', ['vantage_rds']],
    ['db.t3.small', 'multi_az', 0.072, 'B', ['vantage_rds'], 0.106, 'C', ['vantage_rds'], 'Multi-AZ = 2 × Single-AZ'],
    ['db.t3.medium', 'single_az', 0.072, 'B', ['vantage_rds'], 0.106, 'C', ['vantage_rds']],
    ['db.t3.medium', 'multi_az', 0.144, 'B', ['vantage_rds'], 0.212, 'C', ['vantage_rds'], 'Multi-AZ = 2 × Single-AZ; AWS sometimes lists 2× + 0.001'],
    ['db.t4g.micro', 'single_az', 0.016, 'B', ['infratally_rds'], 0.021, 'C', ['mumbai_bill_doc'], 'ap-south-1 derived from the Multi-AZ bill rate / 2'],
    ['db.t4g.micro', 'multi_az', 0.032, 'B', ['infratally_rds'], 0.042, 'B', ['mumbai_bill_doc']],
    ['db.t4g.small', 'single_az', 0.032, 'B', ['infratally_rds', 'ic_db'], null, 'U', []],
    ['db.t4g.small', 'multi_az', 0.064, 'B', ['infratally_rds'], null, 'U', []],
    ['db.t4g.medium', 'single_az', 0.065, 'B', ['infratally_rds'], null, 'U', []],
    ['db.t4g.medium', 'multi_az', 0.13, 'B', ['infratally_rds'], null, 'U', []],
  ];
  const out: Prices = {};
  for (const [cls, az, u, uc, us, a, ac, as, note] of rows) {
    const entry: Record<string, PriceEntry> = {};
    if (u !== null) entry[E1] = p(u, 'Hrs', uc, us, note);
    if (a !== null) entry[AP] = p(a, 'Hrs', ac, as, note);
    out[`rds.postgres.${cls}.${az}`] = entry;
  }
  return out;
}

// Aurora provisioned instance-hours (Aurora Standard; every instance of a cluster is billed,
// there is no Single/Multi-AZ option). I/O-Optimized clusters pay more per instance-hour and
// are left out: no source for those rates was found. No ap-south-1 figure was found either.
export function auroraInstancePrices(): Prices {
  const rows: [string, string, number, Confidence, string[], string?][] = [
    // edition, class, us-east-1, grade, sources, note
    ['postgresql', 'db.t3.medium', 0.082, 'B', ['aurora_code_tables', 'ic_rds_cluster_inst_0a8a'], 'the infracost golden is Aurora MySQL; the code tables state both editions share the rate'],
    ['postgresql', 'db.t4g.medium', 0.073, 'B', ['aurora_code_tables', 'thom_vend_gist'], 'one third-party table lists Aurora PostgreSQL at 0.090; the Price List item for db.r6g.large shows both editions equal'],
    ['postgresql', 'db.t4g.large', 0.146, 'B', ['aurora_code_tables', 'thom_vend_gist']],
    ['postgresql', 'db.r6g.large', 0.26, 'A', ['mcp_capture', 'aurora_code_tables'], 'Price List item: "$ 0.26 per RDS db.r6g.large Single-AZ instance hour (or partial hour) running Aurora PostgreSQL"'],
    ['mysql', 'db.t3.medium', 0.082, 'A', ['ic_rds_cluster_inst_0a8a', 'aurora_code_tables']],
    ['mysql', 'db.t4g.medium', 0.073, 'B', ['aurora_code_tables', 'thom_vend_gist']],
    ['mysql', 'db.t4g.large', 0.146, 'B', ['aurora_code_tables', 'thom_vend_gist']],
    ['mysql', 'db.r6g.large', 0.26, 'A', ['mcp_capture']],
    ['mysql', 'db.r5.large', 0.29, 'C', ['rds_hand_table_2025']],
    ['mysql', 'db.r6g.xlarge', 0.52, 'C', ['rds_hand_table_2025']],
    ['mysql', 'db.r7g.large', 0.286, 'C', ['rds_hand_table_2025']],
    ['postgresql', 'db.r5.large', 0.29, 'C', ['rds_hand_table_2025'], 'the table gives one rate for both editions'],
    ['postgresql', 'db.r6g.xlarge', 0.52, 'C', ['rds_hand_table_2025'], 'the table gives one rate for both editions'],
    ['postgresql', 'db.r7g.large', 0.286, 'C', ['rds_hand_table_2025'], 'the table gives one rate for both editions'],
  ];
  const out: Prices = {};
  for (const [edition, cls, usd, c, s, note] of rows) out[`aurora.${edition}.${cls}`] = { [E1]: p(usd, 'Hrs', c, s, note) };
  return out;
}


// More RDS engines and classes: [engine, class, deployment, region, USD/h, grade, sources, note].
// Multi-AZ is 2 × Single-AZ for these engines, except where AWS rounds (t4g.small: 0.032 → 0.065),
// so a doubled figure is marked derived.
const MORE_RDS: readonly [string, string, 'single_az' | 'multi_az', string, number, Confidence, string[], string?][] = [
  ['mysql', 'db.t3.micro', 'single_az', E1, 0.017, 'B', ['vantage_rds', 'rds_hand_table_2025']],
  ['mysql', 'db.t3.micro', 'multi_az', E1, 0.034, 'C', ['vantage_rds'], 'derived = 2 × Single-AZ'],
  ['mysql', 'db.t3.small', 'single_az', E1, 0.034, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.t3.small', 'multi_az', E1, 0.068, 'C', ['rds_hand_table_2025'], 'derived = 2 × Single-AZ'],
  ['mysql', 'db.t3.medium', 'single_az', E1, 0.068, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.t3.medium', 'multi_az', E1, 0.136, 'C', ['rds_hand_table_2025'], 'derived = 2 × Single-AZ'],
  ['mysql', 'db.t3.large', 'single_az', E1, 0.136, 'A', ['ic_db_4019', 'rds_hand_table_2025']],
  ['mysql', 'db.t3.large', 'multi_az', E1, 0.272, 'A', ['ic_db_4019']],
  ['mysql', 'db.t4g.micro', 'single_az', E1, 0.016, 'B', ['infratally_rds', 'rds_hand_table_2025']],
  ['mysql', 'db.t4g.micro', 'multi_az', E1, 0.032, 'C', ['infratally_rds'], 'derived = 2 × Single-AZ'],
  ['mysql', 'db.t4g.small', 'single_az', E1, 0.032, 'A', ['ic_db_4019', 'rds_hand_table_2025']],
  ['mysql', 'db.t4g.small', 'multi_az', E1, 0.065, 'A', ['ic_db_4019']],
  ['mysql', 'db.t4g.medium', 'single_az', E1, 0.065, 'B', ['infratally_rds', 'rds_hand_table_2025']],
  ['mysql', 'db.t4g.medium', 'multi_az', E1, 0.13, 'C', ['infratally_rds'], 'derived = 2 × Single-AZ'],
  ['mysql', 'db.t4g.large', 'single_az', E1, 0.129, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.m5.large', 'single_az', E1, 0.171, 'A', ['ic_db_4019', 'rds_hand_table_2025']],
  ['mysql', 'db.m5.large', 'multi_az', E1, 0.342, 'C', ['ic_db_4019'], 'derived = 2 × Single-AZ'],
  ['mysql', 'db.m5.xlarge', 'single_az', E1, 0.342, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.m6g.large', 'single_az', E1, 0.154, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.m6g.xlarge', 'single_az', E1, 0.308, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.m6i.large', 'single_az', E1, 0.171, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.m7g.large', 'single_az', E1, 0.168, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.r5.large', 'single_az', E1, 0.25, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.r5.xlarge', 'single_az', E1, 0.5, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.r6g.large', 'single_az', E1, 0.225, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.r6g.xlarge', 'single_az', E1, 0.45, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.r6i.large', 'single_az', E1, 0.25, 'C', ['rds_hand_table_2025']],
  ['mysql', 'db.r7g.large', 'single_az', E1, 0.247, 'C', ['rds_hand_table_2025']],
  ['mariadb', 'db.t3.large', 'single_az', E1, 0.136, 'A', ['ic_db_4019']],
  ['postgres', 'db.t3.large', 'single_az', E1, 0.145, 'A', ['ic_db_4019']],
  ['postgres', 'db.r6g.xlarge', 'multi_az', E1, 0.899, 'C', ['real_price_table_2026']],
  ['postgres', 'db.t4g.small', 'multi_az', AP, 0.0845, 'C', ['mumbai_bill_doc'], 'derived from a bill: +$31/month to step up from db.t4g.micro Multi-AZ'],
];

export function moreRdsPrices(): Prices {
  const out: Prices = {};
  for (const [engine, cls, az, region, usd, c, s, note] of MORE_RDS) {
    const key = `rds.${engine}.${cls}.${az}`;
    out[key] = { ...(out[key] ?? {}), [region]: p(usd, 'Hrs', c, s, note) };
  }
  return out;
}

// ElastiCache node-hours (Redis OSS and Memcached share these rates; Valkey is cheaper and
// not in the catalog): [node type, us-east-1, grade, sources, ap-south-1, grade, sources].
const CACHE_NODES: readonly [string, number, Confidence, string[], number | null, Confidence, string[]][] = [
  ['cache.t3.micro', 0.017, 'A', ['vantage_cache', 'widget_check_2026', 'cur_notebook_2024'], 0.021, 'C', ['vantage_cache']],
  ['cache.t3.small', 0.034, 'B', ['vantage_cache', 'cache_hand_table'], 0.043, 'C', ['vantage_cache']],
  ['cache.t3.medium', 0.068, 'B', ['cur_notebook_2024', 'cache_hand_table'], null, 'U', []],
  ['cache.t4g.micro', 0.016, 'B', ['vantage_cache', 'cur_notebook_2024'], 0.02, 'C', ['vantage_cache']],
  ['cache.t4g.small', 0.032, 'B', ['vantage_cache', 'cache_hand_table'], 0.041, 'C', ['vantage_cache']],
  ['cache.t4g.medium', 0.063, 'C', ['cache_hand_table'], null, 'U', []],
  ['cache.m5.large', 0.156, 'C', ['finfocus_2025'], null, 'U', []],
  ['cache.m6g.large', 0.147, 'C', ['cache_hand_table'], null, 'U', []],
  ['cache.r6g.large', 0.206, 'B', ['cur_notebook_2024', 'cache_pricelist_mock', 'real_price_table_2026'], null, 'U', []],
];

export function cachePrices(): Prices {
  const out: Prices = {};
  for (const [node, u, uc, us, a, ac, as] of CACHE_NODES) {
    out[`elasticache.node.${node}`] = { [E1]: p(u, 'Hrs', uc, us), ...(a !== null ? { [AP]: p(a, 'Hrs', ac, as) } : {}) };
  }
  return out;
}
