import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const root = resolve(__dirname, '../..');

async function run(args: string[], cwd = root, extra: Partial<CliIo> = {}) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTty: false, stderrIsTty: false, env: {}, ...extra };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

/** stderr must be whole lines, each starting `stackaudit: `, with no stack trace. */
function expectCleanStderr(stderr: string, lines: number): void {
  const ls = stderr.split('\n');
  expect(ls.pop()).toBe('');
  expect(ls, stderr).toHaveLength(lines);
  for (const l of ls) expect(l).toMatch(/^stackaudit: /);
  expect(stderr).not.toMatch(/\n\s+at /);
}

const tmp = mkdtempSync(join(tmpdir(), 'stackaudit-cli-'));
const write = (name: string, text: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const clean = write(
  'clean.yaml',
  'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: sg-1 }\n      SecurityGroupEgress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }\n',
);
const open = write(
  'open.yaml',
  'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n',
);

describe('exit codes', () => {
  it('0 when nothing is at or above --fail-on', async () => {
    expect((await run(['scan', clean])).code).toBe(0);
  });
  it('1 when a finding is at or above --fail-on (default high)', async () => {
    const r = await run(['scan', open]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/NET-001/);
  });
  it('--fail-on none never fails on findings; --fail-on critical still does for NET-001', async () => {
    expect((await run(['scan', open, '--fail-on', 'none'])).code).toBe(0);
    expect((await run(['scan', open, '--fail-on', 'critical'])).code).toBe(1);
  });
  it('2 for a bad input, while the good input is still reported', async () => {
    const r = await run(['scan', open, join(root, 'fixtures/bad/duplicate-keys.yaml'), '--format', 'json']);
    expect(r.code).toBe(2);
    const json = JSON.parse(r.stdout);
    expect(json.findings.map((f: { ruleId: string }) => f.ruleId)).toContain('NET-001');
    expect(json.errors).toHaveLength(1);
    expect(json.errors[0].file).toMatch(/duplicate-keys\.yaml$/);
    expect(json.errors[0].line).toBeGreaterThan(0);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });
  it('2 for usage errors, one line', async () => {
    for (const args of [['scan', open, '--format', 'xml'], ['scan', '--bogus'], ['frobnicate'], ['scan', open, '--fail-on', 'urgent']]) {
      const r = await run(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.trim().split('\n'), args.join(' ')).toHaveLength(1);
      expect(r.stderr).not.toMatch(/\n\s+at /);
    }
  });
  it('2 when no template is found', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-empty-'));
    expect((await run(['scan', dir])).code).toBe(2);
  });
});

describe('JSON contract (DESIGN.md)', () => {
  it('has tool, findings with the contract fields, errors and summary', async () => {
    const r = await run(['scan', open, '--format', 'json']);
    const json = JSON.parse(r.stdout);
    expect(json.tool).toEqual({ name: 'stackaudit', version: expect.any(String) });
    const f = json.findings.find((x: { ruleId: string }) => x.ruleId === 'NET-001');
    expect(f).toMatchObject({
      ruleId: 'NET-001',
      ruleName: 'ssh-single-host',
      severity: 'critical',
      status: 'fail',
      resource: { id: 'Sg', type: 'AWS::EC2::SecurityGroup', line: 7 },
    });
    expect(f.resource.file).toMatch(/open\.yaml$/);
    expect(json.errors).toEqual([]);
    expect(json.summary).toMatchObject({ fail: expect.any(Number), resources: 1 });
  });
});

describe('cdk.out', () => {
  it('resolves Fn::ImportValue across the stacks of one assembly', async () => {
    const r = await run(['scan', join(root, 'fixtures/cdk/minimal.out'), '--format', 'json', '--fail-on', 'none']);
    expect(r.code).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'NET-001')).toMatchObject({ resource: { id: 'WebSg5B9C1D2E', stack: 'NetworkStack' } });
  });
});

describe('rules', () => {
  it('lists every rule with id, name, severity and title', async () => {
    const r = await run(['rules']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^NET-001\s+ssh-single-host\s+critical\s+Remote administration/m);
    expect(r.stdout).toMatch(/^NET-006/m);
  });
});

describe('baseline', () => {
  it('hides findings already in an earlier report and gates only new ones', async () => {
    const before = await run(['scan', open, '--format', 'json']);
    const base = write('baseline.json', before.stdout);
    const r = await run(['scan', open, '--format', 'json', '--baseline', base]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout).findings).toEqual([]);
  });
});

