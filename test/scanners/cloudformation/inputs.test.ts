import { chmodSync, closeSync, cpSync, ftruncateSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { STDIN_NAME, loadInputs, parseEnvironment } from '../../../src/scanners/cloudformation/inputs.js';

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
    expect(errors).toEqual([{ file: join(root, 'package.json'), message: 'not a CloudFormation template: it has neither a Resources section nor AWSTemplateFormatVersion' }]);
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
      'control-character.yaml',
      'deep-nesting.json',
      'duplicate-keys.json',
      'duplicate-keys.yaml',
      'mappings-intrinsic.yaml',
      'multi-document.yaml',
      'no-type.yaml',
      'resources-list.yaml',
      'syntax-error.yaml',
      'unknown-tag.yaml',
      'utf16.yaml',
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
    writeFileSync(
      join(dir, 'ProdBucketStackDataNestedStackDataNestedStackResourceA1B2C3D4.nested.template.json'),
      JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }),
    );
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
      JSON.stringify({
        version: '38.0.1',
        artifacts: { S: { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile: 'S.template.json' } } },
      }),
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

/** A Unix socket at `path` (no child process needed); closed by the returned function. */
async function socketAt(path: string): Promise<() => Promise<void>> {
  const server = createServer();
  await new Promise<void>((ok, ko) => {
    server.once('error', ko);
    server.listen(path, ok);
  });
  return () => new Promise<void>((ok) => server.close(() => ok()));
}

function stack(templateFile: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { type: 'aws:cloudformation:stack', environment: 'aws://unknown-account/unknown-region', properties: { templateFile, ...extra } };
}

function writeAssembly(dir: string, artifacts: Record<string, unknown>): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'manifest.json'), JSON.stringify({ version: '38.0.1', artifacts }));
}

describe('special files: never opened, never a hang', () => {
  let root: string;
  let closeSocket: () => Promise<void>;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'stackaudit-special-'));
    writeFileSync(join(root, 'good.yaml'), TOPIC);
    symlinkSync('/dev/zero', join(root, 'zero.yaml'));
    symlinkSync('/dev/random', join(root, 'random.json'));
    symlinkSync('/dev/zero', join(root, 'README')); // not a template name: never looked at
    symlinkSync(join(root, 'self.yaml'), join(root, 'self.yaml')); // a link to itself
    closeSocket = await socketAt(join(root, 'sock.yaml'));
    // A folder claiming to be a cloud assembly, whose manifest is /dev/zero.
    mkdirSync(join(root, 'cdk'));
    symlinkSync('/dev/zero', join(root, 'cdk/manifest.json'));
    writeFileSync(join(root, 'cdk/loose.yaml'), TOPIC);
    // Sparse files: 21 MB on paper, nothing written.
    for (const name of ['big.yaml', 'big-named.json']) {
      const fd = openSync(join(root, name), 'w');
      ftruncateSync(fd, 21 * 1024 * 1024);
      closeSync(fd);
    }
  });

  afterAll(async () => {
    await closeSocket();
    rmSync(root, { recursive: true, force: true });
  });

  it('a walk skips devices, sockets and links to them with a note, and loads the rest', () => {
    const { inputs, errors, notes } = loadInputs([root]);
    expect(inputs.map((i) => i.file).sort()).toEqual([join(root, 'cdk/loose.yaml'), join(root, 'good.yaml')]);
    expect(notes).toEqual([
      `skipped ${join(root, 'big-named.json')}: larger than 20 MB, so not a deployable template`,
      `skipped ${join(root, 'big.yaml')}: larger than 20 MB, so not a deployable template`,
      `skipped ${join(root, 'random.json')}: it is a symbolic link to a character device, not a regular file`,
      `skipped ${join(root, 'sock.yaml')}: it is a socket, not a regular file`,
      `skipped ${join(root, 'zero.yaml')}: it is a symbolic link to a character device, not a regular file`,
    ]);
    expect(errors).toEqual([
      { file: join(root, 'cdk/manifest.json'), message: 'cannot read cloud assembly manifest: it is a character device, not a regular file' },
      { file: join(root, 'self.yaml'), message: 'broken symbolic link (too many levels of symbolic links)' },
    ]);
  });

  it.each([
    ['zero.yaml', 'cannot read template: it is a character device, not a regular file'],
    ['random.json', 'cannot read template: it is a character device, not a regular file'],
    ['sock.yaml', 'cannot read template: it is a socket, not a regular file'],
    ['big-named.json', 'template is 21 MB, over the 20 MB limit; not read'],
    ['cdk/manifest.json', 'cannot read cloud assembly manifest: it is a character device, not a regular file'],
    ['self.yaml', 'too many levels of symbolic links'],
  ])('naming %s is one error naming it; the other inputs still load', (name, message) => {
    const { inputs, errors } = loadInputs([join(root, name), join(root, 'good.yaml')]);
    expect(errors).toEqual([{ file: join(root, name), message }]);
    expect(inputs.map((i) => i.file)).toEqual([join(root, 'good.yaml')]);
  });

  it('names /dev/zero and /dev/null themselves as errors', () => {
    const { errors } = loadInputs(['/dev/zero', '/dev/null']);
    expect(errors.map((e) => [e.file, e.message])).toEqual([
      ['/dev/null', 'cannot read template: it is a character device, not a regular file'],
      ['/dev/zero', 'cannot read template: it is a character device, not a regular file'],
    ]);
  });
});

