// COST-001/002/003 in `scan`: the same budget rule as `cost --budget` (an incomplete estimate never
// passes), and each advisory on the resource of its own input, priced in that input's region.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';

const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cost-rules-'));
const incomplete = join(dir, 'incomplete.yaml');
writeFileSync(
  incomplete,
  'Resources:\n  Nat:\n    Type: AWS::EC2::NatGateway\n    Properties:\n      ConnectivityType: private\n  Stream:\n    Type: AWS::Kinesis::Stream\n    Properties:\n      ShardCount: 1\n',
);
const cost = (paths: string[], config = effectiveConfig()) => scanTemplates(paths, { config }).findings.filter((f) => f.ruleId.startsWith('COST-'));

describe('COST-001 follows the budget gate of `cost`', () => {
  it('an estimate with unpriced items under the budget still fails, naming why; allowUnpriced lets it pass', () => {
    const f = cost([incomplete], effectiveConfig({ budget: 100 })).filter((x) => x.ruleId === 'COST-001');
    expect(f.map((x) => x.message)).toEqual([
      expect.stringMatching(/^The estimate is incomplete: 1 item\(s\) not priced \(first: Stream: no estimator for AWS::Kinesis::Stream\)/),
    ]);
    expect(cost([incomplete], effectiveConfig({ budget: 100, allowUnpriced: true })).filter((x) => x.ruleId === 'COST-001')).toEqual([]);
    expect(
      cost([incomplete], effectiveConfig({ budget: 10, allowUnpriced: true }))
        .filter((x) => x.ruleId === 'COST-001')
        .map((x) => x.message),
    ).toEqual([expect.stringMatching(/^Estimated at least \$33\.30\/month in us-east-1 exceeds the budget of \$10\.00/)]);
  });
});

describe('advisories land on the resource of their own input', () => {
  it("003 dev and prod share logical ids; each Database gets its own class's advice and each IPv4 is counted once", () => {
    const both = cost(['fixtures/seeds/003-bankapp-dev.yaml', 'fixtures/seeds/003-bankapp-prod.yaml']);
    const alone = [...cost(['fixtures/seeds/003-bankapp-dev.yaml']), ...cost(['fixtures/seeds/003-bankapp-prod.yaml'])];
    const brief = (fs: typeof both) => fs.map((f) => `${f.ruleId} ${f.resource.file} ${f.resource.id} ${f.message}`).sort();
    expect(brief(both)).toEqual(brief(alone));
    const db = both.filter((f) => f.ruleId === 'COST-002' && f.resource.id === 'Database').map((f) => [f.resource.file, f.message.split(' ')[0]]);
    expect(db.sort()).toEqual([
      ['fixtures/seeds/003-bankapp-dev.yaml', 'db.t3.micro'],
      ['fixtures/seeds/003-bankapp-prod.yaml', 'db.t3.medium'],
    ]);
  });

  it('the hardened 002 cdk.out is advised at eu-west-1 prices while 001 stays at us-east-1', () => {
    const f = cost(['fixtures/seeds/001-etf-tracker.yaml', 'fixtures/seeds/hardened/002-expenses-app.cdk.out']);
    const ipv4 = f.filter((x) => x.ruleId === 'COST-003');
    expect(ipv4.filter((x) => x.resource.file === 'fixtures/seeds/001-etf-tracker.yaml').every((x) => / in us-east-1 /.test(x.message))).toBe(true);
    expect(ipv4.filter((x) => x.resource.file?.includes('002-expenses-app.cdk.out')).every((x) => / in eu-west-1 /.test(x.message))).toBe(true);
    expect(ipv4.some((x) => x.resource.file?.includes('002-expenses-app.cdk.out'))).toBe(true);
  });
});
