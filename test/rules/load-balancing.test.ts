// Behaviour the tables in cases/load-balancing.ts do not pin: finding paths, message texts,
// the policy catalogue and agreement with the peer tools.

import { describe, expect, it } from 'vitest';
import { LOAD_BALANCING_RULES } from '../../src/rules/load-balancing/index.js';
import { classifyPolicy } from '../../src/rules/load-balancing/tls-policies.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';
import { alb, forward, http, listener } from './templates.js';

const rules = LOAD_BALANCING_RULES;
const lb = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });

describe('LB-001 http-redirects-to-https', () => {
  it('points at DefaultActions and says what the listener does', () => {
    const f = lb(alb() + http(forward)).findings.find((x) => x.ruleId === 'LB-001' && x.resource.id === 'Http')!;
    expect(f.path).toEqual(['Properties', 'DefaultActions']);
    expect(f.message).toMatch(/port 80 does not redirect to HTTPS: its default action is forward/);
    expect(f.resource.line).toBe(14);
  });

  it('the load balancer finding names the listener and has the load balancer’s line', () => {
    const f = lb(alb() + http(forward)).findings.find((x) => x.ruleId === 'LB-001' && x.resource.id === 'Alb')!;
    expect(f.message).toBe('load balancer Alb serves plain HTTP: listener Http on port 80 does not redirect to HTTPS');
    expect(f.resource.line).toBe(3);
  });

  it('a listener on a load balancer the template does not have still fails (nothing shows CloudFront is its only client)', () => {
    const body = `  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Properties:\n      LoadBalancerArn: !ImportValue shared-alb\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n${forward}`;
    expect(brief(lb(body).findings, 'LB-001')).toEqual(['LB-001 fail Http']);
  });
});

describe('LB-002 tls-policy', () => {
  const https = (policy: string) => listener(`      Port: 443\n      Protocol: HTTPS\n${policy}      DefaultActions:\n${forward}`, 'Https');

  it('says which default applies and where it is documented', () => {
    const f = lb(alb() + https('')).findings.find((x) => x.ruleId === 'LB-002')!;
    expect(f.message).toMatch(/sets no SslPolicy, so it gets ELBSecurityPolicy-2016-08 .*describe-ssl-policies\.html.*TLS 1\.0/);
    expect(f.path).toEqual(['Properties']);
  });

  it('a post-quantum TLS 1.2 policy passes', () => {
    expect(brief(lb(alb() + https('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-Res-PQ-2025-09\n')).findings, 'LB-002')).toEqual([]);
  });

  it('classifies the documented policies by minimum protocol', () => {
    for (const ok of [
      'ELBSecurityPolicy-TLS13-1-2-Ext2-2021-06',
      'ELBSecurityPolicy-TLS13-1-2-FIPS-2023-04',
      'ELBSecurityPolicy-FS-1-2-Res-2020-10',
      'ELBSecurityPolicy-TLS-1-2-2017-01',
    ])
      expect(classifyPolicy(ok)).toEqual({ ok: true });
    for (const bad of ['ELBSecurityPolicy-TLS13-1-0-2021-06', 'ELBSecurityPolicy-FS-1-1-2019-08', 'ELBSecurityPolicy-TLS-1-1-2017-01', 'ELBSecurityPolicy-2015-05'])
      expect(classifyPolicy(bad).ok).toBe(false);
    expect(classifyPolicy('ELBSecurityPolicy-Future-2030-01')).toEqual({ ok: 'unknown' });
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
