import { describe, expect, it } from 'vitest';
import { brief, scanText, template } from '../helpers/scan.js';

const sg = (ingress: string, name = 'Sg') => `  ${name}:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: test
      SecurityGroupIngress:
${ingress}`;

const rule = (fields: Record<string, string | number>) =>
  '        - ' +
  Object.entries(fields)
    .map(([k, v], i) => `${i ? '          ' : ''}${k}: ${typeof v === 'number' ? v : `'${v}'`}`)
    .join('\n') +
  '\n';

const net = (yaml: string, extra?: string) => brief(scanText(template(yaml, extra)).findings, 'NET-00');

describe('NET-001 ssh-single-host', () => {
  const cases: [string, Record<string, string | number>, string[]][] = [
    ['SSH from a /32 passes', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.10/32' }, []],
    ['SSH from the internet fails', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }, ['NET-001 fail Sg']],
    ['RDP from the internet fails', { IpProtocol: 'tcp', FromPort: 3389, ToPort: 3389, CidrIp: '198.51.100.0/24' }, ['NET-001 fail Sg']],
    ['a range covering 22 fails', { IpProtocol: 'tcp', FromPort: 0, ToPort: 1024, CidrIp: '0.0.0.0/0' }, ['NET-001 fail Sg']],
    ['IPv6 ::/0 written long fails', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '0000:0000::/0' }, ['NET-001 fail Sg']],
    ['IPv6 /128 passes', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIpv6: '2001:db8::1/128' }, []],
    ['icmp does not cover 22', { IpProtocol: 'icmp', FromPort: -1, ToPort: -1, CidrIp: '0.0.0.0/0' }, []],
    ['udp 22 is not SSH', { IpProtocol: 'udp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }, []],
    ['a security-group source passes', { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, SourceSecurityGroupId: 'sg-0123456789abcdef0' }, []],
    ['port 80 from the internet is not NET-001', { IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }, []],
  ];
  it.each(cases)('%s', (_name, fields, expected) => {
    expect(net(sg(rule(fields))).filter((f) => f.startsWith('NET-001'))).toEqual(expected);
  });

  it('a wider private CIDR is a medium finding', () => {
    const r = scanText(template(sg(rule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '10.0.0.0/16' }))));
    const f = r.findings.filter((x) => x.ruleId === 'NET-001');
    expect(f.map((x) => [x.status, x.severity])).toEqual([['fail', 'medium']]);
  });

  it('protocol -1 from the internet fails NET-001 and NET-003', () => {
    expect(net(sg(rule({ IpProtocol: '-1', CidrIp: '0.0.0.0/0' })))).toEqual(expect.arrayContaining(['NET-001 fail Sg', 'NET-003 fail Sg']));
  });

  it('points at the line of the CidrIp key', () => {
    const r = scanText(template(sg(rule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' }))));
    const f = r.findings.find((x) => x.ruleId === 'NET-001')!;
    expect([f.resource.line, f.resource.column]).toEqual([11, 11]);
  });

  it('a parameter without a default is not evaluated, with the reason', () => {
    const params = 'Parameters:\n  AdminCidr:\n    Type: String\n';
    const yaml = template(sg('        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !Ref AdminCidr\n'), params);
    const f = scanText(yaml).findings.filter((x) => x.ruleId === 'NET-001');
    expect(f.map((x) => x.status)).toEqual(['not-evaluated']);
    expect(f[0]!.reason).toMatch(/AdminCidr has no Default/);
  });

  it('a parameter default is the deployment a user gets; --parameter overrides it', () => {
    const params = 'Parameters:\n  AdminCidr:\n    Type: String\n    Default: 0.0.0.0/0\n';
    const yaml = template(sg('        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !Ref AdminCidr\n'), params);
    expect(brief(scanText(yaml).findings, 'NET-001')).toEqual(['NET-001 fail Sg']);
    expect(brief(scanText(yaml, { parameters: { AdminCidr: '203.0.113.7/32' } }).findings, 'NET-001')).toEqual([]);
  });

  it('AllowedValues without a default are scenarios: one bad value fails, naming it', () => {
    const params = "Parameters:\n  AdminCidr:\n    Type: String\n    AllowedValues: ['203.0.113.7/32', '0.0.0.0/0']\n";
    const yaml = template(sg('        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !Ref AdminCidr\n'), params);
    const f = scanText(yaml).findings.filter((x) => x.ruleId === 'NET-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/parameter AdminCidr is 0\.0\.0\.0\/0/);
  });

  it('Fn::If with an unknown condition checks both branches and says which one fails', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';
    const yaml = template(sg('        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !If [IsDev, 0.0.0.0/0, 10.1.2.3/32]\n'), extra);
    const f = scanText(yaml).findings.filter((x) => x.ruleId === 'NET-001');
    expect(f.map((x) => x.status)).toEqual(['fail']);
    expect(f[0]!.message).toMatch(/when parameter Env is dev/);
  });

  it('a known condition takes one branch only', () => {
    const extra = 'Parameters:\n  Env:\n    Type: String\n    Default: prod\nConditions:\n  IsDev: !Equals [!Ref Env, dev]\n';
    const yaml = template(sg('        - IpProtocol: tcp\n          FromPort: 22\n          ToPort: 22\n          CidrIp: !If [IsDev, 0.0.0.0/0, 10.1.2.3/32]\n'), extra);
    expect(brief(scanText(yaml).findings, 'NET-001')).toEqual([]);
  });

  it('a resource whose condition is false is absent', () => {
    const extra = 'Conditions:\n  Never: !Equals [a, b]\n';
    const yaml = template(
      `  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Condition: Never\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n${rule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '0.0.0.0/0' })}`,
      extra,
    );
    expect(brief(scanText(yaml).findings, 'NET')).toEqual([]);
  });

  it('standalone ingress joins its group and is reported where it is written', () => {
    const yaml = template(`  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
  SshIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: !GetAtt Sg.GroupId
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
`);
    expect(brief(scanText(yaml).findings, 'NET-001')).toEqual(['NET-001 fail SshIn']);
  });

  it('standalone ingress to a group outside the template is still checked', () => {
    const yaml = template(`  SshIn:
    Type: AWS::EC2::SecurityGroupIngress
    Properties:
      GroupId: sg-0123456789abcdef0
      IpProtocol: tcp
      FromPort: 22
      ToPort: 22
      CidrIp: 0.0.0.0/0
`);
    expect(brief(scanText(yaml).findings, 'NET-001')).toEqual(['NET-001 fail SshIn']);
  });
});

describe('NET-002 backend-port-not-public', () => {
  const cases: [string, Record<string, string | number>, string[]][] = [
    ['8000 from the internet fails', { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '0.0.0.0/0' }, ['NET-002 fail Sg']],
    ['5002 inside a range fails', { IpProtocol: 'tcp', FromPort: 5000, ToPort: 5010, CidrIp: '0.0.0.0/0' }, ['NET-002 fail Sg']],
    ['3000 from a private CIDR passes', { IpProtocol: 'tcp', FromPort: 3000, ToPort: 3000, CidrIp: '10.0.0.0/16' }, []],
    ['3001 from the LB group passes', { IpProtocol: 'tcp', FromPort: 3001, ToPort: 3001, SourceSecurityGroupId: 'sg-0abc' }, []],
    ['8000 from the CloudFront origin-facing list passes', { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, SourcePrefixListId: 'pl-3b927c52' }, []],
    ['8000 from an unknown prefix list is not evaluated', { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, SourcePrefixListId: 'pl-0123456789' }, ['NET-002 not-evaluated Sg']],
    ['8080 from IPv6 anywhere fails', { IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIpv6: '::/0' }, ['NET-002 fail Sg']],
    ['443 from the internet is not a backend port', { IpProtocol: 'tcp', FromPort: 443, ToPort: 443, CidrIp: '0.0.0.0/0' }, []],
    ['100.64.0.0/10 is private (RFC 6598)', { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '100.64.1.0/24' }, []],
    ['a public /32 is still the internet', { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, CidrIp: '203.0.113.9/32' }, ['NET-002 fail Sg']],
  ];
  it.each(cases)('%s', (_name, fields, expected) => {
    expect(net(sg(rule(fields))).filter((f) => f.startsWith('NET-002'))).toEqual(expected);
  });

  it('the port list is configurable', () => {
    const yaml = template(sg(rule({ IpProtocol: 'tcp', FromPort: 9000, ToPort: 9000, CidrIp: '0.0.0.0/0' })));
    expect(brief(scanText(yaml).findings, 'NET-002')).toEqual([]);
    expect(brief(scanText(yaml, { configFile: { backendPorts: [9000] } }).findings, 'NET-002')).toEqual(['NET-002 fail Sg']);
  });

  it('a prefix-list parameter whose default is the CloudFront list passes', () => {
    const extra = 'Parameters:\n  CloudFrontPrefixListId:\n    Type: String\n    Default: pl-3b927c52\n';
    const yaml = template(sg('        - IpProtocol: tcp\n          FromPort: 8000\n          ToPort: 8000\n          SourcePrefixListId: !Ref CloudFrontPrefixListId\n'), extra);
    expect(brief(scanText(yaml).findings, 'NET-002')).toEqual([]);
  });

  it('a template prefix list is judged by its entries', () => {
    const lists = (cidr: string) => `  Pl:
    Type: AWS::EC2::PrefixList
    Properties:
      PrefixListName: office
      AddressFamily: IPv4
      MaxEntries: 2
      Entries:
        - Cidr: ${cidr}
`;
    const body = (cidr: string) =>
      template(sg('        - IpProtocol: tcp\n          FromPort: 8000\n          ToPort: 8000\n          SourcePrefixListId: !GetAtt Pl.PrefixListId\n') + lists(cidr));
    expect(brief(scanText(body('10.0.0.0/8')).findings, 'NET-002')).toEqual([]);
    expect(brief(scanText(body('0.0.0.0/0')).findings, 'NET-002')).toEqual(['NET-002 fail Sg']);
  });
});

describe('NET-003 all-ports-public', () => {
  const cases: [string, Record<string, string | number>, string[]][] = [
    ['-1 from anywhere fails', { IpProtocol: '-1', CidrIp: '0.0.0.0/0' }, ['NET-003 fail Sg']],
    ['tcp 0-65535 from anywhere fails', { IpProtocol: 'tcp', FromPort: 0, ToPort: 65535, CidrIp: '0.0.0.0/0' }, ['NET-003 fail Sg']],
    ['-1 from a private range passes', { IpProtocol: '-1', CidrIp: '10.0.0.0/8' }, []],
    ['tcp 1-1024 is not all ports', { IpProtocol: 'tcp', FromPort: 1, ToPort: 1024, CidrIp: '0.0.0.0/0' }, []],
  ];
  it.each(cases)('%s', (_name, fields, expected) => {
    expect(net(sg(rule(fields))).filter((f) => f.startsWith('NET-003'))).toEqual(expected);
  });
});

const dbStack = (dbIngress: string, dbEgress = '') =>
  template(`  AppSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: app
  DbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: db
      SecurityGroupIngress:
${dbIngress}${dbEgress}
  Db:
    Type: AWS::RDS::DBInstance
    Properties:
      Engine: postgres
      DBInstanceClass: db.t3.micro
      AllocatedStorage: '20'
      Port: '5433'
      VPCSecurityGroups: [!GetAtt DbSg.GroupId]
`);

describe('NET-004 database-ports-sg-only and NET-006 database-egress', () => {
  it('5432 from the app group passes NET-004; default egress fails NET-006', () => {
    const r = brief(
      scanText(dbStack('        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          SourceSecurityGroupId: !Ref AppSg\n')).findings,
      'NET-00',
    );
    expect(r).toEqual(['NET-006 fail DbSg']);
  });
  it('5432 from a private CIDR fails NET-004', () => {
    const r = brief(scanText(dbStack('        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          CidrIp: 10.0.0.0/16\n')).findings, 'NET-004');
    expect(r).toEqual(['NET-004 fail DbSg']);
  });
  it('the port of a database the template defines counts (5433)', () => {
    const r = brief(scanText(dbStack('        - IpProtocol: tcp\n          FromPort: 5433\n          ToPort: 5433\n          CidrIp: 10.0.0.0/16\n')).findings, 'NET-004');
    expect(r).toEqual(['NET-004 fail DbSg']);
  });
  it('explicit egress only to the app group passes NET-006', () => {
    const egress = '      SecurityGroupEgress:\n        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          DestinationSecurityGroupId: !Ref AppSg\n';
    const r = brief(
      scanText(dbStack('        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          SourceSecurityGroupId: !Ref AppSg\n', egress)).findings,
      'NET-006',
    );
    expect(r).toEqual([]);
  });
  it('a web group with all traffic from the VPC is not a database exposure', () => {
    expect(net(sg(rule({ IpProtocol: '-1', CidrIp: '10.0.0.0/16' }))).filter((f) => f.startsWith('NET-004'))).toEqual([]);
  });
});

describe('NET-005 compute-no-internet-ingress', () => {
  const stack = (instanceIngress: string, lbIngress = rule({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' })) =>
    template(`${sg(lbIngress, 'LbSg')}
${sg(instanceIngress, 'WebSg')}
  Web:
    Type: AWS::EC2::Instance
    Properties:
      ImageId: ami-12345678
      InstanceType: t3.micro
      SecurityGroupIds: [!Ref WebSg]
  Lb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }]
      SecurityGroups: [!Ref LbSg]
      Instances: [!Ref Web]
`);
  it('an instance behind a Classic LB admitting only the LB group passes', () => {
    expect(
      net(
        stack('        - IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80\n          SourceSecurityGroupId: !Ref LbSg\n').replace(
          /^AWSTemplateFormatVersion.*\nResources:\n/,
          '',
        ),
      ),
    ).toEqual([]);
  });
  it('an instance behind a Classic LB that also admits the internet fails', () => {
    const r = brief(scanText(stack(rule({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }))).findings, 'NET-005');
    expect(r).toEqual(['NET-005 fail WebSg']);
  });
  it('SSH from one /32 on the instance is not a NET-005 finding', () => {
    expect(brief(scanText(stack(rule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '203.0.113.10/32' }))).findings, 'NET-005')).toEqual([]);
  });
  it('a load balancer open to the internet on 8080 fails', () => {
    const r = brief(
      scanText(
        stack(rule({ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourceSecurityGroupId: 'sg-1' }), rule({ IpProtocol: 'tcp', FromPort: 8080, ToPort: 8080, CidrIp: '0.0.0.0/0' })),
      ).findings,
      'NET-005',
    );
    expect(r).toEqual(['NET-005 fail LbSg']);
  });
});

describe('non-routable ranges are not the internet', () => {
  it.each(['127.0.0.1/32', '255.255.255.255/32', '169.254.169.254/32'])('egress to %s on a database group is a placeholder, not an opening', (cidr) => {
    const egress = `      SecurityGroupEgress:\n        - IpProtocol: '-1'\n          CidrIp: ${cidr}\n`;
    const r = brief(
      scanText(dbStack('        - IpProtocol: tcp\n          FromPort: 5432\n          ToPort: 5432\n          SourceSecurityGroupId: !Ref AppSg\n', egress)).findings,
      'NET-006',
    );
    expect(r).toEqual([]);
  });
  it('SSH from loopback is not an internet exposure (NET-001 still wants one host: /8 is medium)', () => {
    const f = scanText(template(sg(rule({ IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: '127.0.0.0/8' })))).findings.filter((x) => x.ruleId === 'NET-001');
    expect(f.map((x) => x.severity)).toEqual(['medium']);
  });
});
