import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { LOAD_BALANCING_RULES } from '../../src/rules/load-balancing/index.js';
import { classifyPolicy } from '../../src/rules/load-balancing/tls-policies.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = LOAD_BALANCING_RULES;
const lb = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });

const alb = (sg = '[sg-0123456789abcdef0]') => `  Alb:
    Type: AWS::ElasticLoadBalancingV2::LoadBalancer
    Properties:
      Subnets: [subnet-1, subnet-2]
      SecurityGroups: ${sg}
`;
const listener = (body: string, name = 'Http') => `  ${name}:
    Type: AWS::ElasticLoadBalancingV2::Listener
    Properties:
      LoadBalancerArn: !Ref Alb
${body}`;
const http = (actions: string) => listener(`      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n${actions}`);
const forward = '        - Type: forward\n          TargetGroupArn: arn:aws:elasticloadbalancing:us-east-1:111122223333:targetgroup/tg/1\n';
const redirect = (protocol: string) => `        - Type: redirect\n          RedirectConfig:\n            Protocol: ${protocol}\n            Port: '443'\n            StatusCode: HTTP_301\n`;

describe('LB-001 http-redirects-to-https', () => {
  const cases: [string, string, string[]][] = [
    ['forward over HTTP fails on the listener and the load balancer', http(forward), ['LB-001 fail Alb', 'LB-001 fail Http']],
    ['a redirect to HTTPS passes', http(redirect('HTTPS')), []],
    ['a redirect in second position still passes', http(`        - Type: authenticate-oidc\n          AuthenticateOidcConfig: {}\n${redirect('HTTPS')}`), []],
    ['a redirect keeping HTTP fails', http(redirect('HTTP')), ['LB-001 fail Alb', 'LB-001 fail Http']],
    ['a fixed-response-only listener serves no content and passes', http('        - Type: fixed-response\n          FixedResponseConfig:\n            StatusCode: "404"\n'), []],
    ['an HTTPS listener is not LB-001', listener(`      Port: 443\n      Protocol: HTTPS\n      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n      DefaultActions:\n${forward}`), []],
  ];
  it.each(cases)('%s', (_n, body, expected) => {
    expect(brief(lb(alb() + body).findings, 'LB-001').sort()).toEqual(expected);
  });

  it('points at DefaultActions and says what the listener does', () => {
    const f = lb(alb() + http(forward)).findings.find((x) => x.ruleId === 'LB-001' && x.resource.id === 'Http')!;
    expect(f.path).toEqual(['Properties', 'DefaultActions']);
    expect(f.message).toMatch(/port 80 does not redirect to HTTPS: its default action is forward/);
    expect(f.resource.line).toBe(14);
  });

  it('an unknown condition checks both branches and names the failing one', () => {
    const extra = 'Parameters:\n  UseHttps:\n    Type: String\nConditions:\n  IsHttps: !Equals [!Ref UseHttps, "true"]\n';
    const body = listener(`      Port: 80\n      Protocol: HTTP\n      DefaultActions: !If\n        - IsHttps\n        - - Type: redirect\n            RedirectConfig: { Protocol: HTTPS }\n        - - Type: forward\n            TargetGroupArn: tg\n`);
    const f = lb(alb() + body, extra).findings.filter((x) => x.ruleId === 'LB-001' && x.resource.id === 'Http');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/when condition IsHttps is false/);
  });

  it('a protocol parameter without a default is not evaluated', () => {
    const extra = 'Parameters:\n  Proto:\n    Type: String\n';
    const body = listener(`      Port: 80\n      Protocol: !Ref Proto\n      DefaultActions:\n${forward}`);
    expect(brief(lb(alb() + body, extra).findings, 'LB-001')).toEqual(['LB-001 not-evaluated Http']);
  });

  const cfStack = (cidrRule: string) => `  AlbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: alb
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          SourcePrefixListId: pl-3b927c52
${cidrRule}${alb('[!Ref AlbSg]')}${http(forward)}`;
  it('a load balancer only CloudFront reaches may serve HTTP', () => {
    expect(brief(lb(cfStack('')).findings, 'LB-001')).toEqual([]);
  });
  it('CloudFront plus the internet is not "only CloudFront"', () => {
    const open = '        - IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80\n          CidrIp: 0.0.0.0/0\n';
    expect(brief(lb(cfStack(open)).findings, 'LB-001').sort()).toEqual(['LB-001 fail Alb', 'LB-001 fail Http']);
  });

  it('a listener rule that forwards on a redirecting HTTP listener fails', () => {
    const rule = `  ApiRule:
    Type: AWS::ElasticLoadBalancingV2::ListenerRule
    Properties:
      ListenerArn: !Ref Http
      Priority: 1
      Conditions: [{ Field: path-pattern, Values: ['/api/*'] }]
      Actions:
${forward}`;
    expect(brief(lb(alb() + http(redirect('HTTPS')) + rule).findings, 'LB-001')).toEqual(['LB-001 fail ApiRule']);
  });

  it('works on account-shaped resources (listener ARN → load balancer ARN)', () => {
    const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
    const lbArn = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1';
    const resources: Resource[] = [
      { type: 'AWS::ElasticLoadBalancingV2::LoadBalancer', id: lbArn, arn: lbArn, properties: { Type: 'application', SecurityGroups: ['sg-1'] }, origin },
      { type: 'AWS::ElasticLoadBalancingV2::Listener', id: `${lbArn}/l1`, arn: `${lbArn}/l1`, properties: { LoadBalancerArn: lbArn, Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tg' }] }, origin },
      { type: 'AWS::ElasticLoadBalancingV2::Listener', id: `${lbArn}/l2`, arn: `${lbArn}/l2`, properties: { LoadBalancerArn: lbArn, Port: 8080, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } }] }, origin },
    ];
    const r = evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules: [LOAD_BALANCING_RULES[0]!] });
    expect(r.findings.map((f) => `${f.status} ${f.resource.id.split('/').pop()}`).sort()).toEqual(['fail 1', 'fail l1']);
  });
});

