import { describe, expect, it } from 'vitest';
import { effectiveConfig } from '../../src/engine/config.js';
import { evaluate } from '../../src/engine/evaluate.js';
import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
import { COMPUTE_RULES } from '../../src/rules/compute/index.js';
import { brief, scanText, template } from '../helpers/scan.js';
import { hasCorpus, peerDisagreements } from './peer-corpus.js';

const rules = COMPUTE_RULES;
const scan = (yaml: string, extra = '', options = {}) => scanText(template(yaml, extra), { rules, ...options });
const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (resources: Resource[]) => evaluate(accountSource(resources), { config: effectiveConfig({}, '2026-11-22'), rules });

const instance = (props: string, name = 'Web') => `  ${name}:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: t3.micro\n${props}`;
const lt = (data: string, name = 'Lt') => `  ${name}:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateData:\n        ImageId: ami-12345678\n${data}`;

describe('EC2-001 imdsv2-required', () => {
  const cases: [string, string, string[]][] = [
    ['instance HttpTokens required passes', instance('      MetadataOptions: { HttpTokens: required }\n'), []],
    ['instance HttpTokens optional fails', instance('      MetadataOptions: { HttpTokens: optional }\n'), ['EC2-001 fail Web']],
    ['instance without MetadataOptions fails', instance(''), ['EC2-001 fail Web']],
    ['IMDS disabled passes', instance('      MetadataOptions: { HttpEndpoint: disabled }\n'), []],
    ['launch template required passes', lt('        MetadataOptions: { HttpTokens: required }\n'), []],
    ['launch template without options fails', lt(''), ['EC2-001 fail Lt']],
    ['an instance using a launch template in the scan is judged through it', instance('      LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber }\n') + lt('        MetadataOptions: { HttpTokens: required }\n'), []],
    ['an instance using a template outside the scan is not evaluated', instance('      LaunchTemplate: { LaunchTemplateId: lt-0abc, Version: "1" }\n'), ['EC2-001 not-evaluated Web']],
    ['launch configuration optional fails', '  Lc:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: t3.micro\n      MetadataOptions: { HttpTokens: optional }\n', ['EC2-001 fail Lc']],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => expect(brief(scan(yaml).findings, 'EC2-001')).toEqual(expected));

  it('says why an absent setting fails', () => {
    const f = scan(instance('')).findings.find((x) => x.ruleId === 'EC2-001')!;
    expect(f.message).toMatch(/HttpTokens not set.*ImdsSupport v2\.0.*account-level IMDS defaults/);
  });

  it('a parameter: default judged; AllowedValues are scenarios', () => {
    const yaml = instance('      MetadataOptions: { HttpTokens: !Ref Tokens }\n');
    expect(brief(scan(yaml, 'Parameters:\n  Tokens:\n    Type: String\n    Default: required\n').findings, 'EC2-001')).toEqual([]);
    const f = scan(yaml, 'Parameters:\n  Tokens:\n    Type: String\n    AllowedValues: [required, optional]\n').findings.filter((x) => x.ruleId === 'EC2-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/parameter Tokens is optional/);
  });

  it('account: instance HttpTokens as described', () => {
    const r = live([
      { type: 'AWS::EC2::Instance', id: 'i-1', properties: { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } }, origin },
      { type: 'AWS::EC2::Instance', id: 'i-2', properties: { MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } }, origin },
    ]);
    expect(brief(r.findings, 'EC2-001')).toEqual(['EC2-001 fail i-1']);
  });
});

describe('EC2-002 ebs-encrypted', () => {
  const volume = (enc: string) => `  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 100\n      AvailabilityZone: us-east-1a\n${enc}`;
  const bdm = (ebs: string) => `      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n${ebs}`;
  const cases: [string, string, string[]][] = [
    ['encrypted volume passes', volume('      Encrypted: true\n'), []],
    ['Encrypted false fails', volume('      Encrypted: false\n'), ['EC2-002 fail Vol']],
    ['"false" as a string fails', volume("      Encrypted: 'false'\n"), ['EC2-002 fail Vol']],
    ['absent Encrypted fails (no account default visible)', volume(''), ['EC2-002 fail Vol']],
    ['absent Encrypted with a snapshot is not evaluated', volume('      SnapshotId: snap-0123\n'), ['EC2-002 not-evaluated Vol']],
    ['instance mapping encrypted passes', instance(bdm('            Encrypted: true\n')), []],
    ['instance mapping without Encrypted fails', instance(bdm('')), ['EC2-002 fail Web']],
    ['instance without mappings is not evaluated (AMI decides)', instance(''), ['EC2-002 not-evaluated Web']],
    ['launch template mapping false fails', lt('        BlockDeviceMappings:\n          - DeviceName: /dev/xvda\n            Ebs: { Encrypted: false }\n'), ['EC2-002 fail Lt']],
    ['ephemeral mappings are not EBS', '  Lc:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: m1.small\n      BlockDeviceMappings:\n        - { DeviceName: /dev/sdk, Ebs: { Encrypted: true } }\n        - { DeviceName: /dev/sdc, VirtualName: ephemeral0 }\n', []],
  ];
  it.each(cases)('%s', (_n, yaml, expected) => expect(brief(scan(yaml).findings, 'EC2-002')).toEqual(expected));

  it('mentions EBS encryption by default and points at the Ebs block', () => {
    const f = scan(instance(bdm(''))).findings.find((x) => x.ruleId === 'EC2-002')!;
    expect(f.message).toMatch(/EBS volume \/dev\/xvda is not encrypted: .*EBS encryption by default/);
    expect(f.path).toEqual(['Properties', 'BlockDeviceMappings', 0, 'Ebs']);
  });

  it('account: volumes judged as volumes, instance mappings (volume ids) skipped', () => {
    const r = live([
      { type: 'AWS::EC2::Volume', id: 'vol-1', properties: { Encrypted: false }, origin },
      { type: 'AWS::EC2::Volume', id: 'vol-2', properties: { Encrypted: true }, origin },
      { type: 'AWS::EC2::Instance', id: 'i-1', properties: { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1' } }] }, origin },
    ]);
    expect(brief(r.findings, 'EC2-002')).toEqual(['EC2-002 fail vol-1']);
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
