// The bin is a launcher that loads the CLI bundle with the V8 code cache the build made. The
// cache must be accepted by the Node.js that built it, and a cache V8 rejects (another Node.js
// version, a damaged file) or a missing one must change nothing but speed.
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Script } from 'node:vm';
import { wrap } from 'node:module';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const binDir = join(root, 'dist/bin');
const seed = join(root, 'fixtures/seeds/001-etf-tracker.yaml');
const run = (bin: string) => spawnSync(process.execPath, [bin, 'scan', seed, '--format', 'json', '--fail-on', 'none'], { cwd: root, encoding: 'utf8' });
const findings = (stdout: string) => (JSON.parse(stdout) as { findings: { fingerprint: string }[] }).findings.map((f) => f.fingerprint);

/** A copy of dist/bin with the given cache (or none), next to the real dist/cost catalog. */
function copyBin(cache: Buffer | undefined): string {
  const dist = mkdtempSync(join(tmpdir(), 'stackaudit-launcher-'));
  mkdirSync(join(dist, 'bin'));
  for (const f of ['main.js', 'cli.js', 'package.json']) copyFileSync(join(binDir, f), join(dist, 'bin', f));
  if (cache) writeFileSync(join(dist, 'bin', 'cli.js.cache'), cache);
  symlinkSync(join(root, 'dist/cost'), join(dist, 'cost'));
  return join(dist, 'bin', 'main.js');
}

describe('the bin launcher and its code cache', () => {
  it('the build wrote a code cache that this Node.js accepts', () => {
    const source = readFileSync(join(binDir, 'cli.js'), 'utf8');
    const script = new Script(wrap(source), { filename: join(binDir, 'cli.js'), cachedData: readFileSync(join(binDir, 'cli.js.cache')) });
    expect(script.cachedDataRejected).toBe(false);
  });

  it('with a damaged cache or none, a scan reports exactly what it reports with the cache', () => {
    const normal = run(join(binDir, 'main.js'));
    expect(normal.status).toBe(0);
    for (const bin of [copyBin(Buffer.from('not a V8 code cache')), copyBin(undefined)]) {
      const r = run(bin);
      expect(r.stderr).toBe('');
      expect(r.status).toBe(0);
      expect(findings(r.stdout)).toEqual(findings(normal.stdout));
    }
  });
});
