// Which Elastic Load Balancing security policies negotiate nothing older than TLS 1.2.
// Names and protocol tables: https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html
// (NLB TLS listeners use the same names: https://docs.aws.amazon.com/elasticloadbalancing/latest/network/describe-ssl-policies.html,
// Classic: https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/elb-security-policy-table.html).

/**
 * What HTTPS/TLS listeners get when SslPolicy is absent: the console picks a TLS 1.2+ policy,
 * but CloudFormation, the CLI and the CDK get ELBSecurityPolicy-2016-08, which accepts TLS 1.0.
 * https://docs.aws.amazon.com/elasticloadbalancing/latest/application/describe-ssl-policies.html (Considerations)
 */
export const CFN_DEFAULT_SSL_POLICY = 'ELBSecurityPolicy-2016-08';

export type PolicyVerdict = { readonly ok: true } | { readonly ok: false; readonly minimum: string } | { readonly ok: 'unknown' };

// Minimum protocol TLS 1.2 (or 1.3): the TLS13-1-2/1-3 families (Res, Ext0/1/2, FIPS, PQ variants),
// TLS-1-2-2017-01, TLS-1-2-Ext-2018-06 and the FS-1-2 family.
const TLS12_PLUS = [/^ELBSecurityPolicy-TLS13-1-[23]-/, /^ELBSecurityPolicy-TLS-1-2-/, /^ELBSecurityPolicy-FS-1-2-/];

const LEGACY: readonly (readonly [RegExp, string])[] = [
  [/^ELBSecurityPolicy-TLS13-1-1-/, 'TLS 1.1'],
  [/^ELBSecurityPolicy-TLS-1-1-/, 'TLS 1.1'],
  [/^ELBSecurityPolicy-FS-1-1-/, 'TLS 1.1'],
  [/^ELBSecurityPolicy-TLS13-1-0-/, 'TLS 1.0'],
  [/^ELBSecurityPolicy-TLS-1-0-/, 'TLS 1.0'],
  [/^ELBSecurityPolicy-(2016-08|FS-2018-06)$/, 'TLS 1.0'],
  // Classic-era policies that still allow SSLv3.
  [/^ELBSecurityPolicy-(2015-05|2015-03|2015-02|2014-10|2014-01|2011-08)$/, 'SSLv3 / TLS 1.0'],
  [/^ELBSample-/, 'SSLv3 / TLS 1.0'],
];

export function classifyPolicy(name: string): PolicyVerdict {
  if (TLS12_PLUS.some((re) => re.test(name))) return { ok: true };
  for (const [re, minimum] of LEGACY) if (re.test(name)) return { ok: false, minimum };
  return { ok: 'unknown' };
}
