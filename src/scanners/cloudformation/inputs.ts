// Finds the templates a scan reads: files named by the user, templates found by walking
// directories, and the stacks of CDK cloud assemblies (cdk.out).

import { closeSync, fstatSync, openSync, readFileSync, readSync, readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve } from 'node:path';
import type { InputError } from '../../model/finding.js';
import { MAX_TEMPLATE_BYTES, ioMessage, parseTemplateBytes, readTemplateFile } from './parse.js';
import type { ParseOutcome, ParsedTemplate } from './parse.js';

export interface TemplateInput {
  /** Path as the user would read it (relative to cwd when under cwd). */
  readonly file: string;
  /** Unique key of this template in the scan: `file`, or `${file}#${stackName}` for a CDK stack. */
  readonly scope: string;
  /** CDK stack name. */
  readonly stack?: string;
  /** The cloud assembly directory the stack belongs to; its templates resolve Fn::ImportValue among themselves. */
  readonly assembly?: string;
  /** From the manifest's `aws://account/region`, without CDK's unknown-account / unknown-region placeholders. */
  readonly environment?: { readonly account?: string; readonly region?: string };
  readonly template: ParsedTemplate;
}

export interface LoadedInputs {
  inputs: TemplateInput[];
  errors: InputError[];
  notes: string[];
}

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** CDK bookkeeping that can sit next to templates; never templates themselves. */
const CDK_METADATA = /(^|\.)(assets\.json)$|^(tree\.json|manifest\.json|cdk\.json|cdk\.context\.json|cdk\.out)$/;

// Artifact types of the cloud assembly schema.
// https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/cloud-assembly-schema/lib/cloud-assembly/schema.ts
const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';

/** Loads every template named by `paths` (files, directories, cdk.out folders or their manifest.json). */
export function loadInputs(paths: readonly string[]): LoadedInputs {
  const loader = new Loader();
  for (const p of paths) loader.loadPath(p);
  return loader.result();
}

