// The published package, as a user gets it: `npm pack`, install the tarball into an empty
// project, then run the bin, import the library from ESM and type-check against its .d.ts.
// `npm test` builds dist first; this test packs that build (--ignore-scripts, so packing does
// not rebuild dist under the other test files that run the CLI from it).

import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { name: string; version: string };
const npm = process.platform === 'win32' ? 'npm.cmd' : 'npm';
const npx = process.platform === 'win32' ? 'npx.cmd' : 'npx';
const SLOW = 180_000;

const SSH_OPEN = `Resources:
  Admin:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: admin
      VpcId: vpc-0123456789abcdef0
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;

let work: string;
let consumer: string;
let packed: { filename: string; files: Array<{ path: string }> };

function run(cmd: string, args: readonly string[], cwd: string): SpawnSyncReturns<string> {
  // npm_config_* from the outer `npm test` would leak into the consumer's npm (e.g. its prefix).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.toLowerCase().startsWith('npm_')));
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', env: { ...env, NO_COLOR: '1' }, timeout: SLOW, shell: process.platform === 'win32' });
}

/** stderr without npm's own warnings about the machine's npm config, which are not ours. */
function ownStderr(r: SpawnSyncReturns<string>): string {
  return r.stderr
    .split('\n')
    .filter((l) => l.trim() !== '' && !l.startsWith('npm warn'))
    .join('\n');
}

beforeAll(() => {
  if (!existsSync(join(root, 'dist', 'index.js')) || !existsSync(join(root, 'dist', 'bin', 'main.js'))) {
    throw new Error('dist is missing: run `npm run build` first (`npm test` does)');
  }
  work = mkdtempSync(join(tmpdir(), 'stackaudit-pack-'));
  const out = execFileSync(npm, ['pack', '--ignore-scripts', '--json', '--pack-destination', work], { cwd: root, encoding: 'utf8', shell: process.platform === 'win32' });
  packed = (JSON.parse(out) as Array<typeof packed>)[0]!;

  consumer = join(work, 'consumer');
  mkdirSync(consumer);
  writeFileSync(join(consumer, 'package.json'), JSON.stringify({ name: 'consumer', version: '1.0.0', private: true, type: 'module' }, null, 2));
  const install = run(npm, ['install', join(work, packed.filename), '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], consumer);
  if (install.status !== 0) throw new Error(`npm install of the tarball failed (${install.status}): ${install.stderr}`);
  writeFileSync(join(consumer, 'open.yaml'), SSH_OPEN);
  writeFileSync(join(consumer, 'closed.yaml'), SSH_OPEN.replace('0.0.0.0/0', '203.0.113.7/32'));
}, SLOW);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the npm package', { timeout: SLOW }, () => {
  it('ships dist, docs and the README, and no tests, sources or type-check output', () => {
    const files = packed.files.map((f) => f.path);
    expect(files).toEqual(
      expect.arrayContaining(['package.json', 'README.md', 'dist/index.js', 'dist/index.d.ts', 'dist/bin/main.js', 'dist/cdk/validation.js', 'docs/iam-policy.json']),
    );
    expect(files.filter((f) => /(^|\/)(test|tests|__tests__)\/|\.test\.|\.spec\./.test(f))).toEqual([]);
    expect(files.filter((f) => /^(src|test|fixtures|bench|dist-typecheck|node_modules)\//.test(f))).toEqual([]);
    // Every compiled file has a source: a stale file in dist would be published too.
    // (dist/bin is the CLI bundle esbuild writes from src/cli/main.ts: chunks have no source of their own.)
    const orphans = files
      .filter((f) => f.startsWith('dist/') && !f.startsWith('dist/bin/') && f.endsWith('.js'))
      .filter((f) => !existsSync(join(root, 'src', f.slice('dist/'.length).replace(/\.js$/, '.ts'))));
    expect(orphans).toEqual([]);
  });

  it('installs without the optional CDK peer dependencies', () => {
    expect(existsSync(join(consumer, 'node_modules', pkg.name, 'dist', 'index.js'))).toBe(true);
    expect(existsSync(join(consumer, 'node_modules', 'aws-cdk-lib'))).toBe(false);
  });

  it('`npx stackaudit --version` prints the package version', () => {
    const r = run(npx, ['--no-install', 'stackaudit', '--version'], consumer);
    expect(ownStderr(r)).toBe('');
    expect(r.stdout.trim()).toBe(pkg.version);
    expect(r.status).toBe(0);
  });

  it('`npx stackaudit scan` exits 1 on a finding and 0 on a clean template', () => {
    const open = run(npx, ['--no-install', 'stackaudit', 'scan', 'open.yaml', '--format', 'json'], consumer);
    expect(open.status).toBe(1);
    const report = JSON.parse(open.stdout) as { findings: Array<{ ruleId: string; status: string; resource: { file: string; line: number } }> };
    expect(report.findings).toContainEqual(expect.objectContaining({ ruleId: 'NET-001', status: 'fail', resource: expect.objectContaining({ file: 'open.yaml', line: 8 }) }));
    const closed = run(npx, ['--no-install', 'stackaudit', 'scan', 'closed.yaml'], consumer);
    expect(ownStderr(closed)).toBe('');
    expect(closed.status).toBe(0);
  });

  it('imports from ESM: scanTemplates, RULES and the CDK plugin (without aws-cdk-lib installed)', () => {
    writeFileSync(
      join(consumer, 'use.mjs'),
      `import { scanTemplates, RULES, StackauditValidation, VERSION } from 'stackaudit';
