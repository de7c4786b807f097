// stackaudit.config.yaml: every mistake is an error that names the key (and line) with a
// did-you-mean; a file of comments is the defaults; special files never hang the run.
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { initConfigText } from '../../src/cli/init.js';
import { ConfigError, closest, configSchema, effectiveConfig, parseConfigText } from '../../src/engine/config.js';

const root = resolve(__dirname, '../..');
const open = join(root, 'fixtures/seeds/001-etf-tracker.yaml');

async function run(args: string[], cwd = root) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

function configError(text: string): ConfigError {
  try {
    parseConfigText(text, 'stackaudit.config.yaml', '2026-01-01');
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`no error for:\n${text}`);
}

describe('config validation', () => {
  it.each([
    ['backendport: [8000]\n', 'backendport: unknown key (did you mean backendPorts?)', 1],
    ['budget: 20\ntiers:\n  tagkeys: [Env]\n', 'tiers.tagkeys: unknown key (did you mean tagKeys?)', 3],
    ['rules:\n  NET-004: off\n  NET-040: off\n', 'rules.NET-040: unknown rule id (did you mean NET-004?)', 3],
    ['rules:\n  net-004: off\n', 'rules.net-004: unknown rule id (did you mean NET-004?)', 2],
    ['suppressions:\n  - { rule: S3-05, resource: x, reason: y }\n', 'suppressions[0].rule: unknown rule id S3-05 (did you mean S3-005?)', 2],
    ['suppressions:\n  - { rule: S3-005, resource: x }\n', 'suppressions[0].reason: a suppression needs a reason (missing)', 2],
    ['suppressions:\n  - { rule: S3-005, resource: x, reason: y, expire: 2027-01-01 }\n', 'suppressions[0].expire: unknown key (did you mean expires?)', 2],
    ['budget: "20"\n', 'budget: expected an amount in USD per month, got the string "20"', 1],
    ['budget: -5\n', 'budget: must be more than 0 (got the number -5)', 1],
    ['backendPorts: [8000, 99999]\n', 'backendPorts[1]: a port is 0–65535 (got the number 99999)', 1],
    ['rules:\n  NET-004: of\n', 'rules.NET-004: expected off, a severity', 2],
    ['failOn: hihg\n', 'failOn: expected a severity (critical, high, medium, low, info) or none', 1],
    ['tiers:\n  default: production\n', 'tiers.default: expected a tier: dev, staging or prod', 2],
    ['region: us-east\n', 'region: a region looks like us-east-1', 1],
    ['- rules\n', '(top level): the config must be a mapping', undefined],
    ['rules: {a: 1\n', 'invalid YAML', 2],
    ['a: 1\n---\nb: 2\n', 'several YAML documents', undefined],
  ])('%j', (text, message, line) => {
    const err = configError(text);
    expect(err.message).toContain(message);
    expect(err.line).toBe(line);
  });

  it('a file of only comments, or empty, is the default config (not an error)', () => {
    const defaults = effectiveConfig({}, '2026-01-01');
    expect(parseConfigText('# nothing here yet\n# budget: 20\n', 'c.yaml', '2026-01-01')).toEqual(defaults);
    expect(parseConfigText('', 'c.yaml', '2026-01-01')).toEqual(defaults);
    expect(parseConfigText('---\n', 'c.yaml', '2026-01-01')).toEqual(defaults);
  });

  it('a rule id in a config named `constructor` is just an unknown id (no prototype lookups)', () => {
    expect(configError('rules:\n  constructor: off\n').message).toContain('rules.constructor: unknown rule id');
    expect(configError('rules:\n  __proto__: off\n').message).toContain('unknown rule id');
  });

  it('did-you-mean only suggests plausible typos', () => {
    expect(closest('backendPort', ['backendPorts', 'budget'])).toBe('backendPorts');
    expect(closest('zzzzzz', ['backendPorts', 'budget'])).toBeUndefined();
    expect(closest('NET-0001', ['NET-001', 'DB-001'])).toBe('NET-001');
  });
});

