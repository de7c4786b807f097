import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { Unknown } from '../../src/model/values.js';
import { EDGE_RULES } from '../../src/rules/edge/index.js';
import { EDGE_CASES } from './cases/edge.js';
import { brief, scanText } from '../helpers/scan.js';

// Seed 001's distribution config, in CloudFormation's shape.
const SEED_001 = {
  Enabled: true,
  DefaultRootObject: 'index.html',
  Origins: [
    { Id: 'S3-Frontend', DomainName: 'etf-portfolio-frontend.s3.amazonaws.com', S3OriginConfig: { OriginAccessIdentity: 'origin-access-identity/cloudfront/E2EXAMPLE' } },
    {
      Id: 'EC2-Backend',
      DomainName: 'ec2-203-0-113-10.compute-1.amazonaws.com',
      CustomOriginConfig: { HTTPPort: 8000, HTTPSPort: 443, OriginProtocolPolicy: 'http-only', OriginSSLProtocols: ['TLSv1.2'], OriginReadTimeout: 30, OriginKeepaliveTimeout: 5 },
    },
  ],
  DefaultCacheBehavior: {
    TargetOriginId: 'S3-Frontend',
    ViewerProtocolPolicy: 'redirect-to-https',
    Compress: true,
    ForwardedValues: { QueryString: false, Cookies: { Forward: 'none' } },
    MinTTL: 0,
    DefaultTTL: 86400,
    MaxTTL: 31536000,
  },
  CacheBehaviors: [
    {
      PathPattern: '/api/*',
      TargetOriginId: 'EC2-Backend',
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD', 'OPTIONS', 'PUT', 'POST', 'PATCH', 'DELETE'],
      ForwardedValues: { QueryString: true, Cookies: { Forward: 'all' }, Headers: ['Authorization', 'Content-Type', 'Accept', 'Origin'] },
      MinTTL: 0,
      DefaultTTL: 0,
      MaxTTL: 0,
    },
  ],
  CustomErrorResponses: [
    { ErrorCode: 404, ResponsePagePath: '/index.html', ResponseCode: 200, ErrorCachingMinTTL: 300 },
    { ErrorCode: 403, ResponsePagePath: '/index.html', ResponseCode: 200, ErrorCachingMinTTL: 300 },
  ],
  ViewerCertificate: { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' },
};

type Config = Record<string, unknown>;
const clone = (): Config => JSON.parse(JSON.stringify(SEED_001)) as Config;
const dist = (config: Config, extraResources: Record<string, unknown> = {}, extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    AWSTemplateFormatVersion: '2010-09-09',
    ...extra,
    Resources: { Cdn: { Type: 'AWS::CloudFront::Distribution', Properties: { DistributionConfig: config } }, ...extraResources },
  });
const run = (text: string, prefix: string) => brief(scanText(text, { rules: EDGE_RULES, ext: 'json' }).findings, prefix);
const findings = (text: string, id: string) => scanText(text, { rules: EDGE_RULES, ext: 'json' }).findings.filter((f) => f.ruleId === id);
const with_ = (mutate: (c: Config) => void): Config => {
  const c = clone();
  mutate(c);
  return c;
};
const behavior = (c: Config, i = 0) => (c['CacheBehaviors'] as Config[])[i]!;
const origin = (c: Config, i: number) => (c['Origins'] as Config[])[i]!;
const ACM = { AcmCertificateArn: 'arn:aws:acm:us-east-1:111122223333:certificate/abc', SslSupportMethod: 'sni-only', MinimumProtocolVersion: 'TLSv1.2_2021' };

describe('seed 001 as written', () => {
  it('fails exactly CF-002 (default certificate), CF-005 (no WAF, assumed prod), CF-006 (http-only, low) and CF-008', () => {
    expect(run(dist(clone()), 'CF-').sort()).toEqual(['CF-002 fail Cdn', 'CF-005 fail Cdn', 'CF-006 fail Cdn', 'CF-008 fail Cdn']);
    const f = findings(dist(clone()), 'CF-006')[0]!;
    expect(f.severity).toBe('low');
    expect(f.message).toMatch(/inside AWS/);
    expect(findings(dist(clone()), 'CF-005')[0]!.message).toMatch(/assumed prod/);
  });
});

