import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asString, isRecord, type Assumptions } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { scenarios } from './listeners.js';
import { CFN_DEFAULT_SSL_POLICY, classifyPolicy } from './tls-policies.js';

const POLICIES_DOC = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html';

function judgePolicy(ctx: RuleContext, resource: Resource, name: string, where: string, path: (string | number)[], when: Assumptions, defaulted: boolean): void {
  const v = classifyPolicy(name);
  if (v.ok === true) return;
  if (v.ok === 'unknown') {
    ctx.notEvaluated(resource, `${where} uses security policy ${name}, whose minimum TLS version is not known to stackaudit`, { path });
    return;
  }
  const why = defaulted ? `sets no SslPolicy, so it gets ${name} (the default outside the console, see ${POLICIES_DOC}), which accepts ${v.minimum}` : `uses ${name}, which accepts ${v.minimum}`;
  ctx.fail(resource, `${where} ${why}${whenText(when)}`, { path });
}

function checkListener(listener: Resource, ctx: RuleContext): void {
  for (const { props, when } of scenarios(ctx, listener)) {
    const protocol = props['Protocol'];
    const port = asString(props['Port']) ?? '?';
    if (protocol instanceof Unknown) {
      ctx.notEvaluated(listener, `the listener protocol is not known: ${protocol.reason}`, { path: ['Properties', 'Protocol'] });
      continue;
    }
    const proto = asString(protocol)?.toUpperCase();
    if (proto === 'HTTP') {
      // Plain HTTP on the HTTPS port means TLS was intended and is not there at all (on port 80 it is LB-001's case).
      if (port === '443') {
        const cert = Array.isArray(props['Certificates']) && props['Certificates'].length > 0 ? ' and has a certificate' : '';
        ctx.fail(listener, `listener on port 443${cert} speaks plain HTTP: it negotiates no TLS at all${whenText(when)}`, { path: ['Properties', 'Protocol'] });
      }
      continue;
    }
    if (proto !== 'HTTPS' && proto !== 'TLS') continue;
    const policy = props['SslPolicy'];
    const where = `${proto} listener on port ${port}`;
    if (policy instanceof Unknown) {
      ctx.notEvaluated(listener, `${where}: the security policy is not known: ${policy.reason}`, { path: ['Properties', 'SslPolicy'] });
      continue;
    }
    if (policy === undefined) {
      judgePolicy(ctx, listener, CFN_DEFAULT_SSL_POLICY, where, ['Properties'], when, true);
      continue;
    }
    const name = asString(policy);
    if (name === undefined) {
      ctx.notEvaluated(listener, `${where}: the security policy is known only at deployment`, { path: ['Properties', 'SslPolicy'] });
      continue;
    }
    judgePolicy(ctx, listener, name, where, ['Properties', 'SslPolicy'], when, false);
  }
}

/**
 * Classic Load Balancer HTTPS/SSL listeners name policies in PolicyNames; an SSLNegotiationPolicyType
 * policy points at a predefined one through its Reference-Security-Policy attribute, or lists
 * Protocol-TLSv1/-TLSv1.1/-TLSv1.2 itself. Without one the listener gets ELBSecurityPolicy-2016-08.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html
 */
function checkClassic(lb: Resource, ctx: RuleContext): void {
  for (const { props, when } of scenarios(ctx, lb)) {
    const listeners = props['Listeners'];
    if (listeners instanceof Unknown) {
      ctx.notEvaluated(lb, `the listeners are not known: ${listeners.reason}`, { path: ['Properties', 'Listeners'] });
      continue;
    }
    if (!Array.isArray(listeners)) continue;
    const policies = Array.isArray(props['Policies']) ? props['Policies'].filter(isRecord) : [];
    listeners.forEach((l, i) => {
      if (!isRecord(l)) return;
      const proto = asString(l['Protocol'])?.toUpperCase();
      if (proto !== 'HTTPS' && proto !== 'SSL') return;
      const path = ['Properties', 'Listeners', i];
      const where = `${proto} listener on port ${asString(l['LoadBalancerPort']) ?? '?'}`;
      const names = Array.isArray(l['PolicyNames']) ? l['PolicyNames'].map(asString).filter((n): n is string => n !== undefined) : [];
      const negotiation = policies.filter((p) => asString(p['PolicyType']) === 'SSLNegotiationPolicyType' && names.includes(asString(p['PolicyName']) ?? ''));
      for (const p of negotiation) {
        const attrs = Array.isArray(p['Attributes']) ? p['Attributes'].filter(isRecord) : [];
        const attr = (n: string) => asString(attrs.find((a) => asString(a['Name']) === n)?.['Value']);
        const reference = attr('Reference-Security-Policy');
        if (reference) return judgePolicy(ctx, lb, reference, where, path, when, false);
        const old = ['Protocol-SSLv3', 'Protocol-TLSv1', 'Protocol-TLSv1.1'].filter((n) => attr(n)?.toLowerCase() === 'true');
        if (old.length) return ctx.fail(lb, `${where} uses custom policy ${asString(p['PolicyName'])}, which enables ${old.join(', ')}${whenText(when)}`, { path });
        return;
      }
      // A predefined policy can also be named directly (live audits return the names in use).
      const predefined = names.find((n) => classifyPolicy(n).ok !== 'unknown');
      if (predefined) return judgePolicy(ctx, lb, predefined, where, path, when, false);
      if (names.length) return ctx.notEvaluated(lb, `${where} uses policy ${names.join(', ')}, whose protocols were not read`, { path });
      judgePolicy(ctx, lb, CFN_DEFAULT_SSL_POLICY, where, path, when, true);
    });
  }
}

export const tlsPolicy: Rule = {
  meta: {
    id: 'LB-002',
    name: 'tls-policy',
    title: 'HTTPS/TLS listeners use a TLS 1.2+ security policy',
    area: 'load-balancing',
    severity: 'high',
    resourceTypes: ['AWS::ElasticLoadBalancingV2::Listener', 'AWS::ElasticLoadBalancing::LoadBalancer'],
    rationale: 'TLS 1.0 and 1.1 are deprecated (RFC 8996); 003 requires encryption in transit with TLS 1.2+. A listener without SslPolicy in CloudFormation gets ELBSecurityPolicy-2016-08, which accepts TLS 1.0.',
    remediation: 'Set SslPolicy to ELBSecurityPolicy-TLS13-1-2-2021-06 (or a stricter TLS13-1-2/1-3 policy, e.g. ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09); for a Classic LB, reference ELBSecurityPolicy-TLS-1-2-2017-01 — or migrate to an ALB.',
    seeds: ['003'],
    equivalents: { checkov: ['CKV_AWS_103'], cfnNag: ['W55'], awsConfig: ['elb-tls-https-listeners-only', 'elb-predefined-security-policy-ssl-check'] },
  },
  check(resource, ctx) {
    if (resource.type === 'AWS::ElasticLoadBalancing::LoadBalancer') checkClassic(resource, ctx);
    else checkListener(resource, ctx);
  },
};
