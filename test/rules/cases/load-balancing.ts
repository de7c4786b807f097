import type { Resource } from '../../../src/model/resource.js';
import { Unknown } from '../../../src/model/values.js';
import type { RuleCases } from '../../helpers/rule-tester.js';
import { alb, forward, http, listener } from '../templates.js';

const redirect = (protocol: string) =>
  `        - Type: redirect\n          RedirectConfig:\n            Protocol: ${protocol}\n            Port: '443'\n            StatusCode: HTTP_301\n`;
const https = (policy: string, proto = 'HTTPS') =>
  listener(
    `      Port: 443\n      Protocol: ${proto}\n${policy}      Certificates: [{ CertificateArn: arn:aws:acm:us-east-1:111122223333:certificate/x }]\n      DefaultActions:\n${forward}`,
    'Https',
  );
const tpl = (resources: string, head = '') => `${head}Resources:\n${resources}`;

/** An ALB whose group admits port 80 from CloudFront's origin-facing list (plus `extra` rules). */
const cloudfrontOnly = (extra = '') => `  AlbSg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: alb
      SecurityGroupIngress:
        - IpProtocol: tcp
          FromPort: 80
          ToPort: 80
          SourcePrefixListId: pl-3b927c52
${extra}${alb('[!Ref AlbSg]')}${http(forward)}`;

const classic = (listeners: string, policies = '') => `  Clb:
    Type: AWS::ElasticLoadBalancing::LoadBalancer
    Properties:
      Listeners:
${listeners}${policies}`;
const classicHttps = (policyNames = '') => `        - { LoadBalancerPort: '443', InstancePort: '80', Protocol: HTTPS, SSLCertificateId: arn:cert${policyNames} }\n`;
const negotiation = (attributes: string) => `      Policies:\n        - PolicyName: Tls\n          PolicyType: SSLNegotiationPolicyType\n          Attributes: ${attributes}\n`;

const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const lbArn = 'arn:aws:elasticloadbalancing:us-east-1:111122223333:loadbalancer/app/web/1';
const liveAlb = (groups: string[] = ['sg-1']): Resource => ({
  type: 'AWS::ElasticLoadBalancingV2::LoadBalancer',
  id: lbArn,
  arn: lbArn,
  properties: { Type: 'application', SecurityGroups: groups },
  origin,
});
const liveListener = (n: string, props: Record<string, unknown>): Resource => ({
  type: 'AWS::ElasticLoadBalancingV2::Listener',
  id: `${lbArn}/${n}`,
  arn: `${lbArn}/${n}`,
  properties: { LoadBalancerArn: lbArn, ...props },
  origin,
});
const liveGroup = (id: string, ingress: unknown): Resource => ({
  type: 'AWS::EC2::SecurityGroup',
  id,
  arn: `arn:aws:ec2:us-east-1:111122223333:security-group/${id}`,
  properties: { GroupId: id, SecurityGroupIngress: ingress, SecurityGroupEgress: [] },
  origin,
});
const httpForward = { Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'forward', TargetGroupArn: 'tg' }] };