describe('--output and parameters', () => {
  it('writes the report to a file and reads --parameters JSON', async () => {
    const t = write(
      'param.yaml',
      'Parameters:\n  Cidr:\n    Type: String\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr }\n',
    );
    const params = write('params.json', JSON.stringify([{ ParameterKey: 'Cidr', ParameterValue: '0.0.0.0/0' }]));
    const out = join(tmp, 'out.json');
    const r = await run(['scan', t, '--parameters', params, '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('NET-001');
  });
});

describe('option errors name the option, with a did-you-mean', () => {
  it.each([
    [['scan', open, '--fromat', 'json'], 'unknown option --fromat (did you mean --format?)'],
    [['scan', open, '--format', 'jsno'], '--format must be one of text, json, sarif, junit, markdown (got jsno) (did you mean json?)'],
    [['scan', open, '--fail-on', 'hihg'], '(did you mean high?)'],
    [['scan', open, '--format'], '--format needs a value'],
    [['scan', open, '--quiet=yes'], '--quiet takes no value'],
    [['scan', open, '-format', 'json'], 'unknown option -format (did you mean --format?)'],
    [['scna', open], 'unknown command "scna" (did you mean scan?)'],
    [['scan', open, '--check', 'NET-0001'], '--check NET-0001: matches no rule (did you mean NET-001?)'],
    [['scan', open, '--skip-check', 'NOPE-*'], '--skip-check NOPE-*: matches no rule'],
    [['scan', open, '--compact', '--verbose'], '--compact and --verbose'],
  ])('%j', async (args, message) => {
    const r = await run(args);
    expect(r.code).toBe(2);
    expectCleanStderr(r.stderr, 1);
    expect(r.stderr).toContain(message);
    expect(r.stdout).toBe('');
  });
});

describe('outputs: several in one run, format from the file name', () => {
  it('--output FILE infers sarif, json, junit and markdown from .sarif, .json, .xml, .md', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-out-'));
    for (const [name, check] of [
      ['r.sarif', (t: string) => expect(JSON.parse(t).version).toBe('2.1.0')],
      ['r.json', (t: string) => expect(JSON.parse(t).tool.name).toBe('stackaudit')],
      ['r.xml', (t: string) => expect(t).toMatch(/^<\?xml[\s\S]*<testsuites/)],
      ['r.md', (t: string) => expect(t).toMatch(/^## stackaudit/)],
      ['r.txt', (t: string) => expect(t).toMatch(/^Gate: /m)],
    ] as const) {
      const r = await run(['scan', open, '--output', join(dir, name)]);
      expect(r.code, name).toBe(1);
      expect(r.stdout).toBe('');
      check(readFileSync(join(dir, name), 'utf8'));
    }
  });

  it('--format still decides the format of a single --output FILE', async () => {
    const f = join(tmp, 'explicit.sarif');
    await run(['scan', open, '--format', 'json', '--output', f]);
    expect(JSON.parse(readFileSync(f, 'utf8')).findings).toBeDefined();
  });

  it('--output sarif=FILE --output text writes SARIF and prints text, from one scan', async () => {
    const f = join(tmp, 'both.sarif');
    const r = await run(['scan', open, '--output', `sarif=${f}`, '--output', 'text', '-o', `json=${join(tmp, 'both.json')}`]);
    expect(r.code).toBe(1);
    expect(r.stdout).toMatch(/CRITICAL {2}NET-001/);
    expect(JSON.parse(readFileSync(f, 'utf8')).runs[0].results.length).toBeGreaterThan(0);
    expect(JSON.parse(readFileSync(join(tmp, 'both.json'), 'utf8')).findings.length).toBeGreaterThan(0);
  });

  it('refuses two reports on stdout, one file named twice, and a --format no output uses', async () => {
    for (const [args, msg] of [
      [['--output', 'text', '--output', 'json'], 'only one report can go to stdout'],
      [['--output', 'a.json', '--output', 'json=a.json'], 'a.json is named twice'],
      [['--format', 'json', '--output', 'sarif=x.sarif'], '--format json applies to no output'],
    ] as const) {
      const r = await run(['scan', open, ...args], tmp);
      expect(r.code).toBe(2);
      expect(r.stderr).toContain(msg);
    }
  });
});

describe('choosing checks: --check, --skip-check, --skip-path', () => {
  const both = write(
    'two.yaml',
    'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n  Logs:\n    Type: AWS::Logs::LogGroup\n',
  );
  const ids = async (args: string[]) => {
    const r = await run(['scan', both, '--format', 'json', '--fail-on', 'none', ...args]);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    return { ids: [...new Set(json.findings.map((f: { ruleId: string }) => f.ruleId))].sort() as string[], json };
  };

  it('--check takes ids (any case), globs and lists; the summary counts only what is reported', async () => {
    const all = await ids([]);
    expect(all.ids).toEqual(expect.arrayContaining(['NET-001', 'OBS-001']));
    expect((await ids(['--check', 'net-001'])).ids).toEqual(['NET-001']);
    const net = await ids(['--check', 'NET-*']);
    expect(net.ids.every((i) => i.startsWith('NET-'))).toBe(true);
    expect(net.json.summary.fail).toBe(net.json.findings.filter((f: { status: string }) => f.status === 'fail').length);
    expect((await ids(['--check', 'NET-001,OBS-001'])).ids).toEqual(['NET-001', 'OBS-001']);
  });

  it('a severity in --check keeps that severity and above; in --skip-check drops it and below', async () => {
    const high = await ids(['--check', 'high']);
    expect(high.json.findings.every((f: { severity: string }) => ['critical', 'high'].includes(f.severity))).toBe(true);
    expect(high.ids).toContain('NET-001');
    const skipLow = await ids(['--skip-check', 'low']);
    expect(skipLow.json.findings.some((f: { severity: string }) => ['low', 'info'].includes(f.severity))).toBe(false);
    expect(skipLow.ids).not.toContain('OBS-001');
    expect((await ids(['--skip-check', 'NET-*'])).ids.some((i) => i.startsWith('NET-'))).toBe(false);
  });

  it('the gate judges what is reported: skipping the failing rule passes the run', async () => {
    expect((await run(['scan', open])).code).toBe(1);
    expect((await run(['scan', open, '--skip-check', 'NET-001,NET-003'])).code).toBe(0);
  });

  it('--skip-path leaves out files and folders by glob, like .gitignore', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-skip-'));
    mkdirSync(join(dir, 'infra', 'legacy'), { recursive: true });
    writeFileSync(join(dir, 'infra', 'app.yaml'), readFileSync(clean));
    writeFileSync(join(dir, 'infra', 'legacy', 'old.yaml'), readFileSync(open));
    writeFileSync(join(dir, 'infra', 'broken.yaml'), 'Resources: [');
    const all = await run(['scan', 'infra', '--format', 'json'], dir);
    expect(all.code).toBe(2);
    for (const glob of ['infra/legacy', 'legacy', 'infra/legacy/**', '**/old.yaml']) {
      const r = await run(['scan', 'infra', '--format', 'json', '--skip-path', glob, '--skip-path', 'broken.yaml'], dir);
      expect(r.code, glob).toBe(0);
      expect(JSON.parse(r.stdout).summary.inputs, glob).toBe(1);
      expect(JSON.parse(r.stdout).notes, glob).toContain('--skip-path left out 2 inputs');
    }
  });
});

describe('reading a template from stdin', () => {
  it('- reads the template from stdin and names it <stdin>', async () => {
    const stdin = async () => readFileSync(open);
    const r = await run(['scan', '-', clean, '--format', 'json'], root, { readStdin: stdin });
    expect(r.code).toBe(1);
    const json = JSON.parse(r.stdout);
    expect(json.summary.inputs).toBe(2);
    expect(json.findings.find((f: { ruleId: string }) => f.ruleId === 'NET-001').resource).toMatchObject({ file: '<stdin>', line: 7 });
  });

  it('a broken template on stdin is an input error naming <stdin> and its line', async () => {
    const r = await run(['scan', '-'], root, { readStdin: async () => Buffer.from('Resources:\n  A: {Type: x}\n  A: {Type: y}\n') });
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^stackaudit: <stdin>:3(:\d+)?: duplicate key/);
  });

  it('stdin over the size limit is an input error, not a crash', async () => {
    const r = await run(['scan', '-'], root, {
      readStdin: async () => {
        throw new Error('standard input is over the 64 MB limit');
      },
    });
    expect(r.code).toBe(2);
    expectCleanStderr(r.stderr, 1);
    expect(r.stderr).toContain('<stdin>: standard input is over the 64 MB limit');
  });
});

describe('--soft-fail, --quiet, --compact, --verbose and colour', () => {
  it('--soft-fail reports the findings and exits 0; input errors still exit 2', async () => {
    const r = await run(['scan', open, '--soft-fail']);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('→ exit 0 (--soft-fail)');
    expect((await run(['scan', open, join(root, 'fixtures/bad/duplicate-keys.yaml'), '--soft-fail'])).code).toBe(2);
  });

  it('--quiet prints failures and the verdict only', async () => {
    const r = await run(['scan', join(root, 'fixtures/seeds/001-etf-tracker.yaml'), '--quiet']);
    expect(r.stdout).toContain('CRITICAL  NET-002');
    expect(r.stdout).not.toMatch(/Not evaluated|^Next:/m);
  });

  it('colour only on a terminal, and never with NO_COLOR', async () => {
    const tty = { stdoutIsTty: true, columns: 100 };
    expect((await run(['scan', open], root, tty)).stdout).toContain('\u001b[');
    expect((await run(['scan', open], root, { ...tty, env: { NO_COLOR: '1' } })).stdout).not.toContain('\u001b[');
    expect((await run(['scan', open])).stdout).not.toContain('\u001b[');
    // Text written to a file has no colour even on a terminal.
    const f = join(tmp, 'coloured.txt');
    await run(['scan', open, '--output', f], root, tty);
    expect(readFileSync(f, 'utf8')).not.toContain('\u001b[');
  });

  it("the text report of the seeds fits 120 columns, and a terminal's width when narrower", async () => {
    const seeds = join(root, 'fixtures/seeds');
    const cases = [
      [{}, 120, []],
      [{}, 120, ['--verbose']],
      [{ stdoutIsTty: true, columns: 100, env: { NO_COLOR: '1' } }, 100, ['--compact']],
      [{ stdoutIsTty: true, columns: 100, env: { NO_COLOR: '1' } }, 100, []],
    ] as const;
    for (const [extra, limit, flags] of cases) {
      const r = await run(['scan', seeds, ...flags], root, extra);
      const widest = Math.max(...r.stdout.split('\n').map((l) => Array.from(l).length));
      expect(widest, `${flags.join(' ')} ${limit}`).toBeLessThanOrEqual(limit);
    }
  });
});

describe('parameters', () => {
  const t = write(
    'param2.yaml',
    'Parameters:\n  AdminCidr:\n    Type: String\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }\n',
  );

  it('warns on stderr about a parameter no scanned template declares, with a did-you-mean', async () => {
    const r = await run(['scan', t, '--parameter', 'AdminCird=203.0.113.7/32', '--parameter', 'AdminCidr=203.0.113.7/32']);
    expect(r.code).toBe(0);
    expectCleanStderr(r.stderr, 1);
    expect(r.stderr).toContain('warning: parameter AdminCird is not declared by any scanned template (did you mean AdminCidr?)');
    expect(r.stderr).not.toContain('203.0.113.7');
  });

  it('a malformed --parameters file is an error naming the file and position, never echoing its values', async () => {
    const secret = 'hunter2-Sup3rS3cret';
    for (const text of [
      `[{"ParameterKey": "DbPassword", "ParameterValue": "${secret}"`,
      `{"DbPassword": "${secret}", oops}`,
      `{"DbPassword": {"nested": "${secret}"}}`,
      `[{"ParameterValue": "${secret}"}]`,
    ]) {
      const f = write('bad-params.json', text);
      const r = await run(['scan', t, '--parameters', f]);
      expect(r.code, text).toBe(2);
      expectCleanStderr(r.stderr, 1);
      expect(r.stderr).toContain('bad-params.json');
      expect(r.stderr).not.toContain(secret);
      expect(r.stdout).not.toContain(secret);
    }
  });

  it('--parameters from /dev/zero or a directory is refused before reading, not a hang', async () => {
    for (const f of ['/dev/zero', tmp]) {
      const r = await run(['scan', t, '--parameters', f]);
      expect(r.code).toBe(2);
      expect(r.stderr).toMatch(/not a regular file/);
    }
  });

  it('--parameter values never appear in a usage error', async () => {
    const r = await run(['scan', t, '--parameter', 'no-equals-sign-secret-value-that-is-long-enough-to-be-cut']);
    expect(r.code).toBe(2);
    expect(r.stderr).not.toContain('to-be-cut');
  });
});

describe('baseline files', () => {
  it('/dev/zero and non-reports are refused with one line', async () => {
    for (const [f, msg] of [
      ['/dev/zero', 'not a regular file'],
      [write('notreport.json', '{"a": 1}'), 'not a stackaudit JSON report'],
    ] as const) {
      const r = await run(['scan', open, '--baseline', f]);
      expect(r.code).toBe(2);
      expectCleanStderr(r.stderr, 1);
      expect(r.stderr).toContain(msg);
    }
  });
});

describe('stderr is escaped: a file name cannot forge lines or drive the terminal (issue 13)', () => {
  it('a template named with an OSC sequence and a newline gives one escaped stderr line', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-evil-'));
    const name = 'x\u001b]0;owned\u0007\nfake.yaml:1:1  CRITICAL  NET-001  all clear.yaml';
    writeFileSync(join(dir, name), 'Resources: [');
    const r = await run(['scan', dir], dir);
    expect(r.code).toBe(2);
    expectCleanStderr(r.stderr, 1);
    expect(r.stderr).toContain('\\x1b]0;owned\\x07\\nfake.yaml');
    expect(r.stderr).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stdout).not.toMatch(/[\u0000-\u0009\u000b-\u001f]/);
    expect(r.stdout.split('\n').filter((l) => l.startsWith('fake.yaml'))).toEqual([]);
  });

  it('an option value with control characters is escaped in the usage error', async () => {
    const r = await run(['scan', open, '--format', 'x\u001b[2J\ny']);
    expectCleanStderr(r.stderr, 1);
    expect(r.stderr).toContain('x\\x1b[2J\\ny');
  });
});

