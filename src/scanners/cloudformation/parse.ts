// Template text → body (short tags in long form) and a map from JSON path to line/column.
// Input is whatever a pull request holds, so every failure is one line naming the file and
// line, and the work is bounded: a size limit before reading, a depth limit while parsing, no
// aliases, and positions kept in flat arrays (see positions.ts).

import { extname } from 'node:path';
import { EVENT_ID, constructFromEvents, parseEvents } from 'js-yaml';
import type { Event } from 'js-yaml';
import type { InputError } from '../../model/finding.js';
import { FILE_LIMITS, InputFileError, errorCode, firstInvalidUtf8, lineOfByte, readRegularFile } from '../files.js';
import { parseJsonTemplate } from './json-template.js';
import { indexFromEvents, startOf } from './positions.js';
import type { Position, PositionIndex } from './positions.js';
import { CLOUDFORMATION_SCHEMA, SHORT_TAGS, longFormOf } from './schema.js';

export type { Position } from './positions.js';

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

/** The template size limit (see FILE_LIMITS.template for why 20 MB). */
export const MAX_TEMPLATE_BYTES = FILE_LIMITS.template;
/** Real templates nest a few dozen levels at most (IAM policy documents, nested Fn::If); this bounds pathological input. */
export const MAX_DEPTH = 200;
/** How much of a key or tag taken from the input a message quotes. */
const QUOTE_LIMIT = 80;

const BOM = 0xfeff;
/** One decoder for every file: making one resolves the encoding label each time, which costs more than decoding a small file. */
const UTF8 = new TextDecoder('utf-8', { fatal: true });

function fail(file: string, message: string, line?: number, column?: number): ParseOutcome {
  const error: InputError = line === undefined ? { file, message } : column === undefined ? { file, line, message } : { file, line, column, message };
  return { kind: 'error', error };
}

const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u00ad\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;
const SHORT_ESCAPES = new Map([
  ['\n', '\\n'],
  ['\r', '\\r'],
  ['\t', '\\t'],
]);

/**
 * Text from the input made safe for a one-line message: control characters (C0, DEL, C1), line
 * and paragraph separators, invisible and bidirectional-override characters become `\uXXXX`, so
 * a key cannot end the line, move the cursor, retitle the terminal or reorder what a reader sees.
 */