describe('cloud assembly paths stay inside the assembly', () => {
  let root: string;

  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'stackaudit-contained-'));
    writeFileSync(join(root, 'secret.json'), JSON.stringify({ Resources: { Leak: { Type: 'AWS::SNS::Topic' } } }));
  });

  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const load = (name: string, artifacts: Record<string, unknown>, setup?: (dir: string) => void): ReturnType<typeof loadInputs> => {
    const dir = join(root, name, 'cdk.out');
    writeAssembly(dir, artifacts);
    writeFileSync(join(dir, 'Ok.template.json'), JSON.stringify({ Resources: { T: { Type: 'AWS::SNS::Topic' } } }));
    setup?.(dir);
    return loadInputs([dir]);
  };

  it.each([
    ['parent-relative', '../../secret.json'],
    ['to /etc/passwd', '../../../../../../../../etc/passwd'],
    ['absolute', '/etc/passwd'],
  ])('a templateFile %s is an error naming the manifest, and the other stacks load', (name, templateFile) => {
    const { inputs, errors } = load(name, { Evil: stack(templateFile), Ok: stack('Ok.template.json') });
    const manifest = join(root, name, 'cdk.out/manifest.json');
    expect(errors).toEqual([{ file: manifest, message: `stack artifact Evil: templateFile ${JSON.stringify(templateFile)} is outside the cloud assembly directory; not read` }]);
    expect(inputs.map((i) => i.stack)).toEqual(['Ok']);
  });

  it('a templateFile that is a symlink out of the assembly is refused too', () => {
    const { inputs, errors } = load('symlink-out', { Evil: stack('Evil.template.json'), Ok: stack('Ok.template.json') }, (dir) => {
      symlinkSync(join(root, 'secret.json'), join(dir, 'Evil.template.json'));
    });
    expect(errors.map((e) => e.message)).toEqual(['stack artifact Evil: templateFile "Evil.template.json" is outside the cloud assembly directory; not read']);
    expect(inputs.map((i) => i.stack)).toEqual(['Ok']);
  });

  it('a templateFile that goes out and back in is fine, and so is an assembly reached through a symlink', () => {
    const { inputs, errors } = load('round-trip', { Ok: stack('./sub/../Ok.template.json') });
    expect(errors).toEqual([]);
    expect(inputs.map((i) => i.stack)).toEqual(['Ok']);
    symlinkSync(join(root, 'round-trip/cdk.out'), join(root, 'linked.out'));
    const viaLink = loadInputs([join(root, 'linked.out')]);
    expect(viaLink.errors).toEqual([]);
    expect(viaLink.inputs.map((i) => i.file)).toEqual([join(root, 'linked.out/Ok.template.json')]);
  });

  it('a templateFile that is a device inside the assembly is an error', () => {
    const { inputs, errors } = load('device', { Zero: stack('zero.json'), Ok: stack('Ok.template.json') }, (dir) => {
      symlinkSync('/dev/zero', join(dir, 'zero.json'));
    });
    // /dev/zero is outside the assembly: refused before its type is even looked at.
    expect(errors.map((e) => e.message)).toEqual(['stack artifact Zero: templateFile "zero.json" is outside the cloud assembly directory; not read']);
    expect(inputs.map((i) => i.stack)).toEqual(['Ok']);
  });

  it('a nested assembly directoryName out of the assembly is an error naming the manifest', () => {
    const { inputs, errors } = load('nested-out', {
      Up: { type: 'cdk:cloud-assembly', properties: { directoryName: '..' } },
      Far: { type: 'cdk:cloud-assembly', properties: { directoryName: '../../other' } },
      Ok: stack('Ok.template.json'),
    });
    const manifest = join(root, 'nested-out/cdk.out/manifest.json');
    expect(errors).toEqual([
      { file: manifest, message: 'nested assembly artifact Far: directoryName "../../other" is outside the cloud assembly directory; not read' },
      { file: manifest, message: 'nested assembly artifact Up: directoryName ".." is outside the cloud assembly directory; not read' },
    ]);
    expect(inputs.map((i) => i.stack)).toEqual(['Ok']);
  });

  it('a nested stack template that links out of the assembly is an error', () => {
    const { inputs, errors } = load('nested-template-out', { Ok: stack('Ok.template.json') }, (dir) => {
      symlinkSync(join(root, 'secret.json'), join(dir, 'LeakNestedStackLeakResourceABCD.nested.template.json'));
    });
    expect(errors).toEqual([
      {
        file: join(root, 'nested-template-out/cdk.out/LeakNestedStackLeakResourceABCD.nested.template.json'),
        message: 'nested stack template is a link to outside the cloud assembly directory; not read',
      },
    ]);
    expect(inputs.map((i) => i.stack)).toEqual(['Ok']);
  });

  it('escapes a hostile templateFile in the message', () => {
    const { errors } = load('escape', { 'Id\u001b]0;x\u0007': stack('../\u001b[2J\r\nfake.yaml:1:1 CRITICAL') });
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toBe(
      'stack artifact "Id\\u001b]0;x\\u0007": templateFile "../\\u001b[2J\\r\\nfake.yaml:1:1 CRITICAL" is outside the cloud assembly directory; not read',
    );
  });
});