function display(abs: string): string {
  const rel = relative(process.cwd(), abs);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? abs : rel;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function compare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function realpathOrSelf(p: string): string {
  try {
    // The native call resolves in one libc realpath instead of an lstat per path component.
    return realpathSync.native(p);
  } catch {
    return p;
  }
}

/** `aws://123456789012/eu-west-1`; CDK writes unknown-account / unknown-region for environment-agnostic stacks. */
export function parseEnvironment(env: unknown): { account?: string; region?: string } | undefined {
  if (typeof env !== 'string') return undefined;
  const m = /^aws:\/\/([^/]*)\/([^/]*)$/.exec(env);
  if (!m) return undefined;
  const out: { account?: string; region?: string } = {};
  if (m[1] && m[1] !== 'unknown-account') out.account = m[1];
  if (m[2] && m[2] !== 'unknown-region') out.region = m[2];
  return out.account === undefined && out.region === undefined ? undefined : out;
}

type Manifest = { artifacts: Record<string, unknown> };

class Loader {
  private readonly inputs: TemplateInput[] = [];
  private readonly errors: InputError[] = [];
  private readonly notes: string[] = [];
  /** Real paths of templates already taken, so overlapping arguments and assembly stacks are read once. */
  private readonly seenFiles = new Set<string>();
  /** Real paths of directories walked or assemblies read (symlink loops, repeated arguments). */
  private readonly seenDirs = new Set<string>();

  result(): LoadedInputs {
    const inputs = [...this.inputs].sort((a, b) => compare(a.scope, b.scope));
    const errors = [...this.errors].sort(
      (a, b) => compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compare(a.message, b.message),
    );
    return { inputs, errors, notes: [...this.notes].sort(compare) };
  }

  loadPath(p: string): void {
    const abs = resolve(p);
    let isDir: boolean;
    try {
      isDir = statSync(abs).isDirectory();
    } catch (e) {
      this.errors.push({ file: display(abs), message: ioMessage(e) });
      return;
    }
    if (isDir) {
      this.loadDirectory(abs);
      return;
    }
    if (basename(abs) === 'manifest.json') {
      const manifest = this.readManifest(abs, true);
      if (manifest) this.loadAssembly(dirname(abs), manifest);
      return;
    }
    this.loadNamedFile(abs);
  }

  /** A file the user named: whatever it is, it must be a template. */
  private loadNamedFile(abs: string): void {
    const real = realpathOrSelf(abs);
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    const file = display(abs);
    this.accept(readTemplateFile(abs), file, (template) => ({ file, scope: file, template }));
  }

  private accept(outcome: ParseOutcome, file: string, make: (t: ParsedTemplate) => TemplateInput): void {
    if (outcome.kind === 'template') this.inputs.push(make(outcome.template));
    else if (outcome.kind === 'error') this.errors.push({ ...outcome.error, file });
    else this.errors.push({ file, message: `not a CloudFormation template: ${outcome.reason}` });
  }

  private loadDirectory(dir: string): void {
    const real = realpathOrSelf(dir);
    if (this.seenDirs.has(real)) return;
    this.seenDirs.add(real);

    const manifestPath = join(dir, 'manifest.json');
    const manifest = this.readManifest(manifestPath, false);
    if (manifest) {
      // A cloud assembly is read through its manifest only: its other files are asset
      // staging folders (user code), tree.json and asset manifests, never stacks of their own.
      this.loadAssembly(dir, manifest);
      return;
    }

    let entries: Dirent[];
    try {
      entries = readdirSync(dir, { withFileTypes: true });
    } catch (e) {
      this.errors.push({ file: display(dir), message: ioMessage(e) });
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      if (entry.isSymbolicLink()) {
        try {
          const st = statSync(abs);
          isDir = st.isDirectory();
          isFile = st.isFile();
        } catch (e) {
          this.errors.push({ file: display(abs), message: `broken symbolic link (${ioMessage(e)})` });
          continue;
        }
      }
      if (isDir) {
        if (!SKIPPED_DIRS.has(entry.name)) this.loadDirectory(abs);
      } else if (isFile && TEMPLATE_EXTENSIONS.has(extname(entry.name).toLowerCase()) && !CDK_METADATA.test(entry.name)) {
        this.loadFoundFile(abs);
      }
    }
  }

  /**
   * A file met while walking a directory. Folders hold all sorts of YAML and JSON
   * (package.json, tsconfig.json with comments, Helm charts with {{ }}, k8s multi-document
   * manifests, docker-compose files with anchors), so only files that look meant to be
   * templates are parsed and can produce errors: a `.template` extension, or text that
   * mentions `AWSTemplateFormatVersion` or `Resources` (every template has one of them, so a
   * file mentioning neither cannot be one and is skipped with a note, unparsed and cheap).
   * A candidate that parses but is not a template is skipped with a note; a candidate
   * that fails to parse is an error, since that is what the user will want to fix.
   */
  private loadFoundFile(abs: string): void {
    const real = realpathOrSelf(abs);
    if (this.seenFiles.has(real)) return;
    const file = display(abs);
    const bytes = this.readSmallFile(abs, file);
    if (bytes === undefined) return;
    const candidate =
      extname(abs).toLowerCase() === '.template' || bytes.includes('AWSTemplateFormatVersion') || bytes.includes('Resources');
    if (!candidate) {
      this.notes.push(`skipped ${file}: not a CloudFormation template`);
      return;
    }
    this.seenFiles.add(real);
    const outcome = parseTemplateBytes(bytes, file);
    if (outcome.kind === 'not-template') {
      this.notes.push(`skipped ${file}: not a CloudFormation template (${outcome.reason})`);
      return;
    }
    this.accept(outcome, file, (template) => ({ file, scope: file, template }));
  }

  /** Reads a file found in a walk; over 20 MB it cannot be a template (CloudFormation's limit is 1 MB) and is noted, not read. */
  private readSmallFile(abs: string, file: string): Buffer | undefined {
    let fd: number | undefined;
    try {
      fd = openSync(abs, 'r');
      const size = fstatSync(fd).size;
      if (size > MAX_TEMPLATE_BYTES) {
        this.notes.push(`skipped ${file}: larger than 20 MB`);
        return undefined;
      }
      const buf = Buffer.allocUnsafe(size);
      let read = 0;
      while (read < size) {
        const n = readSync(fd, buf, read, size - read, read);
        if (n === 0) break;
        read += n;
      }
      return buf.subarray(0, read);
    } catch (e) {
      this.errors.push({ file, message: ioMessage(e) });
      return undefined;
    } finally {
      if (fd !== undefined) closeSync(fd);
    }
  }

  /**
   * A manifest.json is a cloud assembly manifest when it has an `artifacts` object. When the
   * user named the manifest (`required`), anything else is an error; in a walk it is just a
   * directory that happens to hold some other manifest.json.
   */
  private readManifest(path: string, required: boolean): Manifest | undefined {
    const file = display(path);
    let text: string;
    try {
      if (statSync(path).size > MAX_TEMPLATE_BYTES) {
        if (required) this.errors.push({ file, message: 'manifest.json is larger than 20 MB; not read' });
        return undefined;
      }
      text = readFileSync(path, 'utf8');
    } catch (e) {
      if (required || (e as { code?: unknown }).code !== 'ENOENT') this.errors.push({ file, message: ioMessage(e) });
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      if (required) this.errors.push({ file, message: `invalid JSON in cloud assembly manifest: ${e instanceof Error ? e.message : String(e)}` });
      return undefined;
    }
    if (isRecord(json) && isRecord(json['artifacts'])) return { artifacts: json['artifacts'] };
    if (required) this.errors.push({ file, message: 'not a CDK cloud assembly manifest (no "artifacts" object)' });
    return undefined;
  }

  private loadAssembly(dir: string, manifest: Manifest): void {
    const real = realpathOrSelf(dir);
    // loadDirectory marks the directory before calling here; a manifest named directly or a nested assembly does not.
    this.seenDirs.add(real);
    const assembly = display(dir);
    const manifestFile = display(join(dir, 'manifest.json'));
    for (const id of Object.keys(manifest.artifacts).sort(compare)) {
      const artifact = manifest.artifacts[id];
      if (!isRecord(artifact)) continue;
      const props = isRecord(artifact['properties']) ? artifact['properties'] : {};
      if (artifact['type'] === STACK_ARTIFACT) {
        const templateFile = props['templateFile'];
        if (typeof templateFile !== 'string' || templateFile === '') {
          this.errors.push({ file: manifestFile, message: `stack artifact ${id} has no properties.templateFile` });
          continue;
        }
        const abs = resolve(dir, templateFile);
        const stack = typeof props['stackName'] === 'string' && props['stackName'] !== '' ? props['stackName'] : id;
        const realFile = realpathOrSelf(abs);
        if (this.seenFiles.has(realFile)) continue;
        this.seenFiles.add(realFile);
        const file = display(abs);
        const environment = parseEnvironment(artifact['environment']);
        this.accept(readTemplateFile(abs), file, (template) => ({
          file,
          scope: `${file}#${stack}`,
          stack,
          assembly,
          ...(environment ? { environment } : {}),
          template,
        }));
      } else if (artifact['type'] === NESTED_ASSEMBLY_ARTIFACT) {
        // A CDK Stage synthesizes into its own assembly in a subdirectory.
        const directoryName = props['directoryName'];
        if (typeof directoryName !== 'string' || directoryName === '') {
          this.errors.push({ file: manifestFile, message: `nested assembly artifact ${id} has no properties.directoryName` });
          continue;
        }
        const nestedDir = resolve(dir, directoryName);
        if (this.seenDirs.has(realpathOrSelf(nestedDir))) continue;
        const nested = this.readManifest(join(nestedDir, 'manifest.json'), true);
        if (nested) this.loadAssembly(nestedDir, nested);
      }
      // Other artifact types (cdk:asset-manifest, cdk:tree, cdk:feature-flag-report, …) hold no templates.
    }
    this.loadNestedStackTemplates(dir, assembly);
  }

  /**
   * CDK NestedStack templates are file assets of their parent stack, not artifacts, so the
   * manifest does not list them; they still define real resources. Their parameters come
   * from the parent stack at deploy time, so they load as templates of their own.
   */
  private loadNestedStackTemplates(dir: string, assembly: string): void {
    let names: string[];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith('.nested.template.json')).sort(compare);
    } catch (e) {
      this.errors.push({ file: assembly, message: ioMessage(e) });
      return;
    }
    for (const name of names) {
      const abs = join(dir, name);
      const real = realpathOrSelf(abs);
      if (this.seenFiles.has(real)) continue;
      this.seenFiles.add(real);
      const file = display(abs);
      this.accept(readTemplateFile(abs), file, (template) => ({ file, scope: file, assembly, template }));
    }
  }
}
