// The seed documents' cost tables, reproduced through the CLI with the exact commands the README
// shows (main() in-process, as a user runs `npx stackaudit cost …`). Every document line is
// checked with the tolerance and the reason for any gap; what the documents leave out (public
// IPv4 since 2024, Secrets Manager, ECR, WAF) is named, not hidden.
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import type { CostReport } from '../../src/cost/types.js';

const root = resolve(import.meta.dirname, '../..');

export async function stackaudit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root, stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** `stackaudit cost <args> --format json`, parsed. */
async function costJson(args: string[]): Promise<CostReport> {
  const r = await stackaudit(['cost', ...args, '--format', 'json']);
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  return JSON.parse(r.stdout) as CostReport;
}

const cents = (n: number): number => Math.round(n * 100) / 100;
const sum = (r: CostReport, services: readonly string[], keep: (key: string) => boolean = () => true): number =>
  cents(r.lines.filter((l) => services.includes(l.service) && keep(l.priceKey)).reduce((s, l) => s + l.monthly, 0));
const within = (actual: number, expected: number, pct: number): void => {
  expect(Math.abs(actual - expected), `${actual} vs ${expected} ±${pct}%`).toBeLessThanOrEqual((expected * pct) / 100 + 1e-9);
};
const notIpv4 = (k: string): boolean => k !== 'vpc.public_ipv4';

describe('001 ETF tracker: $10–15 (README: cost fixtures/seeds/001-etf-tracker.yaml --usage fixtures/usage/etf-tracker.yaml)', () => {
  const args = ['fixtures/seeds/001-etf-tracker.yaml', '--usage', 'fixtures/usage/etf-tracker.yaml'];

  it('each line of the document, and the total within $10–15', async () => {
    const r = await costJson(args);
    expect(r.complete).toBe(true);
    expect(r.usage?.unmatched).toEqual([]);
    // Doc $7.50 for "730 h × $0.0104", whose own arithmetic is $7.592.
    expect(sum(r, ['EC2'])).toBe(7.59);
    expect(sum(r, ['EBS'])).toBe(1.6);
    // Doc $1–5 assumes the retired 50 GB tier; 50 GB is inside today's always-free 1 TB.
    expect(sum(r, ['CloudFront'])).toBe(0);
    // Doc $0.50: 20 GB × $0.023 = $0.46, plus requests and a 1 GB backup bucket.
    expect(sum(r, ['S3'])).toBe(0.57);
    // Doc $0–2 ("first 1 GB free", pre-2021): 10 GB is inside today's 100 GB.
    expect(sum(r, ['Data Transfer'])).toBe(0);
    // What the document misses: the Elastic IP, charged since 2024-02-01.
    expect(sum(r, ['VPC'])).toBe(3.65);
    expect(r.monthlyTotal).toBe(13.41);
    expect(r.monthlyTotal).toBeGreaterThanOrEqual(10);
    expect(r.monthlyTotal).toBeLessThanOrEqual(15);
  });

  it('prints a table like the document, with the note on the IPv4 address the document misses', async () => {
    const r = await stackaudit(['cost', ...args]);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Service\s+Configuration\s+Monthly$/m);
    expect(r.stdout).toMatch(/^EC2\s+BackendInstance: t3\.micro Linux on-demand, 730 h \(730 Hrs × \$0\.0104\)\s+\$7\.59$/m);
    expect(r.stdout).toMatch(/^Total\s+us-east-1, USD per month\s+\$13\.41$/m);
    expect(r.stdout).toMatch(/Public IPv4: 1 address\(es\), \$3\.65\/month/);
  });
});

// Document table (seed 003, "Estimated Monthly Costs").
const DOC = {
  dev: { fargate: 10, rds: 15, s3cf: 5, alb: 20, nat: 30, dt: 5, cw: 5, total: 90 },
  staging: { fargate: 30, rds: 50, s3cf: 10, alb: 20, nat: 30, dt: 10, cw: 10, total: 160 },
  prod: { fargate: 150, rds: 200, s3cf: 50, alb: 40, nat: 60, dt: 50, cw: 30, total: 580 },
} as const;