describe('--skip-non-templates (the pre-commit hook)', () => {
  it('skips named files that are not templates with a note; templates are still checked', async () => {
    const pkg = write('package.json', JSON.stringify({ name: 'x', version: '1.0.0' }));
    const tsconfig = write('tsconfig.json', '{ // comments are not JSON\n "compilerOptions": {} }');
    const compose = write('docker-compose.yml', 'services:\n  web: &web\n    image: x\n  worker: *web\n');
    const before = await run(['scan', pkg, clean]);
    expect(before.code).toBe(2);
    const r = await run(['scan', pkg, tsconfig, compose, clean, '--skip-non-templates', '--format', 'json']);
    expect(r.code, r.stderr).toBe(0);
    const json = JSON.parse(r.stdout);
    expect(json.summary.inputs).toBe(1);
    expect(json.notes.join('\n')).toMatch(/skipped .*package\.json: not a CloudFormation template/);
    expect(json.notes.join('\n')).toMatch(/skipped .*tsconfig\.json/);
    expect((await run(['scan', pkg, open, '--skip-non-templates'])).code).toBe(1);
  });

  it('only non-templates: exit 0 with nothing to check; a broken template still fails', async () => {
    const pkg = write('package2.json', '{"name": "y"}');
    expect((await run(['scan', pkg, '--skip-non-templates'])).code).toBe(0);
    const broken = write('broken-template.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  A: {Type: x}\n  A: {Type: y}\n');
    const r = await run(['scan', pkg, broken, '--skip-non-templates']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('duplicate key');
  });
});

describe('rules', () => {
  it('--format json prints id, name, severity, title and helpUri first, for every rule', async () => {
    const r = await run(['rules', '--format', 'json']);
    const list = JSON.parse(r.stdout) as Record<string, unknown>[];
    expect(list.length).toBeGreaterThan(40);
    for (const rule of list) {
      expect(Object.keys(rule).slice(0, 5)).toEqual(['id', 'name', 'severity', 'title', 'helpUri']);
      expect(rule['helpUri']).toBe(`https://github.com/stackaudit/stackaudit/blob/main/docs/rules/${String(rule['id'])}.md`);
    }
  });
});

describe('init', () => {
  it('writes a commented config with every option, never overwrites without --force', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-init-'));
    const r = await run(['init'], dir);
    expect(r.code).toBe(0);
    const file = join(dir, 'stackaudit.config.yaml');
    expect(existsSync(file)).toBe(true);
    expect((await run(['init'], dir)).code).toBe(2);
    expect((await run(['init', '--force'], dir)).code).toBe(0);
    // The written file is a valid config, and scanning with it gives the defaults' results.
    const a = await run(['scan', open, '--format', 'json'], dir);
    const b = await run(['scan', open, '--format', 'json', '--config', join(tmp, 'none.yaml')], dir);
    expect(a.code).toBe(1);
    expect(b.code).toBe(2);
    expect(JSON.parse(a.stdout).findings).toEqual(JSON.parse((await run(['scan', open, '--format', 'json'])).stdout).findings);
  });
});
