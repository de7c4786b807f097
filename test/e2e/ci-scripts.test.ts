// The action's shell steps and the pre-commit hook's entry, run as GitHub and pre-commit run
// them: bash scripts with the action's environment, the built binary, real pipes and FIFOs.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const bin = join(root, 'dist/bin/main.js');
if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (\`npm test\` does)`);
const TIMEOUT = 120_000;

const work = mkdtempSync(join(tmpdir(), 'stackaudit-ci-'));
const put = (name: string, text: string) => {
  writeFileSync(join(work, name), text);
  return join(work, name);
};
const open = put(
  'open.yaml',
  'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n',
);
const clean = put('clean.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30\n");
put('package.json', '{"name": "app", "version": "1.0.0"}');

/** Runs an action script as a step would: bash, the env the step gives, a fresh $GITHUB_OUTPUT. */
function step(script: string, env: Record<string, string>, args: string[] = []) {
  const output = join(mkdtempSync(join(tmpdir(), 'stackaudit-out-')), 'github_output');
  writeFileSync(output, '');
  const r = spawnSync('bash', [join(root, 'scripts/ci', script), ...args], {
    cwd: work,
    encoding: 'utf8',
    timeout: TIMEOUT,
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', GITHUB_OUTPUT: output, ...env },
  });
  const outputs = Object.fromEntries(
    readFileSync(output, 'utf8')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

describe('the action steps', () => {
  it('install.sh uses the checkout it is given and reports the CLI path (no reinstall when built)', () => {
    const r = step('install.sh', { GITHUB_ACTION_PATH: root });
    expect(r.status, r.stderr).toBe(0);
    expect(r.outputs['bin']).toBe(bin);
  });

  it('scan.sh writes SARIF and the log format from one scan, never fails the step, and records the exit code', () => {
    const r = step('scan.sh', {
      STACKAUDIT_BIN: bin,
      INPUT_PATH: 'open.yaml clean.yaml',
      INPUT_FAIL_ON: 'high',
      INPUT_FORMAT: 'text',
      INPUT_SARIF_FILE: 'out.sarif',
      INPUT_CONFIG: '',
      INPUT_ARGS: '',
    });
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ 'exit-code': '1', 'sarif-file': 'out.sarif' });
    expect(r.stdout).toContain('CRITICAL  NET-001');
    expect(JSON.parse(readFileSync(join(work, 'out.sarif'), 'utf8')).runs[0].results.some((x: { ruleId: string }) => x.ruleId === 'NET-001')).toBe(true);
  });

  it('scan.sh passes extra args, and a path with shell syntax is a path, never run', () => {
    put('$(touch${IFS}pwned).yaml', readFileSync(clean, 'utf8'));
    const r = step('scan.sh', {
      STACKAUDIT_BIN: bin,
      INPUT_PATH: '$(touch${IFS}pwned).yaml',
      INPUT_FAIL_ON: 'high',
      INPUT_FORMAT: 'json',
      INPUT_SARIF_FILE: '',
      INPUT_CONFIG: '',
      INPUT_ARGS: '--skip-check OBS-*',
    });
    expect(r.outputs['exit-code']).toBe('0');
    expect(existsSync(join(work, 'pwned'))).toBe(false);
    expect(JSON.parse(r.stdout).summary.inputs).toBe(1);
  });

  it('cost.sh writes the Markdown for the comment and records the exit code', () => {
    const r = step('cost.sh', { STACKAUDIT_BIN: bin, INPUT_PATH: 'open.yaml', INPUT_COST_PATH: '', INPUT_USAGE: '', INPUT_BUDGET: '', COST_FILE: join(work, 'cost.md') });
    expect(r.status).toBe(0);
    expect(r.outputs['exit-code']).toBe('0');
    expect(r.outputs['file']).toBe(join(work, 'cost.md'));
    expect(readFileSync(join(work, 'cost.md'), 'utf8').length).toBeGreaterThan(10);
  });

  it("gate.sh fails the job with the scan's exit code", () => {
    for (const [code, status] of [
      ['0', 0],
      ['1', 1],
      ['2', 2],
      ['', 2],
    ] as const) {
      const r = step('gate.sh', { SCAN_EXIT_CODE: code });
      expect(r.status, code).toBe(status);
      if (status !== 0) expect(r.stdout).toContain('::error title=stackaudit::');
    }
  });

  it('pr-comment.mjs outside a pull request says so and succeeds', () => {
    const md = put('c.md', '## cost');
    const r = spawnSync(process.execPath, [join(root, 'scripts/ci/pr-comment.mjs'), md], { encoding: 'utf8', timeout: TIMEOUT, env: { PATH: process.env['PATH'] ?? '' } });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain('not a pull request');
  });
});

describe('the pre-commit hook entry through the real binary', () => {
  const hook = (load(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string }[]).find((h) => h.id === 'stackaudit')!;
  const [, ...args] = hook.entry.split(/\s+/);
  const run = (files: string[]) => spawnSync(process.execPath, [bin, ...args, ...files], { cwd: work, encoding: 'utf8', timeout: TIMEOUT });

  it('package.json and a clean template: exit 0, nothing on stderr', () => {
    const r = run(['package.json', 'clean.yaml']);
    expect(r.status, r.stdout + r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('a template with a finding fails the commit', () => {
    expect(run(['package.json', 'open.yaml']).status).toBe(1);
  });
});

describe('special inputs through the real binary', () => {
  it('a template piped on stdin', () => {
    const r = spawnSync(process.execPath, [bin, 'scan', '-', '--format', 'json'], { input: readFileSync(open), encoding: 'utf8', timeout: TIMEOUT });
    expect(r.status).toBe(1);
    expect(JSON.parse(r.stdout).findings[0].resource.file).toBe('<stdin>');
  });

  it('a FIFO as --config, --parameters or --baseline is refused at once, never a hang', () => {
    const fifo = join(work, 'fifo');
    const mk = spawnSync('mkfifo', [fifo]);
    if (mk.status !== 0) return; // no mkfifo on this platform
    for (const opt of ['--config', '--parameters', '--baseline']) {
      const started = Date.now();
      const r = spawnSync(process.execPath, [bin, 'scan', open, opt, fifo], { encoding: 'utf8', timeout: 60_000 });
      expect(r.status, `${opt}: ${r.stderr}`).toBe(2);
      expect(r.stderr).toMatch(/named pipe/);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(Date.now() - started).toBeLessThan(60_000);
    }
  });
});
