import type { Rule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { covers, describePorts, describeSource, isInternet, prefixListFacesInternet, rulesToCheck, sourceOf, sourcePath, tcpPortsOf, whenText } from './sg-rule.js';

export const backendPortNotPublic: Rule = {
  meta: {
    id: 'NET-002',
    name: 'backend-port-not-public',
    title: 'Application backend ports are never reachable from the internet',
    area: 'network',
    severity: 'critical',
    resourceTypes: ['AWS::EC2::SecurityGroup', 'AWS::EC2::SecurityGroupIngress'],
    rationale: 'A backend port (Flask 5002, FastAPI 8000, Express 3000/3001…) open to the world bypasses the load balancer, CloudFront, TLS and WAF in front of it (000, 001, 003, 004).',
    remediation: 'Allow the port only from the load balancer\'s security group, or from the CloudFront origin-facing managed prefix list (com.amazonaws.global.cloudfront.origin-facing).',
    seeds: ['000', '001', '003', '004'],
    equivalents: { checkov: ['CKV_AWS_260'], cfnNag: ['W2', 'W9'], cdkNag: ['EC23'], awsConfig: ['restricted-common-ports', 'vpc-sg-open-only-to-authorized-ports'] },
  },
  check(resource, ctx) {
    for (const r of rulesToCheck(ctx, resource) ?? []) {
      if (r.direction !== 'ingress') continue;
      const ports = tcpPortsOf(r.rule);
      const source = sourceOf(r);
      const where = { path: sourcePath(r, source), resource: r.owner };
      const hits = ctx.config.backendPorts.map((p) => [p, covers(ports, p)] as const).filter(([, h]) => h !== false);
      if (hits.length === 0 || source.kind === 'group') continue;
      const list = hits.map(([p]) => p).join(', ');
      if (source.kind === 'unknown') {
        ctx.notEvaluated(resource, `backend port(s) ${list}: the source of the rule is unknown: ${source.reason}`, where);
        continue;
      }
      let internet: boolean | Unknown;
      if (source.kind === 'prefix-list') {
        const pl = prefixListFacesInternet(ctx, r.owner, source.ref);
        internet = pl instanceof Unknown ? pl : pl.internet;
      } else internet = isInternet(source);
      if (internet === false) continue;
      if (internet instanceof Unknown) {
        ctx.notEvaluated(resource, `backend port(s) ${list} are open to ${describeSource(source)}, which cannot be judged: ${internet.reason}`, where);
        continue;
      }
      const unknownPorts = hits.find(([, h]) => h instanceof Unknown);
      if (unknownPorts && hits.every(([, h]) => h instanceof Unknown)) {
        ctx.notEvaluated(resource, `a rule open to ${describeSource(source)} has ports known only at deployment: ${(unknownPorts[1] as Unknown).reason}`, where);
        continue;
      }
      const open = hits.filter(([, h]) => h === true).map(([p]) => p);
      const range = describePorts(ports);
      const within = range === `port ${open[0]}` && open.length === 1 ? '' : ` (${range})`;
      ctx.fail(resource, `backend port${open.length > 1 ? 's' : ''} ${open.join(', ')}${within} open to the internet (${describeSource(source)})${whenText(r.when)}`, where);
    }
  },
};
