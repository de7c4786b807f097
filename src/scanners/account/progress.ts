// What a live audit says while it runs: a progress bar on a terminal (service × region runs,
// calls made and failed, time left), and one summary line at the end otherwise. Pure text
// builders; the command decides where and when to print.

import type { CollectProgress } from './collect.js';
import { oneLine } from './errors.js';

const WIDTH = 20;

function duration(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m}m${String(s % 60).padStart(2, '0')}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, '0')}m`;
}

/**
 * One terminal line, about 100 columns: `[#######.............]  7/28 region×service · ec2 eu-west-1 ·
 * 412 calls (2 failed) · ETA 40s` (a run is one collector in one region). The ETA assumes the remaining runs take as long as the
 * finished ones, so it appears once one run has finished.
 */
export function progressLine(p: CollectProgress, elapsedMs: number): string {
  const total = Math.max(p.runsTotal, 1);
  const filled = Math.min(WIDTH, Math.round((p.runsDone / total) * WIDTH));
  const bar = `[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`;
  const eta = p.runsDone > 0 && p.runsDone < p.runsTotal ? ` · ETA ${duration((elapsedMs / p.runsDone) * (p.runsTotal - p.runsDone))}` : '';
  const where = oneLine(`${p.service} ${p.region}`, 28);
  const failed = p.callsFailed > 0 ? ` (${p.callsFailed} failed)` : '';
  return `${bar} ${String(p.runsDone).padStart(String(p.runsTotal).length)}/${p.runsTotal} region×service · ${where} · ${p.callsDone} calls${failed}${eta}`;
}

export interface AuditSummary {
  readonly account: string;
  readonly regions: readonly string[];
  readonly services: readonly string[];
  readonly calls: number;
  readonly callsFailed: number;
  readonly elapsedMs: number;
}

/** `audited account 111122223333: 3 regions × 14 services, 523 calls (4 failed) in 12.3 s`. */
export function summaryLine(s: AuditSummary): string {
  const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;
  const failed = s.callsFailed > 0 ? ` (${s.callsFailed} failed; affected controls are not-evaluated)` : '';
  return oneLine(
    `audited account ${s.account}: ${plural(s.regions.length, 'region')} × ${plural(s.services.length, 'service')}, ${plural(s.calls, 'call')}${failed} in ${(s.elapsedMs / 1000).toFixed(1)} s`,
    200,
  );
}
