// Option parsing shared by the commands (node's util.parseArgs, no dependency), with messages a
// person can act on: `unknown option --fromat (did you mean --format?)`, `--format needs a value`.

import { closeSync, existsSync, lstatSync, openSync, writeFileSync, writeSync } from 'node:fs';
import { isAbsolute, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { EffectiveConfig } from '../model/config.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { ConfigError, didYouMean, effectiveConfig, loadConfigFile } from '../engine/config.js';
import { FILE_LIMITS, InputFileError, readRegularTextFile } from '../scanners/files.js';
import { UsageError, type CliIo } from './io.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly multiple?: boolean;
  readonly short?: string;
}
export type OptionSpecs = Readonly<Record<string, OptionSpec>>;

type Values<T extends OptionSpecs> = {
  [K in keyof T]?: T[K]['type'] extends 'boolean' ? (T[K]['multiple'] extends true ? boolean[] : boolean) : T[K]['multiple'] extends true ? string[] : string;
};

/**
 * Checks every option token before util.parseArgs sees it, so each mistake gets a message
 * naming the option (with a did-you-mean), then parses. `-` alone is a positional (stdin).
 */
export function parse<T extends OptionSpecs>(args: readonly string[], options: T): { values: Values<T>; positionals: string[] } {
  const longNames = Object.keys(options);
  const shorts = new Map(Object.entries(options).flatMap(([name, o]) => (o.short ? [[o.short, name] as const] : [])));
  const suggest = (name: string): string =>
    didYouMean(
      `--${name}`,
      longNames.map((n) => `--${n}`),
    );
  const needsValue = (next: string | undefined): boolean => next === undefined || (next.startsWith('-') && next !== '-');
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--') break;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = eq === -1 ? a.slice(2) : a.slice(2, eq);
      const spec = Object.hasOwn(options, name) ? options[name] : undefined;
      if (spec === undefined) throw new UsageError(`unknown option --${name}${suggest(name)}`);
      if (spec.type === 'boolean' && eq !== -1) throw new UsageError(`--${name} takes no value`);
      if (spec.type === 'string' && eq === -1) {
        if (needsValue(args[i + 1])) throw new UsageError(`--${name} needs a value`);
        i++;
      }
    } else if (a.startsWith('-') && a !== '-') {
      const letters = a.slice(1);
      if (letters.length > 1 && !letters.includes('=') && Object.hasOwn(options, letters)) throw new UsageError(`unknown option ${a} (did you mean --${letters}?)`);
      const name = shorts.get(letters[0] ?? '');
      if (name === undefined || (letters.length > 1 && options[name]?.type === 'boolean')) {
        throw new UsageError(
          `unknown option ${a}${
            letters.length > 1
              ? didYouMean(
                  `--${letters}`,
                  longNames.map((n) => `--${n}`),
                )
              : ''
          }`,
        );
      }
      if (options[name]?.type === 'string' && letters.length === 1) {
        if (needsValue(args[i + 1])) throw new UsageError(`-${letters} (--${name}) needs a value`);
        i++;
      }
    }
  }
  try {
    const parsed = parseArgs({ args: [...args], options: options as never, allowPositionals: true, strict: true });
    return { values: parsed.values as Values<T>, positionals: parsed.positionals };
  } catch (err) {
    throw new UsageError(String((err as Error).message).split('\n')[0]);
  }
}

/** A comma-separated, repeatable option as one list (`--check NET-001,DB-* --check high`). */
export function listOption(v: unknown): string[] {
  if (v === undefined) return [];
  return (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(','))
    .map((x) => x.trim())
    .filter((x) => x !== '');
}

export function formatOption(value: unknown, allowed: readonly string[] = FORMATS): Format {
  const v = value === undefined ? 'text' : String(value);
  if (!allowed.includes(v)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got ${v})${didYouMean(v, allowed)}`);
  return v as Format;
}

export function failOnOption(value: unknown, fallback: Severity | 'none' = 'high'): Severity | 'none' {
  if (value === undefined) return fallback;
  const v = String(value);
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | 'none';
  throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none (got ${v})${didYouMean(v, [...SEVERITIES, 'none'])}`);
}

export const DEFAULT_CONFIG_FILE = 'stackaudit.config.yaml';

/** A path the user gave, resolved against the CLI's working directory (messages keep the user's spelling). */
export function inCwd(io: Pick<CliIo, 'cwd'>, p: string): string {
  return isAbsolute(p) ? p : resolve(io.cwd, p);
}

