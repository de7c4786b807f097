import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

/** A template with one security group whose ingress rules are `rules` (YAML flow mappings). */
const group = (rules: string[], extra = '', more = '') => `${extra}Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      SecurityGroupIngress:
${rules.map((r) => `        - ${r}`).join('\n')}
${more}`;

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const liveGroup = (id: string, ingress: unknown, egress: unknown = []): Resource => ({
  type: 'AWS::EC2::SecurityGroup',
  id,
  arn: `arn:aws:ec2:us-east-1:111122223333:security-group/${id}`,
  properties: { GroupId: id, SecurityGroupIngress: ingress, SecurityGroupEgress: egress },
  origin,
});
const denied = new Unknown('ec2:DescribeSecurityGroupRules failed: AccessDenied');

export const NETWORK_CASES: Record<string, RuleCases> = {
  'NET-001': {
    valid: [
      { name: 'SSH from one /32', template: group(['{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 203.0.113.10/32 }']) },
      { name: 'SSH from a security group', template: group(['{ IpProtocol: tcp, FromPort: 22, ToPort: 22, SourceSecurityGroupId: sg-0123456789abcdef0 }']) },
      { name: 'UDP 22 is not SSH', template: group(['{ IpProtocol: udp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }']) },
    ],
    invalid: [
      {
        name: 'SSH from the internet',
        template: group(['{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }']),
        expect: [{ messageId: 'internet', resource: 'Sg', line: 7 }],
      },
      {
        name: 'all traffic opens SSH and RDP: one finding',
        template: group(["{ IpProtocol: '-1', CidrIp: 0.0.0.0/0 }"]),
        expect: [{ messageId: 'internet', resource: 'Sg', contains: 'SSH and RDP' }],
      },
      {
        name: 'a private range wider than one host is medium',
        template: group(['{ IpProtocol: tcp, FromPort: 3389, ToPort: 3389, CidrIp: 10.0.0.0/16 }']),
        expect: [{ messageId: 'private-range', resource: 'Sg', severity: 'medium' }],
      },
      {
        name: 'a parameter named constructor is a parameter',
        template: group(['{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref constructor }'], 'Parameters:\n  constructor:\n    Type: String\n    Default: 0.0.0.0/0\n'),
        expect: [{ messageId: 'internet', resource: 'Sg' }],
      },
      {
        name: 'only the scenario that opens SSH fails, and says so',
        template: group(
          ['{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [IsDev, 0.0.0.0/0, 10.1.2.3/32] }'],
          'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n',
        ),
        expect: [{ messageId: 'internet', resource: 'Sg', contains: '(when parameter Env is dev)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a source parameter without a value',
        template: group(['{ IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }'], 'Parameters:\n  AdminCidr:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Sg', contains: 'AdminCidr has no Default' }],
      },
      {
        name: 'an inverted port range EC2 rejects',
        template: group(["{ IpProtocol: tcp, FromPort: '23', ToPort: '21', CidrIp: 0.0.0.0/0 }"]),
        expect: [{ messageId: 'engine/unknown', resource: 'Sg', contains: 'EC2 rejects' }],
      },
    ],
    account: [
      {
        name: 'live SSH from anywhere',
        resources: [liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }])],
        expect: [{ status: 'fail', messageId: 'internet', resource: 'sg-1' }],
      },
      {
        name: 'live rules that could not be read',
        resources: [liveGroup('sg-2', denied)],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'sg-2', contains: 'AccessDenied' }],
      },
      { name: 'live SSH from one host', resources: [liveGroup('sg-3', [{ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '198.51.100.7/32' }])], expect: [] },
    ],
  },
  'NET-002': {
    valid: [
      { name: 'a backend port from a private range', template: group(['{ IpProtocol: tcp, FromPort: 3000, ToPort: 3000, CidrIp: 10.0.0.0/8 }']) },
      { name: 'a backend port from the CloudFront origin-facing list', template: group(['{ IpProtocol: tcp, FromPort: 8000, ToPort: 8000, SourcePrefixListId: pl-3b927c52 }']) },
      { name: 'all ports to the internet is NET-003, not repeated here', template: group(["{ IpProtocol: '-1', CidrIp: 0.0.0.0/0 }"]) },
      {
        name: 'a port-443 rule with an unknown source is irrelevant',
        template: group(['{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref Cidr }'], 'Parameters:\n  Cidr:\n    Type: String\n'),
      },
    ],
    invalid: [
      {
        name: 'port 8000 from the internet',
        template: group(['{ IpProtocol: tcp, FromPort: 8000, ToPort: 8000, CidrIp: 0.0.0.0/0 }']),
        expect: [{ messageId: 'open', resource: 'Sg', contains: 'backend port 8000 open' }],
      },
      {
        name: 'port 5002 inside a range',
        template: group(['{ IpProtocol: tcp, FromPort: 5000, ToPort: 5010, CidrIpv6: ::/0 }']),
        expect: [{ messageId: 'open', resource: 'Sg', contains: '(ports 5000-5010)' }],
      },
    ],
    notEvaluated: [
      {
        name: 'an unknown prefix list',
        template: group(['{ IpProtocol: tcp, FromPort: 8000, ToPort: 8000, SourcePrefixListId: pl-0123456789abcdef0 }']),
        expect: [{ messageId: 'engine/unknown', resource: 'Sg', contains: 'not in the scan' }],
      },
    ],
    account: [
      {
        name: 'live 3000 from anywhere',
        resources: [liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 3000, ToPort: 3000, CidrIp: '0.0.0.0/0' }])],
        expect: [{ status: 'fail', messageId: 'open', resource: 'sg-1' }],
      },
      { name: 'live rules unreadable', resources: [liveGroup('sg-2', denied)], expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'sg-2' }] },
    ],
  },
  'NET-003': {
    valid: [
      { name: 'all traffic from a private range', template: group(["{ IpProtocol: '-1', CidrIp: 10.0.0.0/8 }"]) },
      { name: 'tcp 1-1024 is not all ports', template: group(['{ IpProtocol: tcp, FromPort: 1, ToPort: 1024, CidrIp: 0.0.0.0/0 }']) },
      {
        name: 'a single port with an unknown source cannot open everything',
        template: group(['{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: !Ref Cidr }'], 'Parameters:\n  Cidr:\n    Type: String\n'),
      },
    ],
    invalid: [
      { name: 'all protocols from anywhere', template: group(["{ IpProtocol: '-1', CidrIp: 0.0.0.0/0 }"]), expect: [{ messageId: 'all-protocols', resource: 'Sg' }] },
      {
        name: 'tcp 0-65535 from anywhere',
        template: group(['{ IpProtocol: tcp, FromPort: 0, ToPort: 65535, CidrIp: 0.0.0.0/0 }']),
        expect: [{ messageId: 'all-ports', resource: 'Sg', contains: 'all TCP ports' }],
      },
    ],
    notEvaluated: [
      {
        name: 'all traffic from a source known only at deployment',
        template: group(["{ IpProtocol: '-1', CidrIp: !Ref Cidr }"], 'Parameters:\n  Cidr:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Sg', contains: 'Cidr has no Default' }],
      },
    ],
    account: [
      {
        name: 'live all traffic from anywhere',
        resources: [liveGroup('sg-1', [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }])],
        expect: [{ status: 'fail', messageId: 'all-protocols', resource: 'sg-1' }],
      },
      { name: 'live rules unreadable', resources: [liveGroup('sg-2', denied)], expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'sg-2' }] },
    ],
  },
  'NET-004': {
    valid: [
      { name: 'PostgreSQL from the app group', template: group(['{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, SourceSecurityGroupId: sg-0123456789abcdef0 }']) },
      { name: 'HTTPS from anywhere is not a database port', template: group(['{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }']) },
    ],
    invalid: [
      {
        name: 'PostgreSQL from a private CIDR',
        template: group(['{ IpProtocol: tcp, FromPort: 5432, ToPort: 5432, CidrIp: 10.0.0.0/16 }']),
        expect: [{ messageId: 'cidr', resource: 'Sg' }],
      },
      {
        name: 'a CIDR known only at deployment is still a CIDR',
        template: group(['{ IpProtocol: tcp, FromPort: 3306, ToPort: 3306, CidrIp: !Ref Cidr }'], 'Parameters:\n  Cidr:\n    Type: String\n'),
        expect: [{ messageId: 'cidr', resource: 'Sg' }],
      },
      {
        name: 'a VPC CidrBlock of the same template',
        template: group(
          ['{ IpProtocol: tcp, FromPort: 6379, ToPort: 6379, CidrIp: !GetAtt Vpc.CidrBlock }'],
          '',
          '  Vpc:\n    Type: AWS::EC2::VPC\n    Properties:\n      CidrBlock: 10.20.0.0/16\n',
        ),
        expect: [{ messageId: 'cidr', resource: 'Sg', contains: '10.20.0.0/16' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a port known only at deployment',
        template: group(['{ IpProtocol: tcp, FromPort: !Ref Port, ToPort: !Ref Port, CidrIp: 10.0.0.0/8 }'], 'Parameters:\n  Port:\n    Type: Number\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Sg', contains: 'Port has no Default' }],
      },
    ],
    account: [
      {
        name: 'live MySQL from a CIDR',
        resources: [liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 3306, ToPort: 3306, CidrIp: '172.16.0.0/12' }])],
        expect: [{ status: 'fail', messageId: 'cidr', resource: 'sg-1' }],
      },
      { name: 'live rules unreadable', resources: [liveGroup('sg-2', denied)], expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'sg-2' }] },
    ],
  },
  'NET-005': {
    valid: [
      {
        name: 'an instance behind a Classic LB admitting only the LB group',
        template: `Resources:
  LbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: lb
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 0.0.0.0/0 }]
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 5002, ToPort: 5002, SourceSecurityGroupId: !Ref LbSg }]
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: [!Ref AppSg]
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Instances: [!Ref App]
      SecurityGroups: [!Ref LbSg]
      Listeners: [{ LoadBalancerPort: '443', InstancePort: '5002', Protocol: HTTPS }]
`,
      },
      {
        name: 'an instance nothing fronts',
        template:
          'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 80, ToPort: 80, CidrIp: 0.0.0.0/0 }]\n  App:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-1\n      SecurityGroupIds: [!Ref Sg]\n',
      },
    ],
    invalid: [
      {
        name: 'an instance behind a Classic LB that also admits the internet',
        template: `Resources:
  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 5002, ToPort: 5002, CidrIp: 0.0.0.0/0 }]
  App:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      SecurityGroupIds: [!Ref AppSg]
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Instances: [!Ref App]
      Listeners: [{ LoadBalancerPort: '80', InstancePort: '5002', Protocol: HTTP }]
`,
        expect: [{ messageId: 'compute', resource: 'AppSg' }],
      },
      {
        name: 'a load balancer open on 8080',
        template:
          'Resources:\n  LbSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: lb\n      SecurityGroupIngress: [{ IpProtocol: tcp, FromPort: 8080, ToPort: 8080, CidrIp: 0.0.0.0/0 }]\n  Lb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      SecurityGroups: [!Ref LbSg]\n',
        expect: [{ messageId: 'load-balancer', resource: 'LbSg' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a load balancer group outside the template',
        template: 'Resources:\n  Lb:\n    Type: AWS::ElasticLoadBalancingV2::LoadBalancer\n    Properties:\n      SecurityGroups: [sg-0123456789abcdef0]\n',
        expect: [{ messageId: 'group-unknown', resource: 'Lb' }],
      },
    ],
    account: [
      {
        name: 'target groups unreadable: whether the instance is behind a load balancer is unknown',
        resources: [
          liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '0.0.0.0/0' }]),
          { type: 'AWS::EC2::Instance', id: 'i-1', properties: { SecurityGroupIds: ['sg-1'] }, origin },
        ],
        failedReads: [{ region: 'us-east-1', call: 'elasticloadbalancing:DescribeTargetGroups', error: 'AccessDenied', types: ['AWS::ElasticLoadBalancingV2::TargetGroup'] }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-1', contains: 'DescribeTargetGroups failed' }],
      },
      {
        name: 'a live instance targeted by a target group, open to the internet',
        resources: [
          liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '0.0.0.0/0' }]),
          { type: 'AWS::EC2::Instance', id: 'i-1', properties: { SecurityGroupIds: ['sg-1'] }, origin },
          { type: 'AWS::ElasticLoadBalancingV2::TargetGroup', id: 'tg-1', properties: { Targets: [{ Id: 'i-1' }] }, origin },
        ],
        expect: [{ status: 'fail', messageId: 'compute', resource: 'sg-1' }],
      },
      {
        name: 'target health unreadable: the target group cannot say whom it targets',
        resources: [
          liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '0.0.0.0/0' }]),
          { type: 'AWS::EC2::Instance', id: 'i-1', properties: { SecurityGroupIds: ['sg-1'] }, origin },
          {
            type: 'AWS::ElasticLoadBalancingV2::TargetGroup',
            id: 'tg-1',
            properties: { TargetGroupArn: 'arn:tg', VpcId: 'vpc-1', Targets: new Unknown('elasticloadbalancing:DescribeTargetHealth failed: AccessDenied') },
            origin,
          },
        ],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'i-1', contains: 'DescribeTargetHealth failed' }],
      },
    ],
  },
  'NET-006': {
    valid: [
      {
        name: 'a database group with egress only to the app group',
        template:
          'Resources:\n  DbSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: db\n      SecurityGroupEgress: [{ IpProtocol: tcp, FromPort: 443, ToPort: 443, DestinationSecurityGroupId: sg-0123456789abcdef0 }]\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      VPCSecurityGroups: [!Ref DbSg]\n',
      },
      { name: 'a group that guards no database', template: 'Resources:\n  WebSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: web\n' },
    ],
    invalid: [
      {
        name: 'a database group without declared egress keeps allow-all',
        template:
          'Resources:\n  DbSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: db\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      VPCSecurityGroups: [!Ref DbSg]\n',
        expect: [{ messageId: 'implicit', resource: 'DbSg' }],
      },
    ],
    notEvaluated: [
      {
        name: 'an egress protocol known only at deployment',
        template:
          'Parameters:\n  Proto:\n    Type: String\nResources:\n  DbSg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: db\n      SecurityGroupEgress: [{ IpProtocol: !Ref Proto, CidrIp: 0.0.0.0/0 }]\n  Db:\n    Type: AWS::RDS::DBInstance\n    Properties:\n      Engine: postgres\n      VPCSecurityGroups: [!Ref DbSg]\n',
        expect: [{ messageId: 'engine/unknown', resource: 'DbSg', contains: 'Proto has no Default' }],
      },
    ],
    account: [
      {
        name: 'live database group with all egress',
        resources: [
          liveGroup('sg-db', [], [{ IpProtocol: '-1', CidrIp: '0.0.0.0/0' }]),
          { type: 'AWS::RDS::DBInstance', id: 'db1', properties: { VPCSecurityGroups: ['sg-db'] }, origin },
        ],
        expect: [{ status: 'fail', messageId: 'open', resource: 'sg-db' }],
      },
      {
        name: 'live database group whose rules are unreadable',
        resources: [liveGroup('sg-db', [], denied), { type: 'AWS::RDS::DBInstance', id: 'db1', properties: { VPCSecurityGroups: ['sg-db'] }, origin }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'sg-db' }],
      },
    ],
  },
};
