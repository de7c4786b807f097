import { toCallError, type CallError } from './errors.js';
import { createLimiter } from './limiter.js';
import { mergePages, nextToken, pagingOf } from './paging.js';

export type { CallError } from './errors.js';

/** One SDK command as the snapshot stores it (one entry per page of a paginated call). */
export interface SnapshotCall {
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  readonly input: Readonly<Record<string, unknown>>;
  readonly output?: Readonly<Record<string, unknown>>;
  readonly error?: CallError;
}

/**
 * A call's result: the output (all pages merged for a paginated operation, JSON values only:
 * timestamps are ISO strings) or the error. `pages` are the raw calls made, for `--save`.
 * `incomplete` says that a paginated output stops before its last page (a page cap, a token
 * cycle, a snapshot recorded only in part): what was read is real, the rest is unread.
 */
export type CallResult = ({ readonly output: Readonly<Record<string, unknown>>; readonly incomplete?: CallError } | { readonly error: CallError }) & {
  readonly pages?: readonly SnapshotCall[];
};

export interface CallSource {
  call(service: string, operation: string, region: string, input: object): Promise<CallResult>;
  /** The account, when the source knows it without asking STS (a snapshot). */
  readonly account?: string;
  /** Regions the source holds calls for (a snapshot saved with `--region` has no DescribeRegions). */
  readonly regions?: readonly string[];
  /** Live sources call AWS; a snapshot replays. Decides how a missing network is read. */
  readonly kind?: 'live' | 'snapshot';
}

export const isCallError = (r: CallResult): r is { readonly error: CallError; readonly pages?: readonly SnapshotCall[] } => 'error' in r;

/** The reason a successful output stops early, if it does. */
export const incompleteOf = (r: CallResult): CallError | undefined => ('incomplete' in r ? r.incomplete : undefined);

/** What the live source needs of an SDK v3 client: `send`. */
export interface SdkClientLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Builds (or returns a cached) client for a service package suffix and region. */
export type ClientFactory = (service: string, region: string) => SdkClientLike | Promise<SdkClientLike>;

/** Loads the `@aws-sdk/client-<service>` module (command classes). Injected so tests can count loads. */
export type ModuleLoader = (service: string) => Promise<Record<string, unknown>>;

/** Static credentials, as the SDK takes them. */
export interface StaticCredentials {
  readonly accessKeyId: string;
  readonly secretAccessKey: string;
  readonly sessionToken?: string;
}