describe('config files through the CLI', () => {
  it('names the file and line; exit 2; one stderr line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cfg-'));
    writeFileSync(join(dir, 'stackaudit.config.yaml'), '# team config\nrules:\n  NET-040: off\n');
    const r = await run(['scan', open], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('stackaudit: stackaudit.config.yaml:3: rules.NET-040: unknown rule id (did you mean NET-004?)\n');
  });

  it('/dev/zero, a directory, or a dangling default config is refused before reading (no hang, no abort)', async () => {
    for (const target of ['/dev/zero', tmpdir()]) {
      const r = await run(['scan', open, '--config', target]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cfg-'));
    symlinkSync('/dev/zero', join(dir, 'stackaudit.config.yaml'));
    const r = await run(['scan', open], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stackaudit: stackaudit.config.yaml: cannot read config file: it is a character device/);
    const dangling = mkdtempSync(join(tmpdir(), 'stackaudit-cfg-'));
    symlinkSync(join(dangling, 'missing'), join(dangling, 'stackaudit.config.yaml'));
    expect((await run(['scan', open], dangling)).code).toBe(2);
  });

  it('a config over 1 MB is refused', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cfg-'));
    writeFileSync(join(dir, 'big.yaml'), `# ${'x'.repeat(1024 * 1024 + 10)}\n`);
    const r = await run(['scan', open, '--config', join(dir, 'big.yaml')]);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/over the 1 MB limit/);
  });

  it('failOn, softFail, check, skipCheck and skipPath are CLI defaults; the command line wins', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cfg-'));
    const cfg = (text: string) => {
      writeFileSync(join(dir, 'stackaudit.config.yaml'), text);
    };
    cfg('failOn: none\n');
    expect((await run(['scan', open], dir)).code).toBe(0);
    expect((await run(['scan', open, '--fail-on', 'critical'], dir)).code).toBe(1);
    cfg('softFail: true\n');
    expect((await run(['scan', open], dir)).code).toBe(0);
    cfg('check: [COST-*]\n');
    const checked = JSON.parse((await run(['scan', open, '--format', 'json'], dir)).stdout);
    expect(checked.findings.every((f: { ruleId: string }) => f.ruleId.startsWith('COST-'))).toBe(true);
    cfg('skipCheck: [critical]\n');
    const skipped = JSON.parse((await run(['scan', open, '--format', 'json'], dir)).stdout);
    expect(skipped.findings.length).toBe(0);
    cfg('skipPath: ["**/001-*"]\n');
    expect((await run(['scan', open], dir)).stderr).toContain('no CloudFormation templates found');
    cfg('skipCheck: [NET-0002]\n');
    const bad = await run(['scan', open], dir);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('config skipCheck NET-0002: matches no rule (did you mean NET-002?)');
  });
});

describe('init', () => {
  const text = initConfigText();

  it('lists every key of the config schema, with its default', () => {
    const keys = Object.keys((configSchema() as unknown as { shape: Record<string, unknown> }).shape);
    expect(keys.length).toBeGreaterThan(10);
    for (const k of keys) expect(text, k).toMatch(new RegExp(`^# ${k}:`, 'm'));
    for (const k of ['tagKeys', 'parameterNames', 'default', 'targets']) expect(text).toMatch(new RegExp(`^#   ${k}:`, 'm'));
    expect(text).toContain('# backendPorts: [3000, 3001, 5000, 5002, 8000, 8080]');
    expect(text).toContain('#     prod: { rtoMinutes: 30, rpoMinutes: 5, backupRetentionDays: 35 }');
  });

  it('is valid as written (all commented out: the defaults), and valid with every option uncommented', () => {
    expect(parseConfigText(text, 'c.yaml', '2026-01-01')).toEqual(effectiveConfig({}, '2026-01-01'));
    const uncommented = text
      .split('\n')
      .filter((l) => /^# ( {2,})?([A-Za-z][\w-]*:(\s|$)|- )/.test(l))
      .map((l) => l.slice(2))
      .join('\n');
    const cfg = parseConfigText(uncommented, 'c.yaml', '2026-01-01');
    expect(cfg.budget).toBe(20);
    expect(cfg.suppressions).toHaveLength(2);
    expect(cfg.tiers.targets).toEqual(effectiveConfig({}, '2026-01-01').tiers.targets);
  });

  it('--output - prints it; --output writes elsewhere; a missing folder is one error line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-init-'));
    expect((await run(['init', '--output', '-'], dir)).stdout).toBe(text);
    mkdirSync(join(dir, 'conf'));
    expect((await run(['init', '--output', 'conf/sa.yaml'], dir)).code).toBe(0);
    const r = await run(['init', '--output', 'missing/sa.yaml'], dir);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('stackaudit: missing/sa.yaml: cannot write: ENOENT\n');
  });
});
