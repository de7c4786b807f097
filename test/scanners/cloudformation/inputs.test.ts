import { chmodSync, cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadInputs, parseEnvironment } from '../../../src/scanners/cloudformation/inputs.js';

const here = dirname(fileURLToPath(import.meta.url));
const repo = join(here, '../../..');
/** How inputs name files under the current directory. */
const shown = (abs: string): string => relative(process.cwd(), abs);
const assemblyDir = join(repo, 'fixtures/cdk/minimal.out');

const TOPIC = 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n';

describe('cdk cloud assembly', () => {
  it('takes every stack artifact, with stack name, environment and nested stages', () => {
    const { inputs, errors, notes } = loadInputs([assemblyDir]);
    expect(errors).toEqual([]);
    expect(notes).toEqual([]);
    const a = shown(assemblyDir);
    expect(inputs.map((i) => ({ file: i.file, scope: i.scope, stack: i.stack, assembly: i.assembly, environment: i.environment }))).toEqual([
      {
        file: `${a}/AppStack.template.json`,
        scope: `${a}/AppStack.template.json#app-stack`,
        stack: 'app-stack',
        assembly: a,
        environment: { account: '111122223333', region: 'eu-west-1' },
      },
      {
        file: `${a}/NetworkStack.template.json`,
        scope: `${a}/NetworkStack.template.json#NetworkStack`,
        stack: 'NetworkStack',
        assembly: a,
        environment: { account: '111122223333', region: 'eu-west-1' },
      },
      {
        file: `${a}/assembly-Prod/ProdBucketStackA1B2C3D4.template.json`,
        scope: `${a}/assembly-Prod/ProdBucketStackA1B2C3D4.template.json#Prod-BucketStack`,
        stack: 'Prod-BucketStack',
        assembly: `${a}/assembly-Prod`,
        environment: undefined,
      },
    ]);
  });

  it('parses the stacks, including the export and the import between them', () => {
    const { inputs } = loadInputs([assemblyDir]);
    const byStack = new Map(inputs.map((i) => [i.stack, i.template.body]));
    const outputs = byStack.get('NetworkStack')?.['Outputs'] as Record<string, { Export: { Name: string } }>;
    const exportName = Object.values(outputs)[0]?.Export.Name;
    expect(exportName).toBe('NetworkStack:ExportsOutputFnGetAttWebSg5B9C1D2EGroupIdA1B2C3D4');
    const app = byStack.get('app-stack')?.['Resources'] as Record<string, { Properties: { SecurityGroupIds: unknown[] } }>;
    expect(app['InstanceC1063A87']?.Properties.SecurityGroupIds).toEqual([{ 'Fn::ImportValue': exportName }]);
    const app2 = inputs.find((i) => i.stack === 'app-stack');
    expect(app2?.template.position(['Resources', 'InstanceC1063A87', 'Properties', 'SecurityGroupIds', 0])).toEqual({ line: 10, column: 6 });
  });

  it('accepts the manifest.json path and a folder that contains cdk.out', () => {
    const viaManifest = loadInputs([join(assemblyDir, 'manifest.json')]);
    expect(viaManifest.inputs.map((i) => i.stack)).toEqual(['app-stack', 'NetworkStack', 'Prod-BucketStack']);
    const viaParent = loadInputs([join(repo, 'fixtures/cdk')]);
    expect(viaParent.inputs.map((i) => i.scope)).toEqual(viaManifest.inputs.map((i) => i.scope));
    expect(viaParent.notes).toEqual([]);
    expect(viaParent.errors).toEqual([]);
  });

  it('does not take assembly templates again as loose files', () => {
    const { inputs } = loadInputs([assemblyDir, join(assemblyDir, 'AppStack.template.json'), join(repo, 'fixtures/cdk')]);
    expect(inputs).toHaveLength(3);
    expect(inputs.every((i) => i.stack !== undefined)).toBe(true);
  });

  it('parses environments, dropping the placeholders', () => {
    expect(parseEnvironment('aws://111122223333/us-east-1')).toEqual({ account: '111122223333', region: 'us-east-1' });
    expect(parseEnvironment('aws://unknown-account/eu-west-1')).toEqual({ region: 'eu-west-1' });
    expect(parseEnvironment('aws://111122223333/unknown-region')).toEqual({ account: '111122223333' });
    expect(parseEnvironment('aws://unknown-account/unknown-region')).toBeUndefined();
    expect(parseEnvironment('nonsense')).toBeUndefined();
    expect(parseEnvironment(undefined)).toBeUndefined();
  });
});

