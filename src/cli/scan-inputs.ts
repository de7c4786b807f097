// What `scan` reads, beyond the loader's files and directories: `-` (a template on stdin),
// --only-templates (named files that are not templates are skipped with a note, for
// pre-commit, which passes every staged JSON/YAML file) and --skip-path (globs).

import { statSync } from 'node:fs';
import { basename, extname } from 'node:path';
import { loadInputs, type LoadedInputs, type TemplateInput } from '../scanners/cloudformation/inputs.js';
import { parseTemplateBytes } from '../scanners/cloudformation/parse.js';
import { FILE_LIMITS, InputFileError, readRegularFile } from '../scanners/files.js';
import { displayPath } from '../reporters/common.js';
import { globMatch } from './glob.js';

export const STDIN_NAME = '<stdin>';

export interface ScanInputOptions {
  readonly cwd: string;
  /** Reads stdin whole (bounded); needed when a path is `-`. */
  readonly readStdin?: (maxBytes: number) => Promise<Uint8Array>;
  /** Named files that are not CloudFormation templates are skipped with a note instead of an error. */
  readonly onlyTemplates?: boolean;
  /** Inputs whose path matches one of these globs are left out. */
  readonly skipPath?: readonly string[];
}

/**
 * Whether a displayed path (forward slashes) matches a --skip-path glob, the way .gitignore
 * patterns do: a pattern without `/` matches any file or directory name on the path
 * (`legacy`, `*.test.yaml`); one with `/` matches the path or one of its parent directories
 * from the start (`infra/legacy`, `infra/**\/old-*.yaml`).
 */
export function pathSkipped(path: string, globs: readonly string[]): boolean {
  const p = path.replace(/^\.\//, '');
  const segments = p.split('/');
  const prefixes = segments.map((_, i) => segments.slice(0, i + 1).join('/'));
  return globs.some((raw) => {
    const g = raw.replace(/^\.\//, '').replace(/\/+$/, '');
    if (g === '') return false;
    if (!g.includes('/')) return segments.some((s) => globMatch(g, s, { pathMode: true }));
    return prefixes.some((prefix) => globMatch(g, prefix, { pathMode: true }));
  });
}

/** A file that could be meant as a template (the loader's rule for files met in a walk). */
function looksLikeTemplate(file: string, bytes: Uint8Array): boolean {
  if (extname(file).toLowerCase() === '.template') return true;
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return text.includes('AWSTemplateFormatVersion') || text.includes('Resources');
}

/** --only-templates: whether a named path should be handed to the loader; a skipped file gets a note. */
function keepNamed(path: string, cwd: string, notes: string[]): boolean {
  let isFile: boolean;
  try {
    const st = statSync(path);
    isFile = st.isFile();
  } catch {
    return true; // the loader reports what is wrong with it
  }
  if (!isFile || basename(path) === 'manifest.json') return true;
  let bytes: Uint8Array;
  try {
    bytes = readRegularFile(path, { maxBytes: FILE_LIMITS.template, what: 'template' });
  } catch (err) {
    if (err instanceof InputFileError) return true;
    throw err;
  }
  const shown = displayPath(path, cwd);
  if (!looksLikeTemplate(path, bytes)) {
    notes.push(`skipped ${shown}: not a CloudFormation template`);
    return false;
  }
  const outcome = parseTemplateBytes(bytes, shown);
  if (outcome.kind === 'not-template') {
    notes.push(`skipped ${shown}: not a CloudFormation template (${outcome.reason})`);
    return false;
  }
  return true;
}

async function stdinInput(options: ScanInputOptions, loaded: LoadedInputs): Promise<void> {
  if (!options.readStdin) {
    loaded.errors.push({ file: STDIN_NAME, message: 'no standard input to read' });
    return;
  }
  let bytes: Uint8Array;
  try {
    bytes = await options.readStdin(FILE_LIMITS.template);
  } catch (err) {
    loaded.errors.push({ file: STDIN_NAME, message: err instanceof Error ? err.message : String(err) });
    return;
  }
  const outcome = parseTemplateBytes(bytes, STDIN_NAME);
  if (outcome.kind === 'template') {
    const input: TemplateInput = { file: STDIN_NAME, scope: STDIN_NAME, template: outcome.template };
    loaded.inputs.push(input);
  } else if (outcome.kind === 'error') loaded.errors.push({ ...outcome.error, file: STDIN_NAME });
  else if (options.onlyTemplates) loaded.notes.push(`skipped ${STDIN_NAME}: not a CloudFormation template (${outcome.reason})`);
  else loaded.errors.push({ file: STDIN_NAME, message: `not a CloudFormation template: ${outcome.reason}` });
}

/** Loads the inputs of a scan: the loader's paths, stdin for `-`, then --skip-path applied. Returns how many files --skip-path left out. */
export async function loadScanInputs(paths: readonly string[], options: ScanInputOptions): Promise<{ loaded: LoadedInputs; skipped: number }> {
  const notes: string[] = [];
  const named = paths.filter((p) => p !== '-');
  const kept = options.onlyTemplates ? named.filter((p) => keepNamed(p, options.cwd, notes)) : named;
  // Loose templates stay unparsed until the scan reaches each one (and --skip-path ones are never parsed).
  const base: LoadedInputs = kept.length > 0 ? loadInputs(kept, { defer: true }) : { inputs: [], errors: [], notes: [] };
  const loaded: LoadedInputs = { inputs: [...base.inputs], errors: [...base.errors], notes: [...base.notes, ...notes], pending: [...(base.pending ?? [])] };
  if (paths.includes('-')) await stdinInput(options, loaded);

  const globs = options.skipPath ?? [];
  if (globs.length === 0) return { loaded, skipped: 0 };
  const skip = (file: string): boolean => file !== STDIN_NAME && pathSkipped(displayPath(file, options.cwd), globs);
  const inputs = loaded.inputs.filter((i) => !skip(i.file));
  const pending = (loaded.pending ?? []).filter((p) => !skip(p.file));
  const skipped = new Set([...loaded.inputs.map((i) => i.file), ...(loaded.pending ?? []).map((p) => p.file), ...loaded.errors.map((e) => e.file)].filter(skip)).size;
  return {
    loaded: {
      inputs,
      pending,
      errors: loaded.errors.filter((e) => !skip(e.file)),
      // Loader notes read `skipped FILE: why`; a file --skip-path leaves out needs no note of its own.
      notes: loaded.notes.filter((n) => {
        const m = /^skipped (.+?): /.exec(n);
        return !(m && skip(m[1]!));
      }),
    },
    skipped,
  };
}
