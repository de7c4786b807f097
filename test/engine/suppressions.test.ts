// Suppressions end to end: inline (resource Metadata) and config (logical id, glob, tag),
// through the engine, every reporter and the CLI gate.

import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
import { effectiveConfig } from '../../src/engine/config.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import type { Finding } from '../../src/model/finding.js';

/** A security group with SSH from anywhere: NET-001, critical, fails the default gate. */
function sshGroup(id: string, extra = ''): string {
  return `  ${id}:
    Type: AWS::EC2::SecurityGroup
${extra}    Properties:
      GroupDescription: ${id}
      VpcId: vpc-0123456789abcdef0
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }
`;
}

function inline(suppress: string): string {
  return `    Metadata:
      stackaudit:
        suppress:
${suppress}`;
}

const REASONS = {
  inline: 'bastion until the VPN lands',
  byId: 'legacy host, decommissioned in Q3',
  byGlob: 'jump hosts are behind the corporate VPN',
  byTag: 'owned by the web team, reviewed monthly',
};

const SUPPRESSED_TEMPLATE = `Resources:
${sshGroup('Bastion', inline(`          - { id: NET-001, reason: '${REASONS.inline}', expires: '2099-01-31' }\n          - { id: NET-002, reason: 'no backend port here yet' }\n`))}${sshGroup('Legacy')}${sshGroup('JumpHostA')}${sshGroup('JumpHostB')}${sshGroup(
  'Tagged',
).replace('      SecurityGroupIngress:', '      Tags: [{ Key: Owner, Value: team=web }]\n      SecurityGroupIngress:')}`;

const SUPPRESSED_CONFIG = `suppressions:
  - { rule: NET-001, resource: Legacy, reason: '${REASONS.byId}', expires: 2099-12-31 }
  - { rule: NET-001, resource: 'Jump*', reason: '${REASONS.byGlob}' }
  - { rule: NET-001, resource: 'tag:Owner=team=web', reason: '${REASONS.byTag}' }
  - { rule: S3-003, resource: NoSuchBucket, reason: 'nothing matches this one' }
`;

let dir: string;
const file = (name: string, text: string) => {
  const p = join(dir, name);
  writeFileSync(p, text);
  return p;
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'stackaudit-suppressions-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function cli(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd: dir, stdoutIsTty: false, stderrIsTty: false, env: { NO_COLOR: '1' } };
  const code = await main(args, io);
  return { code, stdout, stderr };
}

const net001 = (findings: readonly Finding[]) => findings.filter((f) => f.ruleId === 'NET-001');