describe('CF-001 viewer-https', () => {
  it('allow-all on a path behavior fails, naming the pattern', () => {
    const f = findings(dist(with_((c) => (behavior(c)['ViewerProtocolPolicy'] = 'allow-all'))), 'CF-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/\/api\/\*/);
  });
  it('allow-all on the default behavior fails; https-only passes', () => {
    expect(run(dist(with_((c) => ((c['DefaultCacheBehavior'] as Config)['ViewerProtocolPolicy'] = 'allow-all'))), 'CF-001')).toEqual(['CF-001 fail Cdn']);
    expect(run(dist(with_((c) => ((c['DefaultCacheBehavior'] as Config)['ViewerProtocolPolicy'] = 'https-only'))), 'CF-001')).toEqual([]);
  });
  it('Fn::If with an unknown condition reports the failing branch', () => {
    const extra = { Parameters: { Env: { Type: 'String' } }, Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] } } };
    const f = findings(
      dist(
        with_((c) => (behavior(c)['ViewerProtocolPolicy'] = { 'Fn::If': ['IsDev', 'allow-all', 'https-only'] })),
        {},
        extra,
      ),
      'CF-001',
    );
    expect(f.map((x) => x.status)).toEqual(['fail']);
    // IsDev is true exactly when Env is dev: the engine names the parameter value.
    expect(f[0]!.message).toMatch(/\(when parameter Env is dev\)/);
  });
});

describe('CF-002 viewer-tls', () => {
  it.each([
    ['ACM + TLSv1.2_2021 passes', ACM, []],
    ['TLSv1.2_2025 passes', { ...ACM, MinimumProtocolVersion: 'TLSv1.2_2025' }, []],
    ['TLSv1.3_2025 passes', { ...ACM, MinimumProtocolVersion: 'TLSv1.3_2025' }, []],
    ['TLSv1.2_2019 fails', { ...ACM, MinimumProtocolVersion: 'TLSv1.2_2019' }, ['CF-002 fail Cdn']],
    ['TLSv1_2016 fails', { ...ACM, MinimumProtocolVersion: 'TLSv1_2016' }, ['CF-002 fail Cdn']],
    ['vip fails even with TLSv1.2_2021', { ...ACM, SslSupportMethod: 'vip' }, ['CF-002 fail Cdn']],
    ['default certificate fails even with TLSv1.2_2021 (001)', { CloudFrontDefaultCertificate: true, MinimumProtocolVersion: 'TLSv1.2_2021' }, ['CF-002 fail Cdn']],
    ['absent ViewerCertificate fails', undefined, ['CF-002 fail Cdn']],
  ])('%s', (_n, cert, expected) => {
    expect(run(dist(with_((c) => (cert === undefined ? delete c['ViewerCertificate'] : (c['ViewerCertificate'] = cert)))), 'CF-002')).toEqual(expected);
  });
  it('a parameter without a default is not evaluated', () => {
    const extra = { Parameters: { Tls: { Type: 'String' } } };
    expect(
      run(
        dist(
          with_((c) => (c['ViewerCertificate'] = { ...ACM, MinimumProtocolVersion: { Ref: 'Tls' } })),
          {},
          extra,
        ),
        'CF-002',
      ),
    ).toEqual(['CF-002 not-evaluated Cdn']);
  });
});