const report = scanTemplates(['open.yaml']);
const plugin = new StackauditValidation({ failOn: 'critical' });
const cdk = plugin.validate({ templatePaths: ['open.yaml'] });
console.log(JSON.stringify({ rules: RULES.length, version: VERSION, fail: report.findings.filter((f) => f.status === 'fail').map((f) => f.ruleId), gate: report.summary.gateFailed, cdkSuccess: cdk.success }));
`,
    );
    const r = run(process.execPath, ['use.mjs'], consumer);
    expect(ownStderr(r)).toBe('');
    expect(r.status).toBe(0);
    const out = JSON.parse(r.stdout) as { rules: number; version: string; fail: string[]; gate: boolean; cdkSuccess: boolean };
    expect(out).toMatchObject({ version: pkg.version, gate: true, cdkSuccess: false });
    expect(out.rules).toBeGreaterThan(40);
    expect(out.fail).toContain('NET-001');
  });

  it('type-checks a consumer with NodeNext resolution against the shipped declarations', () => {
    writeFileSync(
      join(consumer, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          target: 'ES2022',
          module: 'NodeNext',
          moduleResolution: 'NodeNext',
          strict: true,
          noEmit: true,
          // The consumer has @types/node (ours), but not aws-cdk-lib: the shipped declarations
          // must not name the optional peer, even when libraries are type-checked.
          skipLibCheck: false,
          typeRoots: [join(root, 'node_modules', '@types')],
          types: ['node'],
        },
        files: ['check.ts'],
      }),
    );
    writeFileSync(
      join(consumer, 'check.ts'),
      `import { scanTemplates, RULES, StackauditValidation, type Report, type Severity, type RuleMeta } from 'stackaudit';
const report: Report = scanTemplates(['open.yaml'], { failOn: 'high' });
const failed: number = report.summary.fail;
const severity: Severity = report.findings[0]?.severity ?? 'info';
const metas: readonly RuleMeta[] = RULES.map((r) => r.meta);
const ids: string[] = new StackauditValidation({ failOn: 'critical' }).ruleIds;
// @ts-expect-error failOn takes a severity: if the types resolved to any, this line would not be an error
scanTemplates([], { failOn: 'severe' });
export { failed, severity, metas, ids };
`,
    );
    const r = run(process.execPath, [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], consumer);
    expect(r.stdout + r.stderr).toBe('');
    expect(r.status).toBe(0);
  });
});
