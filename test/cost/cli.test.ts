// `stackaudit cost` through main(), in-process: regions, honest totals and the budget gate, usage
// profiles that cannot silently miss, saved-estimate diffs and PR-sized Markdown.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { isInputError, parseUsageProfileText } from '../../src/cost/index.js';
import type { CostReport } from '../../src/cost/types.js';

const root = resolve(import.meta.dirname, '../..');
const tmp = mkdtempSync(join(tmpdir(), 'stackaudit-cost-'));
const write = (name: string, text: string): string => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};

async function run(args: string[], cwd = root) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(['cost', ...args], io);
  return { code, stdout, stderr };
}

const oneLineError = (stderr: string): void => {
  expect(stderr.trim().split('\n')).toHaveLength(1);
  expect(stderr).not.toMatch(/\n\s+at /);
};

// A template with one item the estimator cannot price (no estimator for Kinesis). A private NAT
// gateway: 730 h × $0.045 + 10 GB processed (the usage default) × $0.045 = $33.30.
const incomplete = write(
  'incomplete.yaml',
  'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n',
);
const complete = write('complete.yaml', 'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n');

describe('regions', () => {
  it('an unknown --region is a usage error naming the valid regions (exit 2)', async () => {
    const r = await run([complete, '--region', 'moon-1']);
    expect(r.code).toBe(2);
    oneLineError(r.stderr);
    expect(r.stderr).toMatch(/--region: unknown region "moon-1".*valid regions: .*ap-south-1.*us-east-1/);
    const typo = await run([complete, '--region', 'us-eats-1']);
    expect(typo.stderr).toMatch(/did you mean us-east-1\?/);
  });

  it('an unknown region in a cdk.out environment is an input error, and the other inputs are still priced', async () => {
    const dir = join(tmp, 'moon.cdk.out');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({
        version: '38.0.1',
        artifacts: { Moon: { type: 'aws:cloudformation:stack', environment: 'aws://111122223333/moon-1', properties: { templateFile: 'Moon.template.json' } } },
      }),
    );
    writeFileSync(join(dir, 'Moon.template.json'), JSON.stringify({ Resources: { Nat: { Type: 'AWS::EC2::NatGateway', Properties: { ConnectivityType: 'private' } } } }));
    const r = await run([dir, complete, '--format', 'json']);
    expect(r.code).toBe(2);
    oneLineError(r.stderr);
    expect(r.stderr).toMatch(/Moon\.template\.json: stack Moon: unknown region "moon-1"/);
    const report = JSON.parse(r.stdout) as CostReport;
    expect(report.lines.some((l) => l.resource.file?.endsWith('complete.yaml') && l.priceKey === 'nat.hour')).toBe(true);
  });

  it('the hardened 002 cdk.out prices in its own eu-west-1 by default; --region does not override an environment', async () => {
    for (const extra of [[], ['--region', 'ap-south-1']]) {
      const r = await run(['fixtures/seeds/hardened/002-expenses-app.cdk.out', '--format', 'json', ...extra]);
      const report = JSON.parse(r.stdout) as CostReport;
      expect(report.regions).toEqual(['eu-west-1']);
      expect(report.monthlyTotal).toBeGreaterThan(50);
      expect(report.lines.every((l) => l.region === 'eu-west-1' || l.region === 'global')).toBe(true);
      // Lines name the stack they come from.
      expect(report.lines.every((l) => l.resource.stack !== undefined && l.resource.file !== undefined)).toBe(true);
    }
  });

  it("uses the config file's region for inputs that name none, and rejects a config region that does not exist", async () => {
    const cfg = write('region.config.yaml', 'region: eu-west-2\n');
    const r = await run([complete, '--config', cfg, '--format', 'json']);
    expect((JSON.parse(r.stdout) as CostReport).regions).toEqual(['eu-west-2']);
    const bad = write('bad-region.config.yaml', 'region: eu-west-9\n');
    const b = await run([complete, '--config', bad]);
    expect(b.code).toBe(2);
    expect(b.stderr).toMatch(/config region: unknown region "eu-west-9"/);
  });
});

