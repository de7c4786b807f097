import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { extname } from 'node:path';
import { EVENT_ID, SCALAR_STYLE, constructFromEvents, getScalarValue, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { InputError } from '../../model/finding.js';
import { CLOUDFORMATION_SCHEMA, SHORT_TAGS, longFormOf } from './schema.js';

export interface Position {
  readonly line: number;
  readonly column: number;
}

export interface ParsedTemplate {
  readonly file: string;
  readonly format: 'yaml' | 'json';
  /** Short tags already in long form. */
  readonly body: Readonly<Record<string, unknown>>;
  /**
   * Position (1-based) of the KEY at `path`, e.g. ['Resources','Sg','Properties','SecurityGroupIngress',0,'CidrIp'];
   * for an array item, the item's start; the nearest existing ancestor when the path does not exist.
   */
  position(path: readonly (string | number)[]): Position;
}

export type ParseOutcome =
  | { readonly kind: 'template'; readonly template: ParsedTemplate }
  | { readonly kind: 'not-template'; readonly reason: string }
  | { readonly kind: 'error'; readonly error: InputError };

/**
 * CloudFormation accepts at most 1 MB of template (from S3; 51,200 bytes inline), so 20 MB is
 * far beyond any real template and only guards memory. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/cloudformation-limits.html
 */
export const MAX_TEMPLATE_BYTES = 20 * 1024 * 1024;
/** Real templates nest a few dozen levels at most (IAM policy documents, nested Fn::If); this bounds pathological input. */
export const MAX_DEPTH = 200;

const BOM = 0xfeff;

function fail(file: string, message: string, line?: number, column?: number): ParseOutcome {
  const error: InputError =
    line === undefined ? { file, message } : column === undefined ? { file, line, message } : { file, line, column, message };
  return { kind: 'error', error };
}

/** Sync read with a size check before reading, so a huge file is never loaded whole. */
export function readTemplateFile(file: string): ParseOutcome {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch (e) {
    return fail(file, ioMessage(e));
  }
  try {
    const stat = fstatSync(fd);
    if (stat.isDirectory()) return fail(file, 'is a directory, not a file');
    if (stat.size > MAX_TEMPLATE_BYTES) {
      return fail(file, `file is ${(stat.size / 1024 / 1024).toFixed(1)} MB, over the 20 MB limit (CloudFormation templates are at most 1 MB); not read`);
    }
    const bytes = Buffer.allocUnsafe(stat.size);
    let read = 0;
    while (read < stat.size) {
      const n = readSync(fd, bytes, read, stat.size - read, read);
      if (n === 0) break;
      read += n;
    }
    return parseTemplateBytes(bytes.subarray(0, read), file);
  } catch (e) {
    return fail(file, ioMessage(e));
  } finally {
    closeSync(fd);
  }
}

/** A one-line message for a failed file-system call, without the syscall noise. */
export function ioMessage(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
      return 'no such file or directory';
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EISDIR':
      return 'is a directory, not a file';
    case 'ELOOP':
      return 'too many levels of symbolic links';
    default:
      return `cannot read: ${firstLine(e instanceof Error ? e.message : String(e))}`;
  }
}

/** Decodes UTF-8 (a BOM is fine) and parses; binary and badly encoded files are errors with the line of the first bad byte. */
export function parseTemplateBytes(bytes: Uint8Array, file: string): ParseOutcome {
  if ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff)) {
    return fail(file, 'file is UTF-16 encoded; save it as UTF-8', 1);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) return fail(file, 'binary file (contains NUL bytes), not a template', lineOfByte(bytes, nul));
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const byte = bytes[bad] ?? 0;
    return fail(file, `invalid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')}); save the file as UTF-8`, lineOfByte(bytes, bad));
  }
  return parseTemplateText(text, file);
}