export const LOAD_BALANCING_CASES: Record<string, RuleCases> = {
  'LB-001': {
    valid: [
      { name: 'a redirect to HTTPS', template: tpl(alb() + http(redirect('HTTPS'))) },
      { name: 'a redirect in second position', template: tpl(alb() + http(`        - Type: authenticate-oidc\n          AuthenticateOidcConfig: {}\n${redirect('HTTPS')}`)) },
      {
        name: 'a redirect to HTTPS decides whatever an unknown neighbour action is',
        template: tpl(alb() + http(`        - Type: !Ref FirstAction\n${redirect('HTTPS')}`), 'Parameters:\n  FirstAction:\n    Type: String\n'),
      },
      {
        name: 'a fixed-response-only listener serves no content',
        template: tpl(alb() + http('        - Type: fixed-response\n          FixedResponseConfig:\n            StatusCode: "404"\n')),
      },
      { name: 'an HTTPS listener', template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n')) },
      { name: 'a load balancer only CloudFront reaches may serve HTTP', template: tpl(cloudfrontOnly()) },
      {
        name: 'a listener whose condition is false does not exist',
        template: tpl(
          `${alb()}  Http:\n    Type: AWS::ElasticLoadBalancingV2::Listener\n    Condition: Never\n    Properties:\n      LoadBalancerArn: !Ref Alb\n      Port: 80\n      Protocol: HTTP\n      DefaultActions:\n${forward}`,
          'Conditions:\n  Never: !Equals [a, b]\n',
        ),
      },
    ],
    invalid: [
      {
        name: 'forward over HTTP: the listener and its load balancer',
        template: tpl(alb() + http(forward)),
        expect: [
          { messageId: 'listener', resource: 'Http', line: 13, contains: 'its default action is forward' },
          { messageId: 'load-balancer', resource: 'Alb' },
        ],
      },
      {
        name: 'a redirect keeping HTTP',
        template: tpl(alb() + http(redirect('HTTP'))),
        expect: [
          { messageId: 'listener', resource: 'Http', contains: 'keeps protocol HTTP' },
          { messageId: 'load-balancer', resource: 'Alb' },
        ],
      },
      {
        name: 'only the scenario that forwards fails, and says so',
        template: tpl(
          alb() +
            listener(
              '      Port: 80\n      Protocol: HTTP\n      DefaultActions: !If\n        - IsHttps\n        - - Type: redirect\n            RedirectConfig: { Protocol: HTTPS }\n        - - Type: forward\n            TargetGroupArn: tg\n',
            ),
          'Parameters:\n  UseHttps:\n    Type: String\nConditions:\n  IsHttps: !Equals [!Ref UseHttps, "true"]\n',
        ),
        expect: [
          { messageId: 'listener', resource: 'Http', contains: '(when parameter UseHttps is none of "true")' },
          { messageId: 'load-balancer', resource: 'Alb', contains: '(when parameter UseHttps is none of "true")' },
        ],
      },
      {
        name: 'CloudFront plus the internet is not only CloudFront',
        template: tpl(cloudfrontOnly('        - IpProtocol: tcp\n          FromPort: 80\n          ToPort: 80\n          CidrIp: 0.0.0.0/0\n')),
        expect: [
          { messageId: 'listener', resource: 'Http' },
          { messageId: 'load-balancer', resource: 'Alb' },
        ],
      },
      {
        name: 'a listener rule that forwards on a redirecting HTTP listener',
        template: tpl(
          alb() +
            http(redirect('HTTPS')) +
            `  ApiRule:\n    Type: AWS::ElasticLoadBalancingV2::ListenerRule\n    Properties:\n      ListenerArn: !Ref Http\n      Priority: 1\n      Conditions: [{ Field: path-pattern, Values: ['/api/*'] }]\n      Actions:\n${forward}`,
        ),
        expect: [{ messageId: 'listener-rule', resource: 'ApiRule', contains: 'its action is forward' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a protocol known only at deployment',
        template: tpl(alb() + listener(`      Port: 80\n      Protocol: !Ref Proto\n      DefaultActions:\n${forward}`), 'Parameters:\n  Proto:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Http', contains: 'Proto has no Default' }],
      },
      {
        name: 'actions known only at deployment',
        template: tpl(alb() + http('        - Type: !Ref ActionType\n          TargetGroupArn: tg\n'), 'Parameters:\n  ActionType:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Http', contains: 'ActionType has no Default' }],
      },
    ],
    account: [
      {
        name: 'live forward over HTTP fails on the listener and the load balancer; a redirect passes',
        resources: [
          liveAlb(),
          liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, CidrIp: '0.0.0.0/0' }]),
          liveListener('l1', httpForward),
          liveListener('l2', { Port: 8080, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } }] }),
        ],
        expect: [
          { status: 'fail', messageId: 'listener', resource: `${lbArn}/l1` },
          { status: 'fail', messageId: 'load-balancer', resource: lbArn },
        ],
      },
      {
        name: 'security groups not read: whether only CloudFront reaches it is unknown',
        resources: [liveAlb(), liveListener('l1', httpForward)],
        failedReads: [{ region: 'us-east-1', call: 'ec2:DescribeSecurityGroups', error: 'AccessDenied' }],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: `${lbArn}/l1`, contains: 'ec2:DescribeSecurityGroups failed in us-east-1: AccessDenied' }],
      },
      {
        name: 'group rules unreadable: whether only CloudFront reaches it is unknown',
        resources: [liveAlb(), liveGroup('sg-1', new Unknown('ec2:DescribeSecurityGroupRules failed: AccessDenied')), liveListener('l1', httpForward)],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: `${lbArn}/l1`, contains: 'DescribeSecurityGroupRules failed' }],
      },
      {
        name: 'listener rules not read: a redirecting HTTP listener is undecided',
        resources: [liveAlb(), liveListener('l2', { Port: 80, Protocol: 'HTTP', DefaultActions: [{ Type: 'redirect', RedirectConfig: { Protocol: 'HTTPS', Port: '443' } }] })],
        failedReads: [{ region: 'us-east-1', call: 'elasticloadbalancing:DescribeRules', error: 'AccessDenied', types: ['AWS::ElasticLoadBalancingV2::ListenerRule'] }],
        expect: [
          { status: 'not-evaluated', messageId: 'engine/unknown', resource: `${lbArn}/l2`, contains: 'elasticloadbalancing:DescribeRules failed in us-east-1: AccessDenied' },
        ],
      },
      {
        name: 'live CloudFront-only load balancer',
        resources: [liveAlb(), liveGroup('sg-1', [{ IpProtocol: 'tcp', FromPort: 80, ToPort: 80, SourcePrefixListId: 'pl-3b927c52' }]), liveListener('l1', httpForward)],
        expect: [],
      },
    ],
  },
  'LB-002': {
    valid: [
      { name: 'TLS13-1-2-2021-06', template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-TLS13-1-2-2021-06\n')) },
      { name: 'a TLS 1.3-only policy', template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-TLS13-1-3-2021-06\n')) },
      { name: 'TLS-1-2-Ext-2018-06 (minimum TLS 1.2)', template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-TLS-1-2-Ext-2018-06\n')) },
      { name: 'plain HTTP on 80 is LB-001, not LB-002', template: tpl(alb() + http(forward)) },
      {
        name: 'a Classic listener referencing a TLS 1.2 policy',
        template: tpl(classic(classicHttps(', PolicyNames: [Tls]'), negotiation('[{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-TLS-1-2-2017-01 }]'))),
      },
    ],
    invalid: [
      {
        name: '2016-08',
        template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-2016-08\n')),
        expect: [{ messageId: 'old-policy', resource: 'Https', contains: 'accepts TLS 1.0' }],
      },
      {
        name: 'TLS13-1-1 on an NLB TLS listener',
        template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-TLS13-1-1-2021-06\n', 'TLS')),
        expect: [{ messageId: 'old-policy', resource: 'Https', contains: 'TLS listener on port 443' }],
      },
      {
        name: 'no SslPolicy: the CloudFormation default 2016-08',
        template: tpl(alb() + https('')),
        expect: [{ messageId: 'default-policy', resource: 'Https', contains: 'ELBSecurityPolicy-2016-08' }],
      },
      {
        name: 'plain HTTP on 443',
        template: tpl(alb() + listener(`      Port: 443\n      Protocol: HTTP\n      DefaultActions:\n${forward}`, 'Https')),
        expect: [{ messageId: 'plain-http-443', resource: 'Https' }],
      },
      {
        name: 'a policy parameter whose Default is old',
        template: tpl(alb() + https('      SslPolicy: !Ref Policy\n'), 'Parameters:\n  Policy:\n    Type: String\n    Default: ELBSecurityPolicy-2016-08\n'),
        expect: [{ messageId: 'old-policy', resource: 'Https' }],
      },
      {
        name: 'a policy chosen among AllowedValues: only the old one fails',
        template: tpl(
          alb() + https('      SslPolicy: !Ref Policy\n'),
          'Parameters:\n  Policy:\n    Type: String\n    AllowedValues: [ELBSecurityPolicy-TLS13-1-2-2021-06, ELBSecurityPolicy-2016-08]\n',
        ),
        expect: [{ messageId: 'old-policy', resource: 'Https', contains: '(when parameter Policy is ELBSecurityPolicy-2016-08)' }],
      },
      { name: 'a Classic HTTPS listener without a policy', template: tpl(classic(classicHttps())), expect: [{ messageId: 'default-policy', resource: 'Clb' }] },
      {
        name: 'a Classic listener referencing 2016-08',
        template: tpl(classic(classicHttps(', PolicyNames: [Tls]'), negotiation('[{ Name: Reference-Security-Policy, Value: ELBSecurityPolicy-2016-08 }]'))),
        expect: [{ messageId: 'old-policy', resource: 'Clb' }],
      },
      {
        name: 'a Classic custom policy enabling TLS 1.0',
        template: tpl(classic(classicHttps(', PolicyNames: [Tls]'), negotiation("[{ Name: Protocol-TLSv1, Value: 'true' }, { Name: Protocol-TLSv1.2, Value: 'true' }]"))),
        expect: [{ messageId: 'custom-protocols', resource: 'Clb', contains: 'Protocol-TLSv1' }],
      },
    ],
    notEvaluated: [
      {
        name: 'a policy stackaudit does not know',
        template: tpl(alb() + https('      SslPolicy: ELBSecurityPolicy-Future-2030-01\n')),
        expect: [{ messageId: 'unknown-policy', resource: 'Https' }],
      },
      {
        name: 'a policy parameter without a value',
        template: tpl(alb() + https('      SslPolicy: !Ref Policy\n'), 'Parameters:\n  Policy:\n    Type: String\n'),
        expect: [{ messageId: 'engine/unknown', resource: 'Https', contains: 'Policy has no Default' }],
      },
      {
        name: 'a Classic policy the template does not define',
        template: tpl(classic(classicHttps(', PolicyNames: [Elsewhere]'))),
        expect: [{ messageId: 'engine/unknown', resource: 'Clb', contains: 'whose protocols were not read' }],
      },
    ],
    account: [
      {
        name: 'live HTTPS listeners: 2016-08 fails, TLS13 passes',
        resources: [
          liveAlb(),
          liveListener('old', { Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-2016-08', DefaultActions: [] }),
          liveListener('new', { Port: 443, Protocol: 'HTTPS', SslPolicy: 'ELBSecurityPolicy-TLS13-1-2-2021-06', DefaultActions: [] }),
        ],
        expect: [{ status: 'fail', messageId: 'old-policy', resource: `${lbArn}/old` }],
      },
      {
        name: 'a live Classic listener with a per-balancer policy not read',
        resources: [
          {
            type: 'AWS::ElasticLoadBalancing::LoadBalancer',
            id: 'web',
            properties: {
              LoadBalancerName: 'web',
              Listeners: [{ LoadBalancerPort: '443', InstancePort: '80', Protocol: 'HTTPS', PolicyNames: ['AWSConsole-SSLNegotiationPolicy-web-1'] }],
            },
            origin,
          },
        ],
        expect: [{ status: 'not-evaluated', messageId: 'engine/unknown', resource: 'web', contains: 'AWSConsole-SSLNegotiationPolicy-web-1' }],
      },
    ],
  },
  'LB-003': {
    valid: [{ name: 'an Application Load Balancer', template: tpl(alb()) }],
    invalid: [
      {
        name: 'a Classic Load Balancer',
        template: tpl(classic("        - { LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }\n")),
        expect: [{ messageId: 'classic', resource: 'Clb', severity: 'low' }],
      },
    ],
    notEvaluated: [
      {
        name: 'Classic Load Balancers stamped out by a loop over an unknown list',
        template: `Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Balancers:
    - Name
    - !Ref Names
    - Clb\${Name}:
        Type: AWS::ElasticLoadBalancing::LoadBalancer
        Properties:
          Listeners: [{ LoadBalancerPort: '80', InstancePort: '80', Protocol: HTTP }]
`,
        expect: [{ messageId: 'engine/unexpanded', resource: 'Clb${Name}' }],
      },
    ],
    account: [
      {
        name: 'a live Classic Load Balancer',
        resources: [{ type: 'AWS::ElasticLoadBalancing::LoadBalancer', id: 'web', properties: { LoadBalancerName: 'web', Listeners: [] }, origin }],
        expect: [{ status: 'fail', messageId: 'classic', resource: 'web' }],
      },
    ],
  },
};
