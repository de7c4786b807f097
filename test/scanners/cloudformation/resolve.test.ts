import { describe, expect, it } from 'vitest';
import { Composite, ResourceRef, Unknown } from '../../../src/model/values.js';
import { Resolver, TemplateStructureError } from '../../../src/scanners/cloudformation/resolve.js';

const make = (body: Record<string, unknown>, extra: Partial<ConstructorParameters<typeof Resolver>[0]> = {}) =>
  new Resolver({ scope: 't.yaml', body: { Resources: { Bucket: { Type: 'AWS::S3::Bucket' } }, ...body }, region: 'ap-south-1', accountId: '111122223333', stackName: 'stack', ...extra });
const values = (r: Resolver, raw: unknown) => r.resolve(raw, ['x']).map((p) => p.value);

describe('Resolver', () => {
  it('pseudo parameters have sensible values', () => {
    const r = make({});
    expect(values(r, { Ref: 'AWS::Region' })).toEqual(['ap-south-1']);
    expect(values(r, { Ref: 'AWS::AccountId' })).toEqual(['111122223333']);
    expect(values(r, { Ref: 'AWS::Partition' })).toEqual(['aws']);
  });

  it('AWS::NoValue removes a key and a list item', () => {
    const r = make({});
    expect(values(r, { A: { Ref: 'AWS::NoValue' }, B: 1 })).toEqual([{ B: 1 }]);
    expect(values(r, [1, { Ref: 'AWS::NoValue' }, 2])).toEqual([[1, 2]]);
  });

  it('parameters: override, default, AllowedValues scenarios, unknown', () => {
    const body = { Parameters: { D: { Type: 'String', Default: 'd' }, A: { Type: 'String', AllowedValues: ['x', 'y'] }, N: { Type: 'String' }, L: { Type: 'CommaDelimitedList', Default: 'a, b' } } };
    expect(values(make(body), { Ref: 'D' })).toEqual(['d']);
    expect(values(make(body, { parameterValues: { D: 'o' } }), { Ref: 'D' })).toEqual(['o']);
    expect(make(body).resolve({ Ref: 'A' }, ['x'])).toEqual([
      { value: 'x', when: { 'param:A': 'x' } },
      { value: 'y', when: { 'param:A': 'y' } },
    ]);
    expect(values(make(body), { Ref: 'N' })[0]).toBeInstanceOf(Unknown);
    expect(values(make(body), { Ref: 'L' })).toEqual([['a', 'b']]);
  });

  it('SSM-typed parameters are read at deployment, not their Default', () => {
    const v = values(make({ Parameters: { Ami: { Type: 'AWS::SSM::Parameter::Value<AWS::EC2::Image::Id>', Default: '/aws/service/ami' } } }), { Ref: 'Ami' })[0];
    expect(v).toBeInstanceOf(Unknown);
    expect((v as Unknown).reason).toMatch(/SSM parameter \/aws\/service\/ami/);
  });

  it('Ref and GetAtt to resources are references', () => {
    const r = make({});
    expect(values(r, { Ref: 'Bucket' })).toEqual([new ResourceRef('t.yaml', 'Bucket')]);
    expect(values(r, { 'Fn::GetAtt': ['Bucket', 'Arn'] })).toEqual([new ResourceRef('t.yaml', 'Bucket', 'Arn')]);
    expect(values(r, { 'Fn::GetAtt': 'Bucket.DomainName' })).toEqual([new ResourceRef('t.yaml', 'Bucket', 'DomainName')]);
  });

  it('Fn::Sub both forms, with ${!Literal}', () => {
    const r = make({ Parameters: { P: { Type: 'String', Default: 'v' } } });
    expect(values(r, { 'Fn::Sub': 'a-${P}-${AWS::Region}-${!Keep}' })).toEqual(['a-v-ap-south-1-${Keep}']);
    expect(values(r, { 'Fn::Sub': ['${X}/${P}', { X: 'x' }] })).toEqual(['x/v']);
    const c = values(r, { 'Fn::Sub': 'arn:aws:s3:::${Bucket}/*' })[0] as Composite;
    expect(c).toBeInstanceOf(Composite);
    expect(c.text()).toBe('arn:aws:s3:::${Bucket}/*');
  });

  it('Join, Select, Split, FindInMap, GetAZs, Cidr, Base64', () => {
    const r = make({ Mappings: { M: { 'ap-south-1': { Size: 't3.micro' } } } });
    expect(values(r, { 'Fn::Join': ['-', ['a', 'b']] })).toEqual(['a-b']);
    expect(values(r, { 'Fn::Select': ['1', ['a', 'b']] })).toEqual(['b']);
    expect(values(r, { 'Fn::Split': [',', 'a,b'] })).toEqual([['a', 'b']]);
    expect(values(r, { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Size'] })).toEqual(['t3.micro']);
    expect(values(r, { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] })).toEqual(['ap-south-1a']);
    expect(values(r, { 'Fn::Cidr': ['10.0.0.0/16', 2, 8] })).toEqual([['10.0.0.0/24', '10.0.1.0/24']]);
    expect(values(r, { 'Fn::Base64': 'echo hi' })).toEqual(['echo hi']);
  });

  it('Fn::If with a known condition takes one branch; with an unknown one, both, tagged', () => {
    const body = { Parameters: { Env: { Type: 'String' }, Known: { Type: 'String', Default: 'prod' } }, Conditions: { IsDev: { 'Fn::Equals': [{ Ref: 'Env' }, 'dev'] }, IsProd: { 'Fn::Equals': [{ Ref: 'Known' }, 'prod'] } } };
    const r = make(body);
    expect(values(r, { 'Fn::If': ['IsProd', 'a', 'b'] })).toEqual(['a']);
    expect(r.resolve({ 'Fn::If': ['IsDev', 'a', 'b'] }, ['x'])).toEqual([
      { value: 'a', when: { 'cond:IsDev': true } },
      { value: 'b', when: { 'cond:IsDev': false } },
    ]);
  });

  it('the same unknown condition is consistent across a structure (no impossible mixes)', () => {
    const r = make({ Parameters: { Env: { Type: 'String' } }, Conditions: { C: { 'Fn::Equals': [{ Ref: 'Env' }, 'x'] } } });
    const out = values(r, { A: { 'Fn::If': ['C', 1, 2] }, B: { 'Fn::If': ['C', 'one', 'two'] } });
    expect(out).toEqual([{ A: 1, B: 'one' }, { A: 2, B: 'two' }]);
  });

  it('circular and undefined conditions are structure errors', () => {
    const r = make({ Conditions: { A: { Condition: 'B' }, B: { 'Fn::Not': [{ Condition: 'A' }] } } });
    expect(() => r.condition('A')).toThrow(TemplateStructureError);
    expect(() => make({}).condition('Nope')).toThrow(/not defined/);
  });

  it('ImportValue resolves through the scan, else is unknown', () => {
    const r = make({}, { importValue: (n) => (n === 'Exported' ? [{ value: 'sg-1', when: {} }] : undefined) });
    expect(values(r, { 'Fn::ImportValue': 'Exported' })).toEqual(['sg-1']);
    expect(values(r, { 'Fn::ImportValue': 'Other' })[0]).toBeInstanceOf(Unknown);
  });

  it('bounds the number of possibilities on adversarial templates', () => {
    const params: Record<string, unknown> = {};
    const list: unknown[] = [];
    for (let i = 0; i < 20; i++) {
      params[`P${i}`] = { Type: 'String', AllowedValues: ['a', 'b'] };
      list.push({ Ref: `P${i}` });
    }
    expect(make({ Parameters: params }).resolve(list, ['x']).length).toBeLessThanOrEqual(64);
  });

  it('remembers where resolved objects came from', () => {
    const r = make({});
    const [p] = r.resolve([{ A: 1 }, { B: 2 }], ['Resources', 'X', 'Properties', 'L']);
    expect(r.sourcePath((p!.value as unknown[])[1])).toEqual(['Resources', 'X', 'Properties', 'L', 1]);
  });
});
