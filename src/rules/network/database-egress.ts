import type { Rule } from '../../model/rule.js';
import { describeSource, isInternet, opensAllPorts, rulesOrReport, sourceOf, sourcePath, tcpPortsOf, whenText } from './sg-rule.js';
import { guardsDatabase } from './database-ports-sg-only.js';

export const databaseEgress: Rule = {
  meta: {
    id: 'NET-006',
    name: 'database-egress',
    title: 'A database security group has no all-traffic egress to the internet',
    area: 'network',
    severity: 'low',
    resourceTypes: ['AWS::EC2::SecurityGroup'],
    rationale: 'Databases do not initiate outbound connections (000, 003: "Outbound: none"); open egress is an exfiltration path if the database is compromised.',
    remediation: 'Declare SecurityGroupEgress explicitly (CloudFormation otherwise keeps EC2\'s default allow-all rule), e.g. only to the application group, or a deny-all placeholder as CDK does with allowAllOutbound: false.',
    seeds: ['000', '003'],
    equivalents: { cdkNag: ['EC27'], awsConfig: ['vpc-default-security-group-closed'] },
  },
  check(resource, ctx) {
    if (!guardsDatabase(ctx, resource)) return;
    for (const r of rulesOrReport(ctx, resource) ?? []) {
      if (r.direction !== 'egress') continue;
      const source = sourceOf(r);
      if (!isInternet(source)) continue;
      const proto = String(r.rule['IpProtocol']);
      if (proto !== '-1' && !opensAllPorts(tcpPortsOf(r.rule))) continue;
      const implicit = r.rule['Implicit'] === true;
      ctx.fail(
        resource,
        implicit
          ? `database group ${resource.id} declares no SecurityGroupEgress, so it keeps EC2's default egress: all traffic to 0.0.0.0/0`
          : `database group ${resource.id} allows all egress to the internet (${describeSource(source)})${whenText(r.when)}`,
        { path: sourcePath(r, source), resource: r.owner },
      );
    }
  },
};