/** --config FILE, else stackaudit.config.yaml in the working directory, else defaults. */
export function configOption(value: unknown, io: CliIo): { config: EffectiveConfig; file?: string } {
  const fallback = join(io.cwd, DEFAULT_CONFIG_FILE);
  // lstat, not exists: a default config that is a FIFO or a dangling link must be reported, not skipped.
  const present = (p: string): boolean => {
    try {
      lstatSync(p);
      return true;
    } catch {
      return false;
    }
  };
  const file = value !== undefined ? String(value) : present(fallback) ? fallback : undefined;
  if (!file) return { config: effectiveConfig() };
  try {
    return { config: loadConfigFile(inCwd(io, file)), file };
  } catch (err) {
    const shown = value !== undefined ? String(value) : DEFAULT_CONFIG_FILE;
    if (err instanceof ConfigError) throw new UsageError(`${shown}${err.line ? `:${err.line}` : ''}: ${err.message}`);
    throw err;
  }
}

/** Where JSON.parse stopped, without its message: V8 quotes the text around the error, and a parameters file holds secrets. */
function jsonErrorLocation(err: unknown, text: string): string {
  const m = String((err as Error)?.message ?? '');
  const lc = /line (\d+) column (\d+)/.exec(m);
  if (lc) return `line ${lc[1]}, column ${lc[2]}`;
  const pos = /position (\d+)/.exec(m);
  if (pos) {
    const offset = Number(pos[1]);
    const before = text.slice(0, offset);
    const line = before.split('\n').length;
    return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
  }
  return /end of (JSON )?input/i.test(m) ? 'unexpected end of file' : 'syntax error';
}

/**
 * `--parameter Key=Value` (repeatable) and `--parameters file.json` (the CloudFormation CLI's
 * list of {ParameterKey, ParameterValue}, or a plain map, or {Parameters: map}). Values are never
 * echoed in a message: a parameters file holds secrets. The result has no prototype, so a
 * parameter named `constructor` or `__proto__` is just a name.
 */