describe('honest totals and the budget', () => {
  it('an incomplete estimate reads "at least" in text and Markdown and says complete: false in JSON', async () => {
    const text = await run([incomplete]);
    expect(text.code).toBe(0);
    expect(text.stdout).toMatch(/^Total\s+us-east-1, USD per month, incomplete\s+at least \$33\.30$/m);
    expect(text.stdout).toMatch(/Not priced \(1; the total leaves them out\):\n {2}Stream \(AWS::Kinesis::Stream\): no estimator for AWS::Kinesis::Stream/);
    const md = await run([incomplete, '--format', 'markdown']);
    expect(md.stdout).toMatch(/^### Estimated monthly cost: at least \$33\.30 \(us-east-1\)$/m);
    expect(md.stdout).toMatch(/\*\*Incomplete:\*\* 1 item\(s\) could not be priced/);
    const json = JSON.parse((await run([incomplete, '--format', 'json'])).stdout) as CostReport;
    expect(json).toMatchObject({ complete: false, monthlyTotal: 33.3, notPriced: [{ resource: { id: 'Stream' }, reason: 'no estimator for AWS::Kinesis::Stream' }] });
  });

  it('--budget never passes an incomplete estimate (exit 1 with the reason), unless --allow-unpriced', async () => {
    const r = await run([incomplete, '--budget', '100']);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/Budget: FAIL: The estimate is incomplete: 1 item\(s\) not priced \(first: Stream: no estimator for AWS::Kinesis::Stream\)/);
    const allowed = await run([incomplete, '--budget', '100', '--allow-unpriced']);
    expect(allowed.code).toBe(0);
    expect(allowed.stdout).toMatch(/Budget: PASS: Estimated at least \$33\.30\/month/);
    expect((await run([complete, '--budget', '100'])).code).toBe(0);
    expect((await run([complete, '--budget', '10'])).code).toBe(1);
  });

  it('JSON and Markdown carry the budget verdict', async () => {
    const json = JSON.parse((await run([incomplete, '--budget', '100', '--format', 'json'])).stdout) as CostReport;
    expect(json.budget).toMatchObject({ limit: 100, total: 33.3, verdict: 'incomplete', passed: false, allowUnpriced: false });
    const over = JSON.parse((await run([complete, '--budget', '10', '--format', 'json'])).stdout) as CostReport;
    expect(over.budget).toMatchObject({ verdict: 'over', passed: false });
    const md = await run([complete, '--budget', '100', '--format', 'markdown']);
    expect(md.stdout).toMatch(/\*\*Budget \$100\.00: ✅ pass\*\* \(within\)/);
  });

  it("honours the config file's budget and allowUnpriced; --budget wins over the config", async () => {
    const cfg = write('budget.config.yaml', 'budget: 100\n');
    expect((await run([incomplete, '--config', cfg])).code).toBe(1);
    const lenient = write('lenient.config.yaml', 'budget: 100\nallowUnpriced: true\n');
    expect((await run([incomplete, '--config', lenient])).code).toBe(0);
    expect((await run([complete, '--config', cfg, '--budget', '10'])).code).toBe(1);
  });

  it('rejects a budget that is not a positive amount', async () => {
    for (const b of ['0', '-5', 'ten', 'Infinity']) {
      const r = await run([complete, '--budget', b]);
      expect(r.code, b).toBe(2);
      oneLineError(r.stderr);
    }
  });
});

