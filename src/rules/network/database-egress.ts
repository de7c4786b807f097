import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { guardsDatabase } from '../lib/database-groups.js';
import { describeSource, isInternet, opensAllPorts, portsOf, protocolOf, rulesToCheck, sourceOf, sourcePath } from './sg-rule.js';

export const databaseEgress = defineRule({
  meta: {
    id: 'NET-006',
    name: 'database-egress',
    title: 'A database security group has no all-traffic egress to the internet',
    area: 'network',
    severity: 'low',
    resourceTypes: ['AWS::EC2::SecurityGroup'],
    rationale: 'Databases do not initiate outbound connections; open egress is an exfiltration path if the database is compromised.',
    remediation:
      "Declare SecurityGroupEgress explicitly (CloudFormation otherwise keeps EC2's default allow-all rule), e.g. only to the application group, or a deny-all placeholder as CDK does with allowAllOutbound: false.",
    messages: {
      implicit: "database group {{group}} declares no SecurityGroupEgress, so it keeps EC2's default egress: all traffic to 0.0.0.0/0",
      open: 'database group {{group}} allows all egress to the internet ({{source}})',
    },
    seeds: ['000', '003'],
    equivalents: { cdkNag: ['EC27'], awsConfig: ['vpc-default-security-group-closed'] },
  },
  check(resource, ctx) {
    // Whether it guards a database is asked first but recorded only once a rule would fail.
    const guards = ctx.tolerate(() => guardsDatabase(ctx, resource));
    if (guards === false) return;
    for (const r of rulesToCheck(ctx, resource)) {
      if (r.direction !== 'egress') continue;
      const kind = protocolOf(ctx, r);
      if (kind instanceof Unknown) continue;
      if (kind !== 'all') {
        const ports = portsOf(ctx, r, kind === 'udp' ? 'udp' : 'tcp');
        if (ports instanceof Unknown || !opensAllPorts(ports)) continue;
      }
      const source = sourceOf(ctx, r);
      if (!isInternet(source)) continue;
      if (guards instanceof Unknown) return void ctx.unknown(`whether a database uses this group is not known: ${guards.reason}`);
      ctx.report({ messageId: r.implicit ? 'implicit' : 'open', data: { group: resource.id, source: describeSource(source) }, path: sourcePath(r, source), resource: r.owner });
    }
  },
});
