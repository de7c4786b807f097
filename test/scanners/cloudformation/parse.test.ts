import { closeSync, ftruncateSync, mkdtempSync, openSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { InputError } from '../../../src/model/finding.js';
import { MAX_DEPTH, escapeControls, ioMessage, parseTemplateBytes, parseTemplateText, quoteInput, readTemplateFile } from '../../../src/scanners/cloudformation/parse.js';
import type { ParseOutcome, ParsedTemplate } from '../../../src/scanners/cloudformation/parse.js';
import { SHORT_TAGS } from '../../../src/scanners/cloudformation/schema.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
const bad = (name: string): string => join(repo, 'fixtures/bad', name);

function template(outcome: ParseOutcome): ParsedTemplate {
  if (outcome.kind !== 'template') throw new Error(`expected a template, got ${JSON.stringify(outcome)}`);
  return outcome.template;
}

function error(outcome: ParseOutcome): InputError {
  if (outcome.kind !== 'error') throw new Error(`expected an error, got ${outcome.kind}`);
  return outcome.error;
}

/** Parses a YAML snippet as the value of one property and returns that value. */
function valueAt(yaml: string): unknown {
  const t = template(parseTemplateText(`Resources:\n  R:\n    Type: X::Y::Z\n    Properties:\n      P: ${yaml}\n`, 't.yaml'));
  const resources = t.body['Resources'] as Record<string, { Properties: Record<string, unknown> }>;
  return resources['R']?.Properties['P'];
}

describe('short tags', () => {
  it.each([
    ['!Ref Bucket', { Ref: 'Bucket' }],
    ['!Condition IsProd', { Condition: 'IsProd' }],
    ['!GetAtt Bucket.Arn', { 'Fn::GetAtt': ['Bucket', 'Arn'] }],
    ['!GetAtt Db.Endpoint.Address', { 'Fn::GetAtt': ['Db', 'Endpoint.Address'] }],
    ['!Sub "arn:${AWS::Partition}:s3:::${B}"', { 'Fn::Sub': 'arn:${AWS::Partition}:s3:::${B}' }],
    ['!Base64 hello', { 'Fn::Base64': 'hello' }],
    ['!ImportValue Shared-VpcId', { 'Fn::ImportValue': 'Shared-VpcId' }],
    ["!GetAZs ''", { 'Fn::GetAZs': '' }],
    ['!RefAll AWS::EC2::VPC::Id', { 'Fn::RefAll': 'AWS::EC2::VPC::Id' }],
  ])('scalar %s', (src, expected) => {
    expect(valueAt(src)).toEqual(expected);
  });

  it.each([
    ['!GetAtt [Bucket, Arn]', { 'Fn::GetAtt': ['Bucket', 'Arn'] }],
    ['!GetAtt [Bucket, !Ref Attr]', { 'Fn::GetAtt': ['Bucket', { Ref: 'Attr' }] }],
    ['!Sub ["${A}-x", {A: !Ref N}]', { 'Fn::Sub': ['${A}-x', { A: { Ref: 'N' } }] }],
    ['!Join ["", [a, !Ref B]]', { 'Fn::Join': ['', ['a', { Ref: 'B' }]] }],
    ['!Select [0, !GetAZs ""]', { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] }],
    ['!Split [",", "a,b"]', { 'Fn::Split': [',', 'a,b'] }],
    ['!If [IsProd, 1, !Ref AWS::NoValue]', { 'Fn::If': ['IsProd', 1, { Ref: 'AWS::NoValue' }] }],
    ['!Equals [!Ref Env, prod]', { 'Fn::Equals': [{ Ref: 'Env' }, 'prod'] }],
    ['!And [!Condition A, !Condition B]', { 'Fn::And': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Or [!Condition A, !Condition B]', { 'Fn::Or': [{ Condition: 'A' }, { Condition: 'B' }] }],
    ['!Not [!Condition A]', { 'Fn::Not': [{ Condition: 'A' }] }],
    ['!FindInMap [M, !Ref AWS::Region, Ami]', { 'Fn::FindInMap': ['M', { Ref: 'AWS::Region' }, 'Ami'] }],
    ['!Cidr [10.0.0.0/16, 4, 8]', { 'Fn::Cidr': ['10.0.0.0/16', 4, 8] }],
    ['!Base64 [a]', { 'Fn::Base64': ['a'] }],
    ['!ImportValue [a]', { 'Fn::ImportValue': ['a'] }],
    ['!GetAZs [a]', { 'Fn::GetAZs': ['a'] }],
    ['!Length [1, 2]', { 'Fn::Length': [1, 2] }],
    ['!ToJsonString [1, 2]', { 'Fn::ToJsonString': [1, 2] }],
    ['!Contains [[a], !Ref P]', { 'Fn::Contains': [['a'], { Ref: 'P' }] }],
    ['!EachMemberEquals [[a], b]', { 'Fn::EachMemberEquals': [['a'], 'b'] }],
    ['!EachMemberIn [[a], [b]]', { 'Fn::EachMemberIn': [['a'], ['b']] }],
    ['!ValueOf [P, Tag]', { 'Fn::ValueOf': ['P', 'Tag'] }],
    ['!ValueOfAll [T, Tag]', { 'Fn::ValueOfAll': ['T', 'Tag'] }],
  ])('sequence %s', (src, expected) => {
    expect(valueAt(src)).toEqual(expected);
  });

  it.each([
    ['!Transform {Name: AWS::Include, Parameters: {Location: s3://b/k}}', { 'Fn::Transform': { Name: 'AWS::Include', Parameters: { Location: 's3://b/k' } } }],
    ['!Base64 {"Fn::Sub": x}', { 'Fn::Base64': { 'Fn::Sub': 'x' } }],
    ['!GetAZs {Ref: AWS::Region}', { 'Fn::GetAZs': { Ref: 'AWS::Region' } }],
    ['!ImportValue {"Fn::Sub": "${S}-Vpc"}', { 'Fn::ImportValue': { 'Fn::Sub': '${S}-Vpc' } }],
    ['!ToJsonString {a: 1}', { 'Fn::ToJsonString': { a: 1 } }],
    ['!Length {Ref: L}', { 'Fn::Length': { Ref: 'L' } }],
  ])('mapping %s', (src, expected) => {
    expect(valueAt(src)).toEqual(expected);
  });

  it('covers every short tag of the schema in the tables above', () => {
    const tested = new Set(
      [
        'Ref Condition GetAtt Sub Base64 ImportValue GetAZs RefAll Join Select Split If Equals And Or Not FindInMap Cidr',
        'Length ToJsonString Contains EachMemberEquals EachMemberIn ValueOf ValueOfAll Transform',
      ]
        .join(' ')
        .split(' '),
    );
    expect(Object.keys(SHORT_TAGS).filter((t) => !tested.has(t))).toEqual([]);
  });

  it('multi-line block forms convert too', () => {
    expect(valueAt('!Sub |\n        #!/bin/bash\n        echo ${AWS::Region}')).toEqual({ 'Fn::Sub': '#!/bin/bash\necho ${AWS::Region}\n' });
    expect(valueAt('!If\n        - C\n        - a\n        - b')).toEqual({ 'Fn::If': ['C', 'a', 'b'] });
  });

  it('keeps plain YAML types of the core schema', () => {
    const t = template(parseTemplateText('AWSTemplateFormatVersion: 2010-09-09\nResources: {}\nX: [2024-01-31T10:00:00Z, 0o17, yes, on, 012, 1.5, true, null]\n', 't.yaml'));
    expect(t.body['AWSTemplateFormatVersion']).toBe('2010-09-09');
    expect(t.body['X']).toEqual(['2024-01-31T10:00:00Z', 15, 'yes', 'on', 12, 1.5, true, null]);
  });

  it.each([
    ['x: !Reference Name', /unknown tag !Reference/, 1],
    ['x: !Select {a: 1}', /!Select cannot be applied to a mapping/, 1],
    ['x:\n  y: !Ref [a]', /!Ref cannot be applied to a sequence/, 2],
    ['x: !GetAtt NoDot', /!GetAtt needs LogicalId\.Attribute/, 1],
    ['x: !!binary aGk=', /unsupported tag !!binary/, 1],
    ['x: !!timestamp 2020-01-01', /unsupported tag !!timestamp/, 1],
    ['x: !constructor a', /unknown tag !constructor/, 1],
    ['x: !toString [a]', /unknown tag !toString/, 1],
    ['x: !__proto__ {a: 1}', /unknown tag !__proto__/, 1],
  ])('rejects %j', (src, message, line) => {
    const e = error(parseTemplateText(`Resources: {}\n${src}\n`, 'bad.yaml'));
    expect(e.message).toMatch(message);
    expect(e.line).toBe(line + 1);
    expect(e.file).toBe('bad.yaml');
  });
});

describe('positions', () => {
  const yaml = [
    'AWSTemplateFormatVersion: "2010-09-09"', // 1
    'Resources:', // 2
    '  Sg:', // 3
    '    Type: AWS::EC2::SecurityGroup', // 4
    '    Properties:', // 5
    '      GroupDescription: web', // 6
    '      SecurityGroupIngress:', // 7
    '        - IpProtocol: tcp', // 8
    '          CidrIp: 10.0.0.0/8', // 9
    '        - "IpProtocol": tcp', // 10
    "          'CidrIp': !Ref Open", // 11
    '      Tags: [{Key: a, Value: b}, !If [C, x, y]]', // 12
    '      VpcId: !GetAtt Vpc.VpcId', // 13
    '',
  ].join('\n');
  const t = template(parseTemplateText(yaml, 't.yaml'));
  const sg = ['Resources', 'Sg', 'Properties'];

  it.each<[(string | number)[], number, number]>([
    [[], 1, 1],
    [['Resources'], 2, 1],
    [['Resources', 'Sg'], 3, 3],
    [['Resources', 'Sg', 'Type'], 4, 5],
    [[...sg, 'SecurityGroupIngress'], 7, 7],
    [[...sg, 'SecurityGroupIngress', 0], 8, 11],
    [[...sg, 'SecurityGroupIngress', 0, 'CidrIp'], 9, 11],
    [[...sg, 'SecurityGroupIngress', 1], 10, 11],
    [[...sg, 'SecurityGroupIngress', 1, 'CidrIp'], 11, 11],
    [[...sg, 'SecurityGroupIngress', 1, 'CidrIp', 'Ref'], 11, 21],
    [[...sg, 'Tags', 0, 'Value'], 12, 23],
    [[...sg, 'Tags', 1], 12, 34],
    [[...sg, 'Tags', 1, 'Fn::If', 2], 12, 45],
    [[...sg, 'VpcId', 'Fn::GetAtt', 1], 13, 14],
  ])('YAML %j → %i:%i', (path, line, column) => {
    expect(t.position(path)).toEqual({ line, column });
  });

  it('falls back to the nearest existing ancestor', () => {
    expect(t.position([...sg, 'SecurityGroupIngress', 0, 'FromPort'])).toEqual({ line: 8, column: 11 });
    expect(t.position([...sg, 'SecurityGroupIngress', 5, 'CidrIp'])).toEqual({ line: 7, column: 7 });
    expect(t.position(['Resources', 'Missing', 'Properties'])).toEqual({ line: 2, column: 1 });
    expect(t.position(['Outputs'])).toEqual({ line: 1, column: 1 });
  });

  it('gives positions in JSON, at the opening quote of a key', () => {
    const json = [
      '{', // 1
      '  "Resources": {', // 2
      '    "Sg": {', // 3
      '      "Type": "AWS::EC2::SecurityGroup",', // 4
      '      "Properties": {', // 5
      '        "SecurityGroupIngress": [', // 6
      '          { "CidrIp": "0.0.0.0/0" },', // 7
      '          {', // 8
      '            "CidrIp": { "Ref": "Open" }', // 9
      '          }', // 10
      '        ]', // 11
      '      }', // 12
      '    }', // 13
      '  }', // 14
      '}', // 15
    ].join('\n');
    const j = template(parseTemplateText(json, 't.json'));
    expect(j.format).toBe('json');
    expect(j.position(['Resources', 'Sg', 'Type'])).toEqual({ line: 4, column: 7 });
    expect(j.position([...sg, 'SecurityGroupIngress', 0])).toEqual({ line: 7, column: 11 });
    expect(j.position([...sg, 'SecurityGroupIngress', 0, 'CidrIp'])).toEqual({ line: 7, column: 13 });
    expect(j.position([...sg, 'SecurityGroupIngress', 1])).toEqual({ line: 8, column: 11 });
    expect(j.position([...sg, 'SecurityGroupIngress', 1, 'CidrIp', 'Ref'])).toEqual({ line: 9, column: 25 });
    expect(j.position([...sg, 'SecurityGroupIngress', 1, 'Nope'])).toEqual({ line: 8, column: 11 });
  });

  it('counts columns after a BOM from the first visible character', () => {
    const b = template(parseTemplateText('\uFEFFResources:\n  A:\n    Type: X::Y::Z\n', 'bom.yaml'));
    expect(b.position(['Resources'])).toEqual({ line: 1, column: 1 });
    expect(b.position(['Resources', 'A', 'Type'])).toEqual({ line: 3, column: 5 });
  });

  it('detects the format', () => {
    expect(template(parseTemplateText('{"Resources": {}}', 'a.template')).format).toBe('json');
    expect(template(parseTemplateText('Resources: {}', 'a.template')).format).toBe('yaml');
  });
});

describe('what counts as a template', () => {
  it.each([
    ['[1, 2]', /top-level value is a list/],
    ['just a string', /top-level value is a string/],
    ['42', /top-level value is a number/],
    ['name: pkg\nversion: 1', /neither a Resources section nor AWSTemplateFormatVersion/],
  ])('%j is valid YAML but not a template', (src, reason) => {
    const outcome = parseTemplateText(src, 'x.yaml');
    expect(outcome.kind).toBe('not-template');
    if (outcome.kind === 'not-template') expect(outcome.reason).toMatch(reason);
  });

  it('accepts AWSTemplateFormatVersion with Resources, and Resources alone', () => {
    expect(parseTemplateText('Resources:\n  A:\n    Type: X::Y::Z\n', 'a.yaml').kind).toBe('template');
    expect(parseTemplateText('AWSTemplateFormatVersion: "2010-09-09"\nResources: {}\n', 'a.yaml').kind).toBe('template');
  });

  it('does not mistake Fn::ForEach loops in Resources for resources', () => {
    const src = 'Transform: AWS::LanguageExtensions\nResources:\n  Fn::ForEach::Topics:\n    - N\n    - [a, b]\n    - Topic${N}:\n        Type: AWS::SNS::Topic\n';
    expect(parseTemplateText(src, 'a.yaml').kind).toBe('template');
  });

  it.each([
    ['AWSTemplateFormatVersion: "2010-09-09"\nDescription: d\n', /no Resources section/, 1],
    ['AWSTemplateFormatVersion: "2010-09-09"\nResources:\n', /Resources must be a mapping.*found null/, 2],
    ['Resources: text\n', /Resources must be a mapping.*found a string/, 1],
    ['Resources:\n  A:\n    Type: X::Y::Z\n  B: [1]\n', /resource B must be a mapping, found a list/, 4],
    ['Resources:\n  A:\n    Type: !Ref T\n', /resource A has a Type that is not a non-empty string/, 3],
  ])('shape error in %j', (src, message, line) => {
    const e = error(parseTemplateText(src, 't.yaml'));
    expect(e.message).toMatch(message);
    expect(e.line).toBe(line);
  });
});

describe('bad input', () => {
  it.each<[string, RegExp, number | undefined]>([
    ['bad-utf8.yaml', /invalid UTF-8 \(byte 0xe9\)/, 2],
    ['duplicate-keys.yaml', /duplicate key "Bucket"/, 7],
    ['duplicate-keys.json', /duplicate key "Topic"/, 4],
    ['unknown-tag.yaml', /unknown tag !Reference/, 5],
    ['resources-list.yaml', /Resources must be a mapping.*found a list/, 3],
    ['no-type.yaml', /resource Queue has no Type/, 4],
    ['empty.yaml', /^empty file$/, undefined],
    ['whitespace.yaml', /only whitespace/, undefined],
    ['binary.bin', /binary file/, 3],
    ['aliases.yaml', /aliases .* not supported by CloudFormation/, 8],
    ['multi-document.yaml', /several YAML documents/, 4],
    ['syntax-error.yaml', /./, 6],
    ['control-character.yaml', /^control character U\+001B is not allowed here/, 6],
    ['deep-nesting.json', /^nesting too deep \(more than 200 levels\)$/, 1],
    ['utf16.yaml', /UTF-16 encoded/, 1],
    ['mappings-intrinsic.yaml', /^Mappings can hold only literal values, not intrinsic functions \(Fn::FindInMap\)/, 8],
  ])('%s', (name, message, line) => {
    const e = error(readTemplateFile(bad(name)));
    expect(e.file).toBe(bad(name));
    expect(e.message).toMatch(message);
    expect(e.message).not.toContain('\n');
    expect(e.line).toBe(line);
  });

  it('reports a valid JSON non-template as not-template', () => {
    expect(readTemplateFile(bad('not-a-template.json')).kind).toBe('not-template');
    expect(readTemplateFile(bad('top-level-list.yaml')).kind).toBe('not-template');
  });

  it('names missing files and directories', () => {
    expect(error(readTemplateFile(bad('nope.yaml'))).message).toBe('cannot read template: no such file or directory');
    expect(error(readTemplateFile(join(repo, 'fixtures/bad'))).message).toBe('cannot read template: it is a directory, not a regular file');
  });

  it('words file-system failures as one line', () => {
    const err = (code: string): Error => Object.assign(new Error(`${code}: open '/x'\n    at stack`), { code });
    expect(ioMessage(err('EACCES'))).toBe('permission denied');
    expect(ioMessage(err('ENOENT'))).toBe('no such file or directory');
    expect(ioMessage(err('EIO'))).toBe('cannot read: EIO');
    expect(ioMessage(new Error('boom\n    at stack'))).toBe('cannot read: boom');
  });

  it('rejects UTF-16 and truncated UTF-8 with the line', () => {
    expect(error(parseTemplateBytes(Uint8Array.from([0xff, 0xfe, 0x41, 0]), 'u.yaml')).message).toMatch(/UTF-16/);
    const truncated = new TextEncoder().encode('Resources:\n  A: "x');
    const bytes = Uint8Array.from([...truncated, 0xe2, 0x82]);
    const e = error(parseTemplateBytes(bytes, 'u.yaml'));
    expect(e.message).toMatch(/invalid UTF-8 \(byte 0xe2\)/);
    expect(e.line).toBe(2);
  });

  it('accepts a UTF-8 BOM in bytes', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('Resources: {}\n')]);
    expect(parseTemplateBytes(bytes, 'b.yaml').kind).toBe('template');
  });

  it('stops an alias bomb at the first alias', () => {
    const lines = ['a0: &a0 [x, x, x, x, x, x, x, x, x, x]'];
    for (let i = 1; i < 30; i++) lines.push(`a${i}: &a${i} [${Array.from({ length: 10 }, () => `*a${i - 1}`).join(', ')}]`);
    const e = error(parseTemplateText(`Resources: {}\n${lines.join('\n')}\n`, 'bomb.yaml'));
    expect(e.message).toMatch(/aliases/);
    expect(e.line).toBe(3);
  });

  it.each([
    ['flow', '['.repeat(10_000) + ']'.repeat(10_000)],
    ['block', '- '.repeat(10_000) + 'x\n'],
    ['json', '{"a":'.repeat(10_000) + '1' + '}'.repeat(10_000)],
  ])('returns an error for 10,000-deep %s nesting', (_kind, src) => {
    const e = error(parseTemplateText(src, 'deep.yaml'));
    expect(e.message).toBe(`nesting too deep (more than ${MAX_DEPTH} levels)`);
    expect(e.message).not.toContain('\n');
  });

  it('turns a NUL character in text into an error', () => {
    expect(error(parseTemplateText('Resources: {}\nx: "\0"\n', 'n.yaml')).line).toBe(2);
  });

  it('rejects files over 20 MB without reading them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-parse-'));
    const big = join(dir, 'big.yaml');
    try {
      const fd = openSync(big, 'w');
      ftruncateSync(fd, 21 * 1024 * 1024); // sparse: no 21 MB written
      closeSync(fd);
      const e = error(readTemplateFile(big));
      expect(e.message).toBe('template is 21 MB, over the 20 MB limit; not read');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('peer corpus', () => {
  const corpus = join(repo, '../shared/corpus/templates');
  const files: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (/\.(ya?ml|json|template)$/.test(name)) files.push(p);
    }
  };
  let available = true;
  try {
    walk(corpus);
  } catch {
    available = false;
  }

  it.skipIf(!available)('parses every corpus file or gives a clean one-line error', () => {
    expect(files.length).toBeGreaterThan(250);
    const outcomes = files.map((f) => [relative(corpus, f), readTemplateFile(f)] as const);
    const templates = outcomes.filter(([, o]) => o.kind === 'template');
    for (const [name, o] of outcomes) {
      if (o.kind === 'error') {
        expect(o.error.message, name).not.toContain('\n');
        expect(o.error.message, name).not.toMatch(/^\s*at /);
      }
      if (o.kind === 'template') {
        // Every resource key has a position inside the file.
        const resources = o.template.body['Resources'] as Record<string, unknown>;
        for (const id of Object.keys(resources)) {
          const pos = o.template.position(['Resources', id]);
          expect(pos.line, `${name} ${id}`).toBeGreaterThan(1);
        }
      }
    }
    // The corpus README: two parameter-values JSON files, every other file a template.
    expect(outcomes.filter(([, o]) => o.kind === 'not-template').map(([n]) => n)).toHaveLength(2);
    expect(templates.length).toBeGreaterThan(280);
  });
});