describe('LB-002 tls-policy', () => {
  const https = (policy: string, proto = 'HTTPS') => listener(`      Port: 443\n      Protocol: ${proto}\n${policy}      Certificates: [{ CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/x }]\n      DefaultActions:\n${forward}`, 'Https');
  const cases: [string, string, string[]][] = [
    ['TLS13-1-2-2021-06 passes', https('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n'), []],
    ['a TLS 1.3-only policy passes', https('      SslPolicy: ELBSecurityPolicy-TLS13-1-3-2021-06\n'), []],
    ['TLS-1-2-Ext-2018-06 passes (minimum TLS 1.2)', https('      SslPolicy: ELBSecurityPolicy-TLS-1-2-Ext-2018-06\n'), []],
    ['a post-quantum TLS 1.2 policy passes', https('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\n'), []],
    ['2016-08 fails', https('      SslPolicy: ELBSecurityPolicy-2016-08\n'), ['LB-002 fail Https']],
    ['TLS13-1-1 fails on an NLB TLS listener', https('      SslPolicy: ELBSecurityPolicy-TLS13-1-1-2021-06\n', 'TLS'), ['LB-002 fail Https']],
    ['absent SslPolicy is the CloudFormation default 2016-08 and fails', https(''), ['LB-002 fail Https']],
    ['an unrecognised policy is not evaluated', https('      SslPolicy: ELBSecurityPolicy-Future-2030-01\n'), ['LB-002 not-evaluated Https']],
    ['plain HTTP on 443 fails', listener(`      Port: 443\n      Protocol: HTTP\n      DefaultActions:\n${forward}`, 'Https'), ['LB-002 fail Https']],
    ['plain HTTP on 80 is LB-001, not LB-002', http(forward), []],
  ];
  it.each(cases)('%s', (_n, body, expected) => {
    expect(brief(lb(alb() + body).findings, 'LB-002')).toEqual(expected);
  });

  it('says which default applies and where it is documented', () => {
    const f = lb(alb() + https('')).findings.find((x) => x.ruleId === 'LB-002')!;
    expect(f.message).toMatch(/sets no SslPolicy, so it gets ELBSecurityPolicy-2016-08 .*describe-ssl-policies\.html.*TLS 1\.0/);
  });

  it('a policy parameter: default judged, no default not evaluated', () => {
    const body = https('      SslPolicy: !Ref Policy\n');
    expect(brief(lb(alb() + body, 'Parameters:\n  Policy:\n    Type: String\n    Default: ELBSecurityPolicy-2016-08\n').findings, 'LB-002')).toEqual(['LB-002 fail Https']);
    expect(brief(lb(alb() + body, 'Parameters:\n  Policy:\n    Type: String\n').findings, 'LB-002')).toEqual(['LB-002 not-evaluated Https']);
  });

  const classic = (listeners: string, policies = '') => `  Clb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
${listeners}${policies}`;
  it('Classic HTTPS without a policy fails; with a TLS 1.2 reference policy passes', () => {
    const l = "        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn:cert, PolicyNames: [Tls12] }\n";
    const bare = "        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn:cert }\n";
    const policies = '      Policies:\n        - PolicyName: Tls12\n          PolicyType: SSLNegotiationPolicyType\n          Attributes: [{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01 }]\n';
    expect(brief(lb(classic(bare)).findings, 'LB-002')).toEqual(['LB-002 fail Clb']);
    expect(brief(lb(classic(l, policies)).findings, 'LB-002')).toEqual([]);
    expect(brief(lb(classic(l, policies.replace('TLS-1-2-2017-01', '2016-08'))).findings, 'LB-002')).toEqual(['LB-002 fail Clb']);
  });

  it('classifies the documented policies by minimum protocol', () => {
    for (const ok of ['ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06', 'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04', 'ELBSecurityPolicy-FS-1-2-Res-2020-10', 'ELBSecurityPolicy-TLS-1-2-2017-01']) expect(classifyPolicy(ok)).toEqual({ ok: true });
    for (const bad of ['ELBSecurityPolicy-TLS13-1-0-2021-06', 'ELBSecurityPolicy-FS-1-1-2019-08', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-2015-05']) expect(classifyPolicy(bad).ok).toBe(false);
  });
});

describe('LB-003 classic-load-balancer', () => {
  it('a Classic Load Balancer is a low finding; an ALB is not', () => {
    const clb = "  Clb:\n    Type: AWS::ElasticLoadBalancing::LoadBalancer\n    Properties:\n      Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }]\n";
    const r = lb(clb + alb());
    expect(r.findings.filter((f) => f.ruleId === 'LB-003').map((f) => [f.status, f.resource.id, f.severity])).toEqual([['fail', 'Clb', 'low']]);
  });
});

describe('peer corpus (checkov CKV2_AWS_20, CKV_AWS_103; cfn_nag W55)', () => {
  it.skipIf(!hasCorpus)('every mapped peer FAIL is ours too', () => {
    const { misses, stricter, checked } = peerDisagreements(['LB-001', 'LB-002', 'LB-003'], rules);
    expect(checked).toBeGreaterThan(10);
    expect(misses).toEqual([]);
    expect(stricter).toEqual([]);
  });
});