export function escapeControls(text: string): string {
  return text.replace(UNSAFE, (c) => SHORT_ESCAPES.get(c) ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** Text from the input, escaped (see escapeControls), cut to `limit` characters and quoted. */
export function quoteInput(text: string, limit = QUOTE_LIMIT): string {
  // Cut between characters, not inside a surrogate pair.
  const end = limit > 0 && /[\ud800-\udbff]/.test(text.charAt(limit - 1)) ? limit - 1 : limit;
  const cut = text.length > limit ? text.slice(0, end) : text;
  const body = escapeControls(cut.replace(/\\/g, '\\\\').replace(/"/g, '\\"'));
  return text.length > limit ? `"${body}…" (${text.length} characters)` : `"${body}"`;
}

/** A name from the input as a message shows it: bare when it is a plain identifier, else quoted and escaped. */
export function nameOf(name: string): string {
  return name.length <= QUOTE_LIMIT && /^[A-Za-z0-9][A-Za-z0-9:._/-]*$/.test(name) ? name : quoteInput(name);
}

/** Reads a template file (regular files only, size checked before reading) and parses it; `display` names it in messages. */
export function readTemplateFile(file: string, display: string = file): ParseOutcome {
  let bytes: Buffer;
  try {
    bytes = readRegularFile(file, { maxBytes: MAX_TEMPLATE_BYTES, what: 'template' });
  } catch (e) {
    return fail(display, e instanceof InputFileError ? e.message : ioMessage(e));
  }
  return parseTemplateBytes(bytes, display);
}

/** A one-line message for a failed file-system call, without the syscall noise. */
export function ioMessage(e: unknown): string {
  const code = (e as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'EACCES':
    case 'EPERM':
    case 'ELOOP':
    case 'ENOTDIR':
    case 'ENAMETOOLONG':
      return errorCode(e);
    case 'EISDIR':
      return 'is a directory, not a file';
    default:
      return `cannot read: ${errorCode(e)}`;
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
    text = UTF8.decode(bytes);
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const byte = bytes[bad] ?? 0;
    return fail(file, `invalid UTF-8 (byte 0x${byte.toString(16).padStart(2, '0')}); save the file as UTF-8`, lineOfByte(bytes, bad));
  }
  return parseTemplateText(text, file);
}

function firstLine(s: string): string {
  const nl = s.search(/[\r\n]/);
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
 * Parses YAML or JSON. Plain JSON is read by JSON.parse with positions from a scan
 * (json-template.ts); JSON it declines (duplicate keys, invalid text…) goes through the YAML
 * parser like YAML does, so errors name the line the same way. Never throws: whatever goes
 * wrong is an error naming the file.
 */
export function parseTemplateText(input: string, file: string): ParseOutcome {
  try {
    return parseChecked(input, file);
  } catch (e) {
    // Not expected (the parser's own errors are handled below); still one line, never a stack.
    return fail(file, e instanceof RangeError ? 'template too large or too deeply nested to parse' : `cannot parse: ${firstLine(e instanceof Error ? e.message : String(e))}`);
  }
}

function parseChecked(input: string, file: string): ParseOutcome {
  const text = input.charCodeAt(0) === BOM ? input.slice(1) : input;
  if (text.trim() === '') return fail(file, text === '' ? 'empty file' : 'file contains only whitespace');
  const nul = text.indexOf('\0');
  if (nul !== -1) return fail(file, 'binary file (contains NUL characters), not a template', lineAt(text, nul));

  // Plain JSON takes the fast path; whatever it declines (or any YAML) goes through the YAML parser.
  const json = /^\s*\{/.test(text) ? parseJsonTemplate(text, MAX_DEPTH) : undefined;
  let value: unknown;
  let positions: PositionIndex;
  if (json) {
    value = json.value;
    positions = json.positions;
  } else {
    let events: Event[];
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
    // The index is built now so that the events (many objects per node) are garbage as soon as
    // this returns: a scan of thousands of templates keeps only bodies and flat position arrays.
    positions = indexFromEvents(text, events);
  }

  const format = formatOf(file, text);
  if (!isMapping(value)) {
    return value === null || value === undefined ? fail(file, 'empty document') : { kind: 'not-template', reason: `the top-level value is ${kindOf(value)}, not a mapping` };
  }
  const hasResources = Object.hasOwn(value, 'Resources');
  if (!hasResources && !Object.hasOwn(value, 'AWSTemplateFormatVersion')) {
    return { kind: 'not-template', reason: 'it has neither a Resources section nor AWSTemplateFormatVersion' };
  }
  const template: ParsedTemplate = {
    file,
    format,
    body: value,
    position: (path) => positions.position(path),
  };
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
    const name = nameOf(id);
    if (!isMapping(resource)) return at(['Resources', id], `resource ${name} must be a mapping, found ${kindOf(resource)}`);
    if (!Object.hasOwn(resource, 'Type')) return at(['Resources', id], `resource ${name} has no Type`);
    const type = resource['Type'];
    if (typeof type !== 'string' || type === '') {
      return at(['Resources', id, 'Type'], `resource ${name} has a Type that is not a non-empty string (${kindOf(type)})`);
    }
  }
  // "You can't include parameters, pseudo parameters, or intrinsic functions in the Mappings
  // section": a mapping value holding Fn::FindInMap is rejected by CloudFormation, and
  // resolving one through another grows without bound.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/mappings-section-structure.html
  if (Object.hasOwn(t.body, 'Mappings')) {
    const found = intrinsicIn(t.body['Mappings'], ['Mappings']);
    if (found) {
      return at(found.path, `Mappings can hold only literal values, not intrinsic functions (${found.fn}); CloudFormation rejects this template`);
    }
  }
  return undefined;
}

/** The first intrinsic function call (`{Ref: …}`, `{"Fn::…": …}`) in a value, depth-first; depth is bounded by the parser. */
function intrinsicIn(value: unknown, path: (string | number)[]): { path: (string | number)[]; fn: string } | undefined {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const found = intrinsicIn(value[i], [...path, i]);
      if (found) return found;
    }
  } else if (isMapping(value)) {
    const keys = Object.keys(value);
    if (keys.length === 1 && (keys[0] === 'Ref' || keys[0]!.startsWith('Fn::'))) return { path, fn: keys[0]! };
    for (const k of keys) {
      const found = intrinsicIn(value[k], [...path, k]);
      if (found) return found;
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
    return fail(file, /call stack/i.test(e.message) ? `nesting too deep (more than ${MAX_DEPTH} levels)` : 'template too large to parse');
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
    return key === undefined ? 'duplicate key' : `duplicate key ${quoteInput(key)}`;
  }
  if (reason === 'the stream contains non-printable characters' || reason === 'expected valid JSON character') {
    const c = position === undefined ? undefined : controlCharacterNear(text, position);
    if (c !== undefined) return `control character U+${c.toString(16).toUpperCase().padStart(4, '0')} is not allowed here; write it as an escape in a double-quoted string`;
  }
  const unknownTag = /^unknown (scalar|sequence|mapping) tag !<(.*)>$/s.exec(reason);
  if (unknownTag) {
    const [, kind = '', tag = ''] = unknownTag;
    if (tag.startsWith('tag:yaml.org,2002:')) return `unsupported tag !!${escapeControls(tag.slice('tag:yaml.org,2002:'.length))}`;
    if (longFormOf(tag) !== undefined) {
      const forms = SHORT_TAGS[tag.slice(1)]?.forms ?? [];
      return `${tag} cannot be applied to a ${kind} (it takes a ${forms.join(' or ')})`;
    }
    return `unknown tag ${escapeControls(tag)} (not a CloudFormation intrinsic function)`;
  }
  if (reason === 'cannot resolve a node with !<!GetAtt> explicit tag') {
    return '!GetAtt needs LogicalId.Attribute';
  }
  // Other parser messages are fixed English; whatever of the input they may quote is escaped.
  return escapeControls(firstLine(reason.replace(/!<(![^>]*)>/g, '$1')));
}

/** The control character the parser stopped at (its mark may sit on it or just after it). */
function controlCharacterNear(text: string, position: number): number | undefined {
  for (const at of [position, position - 1]) {
    const c = text.charCodeAt(at);
    if (!Number.isNaN(c) && c !== 0x09 && c !== 0x0a && c !== 0x0d && (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0xfffe || c === 0xffff)) return c;
  }
  return undefined;
}

/** The key text at an error mark (js-yaml points inside a quoted key). */
function keyAt(text: string, position: number): string | undefined {
  const nl = text.indexOf('\n', position);
  const rest = text.slice(position, nl === -1 ? text.length : nl);
  const m = /^([^"':,{}[\]]+?)["']?\s*:/.exec(rest);
  return m?.[1]?.trim();
}