describe('hostile text', () => {
  it.each([
    ['ESC in a double-quoted value', 'Resources:\n  A:\n    Type: X::Y::Z\n    P: "a\x1b]0;title\x07"\n', 'U+001B', 4],
    ['ESC in a plain value', 'Resources:\n  A:\n    Type: X::Y::Z\n    P: a\x1bb\n', 'U+001B', 4],
    ['a C1 control (CSI)', 'Resources:\n  A:\n    Type: X::Y::Z\n    P: a\u009bb\n', 'U+009B', 4],
    ['BEL in a JSON string', '{"Resources": {"A": {"Type": "X::Y::Z",\n "P": "a\x07"}}}', 'U+0007', 2],
  ])('a control character (%s) is one line naming it and its line', (_name, src, code, line) => {
    const e = error(parseTemplateText(src, 'c.yaml'));
    expect(e.message).toContain(`control character ${code}`);
    expect(e.line).toBe(line);
    expect(e.message).not.toMatch(/[\u0000-\u001f\u007f-\u009f]/);
  });

  it('escapes what it quotes from the input: tags, duplicate keys, resource ids', () => {
    const tag = error(parseTemplateText('Resources:\n  A:\n    Type: !Ref%1b%5d0 x\n', 't.yaml'));
    expect(tag.message).toBe('unknown tag !Ref\\u001b]0 (not a CloudFormation intrinsic function)');
    const dup = error(parseTemplateText('Resources:\n  "A\\e[2J\\u202e":\n    Type: X\n  "A\\e[2J\\u202e":\n    Type: X\n', 't.yaml'));
    expect(dup.message).not.toMatch(/[\u0000-\u001f\u202e]/);
    expect(dup.line).toBe(4);
    const shape = error(parseTemplateText('Resources:\n  "Evil\\u202eId\\r\\nfake.yaml:1:1 CRITICAL": [1]\n', 't.yaml'));
    expect(shape.message).toBe('resource "Evil\\u202eId\\r\\nfake.yaml:1:1 CRITICAL" must be a mapping, found a list');
  });

  it('cuts a long key in a message', () => {
    const key = 'K'.repeat(100_000);
    const e = error(parseTemplateText(`Resources:\n  ${key}:\n    Type: X\n  ${key}:\n    Type: X\n`, 'long.yaml'));
    expect(e.message.length).toBeLessThan(200);
    expect(e.message).toContain('(100000 characters)');
  });

  it('reads names of JavaScript built-ins as plain keys, with positions, and pollutes nothing', () => {
    const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__', 'isPrototypeOf'];
    const src = `Resources:\n${names.map((n) => `  ${n}:\n    Type: AWS::SNS::Topic\n    Properties:\n      TopicName: ${n}\n`).join('')}`;
    const t = template(parseTemplateText(src, 'p.yaml'));
    const resources = t.body['Resources'] as Record<string, unknown>;
    expect(Object.keys(resources)).toEqual(names);
    for (const [i, n] of names.entries()) {
      expect(Object.hasOwn(resources, n)).toBe(true);
      expect(t.position(['Resources', n, 'Properties', 'TopicName'])).toEqual({ line: 5 + 4 * i, column: 7 });
    }
    expect(({} as Record<string, unknown>)['Type']).toBeUndefined();
    expect(Object.getPrototypeOf(resources)).toBe(Object.prototype);
    // A path naming a built-in that the template does not hold is not found (nearest ancestor).
    const plain = template(parseTemplateText('Resources:\n  A:\n    Type: X::Y::Z\n', 'q.yaml'));
    expect(plain.position(['Resources', 'constructor', 'Type'])).toEqual({ line: 1, column: 1 });
    expect(plain.position(['Resources', 'A', '__proto__'])).toEqual({ line: 2, column: 3 });
  });

  it('keeps positions right through large mappings, long lists and quoted keys', () => {
    const many = Array.from({ length: 300 }, (_, i) => `  R${i}:\n    Type: X::Y::Z\n    Properties:\n      L: [${Array.from({ length: 40 }, (_, k) => `i${k}`).join(', ')}]\n`);
    const src = `Resources:\n${many.join('')}  "Q\\u0041": {Type: X::Y::Z}\n  ? plain\n  : {Type: X::Y::Z}\n  Last:\n    Type: X::Y::Z\n`;
    const t = template(parseTemplateText(src, 'big.yaml'));
    expect(t.position(['Resources', 'R0'])).toEqual({ line: 2, column: 3 });
    expect(t.position(['Resources', 'R299', 'Type'])).toEqual({ line: 2 + 299 * 4 + 1, column: 5 });
    // Item 30 of the flow list: "      L: [" is 10 characters, each item "iK, " before it.
    const items = Array.from({ length: 30 }, (_, k) => `i${k}, `).join('');
    expect(t.position(['Resources', 'R7', 'Properties', 'L', 30])).toEqual({ line: 2 + 7 * 4 + 3, column: 11 + items.length });
    expect(t.position(['Resources', 'R7', 'Properties', 'L', 40])).toEqual({ line: 2 + 7 * 4 + 3, column: 7 });
    expect(t.position(['Resources', 'QA', 'Type'])).toEqual({ line: 1202, column: 15 });
    expect(t.position(['Resources', 'plain'])).toEqual({ line: 1203, column: 5 });
    expect(t.position(['Resources', 'Last', 'Type'])).toEqual({ line: 1206, column: 5 });
  });

  it('keeps positions under a very long key without building paths from it', () => {
    const key = 'k'.repeat(1_000_000);
    const children = Array.from({ length: 2_000 }, (_, i) => `      c${i}: v`).join('\n');
    const t = template(parseTemplateText(`Resources:\n  A:\n    Type: X::Y::Z\n    Properties:\n     ${key}:\n${children}\n`, 'k.yaml'));
    expect(t.position(['Resources', 'A', 'Properties', key, 'c1999'])).toEqual({ line: 2005, column: 7 });
  });

  it('parses extremely long lines and strings, and many keys', () => {
    const long = template(parseTemplateText(`Resources:\n  A:\n    Type: X::Y::Z\n    P: "${'a'.repeat(5_000_000)}"\n`, 'l.yaml'));
    expect(((long.body['Resources'] as Record<string, { P: string }>)['A']?.P ?? '').length).toBe(5_000_000);
    const keys = Array.from({ length: 50_000 }, (_, i) => `  R${i}: {Type: X::Y::Z}`).join('\n');
    const many = template(parseTemplateText(`Resources:\n${keys}\n`, 'm.yaml'));
    expect(Object.keys(many.body['Resources'] as object)).toHaveLength(50_000);
    expect(many.position(['Resources', 'R49999'])).toEqual({ line: 50_001, column: 3 });
  });

  it('accepts a BOM before JSON and reports NUL bytes with their line', () => {
    expect(parseTemplateBytes(Uint8Array.from([0xef, 0xbb, 0xbf, ...new TextEncoder().encode('{"Resources": {}}')]), 'b.json').kind).toBe('template');
    const e = error(parseTemplateBytes(new TextEncoder().encode('Resources: {}\n\nx: "a\0b"\n'), 'n.yaml'));
    expect(e).toEqual({ file: 'n.yaml', line: 3, message: 'binary file (contains NUL bytes), not a template' });
  });

  it.each([
    ['a mapping nested 10,000 deep in flow style', 'Resources: ' + '{a: '.repeat(10_000) + '1' + '}'.repeat(10_000)],
    ['lists and mappings alternating 50,000 deep', 'Resources: ' + '[{a: '.repeat(25_000) + '1' + '}]'.repeat(25_000)],
    ['JSON nested 100,000 deep', '{"Resources": ' + '{"a":'.repeat(100_000) + '1' + '}'.repeat(100_000) + '}'],
  ])('%s is a depth error on line 1', (_name, src) => {
    const e = error(parseTemplateText(src, 'deep.yaml'));
    expect(e.message).toBe(`nesting too deep (more than ${MAX_DEPTH} levels)`);
    expect(e.line).toBe(1);
  });

  it('turns anything unexpected into an error naming the file, never a throw', () => {
    for (const src of ['\uFFFE', '\uD800', '%YAML 9.9\n---\nResources: {}', '!<tag:yaml.org,2002:js/function> x', '? ? ? ?', '- - - -\n  - -']) {
      const outcome = parseTemplateText(src, 'w.yaml');
      if (outcome.kind === 'error') {
        expect(outcome.error.file).toBe('w.yaml');
        expect(outcome.error.message).not.toContain('\n');
      }
    }
  });
});

