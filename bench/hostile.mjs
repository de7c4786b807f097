// node bench/hostile.mjs [many|big|classes] — issue 13's scale and hostile-input cases, one
// JSON line per case: wall ms and peak RSS of a whole `stackaudit` process (the built bin).
//   many     2,000 / 4,000 / 20,000 small generated templates in one scan (is it linear? target:
//            20,000 in under 60 s and 1 GB)
//   big      one generated 19 MB template (target: under 30 s)
//   classes  every case of the hostile corpus (test/hostile/corpus.mjs), then one line per class
//            with the worst case (target: each bad input within 10 s and 512 MB)
// A case that does not end within its limit is killed and reported as such
// (BENCH_SCALE_TIMEOUT_MS, default 120 s; BENCH_CASE_TIMEOUT_MS for a hostile case, default 20 s,
// twice its bound).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeBigTemplate, writeCorpus, writeManyTemplates } from '../test/hostile/corpus.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.stackaudit);
const only = process.argv[2];
const SCALE_TIMEOUT_MS = Number(process.env.BENCH_SCALE_TIMEOUT_MS ?? 120_000);
const CASE_TIMEOUT_MS = Number(process.env.BENCH_CASE_TIMEOUT_MS ?? 20_000);
const BOUND = { wallMs: 10_000, peakRssMb: 512 };
const MARK = '__stackaudit_bench_peak_rss__';
// Loaded before the bin: prints the process's peak RSS when it exits, however it exits.
const PEAK_RSS = `data:text/javascript,process.on('exit',()=>process.stderr.write('\\n${MARK} '+process.resourceUsage().maxRSS+'\\n'))`;

/** Runs the bin once; wall time, exit code and peak RSS (MB), or how it was stopped. */
function measure(args, cwd, timeoutMs) {
  const started = performance.now();
  const r = spawnSync(process.execPath, ['--import', PEAK_RSS, bin, ...args], {
    cwd,
    encoding: 'utf8',
    timeout: timeoutMs,
    killSignal: 'SIGKILL',
    maxBuffer: 1 << 30,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, NO_COLOR: '1' },
  });
  const wallMs = Math.round(performance.now() - started);
  const rss = new RegExp(`${MARK} (\\d+)`).exec(r.stderr ?? '');
  const out = { wallMs, exit: r.status, peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : undefined };
  if (r.error?.code === 'ETIMEDOUT') out.stopped = `killed after ${timeoutMs} ms`;
  else if (r.signal) out.stopped = `signal ${r.signal}`;
  const firstError = (r.stderr ?? '').split('\n').find((l) => l.startsWith('stackaudit: ') || /FATAL|bad_alloc/.test(l));
  if (firstError && (r.status === 2 || r.signal)) out.stderr = firstError.slice(0, 200);
  return out;
}

function summaryOf(file) {
  try {
    const s = JSON.parse(readFileSync(file, 'utf8')).summary;
    return { inputs: s.inputs, resources: s.resources, findings: s.fail + s.notEvaluated };
  } catch {
    return {};
  }
}

const cases = {
  many() {
    const lines = [];
    for (const count of [2_000, 4_000, 20_000]) {
      const dir = mkdtempSync(join(tmpdir(), 'stackaudit-bench-many-'));
      try {
        writeManyTemplates(join(dir, 'templates'), count);
        const report = join(dir, 'report.json');
        const m = measure(['scan', 'templates', '--format', 'json', '--fail-on', 'none', '--output', report], dir, SCALE_TIMEOUT_MS);
        lines.push({ case: `many-templates-${count}`, templates: count, ...m, ...summaryOf(report), msPerTemplate: m.stopped ? undefined : +(m.wallMs / count).toFixed(2) });
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    return lines;
  },
  big() {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-bench-big-'));
    try {
      const file = join(dir, 'big.json');
      const resources = writeBigTemplate(file, 19);
      const report = join(dir, 'report.json');
      const m = measure(['scan', 'big.json', '--format', 'json', '--fail-on', 'none', '--output', report], dir, SCALE_TIMEOUT_MS);
      return { case: 'big-template-19mb', megabytes: +(statSync(file).size / 2 ** 20).toFixed(1), resources, ...m, ...summaryOf(report) };
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
  classes() {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-bench-hostile-'));
    try {
      const lines = [];
      const worst = new Map();
      for (const c of writeCorpus(dir)) {
        const m = measure([...c.args, '--format', 'json'], c.dir, CASE_TIMEOUT_MS);
        const within = !m.stopped && m.wallMs <= BOUND.wallMs && (m.peakRssMb ?? Infinity) <= BOUND.peakRssMb;
        lines.push({ case: `hostile:${c.id}`, class: c.cls, ...m, within });
        const w = worst.get(c.cls) ?? { cases: 0, within: 0, maxWallMs: 0, maxPeakRssMb: 0, over: [] };
        w.cases++;
        if (within) w.within++;
        else w.over.push(c.id);
        w.maxWallMs = Math.max(w.maxWallMs, m.wallMs);
        w.maxPeakRssMb = Math.max(w.maxPeakRssMb, m.peakRssMb ?? 0);
        worst.set(c.cls, w);
      }
      for (const [cls, w] of worst) lines.push({ case: `hostile-class:${cls}`, bound: BOUND, ...w });
      return lines;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  },
};

for (const [name, run] of Object.entries(cases)) {
  if (only && only !== name) continue;
  for (const line of [run()].flat()) console.log(JSON.stringify(line));
}
