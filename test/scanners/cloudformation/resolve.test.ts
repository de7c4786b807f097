import { describe, expect, it } from 'vitest';
import { explore, outsideRuns } from '../../../src/model/scenario.js';
import { Composite, ResourceRef, Unknown } from '../../../src/model/values.js';
import { NO_VALUE, Resolver, ResolutionLimitError, TemplateStructureError, plain } from '../../../src/scanners/cloudformation/resolve.js';

const make = (body: Record<string, unknown>, extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}) =>
  new Resolver({
    scope: 't.yaml',
    body: { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } }, ...body },
    region: 'ap-south-1',
    accountId: '111122223333',
    stackName: 'stack',
    ...extra,
  });

/** The value in the default scenario, as plain data (markers kept as they are). */
const value = (r: Resolver, raw: unknown): unknown => outsideRuns(() => copy(r.value(raw, ['x'])));
function copy(v: unknown): unknown {
  if (v === NO_VALUE) return undefined;
  if (Array.isArray(v)) return v.map(copy);
  if (v !== null && typeof v === 'object' && !(v instanceof Unknown) && !(v instanceof ResourceRef) && !(v instanceof Composite)) {
    return Object.fromEntries(Object.keys(v).map((k) => [k, copy((v as Record<string, unknown>)[k])]));
  }
  return v;
}
/** Every scenario a read reaches: its value and the choices it made (keys without the template scope). */
const scenarios = (r: Resolver, raw: unknown) =>
  explore(() => copy(r.value(raw, ['x'])), 64).leaves.map((l) => ({ value: l.result, when: Object.fromEntries([...l.assignment].map(([k, v]) => [k.split('\u0000')[1], v])) }));

