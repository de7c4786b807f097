import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { describeSource, isInternet, opensAllPorts, rulesToCheck, sourceOf, sourcePath, tcpPortsOf, whenText } from './sg-rule.js';

export const allPortsPublic: Rule = {
  meta: {
    id: 'NET-003',
    name: 'all-ports-public',
    title: 'No rule opens all ports or all protocols to the internet',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: 'All traffic from anywhere exposes every service on the host, including ones nobody meant to publish.',
    remediation: 'Replace the rule with one per port the service needs, from the narrowest source.',
    seeds: ['000', '003'],
    equivalents: { cfnNag: ['W2', 'W27', 'W42'], cdkNag: ['EC23'], prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_all_ports'] },
  },
  check(resource, ctx) {
    for (const r of rulesToCheck(ctx, resource) ?? []) {
      if (r.direction !== 'ingress') continue;
      const source = sourceOf(r);
      if (!isInternet(source)) continue;
      const ports = tcpPortsOf(r.rule);
      const where = { path: sourcePath(r, source), resource: r.owner };
      const proto = r.rule['IpProtocol'];
      if (ports instanceof Unknown) {
        ctx.notEvaluated(resource, `a rule from ${describeSource(source)} has a protocol or ports known only at deployment: ${ports.reason}`, where);
        continue;
      }
      const allProtocols = String(proto) === '-1' || String(proto).toLowerCase() === 'all';
      const udpAll = /^(udp|17)$/i.test(String(proto)) && opensAllPorts(tcpPortsOf({ ...r.rule, IpProtocol: 'tcp' }));
      if (allProtocols || opensAllPorts(ports) || udpAll) {
        ctx.fail(resource, `${allProtocols ? 'all protocols and ports' : 'all ports'} open to the internet (${describeSource(source)})${whenText(r.when)}`, where);
      }
    }
  },
};
