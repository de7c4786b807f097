import { mkdtempSync, writeFileSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';

const root = resolve(__dirname, '../..');

async function run(args: string[], cwd = root) {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTty: false, stderrIsTty: false, env: {} };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const tmp = mkdtempSync(join(tmpdir(), 'stackaudit-cli-'));
const write = (name: string, text: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const clean = write('clean.yaml', "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, SourceSecurityGroupId: sg-1 }\n      SecurityGroupEgress:\n        - { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.0.0.0/8 }\n");
const open = write('open.yaml', "Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n");

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
    expect(f).toMatchObject({ ruleId: 'NET-001', ruleName: 'ssh-single-host', severity: 'critical', status: 'fail', resource: { id: 'Sg', type: 'AWS::EC2::SecurityGroup', line: 7 } });
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
    const t = write('param.yaml', "Parameters:\n  Cidr:\n    Type: String\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref Cidr }\n");
    const params = write('params.json', JSON.stringify([{ ParameterKey: 'Cidr', ParameterValue: '0.0.0.0/0' }]));
    const out = join(tmp, 'out.json');
    const r = await run(['scan', t, '--parameters', params, '--format', 'json', '--output', out]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(JSON.parse(readFileSync(out, 'utf8')).findings.map((f: { ruleId: string }) => f.ruleId)).toContain('NET-001');
  });
});
