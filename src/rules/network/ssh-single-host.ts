import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { covers, describePorts, describeSource, isInternet, isSingleHostSource, portsOf, prefixListFacesInternet, rulesToCheck, sourceOf, sourcePath } from './sg-rule.js';

const ADMIN_PORTS = [
  [22, 'SSH'],
  [3389, 'RDP'],
] as const;

export const sshSingleHost = defineRule({
  meta: {
    id: 'NET-001',
    name: 'ssh-single-host',
    title: 'Remote administration (SSH 22, RDP 3389) is open only to a single host',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: "SSH and RDP are the most scanned ports on the internet; an operator's own /32 is the widest source they need.",
    remediation: 'Restrict the rule to one address (x.x.x.x/32 or /128), a security group, or a managed prefix list; better, use SSM Session Manager and close the port.',
    messages: {
      internet: '{{services}} ({{ports}}) open to the internet ({{source}})',
      'private-range': '{{services}} ({{ports}}) open to a private range wider than one host ({{source}})',
      'public-prefix-list': '{{services}} ({{ports}}) open to {{source}}, which contains internet ranges',
    },
    seeds: ['000', '001'],
    equivalents: {
      checkov: ['CKV_AWS_24', 'CKV_AWS_25'],
      cfnNag: ['W2', 'W9', 'F1000'],
      cdkNag: ['EC23'],
      awsConfig: ['restricted-ssh', 'restricted-common-ports'],
      prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22'],
    },
  },
  check(resource, ctx) {
    for (const r of rulesToCheck(ctx, resource)) {
      if (r.direction !== 'ingress') continue;
      const ports = portsOf(ctx, r);
      if (ports instanceof Unknown) continue;
      // One finding per rule, naming every admin port it opens (an all-traffic rule opens both).
      const services = ADMIN_PORTS.filter(([port]) => covers(ports, port)).map(([, name]) => name);
      if (services.length === 0) continue;
      const source = sourceOf(ctx, r);
      if (source.kind === 'group' || source.kind === 'none' || source.kind === 'unknown-cidr') continue;
      const data = { services: services.join(' and '), ports: describePorts(ports), source: describeSource(source) };
      const where = { path: sourcePath(r, source), resource: r.owner };
      if (source.kind === 'prefix-list') {
        // A managed prefix list is an allow-list its owner curates; only a public one counts.
        const pl = prefixListFacesInternet(ctx, r.owner, source.ref);
        if (!(pl instanceof Unknown) && pl.internet) ctx.report({ messageId: 'public-prefix-list', data, ...where });
        continue;
      }
      if (isSingleHostSource(source)) continue;
      if (isInternet(source)) ctx.report({ messageId: 'internet', data, ...where });
      else ctx.report({ messageId: 'private-range', data, ...where, severity: 'medium' });
    }
  },
});
