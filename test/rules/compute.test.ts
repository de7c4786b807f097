// Behaviour the tables in cases/compute.ts do not pin: message texts, finding paths, parameter
// defaults and agreement with the peer tools.

import { describe, expect, it } from 'vitest';
import { COMPUTE_RULES } from '../../src/rules/compute/index.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = COMPUTE_RULES;
const scan = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });

const instance = (props: string, name = 'Web') => `  ${name}:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: t3.micro\n${props}`;

describe('EC2-001 imdsv2-required', () => {
  it('says why an absent setting fails', () => {
    const f = scan(instance('')).findings.find((x) => x.ruleId === 'EC2-001')!;
    expect(f.message).toMatch(/HttpTokens not set.*ImdsSupport v2\.0.*account-level IMDS defaults/);
    expect(f.path).toEqual(['Properties']);
  });

  it('a parameter Default is the deployment a user gets; --parameter overrides it', () => {
    const yaml = instance('      MetadataOptions: { HttpTokens: !Ref ImdsMode }\n');
    const params = 'Parameters:\n  ImdsMode:\n    Type: String\n    Default: required\n';
    expect(brief(scan(yaml, params).findings, 'EC2-001')).toEqual([]);
    expect(brief(scan(yaml, params, { parameters: { ImdsMode: 'optional' } }).findings, 'EC2-001')).toEqual(['EC2-001 fail Web']);
  });

  it('HttpTokens optional points at HttpTokens', () => {
    const f = scan(instance('      MetadataOptions: { HttpTokens: optional }\n')).findings.find((x) => x.ruleId === 'EC2-001')!;
    expect(f.path).toEqual(['Properties', 'MetadataOptions', 'HttpTokens']);
  });
});

describe('EC2-002 ebs-encrypted', () => {
  const bdm = (ebs: string) => `      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n${ebs}`;

  it('mentions EBS encryption by default and points at the Ebs block', () => {
    const f = scan(instance(bdm(''))).findings.find((x) => x.ruleId === 'EC2-002')!;
    expect(f.message).toMatch(/EBS volume \/dev\/xvda is not encrypted: .*EBS encryption by default/);
    expect(f.path).toEqual(['Properties', 'BlockDeviceMappings', 0, 'Ebs']);
  });

  it('Encrypted false points at Encrypted', () => {
    const f = scan(instance(bdm('            Encrypted: false\n'))).findings.find((x) => x.ruleId === 'EC2-002')!;
    expect(f.path).toEqual(['Properties', 'BlockDeviceMappings', 0, 'Ebs', 'Encrypted']);
  });
});

describe('peer corpus (checkov CKV_AWS_79, CKV_AWS_3, CKV_AWS_8; cfn_nag F1)', () => {
  it.skipIf(!hasCorpus)('every mapped peer FAIL is ours too', () => {
    const { misses, stricter, checked } = peerDisagreements(['EC2-001', 'EC2-002'], rules);
    expect(checked).toBeGreaterThan(10);
    expect(misses).toEqual([]);
    expect(stricter).toEqual([]);
  });
});
