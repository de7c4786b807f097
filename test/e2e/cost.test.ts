// `stackaudit cost` as users run it: the built bundle (dist/bin, built by `npm test` / `npm run
// build`) in a child process. It must find the catalog the build ships in dist/cost/catalog/data,
// and refuse a usage profile that is a FIFO without hanging.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { stackaudit: string } }).bin.stackaudit);
const built = existsSync(bin);

const cost = (...args: string[]) => spawnSync(process.execPath, [bin, 'cost', ...args], { cwd: root, encoding: 'utf8', timeout: 60_000 });

describe.skipIf(!built)('stackaudit cost from the bundle', () => {
  it('prices from the catalog shipped in dist (the bundle finds dist/cost/catalog/data)', () => {
    const r = cost('fixtures/seeds/004-period-tracker.json', '--region', 'ap-south-1', '--usage', 'fixtures/usage/period-tracker.yaml', '--format', 'json');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { complete: boolean; monthlyTotal: number; lines: { price: { feed: string } }[] };
    expect(report.complete).toBe(true);
    expect(report.monthlyTotal).toBe(144.51);
    expect(report.lines.every((l) => /^(aws-price-watcher|ec2\.shop|nat-gateway\.json)/.test(l.price.feed))).toBe(true);
  });

  it('a usage profile that is a FIFO is refused before it is read: exit 2, one line, no hang', () => {
    const fifo = join(mkdtempSync(join(tmpdir(), 'stackaudit-e2e-')), 'usage.fifo');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      return; // no mkfifo here
    }
    const r = cost('fixtures/seeds/001-etf-tracker.yaml', '--usage', fifo);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/cannot read usage profile: it is a named pipe \(FIFO\)/);
  });
});
