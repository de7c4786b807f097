import type { Rule } from '../../model/rule.js';
import { Unknown, asBoolean, asString, describe, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { CONFIG_PATH, eachConfig } from './distribution.js';

/** TLSv1.2_2021 and every later-dated TLSv1.2_/TLSv1.3_ policy. */
export function isModernPolicy(v: string): boolean {
  const m = /^TLSv1\.([23])_(\d{4})$/.exec(v);
  return m !== null && Number(m[2]) >= 2021;
}

export const viewerTls: Rule = {
  meta: {
    id: 'CF-002',
    name: 'viewer-tls',
    title: 'CloudFront viewer TLS is TLSv1.2_2021 or newer',
    area: 'edge',
    severity: 'high',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'Older security policies allow TLS 1.0/1.1 or weak ciphers. With the default *.cloudfront.net certificate (or SSL support method vip) CloudFront ignores MinimumProtocolVersion and accepts TLSv1, so 001\'s config — default certificate plus TLSv1.2_2021 — still allows TLSv1. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    remediation: 'Use an ACM certificate with SslSupportMethod sni-only and MinimumProtocolVersion TLSv1.2_2021 (or a newer policy such as TLSv1.2_2025 / TLSv1.3_2025).',
    seeds: ['000', '001'],
    equivalents: { checkov: ['CKV_AWS_174'], cfnNag: ['W70'], cdkNag: ['CloudFrontDistributionHttpsViewerNoOutdatedSSL'], prowler: ['cloudfront_distributions_using_deprecated_ssl_protocols'] },
  },
  check(resource, ctx) {
    eachConfig(ctx, resource, (config, when) => {
      const w = whenText(when);
      const cert = config['ViewerCertificate'];
      const path = [...CONFIG_PATH, ...(cert === undefined ? [] : ['ViewerCertificate'])];
      if (cert instanceof Unknown) {
        ctx.notEvaluated(resource, `the viewer certificate could not be read: ${cert.reason}`, { path });
        return;
      }
      if (cert === undefined) {
        ctx.fail(resource, `No ViewerCertificate: the distribution uses the default *.cloudfront.net certificate, with which CloudFront accepts TLSv1${w}`, { path });
        return;
      }
      if (!isRecord(cert)) {
        ctx.notEvaluated(resource, `ViewerCertificate is ${describe(cert)}, known only at deployment`, { path });
        return;
      }
      const dflt = cert['CloudFrontDefaultCertificate'];
      const method = cert['SslSupportMethod'];
      const min = cert['MinimumProtocolVersion'];
      for (const v of [dflt, method, min]) {
        if (v instanceof Unknown) {
          ctx.notEvaluated(resource, `the viewer certificate could not be read: ${v.reason}`, { path });
          return;
        }
      }
      const minText = asString(min);
      if (asBoolean(dflt) === true) {
        ctx.fail(resource, `ViewerCertificate uses the default CloudFront certificate: CloudFront ignores MinimumProtocolVersion${minText ? ` (${minText})` : ''} and accepts TLSv1${w}`, {
          path: [...path, 'CloudFrontDefaultCertificate'],
        });
        return;
      }
      if (asString(method) === 'vip') {
        ctx.fail(resource, `SslSupportMethod is vip: CloudFront serves TLSv1 on dedicated IPs whatever MinimumProtocolVersion says${w}`, { path: [...path, 'SslSupportMethod'] });
        return;
      }
      if (min === undefined) {
        ctx.fail(resource, `No MinimumProtocolVersion: CloudFront then allows TLSv1 (policy TLSv1); set TLSv1.2_2021 or newer${w}`, { path });
        return;
      }
      if (minText === undefined) {
        ctx.notEvaluated(resource, `MinimumProtocolVersion is ${describe(min)}, known only at deployment`, { path: [...path, 'MinimumProtocolVersion'] });
        return;
      }
      if (!isModernPolicy(minText)) ctx.fail(resource, `MinimumProtocolVersion is ${minText}, older than TLSv1.2_2021${w}`, { path: [...path, 'MinimumProtocolVersion'] });
    });
  },
};
