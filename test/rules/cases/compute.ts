import type { Resource } from '../../../src/model/resource.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

const tpl = (resources: string, head = '') => `${head}Resources:\n${resources}`;
const instance = (props: string, name = 'Web') => `  ${name}:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: t3.micro\n${props}`;
const lt = (data: string, name = 'Lt') =>
  `  ${name}:\n    Type: AWS::EC2::LaunchTemplate\n    Properties:\n      LaunchTemplateName: web\n      LaunchTemplateData:\n        ImageId: ami-12345678\n${data}`;
const lc = (props: string) => `  Lc:\n    Type: AWS::AutoScaling::LaunchConfiguration\n    Properties:\n      ImageId: ami-1\n      InstanceType: t3.micro\n${props}`;
const volume = (props: string) => `  Vol:\n    Type: AWS::EC2::Volume\n    Properties:\n      Size: 100\n      AvailabilityZone: us-east-1a\n${props}`;
const bdm = (ebs: string) => `      BlockDeviceMappings:\n        - DeviceName: /dev/xvda\n          Ebs:\n            VolumeSize: 20\n${ebs}`;

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin });

export const COMPUTE_CASES: Record<string, RuleCases> = {
  'EC2-001': {
    valid: [
      { name: 'instance HttpTokens required', template: tpl(instance('      MetadataOptions: { HttpTokens: required }\n')) },
      { name: 'metadata endpoint disabled', template: tpl(instance('      MetadataOptions: { HttpEndpoint: disabled }\n')) },
      {
        name: 'endpoint disabled decides whatever the tokens are',
        template: tpl(instance('      MetadataOptions: { HttpEndpoint: disabled, HttpTokens: !Ref Tokens }\n'), 'Parameters:\n  Tokens:\n    Type: String\n'),
      },
      { name: 'launch template tokens required', template: tpl(lt('        MetadataOptions: { HttpTokens: required }\n')) },
      {
        name: 'an instance launched from a template in the input is judged through it',
        template: tpl(
          instance('      LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: !GetAtt Lt.LatestVersionNumber }\n') + lt('        MetadataOptions: { HttpTokens: required }\n'),
        ),
      },
      {
        name: 'an instance naming a template of the input by its name',
        template: tpl(instance('      LaunchTemplate: { LaunchTemplateName: web, Version: "1" }\n') + lt('        MetadataOptions: { HttpTokens: required }\n')),
      },
    ],
    invalid: [
      {
        name: 'instance HttpTokens optional',
        template: tpl(instance('      MetadataOptions: { HttpTokens: optional }\n')),
        expect: [{ messageId: 'optional', resource: 'Web', contains: 'HttpTokens optional' }],
      },
      { name: 'instance without MetadataOptions', template: tpl(instance('')), expect: [{ messageId: 'absent', resource: 'Web', contains: 'ImdsSupport v2.0' }] },
      { name: 'launch template without metadata options', template: tpl(lt('')), expect: [{ messageId: 'absent', resource: 'Lt' }] },
      { name: 'launch configuration optional', template: tpl(lc('      MetadataOptions: { HttpTokens: optional }\n')), expect: [{ messageId: 'optional', resource: 'Lc' }] },
      {
        name: 'tokens chosen among AllowedValues: only optional fails, and says so',
        template: tpl(instance('      MetadataOptions: { HttpTokens: !Ref ImdsMode }\n'), 'Parameters:\n  ImdsMode:\n    Type: String\n    AllowedValues: [required, optional]\n'),
        expect: [{ messageId: 'optional', resource: 'Web', contains: '(when parameter ImdsMode is optional)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a launch template outside the input',
        template: tpl(instance('      LaunchTemplate: { LaunchTemplateId: lt-0abc, Version: "1" }\n')),
        expect: [{ messageId: 'launch-template', resource: 'Web', contains: 'lt-0abc' }],
      },
      {
        name: 'tokens known only at deployment',
        template: tpl(instance('      MetadataOptions: { HttpTokens: !Ref Tokens }\n'), 'Parameters:\n  Tokens:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Web', contains: 'has no Default' }],
      },
    ],
    account: [
      {
        name: 'live instances as described',
        resources: [
          live('AWS::EC2::Instance', 'i-1', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'enabled' } }),
          live('AWS::EC2::Instance', 'i-2', { MetadataOptions: { HttpTokens: 'required', HttpEndpoint: 'enabled' } }),
          live('AWS::EC2::Instance', 'i-3', { MetadataOptions: { HttpTokens: 'optional', HttpEndpoint: 'disabled' } }),
        ],
        expect: [{ status: 'fail', messageId: 'optional', resource: 'i-1' }],
      },
    ],
  },
  'EC2-002': {
    valid: [
      { name: 'an encrypted volume', template: tpl(volume('      Encrypted: true\n')) },
      { name: 'an instance mapping encrypted', template: tpl(instance(bdm('            Encrypted: true\n'))) },
      {
        name: 'ephemeral and NoDevice mappings are not EBS',
        template: tpl(
          lc(
            '      BlockDeviceMappings:\n        - { DeviceName: /dev/sdk, Ebs: { Encrypted: true } }\n        - { DeviceName: /dev/sdc, VirtualName: ephemeral0 }\n        - { DeviceName: /dev/sdd, NoDevice: {} }\n',
          ),
        ),
      },
      {
        name: 'an instance whose volumes come from a launch template in the input',
        template: tpl(
          instance('      LaunchTemplate: { LaunchTemplateId: !Ref Lt, Version: "1" }\n') +
            lt('        BlockDeviceMappings:\n          - DeviceName: /dev/xvda\n            Ebs: { Encrypted: true }\n'),
        ),
      },
    ],
    invalid: [
      { name: 'Encrypted false', template: tpl(volume('      Encrypted: false\n')), expect: [{ messageId: 'off', resource: 'Vol' }] },
      { name: '"false" as a string', template: tpl(volume("      Encrypted: 'false'\n")), expect: [{ messageId: 'off', resource: 'Vol' }] },
      {
        name: 'Encrypted absent (no account default visible)',
        template: tpl(volume('')),
        expect: [{ messageId: 'absent', resource: 'Vol', contains: 'EBS encryption by default' }],
      },
      {
        name: 'an instance mapping without Encrypted',
        template: tpl(instance(bdm(''))),
        expect: [{ messageId: 'absent', resource: 'Web', line: 9, contains: 'EBS volume /dev/xvda is not encrypted' }],
      },
      {
        name: 'a launch template mapping false',
        template: tpl(lt('        BlockDeviceMappings:\n          - DeviceName: /dev/xvda\n            Ebs: { Encrypted: false }\n')),
        expect: [{ messageId: 'off', resource: 'Lt' }],
      },
      {
        name: 'only the scenario without encryption fails, and says so',
        template: tpl(
          volume('      Encrypted: !If [IsProd, true, !Ref AWS::NoValue]\n'),
          'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsProd: !Equals [!Ref Env, prod]\n',
        ),
        expect: [{ messageId: 'absent', resource: 'Vol', contains: '(when parameter Env is none of "prod")' }],
      },
    ],
    notEvaluated: [
      {
        name: 'Encrypted absent on a volume restored from a snapshot',
        template: tpl(volume('      SnapshotId: snap-0123\n')),
        expect: [{ messageId: 'snapshot', resource: 'Vol', contains: 'snap-0123' }],
      },
      { name: 'an instance without mappings: the AMI decides', template: tpl(instance('')), expect: [{ messageId: 'ami', resource: 'Web' }] },
      {
        name: 'an instance whose volumes come from a launch template outside the input',
        template: tpl(instance('      LaunchTemplate: { LaunchTemplateName: shared, Version: "1" }\n')),
        expect: [{ messageId: 'launch-template', resource: 'Web', contains: 'shared' }],
      },
      {
        name: 'Encrypted known only at deployment',
        template: tpl(volume('      Encrypted: !Ref Encrypt\n'), 'Parameters:\n  Encrypt:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Vol', contains: 'Encrypt has no Default' }],
      },
    ],
    account: [
      {
        name: 'volumes judged as volumes; instance mappings name them',
        resources: [
          live('AWS::EC2::Volume', 'vol-1', { Encrypted: false }),
          live('AWS::EC2::Volume', 'vol-2', { Encrypted: true }),
          live('AWS::EC2::Instance', 'i-1', { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-1' } }] }),
        ],
        expect: [{ status: 'fail', messageId: 'off', resource: 'vol-1' }],
      },
      {
        name: 'DescribeVolumes failed: the attached volume is not evaluated',
        resources: [live('AWS::EC2::Instance', 'i-2', { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-9' } }] })],
        failedReads: [{ region: 'us-east-1', call: 'ec2:DescribeVolumes', error: 'AccessDenied', types: ['AWS::EC2::Volume'] }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-2', contains: 'ec2:DescribeVolumes failed in us-east-1: AccessDenied' }],
      },
      {
        name: 'an attached volume the audit did not list',
        resources: [live('AWS::EC2::Instance', 'i-3', { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: 'vol-8' } }] })],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-3', contains: 'volume vol-8 of i-3 was not read' }],
      },
    ],
  },
};
