// The embedded price snapshot: on-demand list prices (Linux, shared tenancy, USD) for
// us-east-1 and ap-south-1, transcribed from the project's price research with each
// figure's sources and confidence grade (A: AWS Price List / offer-derived / AWS page;
// B: consistent third parties or pre-2024 AWS data; C: one source, old or derived;
// U: unconfirmed). Missing figures are left out on purpose: the estimator then reports
// "no price for …" instead of guessing. Refresh with --live-pricing (Price List API).
import type { PriceCatalog, PriceTier } from '../types.js';
import { ec2Prices } from './compute.js';
import { auroraInstancePrices, cachePrices, moreRdsPrices, rdsPrices } from './databases.js';
import { AP, E1, G, mergePrices, p, tiered } from './entry.js';
import { serverlessPrices } from './serverless.js';
import { PRICE_SOURCES } from './sources.js';

export { PRICE_SOURCES };

const S3_STANDARD_USE1: PriceTier[] = [
  { upTo: 51200, usd: 0.023 },
  { upTo: 512000, usd: 0.022 },
  { upTo: null, usd: 0.021 },
];

export const EMBEDDED_CATALOG: PriceCatalog = {
  name: 'embedded',
  asOf: '2026-11-22',
  currency: 'USD',
  sources: PRICE_SOURCES,
  prices: {
    ...ec2Prices(),
    ...serverlessPrices(),
    'ebs.gp2.storage': { [E1]: p(0.1, 'GB-Mo', 'A', ['ic_ebs']), [AP]: p(0.114, 'GB-Mo', 'A', ['cloudpilot_aps1', 'mumbai_code_tables']) },
    'ebs.gp3.storage': { [E1]: p(0.08, 'GB-Mo', 'A', ['ic_ebs', 'ic_instance']), [AP]: p(0.0912, 'GB-Mo', 'A', ['cloudpilot_aps1', 'mumbai_pricelist_doc', 'mumbai_code_tables']) },
    'ebs.gp3.iops': { [E1]: p(0.005, 'IOPS-Mo', 'A', ['ic_ebs'], 'IOPS above the included 3,000') },
    'ebs.gp3.throughput': { [E1]: p(0.04, 'MiBps-Mo', 'A', ['ic_ebs'], 'throughput above the included 125 MiB/s') },
    'ebs.io1.storage': { [E1]: p(0.125, 'GB-Mo', 'A', ['ic_ebs']) },
    'ebs.io1.iops': { [E1]: p(0.065, 'IOPS-Mo', 'A', ['ic_ebs']) },
    'ebs.st1.storage': { [E1]: p(0.045, 'GB-Mo', 'A', ['ic_ebs']) },
    'ebs.sc1.storage': { [E1]: p(0.015, 'GB-Mo', 'A', ['ic_ebs']) },
    // Charged since 2024-02-01 on every public IPv4, attached or idle.
    'vpc.public_ipv4': { [E1]: p(0.005, 'Hrs', 'A', ['ic_eip', 'widget_check_2026']), [AP]: p(0.005, 'Hrs', 'A', ['vpc_ipv4_aps1', 'cloudpilot_aps1']) },
    ...mergePrices(rdsPrices(), moreRdsPrices()),
    'rds.storage.gp.single_az': { [E1]: p(0.115, 'GB-Mo', 'A', ['ic_db']), [AP]: p(0.131, 'GB-Mo', 'C', ['mumbai_code_tables', 'mumbai_bill_doc']) },
    'rds.storage.gp.multi_az': { [E1]: p(0.23, 'GB-Mo', 'A', ['ic_db']), [AP]: p(0.262, 'GB-Mo', 'C', ['mumbai_bill_doc'], 'derived 2 × Single-AZ') },
    'rds.storage.gp3.iops.single_az': { [E1]: p(0.02, 'IOPS-Mo', 'A', ['ic_db']) },
    'rds.storage.gp3.iops.multi_az': { [E1]: p(0.04, 'IOPS-Mo', 'A', ['ic_db']) },
    'rds.storage.io1.single_az': { [E1]: p(0.125, 'GB-Mo', 'A', ['ic_db']) },
    'rds.storage.io1.iops.single_az': { [E1]: p(0.1, 'IOPS-Mo', 'A', ['ic_db']) },
    'rds.backup': { [E1]: p(0.095, 'GB-Mo', 'A', ['ic_db'], 'backup storage beyond 100% of provisioned storage') },
    ...auroraInstancePrices(),
    ...cachePrices(),
    'aurora.serverless_v2.acu': { [E1]: p(0.12, 'ACU-Hr', 'A', ['ic_rds_cluster_inst']) },
    'aurora.serverless_v2.acu.io_optimized': { [E1]: p(0.16, 'ACU-Hr', 'A', ['ic_rds_cluster_inst']) },
    'aurora.storage.standard': { [E1]: p(0.1, 'GB-Mo', 'A', ['ic_rds_cluster']) },
    'aurora.storage.io_optimized': { [E1]: p(0.225, 'GB-Mo', 'B', ['ic_rds_cluster']) },
    'aurora.io.standard': { [E1]: p(0.2, '1M requests', 'A', ['ic_rds_cluster']) },
    'aurora.backup': { [E1]: p(0.021, 'GB-Mo', 'A', ['ic_rds_cluster']) },
    's3.standard.storage': { [E1]: tiered(S3_STANDARD_USE1, 'GB-Mo', 'A', ['mcp_capture', 'ic_s3']), [AP]: tiered([{ upTo: 51200, usd: 0.025 }], 'GB-Mo', 'A', ['cloudpilot_aps1', 'mumbai_pricelist_doc', 'mumbai_code_tables'], 'only the first 50 TB tier is known') },
    's3.intelligent_tiering.storage': { [E1]: p(0.023, 'GB-Mo', 'A', ['ic_s3'], 'frequent-access tier') },
    's3.standard_ia.storage': { [E1]: p(0.0125, 'GB-Mo', 'A', ['ic_s3']) },
    's3.onezone_ia.storage': { [E1]: p(0.01, 'GB-Mo', 'A', ['ic_s3']) },
    's3.glacier_ir.storage': { [E1]: p(0.004, 'GB-Mo', 'U', ['none'], 'commonly quoted; not confirmed') },
    's3.glacier.storage': { [E1]: p(0.0036, 'GB-Mo', 'A', ['ic_s3']) },
    's3.deep_archive.storage': { [E1]: p(0.00099, 'GB-Mo', 'A', ['ic_s3']) },
    's3.requests.put': { [E1]: p(0.005, '1k requests', 'A', ['ic_s3']), [AP]: p(0.005, '1k requests', 'B', ['mumbai_pricelist_doc']) },
    's3.requests.get': { [E1]: p(0.0004, '1k requests', 'A', ['ic_s3']), [AP]: p(0.0004, '1k requests', 'B', ['mumbai_pricelist_doc']) },
    'cloudfront.dto.us_eu': {
      [G]: tiered(
        [
          { upTo: 10240, usd: 0.085 }, { upTo: 51200, usd: 0.08 }, { upTo: 153600, usd: 0.06 }, { upTo: 512000, usd: 0.04 },
          { upTo: 1048576, usd: 0.03 }, { upTo: 5242880, usd: 0.025 }, { upTo: null, usd: 0.02 },
        ],
        'GB', 'A', ['cf_pricing_page', 'ic_cf'],
      ),
    },
    'cloudfront.dto.india': {
      [G]: tiered(
        [
          { upTo: 10240, usd: 0.109 }, { upTo: 51200, usd: 0.085 }, { upTo: 153600, usd: 0.082 }, { upTo: 512000, usd: 0.08 },
          { upTo: 1048576, usd: 0.078 }, { upTo: 5242880, usd: 0.075 }, { upTo: null, usd: 0.072 },
        ],
        'GB', 'A', ['cf_pricing_page', 'ic_cf'],
      ),
    },
    'cloudfront.requests.us_eu.http': { [G]: p(0.0075, '10k requests', 'A', ['ic_cf']) },
    'cloudfront.requests.us_eu.https': { [G]: p(0.01, '10k requests', 'A', ['ic_cf']) },
    'cloudfront.requests.india.http': { [G]: p(0.009, '10k requests', 'B', ['ic_cf']) },
    'cloudfront.requests.india.https': { [G]: p(0.012, '10k requests', 'B', ['ic_cf'], 'one 2026 blog says 0.0100') },
    'elb.alb.hour': { [E1]: p(0.0225, 'Hrs', 'A', ['ic_lb', 'widget_check_2026']), [AP]: p(0.0239, 'Hrs', 'B', ['mumbai_bill_doc', 'mumbai_code_tables', 'alb_mumbai_estimate']) },
    'elb.alb.lcu': { [E1]: p(0.008, 'LCU-Hrs', 'A', ['ic_lb']), [AP]: p(0.008, 'LCU-Hrs', 'C', ['alb_mumbai_estimate']) },
    'elb.nlb.hour': { [E1]: p(0.0225, 'Hrs', 'A', ['ic_lb']) },
    'elb.nlb.nlcu': { [E1]: p(0.006, 'NLCU-Hrs', 'A', ['ic_lb']) },
    'elb.clb.hour': { [E1]: p(0.025, 'Hrs', 'A', ['ic_elb', 'elb_page']) },
    'elb.clb.gb': { [E1]: p(0.008, 'GB', 'A', ['ic_elb', 'elb_page']) },
    'nat.hour': { [E1]: p(0.045, 'Hrs', 'A', ['ic_nat']), [AP]: p(0.056, 'Hrs', 'B', ['mumbai_bill_doc', 'mumbai_code_tables']) },
    'nat.gb': { [E1]: p(0.045, 'GB', 'A', ['ic_nat']), [AP]: p(0.056, 'GB', 'B', ['mumbai_bill_doc']) },
    'fargate.x86.vcpu': { [E1]: p(0.04048, 'vCPU-Hrs', 'A', ['ic_ecs', 'vantage_fargate_blog']), [AP]: p(0.04257, 'vCPU-Hrs', 'C', ['mumbai_fargate_legs'], 'derived from a bill (cost ÷ quantity)') },
    'fargate.x86.gb': { [E1]: p(0.004445, 'GB-Hrs', 'A', ['ic_ecs', 'vantage_fargate_blog']), [AP]: p(0.004445, 'GB-Hrs', 'C', ['mumbai_fargate_legs'], 'derived from a bill (cost ÷ quantity)') },
    'fargate.arm.vcpu': { [E1]: p(0.03238, 'vCPU-Hrs', 'B', ['vantage_fargate_blog', 'fortem_spot']), [AP]: p(0.02383, 'vCPU-Hrs', 'B', ['mumbai_bill_doc', 'mumbai_fargate_legs']) },
    'fargate.arm.gb': { [E1]: p(0.00356, 'GB-Hrs', 'B', ['vantage_fargate_blog', 'fortem_spot']), [AP]: p(0.00261, 'GB-Hrs', 'C', ['mumbai_fargate_legs']) },
    'apprunner.active.vcpu': { [E1]: p(0.064, 'vCPU-Hrs', 'A', ['apprunner_page']) },
    'apprunner.active.gb': { [E1]: p(0.007, 'GB-Hrs', 'A', ['apprunner_page']) },
    'apprunner.provisioned.gb': { [E1]: p(0.007, 'GB-Hrs', 'A', ['apprunner_page']) },
    'route53.zone': { [G]: p(0.5, 'zone-month', 'A', ['ic_r53', 'route53_pages'], 'first 25 zones') },
    'route53.queries.standard': { [G]: p(0.4, '1M queries', 'A', ['ic_r53'], 'first 1 billion queries') },
    'cloudwatch.logs.ingest': { [E1]: p(0.5, 'GB', 'A', ['ic_logs']), [AP]: p(0.67, 'GB', 'C', ['mumbai_logs_code']) },
    'cloudwatch.logs.storage': { [E1]: p(0.03, 'GB-Mo', 'A', ['ic_logs']) },
    'cloudwatch.alarm.standard': { [E1]: p(0.1, 'alarm-month', 'A', ['ic_alarm']) },
    'cloudwatch.alarm.high_resolution': { [E1]: p(0.3, 'alarm-month', 'A', ['ic_alarm']) },
    'cloudwatch.metric': { [E1]: p(0.3, 'metric-month', 'B', ['signoz_cw', 'cw_pricing_data_2025'], 'first 10,000 metrics') },
    'cloudwatch.dashboard': { [E1]: p(3, 'dashboard-month', 'A', ['ic_dashboard']) },
    'secretsmanager.secret': { [E1]: p(0.4, 'secret-month', 'A', ['ic_secrets']), [AP]: p(0.4, 'secret-month', 'C', ['mumbai_bill_records'], 'cost ÷ quantity on one bill') },
    'secretsmanager.api': { [E1]: p(0.05, '10k requests', 'A', ['ic_secrets']), [AP]: p(0.05, '10k requests', 'U', ['none'], 'assumed equal to us-east-1') },
    'ecr.storage': { [E1]: p(0.1, 'GB-Mo', 'A', ['ic_ecr']), [AP]: p(0.1, 'GB-Mo', 'C', ['mumbai_bill_records'], 'cost ÷ quantity on one bill') },
    'waf.acl': { [E1]: p(5, 'ACL-month', 'A', ['ic_waf']), [AP]: p(5, 'ACL-month', 'A', ['waf_blog', 'mumbai_bill_records'], 'the same in every region') },
    'waf.rule': { [E1]: p(1, 'rule-month', 'A', ['ic_waf']), [AP]: p(1, 'rule-month', 'A', ['waf_blog', 'mumbai_bill_records'], 'the same in every region') },
    'waf.requests': { [E1]: p(0.6, '1M requests', 'A', ['ic_waf']), [AP]: p(0.6, '1M requests', 'A', ['waf_blog', 'mumbai_bill_records'], 'the same in every region') },
    'dto.internet': {
      [E1]: tiered([{ upTo: 10240, usd: 0.09 }, { upTo: 51200, usd: 0.085 }, { upTo: 153600, usd: 0.07 }, { upTo: null, usd: 0.05 }], 'GB', 'A', ['ic_dt', 'dto_free_repost']),
      [AP]: tiered([{ upTo: 10240, usd: 0.1093 }, { upTo: 51200, usd: 0.085 }, { upTo: 153600, usd: 0.082 }, { upTo: null, usd: 0.08 }], 'GB', 'A', ['ic_dt', 'mumbai_pricelist_doc']),
    },
  },
};