export interface LiveCallSourceOptions {
  /** Named profile for `fromIni`; default credential chain when neither this nor roleArn is set. */
  readonly profile?: string;
  /** Role to assume (`--role-arn`) with `fromTemporaryCredentials`, from the profile's or default credentials. */
  readonly roleArn?: string;
  readonly externalId?: string;
  /** Credentials to use instead of the chain (library users, tests). */
  readonly credentials?: StaticCredentials;
  /** Calls in flight for the whole account (default 16). */
  readonly concurrency?: number;
  /** SDK attempts per call, retried by the SDK's adaptive mode (default 5). */
  readonly maxAttempts?: number;
  /**
   * Longest one attempt (one HTTP request: connect, send, answer) may take before the SDK
   * gives up on it and retries (default 30 s). A slow answer costs one attempt, not the call.
   */
  readonly timeoutMs?: number;
  /** Pages read per paginated call before stopping; a stop is reported as an incomplete read (default 10,000). */
  readonly maxPages?: number;
  /**
   * Sends every call to this URL instead of AWS's endpoints: an AWS-compatible emulator, or
   * the tests' loopback server. S3 then uses path-style addressing.
   */
  readonly endpoint?: string;
  /** Test hooks. */
  readonly clientFactory?: ClientFactory;
  readonly loadModule?: ModuleLoader;
  /** A retry strategy per client instead of the SDK's adaptive one (tests shorten the backoff). */
  readonly retryStrategy?: () => unknown;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_ATTEMPTS = 5;
export const DEFAULT_MAX_PAGES = 10_000;

/** Output as JSON data: `$metadata` dropped, Dates as ISO strings, so live and replayed outputs are identical. */
export function toJsonOutput(output: unknown): Record<string, unknown> {
  const json: unknown = JSON.parse(JSON.stringify(output ?? {}, (key, value: unknown) => (key === '$metadata' ? undefined : value)));
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

/**
 * The longest a whole call (every attempt and the SDK's backoff between them) may take: a
 * last guard against an answer that trickles in forever, far above what retries need.
 * The SDK caps one backoff at 20 s. https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
 */
export function callDeadlineMs(timeoutMs: number, maxAttempts: number): number {
  return timeoutMs * maxAttempts + 20_000 * Math.max(0, maxAttempts - 1) + 10_000;
}

/**
 * SDK v3 calls through one concurrency limiter. Clients and command modules are loaded with
 * dynamic `import()` on first use, so a template scan never loads the SDK. Retries (throttling,
 * 5xx, timeouts, dropped connections) are the SDK's adaptive mode, per attempt.
 */
export function createLiveCallSource(options: LiveCallSourceOptions = {}): CallSource {
  const limiter = createLimiter(options.concurrency ?? 16);
  const timeoutMs = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxAttempts = options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  const deadlineMs = callDeadlineMs(timeoutMs, maxAttempts);
  const modules = new Map<string, Promise<Record<string, unknown>>>();
  const loadModule: ModuleLoader =
    options.loadModule ??
    (async (service) => {
      const { loadServiceModule } = await import('./clients.js');
      return loadServiceModule(service);
    });
  const moduleOf = (service: string): Promise<Record<string, unknown>> => {
    let m = modules.get(service);
    if (!m) {
      m = loadModule(service);
      modules.set(service, m);
    }
    return m;
  };
  const clients = new Map<string, Promise<SdkClientLike>>();
  let defaultFactory: Promise<ClientFactory> | undefined;
  const clientOf = (service: string, region: string): Promise<SdkClientLike> => {
    const key = `${service}|${region}`;
    let c = clients.get(key);
    if (!c) {
      const factory = options.clientFactory;
      c = factory
        ? Promise.resolve(factory(service, region))
        : (defaultFactory ??= import('./clients.js').then((m) => m.createDefaultClientFactory(options))).then((f) => f(service, region));
      clients.set(key, c);
    }
    return c;
  };

  /** One page, through the limiter: the SDK's own retries happen inside the slot. */
  async function page(service: string, operation: string, region: string, input: Record<string, unknown>): Promise<CallResult> {
    return limiter.run(async () => {
      try {
        const [mod, client] = await Promise.all([moduleOf(service), clientOf(service, region)]);
        const Command = Object.hasOwn(mod, `${operation}Command`) ? mod[`${operation}Command`] : undefined;
        if (typeof Command !== 'function') return { error: { name: 'UnknownOperation', message: `${service} has no ${operation}Command` } };
        const command: unknown = new (Command as new (input: unknown) => unknown)(input);
        const controller = new AbortController();
        let timer: NodeJS.Timeout | undefined;
        const deadline = new Promise<never>((_, reject) => {
          timer = setTimeout(() => {
            controller.abort();
            reject(Object.assign(new Error(`no complete answer within ${Math.round(deadlineMs / 1000)} s over all attempts`), { name: 'TimeoutError' }));
          }, deadlineMs);
        });
        try {
          const output = await Promise.race([client.send(command, { abortSignal: controller.signal }), deadline]);
          return { output: toJsonOutput(output) };
        } finally {
          clearTimeout(timer);
        }
      } catch (e) {
        return { error: toCallError(e) };
      }
    });
  }

  return {
    kind: 'live',
    async call(service, operation, region, input) {
      const spec = pagingOf(service, operation);
      const pages: SnapshotCall[] = [];
      const outputs: Record<string, unknown>[] = [];
      let pageInput = { ...(input as Record<string, unknown>) };
      const seen = new Set<string>();
      let incomplete: CallError | undefined;
      for (;;) {
        const result = await page(service, operation, region, pageInput);
        if (isCallError(result)) {
          pages.push({ service, operation, region, input: pageInput, error: result.error });
          if (outputs.length === 0) return { error: result.error, pages };
          // A later page failed: the pages read are real, the rest of the list is unread.
          incomplete = {
            name: result.error.name,
            message: `page ${outputs.length + 1} failed${result.error.message ? `: ${result.error.message}` : ''}; the pages after it were not read`,
          };
          break;
        }
        pages.push({ service, operation, region, input: pageInput, output: result.output });
        outputs.push(result.output);
        const token = spec ? nextToken(spec, result.output) : undefined;
        if (!spec || token === undefined) break;
        // Some APIs echo the token they were given on their last page: that is the end.
        if (token === pageInput[spec.inputToken]) break;
        if (seen.has(token)) {
          incomplete = { name: 'PagingLoop', message: `page ${outputs.length} repeated an earlier page token; the pages after it were not read` };
          break;
        }
        if (outputs.length >= maxPages) {
          incomplete = { name: 'PageLimit', message: `stopped after ${maxPages} pages; the pages after them were not read` };
          break;
        }
        seen.add(token);
        pageInput = { ...pageInput, [spec.inputToken]: token };
      }
      const output = mergePages(spec, outputs);
      return incomplete ? { output, incomplete, pages } : { output, pages };
    },
  };
}