describe('003 BankApp dev / staging / prod (README: cost fixtures/seeds/003-bankapp-<env>.yaml --usage fixtures/usage/bankapp-<env>.yaml)', () => {
  it.each(['dev', 'staging', 'prod'] as const)('%s: each line of the table, the lines within 15 % of the document total, the rest named', async (env) => {
    const r = await costJson([`fixtures/seeds/003-bankapp-${env}.yaml`, '--usage', `fixtures/usage/bankapp-${env}.yaml`]);
    expect(r.region).toBe('us-east-1');
    expect(r.complete).toBe(true);
    expect(r.usage?.unmatched).toEqual([]);
    const doc = DOC[env];
    const line = {
      fargate: sum(r, ['ECS Fargate']),
      rds: sum(r, ['RDS']),
      s3cf: sum(r, ['S3', 'CloudFront']),
      alb: sum(r, ['ELB'], notIpv4),
      nat: sum(r, ['NAT Gateway']),
      dt: sum(r, ['Data Transfer']),
      cw: sum(r, ['CloudWatch']),
    };
    expect(line).toEqual(
      {
        dev: { fargate: 9.01, rds: 15.44, s3cf: 4.1, alb: 19.35, nat: 32.85, dt: 5.04, cw: 5.45 },
        staging: { fargate: 36.04, rds: 64.06, s3cf: 9.6, alb: 19.35, nat: 32.85, dt: 9.99, cw: 10.75 },
        prod: { fargate: 144.16, rds: 192.91, s3cf: 48.37, alb: 39.79, nat: 65.7, dt: 50.04, cw: 25.73 },
      }[env],
    );
    // Fargate: dev 1 task (doc 10 → 9.01); staging 2 × 0.5 vCPU / 1 GB (doc 30 → 36.04, +20 %: the doc's
    // figure fits ~1.7 tasks); prod 4 tasks on average of 3–10 (doc 150 → 144.16).
    within(line.fargate, doc.fargate, env === 'staging' ? 21 : 10);
    // RDS: staging's doc 50 is the db.t3.small Multi-AZ instance alone (52.56); its 50 GB Multi-AZ
    // storage adds 11.50 (+28 %). Prod: db.t3.medium Multi-AZ 105.85 + 100 GB 23.00 + the replica
    // 52.56 + its inherited 100 GB gp3 11.50 = 192.91.
    within(line.rds, doc.rds, env === 'staging' ? 29 : 5);
    // S3 + CloudFront: CloudFront is free up to 1 TB out; prod's 1.5 TB pays for 0.5 TB (43.52).
    within(line.s3cf, doc.s3cf, 18);
    // ALB: 16.43 of hours + LCUs (0.5 in dev and staging, 4 in prod).
    within(line.alb, doc.alb, 5);
    // NAT: one gateway × 730 h × $0.045 = 32.85 (the doc rounds to 30); prod has two.
    within(line.nat, doc.nat, 10);
    within(line.dt, doc.dt, 1);
    // CloudWatch: prod's doc 30 covers "enhanced monitoring"; 44 GB of logs, 90 GB stored and 20 metrics come to 25.73.
    within(line.cw, doc.cw, env === 'prod' ? 15 : 10);
    const docLines = Object.values(line).reduce((a, b) => a + b, 0);
    within(docLines, doc.total, 15);
    // Not in the document: public IPv4 (NAT Elastic IPs, ALB nodes, and the databases AWS makes
    // public because PubliclyAccessible is unset in a VPC with an internet gateway), Secrets
    // Manager, ECR, the rotation Lambda and, in prod, WAF.
    const ipv4 = sum(r, ['VPC', 'ELB'], (k) => k === 'vpc.public_ipv4');
    expect(ipv4).toBe(env === 'prod' ? 21.9 : 14.6);
    expect(sum(r, ['WAF'])).toBe(env === 'prod' ? 12.8 : 0);
    const extras = sum(r, ['Secrets Manager', 'ECR', 'Lambda', 'WAF']) + ipv4;
    expect(r.monthlyTotal).toBe(cents(docLines + extras));
    expect(r.monthlyTotal).toBe({ dev: 106.84, staging: 198.24, prod: 602.4 }[env]);
  });

  it("the document's own totals add up; the Environment Specifications ranges do not match the table", () => {
    for (const d of Object.values(DOC)) expect(d.fargate + d.rds + d.s3cf + d.alb + d.nat + d.dt + d.cw).toBe(d.total);
    // "Cost: ~$30-50/month" (dev) and "~$100-150" (staging) vs the table's ~$90 and ~$160: the
    // NAT gateway and ALB alone are ~$52 a month, so the specification ranges are too low.
  });
});

