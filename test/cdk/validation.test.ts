import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App, CfnParameter, Stack, Validations, aws_ec2 as ec2 } from 'aws-cdk-lib';
import type { IPolicyValidationPlugin, IPolicyValidationPluginBeta1 } from 'aws-cdk-lib';
import { StackauditValidation, type StackauditValidationOptions } from '../../src/index.js';
import { effectiveConfig } from '../../src/engine/config.js';
import { RULES } from '../../src/rules/index.js';

// Compile-time: the plugin satisfies aws-cdk-lib's Beta1 and stable plugin interfaces
// without importing aws-cdk-lib itself (it is an optional peer dependency).
const asBeta1: IPolicyValidationPluginBeta1 = new StackauditValidation();
const asStable: IPolicyValidationPlugin = new StackauditValidation();

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** One small app: a security group whose ingress `peer` gets SSH. The built-in cfn-lint plugin is off to keep it fast. */
function sshApp(peer: (stack: Stack) => ec2.IPeer, edit?: (sg: ec2.SecurityGroup) => void) {
  const outdir = mkdtempSync(join(tmpdir(), 'stackaudit-cdk-'));
  dirs.push(outdir);
  const app = new App({ outdir, builtinCloudFormationValidation: false });
  const stack = new Stack(app, 'Net');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['us-east-1a'] });
  const sg = new ec2.SecurityGroup(stack, 'Admin', { vpc, description: 'admin access', allowAllOutbound: false });
  sg.addIngressRule(peer(stack), ec2.Port.tcp(22));
  edit?.(sg);
  return {
    app,
    outdir,
    logicalId: stack.getLogicalId(sg.node.defaultChild as ec2.CfnSecurityGroup),
    templatePath: join(outdir, `${stack.artifactId}.template.json`),
  };
}

function withPlugin(app: App, options?: StackauditValidationOptions): App {
  Validations.of(app).addPlugins(new StackauditValidation(options));
  return app;
}

interface WrittenReport {
  conclusion: string;
  metadata: Record<string, string>;
  violations: Array<{ ruleName: string; severity: string; description: string; ruleMetadata: Record<string, string> }>;
}

/** Our entry in cdk.out/validation-report.json; CDK leaves out a successful report with no violations. */
function pluginReport(outdir: string): WrittenReport | undefined {
  const report = JSON.parse(readFileSync(join(outdir, 'validation-report.json'), 'utf8')) as { pluginReports: Array<{ pluginName: string }> };
  return report.pluginReports.find((r) => r.pluginName === 'stackaudit') as WrittenReport | undefined;
}

describe('StackauditValidation in a real cdk synth', () => {
  // CDK prints every non-empty report (our not-evaluated "info" lines too) on stderr.
  beforeEach(() => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    return () => vi.restoreAllMocks();
  });

  it('describes itself: name, version, every rule id', () => {
    expect(asBeta1.name).toBe('stackaudit');
    expect(asStable.version).toMatch(/^\d+\.\d+\.\d+/);
    expect(asBeta1.ruleIds).toEqual(RULES.map((r) => r.meta.id));
    expect(asBeta1.ruleIds).toContain('NET-001');
  });

  it('fails synthesis on SSH from 0.0.0.0/0 (NET-001, critical)', () => {
    const { app, outdir } = sshApp(() => ec2.Peer.anyIpv4());
    withPlugin(app, { failOn: 'high' });
    // vitest sets NODE_ENV=test, so aws-cdk-lib runs "in memory" and throws with the report inside.
    expect(() => app.synth()).toThrow(/SSH \(port 22\) open to the internet[\s\S]*stackaudit::NET-001/);
    const report = pluginReport(outdir);
    expect(report?.conclusion).toBe('failure');
    expect(report?.violations.filter((v) => v.severity === 'error')).toEqual([
      expect.objectContaining({ ruleName: 'NET-001', ruleMetadata: { severity: 'critical', rule: 'ssh-single-host', status: 'fail' } }),
    ]);
  });

  it('synthesizes a clean stack (SSH from one /32)', () => {
    const { app, outdir } = sshApp(() => ec2.Peer.ipv4('203.0.113.7/32'));
    withPlugin(app, { failOn: 'high' });
    expect(() => app.synth()).not.toThrow();
    const report = pluginReport(outdir);
    expect(report?.conclusion ?? 'success').toBe('success');
    expect((report?.violations ?? []).filter((v) => v.severity !== 'info')).toEqual([]);
  });

  it('an inline stackaudit suppression in the resource Metadata lets synthesis pass', () => {
    const { app, outdir, templatePath } = sshApp(
      () => ec2.Peer.anyIpv4(),
      (sg) => (sg.node.defaultChild as ec2.CfnSecurityGroup).addMetadata('stackaudit', { suppress: [{ id: 'NET-001', reason: 'bastion, closed after the migration' }] }),
    );
    withPlugin(app);
    expect(() => app.synth()).not.toThrow();
    expect(pluginReport(outdir)?.violations.map((v) => v.ruleName) ?? []).not.toContain('NET-001');
    const direct = new StackauditValidation().validate({ templatePaths: [templatePath] });
    expect(direct.success).toBe(true);
    expect(direct.metadata?.['suppressed']).toBe('1');
  });

  it('a CDK acknowledgement of stackaudit::NET-001 on one group leaves the other failing', () => {
    const { app, outdir } = sshApp(
      () => ec2.Peer.anyIpv4(),
      (sg) => {
        const other = new ec2.SecurityGroup(sg.stack, 'Other', { vpc: sg.stack.node.findChild('Vpc') as ec2.IVpc, description: 'other', allowAllOutbound: false });
        other.addIngressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(22));
        Validations.of(sg).acknowledge({ id: 'stackaudit::NET-001', reason: 'bastion' });
      },
    );
    withPlugin(app);
    // CDK recomputes success after an acknowledgement from the severities left ("error" fails);
    // the gating violation must therefore be "error", not "critical".
    expect(() => app.synth()).toThrow(/stackaudit::NET-001/);
    const report = pluginReport(outdir);
    expect(report?.conclusion).toBe('failure');
    const errors = report?.violations.filter((v) => v.severity === 'error') as unknown as Array<{ violatingConstructs: Array<{ constructPath: string }> }>;
    expect(errors.flatMap((v) => v.violatingConstructs.map((c) => c.constructPath))).toEqual(['Net/Other/Resource']);
  });

  it('not-evaluated findings do not fail synthesis and are listed in the metadata', () => {
    const { app, outdir } = sshApp((stack) => ec2.Peer.ipv4(new CfnParameter(stack, 'AdminCidr', { type: 'String' }).valueAsString));
    withPlugin(app);
    expect(() => app.synth()).not.toThrow();
    const report = pluginReport(outdir);
    expect(report?.conclusion).toBe('success');
    expect(Number(report?.metadata['notEvaluated'])).toBeGreaterThanOrEqual(1);
    const net001 = report?.violations.find((v) => v.ruleName === 'NET-001');
    expect(net001).toMatchObject({ severity: 'info', ruleMetadata: { status: 'not-evaluated' } });
    expect(net001?.description).toMatch(/^\[not evaluated\] .*AdminCidr/);
  });
});

