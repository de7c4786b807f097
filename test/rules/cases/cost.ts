import type { Resource } from '../../../src/model/resource.js';
import type { RuleCases } from '../../helpers/rule-tester.js';

const instance = (type: string, extra = '') =>
  `Resources:\n  Web:\n    Type: AWS::EC2::Instance\n    Properties:\n      ImageId: ami-12345678\n      InstanceType: ${type}\n${extra}`;
const origin = { kind: 'account', account: '111122223333', region: 'us-east-1' } as const;
const live = (type: string, id: string, properties: Record<string, unknown>): Resource => ({
  type,
  id,
  properties,
  origin,
  arn: `arn:aws:ec2:us-east-1:111122223333:instance/${id}`,
});

export const COST_CASES: Record<string, RuleCases> = {
  'COST-001': {
    neverNotEvaluated: 'the budget verdict needs no unknown value: an estimate with unpriced items fails the budget unless allowUnpriced',
    valid: [
      { name: 'no budget configured', template: instance('m5.24xlarge') },
      { name: 'within the budget', template: instance('t4g.micro'), config: { budget: 50 } },
    ],
    invalid: [
      {
        name: 'over the budget',
        template: instance('m5.24xlarge'),
        config: { budget: 20 },
        expect: [{ messageId: 'advisory', resource: '<input>', contains: 'exceeds the budget' }],
      },
      {
        name: 'an estimate with unpriced items never passes',
        template: `${instance('t4g.micro')}  Search:\n    Type: AWS::OpenSearchService::Domain\n    Properties:\n      EngineVersion: OpenSearch_2.11\n`,
        config: { budget: 1000 },
        expect: [{ messageId: 'advisory', resource: '<input>' }],
      },
    ],
    notEvaluated: [],
    account: [
      {
        name: 'a live account over the budget',
        resources: [live('AWS::EC2::Instance', 'i-1', { InstanceType: 'm5.24xlarge' })],
        config: { budget: 20 },
        expect: [{ status: 'fail', messageId: 'advisory', resource: '<input>' }],
      },
      { name: 'a live account within the budget', resources: [live('AWS::EC2::Instance', 'i-1', { InstanceType: 't4g.nano' })], config: { budget: 20 }, expect: [] },
    ],
  },
  'COST-002': {
    valid: [
      { name: 'already Graviton', template: instance('t4g.micro') },
      { name: 'no Graviton twin (GPU)', template: instance('g5.xlarge') },
    ],
    invalid: [{ name: 't3.micro has a t4g twin', template: instance('t3.micro'), expect: [{ messageId: 'advisory', resource: 'Web', contains: 't4g.micro' }] }],
    notEvaluated: [
      {
        name: 'an instance type known only at deployment',
        template: `Parameters:\n  Size:\n    Type: String\n${instance('!Ref Size')}`,
        expect: [{ messageId: 'advisory', resource: 'Web', contains: 'not known' }],
      },
    ],
    account: [
      {
        name: 'a live t3.large',
        resources: [live('AWS::EC2::Instance', 'i-1', { InstanceType: 't3.large' })],
        expect: [{ status: 'fail', messageId: 'advisory', resource: 'i-1' }],
      },
      { name: 'a live r6g.large', resources: [live('AWS::EC2::Instance', 'i-2', { InstanceType: 'r6g.large' })], expect: [] },
    ],
  },
  'COST-003': {
    neverNotEvaluated: 'counts the public IPv4 lines the estimate priced; an address it cannot count is an unpriced item, which COST-001 reports',
    valid: [{ name: 'no public address', template: 'Resources:\n  Q:\n    Type: AWS::SQS::Queue\n' }],
    invalid: [
      { name: 'an Elastic IP', template: 'Resources:\n  Ip:\n    Type: AWS::EC2::EIP\n', expect: [{ messageId: 'advisory', resource: 'Ip', contains: '1 public IPv4 address' }] },
    ],
    notEvaluated: [],
    account: [
      {
        name: 'a live Elastic IP',
        resources: [live('AWS::EC2::EIP', 'eipalloc-1', { PublicIp: '198.51.100.7' })],
        expect: [{ status: 'fail', messageId: 'advisory', resource: 'eipalloc-1' }],
      },
      { name: 'a live queue', resources: [live('AWS::SQS::Queue', 'q', {})], expect: [] },
    ],
  },
};