describe('usage profiles that cannot silently miss', () => {
  const profile = write('stale.yaml', 'resources:\n  Natt:\n    processedGB: 100\n  Nat:\n    processedGB: 0\n');

  it('a key that matches no resource is a warning with did-you-mean; --strict-usage makes it an error (exit 2)', async () => {
    const r = await run(['fixtures/seeds/003-bankapp-dev.yaml', '--usage', write('typo.yaml', 'resources:\n  NatGatewayAA:\n    processedGB: 5\n')]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe(`stackaudit: warning: ${join(tmp, 'typo.yaml')}: usage key "NatGatewayAA" matches no resource (did you mean NatGatewayA?)\n`);
    const strict = await run(['fixtures/seeds/003-bankapp-dev.yaml', '--usage', join(tmp, 'typo.yaml'), '--strict-usage']);
    expect(strict.code).toBe(2);
    oneLineError(strict.stderr);
    expect((await run([complete, '--usage', profile, '--format', 'json'])).stdout).toMatch(/"unmatched": \[\s*\{\s*"key": "Natt",\s*"suggestion": "Nat"/);
  });

  it('usage numbers must be finite, non-negative and bounded: 1e308 is an error, not "$Infinity"', async () => {
    for (const [text, message] of [
      ['defaults:\n  dataOutGB: 1e308\n', /usage profile: defaults\.dataOutGB: must be at most 1000000000000/],
      ['resources:\n  Nat:\n    processedGB: -1\n', /usage profile: resources\.Nat\.processedGB: must not be negative/],
      ['resources:\n  Nat:\n    processedGB: .inf\n', /usage profile: resources\.Nat\.processedGB: /],
    ] as const) {
      const r = await run([complete, '--usage', write('bad-usage.yaml', text)]);
      expect(r.code, text).toBe(2);
      expect(r.stderr).toMatch(message);
      oneLineError(r.stderr);
      expect(r.stdout).not.toMatch(/Infinity|NaN/);
    }
  });

  it('resource names and keys that are JavaScript built-ins behave like any other name', async () => {
    const t = write('builtins.yaml', 'Resources:\n  constructor:\n    Type: AWS::S3::Bucket\n  toString:\n    Type: AWS::S3::Bucket\n');
    const u = write('builtins-usage.yaml', 'resources:\n  constructor:\n    storageGB: 100\n  __proto__:\n    storageGB: 7\n  hasOwnProperty:\n    storageGB: 1\n');
    const r = await run([t, '--usage', u, '--format', 'json']);
    const report = JSON.parse(r.stdout) as CostReport;
    const storage = (id: string) => report.lines.find((l) => l.resource.id === id && l.priceKey === 's3.standard.storage')?.quantity;
    expect(storage('constructor')).toBe(100);
    expect(storage('toString')).toBe(5);
    expect(report.usage?.unmatched.map((x) => x.key)).toEqual(['__proto__', 'hasOwnProperty']);
    const parsed = parseUsageProfileText('resources:\n  __proto__:\n    storageGB: 7\n', 'u.yaml');
    expect(!isInputError(parsed) && parsed.resources instanceof Map && parsed.resources.get('__proto__')).toEqual({ storageGB: 7 });
    expect(({} as Record<string, unknown>)['storageGB']).toBeUndefined();
  });

  it('--usage-template writes every usage-driven quantity at its default: as written it changes nothing', async () => {
    const seed = 'fixtures/seeds/003-bankapp-prod.yaml';
    const t = await run([seed, '--usage-template']);
    expect(t.code).toBe(0);
    expect(t.stdout).toMatch(/^# Usage profile for fixtures\/seeds\/003-bankapp-prod\.yaml/);
    expect(t.stdout).toMatch(/^ {2}Service: {2}# AWS::ECS::Service, us-east-1\n {4}taskCount: 3 {2}# default: DesiredCount$/m);
    expect(t.stdout).toMatch(/^ {2}LoadBalancer: {2}# AWS::ElasticLoadBalancingV2::LoadBalancer, us-east-1\n {4}lcu: 1$/m);
    expect(t.stdout).toMatch(/^ {2}Database: .*\n {4}storageGB: 100 {2}# default: AllocatedStorage$/m);
    const parsed = parseUsageProfileText(t.stdout, 'template.yaml');
    expect(isInputError(parsed)).toBe(false);
    const file = write('template.yaml', t.stdout);
    const withTemplate = JSON.parse((await run([seed, '--usage', file, '--format', 'json'])).stdout) as CostReport;
    const without = JSON.parse((await run([seed, '--format', 'json'])).stdout) as CostReport;
    expect(withTemplate.usage?.unmatched).toEqual([]);
    expect(withTemplate.monthlyTotal).toBe(without.monthlyTotal);
    expect(withTemplate.lines.map((l) => [l.resource.key, l.priceKey, l.quantity, l.monthly])).toEqual(
      without.lines.map((l) => [l.resource.key, l.priceKey, l.quantity, l.monthly]),
    );
    // --output writes it to a file.
    const out = join(tmp, 'written.yaml');
    expect((await run([seed, '--usage-template', '--output', out])).code).toBe(0);
  });
});

describe('comparisons', () => {
  it('--compare-to diffs against a saved JSON estimate of the same template', async () => {
    const stack = write('stack.yaml', 'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n');
    const saved = join(tmp, 'previous.json');
    expect((await run([stack, '--format', 'json', '--output', saved])).code).toBe(0);
    // The pull request adds a second gateway.
    writeFileSync(
      stack,
      'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n  Nat2:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n',
    );
    const r = await run([stack, '--compare-to', saved, '--format', 'json']);
    expect(r.code).toBe(0);
    const cmp = JSON.parse(r.stdout) as { delta: number; baseTotal: number; headTotal: number; resources: { resource: { id: string }; status: string; delta: number }[] };
    expect([cmp.baseTotal, cmp.headTotal, cmp.delta]).toEqual([33.3, 66.6, 33.3]);
    expect(cmp.resources.map((c) => [c.resource.id, c.status, c.delta])).toEqual([['Nat2', 'added', 33.3]]);
    const text = await run([stack, '--compare-to', saved]);
    expect(text.stdout).toMatch(/^Total\s+\$33\.30\s+\$66\.60\s+\+\$33\.30$/m);
    const md = await run([stack, '--compare-to', saved, '--format', 'markdown', '--budget', '50']);
    expect(md.code).toBe(1);
    expect(md.stdout).toMatch(/^### Monthly cost change: \+\$33\.30 \(\$33\.30 → \$66\.60, us-east-1\)$/m);
    expect(md.stdout).toMatch(/\*\*Budget ❌ fail:\*\* Estimated \$66\.60\/month in us-east-1 exceeds the budget of \$50\.00/);
  });

  it('--compare-to with a file that is not a saved estimate is an input error (exit 2)', async () => {
    const r = await run([complete, '--compare-to', write('not-an-estimate.json', '{"findings": []}')]);
    expect(r.code).toBe(2);
    oneLineError(r.stderr);
    expect(r.stderr).toMatch(/not a saved cost estimate/);
  });
});

describe('Markdown for a pull-request comment', () => {
  it("stays under GitHub's 65,536 characters: lines collapse into <details> and the overflow is summarised", async () => {
    const resources: string[] = [];
    for (let i = 0; i < 1500; i++)
      resources.push(
        `  Queue${i}WithAFairlyLongLogicalIdToFillTheCommentQuickly:\n    Type: AWS::SQS::Queue`,
        `  Instance${i}:\n    Type: AWS::EC2::Instance\n    Properties:\n      InstanceType: t3.micro\n      SubnetId: subnet-1`,
      );
    const big = write('big.yaml', `Resources:\n${resources.join('\n')}\n`);
    const r = await run([big, '--format', 'markdown']);
    expect(r.stdout.length).toBeLessThan(65_536);
    expect(r.stdout).toMatch(/<details><summary>\d+ line items<\/summary>/);
    expect(r.stdout).toMatch(/\| … \| \d+ more line\(s\) not shown \(\$[\d.]+\); `stackaudit cost --format json` lists them all \| \|/);
    expect(r.stdout).toMatch(/^\| EC2 \| \$[\d.]+ \|$/m);
  });

  it('cannot mention users or break the table with names from the template', async () => {
    const t = write('mention.yaml', 'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n');
    const u = write('mention-usage.yaml', 'resources:\n  "@octocat|x":\n    processedGB: 1\n');
    const r = await run([t, '--usage', u, '--format', 'markdown']);
    expect(r.stdout).toContain('&#64;octocat\\|x');
    expect(r.stdout).not.toMatch(/@octocat/);
  });
});

describe('many inputs in one run', () => {
  it("names each line's resource with its file when several inputs share logical ids, and the template keys them so", async () => {
    const args = ['fixtures/seeds/003-bankapp-dev.yaml', 'fixtures/seeds/003-bankapp-staging.yaml'];
    const text = await run(args);
    expect(text.stdout).toMatch(/^RDS\s+fixtures\/seeds\/003-bankapp-dev\.yaml#Database: db\.t3\.micro PostgreSQL Single-AZ/m);
    expect(text.stdout).toMatch(/^RDS\s+fixtures\/seeds\/003-bankapp-staging\.yaml#Database: db\.t3\.small PostgreSQL Multi-AZ/m);
    const template = await run([...args, '--usage-template']);
    expect(template.stdout).toContain('  "fixtures/seeds/003-bankapp-staging.yaml#Database":  # AWS::RDS::DBInstance, us-east-1\n    storageGB: 50');
    const edited = write(
      'two-envs.yaml',
      template.stdout.replace(
        '"fixtures/seeds/003-bankapp-staging.yaml#Database":  # AWS::RDS::DBInstance, us-east-1\n    storageGB: 50',
        '"fixtures/seeds/003-bankapp-staging.yaml#Database":\n    storageGB: 500',
      ),
    );
    const json = JSON.parse((await run([...args, '--usage', edited, '--format', 'json'])).stdout) as CostReport;
    const gb = (file: string) => json.lines.find((l) => l.resource.file === file && l.resource.id === 'Database' && l.priceKey.startsWith('rds.storage'))?.quantity;
    expect([gb('fixtures/seeds/003-bankapp-dev.yaml'), gb('fixtures/seeds/003-bankapp-staging.yaml')]).toEqual([20, 500]);
  });

  it('escapes control characters from the template in text output (no forged lines or terminal codes)', async () => {
    const t = write('ctrl.yaml', 'Resources:\n  "Nat\\e[31m\\nFAKE":\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n');
    const r = await run([t]);
    expect(r.stdout).not.toMatch(/\u001b/);
    expect(r.stdout).not.toMatch(/^FAKE/m);
    expect(r.stdout).toContain('Nat\\x1b[31m FAKE');
  });
});