describe('StackauditValidation.validate', () => {
  function template() {
    const { app, logicalId } = sshApp(() => ec2.Peer.anyIpv4());
    const assembly = app.synth();
    return { templatePath: assembly.getStackByName('Net').templateFullPath, logicalId };
  }

  it('maps a finding to a CDK violation: rule id, remediation, severity, logical id, template, JSON path', () => {
    const { templatePath, logicalId } = template();
    const report = new StackauditValidation({ failOn: 'critical' }).validate({ templatePaths: [templatePath] });
    expect(report.success).toBe(false);
    const net001 = RULES.find((r) => r.meta.id === 'NET-001')!.meta;
    expect(report.violations.filter((v) => v.severity !== 'info')).toEqual([
      {
        ruleName: 'NET-001',
        description: '[critical] SSH (port 22) open to the internet (0.0.0.0/0)',
        fix: net001.remediation,
        severity: 'error',
        ruleMetadata: { severity: 'critical', rule: 'ssh-single-host', status: 'fail' },
        violatingResources: [{ resourceLogicalId: logicalId, templatePath, locations: ['Properties.SecurityGroupIngress.0.CidrIp'] }],
      },
    ]);
    expect(report.pluginVersion).toBe(asBeta1.version);
    expect(report.metadata).toMatchObject({ failOn: 'critical', fail: '1', suppressed: '0' });
  });

  it('findings below failOn are warnings and do not fail', () => {
    const { templatePath } = template();
    const none = new StackauditValidation({ failOn: 'none' }).validate({ templatePaths: [templatePath] });
    expect(none.success).toBe(true);
    expect(none.violations.filter((v) => v.severity !== 'info').map((v) => [v.ruleName, v.severity])).toEqual([['NET-001', 'warning']]);
  });

  it('honours a config: a disabled rule or a config suppression never violates', () => {
    const { templatePath, logicalId } = template();
    const off = new StackauditValidation({ config: effectiveConfig({ rules: { 'NET-001': 'off' } }) }).validate({ templatePaths: [templatePath] });
    expect(off.success).toBe(true);
    expect(off.violations.map((v) => v.ruleName)).not.toContain('NET-001');
    const suppressed = new StackauditValidation({
      config: effectiveConfig({ suppressions: [{ rule: 'NET-001', resource: `${logicalId.slice(0, 5)}*`, reason: 'temporary bastion' }] }),
    }).validate({ templatePaths: [templatePath] });
    expect(suppressed.success).toBe(true);
    expect(suppressed.violations.map((v) => v.ruleName)).not.toContain('NET-001');
    expect(suppressed.metadata?.['suppressed']).toBe('1');
  });

  it('reads a config file when created; a bad one is an error naming the file', () => {
    const { templatePath } = template();
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cdk-'));
    dirs.push(dir);
    writeFileSync(join(dir, 'off.yaml'), 'rules:\n  NET-001: off\n');
    const off = new StackauditValidation({ configFile: join(dir, 'off.yaml') }).validate({ templatePaths: [templatePath] });
    expect(off.success).toBe(true);
    writeFileSync(join(dir, 'bad.yaml'), 'suppressions:\n  - { rule: NET-001, resource: X, reason: "" }\n');
    expect(() => new StackauditValidation({ configFile: join(dir, 'bad.yaml') })).toThrow(/bad\.yaml(:\d+)?: suppressions\[0\]\.reason: a suppression needs a reason/);
  });

  it('a template it cannot read fails the plugin with metadata.error', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-cdk-'));
    dirs.push(dir);
    const report = new StackauditValidation().validate({ templatePaths: [join(dir, 'missing.template.json')] });
    expect(report.success).toBe(false);
    expect(report.metadata?.['error']).toMatch(/missing\.template\.json/);
  });
});