describe('CF-003 s3-origin-access', () => {
  it.each([
    ['OAI passes (001)', (c: Config) => c, []],
    ['OAC passes', (c: Config) => ((origin(c, 0)['OriginAccessControlId'] = 'E1OAC'), (origin(c, 0)['S3OriginConfig'] = { OriginAccessIdentity: '' })), []],
    ['an empty OAI fails', (c: Config) => (origin(c, 0)['S3OriginConfig'] = { OriginAccessIdentity: '' }), ['CF-003 fail Cdn']],
    [
      'a website endpoint as custom origin fails',
      (c: Config) =>
        ((c['Origins'] as Config[])[0] = { Id: 'S3-Frontend', DomainName: 'site.s3-website-us-east-1.amazonaws.com', CustomOriginConfig: { OriginProtocolPolicy: 'http-only' } }),
      ['CF-003 fail Cdn'],
    ],
    [
      'an S3 REST endpoint as custom origin fails',
      (c: Config) =>
        ((c['Origins'] as Config[])[0] = { Id: 'S3-Frontend', DomainName: 'site.s3.us-east-1.amazonaws.com', CustomOriginConfig: { OriginProtocolPolicy: 'https-only' } }),
      ['CF-003 fail Cdn'],
    ],
  ])('%s', (_n, mutate, expected) => {
    expect(run(dist(with_((c) => void mutate(c))), 'CF-003')).toEqual(expected);
  });
  it('GetAtt Bucket.RegionalDomainName without OAI/OAC fails', () => {
    const c = with_((c) => ((c['Origins'] as Config[])[0] = { Id: 'S3-Frontend', DomainName: { 'Fn::GetAtt': ['Site', 'RegionalDomainName'] }, S3OriginConfig: {} }));
    expect(run(dist(c, { Site: { Type: 'AWS::S3::Bucket' } }), 'CF-003')).toEqual(['CF-003 fail Cdn']);
  });
});

describe('CF-004 api-no-cache', () => {
  it('001 (TTLs 0, Authorization forwarded) passes', () => {
    expect(run(dist(clone()), 'CF-004')).toEqual([]);
  });
  it('an absent DefaultTTL is 86400, not 0', () => {
    const f = findings(dist(with_((c) => delete behavior(c)['DefaultTTL'])), 'CF-004');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/DefaultTTL=86400/);
  });
  it('no Authorization header fails', () => {
    expect(run(dist(with_((c) => ((behavior(c)['ForwardedValues'] as Config)['Headers'] = ['Accept']))), 'CF-004')).toEqual(['CF-004 fail Cdn']);
  });
  it('Headers ["*"] forwards Authorization', () => {
    expect(run(dist(with_((c) => ((behavior(c)['ForwardedValues'] as Config)['Headers'] = ['*']))), 'CF-004')).toEqual([]);
  });
  it('managed CachingDisabled + AllViewer passes; CachingDisabled alone does not forward Authorization', () => {
    const modern = (orp?: string) =>
      with_((c) => {
        const b = behavior(c);
        for (const k of ['ForwardedValues', 'MinTTL', 'DefaultTTL', 'MaxTTL']) delete b[k];
        b['CachePolicyId'] = '4135ea2d-6df8-44a3-9df3-4b5a84be39ad';
        if (orp) b['OriginRequestPolicyId'] = orp;
      });
    expect(run(dist(modern('216adef6-5c7f-47e4-b989-5492eafa07d3')), 'CF-004')).toEqual([]);
    expect(run(dist(modern()), 'CF-004')).toEqual(['CF-004 fail Cdn']);
  });
  it('a custom cache policy id outside the scan is not evaluated', () => {
    const c = with_((c) => {
      const b = behavior(c);
      for (const k of ['ForwardedValues', 'MinTTL', 'DefaultTTL', 'MaxTTL']) delete b[k];
      b['CachePolicyId'] = '11111111-2222-3333-4444-555555555555';
    });
    expect(run(dist(c), 'CF-004')).toEqual(['CF-004 not-evaluated Cdn']);
  });
  it('the API path patterns are configurable', () => {
    const c = with_((c) => ((behavior(c)['PathPattern'] = '/v1/*'), (behavior(c)['DefaultTTL'] = 60)));
    expect(run(dist(c), 'CF-004')).toEqual([]);
    const file = dist(c);
    expect(brief(scanText(file, { rules: EDGE_RULES, ext: 'json', configFile: { apiPathPatterns: ['/v1/*'] } }).findings, 'CF-004')).toEqual(['CF-004 fail Cdn']);
  });
});