function lineOfByte(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that breaks UTF-8 (only called after the decoder rejected the input). */
function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i] ?? 0;
    let n: number;
    let min: number;
    if (c < 0x80) {
      i++;
      continue;
    } else if (c >= 0xc2 && c <= 0xdf) {
      n = 1;
      min = 0x80;
    } else if (c >= 0xe0 && c <= 0xef) {
      n = 2;
      min = 0x800;
    } else if (c >= 0xf0 && c <= 0xf4) {
      n = 3;
      min = 0x10000;
    } else {
      return i;
    }
    if (i + n >= b.length) return i;
    let cp = c & (0x3f >> n);
    for (let k = 1; k <= n; k++) {
      const cc = b[i + k];
      if (cc === undefined || (cc & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (cc & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += n + 1;
  }
  return b.length;
}

function firstLine(s: string): string {
  const nl = s.indexOf('\n');
  return (nl === -1 ? s : s.slice(0, nl)).trim();
}

function formatOf(file: string, text: string): 'yaml' | 'json' {
  const ext = extname(file).toLowerCase();
  if (ext === '.json') return 'json';
  if (ext === '.yaml' || ext === '.yml') return 'yaml';
  const first = /\S/.exec(text);
  return first?.[0] === '{' ? 'json' : 'yaml';
}

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

function isMapping(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Parses YAML or JSON (JSON goes through the same YAML parser, so it gets positions and
 * duplicate-key errors too; one parser costs about what js-yaml's `load` does).
 */
export function parseTemplateText(input: string, file: string): ParseOutcome {
  const text = input.charCodeAt(0) === BOM ? input.slice(1) : input;
  if (text.trim() === '') return fail(file, text === '' ? 'empty file' : 'file contains only whitespace');
  const nul = text.indexOf('\0');
  if (nul !== -1) return fail(file, 'binary file (contains NUL characters), not a template', lineAt(text, nul));

  let events: Event[];
  let value: unknown;
  try {
    events = parseEvents(text, { filename: file, maxDepth: MAX_DEPTH });
    const docs = countDocuments(events);
    if (docs === 0) return fail(file, 'file contains no YAML document (only comments or directives)');
    if (docs > 1) {
      return fail(file, 'file contains several YAML documents (---); a CloudFormation template is one document', secondDocumentLine(text, events));
    }
    [value] = constructFromEvents(events, { source: text, filename: file, schema: CLOUDFORMATION_SCHEMA, maxAliases: 0 });
  } catch (e) {
    return yamlError(e, file, text);
  }

  const format = formatOf(file, text);
  if (!isMapping(value)) {
    return value === null || value === undefined
      ? fail(file, 'empty document')
      : { kind: 'not-template', reason: `the top-level value is ${kindOf(value)}, not a mapping` };
  }
  const hasResources = Object.hasOwn(value, 'Resources');
  if (!hasResources && !Object.hasOwn(value, 'AWSTemplateFormatVersion')) {
    return { kind: 'not-template', reason: 'it has neither a Resources section nor AWSTemplateFormatVersion' };
  }
  const template = makeTemplate(file, format, value, text, events);
  const shapeError = checkShape(template);
  return shapeError ? { kind: 'error', error: shapeError } : { kind: 'template', template };
}

/** Structural errors CloudFormation itself would reject before anything else, reported with the line. */
function checkShape(t: ParsedTemplate): InputError | undefined {
  const at = (path: readonly (string | number)[], message: string): InputError => {
    const { line, column } = t.position(path);
    return { file: t.file, line, column, message };
  };
  if (!Object.hasOwn(t.body, 'Resources')) return at([], 'template has no Resources section');
  const resources = t.body['Resources'];
  if (!isMapping(resources)) {
    return at(['Resources'], `Resources must be a mapping of logical ids to resources, found ${kindOf(resources)}`);
  }
  for (const [id, resource] of Object.entries(resources)) {
    // `Fn::ForEach::Loop: [...]` (AWS::LanguageExtensions) expands to resources at deploy time; it is a list, not a resource.
    // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference-foreach.html
    if (id.startsWith('Fn::ForEach::')) continue;
    if (!isMapping(resource)) return at(['Resources', id], `resource ${id} must be a mapping, found ${kindOf(resource)}`);
    if (!Object.hasOwn(resource, 'Type')) return at(['Resources', id], `resource ${id} has no Type`);
    const type = resource['Type'];
    if (typeof type !== 'string' || type === '') {
      return at(['Resources', id, 'Type'], `resource ${id} has a Type that is not a non-empty string (${kindOf(type)})`);
    }
  }
  return undefined;
}

function countDocuments(events: readonly Event[]): number {
  let n = 0;
  for (const e of events) if (e.type === EVENT_ID.DOCUMENT) n++;
  return n;
}

/** The `---` that starts the second document, or its first node. */
function secondDocumentLine(text: string, events: readonly Event[]): number | undefined {
  let docs = 0;
  let lastOffset = 0;
  for (const e of events) {
    if (e.type === EVENT_ID.DOCUMENT) {
      docs++;
      continue;
    }
    const off = startOf(e);
    if (docs === 1 && off >= 0) lastOffset = off;
    if (docs === 2) break;
  }
  const marker = /^(---|\.\.\.)(?=\s|$)/gm;
  marker.lastIndex = lastOffset;
  const m = marker.exec(text);
  return m ? lineAt(text, m.index) : undefined;
}

function lineAt(text: string, offset: number): number {
  let line = 1;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) line++;
  return line;
}

interface Mark {
  line: number;
  column: number;
  position: number;
}

/** js-yaml may throw more than YAMLException (its docs: catch everything); every case becomes one line. */
function yamlError(e: unknown, file: string, text: string): ParseOutcome {
  if (e instanceof RangeError) {
    // maxDepth should stop deep nesting first; this is the fallback if a stack still overflows.
    return fail(file, /call stack/i.test(e.message) ? `nesting too deep (more than ${MAX_DEPTH} levels)` : `cannot parse: ${firstLine(e.message)}`);
  }
  const err = e as { reason?: unknown; mark?: Partial<Mark>; message?: unknown } | null;
  const reason = typeof err?.reason === 'string' ? err.reason : firstLine(String(err?.message ?? e));
  const mark = err?.mark;
  const line = typeof mark?.line === 'number' ? mark.line + 1 : undefined;
  const column = typeof mark?.column === 'number' ? mark.column + 1 : undefined;
  const position = typeof mark?.position === 'number' ? mark.position : undefined;
  return fail(file, explain(reason, text, position), line, column);
}

function explain(reason: string, text: string, position: number | undefined): string {
  if (reason.startsWith('aliases exceeded maxAliases')) {
    return 'YAML aliases (*name) are not supported by CloudFormation';
  }
  if (reason.startsWith('nesting exceeded maxDepth')) return `nesting too deep (more than ${MAX_DEPTH} levels)`;
  if (reason === 'duplicated mapping key') {
    const key = position === undefined ? undefined : keyAt(text, position);
    return key === undefined ? 'duplicate key' : `duplicate key ${JSON.stringify(key)}`;
  }
  const unknownTag = /^unknown (scalar|sequence|mapping) tag !<(.*)>$/.exec(reason);
  if (unknownTag) {
    const [, kind = '', tag = ''] = unknownTag;
    if (tag.startsWith('tag:yaml.org,2002:')) return `unsupported tag !!${tag.slice('tag:yaml.org,2002:'.length)}`;
    if (longFormOf(tag) !== undefined) {
      const forms = SHORT_TAGS[tag.slice(1)]?.forms ?? [];
      return `${tag} cannot be applied to a ${kind} (it takes a ${forms.join(' or ')})`;
    }
    return `unknown tag ${tag} (not a CloudFormation intrinsic function)`;
  }
  if (reason === 'cannot resolve a node with !<!GetAtt> explicit tag') {
    return '!GetAtt needs LogicalId.Attribute';
  }
  return firstLine(reason.replace(/!<(![^>]*)>/g, '$1'));
}

/** The key text at an error mark (js-yaml points inside a quoted key). */
function keyAt(text: string, position: number): string | undefined {
  const rest = text.slice(position, text.indexOf('\n', position) === -1 ? undefined : text.indexOf('\n', position));
  const m = /^([^"':,{}[\]]+?)["']?\s*:/.exec(rest);
  return m?.[1]?.trim();
}

function startOf(e: Event): number {
  let off = -1;
  switch (e.type) {
    case EVENT_ID.SCALAR:
      off = e.valueStart;
      if (off > 0 && (e.style === SCALAR_STYLE.DOUBLE_QUOTED || e.style === SCALAR_STYLE.SINGLE_QUOTED)) off--;
      break;
    case EVENT_ID.SEQUENCE:
    case EVENT_ID.MAPPING:
      off = e.start;
      break;
    default:
      return -1;
  }
  if (e.tagStart >= 0 && (off < 0 || e.tagStart < off)) off = e.tagStart;
  if (e.anchorStart >= 0 && (off < 0 || e.anchorStart < off)) off = e.anchorStart;
  return off;
}

const SEP = '\u0000';

function makeTemplate(
  file: string,
  format: 'yaml' | 'json',
  body: Record<string, unknown>,
  text: string,
  events: readonly Event[],
): ParsedTemplate {
  // Built on the first position() call only: most templates produce no finding, and the
  // events are already in memory from the one parse.
  let offsets: Map<string, number> | undefined;
  let lineStarts: number[] | undefined;
  return {
    file,
    format,
    body,
    position(path) {
      offsets ??= buildOffsets(text, events);
      lineStarts ??= computeLineStarts(text);
      let key = '';
      const keys = [''];
      for (const seg of path) {
        key += SEP + String(seg);
        keys.push(key);
      }
      for (let i = keys.length - 1; i >= 0; i--) {
        const off = offsets.get(keys[i] ?? '');
        if (off !== undefined) return toPosition(lineStarts, off);
      }
      return { line: 1, column: 1 };
    },
  };
}

function computeLineStarts(text: string): number[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  return starts;
}

function toPosition(lineStarts: readonly number[], offset: number): Position {
  let lo = 0;
  let hi = lineStarts.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if ((lineStarts[mid] ?? 0) <= offset) lo = mid;
    else hi = mid - 1;
  }
  return { line: lo + 1, column: offset - (lineStarts[lo] ?? 0) + 1 };
}

/** Path key (segments joined by NUL) → source offset, following how the schema rewrites short tags. */
function buildOffsets(text: string, events: readonly Event[]): Map<string, number> {
  const map = new Map<string, number>();
  const set = (key: string, off: number): void => {
    if (off >= 0 && !map.has(key)) map.set(key, off);
  };
  let i = events[0]?.type === EVENT_ID.DOCUMENT ? 1 : 0;

  const skip = (): void => {
    let depth = 0;
    do {
      const e = events[i++];
      if (e === undefined) return;
      if (e.type === EVENT_ID.SEQUENCE || e.type === EVENT_ID.MAPPING) depth++;
      else if (e.type === EVENT_ID.POP) depth--;
    } while (depth > 0);
  };

  // Recursion depth is bounded by MAX_DEPTH, which the parser already enforced.
  const node = (path: string): void => {
    const e = events[i];
    if (e === undefined) return;
    const start = startOf(e);
    set(path, start);
    let inner = path;
    if (e.type !== EVENT_ID.ALIAS && e.type !== EVENT_ID.POP && e.type !== EVENT_ID.DOCUMENT && e.tagStart >= 0) {
      const long = longFormOf(text.slice(e.tagStart, e.tagEnd));
      if (long !== undefined) {
        inner = path + SEP + long;
        set(inner, start);
        if (e.type === EVENT_ID.SCALAR && long === 'Fn::GetAtt') {
          set(inner + SEP + '0', start);
          set(inner + SEP + '1', start);
        }
      }
    }
    i++;
    if (e.type === EVENT_ID.SEQUENCE) {
      for (let idx = 0; events[i] !== undefined && events[i]?.type !== EVENT_ID.POP; idx++) node(inner + SEP + idx);
      i++;
    } else if (e.type === EVENT_ID.MAPPING) {
      while (events[i] !== undefined && events[i]?.type !== EVENT_ID.POP) {
        const k = events[i];
        if (k?.type === EVENT_ID.SCALAR) {
          const child = inner + SEP + getScalarValue(text, k);
          set(child, startOf(k));
          i++;
          node(child);
        } else {
          skip(); // a complex key: nothing in CloudFormation addresses it
          skip();
        }
      }
      i++;
    }
  };
  node('');
  return map;
}
