// Option parsing shared by the commands (node's util.parseArgs, no dependency).

import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { EffectiveConfig } from '../model/config.js';
import { SEVERITIES, type Severity } from '../model/finding.js';
import { ConfigError, effectiveConfig, loadConfigFile } from '../engine/config.js';
import { UsageError, type CliIo } from './io.js';

export const FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export function parse<T extends NonNullable<ParseArgsConfig['options']>>(args: readonly string[], options: T) {
  try {
    return parseArgs({ args: [...args], options, allowPositionals: true, strict: true });
  } catch (err) {
    throw new UsageError(String((err as Error).message).split('\n')[0]);
  }
}

export function formatOption(value: unknown, allowed: readonly string[] = FORMATS): Format {
  const v = value === undefined ? 'text' : String(value);
  if (!allowed.includes(v)) throw new UsageError(`--format must be one of ${allowed.join(', ')} (got ${v})`);
  return v as Format;
}

export function failOnOption(value: unknown): Severity | 'none' {
  if (value === undefined) return 'high';
  const v = String(value);
  if (v === 'none' || (SEVERITIES as readonly string[]).includes(v)) return v as Severity | 'none';
  throw new UsageError(`--fail-on must be one of ${SEVERITIES.join(', ')}, none (got ${v})`);
}

/** --config FILE, else stackaudit.config.yaml in the working directory, else defaults. */
export function configOption(value: unknown, io: CliIo): { config: EffectiveConfig; file?: string } {
  const file = value !== undefined ? String(value) : existsSync(join(io.cwd, 'stackaudit.config.yaml')) ? join(io.cwd, 'stackaudit.config.yaml') : undefined;
  if (!file) return { config: effectiveConfig() };
  try {
    return { config: loadConfigFile(file), file };
  } catch (err) {
    if (err instanceof ConfigError) throw new UsageError(`${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}`);
    throw err;
  }
}

/** `--parameter Key=Value` (repeatable) and `--parameters file.json` (CloudFormation CLI list or a plain map). */
export function parameterOptions(pairs: unknown, file: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (file !== undefined) {
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(String(file), 'utf8'));
    } catch (err) {
      throw new UsageError(`${String(file)}: cannot read parameters: ${String((err as Error).message).split('\n')[0]}`);
    }
    if (Array.isArray(data)) {
      for (const p of data) {
        if (p && typeof p === 'object' && 'ParameterKey' in p) out[String((p as Record<string, unknown>)['ParameterKey'])] = String((p as Record<string, unknown>)['ParameterValue']);
      }
    } else if (data && typeof data === 'object') {
      const map = 'Parameters' in data && typeof (data as Record<string, unknown>)['Parameters'] === 'object' ? (data as Record<string, Record<string, unknown>>)['Parameters']! : (data as Record<string, unknown>);
      for (const [k, v] of Object.entries(map)) out[k] = String(v);
    } else throw new UsageError(`${String(file)}: parameters must be a JSON list of {ParameterKey, ParameterValue} or an object`);
  }
  for (const pair of (Array.isArray(pairs) ? pairs : pairs === undefined ? [] : [pairs]) as string[]) {
    const eq = pair.indexOf('=');
    if (eq <= 0) throw new UsageError(`--parameter takes Key=Value (got ${pair})`);
    out[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return out;
}

export function writeOutput(text: string, output: unknown, io: CliIo): void {
  if (output === undefined) {
    io.stdout(text.endsWith('\n') ? text : `${text}\n`);
    return;
  }
  try {
    writeFileSync(String(output), text.endsWith('\n') ? text : `${text}\n`);
  } catch (err) {
    throw new UsageError(`${String(output)}: cannot write output: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
}