export function parameterOptions(pairs: unknown, file: unknown, cwd: string = process.cwd()): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  if (file !== undefined) {
    const name = String(file);
    let text: string;
    try {
      text = readRegularTextFile(inCwd({ cwd }, name), { maxBytes: FILE_LIMITS.parameters, what: 'parameters file' });
    } catch (err) {
      throw new UsageError(err instanceof InputFileError ? `${name}: ${err.message}` : `${name}: cannot read parameters file`);
    }
    let data: unknown;
    try {
      data = JSON.parse(text);
    } catch (err) {
      throw new UsageError(`${name}: parameters file is not valid JSON (${jsonErrorLocation(err, text)})`);
    }
    const scalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
    if (Array.isArray(data)) {
      data.forEach((p: unknown, i) => {
        if (p === null || typeof p !== 'object' || Array.isArray(p)) throw new UsageError(`${name}: item ${i + 1} is not a {ParameterKey, ParameterValue} object`);
        const key = (p as Record<string, unknown>)['ParameterKey'];
        const value = (p as Record<string, unknown>)['ParameterValue'];
        if (typeof key !== 'string' || key === '') throw new UsageError(`${name}: item ${i + 1} has no ParameterKey`);
        if (!scalar(value)) throw new UsageError(`${name}: parameter ${key} has no ParameterValue (a string)`);
        out[key] = String(value);
      });
    } else if (data !== null && typeof data === 'object') {
      const inner = Object.hasOwn(data, 'Parameters') ? (data as Record<string, unknown>)['Parameters'] : data;
      if (inner === null || typeof inner !== 'object' || Array.isArray(inner)) throw new UsageError(`${name}: Parameters must be a map of names to values`);
      for (const [k, v] of Object.entries(inner)) {
        if (!scalar(v)) throw new UsageError(`${name}: parameter ${k} must be a string, number or boolean`);
        out[k] = String(v);
      }
    } else throw new UsageError(`${name}: parameters must be a JSON list of {ParameterKey, ParameterValue} or a map of names to values`);
  }
  for (const pair of listOf(pairs)) {
    const eq = pair.indexOf('=');
    // The name only: the value may be a secret.
    if (eq <= 0) throw new UsageError(`--parameter takes Key=Value (got ${eq === 0 ? 'no key' : `${pair.slice(0, 40)} without "="`})`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

function listOf(v: unknown): string[] {
  return v === undefined ? [] : (Array.isArray(v) ? v : [v]).map(String);
}

/** Where one rendering goes: a file, or stdout when `file` is absent. */
export interface Destination {
  readonly format: Format;
  readonly file?: string;
}

const EXTENSIONS: Readonly<Record<string, Format>> = {
  '.sarif': 'sarif',
  '.json': 'json',
  '.xml': 'junit',
  '.md': 'markdown',
  '.markdown': 'markdown',
  '.txt': 'text',
  '.log': 'text',
};

/** The format a file name implies (`.sarif`, `.json`, `.xml`, `.md`), if any. */
export function formatFromFileName(file: string): Format | undefined {
  const m = /(\.[A-Za-z]+)$/.exec(file);
  return m ? EXTENSIONS[m[1]!.toLowerCase()] : undefined;
}

/**
 * `--output` values (repeatable) into destinations:
 * `FORMAT=FILE` writes that format to FILE; a bare format name (`text`, `json`…) or `-` prints to
 * stdout; any other value is a file, in `--format` if given, else the format its extension
 * implies (`.sarif`, `.json`, `.xml` JUnit, `.md` Markdown), else text.
 * With no `--output`, `--format` (default text) goes to stdout.
 */
export function outputsOption(outputs: unknown, format: unknown, allowed: readonly Format[] = FORMATS): Destination[] {
  const explicit = format === undefined ? undefined : formatOption(format, allowed);
  const values = listOf(outputs);
  if (values.length === 0) return [{ format: explicit ?? 'text' }];
  const check = (f: string, where: string): Format => {
    if (!(allowed as readonly string[]).includes(f)) throw new UsageError(`${where}: format must be one of ${allowed.join(', ')} (got ${f})${didYouMean(f, allowed)}`);
    return f as Format;
  };
  let usedExplicit = false;
  const out: Destination[] = values.map((v) => {
    const eq = v.indexOf('=');
    const prefix = eq > 0 ? v.slice(0, eq) : undefined;
    if (prefix !== undefined && (FORMATS as readonly string[]).includes(prefix)) {
      if (eq === v.length - 1) throw new UsageError(`--output ${v}: no file after "="`);
      return { format: check(prefix, `--output ${v}`), file: v.slice(eq + 1) };
    }
    if ((FORMATS as readonly string[]).includes(v)) return { format: check(v, `--output ${v}`) };
    if (v === '-') {
      usedExplicit = true;
      return { format: explicit ?? 'text' };
    }
    const inferred = formatFromFileName(v);
    if (explicit !== undefined) usedExplicit = true;
    return { format: check(explicit ?? inferred ?? 'text', `--output ${v}`), file: v };
  });
  if (explicit !== undefined && !usedExplicit) {
    throw new UsageError(`--format ${explicit} applies to no output (each --output names its format); add --output ${explicit} to print it, or --output ${explicit}=FILE`);
  }
  if (out.filter((d) => d.file === undefined).length > 1) throw new UsageError('--output: only one report can go to stdout');
  const files = out.flatMap((d) => (d.file === undefined ? [] : [d.file]));
  const dup = files.find((f, i) => files.indexOf(f) !== i);
  if (dup !== undefined) throw new UsageError(`--output: ${dup} is named twice`);
  return out;
}

export function writeOutput(text: string, output: string | undefined, io: CliIo): void {
  // (`output` as the user wrote it; written relative to the CLI's working directory.)
  const body = text.endsWith('\n') ? text : `${text}\n`;
  if (output === undefined) {
    io.stdout(body);
    return;
  }
  try {
    writeFileSync(inCwd(io, output), body);
  } catch (err) {
    throw new UsageError(`${output}: cannot write output: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** Where a report goes: stdout, or a file opened (and so checked) before anything is written. */
export type OpenOutput = { readonly kind: 'stdout' } | { readonly kind: 'file'; readonly fd: number; readonly name: string };

export function openOutput(output: string | undefined, io: CliIo): OpenOutput {
  if (output === undefined) return { kind: 'stdout' };
  try {
    return { kind: 'file', fd: openSync(inCwd(io, output), 'w'), name: output };
  } catch (err) {
    throw new UsageError(`${output}: cannot write output: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}

/** Writes a report's pieces in order, ending with one newline, and closes the file. */
export function writeChunks(chunks: Iterable<string>, out: OpenOutput, io: CliIo): void {
  // Pieces are gathered into blocks of about 1 MB: one write per finding costs more than the finding.
  let block: string[] = [];
  let size = 0;
  let last = '';
  const flush = () => {
    if (block.length === 0) return;
    const text = block.join('');
    if (out.kind === 'stdout') io.stdout(text);
    else writeSync(out.fd, text);
    block = [];
    size = 0;
  };
  try {
    for (const chunk of chunks) {
      if (chunk === '') continue;
      block.push(chunk);
      size += chunk.length;
      last = chunk;
      if (size >= 1 << 20) flush();
    }
    if (!last.endsWith('\n')) block.push('\n');
    flush();
  } catch (err) {
    throw new UsageError(`${out.kind === 'file' ? out.name : 'stdout'}: cannot write output: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  } finally {
    if (out.kind === 'file') closeSync(out.fd);
  }
}

/** Whether a path names something on disk (for `init`, which never overwrites without --force). */
export function pathExists(p: string): boolean {
  return existsSync(p);
}