describe("000 expense tracker: the document's free-tier notes (README: cost fixtures/seeds/000-expense-tracker.yaml [--free-tier legacy])", () => {
  it("list prices: Route 53 is $0.50 a zone plus queries, the Classic LB $18.25 (the doc's ~$16 is the ALB hourly rate)", async () => {
    const r = await costJson(['fixtures/seeds/000-expense-tracker.yaml']);
    const m = (id: string, key: string): number | undefined => r.lines.find((l) => l.resource.id === id && l.priceKey === key)?.monthly;
    expect(m('HostedZone', 'route53.zone')).toBe(0.5);
    expect(m('HostedZone', 'route53.queries.standard')).toBe(0.4);
    expect(m('LoadBalancer', 'elb.clb.hour')).toBe(18.25);
    expect(m('Instance', 'ec2.instance.t2.micro')).toBe(8.47);
    expect(m('Database', 'rds.postgres.db.t3.micro.single_az')).toBe(13.14);
    expect(r.free.map((f) => f.resource.id)).toContain('Certificate');
    expect(r.notes.join('\n')).toMatch(/older "50 GB \+ 2 M requests for 12 months" offer is retired/);
  });

  it('legacy free tier: EC2 and RDS micro hours free, Classic LB hours free too (the doc says it is not), Route 53 never free', async () => {
    const r = await costJson(['fixtures/seeds/000-expense-tracker.yaml', '--free-tier', 'legacy']);
    const l = (id: string, key: string) => r.lines.find((x) => x.resource.id === id && x.priceKey === key);
    expect(l('Instance', 'ec2.instance.t2.micro')?.monthly).toBe(0);
    expect(l('Instance', 'ec2.instance.t2.micro')?.freeAllowance).toBe('legacy free tier 750 h t2/t3.micro');
    expect(l('Database', 'rds.postgres.db.t3.micro.single_az')?.monthly).toBe(0);
    expect(l('LoadBalancer', 'elb.clb.hour')?.monthly).toBe(0);
    expect(l('HostedZone', 'route53.zone')?.monthly).toBe(0.5);
    expect(r.notes[0]).toMatch(/Legacy 12-month free tier applied/);
    expect(r.monthlyTotal).toBe(4.45);
  });
});

describe('004 PeriodTracker in ap-south-1 (README: cost fixtures/seeds/004-period-tracker.json --region ap-south-1 --usage fixtures/usage/period-tracker.yaml)', () => {
  it('is fully priced at Mumbai rates: App Runner, Aurora, CloudWatch Logs included', async () => {
    const r = await costJson(['fixtures/seeds/004-period-tracker.json', '--region', 'ap-south-1', '--usage', 'fixtures/usage/period-tracker.yaml']);
    expect(r.region).toBe('ap-south-1');
    expect(r.complete).toBe(true);
    expect(r.usage?.unmatched).toEqual([]);
    // App Runner 61 active hours of 1 vCPU / 2 GB, provisioned memory the other 669 h, per service.
    const perService = cents(61 * 0.068096) + cents(2 * 61 * 0.007448) + cents(2 * 669 * 0.007448);
    expect(sum(r, ['App Runner'])).toBe(cents(2 * perService));
    expect(sum(r, ['App Runner'])).toBe(30.06);
    // db.t4g.medium Aurora PostgreSQL at $0.093/h, 10 GB of storage and 1 M I/O at Mumbai rates.
    expect(r.lines.find((l) => l.priceKey === 'aurora.postgresql.db.t4g.medium')?.monthly).toBe(67.89);
    expect(r.monthlyTotal).toBe(144.51);
    expect(r.lines.every((l) => l.region === 'ap-south-1')).toBe(true);
  });
});
