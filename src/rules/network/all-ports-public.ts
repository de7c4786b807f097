import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeSource, isInternet, opensAllPorts, portsOf, protocolOf, rulesToCheck, sourceOf, sourcePath } from './sg-rule.js';

export const allPortsPublic = defineRule({
  meta: {
    id: 'NET-003',
    name: 'all-ports-public',
    title: 'No rule opens all ports or all protocols to the internet',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: 'All traffic from anywhere exposes every service on the host, including ones nobody meant to publish.',
    remediation: 'Replace the rule with one per port the service needs, from the narrowest source.',
    messages: {
      'all-protocols': 'all protocols and ports open to the internet ({{source}})',
      'all-ports': 'all {{protocol}} ports open to the internet ({{source}})',
    },
    seeds: ['000', '003'],
    equivalents: { cfnNag: ['W2', 'W27', 'W42'], cdkNag: ['EC23'], prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_all_ports'] },
  },
  check(resource, ctx) {
    for (const r of rulesToCheck(ctx, resource)) {
      if (r.direction !== 'ingress') continue;
      // Ports first: only a rule that opens everything can fail, so only then is its source read.
      const kind = protocolOf(ctx, r);
      if (kind instanceof Unknown) continue;
      let all = kind === 'all';
      if (kind === 'tcp' || kind === 'udp') {
        const ports = portsOf(ctx, r, kind);
        if (ports instanceof Unknown) continue;
        all = opensAllPorts(ports);
      }
      if (!all) continue;
      const source = sourceOf(ctx, r);
      if (!isInternet(source)) continue;
      const where = { path: sourcePath(r, source), resource: r.owner };
      if (kind === 'all') ctx.report({ messageId: 'all-protocols', data: { source: describeSource(source) }, ...where });
      else ctx.report({ messageId: 'all-ports', data: { source: describeSource(source), protocol: kind.toUpperCase() }, ...where });
    }
  },
});