describe('quoteInput and escapeControls', () => {
  it('escapes controls, separators and bidi overrides, and cuts long text between characters', () => {
    expect(escapeControls('a\x1b]0;x\x07\r\n\u202e\u2066b')).toBe('a\\u001b]0;x\\u0007\\r\\n\\u202e\\u2066b');
    expect(quoteInput('say "hi"\\')).toBe('"say \\"hi\\"\\\\"');
    expect(quoteInput('ab😀', 3)).toBe('"ab…" (4 characters)');
  });
});

describe('Mappings', () => {
  it('refuses intrinsic functions inside Mappings, as CloudFormation does, with the line', () => {
    const src = 'Mappings:\n  M0:\n    k:\n      v: [a, b]\n  M1:\n    k:\n      v:\n        - !FindInMap [M0, k, v]\nResources:\n  A:\n    Type: X::Y::Z\n';
    const e = error(parseTemplateText(src, 'm.yaml'));
    expect(e).toEqual({
      file: 'm.yaml',
      line: 8,
      column: 11,
      message: 'Mappings can hold only literal values, not intrinsic functions (Fn::FindInMap); CloudFormation rejects this template',
    });
    expect(error(parseTemplateText('Mappings:\n  M:\n    k:\n      v: !Ref AWS::Region\nResources: {}\n', 'r.yaml')).message).toMatch(/\(Ref\)/);
  });

  it('accepts literal mappings, lists of strings and keys that merely look like functions', () => {
    const src = 'Mappings:\n  RegionMap:\n    us-east-1:\n      Ami: ami-1\n      Azs: [a, b]\n      Ref: not-a-call\n      Extra: 1\nResources:\n  A:\n    Type: X::Y::Z\n';
    expect(parseTemplateText(src, 'ok.yaml').kind).toBe('template');
  });
});
