import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { covers, describePorts, describeSource, isInternet, isSingleHostSource, prefixListFacesInternet, rulesToCheck, sourceOf, sourcePath, tcpPortsOf, whenText } from './sg-rule.js';

const ADMIN_PORTS = [
  [22, 'SSH'],
  [3389, 'RDP'],
] as const;

export const sshSingleHost: Rule = {
  meta: {
    id: 'NET-001',
    name: 'ssh-single-host',
    title: 'Remote administration (SSH 22, RDP 3389) is open only to a single host',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: 'SSH and RDP are the most scanned ports on the internet; 000 and 001 allow them only from the operator\'s own /32.',
    remediation: 'Restrict the rule to one address (x.x.x.x/32 or /128), a security group, or a managed prefix list; better, use SSM Session Manager and close the port.',
    seeds: ['000', '001'],
    equivalents: { checkov: ['CKV_AWS_24', 'CKV_AWS_25'], cfnNag: ['W2', 'W9', 'F1000'], cdkNag: ['EC23'], awsConfig: ['restricted-ssh', 'restricted-common-ports'], prowler: ['ec2_securitygroup_allow_ingress_from_internet_to_tcp_port_22'] },
  },
  check(resource, ctx) {
    for (const r of rulesToCheck(ctx, resource) ?? []) {
      if (r.direction !== 'ingress') continue;
      const ports = tcpPortsOf(r.rule);
      if (ports instanceof Unknown) {
        const source = sourceOf(r);
        if (source.kind === 'cidr' && !isSingleHostSource(source)) {
          ctx.notEvaluated(resource, `an ingress rule from ${describeSource(source)} may cover SSH/RDP, but its ports are unknown: ${ports.reason}`, { path: sourcePath(r, source), resource: r.owner });
        }
        continue;
      }
      for (const [port, name] of ADMIN_PORTS) {
        const hit = covers(ports, port);
        if (hit === false) continue;
        const source = sourceOf(r);
        const where = { path: sourcePath(r, source), resource: r.owner };
        if (source.kind === 'group') continue;
        if (source.kind === 'prefix-list') {
          // A managed prefix list is an allow-list the owner curates; only a public one counts.
          const pl = prefixListFacesInternet(ctx, r.owner, source.ref);
          if (!(pl instanceof Unknown) && pl.internet && hit === true) ctx.fail(resource, `${name} (${describePorts(ports)}) is open to ${describeSource(source)}, which contains internet ranges${whenText(r.when)}`, where);
          continue;
        }
        if (source.kind === 'unknown') {
          ctx.notEvaluated(resource, `${name}: the source of an ingress rule covering port ${port} is unknown: ${source.reason}`, where);
          continue;
        }
        if (isSingleHostSource(source) || hit instanceof Unknown) continue;
        if (isInternet(source)) {
          ctx.fail(resource, `${name} (${describePorts(ports)}) is open to the internet (${describeSource(source)})${whenText(r.when)}`, where);
        } else {
          ctx.fail(resource, `${name} (${describePorts(ports)}) is open to a private range wider than one host (${describeSource(source)})${whenText(r.when)}`, { ...where, severity: 'medium' });
        }
      }
    }
  },
};
