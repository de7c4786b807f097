// The hostile-input corpus (issue 13, item 7) through the built binary, as CI runs it on a
// pull request: for each case, the exit code, one-line errors naming the file, no stack
// trace, no secret in any output format, no raw control characters on the terminal, and the
// good template beside the bad input still reported. Time and memory are measured by
// `npm run bench` (bench/hostile.mjs), not here; a child that does not answer is killed, so
// a regression fails instead of hanging CI.

import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatsOf, problems, type Format, type Run } from '../hostile/checks.js';
import { writeCorpus, type HostileCase } from '../hostile/corpus.mjs';

const root = resolve(__dirname, '../..');
const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { stackaudit: string } }).bin.stackaudit);

/** A case that answers must answer well within this on a loaded 2-core machine (the bench asks for 10 s). */
const KILL_AFTER_MS = 120_000;
/**
 * Cases that fail today because of code this corpus's author does not own, with what must
 * change. They are killed sooner (they are expected to hang or to be slow), so that the suite
 * stays within a few minutes of CPU while they remain; flip each to a plain case when its fix lands.
 */
const KNOWN_FAILING: Readonly<Record<string, string>> = {};
const KNOWN_FAILING_KILL_AFTER_MS = 20_000;
/** Children at once: the machine has two cores, and most cases idle on start-up. */
const CONCURRENCY = 3;
/** Output kept per stream; past it the child is killed (a report that grows without bound is a failure). */
const OUTPUT_CAP = 256 << 20;

function runOnce(c: HostileCase, format: Format): Promise<Run> {
  const killAfter = Object.hasOwn(KNOWN_FAILING, c.id) ? KNOWN_FAILING_KILL_AFTER_MS : KILL_AFTER_MS;
  const started = performance.now();
  return new Promise((done) => {
    // A heap cap keeps a runaway case from taking the machine down with it (it then aborts and fails).
    const child = spawn(process.execPath, ['--max-old-space-size=1536', bin, ...c.args, '--format', format], {
      cwd: c.dir,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let killed: Run['killed'];
    const kill = (why: NonNullable<Run['killed']>): void => {
      if (killed === undefined) killed = why;
      child.kill('SIGKILL');
    };
    const timer = setTimeout(() => kill('timeout'), killAfter);
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      if (stdout.length < OUTPUT_CAP) stdout += d;
      else kill('output');
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      if (stderr.length < OUTPUT_CAP) stderr += d;
      else kill('output');
    });
    child.on('close', (status) => {
      clearTimeout(timer);
      done({ format, status, ...(killed ? { killed } : {}), stdout, stderr, wallMs: performance.now() - started });
    });
  });
}

/** Runs `jobs` with at most `limit` in flight. */
async function pool<T>(jobs: readonly (() => Promise<T>)[], limit: number): Promise<T[]> {
  const results: T[] = new Array<T>(jobs.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < jobs.length) {
      const i = next++;
      results[i] = await jobs[i]!();
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, jobs.length) }, worker));
  return results;
}

const corpusRoot = mkdtempSync(join(tmpdir(), 'stackaudit-hostile-'));
/** `HOSTILE_ONLY=terminal npx vitest run test/e2e/hostile.test.ts` runs the cases whose id contains it. */
const only = process.env['HOSTILE_ONLY'];
const cases = writeCorpus(corpusRoot).filter((c) => only === undefined || c.id.includes(only));
const runs = new Map<string, Run[]>();

beforeAll(async () => {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (\`npm test\` does)`);
  const jobs = cases.flatMap((c) => formatsOf(c).map((format) => async () => ({ id: c.id, run: await runOnce(c, format) })));
  for (const { id, run } of await pool(jobs, CONCURRENCY)) runs.set(id, [...(runs.get(id) ?? []), run]);
}, 30 * 60_000);

afterAll(() => {
  rmSync(corpusRoot, { recursive: true, force: true });
});

describe('hostile inputs through the real binary', () => {
  for (const c of cases) {
    const known = Object.hasOwn(KNOWN_FAILING, c.id);
    const test = known ? it.fails : it;
    test(`${c.cls}: ${c.id.slice(c.id.indexOf('/') + 1)}${known ? ` (${KNOWN_FAILING[c.id]})` : ''}`, () => {
      expect(problems(c, runs.get(c.id) ?? []), c.id).toEqual([]);
    });
  }

  it.skipIf(only !== undefined)('covers every class of issue 13', () => {
    expect([...new Set(cases.map((c) => c.cls))].sort()).toEqual(['builtins', 'numbers', 'secrets', 'special', 'terminal', 'work']);
    // The known-failing list names only cases that exist.
    expect(Object.keys(KNOWN_FAILING).filter((id) => !cases.some((c) => c.id === id))).toEqual([]);
  });
});