describe('suppressed findings in every output, and the gate', () => {
  let template: string;
  let config: string;
  beforeAll(() => {
    template = file('suppressed.yaml', SUPPRESSED_TEMPLATE);
    config = file('suppressed.config.yaml', SUPPRESSED_CONFIG);
  });

  it('JSON: each finding is suppressed with its reason and source; exit 0', async () => {
    const { code, stdout, stderr } = await cli(['scan', template, '--config', config, '--format', 'json']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { findings: Finding[]; notes: string[]; summary: { fail: number; suppressed: number; gateFailed: boolean } };
    const byId = Object.fromEntries(net001(report.findings).map((f) => [f.resource.id, f]));
    expect(Object.keys(byId).sort()).toEqual(['Bastion', 'JumpHostA', 'JumpHostB', 'Legacy', 'Tagged']);
    expect(byId['Bastion']).toMatchObject({ status: 'suppressed', suppression: { reason: REASONS.inline, source: 'inline', expires: '2099-01-31' } });
    expect(byId['Legacy']).toMatchObject({ status: 'suppressed', suppression: { reason: REASONS.byId, source: 'config', expires: '2099-12-31' } });
    expect(byId['JumpHostA']).toMatchObject({ status: 'suppressed', suppression: { reason: REASONS.byGlob, source: 'config' } });
    expect(byId['JumpHostB']).toMatchObject({ status: 'suppressed', suppression: { reason: REASONS.byGlob, source: 'config' } });
    // The tag value itself contains '=': the pattern splits at the first '=' only.
    expect(byId['Tagged']).toMatchObject({ status: 'suppressed', suppression: { reason: REASONS.byTag, source: 'config' } });
    expect(report.summary).toMatchObject({ fail: 0, suppressed: 5, gateFailed: false });
    // Unused suppressions, inline and config, are notes.
    expect(report.notes).toEqual(
      expect.arrayContaining([expect.stringMatching(/unused suppression of NET-002 on .*suppressed\.yaml Bastion/), 'unused config suppression of S3-003 for NoSuchBucket']),
    );
    expect(report.notes.filter((n) => /NET-001/.test(n))).toEqual([]);
  });

  it('SARIF: results carry a suppressions entry with the justification; exit 0', async () => {
    const { code, stdout } = await cli(['scan', template, '--config', config, '--format', 'sarif']);
    expect(code).toBe(0);
    const sarif = JSON.parse(stdout) as {
      runs: Array<{ results: Array<{ ruleId: string; suppressions?: Array<{ kind: string; status: string; justification: string }> }> }>;
    };
    const results = sarif.runs[0]!.results.filter((r) => r.ruleId === 'NET-001');
    expect(results).toHaveLength(5);
    const suppressions = results.map((r) => r.suppressions);
    expect(suppressions.every((s) => s?.length === 1 && s[0]!.status === 'accepted')).toBe(true);
    expect(suppressions.map((s) => `${s![0]!.kind}: ${s![0]!.justification}`).sort()).toEqual(
      [`external: ${REASONS.byGlob}`, `external: ${REASONS.byGlob}`, `external: ${REASONS.byId}`, `external: ${REASONS.byTag}`, `inSource: ${REASONS.inline}`].sort(),
    );
  });

  it('JUnit: suppressed cases pass and say why; exit 0', async () => {
    const { code, stdout } = await cli(['scan', template, '--config', config, '--format', 'junit']);
    expect(code).toBe(0);
    const cases = stdout
      .split('<testcase')
      .slice(1)
      .filter((c) => /classname="NET-001"/.test(c));
    expect(cases).toHaveLength(5);
    for (const c of cases) expect(c).not.toMatch(/<failure/);
    for (const reason of Object.values(REASONS)) expect(stdout).toContain(`<system-out>suppressed: ${reason}</system-out>`);
  });

  it('text: suppressed lines show the reason, the notes list unused suppressions; exit 0', async () => {
    const { code, stdout } = await cli(['scan', template, '--config', config]);
    expect(code).toBe(0);
    for (const reason of Object.values(REASONS)) expect(stdout).toMatch(new RegExp(`NET-001 .* ${reason.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\((inline|config)`));
    expect(stdout).toContain('unused config suppression of S3-003 for NoSuchBucket');
    expect(stdout).toMatch(/unused suppression of NET-002 on .*Bastion/);
    expect(stdout).toMatch(/5 suppressed/);
  });

  it('without the config, the config-suppressed findings fail the gate again', async () => {
    const { code, stdout } = await cli(['scan', template, '--format', 'json']);
    expect(code).toBe(1);
    const findings = net001((JSON.parse(stdout) as { findings: Finding[] }).findings);
    expect(
      findings
        .filter((f) => f.status === 'fail')
        .map((f) => f.resource.id)
        .sort(),
    ).toEqual(['JumpHostA', 'JumpHostB', 'Legacy', 'Tagged']);
  });
});

describe('expired, reasonless and malformed suppressions do not suppress', () => {
  it('an expired config suppression: the finding fails, the gate fails, a note says so', async () => {
    const template = file('expired-config.yaml', `Resources:\n${sshGroup('Legacy')}`);
    const config = file('expired.config.yaml', `suppressions:\n  - { rule: NET-001, resource: Legacy, reason: 'was temporary', expires: 2020-01-31 }\n`);
    const { code, stdout } = await cli(['scan', template, '--config', config, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: Finding[]; notes: string[] };
    expect(net001(report.findings)).toEqual([expect.objectContaining({ status: 'fail' })]);
    expect(net001(report.findings)[0]!.suppression).toBeUndefined();
    expect(report.notes).toContain('config suppression of NET-001 for Legacy expired on 2020-01-31');
  });

  it('an expired inline suppression: the finding fails, the gate fails, a note says so', async () => {
    const template = file('expired-inline.yaml', `Resources:\n${sshGroup('Old', inline(`          - { id: NET-001, reason: 'was a bastion', expires: 2020-01-31 }\n`))}`);
    const { code, stdout } = await cli(['scan', template, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: Finding[]; notes: string[] };
    expect(net001(report.findings).map((f) => f.status)).toEqual(['fail']);
    expect(report.notes).toEqual(expect.arrayContaining([expect.stringMatching(/suppression of NET-001 on .*expired-inline\.yaml Old expired on 2020-01-31/)]));
  });

  it('expiry follows the config date: from the expiry day on, the suppression no longer applies', () => {
    const template = file('today.yaml', `Resources:\n${sshGroup('Legacy')}`);
    const suppressions = [{ rule: 'NET-001', resource: 'Legacy', reason: 'until June', expires: '2026-06-01' }];
    const status = (today: string) => net001(scanTemplates([template], { config: effectiveConfig({ suppressions }, today) }).findings).map((f) => f.status);
    expect(status('2026-05-31')).toEqual(['suppressed']);
    expect(status('2026-06-01')).toEqual(['fail']);
    expect(status('2026-06-02')).toEqual(['fail']);
  });

  it('an inline suppression without a reason is ignored, with a note', async () => {
    const template = file('reasonless.yaml', `Resources:\n${sshGroup('Open', inline(`          - { id: NET-001 }\n          - { id: NET-001, reason: '   ' }\n`))}`);
    const { code, stdout } = await cli(['scan', template, '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as { findings: Finding[]; notes: string[] };
    expect(net001(report.findings).map((f) => f.status)).toEqual(['fail']);
    expect(report.notes.filter((n) => /suppression of NET-001 on .*reasonless\.yaml Open has no reason, so it is ignored/.test(n))).toHaveLength(2);
  });

  it('an inline suppression whose expires is not a date is ignored, with a note (it must not suppress forever)', () => {
    const template = file('bad-expiry.yaml', `Resources:\n${sshGroup('Open', inline(`          - { id: NET-001, reason: 'soon', expires: '31/12/2099' }\n`))}`);
    const report = scanTemplates([template], { config: effectiveConfig({}, '2026-01-01') });
    expect(net001(report.findings).map((f) => f.status)).toEqual(['fail']);
    expect(report.notes).toEqual(expect.arrayContaining([expect.stringMatching(/suppression of NET-001 on .*Open has expires 31\/12\/2099, not a date/)]));
  });

  it('a config suppression without a reason is an error naming its path (exit 2), not a silent skip', async () => {
    const template = file('noreason-config.yaml', `Resources:\n${sshGroup('Legacy')}`);
    const config = file('noreason.config.yaml', `suppressions:\n  - { rule: NET-001, resource: Legacy, reason: '' }\n`);
    const { code, stderr } = await cli(['scan', template, '--config', config]);
    expect(code).toBe(2);
    expect(stderr).toMatch(/noreason\.config\.yaml(:\d+)?: suppressions\[0\]\.reason: a suppression needs a reason/);
    expect(stderr.trim().split('\n')).toHaveLength(1);
  });
});

describe('tag suppressions match tags as deployed', () => {
  it('a tag whose value is a parameter reference matches its resolved value', async () => {
    const { scanText } = await import('../helpers/scan.js');
    const yaml = `Parameters:
  Env:
    Type: String
    Default: staging
Resources:
  Logs:
    Type: AWS::Logs::LogGroup
    Properties:
      Tags:
        - { Key: Environment, Value: !Ref Env }
`;
    const suppressed = scanText(yaml, { configFile: { suppressions: [{ rule: 'OBS-001', resource: 'tag:Environment=staging', reason: 'short-lived' }] } });
    expect(suppressed.findings.filter((f) => f.ruleId === 'OBS-001').map((f) => f.status)).toEqual(['suppressed']);
    const other = scanText(yaml, { configFile: { suppressions: [{ rule: 'OBS-001', resource: 'tag:Environment=prod', reason: 'x' }] } });
    expect(other.findings.filter((f) => f.ruleId === 'OBS-001').map((f) => f.status)).toEqual(['fail']);
  });
});
