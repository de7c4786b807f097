// `stackaudit audit` as a user runs it: the built binary, its own process, the real SDK clients
// and default credential chain (from the environment), against a loopback endpoint that
// speaks the AWS wire protocols. What reaches the terminal: one note, one summary, one line
// per failed call; never the SDK's own warnings or stacks. `npm test` builds dist first.

import { execFile, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { faultAccountSnapshot } from '../helpers/aws-wire/fault-account.js';
import { snapshotResponder, startAwsWire, type AwsWireServer } from '../helpers/aws-wire/index.js';

const root = resolve(__dirname, '../..');
const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { stackaudit: string } }).bin.stackaudit);
if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (\`npm test\` does)`);
const TIMEOUT = 120_000;
const tmp = mkdtempSync(join(tmpdir(), 'stackaudit-audit-e2e-'));

let server: AwsWireServer;
beforeAll(async () => {
  server = await startAwsWire({ respond: snapshotResponder(faultAccountSnapshot()) });
});
afterAll(async () => {
  await server.close();
});

/** Runs the binary without blocking this process: the loopback server answers from here. */
async function stackaudit(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = {
    PATH: process.env['PATH'] ?? '',
    HOME: tmp,
    AWS_ACCESS_KEY_ID: 'AKIDLOOPBACKTEST',
    AWS_SECRET_ACCESS_KEY: 'loopback-test-only',
    AWS_EC2_METADATA_DISABLED: 'true',
    NO_COLOR: '1',
  };
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [bin, ...args], { env, timeout: TIMEOUT, maxBuffer: 64 << 20 });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const x = e as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof x.code === 'number' ? x.code : -1, stdout: x.stdout ?? '', stderr: x.stderr ?? '' };
  }
}

const NOTE = /^stackaudit: note: AWS SDK releases after January 2027 need Node\.js 22 or later \(this is v\d+\.\d+\.\d+\)$/;

describe('stackaudit audit against a loopback AWS endpoint', () => {
  it('a clean audit prints at most the one-line Node note and one summary line on stderr', async () => {
    // An IP endpoint also makes the SDK print a stack for S3 Control (it cannot build `<account>.127.0.0.1`): it must not show.
    const r = await stackaudit(['audit', '--endpoint-url', server.endpoint.replace('localhost', '127.0.0.1'), '--region', 'us-east-1', '--format', 'json', '--fail-on', 'none']);
    const lines = r.stderr.trimEnd().split('\n');
    const major = Number(process.versions.node.split('.')[0]);
    if (major < 22) expect(lines.shift()).toMatch(NOTE);
    expect(lines).toEqual([
      expect.stringMatching(/^stackaudit: audited account 111122223333: 1 region × 14 services, \d+ calls( \(\d+ failed; affected controls are not-evaluated\))? in \d+\.\d s$/),
    ]);
    expect(r.stderr).not.toMatch(/NodeVersionSupportWarning|trace-warnings|\$response|\n\s+at /);
    expect(r.code).toBe(0);
    expect((JSON.parse(r.stdout) as { findings: unknown[] }).findings.length).toBeGreaterThan(0);
  });

  it('an expired token: one error line, exit 2, nothing else called', async () => {
    server.setFaults([{ kind: 'expired-token' }]);
    server.requests.length = 0;
    try {
      const r = await stackaudit(['audit', '--endpoint-url', server.endpoint, '--region', 'us-east-1']);
      expect(r.code).toBe(2);
      expect(
        r.stderr
          .trimEnd()
          .split('\n')
          .filter((l) => !NOTE.test(l)),
      ).toEqual(['stackaudit: account unknown: sts:GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired']);
      expect(server.requests.map((q) => q.call?.operation)).toEqual(['GetCallerIdentity']);
    } finally {
      server.setFaults([]);
    }
  });

  it('--save into a missing folder: one line, exit 2, before any call', async () => {
    server.requests.length = 0;
    const target = join(tmp, 'missing', 'snap.json');
    const r = await stackaudit(['audit', '--endpoint-url', server.endpoint, '--region', 'us-east-1', '--save', target]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stackaudit: --save ${target}: the folder ${join(tmp, 'missing')} does not exist\n`);
    expect(server.requests).toEqual([]);
  });

  it('--save writes a 0600 snapshot with the secrets redacted', async () => {
    const target = join(tmp, 'snap.json');
    const r = await stackaudit(['audit', '--endpoint-url', server.endpoint, '--region', 'us-east-1', '--save', target, '--fail-on', 'none']);
    expect(r.code).toBe(0);
    expect(statSync(target).mode & 0o777).toBe(0o600);
    expect(readFileSync(target, 'utf8')).not.toContain('example-not-a-real-password-1');
  });

  it('--from a FIFO ends with one line, exit 2, instead of waiting forever', async () => {
    const fifo = join(tmp, 'snap.fifo');
    execFileSync('mkfifo', [fifo]);
    const r = await stackaudit(['audit', '--from', fifo]);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe(`stackaudit: ${fifo}: cannot read snapshot: it is a named pipe (FIFO), not a regular file\n`);
  });
});
