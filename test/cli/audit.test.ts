// `stackaudit audit` through main(), in process, on account snapshots (no network).
import { chmodSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { CliIo } from '../../src/cli/io.js';
import { main } from '../../src/cli/main.js';
import { faultAccountSnapshot } from '../helpers/aws-wire/fault-account.js';
import { snapshotResponder, startAwsWire, type AwsWireServer } from '../helpers/aws-wire/index.js';

const root = resolve(__dirname, '../..');
const snap001 = join(root, 'fixtures/accounts/001-etf-tracker.json');
const snap004 = join(root, 'fixtures/accounts/004-period-tracker.json');
const tmp = mkdtempSync(join(tmpdir(), 'stackaudit-audit-'));

async function run(args: string[], tty: Partial<Pick<CliIo, 'stderrIsTty' | 'stdoutIsTty'>> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: root, stdoutIsTty: false, stderrIsTty: false, env: {}, ...tty };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

interface JsonFinding {
  ruleId: string;
  status: string;
  severity: string;
  resource: { id: string; type: string; arn?: string; account?: string; region?: string; file?: string };
}
const findingsOf = (stdout: string): JsonFinding[] => (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
const keys = (fs: readonly JsonFinding[]) => fs.map((f) => `${f.ruleId} ${f.status} ${f.resource.id}`).sort();

describe('audit --from SNAPSHOT --format json', () => {
  it('reports findings by physical id with ARN, account and region; exit 1 on the critical NET-002', async () => {
    const r = await run(['audit', '--from', snap001, '--format', 'json']);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(1);
    const findings = findingsOf(r.stdout);
    const net002 = findings.find((f) => f.ruleId === 'NET-002');
    expect(net002).toMatchObject({
      status: 'fail',
      severity: 'critical',
      resource: {
        id: 'sg-0e7f5c3a1b2d4e6f8',
        type: 'AWS::EC2::SecurityGroup',
        arn: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0e7f5c3a1b2d4e6f8',
        account: '111122223333',
        region: 'us-east-1',
      },
    });
    expect(net002?.resource.file).toBeUndefined();
    for (const f of findings) {
      expect(f.resource.account, f.ruleId).toBe('111122223333');
      // Physical ids, never the template's logical ids.
      expect(f.resource.id, f.ruleId).not.toMatch(/^(BackendSecurityGroup|BackendInstance|BackendElasticIp|FrontendBucket|BackupBucket|Distribution)$/);
    }
    expect(findings.find((f) => f.resource.type === 'AWS::S3::Bucket')?.resource.arn).toMatch(/^arn:aws:s3:::etf-portfolio-/);
  });

  it('--fail-on none exits 0 with the same findings', async () => {
    const a = await run(['audit', '--from', snap001, '--format', 'json']);
    const b = await run(['audit', '--from', snap001, '--format', 'json', '--fail-on', 'none']);
    expect(b.code).toBe(0);
    expect(keys(findingsOf(b.stdout))).toEqual(keys(findingsOf(a.stdout)));
  });
});

describe('audit takes the report options scan takes', () => {
  it('--check narrows the findings and the gate; -o writes JSON to a file and text to stdout in one run', async () => {
    const out = join(tmp, 'narrowed.json');
    const r = await run(['audit', '--from', snap001, '--check', 'NET-*', '-o', `json=${out}`, '-o', 'text']);
    expect(r.code).toBe(1);
    const findings = findingsOf(readFileSync(out, 'utf8'));
    expect(findings.length).toBeGreaterThan(0);
    expect(findings.every((f) => f.ruleId.startsWith('NET-'))).toBe(true);
    expect(r.stdout).toMatch(/NET-002/);
    expect(r.stdout).not.toMatch(/\bS3-0\d\d\b/);
  });

  it('--soft-fail exits 0; --verbose prints details; the next steps speak of accounts, not templates', async () => {
    const r = await run(['audit', '--from', snap001, '--soft-fail', '--verbose']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/docs\/rules\/NET-002\.md/);
    expect(r.stdout).not.toMatch(/Metadata: stackaudit: suppress/);
    expect(r.stdout).not.toMatch(/a --parameter, a Default/);
  });

  it('--compact with --verbose is a usage error before anything is read', async () => {
    const r = await run(['audit', '--from', join(tmp, 'missing.json'), '--compact', '--verbose']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/--compact and --verbose/);
  });
});

describe('audit input and usage errors', () => {
  it.each([
    ['not JSON', '{ "format": "stackaudit-snapshot/1", '],
    ['wrong format', JSON.stringify({ format: 'other/1', account: '1', collectedAt: 'x', calls: [] })],
    [
      'a call with neither output nor error',
      JSON.stringify({
        format: 'stackaudit-snapshot/1',
        account: '111122223333',
        collectedAt: 'x',
        calls: [{ service: 'ec2', operation: 'DescribeVpcs', region: 'us-east-1', input: {} }],
      }),
    ],
  ])('a malformed snapshot (%s) is one stderr line naming the file, exit 2', async (_what, text) => {
    const file = join(tmp, `bad-${Math.random().toString(36).slice(2)}.json`);
    writeFileSync(file, text);
    const r = await run(['audit', '--from', file, '--format', 'json']);
    expect(r.code).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(file);
    expect(r.stderr).not.toMatch(/\n\s+at /);
  });

  it('a missing snapshot file is one line, exit 2', async () => {
    const r = await run(['audit', '--from', join(tmp, 'nope.json')]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/nope\.json: cannot read snapshot: no such file/);
  });

  it.each([[['--profile', 'prod']], [['--role-arn', 'arn:aws:iam::111122223333:role/audit']]])('--from with %j is a usage error, exit 2', async (extra) => {
    const r = await run(['audit', '--from', snap001, ...extra]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/--from/);
    expect(r.stdout).toBe('');
  });
});

describe('audit --save', () => {
  it('round-trips: --from the saved snapshot gives the same findings', async () => {
    const saved = join(tmp, 'saved-001.json');
    const first = await run(['audit', '--from', snap001, '--save', saved, '--format', 'json']);
    expect(first.code).toBe(1);
    const snapshot = JSON.parse(readFileSync(saved, 'utf8')) as { format: string; account: string; calls: unknown[] };
    expect(snapshot.format).toBe('stackaudit-snapshot/1');
    expect(snapshot.account).toBe('111122223333');
    expect(snapshot.calls.length).toBeGreaterThan(20);
    const second = await run(['audit', '--from', saved, '--format', 'json']);
    expect(second.code).toBe(1);
    expect(findingsOf(second.stdout)).toEqual(findingsOf(first.stdout));
  });

  it('the saved snapshot of 004 keeps its secrets only as AWS returned them, and the report never prints them', async () => {
    const saved = join(tmp, 'saved-004.json');
    const r = await run(['audit', '--from', snap004, '--save', saved, '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(r.stdout).not.toContain('example-not-a-real-password');
    expect(findingsOf((await run(['audit', '--from', saved, '--format', 'json'])).stdout)).toEqual(findingsOf(r.stdout));
  });
});

describe('audit --region with a snapshot', () => {
  it('audits only the named region: regional resources from elsewhere are left out, global ones stay', async () => {
    const all = findingsOf((await run(['audit', '--from', snap004, '--format', 'json', '--fail-on', 'none'])).stdout);
    expect(all.some((f) => f.resource.region === 'ap-south-1')).toBe(true);
    const mumbai = await run(['audit', '--from', snap004, '--region', 'ap-south-1', '--format', 'json', '--fail-on', 'none']);
    expect(mumbai.code).toBe(0);
    expect(keys(findingsOf(mumbai.stdout))).toEqual(keys(all));
    // us-east-1 has no regional calls in the 004 snapshot: each regional read fails and is reported, nothing is invented.
    const virginia = await run(['audit', '--from', snap004, '--region', 'us-east-1', '--format', 'json', '--fail-on', 'none']);
    expect(virginia.code).toBe(2);
    const json = JSON.parse(virginia.stdout) as { findings: JsonFinding[]; errors: { file: string; message: string }[] };
    expect(json.findings.filter((f) => f.resource.region === 'ap-south-1')).toEqual([]);
    expect(json.errors.length).toBeGreaterThan(0);
    expect(json.errors.every((e) => /NotInSnapshot/.test(e.message))).toBe(true);
    expect(json.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId)).toEqual(['OBS-002']);
  });
});

describe('audit --format sarif', () => {
  it('an account finding is a structurally valid SARIF 2.1.0 result with the ARN as logical location', async () => {
    const r = await run(['audit', '--from', snap001, '--format', 'sarif']);
    expect(r.code).toBe(1);
    const sarif = JSON.parse(r.stdout) as {
      version: string;
      $schema: string;
      runs: {
        tool: { driver: { name: string; rules: { id: string }[] } };
        results: {
          ruleId: string;
          ruleIndex: number;
          level: string;
          message: { text: string };
          locations: { physicalLocation?: { artifactLocation: { uri: string } }; logicalLocations: { name: string; fullyQualifiedName: string; kind: string }[] }[];
        }[];
      }[];
    };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.$schema).toMatch(/sarif-2\.1\.0/);
    expect(sarif.runs).toHaveLength(1);
    const run0 = sarif.runs[0]!;
    expect(run0.tool.driver.name).toBe('stackaudit');
    expect(run0.results.length).toBeGreaterThan(0);
    for (const res of run0.results) {
      expect(run0.tool.driver.rules[res.ruleIndex]?.id, res.ruleId).toBe(res.ruleId);
      expect(['error', 'warning', 'note', 'none']).toContain(res.level);
      expect(res.message.text.length).toBeGreaterThan(0);
      expect(res.locations).toHaveLength(1);
    }
    const net002 = run0.results.find((x) => x.ruleId === 'NET-002');
    expect(net002?.level).toBe('error');
    expect(net002?.locations[0]?.logicalLocations).toEqual([
      { name: 'sg-0e7f5c3a1b2d4e6f8', fullyQualifiedName: 'arn:aws:ec2:us-east-1:111122223333:security-group/sg-0e7f5c3a1b2d4e6f8', kind: 'resource' },
    ]);
    expect(net002?.locations[0]?.physicalLocation?.artifactLocation.uri).toContain('111122223333/us-east-1');
  });
});

describe('audit of a live account (the real SDK clients against a loopback AWS endpoint)', () => {
  let server: AwsWireServer;
  const saved: Record<string, string | undefined> = {};
  const ENV = {
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST',
    AWS_SECRET_ACCESS_KEY: 'loopback-test-only',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_CONFIG_FILE: join(tmp, 'no-config'),
    AWS_SHARED_CREDENTIALS_FILE: join(tmp, 'no-credentials'),
  };
  beforeAll(async () => {
    server = await startAwsWire({ respond: snapshotResponder(faultAccountSnapshot()) });
    // The default credential chain reads the environment (this worker's copy of it).
    for (const [k, v] of Object.entries(ENV)) {
      saved[k] = process.env[k];
      process.env[k] = v;
    }
  });
  afterAll(async () => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    await server.close();
  });
  const live = (...extra: string[]) => ['audit', '--endpoint-url', server.endpoint, '--region', 'us-east-1', '--format', 'json', '--fail-on', 'none', ...extra];
  const noteLine = /^stackaudit: note: AWS SDK releases after January 2027 need Node\.js 22 or later/;
  const lines = (stderr: string) => stderr.split('\n').filter((l) => l !== '' && !noteLine.test(l));

  it('--save into a missing folder fails with one line before any call', async () => {
    server.requests.length = 0;
    const r = await run(live('--save', join(tmp, 'no-such-dir', 'x.json')));
    expect(r.code).toBe(2);
    expect(lines(r.stderr)).toEqual([`stackaudit: --save ${join(tmp, 'no-such-dir', 'x.json')}: the folder ${join(tmp, 'no-such-dir')} does not exist`]);
    expect(server.requests).toEqual([]);
    expect(r.stdout).toBe('');
  });

  it('a mistyped --region is a usage error naming the valid regions, before any call', async () => {
    server.requests.length = 0;
    const r = await run(['audit', '--endpoint-url', server.endpoint, '--region', 'us-eats-1']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^stackaudit: --region: unknown region "us-eats-1" \(did you mean us-east-1\?\); valid regions: .*eu-west-1.*us-west-2/);
    expect(server.requests).toEqual([]);
  });

  it('an unknown --services name is a usage error with a suggestion', async () => {
    const r = await run(['audit', '--from', snap001, '--services', 'ec2,cloudwach']);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stackaudit: --services: unknown service "cloudwach" \(did you mean cloudwatch\?\); known: ec2, rds, /);
  });

  it('--save-raw needs --save', async () => {
    const r = await run(['audit', '--from', snap001, '--save-raw']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('stackaudit: --save-raw goes with --save FILE\n');
  });

  it('off a terminal: one summary line, one line per failed list call, no stack, no SDK advice, nothing through console', async () => {
    server.setFaults([
      { kind: 'denied', operation: 'DescribeDBInstances' },
      { kind: 'denied', operation: 'ListFunctions', message: 'line one\n    at Object.<anonymous> (/x.js:1:1)' },
    ]);
    const consoleError = vi.spyOn(console, 'error');
    const consoleWarn = vi.spyOn(console, 'warn');
    try {
      // An IP address as the endpoint: S3 Control cannot build `<account>.127.0.0.1`, and the SDK prints a 14-line stack to the console.
      const r = await run(['audit', '--endpoint-url', server.endpoint.replace('localhost', '127.0.0.1'), '--region', 'us-east-1', '--format', 'json', '--fail-on', 'none']);
      expect(r.code).toBe(2);
      const out = lines(r.stderr);
      expect(out[0]).toMatch(/^stackaudit: audited account 111122223333: 1 region × 14 services, \d+ calls \(\d+ failed; affected controls are not-evaluated\) in \d+\.\d s$/);
      expect(out.slice(1)).toEqual([
        'stackaudit: account 111122223333 region us-east-1: lambda:ListFunctions failed: AccessDeniedException: line one at Object.<anonymous> (/x.js:1:1)',
        `stackaudit: account 111122223333 region us-east-1: rds:DescribeDBInstances failed: AccessDenied: User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: rds:DescribeDBInstances because no identity-based policy allows the rds:DescribeDBInstances action`,
      ]);
      expect(r.stderr).not.toMatch(/\$response|Deserialization error|NodeVersionSupportWarning|\n\s+at /);
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
      const json = JSON.parse(r.stdout) as { findings: JsonFinding[] };
      expect(json.findings.length).toBeGreaterThan(0);
    } finally {
      consoleError.mockRestore();
      consoleWarn.mockRestore();
      server.setFaults([]);
    }
  });

  it('on a terminal: a progress bar (runs, calls, ETA) is drawn, then cleared before the summary', async () => {
    const r = await run(live(), { stderrIsTty: true });
    expect(r.code).toBe(0);
    expect(r.stderr).toMatch(/\r\x1b\[2K\[[#.]{20}\] +\d+\/14 region×service · [a-z0-9-]+ us-east-1 · \d+ calls/);
    expect(r.stderr).toMatch(/\r\x1b\[2Kstackaudit: audited account 111122223333: 1 region × 14 services/);
  });

  it('--save writes 0600 over a world-readable file, with secrets redacted; --save-raw keeps them', async () => {
    const file = join(tmp, 'live-save.json');
    writeFileSync(file, '{}', { mode: 0o644 });
    chmodSync(file, 0o644);
    const r = await run(live('--save', file));
    expect(r.code).toBe(0);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const text = readFileSync(file, 'utf8');
    expect(text).not.toContain('example-not-a-real-password-1');
    expect(text).not.toContain('xoxb-0000000000-EXAMPLEEXAMPLE');
    expect(JSON.parse(text)).toMatchObject({ format: 'stackaudit-snapshot/1', account: '111122223333', redacted: true });
    // The redacted snapshot judges the same: same findings as the live run.
    const again = await run(['audit', '--from', file, '--format', 'json', '--fail-on', 'none']);
    expect(findingsOf(again.stdout)).toEqual(findingsOf(r.stdout));
    const raw = await run(live('--save', file, '--save-raw'));
    expect(raw.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('example-not-a-real-password-1');
    expect(statSync(file).mode & 0o777).toBe(0o600);
  });
});

describe('hostile snapshot files through the CLI', () => {
  it.each([
    ['/dev/zero', /^stackaudit: \/dev\/zero: cannot read snapshot: it is a character device, not a regular file$/],
    ['deep', /^stackaudit: .*deep\.json:1: not a usable snapshot: nested deeper than 64 levels/],
  ])('%s: one line, exit 2', async (what, message) => {
    let file = what;
    if (what === 'deep') {
      file = join(tmp, 'deep.json');
      writeFileSync(
        file,
        `{"format":"stackaudit-snapshot/1","account":"1","collectedAt":"x","calls":[{"service":"ec2","operation":"X","region":"r","input":${'['.repeat(100_000)}${']'.repeat(100_000)},"output":{}}]}`,
      );
    }
    const r = await run(['audit', '--from', file]);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr.trim()).toMatch(message);
  });
});
