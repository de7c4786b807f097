// A real `cdk synth` (aws-cdk-lib, not a hand-written fixture): two stacks in one app, where
// the app stack uses a security group and a VPC from the network stack. CDK turns those into
// Fn::ImportValue of generated exports; the scanner must follow them across stacks.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { describe, expect, it } from 'vitest';
import { scanTemplates } from '../../src/engine/scan-templates.js';

function synth(openBackend: boolean): string {
  const outdir = mkdtempSync(join(tmpdir(), 'stackaudit-cdk-'));
  const app = new App({ outdir });
  const env = { account: '111122223333', region: 'eu-west-1' };
  const network = new Stack(app, 'NetworkStack', { env });
  const vpc = new ec2.Vpc(network, 'Vpc', { maxAzs: 2, natGateways: 1 });
  const appSg = new ec2.SecurityGroup(network, 'AppSg', { vpc, description: 'app', allowAllOutbound: true });
  appSg.addIngressRule(openBackend ? ec2.Peer.anyIpv4() : ec2.Peer.ipv4('10.0.0.0/16'), ec2.Port.tcp(8000), 'backend');

  const data = new Stack(app, 'DataStack', { env });
  const dbSg = new ec2.SecurityGroup(data, 'DbSg', { vpc, description: 'db', allowAllOutbound: false });
  dbSg.addIngressRule(appSg, ec2.Port.tcp(5432), 'from app');
  new rds.DatabaseInstance(data, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T3, ec2.InstanceSize.MICRO),
    vpc,
    vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
    securityGroups: [dbSg],
    backupRetention: Stack.of(data).node.tryGetContext('x') ?? undefined,
  });
  app.synth();
  return outdir;
}

describe('a real cdk synth output', () => {
  it('scans every stack of the assembly without input errors', () => {
    const r = scanTemplates([synth(true)]);
    expect(r.errors).toEqual([]);
    // (OBS-002 names the assembly itself, which has no stack.)
    expect(new Set(r.findings.filter((f) => f.ruleId !== 'OBS-002').map((f) => f.resource.stack))).toEqual(new Set(['NetworkStack', 'DataStack']));
  });

  it('finds the open backend port in the network stack', () => {
    const open = scanTemplates([synth(true)]).findings.filter((f) => f.ruleId === 'NET-002');
    expect(open.map((f) => [f.status, f.resource.stack, f.resource.type])).toEqual([['fail', 'NetworkStack', 'AWS::EC2::SecurityGroup']]);
    expect(scanTemplates([synth(false)]).findings.filter((f) => f.ruleId === 'NET-002')).toEqual([]);
  });

  it('follows Fn::ImportValue across stacks: the database subnets are judged private, not unknown', () => {
    const r = scanTemplates([synth(false)]);
    const db = r.findings.filter((f) => f.ruleId === 'DB-001' || f.ruleId === 'DB-002');
    // CDK places the database in private subnets of the imported VPC: both controls can decide and pass.
    expect(db).toEqual([]);
    // …and the database was really judged: other controls do report on it.
    const dbInstance = r.findings.filter((f) => f.resource.type === 'AWS::RDS::DBInstance').map((f) => f.ruleId);
    expect(dbInstance).toEqual(expect.arrayContaining(['DB-004', 'DB-007']));
  });

  it("the database group keeps CDK's deny-all egress (NET-006 passes) and admits only the app group (NET-004 passes)", () => {
    const r = scanTemplates([synth(false)]);
    expect(r.findings.filter((f) => ['NET-004', 'NET-006'].includes(f.ruleId) && f.resource.stack === 'DataStack')).toEqual([]);
  });
});