describe('CF-005 waf-attached', () => {
  it('a web ACL passes; a dev tier is not required to have one', () => {
    expect(run(dist(with_((c) => (c['WebACLId'] = 'arn:aws:wafv2:us-east-1:111122223333:global/webacl/x/1'))), 'CF-005')).toEqual([]);
    const dev = JSON.parse(dist(clone())) as { Resources: { Cdn: { Properties: Config } } };
    dev.Resources.Cdn.Properties['Tags'] = [{ Key: 'Environment', Value: 'dev' }];
    expect(run(JSON.stringify(dev), 'CF-005')).toEqual([]);
  });
});

describe('CF-006 origin-https', () => {
  it.each([
    ['https-only with TLSv1.2 passes', { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1.2'] }, []],
    ['https-only allowing TLSv1 fails', { OriginProtocolPolicy: 'https-only', OriginSSLProtocols: ['TLSv1', 'TLSv1.2'] }, ['CF-006 fail Cdn']],
    ['match-viewer fails', { OriginProtocolPolicy: 'match-viewer', OriginSSLProtocols: ['TLSv1.2'] }, ['CF-006 fail Cdn']],
  ])('%s', (_n, custom, expected) => {
    expect(run(dist(with_((c) => (origin(c, 1)['CustomOriginConfig'] = custom))), 'CF-006')).toEqual(expected);
  });
});

describe('CF-007 spa-error-mapping', () => {
  it('001 maps 403 and 404; dropping 403 fails (info)', () => {
    expect(run(dist(clone()), 'CF-007')).toEqual([]);
    const f = findings(dist(with_((c) => (c['CustomErrorResponses'] = [(c['CustomErrorResponses'] as Config[])[0]]))), 'CF-007');
    expect(f.map((x) => [x.status, x.severity])).toEqual([['fail', 'info']]);
    expect(f[0]!.message).toMatch(/403/);
  });
  it('a default origin that is not S3 is not an SPA on S3', () => {
    expect(run(dist(with_((c) => (((c['DefaultCacheBehavior'] as Config)['TargetOriginId'] = 'EC2-Backend'), delete c['CustomErrorResponses']))), 'CF-007')).toEqual([]);
  });
});

describe('CF-008 access-logging', () => {
  it('a Logging bucket, a real-time log config or a v2 delivery source passes', () => {
    expect(run(dist(with_((c) => (c['Logging'] = { Bucket: 'logs.s3.amazonaws.com' }))), 'CF-008')).toEqual([]);
    expect(run(dist(with_((c) => (behavior(c)['RealtimeLogConfigArn'] = 'arn:aws:cloudfront::111122223333:realtime-log-config/x'))), 'CF-008')).toEqual([]);
    const source = {
      Type: 'AWS::Logs::DeliverySource',
      Properties: { Name: 'cdn', LogType: 'ACCESS_LOGS', ResourceArn: { 'Fn::Sub': 'arn:aws:cloudfront::${AWS::AccountId}:distribution/${Cdn}' } },
    };
    expect(run(dist(clone(), { Src: source }), 'CF-008')).toEqual([]);
  });
});

describe('condition scenarios: each rule reads only the conditions that reach its values', () => {
  const six = EDGE_CASES['CF-001']!.invalid.find((c) => c.name.startsWith('one conditional policy'))!.template;
  const counts = (text: string) => {
    const r = scanText(text, { rules: EDGE_RULES });
    expect(r.errors).toEqual([]);
    const by = new Map<string, number>();
    for (const f of r.findings) by.set(f.ruleId, (by.get(f.ruleId) ?? 0) + 1);
    return { findings: r.findings, by: Object.fromEntries(by) };
  };

  // One conditional ViewerProtocolPolicy and six unrelated conditional properties used to give
  // CF-001 32 times (or not at all, past the 64-scenario cap) and CF-002/005/008 32–64 times.
  it('one conditional ViewerProtocolPolicy among six conditional properties: every finding once', () => {
    const { findings, by } = counts(six);
    expect(by).toEqual({ 'CF-001': 1, 'CF-002': 1, 'CF-005': 1, 'CF-008': 1 });
    const cf001 = findings.find((f) => f.ruleId === 'CF-001')!;
    expect(cf001.status).toBe('fail');
    expect(cf001.message).toMatch(/allow-all.*\(when parameter Secure is none of "true"\)$/);
    expect(cf001.conditions).toEqual([{ 'parameter Secure': '(other)' }]);
    // CF-002 reads nothing conditional: no condition text at all.
    expect(findings.find((f) => f.ruleId === 'CF-002')!.message).not.toMatch(/when/);
    expect(findings.find((f) => f.ruleId === 'CF-005')!.message).toMatch(/\(when parameter P5 is none of "yes"\)$/);
    expect(findings.find((f) => f.ruleId === 'CF-008')!.message).toMatch(/\(when parameter P6 is none of "yes"\)$/);
  });

  it('twelve more conditions on values no rule reads (origin headers): nothing explored, nothing repeated', () => {
    const more = Array.from({ length: 12 }, (_, i) => `Q${i}`);
    const text = six
      .replace('Conditions:\n', `${more.map((q) => `  ${q}:\n    Type: String\n`).join('')}Conditions:\n${more.map((q) => `  K${q}: !Equals [!Ref ${q}, 'x']\n`).join('')}`)
      .replace(
        '            CustomOriginConfig:',
        `            OriginCustomHeaders:\n${more.map((q) => `              - !If [K${q}, { HeaderName: X-${q}, HeaderValue: v }, !Ref AWS::NoValue]\n`).join('')}            CustomOriginConfig:`,
      );
    expect(text).toContain('HeaderName: X-Q11');
    const { by } = counts(text);
    // 2^12 more scenarios would pass the engine's bound of 1,024 if they were explored.
    expect(by).toEqual({ 'CF-001': 1, 'CF-002': 1, 'CF-005': 1, 'CF-008': 1 });
  });
});

describe('account-shaped distributions', () => {
  const acct = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
  const live = (config: unknown): Resource => ({
    type: 'AWS::CloudFront::Distribution',
    id: 'E1ABC',
    arn: 'arn:aws:cloudfront::111122223333:distribution/E1ABC',
    properties: { DistributionConfig: config },
    origin: acct,
  });
  const runLive = (r: Resource, id: string) =>
    evaluate(accountSource([r]), { config: effectiveConfig({}, '2026-11-22'), rules: EDGE_RULES.filter((x) => x.meta.id === id) }).findings.map((f) => `${f.ruleId} ${f.status}`);
  it('001 as read live fails CF-002; an unreadable Logging is not evaluated', () => {
    expect(runLive(live(clone()), 'CF-002')).toEqual(['CF-002 fail']);
    expect(runLive(live({ ...clone(), Logging: new Unknown('cloudfront:GetDistributionConfig AccessDenied') }), 'CF-008')).toEqual(['CF-008 not-evaluated']);
    expect(runLive(live({ ...clone(), ViewerCertificate: { ...ACM } }), 'CF-002')).toEqual([]);
  });
});

describe('peer corpus: every mapped peer FAIL is a fail of our control', () => {
  const corpus = resolve(process.cwd(), '../shared/corpus');
  it.skipIf(!existsSync(join(corpus, 'manifest.json')))('checkov / cfn_nag CloudFront checks', () => {
    const manifest = JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) as Record<string, unknown>[];
    const map = JSON.parse(readFileSync(join(corpus, '../tools/peer-map.json'), 'utf8')) as Record<string, Record<string, [string, string]>>;
    const missed: string[] = [];
    let checked = 0;
    for (const e of manifest) {
      const m = map[e['tool'] as string]?.[e['check_id'] as string];
      if (!m?.[0].startsWith('CF-') || m[1] !== 'superset' || e['expected'] !== 'FAIL' || e['parameter_values'] || e['condition_values']) continue;
      checked++;
      const ids = [e['logical_id'] as string, ...((e['related_ids'] as string[] | undefined) ?? [])];
      const r = scanTemplates([join(corpus, e['template'] as string)], { rules: EDGE_RULES });
      if (!r.findings.some((f) => f.ruleId === m[0] && f.status === 'fail' && ids.includes(f.resource.id)))
        missed.push(`${e['check_id'] as string} ${e['template'] as string} ${ids[0]!}`);
    }
    expect(checked).toBeGreaterThan(15);
    expect(missed).toEqual([]);
  });
});
