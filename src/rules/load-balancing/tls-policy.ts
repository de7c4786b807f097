import type { Path, Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { stringOf } from '../lib/read.js';
import { portText } from './listeners.js';
import { CFN_DEFAULT_SSL_POLICY, classifyPolicy } from './tls-policies.js';

const POLICIES_DOC = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html';

type Messages = 'old-policy' | 'default-policy' | 'unknown-policy' | 'plain-http-443' | 'custom-protocols';

/** Fails (or cannot judge) a named policy. */
function judgePolicy(ctx: RuleContext<Messages>, name: string, where: string, path: Path, defaulted: boolean): void {
  const v = classifyPolicy(name);
  if (v.ok === true) return;
  if (v.ok === 'unknown') {
    ctx.notEvaluated({ messageId: 'unknown-policy', data: { where, policy: name }, path });
    return;
  }
  ctx.report({ messageId: defaulted ? 'default-policy' : 'old-policy', data: { where, policy: name, minimum: v.minimum }, path });
}

function checkListener(listener: Resource, ctx: RuleContext<Messages>): void {
  const protocol = stringOf(ctx, listener, ['Protocol']);
  if (protocol instanceof Unknown || protocol === undefined) return;
  const proto = protocol.toUpperCase();
  if (proto === 'HTTP') {
    // Plain HTTP on the HTTPS port means TLS was intended and is not there at all (on port 80 it is LB-001's case).
    const port = stringOf(ctx, listener, ['Port']);
    if (port !== '443') return;
    const certificates = ctx.tolerate(() => ctx.get(listener, ['Certificates']));
    const certificate = Array.isArray(certificates) && certificates.length > 0 ? ' and has a certificate' : '';
    ctx.report({ messageId: 'plain-http-443', data: { certificate }, path: ['Properties', 'Protocol'] });
    return;
  }
  if (proto !== 'HTTPS' && proto !== 'TLS') return;
  const policy = stringOf(ctx, listener, ['SslPolicy']);
  if (policy instanceof Unknown) return;
  const where = `${proto} listener on port ${portText(ctx, listener)}`;
  if (policy === undefined) judgePolicy(ctx, CFN_DEFAULT_SSL_POLICY, where, ['Properties'], true);
  else judgePolicy(ctx, policy, where, ['Properties', 'SslPolicy'], false);
}

const text = (v: unknown): string | undefined => asString(v);

/**
 * Classic Load Balancer HTTPS/SSL listeners name policies in PolicyNames; an SSLNegotiationPolicyType
 * policy points at a predefined one through its Reference-Security-Policy attribute, or lists
 * Protocol-TLSv1/-TLSv1.1/-TLSv1.2 itself. Without one the listener gets ELBSecurityPolicy-2016-08.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
 */
function checkClassic(lb: Resource, ctx: RuleContext<Messages>): void {
  const listeners = ctx.get(lb, ['Listeners']);
  if (!Array.isArray(listeners)) return;
  listeners.forEach((l, i) => {
    if (!isRecord(l)) return;
    const protocol = l['Protocol'];
    if (protocol instanceof Unknown) return;
    const proto = text(protocol)?.toUpperCase();
    if (proto !== 'HTTPS' && proto !== 'SSL') return;
    const path: Path = ctx.sourcePath(lb, l) ?? ['Properties', 'Listeners', i];
    const where = `${proto} listener on port ${ctx.tolerate(() => text(l['LoadBalancerPort'])) ?? '?'}`;
    const rawNames = l['PolicyNames'];
    if (rawNames instanceof Unknown) return;
    const names = Array.isArray(rawNames) ? rawNames.map(text).filter((n): n is string => n !== undefined) : [];
    if (names.length > 0) {
      const policies = ctx.get(lb, ['Policies']);
      if (policies instanceof Unknown) return;
      const negotiation = (Array.isArray(policies) ? policies : []).filter(
        (p) => isRecord(p) && text(p['PolicyType']) === 'SSLNegotiationPolicyType' && names.includes(text(p['PolicyName']) ?? ''),
      ) as Record<string, unknown>[];
      for (const p of negotiation) {
        const attrs = Array.isArray(p['Attributes']) ? p['Attributes'].filter(isRecord) : [];
        const attr = (n: string) => text(attrs.find((a) => text(a['Name']) === n)?.['Value']);
        const reference = attr('Reference-Security-Policy');
        if (reference) return judgePolicy(ctx, reference, where, path, false);
        const old = ['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'].filter((n) => attr(n)?.toLowerCase() === 'true');
        if (old.length) ctx.report({ messageId: 'custom-protocols', data: { where, policy: text(p['PolicyName']) ?? '?', protocols: old.join(', ') }, path });
        return;
      }
      // A predefined policy can also be named directly (live audits return the names in use).
      const predefined = names.find((n) => classifyPolicy(n).ok !== 'unknown');
      if (predefined) return judgePolicy(ctx, predefined, where, path, false);
      ctx.unknown(`${where} uses policy ${names.join(', ')}, whose protocols were not read`, path);
      return;
    }
    judgePolicy(ctx, CFN_DEFAULT_SSL_POLICY, where, path, true);
  });
}

export const tlsPolicy = defineRule({
  meta: {
    id: 'LB-002',
    name: 'tls-policy',
    title: 'HTTPS/TLS listeners use a TLS 1.2+ security policy',
    area: 'load-balancing',
    severity: 'high',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    rationale:
      'TLS 1.0 and 1.1 are deprecated (RFC 8996) and encryption in transit needs TLS 1.2 or later. A listener without SslPolicy in CloudFormation gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0.',
    remediation:
      'Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a stricter TLS13-1-2/1-3 policy, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09); for a Classic LB, reference ELBSecurityPolicy-TLS-1-2-2017-01 — or migrate to an ALB.',
    messages: {
      'old-policy': '{{where}} uses {{policy}}, which accepts {{minimum}}',
      'default-policy': `{{where}} sets no SslPolicy, so it gets {{policy}} (the default outside the console, see ${POLICIES_DOC}), which accepts {{minimum}}`,
      'unknown-policy': '{{where}} uses security policy {{policy}}, whose minimum TLS version is not known to stackaudit',
      'plain-http-443': 'listener on port 443{{certificate}} speaks plain HTTP: it negotiates no TLS at all',
      'custom-protocols': '{{where}} uses custom policy {{policy}}, which enables {{protocols}}',
    },
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_103'], cfnNag: ['W55'], awsConfig: ['elb-tls-https-listeners-only', 'elb-predefined-security-policy-ssl-check'] },
  },
  check(resource, ctx) {
    if (resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer') checkClassic(resource, ctx);
    else checkListener(resource, ctx);
  },
});
