import { readFile, writeFile } from 'node:fs/promises';
import { lazySchema } from '../../model/lazy-zod.js';
import type { InputError } from '../../model/finding.js';
import type { CallResult, CallSource, SnapshotCall } from './calls.js';
import { identifyingKey, isContinuation, mergePages, pagingOf } from './paging.js';

export const SNAPSHOT_FORMAT = 'stackaudit-snapshot/1';

export interface Snapshot {
  readonly format: typeof SNAPSHOT_FORMAT;
  readonly account: string;
  readonly collectedAt: string;
  readonly calls: readonly SnapshotCall[];
}

const snapshotSchema = lazySchema((z) => {
  const callSchema = z
    .object({
      service: z.string().min(1),
      operation: z.string().min(1),
      region: z.string(),
      input: z.record(z.string(), z.unknown()),
      output: z.record(z.string(), z.unknown()).optional(),
      error: z.object({ name: z.string(), message: z.string() }).optional(),
    })
    .refine((c) => (c.output === undefined) !== (c.error === undefined), { message: 'needs exactly one of output or error' });
  return z.object({
    format: z.literal(SNAPSHOT_FORMAT),
    account: z.string(),
    collectedAt: z.string(),
    calls: z.array(callSchema),
  });
});

export type SnapshotResult = { readonly ok: true; readonly snapshot: Snapshot } | { readonly ok: false; readonly error: InputError };

/** Validates snapshot text; any problem is one InputError line naming the first offending field. */
export function parseSnapshot(text: string, file: string): SnapshotResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: { file, message: `not a stackaudit snapshot: invalid JSON (${e instanceof Error ? e.message : String(e)})` } };
  }
  const parsed = snapshotSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue && issue.path.length > 0 ? ` at ${issue.path.join('.')}` : '';
    return { ok: false, error: { file, message: `not a valid ${SNAPSHOT_FORMAT} snapshot${where}: ${issue?.message ?? 'invalid'}` } };
  }
  return { ok: true, snapshot: parsed.data as Snapshot };
}

export async function readSnapshot(file: string): Promise<SnapshotResult> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (e) {
    const code = typeof e === 'object' && e !== null && 'code' in e ? String((e as { code: unknown }).code) : 'read error';
    return { ok: false, error: { file, message: `cannot read snapshot (${code})` } };
  }
  return parseSnapshot(text, file);
}

/** Calls sorted by service, operation, region and identifying input (pages keep their order), for diffable files. */
export function buildSnapshot(account: string, calls: readonly SnapshotCall[], collectedAt: Date = new Date()): Snapshot {
  const keyed = calls.map((c, i) => ({ c, i, k: identifyingKey(c.service, c.operation, c.region, c.input) }));
  keyed.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : a.i - b.i));
  return { format: SNAPSHOT_FORMAT, account, collectedAt: collectedAt.toISOString(), calls: keyed.map((x) => x.c) };
}

/** Owner-only permissions: raw outputs hold Lambda/ECS/App Runner environment values as AWS returns them. */
export async function writeSnapshot(file: string, snapshot: Snapshot): Promise<void> {
  await writeFile(file, `${JSON.stringify(snapshot, null, 1)}\n`, { encoding: 'utf8', mode: 0o600 });
}

// Calls that say nothing about which regions were audited: global services, and CloudWatch,
// which is always read in us-east-1 for billing alarms.
const NOT_REGIONAL = new Set(['sts', 's3', 's3-control', 'cloudfront', 'cloudwatch']);

function auditedRegions(calls: readonly SnapshotCall[]): string[] {
  const regions = calls.filter((c) => !NOT_REGIONAL.has(c.service) && c.operation !== 'DescribeRegions').map((c) => c.region);
  return [...new Set(regions)].sort();
}

/**
 * Replays a snapshot: a call matches by service, operation, region and input minus paging
 * fields; its recorded pages are merged in order. A call the snapshot lacks is a failed read.
 */
export function createSnapshotCallSource(snapshot: Snapshot): CallSource {
  // Each key maps to its recorded sequences: a sequence starts at a page without a continuation token.
  const sequences = new Map<string, SnapshotCall[][]>();
  for (const c of snapshot.calls) {
    const key = identifyingKey(c.service, c.operation, c.region, c.input);
    let seqs = sequences.get(key);
    if (!seqs) sequences.set(key, (seqs = []));
    const last = seqs[seqs.length - 1];
    if (last && isContinuation(c.input)) last.push(c);
    else seqs.push([c]);
  }
  return {
    account: snapshot.account,
    regions: auditedRegions(snapshot.calls),
    async call(service, operation, region, input): Promise<CallResult> {
      const pages = sequences.get(identifyingKey(service, operation, region, input as Record<string, unknown>))?.[0];
      if (!pages) {
        return { error: { name: 'NotInSnapshot', message: `the snapshot has no ${service} ${operation} call in ${region} for this input` } };
      }
      const failed = pages.find((p) => p.error);
      if (failed?.error) return { error: failed.error, pages };
      return { output: mergePages(pagingOf(service, operation), pages.map((p) => p.output ?? {})), pages };
    },
  };
}
