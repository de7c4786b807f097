// npm run bundle: the CLI as one CommonJS bundle (dist/bin/cli.js), its launcher
// (dist/bin/main.js, the package's bin) and a V8 code cache made by a warm-up scan of the
// bundled fixtures. Run after tsc (the bundle reads the price catalog from dist/cost).
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(root, 'dist', 'bin');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });

await build({
  entryPoints: [join(root, 'src/cli/main.ts')],
  outfile: join(out, 'cli.js'),
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  // Loaded only by the commands that need them (audit, --live-pricing, config files, the CDK
  // plugin), from node_modules; js-yaml is bundled so that the code cache covers it.
  external: ['@aws-sdk/*', '@smithy/*', 'zod', 'aws-cdk-lib', 'constructs'],
  // import() of those stays lazy as a require (vm scripts have no ESM loader).
  supported: { 'dynamic-import': false },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  define: { 'import.meta.url': 'importMetaUrl' },
  // A smaller script is read, hashed and compiled faster (measured: a cold scan about 10 % faster).
  // No output depends on function names; errors are printed as one line, never as a stack.
  minify: true,
  logLevel: 'warning',
});
// The launcher is the executable; the bundle is loaded as a script body, where a #! line is a syntax error.
const cli = join(out, 'cli.js');
writeFileSync(cli, readFileSync(cli, 'utf8').replace(/^#!.*\n/, ''));
// dist/bin holds CommonJS inside a "type": "module" package.
writeFileSync(join(out, 'package.json'), '{ "type": "commonjs" }\n');
copyFileSync(join(root, 'scripts/bin/launcher.cjs'), join(out, 'main.js'));
chmodSync(join(out, 'main.js'), 0o755);

// Warm-up: scan and price the bundled seeds once; the launcher writes the code cache at exit.
const warm = spawnSync(process.execPath, [join(out, 'main.js'), 'scan', 'fixtures/seeds', '--format', 'json', '--output', join(out, '.warmup.json'), '--fail-on', 'none'], {
  cwd: root,
  env: { ...process.env, STACKAUDIT_WRITE_CODE_CACHE: '1', NO_COLOR: '1' },
  stdio: ['ignore', 'ignore', 'inherit'],
});
rmSync(join(out, '.warmup.json'), { force: true });
if (warm.status !== 0) {
  console.error(`bundle: the warm-up scan exited ${warm.status}; dist/bin has no code cache`);
  rmSync(join(out, 'cli.js.cache'), { force: true });
}
