import { createLimiter } from './limiter.js';
import { mergePages, nextToken, pagingOf } from './paging.js';

export interface CallError {
  readonly name: string;
  readonly message: string;
}

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
 */
export type CallResult = ({ readonly output: Readonly<Record<string, unknown>> } | { readonly error: CallError }) & {
  readonly pages?: readonly SnapshotCall[];
};

export interface CallSource {
  call(service: string, operation: string, region: string, input: object): Promise<CallResult>;
  /** The account, when the source knows it without asking STS (a snapshot). */
  readonly account?: string;
  /** Regions the source holds calls for (a snapshot saved with `--region` has no DescribeRegions). */
  readonly regions?: readonly string[];
}

export const isCallError = (r: CallResult): r is { readonly error: CallError; readonly pages?: readonly SnapshotCall[] } => 'error' in r;

/** What the live source needs of an SDK v3 client: `send`. */
export interface SdkClientLike {
  send(command: unknown, options?: { abortSignal?: AbortSignal }): Promise<unknown>;
}

/** Builds (or returns a cached) client for a service package suffix and region. */
export type ClientFactory = (service: string, region: string) => SdkClientLike | Promise<SdkClientLike>;

/** Loads the `@aws-sdk/client-<service>` module (command classes). Injected so tests can count loads. */
export type ModuleLoader = (service: string) => Promise<Record<string, unknown>>;

export interface LiveCallSourceOptions {
  /** Named profile for `fromIni`; default credential chain when neither this nor roleArn is set. */
  readonly profile?: string;
  /** Role to assume (`--role-arn`) with `fromTemporaryCredentials`, from the profile's or default credentials. */
  readonly roleArn?: string;
  readonly externalId?: string;
  /** Calls in flight for the whole account (default 16). */
  readonly concurrency?: number;
  /** SDK attempts per call, with adaptive retry (default 5). */
  readonly maxAttempts?: number;
  /** Abort one SDK call (one page) after this long (default 30 s). */
  readonly timeoutMs?: number;
  /** Extra retries of throttled calls after the SDK gave up, with backoff (default 3). */
  readonly throttleRetries?: number;
  /** Test hooks. */
  readonly clientFactory?: ClientFactory;
  readonly loadModule?: ModuleLoader;
  readonly sleep?: (ms: number) => Promise<void>;
}

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'SlowDown',
  'ProvisionedThroughputExceededException',
  'BandwidthLimitExceeded',
  'PriorRequestNotComplete',
]);

export const isThrottling = (name: string): boolean => THROTTLING.has(name);

const MAX_PAGES = 10_000;

/** Output as JSON data: `$metadata` dropped, Dates as ISO strings, so live and replayed outputs are identical. */
export function toJsonOutput(output: unknown): Record<string, unknown> {
  const json: unknown = JSON.parse(JSON.stringify(output ?? {}, (key, value: unknown) => (key === '$metadata' ? undefined : value)));
  return typeof json === 'object' && json !== null && !Array.isArray(json) ? (json as Record<string, unknown>) : {};
}

export function toCallError(e: unknown): CallError {
  if (e instanceof Error) return { name: e.name || 'Error', message: oneLine(e.message) };
  if (typeof e === 'object' && e !== null) {
    const o = e as Record<string, unknown>;
    const name = typeof o['name'] === 'string' ? o['name'] : typeof o['Code'] === 'string' ? o['Code'] : 'Error';
    return { name, message: oneLine(typeof o['message'] === 'string' ? o['message'] : '') };
  }
  return { name: 'Error', message: oneLine(String(e)) };
}

const oneLine = (s: string): string => s.replace(/\s+/g, ' ').trim();

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * SDK v3 calls through one concurrency limiter. Clients and command modules are loaded with
 * dynamic `import()` on first use, so a template scan never loads the SDK.
 */
export function createLiveCallSource(options: LiveCallSourceOptions = {}): CallSource {
  const limiter = createLimiter(options.concurrency ?? 16);
  const timeoutMs = options.timeoutMs ?? 30_000;
  const throttleRetries = options.throttleRetries ?? 3;
  const sleep = options.sleep ?? defaultSleep;
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

  async function sendOnce(service: string, operation: string, region: string, input: Record<string, unknown>): Promise<CallResult> {
    try {
      const [mod, client] = await Promise.all([moduleOf(service), clientOf(service, region)]);
      const Command = mod[`${operation}Command`];
      if (typeof Command !== 'function') return { error: { name: 'UnknownOperation', message: `${service} has no ${operation}Command` } };
      const command: unknown = new (Command as new (input: unknown) => unknown)(input);
      const controller = new AbortController();
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(() => {
          controller.abort();
          reject(Object.assign(new Error(`no answer within ${timeoutMs} ms`), { name: 'TimeoutError' }));
        }, timeoutMs);
      });
      try {
        const output = await Promise.race([client.send(command, { abortSignal: controller.signal }), timeout]);
        return { output: toJsonOutput(output) };
      } finally {
        clearTimeout(timer);
      }
    } catch (e) {
      return { error: toCallError(e) };
    }
  }

  /** One page: through the limiter; a throttled call waits outside it and tries again. */
  async function page(service: string, operation: string, region: string, input: Record<string, unknown>): Promise<CallResult> {
    for (let attempt = 0; ; attempt++) {
      const result = await limiter.run(() => sendOnce(service, operation, region, input));
      if (!isCallError(result) || !isThrottling(result.error.name) || attempt >= throttleRetries) return result;
      await sleep(Math.round((2 ** attempt * 250) * (0.5 + Math.random() / 2)));
    }
  }

  return {
    async call(service, operation, region, input) {
      const spec = pagingOf(service, operation);
      const pages: SnapshotCall[] = [];
      const outputs: Record<string, unknown>[] = [];
      let pageInput = { ...(input as Record<string, unknown>) };
      const seen = new Set<string>();
      for (;;) {
        const result = await page(service, operation, region, pageInput);
        if (isCallError(result)) {
          pages.push({ service, operation, region, input: pageInput, error: result.error });
          return { error: result.error, pages };
        }
        pages.push({ service, operation, region, input: pageInput, output: result.output });
        outputs.push(result.output);
        const token = spec ? nextToken(spec, result.output) : undefined;
        // A repeated token would loop forever; some APIs echo the last one.
        if (!spec || token === undefined || seen.has(token) || outputs.length >= MAX_PAGES) break;
        seen.add(token);
        pageInput = { ...pageInput, [spec.inputToken]: token };
      }
      return { output: mergePages(spec, outputs), pages };
    },
  };
}
