// Finds the templates a scan reads: files named by the user, templates found by walking
// directories, the stacks of CDK cloud assemblies (cdk.out), and `-` for standard input.
//
// Everything here comes from a pull request, so: only regular files are read (through
// ../files.ts, size checked before a byte is read); a walk never opens a FIFO, socket or device
// and never follows a symlink loop; a cloud assembly's paths stay inside the assembly; names
// from the input are looked up as own properties only; and one bad input becomes one error
// entry while every other input is still loaded.

import { readdirSync, realpathSync, statSync } from 'node:fs';
import type { Dirent, Stats } from 'node:fs';
import { basename, dirname, extname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type { InputError } from '../../model/finding.js';
import { FILE_LIMITS, InputFileError, decodeUtf8, kindOf, readRegularFile, readStdin, sizeText } from '../files.js';
import { MAX_TEMPLATE_BYTES, ioMessage, nameOf, parseTemplateBytes, parseTemplateText, quoteInput, readTemplateFile } from './parse.js';
import type { ParseOutcome, ParsedTemplate } from './parse.js';

export interface TemplateInput {
  /** Path as the user would read it (relative to cwd when under cwd); `<stdin>` for standard input. */
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
  /**
   * With `defer`, the loose templates found or named, not yet parsed: a streaming scan parses
   * each just before it is evaluated, so thousands of parsed templates never sit in memory at
   * once. `settlePending` gives what the loader would have given.
   */
  pending?: PendingTemplate[];
}

/** A loose template file read later: a template, an error, or (met in a walk) a note. */
export interface PendingTemplate {
  readonly file: string;
  readonly scope: string;
  /** Named by the user: anything but a template is an error. Met in a walk: a non-template is a note. */
  readonly named: boolean;
  read(): ParseOutcome;
}

/** What the loader gives for a pending template once it is read. */
export function settlePending(p: PendingTemplate): { input: TemplateInput } | { error: InputError } | { note: string } {
  let outcome: ParseOutcome;
  try {
    outcome = p.read();
  } catch (e) {
    return { error: { file: p.file, message: e instanceof InputFileError ? e.message : `cannot load: ${firstLine(e)}` } };
  }
  if (outcome.kind === 'template') return { input: { file: p.file, scope: p.scope, template: outcome.template } };
  if (outcome.kind === 'error') return { error: { ...outcome.error, file: p.file } };
  return p.named
    ? { error: { file: p.file, message: `not a CloudFormation template: ${outcome.reason}` } }
    : { note: `skipped ${p.file}: not a CloudFormation template (${outcome.reason})` };
}

/** Files a settled template where the loader keeps it: an input, an error or a note. */
export function distribute(settled: ReturnType<typeof settlePending>, into: { inputs: TemplateInput[]; errors: InputError[]; notes: string[] }): void {
  if ('input' in settled) into.inputs.push(settled.input);
  else if ('error' in settled) into.errors.push(settled.error);
  else into.notes.push(settled.note);
}

/** Parses every pending template now, in scope order: the loader's result without `defer`. */
export function settleAll(loaded: LoadedInputs): LoadedInputs {
  if (!loaded.pending || loaded.pending.length === 0) return loaded;
  const into = { inputs: [...loaded.inputs], errors: [...loaded.errors], notes: [...loaded.notes] };
  for (const p of loaded.pending) distribute(settlePending(p), into);
  return sortLoaded(into);
}

function sortLoaded(l: LoadedInputs): LoadedInputs {
  return { inputs: [...l.inputs].sort((a, b) => compare(a.scope, b.scope)), ...sortLoadedMessages(l.errors, l.notes) };
}

/** The loader's errors by file and line, its notes alphabetically. */
export function sortLoadedMessages(errors: readonly InputError[], notes: readonly string[]): { errors: InputError[]; notes: string[] } {
  return {
    errors: [...errors].sort((a, b) => compare(a.file, b.file) || (a.line ?? 0) - (b.line ?? 0) || compare(a.message, b.message)),
    notes: [...notes].sort(compare),
  };
}

export interface LoadOptions {
  /**
   * Reads the template given as the path `-`. Without it, `-` reads the process's standard
   * input. Either way the template size limit applies.
   */
  readonly readStdin?: () => string | Uint8Array;
  /** Leave loose template files unparsed (`pending`), for a scan that evaluates them one at a time. */
  readonly defer?: boolean;
}

/** The path that means "the template on standard input". */
export const STDIN_PATH = '-';
/** How a template read from standard input is named in findings and errors. */
export const STDIN_NAME = '<stdin>';

const TEMPLATE_EXTENSIONS = new Set(['.yaml', '.yml', '.json', '.template']);
const SKIPPED_DIRS = new Set(['node_modules', '.git']);
/** CDK bookkeeping that can sit next to templates; never templates themselves. */
const CDK_METADATA = /(^|\.)(assets\.json)$|^(tree\.json|manifest\.json|cdk\.json|cdk\.context\.json|cdk\.out)$/;

// Artifact types of the cloud assembly schema; paths in a manifest are relative to the assembly directory.
// https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/cloud-assembly-schema/lib/cloud-assembly/schema.ts
// https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/cloud-assembly-schema/lib/cloud-assembly/artifact-schema.ts
const STACK_ARTIFACT = 'aws:cloudformation:stack';
const NESTED_ASSEMBLY_ARTIFACT = 'cdk:cloud-assembly';

/** Loads every template named by `paths` (files, directories, cdk.out folders or their manifest.json, `-` for stdin). */
export function loadInputs(paths: readonly string[], options: LoadOptions = {}): LoadedInputs {
  const loader = new Loader(options);
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

/** A property the input itself holds: never one inherited from Object.prototype (`constructor`, `toString`, …). */
function own(record: unknown, key: string): unknown {
  return isRecord(record) && Object.hasOwn(record, key) ? record[key] : undefined;
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

function isInside(root: string, p: string): boolean {
  return p === root || p.startsWith(root.endsWith(sep) ? root : root + sep);
}

function firstLine(e: unknown): string {
  const s = e instanceof Error ? e.message : String(e);
  const nl = s.search(/[\r\n]/);
  return nl === -1 ? s : s.slice(0, nl);
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

/** Artifacts by id, in a Map so that an artifact id such as `constructor` is just a name. */
interface Manifest {
  readonly artifacts: ReadonlyMap<string, unknown>;
}

/** A path a manifest names, once checked to stay inside its assembly. */
type Contained = { readonly abs: string; readonly real: string } | { readonly outside: true };

class Loader {
  private readonly inputs: TemplateInput[] = [];
  private readonly errors: InputError[] = [];
  private readonly notes: string[] = [];
  /** Real paths of templates already taken, so overlapping arguments and assembly stacks are read once. */
  private readonly seenFiles = new Set<string>();
  /** Real paths of directories walked or assemblies read (symlink loops, repeated arguments). */
  private readonly seenDirs = new Set<string>();
  private stdinTaken = false;
  /** Loose templates left unparsed (`defer`). */
  private readonly pending: PendingTemplate[] = [];

  constructor(private readonly options: LoadOptions) {}

  result(): LoadedInputs {
    const sorted = sortLoaded({ inputs: this.inputs, errors: this.errors, notes: this.notes });
    return this.pending.length > 0 ? { ...sorted, pending: [...this.pending].sort((a, b) => compare(a.scope, b.scope)) } : sorted;
  }

  loadPath(p: string): void {
    if (p === STDIN_PATH) {
      this.isolated(STDIN_NAME, () => this.loadStdin());
      return;
    }
    const abs = resolve(p);
    this.isolated(display(abs), () => {
      let st: Stats;
      try {
        st = statSync(abs);
      } catch (e) {
        this.error(display(abs), ioMessage(e));
        return;
      }
      if (st.isDirectory()) this.loadDirectory(abs);
      else if (basename(abs) === 'manifest.json') {
        const manifest = this.readManifest(abs, true);
        if (manifest) this.loadAssembly(dirname(abs), manifest);
      } else this.loadNamedFile(abs);
    });
  }

  /** Runs one unit of loading; whatever it throws becomes an error for `file`, and loading goes on. */
  private isolated(file: string, load: () => void): void {
    try {
      load();
    } catch (e) {
      this.error(file, e instanceof InputFileError ? e.message : `cannot load: ${firstLine(e)}`);
    }
  }

  private error(file: string, message: string): void {
    this.errors.push({ file, message });
  }

  private loadStdin(): void {
    if (this.stdinTaken) return;
    this.stdinTaken = true;
    const data = this.options.readStdin ? this.options.readStdin() : readStdin({ maxBytes: MAX_TEMPLATE_BYTES, what: 'template' });
    const size = typeof data === 'string' ? Buffer.byteLength(data, 'utf8') : data.byteLength;
    if (size > MAX_TEMPLATE_BYTES) {
      this.error(STDIN_NAME, `template is ${sizeText(size)}, over the ${sizeText(MAX_TEMPLATE_BYTES)} limit; not read`);
      return;
    }
    const outcome = typeof data === 'string' ? parseTemplateText(data, STDIN_NAME) : parseTemplateBytes(data, STDIN_NAME);
    this.accept(outcome, STDIN_NAME, (template) => ({ file: STDIN_NAME, scope: STDIN_NAME, template }));
  }

  /** A file the user named: whatever it is, it must be a template. */
  private loadNamedFile(abs: string): void {
    const real = realpathOrSelf(abs);
    if (this.seenFiles.has(real)) return;
    this.seenFiles.add(real);
    const file = display(abs);
    this.looseFile({ file, scope: file, named: true, read: () => readTemplateFile(abs, file) });
  }

  /** A template file of its own (named, or met in a walk): read now, or left for its turn with `defer`. */
  private looseFile(p: PendingTemplate): void {
    if (this.options.defer) this.pending.push(p);
    else distribute(settlePending(p), { inputs: this.inputs, errors: this.errors, notes: this.notes });
  }

  private accept(outcome: ParseOutcome, file: string, make: (t: ParsedTemplate) => TemplateInput): void {
    if (outcome.kind === 'template') this.inputs.push(make(outcome.template));
    else if (outcome.kind === 'error') this.errors.push({ ...outcome.error, file });
    else this.error(file, `not a CloudFormation template: ${outcome.reason}`);
  }

  private loadDirectory(dir: string): void {
    const real = realpathOrSelf(dir);
    if (this.seenDirs.has(real)) return;
    this.seenDirs.add(real);

    const manifest = this.readManifest(join(dir, 'manifest.json'), false);
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
      this.error(display(dir), ioMessage(e));
      return;
    }
    entries.sort((a, b) => compare(a.name, b.name));
    for (const entry of entries) {
      const abs = join(dir, entry.name);
      this.isolated(display(abs), () => this.loadEntry(entry, abs, real));
    }
  }

  /**
   * One directory entry. Its type comes from the directory itself (no open), and a symlink's
   * from stat, so a FIFO, socket or device, or a link to one, is never opened.
   */
  private loadEntry(entry: Dirent, abs: string, realDir: string): void {
    const looksLikeTemplate = TEMPLATE_EXTENSIONS.has(extname(entry.name).toLowerCase()) && !CDK_METADATA.test(entry.name);
    let isDir = entry.isDirectory();
    let isFile = entry.isFile();
    let special: string | undefined;
    if (entry.isSymbolicLink()) {
      let st: Stats;
      try {
        st = statSync(abs);
      } catch (e) {
        // A link that leads nowhere (or in a circle) cannot be read: an error where it would have been a template.
        if (looksLikeTemplate) this.error(display(abs), `broken symbolic link (${ioMessage(e)})`);
        else this.notes.push(`skipped ${display(abs)}: broken symbolic link (${ioMessage(e)})`);
        return;
      }
      isDir = st.isDirectory();
      isFile = st.isFile();
      if (!isDir && !isFile) special = `a symbolic link to ${kindOf(st)}`;
    } else if (!isDir && !isFile) {
      special = entry.isFIFO()
        ? 'a named pipe (FIFO)'
        : entry.isSocket()
          ? 'a socket'
          : entry.isCharacterDevice()
            ? 'a character device'
            : entry.isBlockDevice()
              ? 'a block device'
              : 'not a regular file';
    }
    if (isDir) {
      if (!SKIPPED_DIRS.has(entry.name)) this.loadDirectory(abs);
    } else if (special !== undefined) {
      if (looksLikeTemplate) this.notes.push(`skipped ${display(abs)}: it is ${special}, not a regular file`);
    } else if (looksLikeTemplate) {
      // A regular file's real path is its real directory's plus its name (no syscall); only a
      // symbolic link needs resolving to be recognised when reached twice.
      this.loadFoundFile(abs, entry.isSymbolicLink() ? realpathOrSelf(abs) : join(realDir, entry.name));
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
  private loadFoundFile(abs: string, real: string): void {
    if (this.seenFiles.has(real)) return;
    const file = display(abs);
    let bytes: Buffer;
    try {
      bytes = readRegularFile(abs, { maxBytes: MAX_TEMPLATE_BYTES, what: 'template', knownRegular: true });
    } catch (e) {
      if (e instanceof InputFileError && e.reason === 'too-large') {
        // CloudFormation refuses templates over 1 MB, so a file this large can never be deployed as one.
        this.notes.push(`skipped ${file}: larger than ${sizeText(MAX_TEMPLATE_BYTES)}, so not a deployable template`);
      } else if (e instanceof InputFileError && e.reason === 'not-regular') {
        this.notes.push(`skipped ${file}: not a regular file`); // it changed type since the directory was read
      } else {
        this.error(file, e instanceof InputFileError ? e.message : ioMessage(e));
      }
      return;
    }
    // A UTF-16 byte-order mark: the words are there but not as UTF-8; parsing says how to fix it.
    const utf16 = (bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff);
    const candidate = utf16 || extname(abs).toLowerCase() === '.template' || bytes.includes('AWSTemplateFormatVersion') || bytes.includes('Resources');
    if (!candidate) {
      this.notes.push(`skipped ${file}: not a CloudFormation template`);
      return;
    }
    this.seenFiles.add(real);
    const held = bytes;
    this.looseFile({ file, scope: file, named: false, read: () => parseTemplateBytes(held, file) });
  }

  /**
   * A manifest.json is a cloud assembly manifest when it has an `artifacts` object. When the
   * user named the manifest (`required`), anything else is an error; in a walk it is just a
   * directory that happens to hold some other manifest.json (or none). A manifest.json that is
   * not a regular file (a FIFO, a link to /dev/zero) is an error either way: it claims the
   * folder is an assembly and cannot be read; the folder is then walked as a plain one.
   */
  private readManifest(path: string, required: boolean): Manifest | undefined {
    const file = display(path);
    let text: string;
    try {
      if (!required) {
        let st: Stats;
        try {
          st = statSync(path);
        } catch (e) {
          if ((e as NodeJS.ErrnoException).code !== 'ENOENT' && (e as NodeJS.ErrnoException).code !== 'ENOTDIR') this.error(file, ioMessage(e));
          return undefined;
        }
        if (st.isDirectory()) return undefined;
      }
      text = decodeUtf8(readRegularFile(path, { maxBytes: FILE_LIMITS.manifest, what: 'cloud assembly manifest' }), path, 'cloud assembly manifest');
    } catch (e) {
      this.error(file, e instanceof InputFileError ? e.message : ioMessage(e));
      return undefined;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (e) {
      if (required) this.error(file, `invalid JSON in cloud assembly manifest: ${quoteInput(firstLine(e), 200).slice(1, -1)}`);
      return undefined;
    }
    const artifacts = own(json, 'artifacts');
    if (isRecord(artifacts)) return { artifacts: new Map(Object.entries(artifacts)) };
    if (required) this.error(file, 'not a CDK cloud assembly manifest (no "artifacts" object)');
    return undefined;
  }

  /**
   * A path from a manifest, resolved against the assembly directory. It must stay inside that
   * directory after `..` and symlinks are resolved: a manifest is input too, and
   * `../../etc/passwd` or a link out of the folder would read whatever the CI machine holds.
   */
  private contained(dir: string, realDir: string, rel: string): Contained {
    const abs = resolve(dir, rel);
    if (!isInside(resolve(dir), abs)) return { outside: true };
    let real: string;
    try {
      real = realpathSync.native(abs);
    } catch {
      // Missing: reading it will say so. A missing path cannot lead out of the folder.
      return { abs, real: abs };
    }
    return isInside(realDir, real) ? { abs, real } : { outside: true };
  }

  private loadAssembly(dir: string, manifest: Manifest): void {
    const realDir = realpathOrSelf(dir);
    // loadDirectory marks the directory before calling here; a manifest named directly or a nested assembly does not.
    this.seenDirs.add(realDir);
    const assembly = display(dir);
    const manifestFile = display(join(dir, 'manifest.json'));
    const ids = [...manifest.artifacts.keys()].sort(compare);
    for (const id of ids) {
      this.isolated(manifestFile, () => this.loadArtifact(dir, realDir, assembly, manifestFile, id, manifest.artifacts.get(id)));
    }
    this.loadNestedStackTemplates(dir, realDir, assembly);
  }

  private loadArtifact(dir: string, realDir: string, assembly: string, manifestFile: string, id: string, artifact: unknown): void {
    if (!isRecord(artifact)) return;
    const type = own(artifact, 'type');
    const props = own(artifact, 'properties');
    if (type === STACK_ARTIFACT) {
      const templateFile = own(props, 'templateFile');
      if (typeof templateFile !== 'string' || templateFile === '') {
        this.error(manifestFile, `stack artifact ${nameOf(id)} has no properties.templateFile`);
        return;
      }
      const target = this.contained(dir, realDir, templateFile);
      if ('outside' in target) {
        this.error(manifestFile, `stack artifact ${nameOf(id)}: templateFile ${quoteInput(templateFile)} is outside the cloud assembly directory; not read`);
        return;
      }
      const stackName = own(props, 'stackName');
      const stack = typeof stackName === 'string' && stackName !== '' ? stackName : id;
      if (this.seenFiles.has(target.real)) return;
      this.seenFiles.add(target.real);
      const file = display(target.abs);
      const environment = parseEnvironment(own(artifact, 'environment'));
      this.accept(readTemplateFile(target.real, file), file, (template) => ({
        file,
        scope: `${file}#${stack}`,
        stack,
        assembly,
        ...(environment ? { environment } : {}),
        template,
      }));
    } else if (type === NESTED_ASSEMBLY_ARTIFACT) {
      // A CDK Stage synthesizes into its own assembly in a subdirectory.
      const directoryName = own(props, 'directoryName');
      if (typeof directoryName !== 'string' || directoryName === '') {
        this.error(manifestFile, `nested assembly artifact ${nameOf(id)} has no properties.directoryName`);
        return;
      }
      const target = this.contained(dir, realDir, directoryName);
      if ('outside' in target) {
        this.error(manifestFile, `nested assembly artifact ${nameOf(id)}: directoryName ${quoteInput(directoryName)} is outside the cloud assembly directory; not read`);
        return;
      }
      if (this.seenDirs.has(target.real)) return;
      const nested = this.readManifest(join(target.abs, 'manifest.json'), true);
      if (nested) this.loadAssembly(target.abs, nested);
    }
    // Other artifact types (cdk:asset-manifest, cdk:tree, cdk:feature-flag-report, …) hold no templates.
  }

  /**
   * CDK NestedStack templates are file assets of their parent stack, not artifacts, so the
   * manifest does not list them; they still define real resources. Their parameters come
   * from the parent stack at deploy time, so they load as templates of their own.
   */
  private loadNestedStackTemplates(dir: string, realDir: string, assembly: string): void {
    let names: string[];
    try {
      names = readdirSync(dir)
        .filter((n) => n.endsWith('.nested.template.json'))
        .sort(compare);
    } catch (e) {
      this.error(assembly, ioMessage(e));
      return;
    }
    for (const name of names) {
      const file = display(join(dir, name));
      this.isolated(file, () => {
        const target = this.contained(dir, realDir, name);
        if ('outside' in target) {
          this.error(file, 'nested stack template is a link to outside the cloud assembly directory; not read');
          return;
        }
        if (this.seenFiles.has(target.real)) return;
        this.seenFiles.add(target.real);
        this.accept(readTemplateFile(target.real, file), file, (template) => ({ file, scope: file, assembly, template }));
      });
    }
  }
}