describe('directories', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'stackaudit-inputs-'));
    const w = (p: string, text: string | Uint8Array): void => {
      mkdirSync(dirname(join(root, p)), { recursive: true });
      writeFileSync(join(root, p), text);
    };
    w('b/network.yaml', TOPIC);
    w('a/app.json', JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: { Q: { Type: 'AWS::SQS::Queue' } } }));
    w('a/legacy.template', '{"Resources": {"B": {"Type": "AWS::S3::Bucket"}}}');
    w('package.json', '{"name": "x", "version": "1.0.0"}');
    w('tsconfig.json', '{\n  // comments make this invalid YAML and JSON\n  "compilerOptions": {}\n}\n');
    w('chart/templates/deploy.yaml', 'metadata:\n  name: {{ .Values.name }}\n{{- if .Values.x }}\n');
    w('serverless.yml', 'service: x\nresources:\n  Resources:\n    T:\n      Type: AWS::SNS::Topic\n');
    w('broken.yaml', 'AWSTemplateFormatVersion: "2010-09-09"\nResources:\n  T:\n    Type: AWS::SNS::Topic\n  T:\n    Type: AWS::SNS::Topic\n');
    w('compose.yaml', 'x: &a 1\ny: *a\n');
    w('notes.txt', TOPIC);
    w('node_modules/pkg/template.yaml', TOPIC);
    w('.git/x.yaml', TOPIC);
    w('empty.yaml', '');
    w('deep/nested/twice/t.yml', TOPIC);
    // A project with its synthesized assembly inside.
    cpSync(assemblyDir, join(root, 'cdkapp/cdk.out'), { recursive: true });
    w('cdkapp/cdk.json', '{"app": "npx ts-node bin/app.ts"}');
    symlinkSync(root, join(root, 'deep/loop'));
    symlinkSync(join(root, 'b/network.yaml'), join(root, 'b/link.yaml'));
    symlinkSync(join(root, 'missing.yaml'), join(root, 'dangling.yaml'));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('finds templates and assemblies in sorted order, skipping node_modules, .git and loops', () => {
    const { inputs } = loadInputs([root]);
    const cdk = join(root, 'cdkapp/cdk.out');
    expect(inputs.map((i) => i.scope)).toEqual(
      [
        join(root, 'a/app.json'),
        join(root, 'a/legacy.template'),
        join(root, 'b/link.yaml'),
        `${join(cdk, 'AppStack.template.json')}#app-stack`,
        `${join(cdk, 'NetworkStack.template.json')}#NetworkStack`,
        `${join(cdk, 'assembly-Prod/ProdBucketStackA1B2C3D4.template.json')}#Prod-BucketStack`,
        join(root, 'deep/nested/twice/t.yml'),
      ].sort(),
    );
    // b/link.yaml and b/network.yaml are one file: taken once, under the name met first.
    expect(inputs.filter((i) => i.file.startsWith(join(root, 'b')))).toHaveLength(1);
  });

  it('notes the YAML and JSON that are not templates', () => {
    const { notes } = loadInputs([root]);
    expect(notes).toEqual(
      [
        `skipped ${join(root, 'chart/templates/deploy.yaml')}: not a CloudFormation template`,
        `skipped ${join(root, 'compose.yaml')}: not a CloudFormation template`,
        `skipped ${join(root, 'empty.yaml')}: not a CloudFormation template`,
        `skipped ${join(root, 'package.json')}: not a CloudFormation template`,
        `skipped ${join(root, 'serverless.yml')}: not a CloudFormation template (it has neither a Resources section nor AWSTemplateFormatVersion)`,
        `skipped ${join(root, 'tsconfig.json')}: not a CloudFormation template`,
      ].sort(),
    );
  });

  it('reports broken templates and dangling links as errors, and still loads the rest', () => {
    const { inputs, errors } = loadInputs([root]);
    expect(inputs.length).toBe(7);
    expect(errors).toEqual([
      { file: join(root, 'broken.yaml'), line: 5, column: 3, message: 'duplicate key "T"' },
      { file: join(root, 'dangling.yaml'), message: 'broken symbolic link (no such file or directory)' },
    ]);
  });

  it('makes an explicitly named non-template an error', () => {
    const { inputs, errors, notes } = loadInputs([join(root, 'package.json'), join(root, 'b/network.yaml')]);
    expect(inputs.map((i) => i.file)).toEqual([join(root, 'b/network.yaml')]);
    expect(notes).toEqual([]);
    expect(errors).toEqual([
      { file: join(root, 'package.json'), message: 'not a CloudFormation template: it has neither a Resources section nor AWSTemplateFormatVersion' },
    ]);
  });

  it('names missing paths and goes on', () => {
    const missing = join(root, 'nope');
    const { inputs, errors } = loadInputs([missing, join(root, 'a')]);
    expect(errors).toEqual([{ file: missing, message: 'no such file or directory' }]);
    expect(inputs).toHaveLength(2);
  });

  it('gives relative names for paths under the current directory', () => {
    const { inputs, errors } = loadInputs(['fixtures/bad/no-type.yaml', join(repo, 'fixtures/cdk/minimal.out/assembly-Prod')]);
    expect(errors.map((e) => [e.file, e.line])).toEqual([[shown(join(repo, 'fixtures/bad/no-type.yaml')), 4]]);
    expect(inputs.map((i) => i.file)).toEqual([shown(join(repo, 'fixtures/cdk/minimal.out/assembly-Prod/ProdBucketStackA1B2C3D4.template.json'))]);
  });

  it('reports the bad-input fixtures that look like templates, and notes the others', () => {
    const { inputs, errors, notes } = loadInputs([join(repo, 'fixtures/bad')]);
    expect(inputs).toEqual([]);
    const name = (f: string): string => f.slice(f.lastIndexOf('/') + 1);
    expect(errors.map((e) => name(e.file))).toEqual([
      'aliases.yaml',
      'bad-utf8.yaml',
      'duplicate-keys.json',
      'duplicate-keys.yaml',
      'multi-document.yaml',
      'no-type.yaml',
      'resources-list.yaml',
      'syntax-error.yaml',
      'unknown-tag.yaml',
    ]);
    expect(errors.every((e) => e.line !== undefined && !e.message.includes('\n'))).toBe(true);
    expect(notes.map((n) => n.replace(/^skipped .*\/([^/]+):/, '$1:'))).toEqual([
      'empty.yaml: not a CloudFormation template',
      'not-a-template.json: not a CloudFormation template',
      'top-level-list.yaml: not a CloudFormation template (the top-level value is a list, not a mapping)',
      'whitespace.yaml: not a CloudFormation template',
    ]);
  });

  it.skipIf(process.getuid?.() === 0)('reports an unreadable directory and still loads the others', () => {
    const locked = join(root, 'locked');
    mkdirSync(locked, { recursive: true });
    writeFileSync(join(locked, 't.yaml'), TOPIC);
    chmodSync(locked, 0o000);
    try {
      const { inputs, errors } = loadInputs([locked, join(root, 'a')]);
      expect(errors).toEqual([{ file: locked, message: 'permission denied' }]);
      expect(inputs).toHaveLength(2);
    } finally {
      chmodSync(locked, 0o755);
      rmSync(locked, { recursive: true, force: true });
    }
  });

  it('errors on a manifest.json without artifacts when named directly', () => {
    const dir = join(root, 'fake-assembly');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'manifest.json'), '{"version": "1"}');
    try {
      const { errors } = loadInputs([join(dir, 'manifest.json')]);
      expect(errors).toEqual([{ file: join(dir, 'manifest.json'), message: 'not a CDK cloud assembly manifest (no "artifacts" object)' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('loads CDK nested stack templates of an assembly as templates of that assembly', () => {
    const dir = join(root, 'nested-assembly');
    cpSync(join(assemblyDir, 'assembly-Prod'), dir, { recursive: true });
    writeFileSync(join(dir, 'ProdBucketStackDataNestedStackDataNestedStackResourceA1B2C3D4.nested.template.json'), JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }));
    try {
      const { inputs, errors } = loadInputs([dir]);
      expect(errors).toEqual([]);
      expect(inputs.map((i) => [i.scope, i.stack, i.assembly])).toEqual([
        [`${join(dir, 'ProdBucketStackA1B2C3D4.template.json')}#Prod-BucketStack`, 'Prod-BucketStack', dir],
        [join(dir, 'ProdBucketStackDataNestedStackDataNestedStackResourceA1B2C3D4.nested.template.json'), undefined, dir],
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('errors on a stack artifact whose template is missing', () => {
    const dir = join(root, 'half-assembly');
    mkdirSync(dir, { recursive: true });
    writeFileSync(
      join(dir, 'manifest.json'),
      JSON.stringify({ version: '38.0.1', artifacts: { S: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'S.template.json' } } } }),
    );
    try {
      const { errors, inputs } = loadInputs([dir]);
      expect(inputs).toEqual([]);
      expect(errors).toEqual([{ file: join(dir, 'S.template.json'), message: 'cannot read template: no such file or directory' }]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