describe('names of JavaScript built-ins in a manifest', () => {
  it('are artifact ids like any other', () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-builtins-'));
    try {
      const names = ['constructor', 'toString', 'valueOf', 'hasOwnProperty', '__proto__'];
      const artifacts: Record<string, unknown> = {};
      for (const n of names) {
        Object.defineProperty(artifacts, n, { value: stack(`${n}.template.json`), enumerable: true });
        writeFileSync(join(dir, `${n}.template.json`), JSON.stringify({ Resources: { [n]: { Type: 'AWS::SNS::Topic' } } }));
      }
      writeAssembly(dir, artifacts);
      // An artifact with no `type` or `properties` of its own is not taken to have inherited ones.
      const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as { artifacts: Record<string, unknown> };
      manifest.artifacts['Bare'] = { type: 'aws:cloudformation:stack' };
      writeFileSync(join(dir, 'manifest.json'), JSON.stringify(manifest));
      const { inputs, errors } = loadInputs([dir]);
      expect(errors).toEqual([{ file: join(dir, 'manifest.json'), message: 'stack artifact Bare has no properties.templateFile' }]);
      expect(inputs.map((i) => i.stack).sort()).toEqual([...names].sort());
      expect(({} as Record<string, unknown>)['type']).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('standard input', () => {
  it('reads `-` through readStdin, named <stdin>, among other inputs', () => {
    const { inputs, errors } = loadInputs(['-', join(repo, 'fixtures/cdk/minimal.out/assembly-Prod')], { readStdin: () => TOPIC });
    expect(errors).toEqual([]);
    expect(inputs.map((i) => i.scope)).toContain(STDIN_NAME);
    const stdin = inputs.find((i) => i.file === STDIN_NAME);
    expect(stdin?.template.position(['Resources', 'Topic', 'Type'])).toEqual({ line: 3, column: 5 });
  });

  it('reads it once even when `-` is given twice, and accepts bytes (JSON sniffed)', () => {
    let reads = 0;
    const { inputs } = loadInputs(['-', '-'], {
      readStdin: () => {
        reads++;
        return new TextEncoder().encode('{"Resources": {"Q": {"Type": "AWS::SQS::Queue"}}}');
      },
    });
    expect(reads).toBe(1);
    expect(inputs.map((i) => [i.file, i.template.format])).toEqual([[STDIN_NAME, 'json']]);
  });

  it('applies the template checks and limits', () => {
    const bad = loadInputs(['-'], { readStdin: () => Uint8Array.from([0x52, 0x3a, 0x20, 0xc3, 0x28]) });
    expect(bad.errors).toEqual([{ file: STDIN_NAME, line: 1, message: 'invalid UTF-8 (byte 0xc3); save the file as UTF-8' }]);
    const big = loadInputs(['-'], { readStdin: () => 'x'.repeat(20 * 1024 * 1024 + 1) });
    expect(big.errors).toEqual([{ file: STDIN_NAME, message: 'template is 20.0 MB, over the 20 MB limit; not read' }]);
    const notTemplate = loadInputs(['-'], { readStdin: () => 'name: x\n' });
    expect(notTemplate.errors).toEqual([{ file: STDIN_NAME, message: 'not a CloudFormation template: it has neither a Resources section nor AWSTemplateFormatVersion' }]);
  });

  it('turns a failing reader into an error for <stdin> and loads the rest', () => {
    const { inputs, errors } = loadInputs(['-', join(repo, 'fixtures/cdk/minimal.out/assembly-Prod')], {
      readStdin: () => {
        throw new Error('EIO: i/o error, read\n    at readSync');
      },
    });
    expect(errors).toEqual([{ file: STDIN_NAME, message: 'cannot load: EIO: i/o error, read' }]);
    expect(inputs).toHaveLength(1);
  });
});
