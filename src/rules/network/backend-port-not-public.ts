import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { covers, describePorts, describeSource, isInternet, opensAllPorts, portsOf, prefixListFacesInternet, rulesToCheck, sourceOf, sourcePath } from './sg-rule.js';

export const backendPortNotPublic = defineRule({
  meta: {
    id: 'NET-002',
    name: 'backend-port-not-public',
    title: 'Application backend ports are never reachable from the internet',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: 'A backend port (Flask 5002, FastAPI 8000, Express 3000/3001…) open to the world bypasses the load balancer, CloudFront, TLS and WAF in front of it.',
    remediation:
      "Allow the port only from the load balancer's security group, or from the CloudFront origin-facing managed prefix list (com.amazonaws.global.cloudfront.origin-facing).",
    messages: {
      open: 'backend port{{plural}} {{ports}}{{range}} open to the internet ({{source}})',
    },
    seeds: ['000', '001', '003', '004'],
    equivalents: { checkov: ['CKV_AWS_260'], cfnNag: ['W2', 'W9'], cdkNag: ['EC23'], awsConfig: ['restricted-common-ports', 'vpc-sg-open-only-to-authorized-ports'] },
  },
  check(resource, ctx) {
    for (const r of rulesToCheck(ctx, resource)) {
      if (r.direction !== 'ingress') continue;
      const ports = portsOf(ctx, r);
      if (ports instanceof Unknown) continue;
      const open = ctx.config.backendPorts.filter((p) => covers(ports, p));
      if (open.length === 0) continue;
      const source = sourceOf(ctx, r);
      if (source.kind !== 'cidr' && source.kind !== 'prefix-list') continue;
      let internet: boolean;
      if (source.kind === 'prefix-list') {
        const pl = prefixListFacesInternet(ctx, r.owner, source.ref);
        if (pl instanceof Unknown) continue;
        internet = pl.internet;
      } else {
        internet = isInternet(source);
        // All ports to the internet is NET-003's finding; repeating it here adds noise, not safety.
        if (internet && opensAllPorts(ports)) continue;
      }
      if (!internet) continue;
      ctx.report({
        messageId: 'open',
        data: {
          plural: open.length > 1 ? 's' : '',
          ports: open.join(', '),
          range: describePorts(ports) === `port ${open[0]}` ? '' : ` (${describePorts(ports)})`,
          source: describeSource(source),
        },
        path: sourcePath(r, source),
        resource: r.owner,
      });
    }
  },
});
