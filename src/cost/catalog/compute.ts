// EC2 instance-hours: on-demand, Linux, shared tenancy.
import type { Confidence } from '../types.js';
import { EC2_US_EAST_1 } from './ec2-us-east-1.js';
import { AP, E1, p, type Prices } from './entry.js';

// Types whose us-east-1 price was also read from a captured GetProducts item.
const CONFIRMED_USE1 = new Set(['t2.micro', 't3.micro', 't3.small', 't3.medium', 't4g.micro', 't4g.small', 't4g.medium']);

// Mumbai: no complete Price List snapshot was found, so each figure carries its own sources;
// "derived" ones scale a sourced size of the same family (x86 and Graviton sizes scale linearly).
// Mumbai Graviton (t4g/m6g/c6g/r6g) is priced lower than us-east-1 relative to x86: not a typo.
const AP_SOUTH_1: readonly [string, number, Confidence, string[], string?][] = [
  ['t2.micro', 0.0124, 'B', ['guan_readme', 'pricing_json_2025', 'vantage_ec2_2022']],
  ['t2.nano', 0.0062, 'C', ['mumbai_code_tables'], 'derived = t2.micro / 2'],
  ['t2.small', 0.0248, 'C', ['mumbai_code_tables'], 'derived = t2.micro × 2'],
  ['t2.medium', 0.0496, 'C', ['mumbai_code_tables'], 'derived = t2.micro × 4'],
  ['t2.large', 0.0992, 'C', ['mumbai_code_tables'], 'derived = t2.micro × 8'],
  ['t2.xlarge', 0.1984, 'C', ['mumbai_code_tables'], 'derived = t2.micro × 16'],
  ['t2.2xlarge', 0.3968, 'C', ['mumbai_code_tables', 'vantage_ec2_2022'], 'derived = t2.micro × 32; ec2instances.info shows 0.397'],
  ['t3.nano', 0.0056, 'B', ['zeebrow_2023']],
  ['t3.micro', 0.0112, 'A', ['cloudpilot_aps1', 'zeebrow_2023', 'mumbai_code_tables']],
  ['t3.small', 0.0224, 'B', ['zeebrow_2023', 'mumbai_code_tables']],
  ['t3.medium', 0.0448, 'B', ['zeebrow_2023', 'mumbai_pricelist_doc', 'mumbai_code_tables']],
  ['t3.large', 0.0896, 'B', ['zeebrow_2023', 'mumbai_code_tables']],
  ['t3.xlarge', 0.1792, 'B', ['zeebrow_2023']],
  ['t3.2xlarge', 0.3584, 'B', ['zeebrow_2023']],
  ['t3a.nano', 0.0031, 'C', ['vantage_ec2_2022'], 'derived = t3a.2xlarge / 64, rounded'],
  ['t3a.micro', 0.0062, 'C', ['vantage_ec2_2022'], 'derived = t3a.2xlarge / 32, rounded'],
  ['t3a.small', 0.0123, 'C', ['vantage_ec2_2022'], 'derived = t3a.2xlarge / 16, rounded'],
  ['t3a.medium', 0.0246, 'C', ['vantage_ec2_2022'], 'derived = t3a.2xlarge / 8, rounded'],
  ['t3a.large', 0.0493, 'C', ['vantage_ec2_2022'], 'derived = t3a.2xlarge / 4, rounded'],
  ['t3a.xlarge', 0.0985, 'C', ['vantage_ec2_2022'], 'derived = t3a.2xlarge / 2'],
  ['t3a.2xlarge', 0.197, 'C', ['vantage_ec2_2022'], 'one 2022 source, rounded to 3 decimals'],
  ['t4g.nano', 0.0028, 'B', ['zeebrow_2023']],
  ['t4g.micro', 0.0056, 'B', ['zeebrow_2023'], 'some hand-written tables say 0.0084 (the us-east-1 rate)'],
  ['t4g.small', 0.0112, 'B', ['zeebrow_2023']],
  ['t4g.medium', 0.0224, 'B', ['zeebrow_2023', 'guan_readme']],
  ['t4g.large', 0.0448, 'B', ['zeebrow_2023']],
  ['t4g.xlarge', 0.0896, 'B', ['zeebrow_2023']],
  ['t4g.2xlarge', 0.1792, 'B', ['zeebrow_2023']],
  ['m5.large', 0.101, 'B', ['vantage_ec2_2022', 'mumbai_code_tables']],
  ['m5.xlarge', 0.202, 'B', ['vantage_ec2_2022', 'mumbai_code_tables']],
  ['m5.2xlarge', 0.404, 'C', ['vantage_ec2_2022'], 'derived = m5.large × 4'],
  ['m6i.large', 0.101, 'B', ['vantage_ec2_2022', 'mumbai_code_tables']],
  ['m6i.xlarge', 0.202, 'B', ['vantage_ec2_2022', 'mumbai_code_tables']],
  ['m6i.2xlarge', 0.404, 'C', ['vantage_ec2_2022'], 'derived = m6i.large × 4'],
  ['m6g.large', 0.0505, 'C', ['vantage_ec2_2022'], 'derived = m6g.2xlarge / 4'],
  ['m6g.xlarge', 0.101, 'C', ['vantage_ec2_2022'], 'derived = m6g.2xlarge / 2'],
  ['m6g.2xlarge', 0.202, 'C', ['vantage_ec2_2022']],
  ['c5.large', 0.085, 'B', ['vantage_ec2_2022', 'mumbai_code_tables']],
  ['c5.xlarge', 0.17, 'C', ['vantage_ec2_2022', 'mumbai_code_tables'], 'derived = c5.2xlarge / 2'],
  ['c5.2xlarge', 0.34, 'C', ['vantage_ec2_2022']],
  ['c6i.large', 0.085, 'C', ['vantage_ec2_2022']],
  ['c6i.xlarge', 0.17, 'C', ['vantage_ec2_2022'], 'derived = c6i.large × 2'],
  ['c6i.2xlarge', 0.34, 'C', ['vantage_ec2_2022'], 'derived = c6i.large × 4'],
  ['c6g.large', 0.0425, 'C', ['vantage_ec2_2022'], 'derived = c6g.2xlarge / 4'],
  ['c6g.xlarge', 0.085, 'C', ['vantage_ec2_2022'], 'derived = c6g.2xlarge / 2'],
  ['c6g.2xlarge', 0.17, 'C', ['vantage_ec2_2022']],
  ['r5.large', 0.13, 'C', ['vantage_ec2_2022']],
  ['r5.xlarge', 0.26, 'C', ['vantage_ec2_2022'], 'derived = r5.large × 2'],
  ['r5.2xlarge', 0.52, 'C', ['vantage_ec2_2022'], 'derived = r5.large × 4'],
  ['r6i.large', 0.13, 'C', ['vantage_ec2_2022']],
  ['r6i.xlarge', 0.26, 'C', ['vantage_ec2_2022'], 'derived = r6i.large × 2'],
  ['r6i.2xlarge', 0.52, 'C', ['vantage_ec2_2022'], 'derived = r6i.large × 4'],
  ['r6g.large', 0.065, 'C', ['vantage_ec2_2022']],
  ['r6g.xlarge', 0.13, 'C', ['vantage_ec2_2022'], 'derived = r6g.2xlarge / 2'],
  ['r6g.2xlarge', 0.26, 'C', ['vantage_ec2_2022']],
];

export function ec2Prices(): Prices {
  const out: Prices = {};
  for (const [type, usd] of Object.entries(EC2_US_EAST_1)) {
    const sources = CONFIRMED_USE1.has(type) ? ['karpenter_2026_02', 'mcp_capture'] : type === 'm5.large' ? ['karpenter_2026_02', 'ic_instance'] : ['karpenter_2026_02'];
    out[`ec2.instance.${type}`] = { [E1]: p(usd, 'Hrs', 'A', sources) };
  }
  for (const [type, usd, c, s, note] of AP_SOUTH_1) {
    const key = `ec2.instance.${type}`;
    out[key] = { ...(out[key] ?? {}), [AP]: p(usd, 'Hrs', c, s, note) };
  }
  return out;
}
