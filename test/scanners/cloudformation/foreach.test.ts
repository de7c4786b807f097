import { describe, expect, it } from 'vitest';
import { brief, scanText } from '../../helpers/scan.js';
import { NETWORK_RULES } from '../../../src/rules/network/index.js';
import { expandForEach } from '../../../src/scanners/cloudformation/foreach.js';

const known = (items: string[]) => () => items;

describe('Fn::ForEach (AWS::LanguageExtensions)', () => {
  it('stamps out one resource per item, substituting ${Id} in keys, strings and Ref', () => {
    const body = {
      Resources: {
        'Fn::ForEach::Topics': [
          'Name',
          ['Alpha', 'Beta'],
          { 'Topic${Name}': { Type: 'AWS::SNS::Topic', Properties: { TopicName: { Ref: 'Name' }, DisplayName: { 'Fn::Sub': '${Name}-topic' } } } },
        ],
      },
    };
    const out = expandForEach(body, known(['Alpha', 'Beta']));
    expect(out.body['Resources']).toEqual({
      TopicAlpha: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'Alpha', DisplayName: { 'Fn::Sub': 'Alpha-topic' } } },
      TopicBeta: { Type: 'AWS::SNS::Topic', Properties: { TopicName: 'Beta', DisplayName: { 'Fn::Sub': 'Beta-topic' } } },
    });
    expect(out.origins.get('TopicBeta')).toEqual(['Resources', 'Fn::ForEach::Topics', 2, 'Topic${Name}']);
  });

  it('&{Id} drops characters a logical id cannot hold; loops nest', () => {
    const body = {
      Resources: {
        'Fn::ForEach::Outer': [
          'Cidr',
          ['10.0.1.0/24'],
          {
            'Fn::ForEach::Inner': ['Az', ['a', 'b'], { 'Subnet&{Cidr}${Az}': { Type: 'AWS::EC2::Subnet', Properties: { CidrBlock: { Ref: 'Cidr' }, AvailabilityZone: '${Az}' } } }],
          },
        ],
      },
    };
    const out = expandForEach(body, (raw) => (Array.isArray(raw) ? (raw as string[]) : { unknown: '?' }));
    expect(Object.keys(out.body['Resources'] as object)).toEqual(['Subnet1001024a', 'Subnet1001024b']);
    expect((out.body['Resources'] as Record<string, { Properties: unknown }>)['Subnet1001024b']!.Properties).toEqual({ CidrBlock: '10.0.1.0/24', AvailabilityZone: 'b' });
  });

  it('a public bucket stamped out by a loop is found', () => {
    const yaml = `Transform: AWS::LanguageExtensions
Parameters:
  Ports:
    Type: CommaDelimitedList
    Default: "22,8000"
Resources:
  Fn::ForEach::Groups:
    - Port
    - !Ref Ports
    - Sg\${Port}:
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: !Sub "port \${Port}"
          SecurityGroupIngress:
            - IpProtocol: tcp
              FromPort: !Ref Port
              ToPort: !Ref Port
              CidrIp: 0.0.0.0/0
`;
    const r = scanText(yaml, { rules: NETWORK_RULES });
    expect(r.errors).toEqual([]);
    expect(brief(r.findings)).toEqual(['NET-001 fail Sg22', 'NET-002 fail Sg8000']);
    expect(r.findings[0]!.resource.line).toBe(18);
  });

  it('a loop over a collection known only at deployment is not evaluated, with a note', () => {
    const yaml = `Transform: AWS::LanguageExtensions
Parameters:
  Names:
    Type: CommaDelimitedList
Resources:
  Fn::ForEach::Groups:
    - Name
    - !Ref Names
    - Sg\${Name}:
        Type: AWS::EC2::SecurityGroup
        Properties:
          GroupDescription: x
`;
    const r = scanText(yaml, { rules: NETWORK_RULES });
    expect(r.errors).toEqual([]);
    expect(new Set(r.findings.map((f) => `${f.status} ${f.resource.id} ${f.messageId}`))).toEqual(new Set(['not-evaluated Sg${Name} engine/unexpanded']));
    expect(r.findings.filter((f) => f.ruleId === 'NET-001')[0]!.message).toMatch(/Fn::ForEach::Groups.*Names has no Default/);
    expect(r.notes?.join('\n')).toMatch(/Fn::ForEach::Groups was not expanded/);
  });

  it('other transforms leave a note naming what was not expanded', () => {
    const r = scanText('Transform: [AWS::Serverless-2016-10-31, MyMacro]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n', { rules: NETWORK_RULES });
    expect(r.notes?.join('\n')).toMatch(/transform AWS::Serverless-2016-10-31 \(SAM\)/);
    expect(r.notes?.join('\n')).toMatch(/transform MyMacro is a macro stackaudit cannot run/);
  });
});