describe('Resolver', () => {
  it('pseudo parameters have sensible values', () => {
    const r = make({});
    expect(value(r, { Ref: 'AWS::Region' })).toBe('ap-south-1');
    expect(value(r, { Ref: 'AWS::AccountId' })).toBe('111122223333');
    expect(value(r, { Ref: 'AWS::Partition' })).toBe('aws');
  });

  it('AWS::NoValue removes a key and a list item', () => {
    const r = make({});
    expect(value(r, { A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual({ A: undefined, B: 1 });
    expect(value(r, [1, { Ref: 'AWS::NoValue' }, 2])).toEqual([1, 2]);
  });

  it('parameters: override, default, AllowedValues choices, unknown', () => {
    const body = {
      Parameters: {
        D: { Type: 'String', Default: 'd' },
        A: { Type: 'String', AllowedValues: ['x', 'y'] },
        N: { Type: 'String' },
        L: { Type: 'CommaDelimitedList', Default: 'a, b' },
      },
    };
    expect(value(make(body), { Ref: 'D' })).toBe('d');
    expect(value(make(body, { parameterValues: new Map([['D', 'o']]) }), { Ref: 'D' })).toBe('o');
    expect(scenarios(make(body), { Ref: 'A' })).toEqual(
      [
        { value: 'y', when: { 'param:A': 'y' } },
        { value: 'x', when: { 'param:A': 'x' } },
      ].reverse(),
    );
    expect(value(make(body), { Ref: 'N' })).toBeInstanceOf(Unknown);
    expect(value(make(body), { Ref: 'L' })).toEqual(['a', 'b']);
  });

  it('a parameter named like a JavaScript built-in is a parameter', () => {
    const r = make({ Parameters: { constructor: { Type: 'String', Default: '0.0.0.0/0' }, toString: { Type: 'String' }, valueOf: { Type: 'String', Default: 'v' } } });
    expect(value(r, { Ref: 'constructor' })).toBe('0.0.0.0/0');
    expect(value(r, { Ref: 'toString' })).toBeInstanceOf(Unknown);
    expect(value(r, { 'Fn::Sub': '${valueOf}' })).toBe('v');
    expect(value(r, { Ref: 'hasOwnProperty' })).toBeInstanceOf(Unknown);
  });

  it('SSM-typed parameters are read at deployment, not their Default', () => {
    const v = value(make({ Parameters: { Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami' } } }), { Ref: 'Ami' });
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).reason).toMatch(/SSM Parameter Store/);
  });

  it('Ref and GetAtt to resources are references; a VPC CidrBlock is what the template states', () => {
    const r = make({ Resources: { Bucket: { Type: 'AWS::S3::Bucket' }, Vpc: { Type: 'AWS::EC2::VPC', Properties: { CidrBlock: '10.1.0.0/16' } } } });
    expect(value(r, { Ref: 'Bucket' })).toEqual(new ResourceRef('t.yaml', 'Bucket'));
    expect(value(r, { 'Fn::GetAtt': ['Bucket', 'Arn'] })).toEqual(new ResourceRef('t.yaml', 'Bucket', 'Arn'));
    expect(value(r, { 'Fn::GetAtt': 'Bucket.DomainName' })).toEqual(new ResourceRef('t.yaml', 'Bucket', 'DomainName'));
    expect(value(r, { 'Fn::GetAtt': 'Vpc.CidrBlock' })).toBe('10.1.0.0/16');
  });

  it('Fn::Sub both forms, with ${!Literal}', () => {
    const r = make({ Parameters: { P: { Type: 'String', Default: 'v' } } });
    expect(value(r, { 'Fn::Sub': 'a-${P}-${AWS::Region}-${!Keep}' })).toBe('a-v-ap-south-1-${Keep}');
    expect(value(r, { 'Fn::Sub': ['${X}/${P}', { X: 'x' }] })).toBe('x/v');
    const c = value(r, { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' }) as Composite;
    expect(c).toBeInstanceOf(Composite);
    expect(c.text()).toBe('arn:aws:s3:::${Bucket}/*');
  });

  it('Join, Select, Split, FindInMap, GetAZs, Cidr, Base64', () => {
    const r = make({ Mappings: { M: { 'ap-south-1': { Size: 't3.micro' } } } });
    expect(value(r, { 'Fn::Join': ['-', ['a', 'b']] })).toBe('a-b');
    expect(value(r, { 'Fn::Select': ['1', ['a', 'b']] })).toBe('b');
    expect(value(r, { 'Fn::Split': [',', 'a,b'] })).toEqual(['a', 'b']);
    expect(value(r, { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Size'] })).toBe('t3.micro');
    expect(value(r, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })).toBe('ap-south-1a');
    expect(value(r, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toEqual(['10.0.0.0/24', '10.0.1.0/24']);
    expect(value(r, { 'Fn::Base64': 'echo hi' })).toBe('echo hi');
  });

  it('a part of a split reference still refers to it', () => {
    const v = value(make({}), { 'Fn::Select': [2, { 'Fn::Split': ['/', { 'Fn::GetAtt': ['Bucket', 'WebsiteURL'] }] }] });
    expect(v).toBeInstanceOf(Composite);
    expect((v as Composite).text()).toBe('${Bucket.WebsiteURL}');
  });

  it('Fn::If with a known condition takes one branch; an unknown one is a choice', () => {
    const body = {
      Parameters: { Env: { Type: 'String' }, Known: { Type: 'String', Default: 'prod' } },
      Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, IsProd: { 'Fn::Equals': [{ Ref: 'Known' }, 'prod'] } },
    };
    const r = make(body);
    expect(value(r, { 'Fn::If': ['IsProd', 'a', 'b'] })).toBe('a');
    expect(scenarios(r, { 'Fn::If': ['IsDev', 'a', 'b'] }).map((s) => [s.value, s.when])).toEqual(
      expect.arrayContaining([
        ['a', { 'param:Env': 'dev' }],
        ['b', { 'param:Env': '\u0000other' }],
      ]),
    );
  });

  it('conditions on one parameter can never contradict each other', () => {
    const r = make({
      Parameters: { Env: { Type: 'String' } },
      Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, IsProd: { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] } },
    });
    const out = scenarios(r, { A: { 'Fn::If': ['IsDev', 'dev', 'x'] }, B: { 'Fn::If': ['IsProd', 'prod', 'y'] } }).map((s) => s.value);
    expect(out).toHaveLength(3);
    expect(out).not.toContainEqual({ A: 'dev', B: 'prod' });
  });

  it('the same unknown condition is consistent across a structure (no impossible mixes)', () => {
    const r = make({
      Parameters: { Env: { Type: 'String' } },
      Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, { Ref: 'Env' }] }, D: { 'Fn::Equals': [{ 'Fn::ImportValue': 'x' }, 'y'] } },
    });
    const out = scenarios(r, { A: { 'Fn::If': ['D', 1, 2] }, B: { 'Fn::If': ['D', 'one', 'two'] } }).map((s) => s.value);
    expect(out).toEqual(
      expect.arrayContaining([
        { A: 1, B: 'one' },
        { A: 2, B: 'two' },
      ]),
    );
    expect(out).toHaveLength(2);
  });

  it('circular and undefined conditions are structure errors', () => {
    expect(() => make({ Conditions: { A: { Condition: 'B' }, B: { 'Fn::Not': [{ Condition: 'A' }] } } }).checkConditions()).toThrow(TemplateStructureError);
    expect(() => make({ Conditions: { A: { Condition: 'Nope' } } }).checkConditions()).toThrow(/not defined/);
    expect(() => make({ Resources: { B: { Type: 'AWS::S3::Bucket', Properties: { X: { 'Fn::If': ['Nope', 1, 2] } } } } }).checkConditionNames()).toThrow(/Nope is not defined/);
  });

  it('a chain of 2,000 conditions is evaluated without recursion', () => {
    const conditions: Record<string, unknown> = { C0: { 'Fn::Equals': ['a', 'a'] } };
    for (let i = 1; i < 2000; i++) conditions[`C${i}`] = { 'Fn::Not': [{ Condition: `C${i - 1}` }] };
    const r = make({ Conditions: conditions });
    outsideRuns(() => r.checkConditions());
    expect(value(r, { 'Fn::If': ['C1999', 'odd', 'even'] })).toBe('even');
  });

  it('Fn::And over 50,000 operands is linear', () => {
    const ops = Array.from({ length: 50_000 }, () => ({ 'Fn::Equals': ['a', 'a'] }));
    const r = make({ Conditions: { Big: { 'Fn::And': ops } } });
    outsideRuns(() => r.checkConditions());
    expect(value(r, { 'Fn::If': ['Big', 'yes', 'no'] })).toBe('yes');
  });

  it('ImportValue resolves through the input, else is unknown', () => {
    const r = make({}, { importValue: (n) => (n === 'Exported' ? { value: 'sg-1' } : undefined) });
    expect(value(r, { 'Fn::ImportValue': 'Exported' })).toBe('sg-1');
    expect(value(r, { 'Fn::ImportValue': 'Other' })).toBeInstanceOf(Unknown);
  });

  it('a doubling Fn::Sub chain stops at the work budget with an error naming the limit', () => {
    let node: unknown = 'x';
    for (let i = 0; i < 40; i++) node = { 'Fn::Sub': ['${a}${a}', { a: node }] };
    expect(() => value(make({}), node)).toThrow(ResolutionLimitError);
    expect(() => value(make({}), node)).toThrow(/longer than 1,000,000 characters/);
  });

  it('mapping values holding intrinsics are refused, as CloudFormation refuses them', () => {
    const r = make({ Mappings: { M: { a: { b: { 'Fn::FindInMap': ['M', 'a', 'b'] } } } } });
    expect(value(r, { 'Fn::FindInMap': ['M', 'a', 'b'] })).toBeInstanceOf(Unknown);
  });

  it('remembers where resolved objects came from', () => {
    const r = make({});
    const list = outsideRuns(() => r.value([{ A: 1 }, { B: { Ref: 'Bucket' } }], ['Resources', 'X', 'Properties', 'L'])) as unknown[];
    expect(r.sourcePath(list[1])).toEqual(['Resources', 'X', 'Properties', 'L', 1]);
    expect(r.sourcePath(list[0])).toEqual(['Resources', 'X', 'Properties', 'L', 0]);
  });

  it('plain() copies a view and refuses markers', () => {
    const r = make({});
    expect(plain(outsideRuns(() => r.value({ A: [1, { 'Fn::Join': ['', ['a', 'b']] }] }, ['x'])))).toEqual({ A: [1, 'ab'] });
    expect(plain(outsideRuns(() => r.value({ A: { Ref: 'Bucket' } }, ['x'])))).toBeInstanceOf(Unknown);
  });
});
