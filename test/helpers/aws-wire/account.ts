// The loopback server's account: a snapshot's recorded pages, answered page by page (the
// page token is part of the match, the page size is not), and a live call source whose real
// SDK clients talk to the server with short, test-sized retries.

import { AdaptiveRetryStrategy, DefaultRateLimiter } from '@smithy/core/retry';
import { createLiveCallSource, type CallSource, type LiveCallSourceOptions } from '../../../src/scanners/account/calls.js';
import type { Snapshot } from '../../../src/scanners/account/snapshot.js';
import type { WireCall } from './protocols.js';
import type { Answer, AwsWireServer, Responder } from './server.js';

const PAGE_SIZE_FIELDS = new Set(['MaxResults', 'maxResults', 'MaxRecords', 'MaxItems', 'MaxBuckets', 'PageSize', 'limit']);

function canonical(v: unknown, top = false): string {
  if (Array.isArray(v)) return `[${v.map((x) => canonical(x)).join(',')}]`;
  if (typeof v === 'object' && v !== null) {
    const entries = Object.entries(v)
      .filter(([k, x]) => x !== undefined && !(top && PAGE_SIZE_FIELDS.has(k)))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, x]) => `${JSON.stringify(k)}:${canonical(x)}`).join(',')}}`;
  }
  return JSON.stringify(v) ?? 'null';
}

const keyOf = (c: { service: string; operation: string; region: string; input: unknown }): string => `${c.service}|${c.operation}|${c.region}|${canonical(c.input, true)}`;

/** Answers each call as the snapshot recorded it; a call it lacks gets `NotInAccountModel`. */
export function snapshotResponder(snapshot: Snapshot): Responder {
  const answers = new Map<string, Answer>();
  for (const c of snapshot.calls) {
    const k = keyOf(c);
    if (answers.has(k)) continue;
    answers.set(k, c.error ? { error: c.error } : { output: c.output ?? {} });
  }
  return (call: WireCall) => answers.get(keyOf(call));
}

export const TEST_CREDENTIALS = { accessKeyId: 'AKIDLOOPBACKTEST', secretAccessKey: 'loopback-test-only' } as const;

export interface WireSourceOptions extends Pick<LiveCallSourceOptions, 'concurrency' | 'maxPages'> {
  /** Per attempt; short so a slow answer is a quick retry. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
  /** A fixed wait between attempts instead of the short default. */
  readonly backoffMs?: number;
}

/**
 * The SDK's adaptive retry strategy with test-sized waits: the same decisions (what is
 * retried, how many attempts, client-side rate limiting), backoff capped at a few ms.
 */
export function fastAdaptiveRetry(maxAttempts: number, backoffMs?: number): () => unknown {
  return () =>
    new AdaptiveRetryStrategy(maxAttempts, {
      rateLimiter: new DefaultRateLimiter({ minFillRate: 1_000, minCapacity: 1_000 }),
      backoff: { computeNextBackoffDelay: (attempt: number) => backoffMs ?? Math.min(5 * 2 ** attempt, 40), setDelayBase() {} },
    } as never);
}

/** A live call source (real SDK clients, default client factory) pointed at the server. */
export function wireSource(server: AwsWireServer, options: WireSourceOptions = {}): CallSource {
  const maxAttempts = options.maxAttempts ?? 5;
  return createLiveCallSource({
    endpoint: server.endpoint,
    credentials: TEST_CREDENTIALS,
    timeoutMs: options.timeoutMs ?? 2_000,
    maxAttempts,
    retryStrategy: fastAdaptiveRetry(maxAttempts, options.backoffMs),
    ...(options.concurrency !== undefined ? { concurrency: options.concurrency } : {}),
    ...(options.maxPages !== undefined ? { maxPages: options.maxPages } : {}),
  });
}
