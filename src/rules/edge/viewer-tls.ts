import { defineRule } from '../../model/rule.js';
import { Unknown, asString, isRecord } from '../../model/values.js';
import { printValue } from '../../engine/printer.js';
import { asKnownBoolean } from '../lib/read.js';
import { asKnownString } from '../lib/known.js';
import { CONFIG_PATH, distributionConfig } from './distribution.js';

/** TLSv1.2_2021 and every later-dated TLSv1.2_/TLSv1.3_ policy. */
export function isModernPolicy(v: string): boolean {
  const m = /^TLSv1\.([23])_(\d{4})$/.exec(v);
  return m !== null && Number(m[2]) >= 2021;
}

export const viewerTls = defineRule({
  meta: {
    id: 'CF-002',
    name: 'viewer-tls',
    title: 'CloudFront viewer TLS is TLSv1.2_2021 or newer',
    area: 'edge',
    severity: 'high',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'Older security policies allow TLS 1.0/1.1 or weak ciphers. With the default *.cloudfront.net certificate (or SSL support method vip) CloudFront ignores MinimumProtocolVersion and accepts TLSv1, so a default certificate with MinimumProtocolVersion TLSv1.2_2021 still allows TLSv1. https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/secure-connections-supported-viewer-protocols-ciphers.html',
    remediation: 'Use an ACM certificate with SslSupportMethod sni-only and MinimumProtocolVersion TLSv1.2_2021 (or a newer policy such as TLSv1.2_2025 / TLSv1.3_2025).',
    messages: {
      'no-certificate': 'no ViewerCertificate: the distribution uses the default *.cloudfront.net certificate, with which CloudFront accepts TLSv1',
      'default-certificate': 'ViewerCertificate uses the default CloudFront certificate: CloudFront ignores MinimumProtocolVersion ({{minimum}}) and accepts TLSv1',
      vip: 'SslSupportMethod is vip: CloudFront serves TLSv1 on dedicated IPs whatever MinimumProtocolVersion says',
      'no-minimum': 'no MinimumProtocolVersion: CloudFront then allows TLSv1 (policy TLSv1); set TLSv1.2_2021 or newer',
      'old-policy': 'MinimumProtocolVersion is {{minimum}}, older than TLSv1.2_2021',
    },
    seeds: ['000', '001'],
    equivalents: {
      checkov: ['CKV_AWS_174'],
      cfnNag: ['W70'],
      cdkNag: ['CloudFrontDistributionHttpsViewerNoOutdatedSSL'],
      prowler: ['cloudfront_distributions_using_deprecated_ssl_protocols'],
    },
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    const cert = config['ViewerCertificate'];
    if (cert instanceof Unknown) return;
    if (cert === undefined) {
      ctx.report({ messageId: 'no-certificate', path: [...CONFIG_PATH] });
      return;
    }
    const path = ctx.sourcePath(distribution, cert) ?? [...CONFIG_PATH, 'ViewerCertificate'];
    if (!isRecord(cert)) {
      ctx.unknown(`ViewerCertificate is ${printValue(cert)}, which is not an object known before deployment`, path);
      return;
    }
    // Each of these fails on its own; an unknown one leaves the others to decide.
    const dflt = asKnownBoolean(ctx, cert['CloudFrontDefaultCertificate'], 'ViewerCertificate.CloudFrontDefaultCertificate', [...path, 'CloudFrontDefaultCertificate']);
    if (dflt === true) {
      const minimum = ctx.tolerate(() => asString(cert['MinimumProtocolVersion'])) ?? 'not set';
      ctx.report({ messageId: 'default-certificate', data: { minimum }, path: [...path, 'CloudFrontDefaultCertificate'] });
      return;
    }
    const method = asKnownString(ctx, cert['SslSupportMethod'], 'ViewerCertificate.SslSupportMethod', [...path, 'SslSupportMethod']);
    if (method === 'vip') {
      ctx.report({ messageId: 'vip', path: [...path, 'SslSupportMethod'] });
      return;
    }
    const min = asKnownString(ctx, cert['MinimumProtocolVersion'], 'ViewerCertificate.MinimumProtocolVersion', [...path, 'MinimumProtocolVersion']);
    if (min instanceof Unknown) return;
    if (min === undefined) ctx.report({ messageId: 'no-minimum', path });
    else if (!isModernPolicy(min)) ctx.report({ messageId: 'old-policy', data: { minimum: min }, path: [...path, 'MinimumProtocolVersion'] });
  },
});
