// Loaded only by the live call source (dynamic import), so template scans never load the SDK.
import { lookup, type LookupAllOptions, type LookupOptions } from 'node:dns';
import { Agent, type AgentOptions } from 'node:http';
import { DEFAULT_MAX_ATTEMPTS, DEFAULT_TIMEOUT_MS, type ClientFactory, type LiveCallSourceOptions, type SdkClientLike } from './calls.js';

/** SDK v3 package suffix → client class name. */
const CLIENT_CLASSES: Readonly<Record<string, string>> = {
  ec2: 'EC2Client',
  rds: 'RDSClient',
  s3: 'S3Client',
  's3-control': 'S3ControlClient',
  cloudfront: 'CloudFrontClient',
  'elastic-load-balancing-v2': 'ElasticLoadBalancingV2Client',
  'elastic-load-balancing': 'ElasticLoadBalancingClient',
  ecs: 'ECSClient',
  apprunner: 'AppRunnerClient',
  cloudwatch: 'CloudWatchClient',
  'cloudwatch-logs': 'CloudWatchLogsClient',
  ecr: 'ECRClient',
  'secrets-manager': 'SecretsManagerClient',
  elasticache: 'ElastiCacheClient',
  lambda: 'LambdaClient',
  sts: 'STSClient',
};

export const SUPPORTED_SERVICES: readonly string[] = Object.keys(CLIENT_CLASSES);

// A literal specifier per package keeps bundlers and `tsc` able to see each import.
const IMPORTS: Readonly<Record<string, () => Promise<unknown>>> = {
  ec2: () => import('@aws-sdk/client-ec2'),
  rds: () => import('@aws-sdk/client-rds'),
  s3: () => import('@aws-sdk/client-s3'),
  's3-control': () => import('@aws-sdk/client-s3-control'),
  cloudfront: () => import('@aws-sdk/client-cloudfront'),
  'elastic-load-balancing-v2': () => import('@aws-sdk/client-elastic-load-balancing-v2'),
  'elastic-load-balancing': () => import('@aws-sdk/client-elastic-load-balancing'),
  ecs: () => import('@aws-sdk/client-ecs'),
  apprunner: () => import('@aws-sdk/client-apprunner'),
  cloudwatch: () => import('@aws-sdk/client-cloudwatch'),
  'cloudwatch-logs': () => import('@aws-sdk/client-cloudwatch-logs'),
  ecr: () => import('@aws-sdk/client-ecr'),
  'secrets-manager': () => import('@aws-sdk/client-secrets-manager'),
  elasticache: () => import('@aws-sdk/client-elasticache'),
  lambda: () => import('@aws-sdk/client-lambda'),
  sts: () => import('@aws-sdk/client-sts'),
};

export async function loadServiceModule(service: string): Promise<Record<string, unknown>> {
  const load = Object.hasOwn(IMPORTS, service) ? IMPORTS[service] : undefined;
  if (!load) throw new Error(`unsupported AWS service package: ${service}`);
  return (await load()) as Record<string, unknown>;
}

type CredentialProvider = () => Promise<{ expiration?: Date }>;

/** Shares one credential lookup (one AssumeRole) across all clients, refreshed 5 minutes before expiry. */
function memoize(provider: CredentialProvider): CredentialProvider {
  let cached: Promise<{ expiration?: Date }> | undefined;
  return async () => {
    if (cached) {
      const c = await cached.catch(() => undefined);
      if (c && (!c.expiration || c.expiration.getTime() - Date.now() > 300_000)) return c;
    }
    cached = provider();
    return cached;
  };
}

/** The SDK writes its own warnings to the console; an audit reports through its own lines. */
const SILENT = { trace() {}, debug() {}, info() {}, warn() {}, error() {} };

/**
 * HTTP settings of every client. `requestTimeout` with `throwOnRequestTimeout` ends one
 * attempt (connect, send, answer headers) as a retryable `TimeoutError`, and `socketTimeout`
 * ends a body that stops arriving; without `throwOnRequestTimeout` the SDK only logs a warning.
 * https://github.com/smithy-lang/smithy-typescript/tree/main/packages/node-http-handler
 */
export function requestHandlerConfig(timeoutMs: number, endpoint?: string): Record<string, unknown> {
  return {
    requestTimeout: timeoutMs,
    throwOnRequestTimeout: true,
    socketTimeout: timeoutMs,
    connectionTimeout: Math.min(timeoutMs, 10_000),
    logger: SILENT,
    ...(endpoint !== undefined && isLocalhost(endpoint) ? { httpAgent: new Agent({ keepAlive: true, lookup: loopbackLookup }) } : {}),
  };
}

function isLocalhost(endpoint: string): boolean {
  try {
    return new URL(endpoint).hostname === 'localhost';
  } catch {
    return false;
  }
}

/**
 * `localhost` and every name under it are the loopback address (RFC 6761 §6.3,
 * https://www.rfc-editor.org/rfc/rfc6761#section-6.3). S3 Control puts the account id in
 * front of the endpoint's host (`111122223333.localhost`), which most resolvers do not know.
 */
const loopbackLookup = ((hostname: string, options: LookupOptions | number | undefined, callback: (...args: unknown[]) => void): void => {
  if (hostname !== 'localhost' && !hostname.endsWith('.localhost')) {
    lookup(hostname, (typeof options === 'object' ? options : {}) as LookupAllOptions, callback as never);
    return;
  }
  if (typeof options === 'object' && options.all) callback(null, [{ address: '127.0.0.1', family: 4 }]);
  else callback(null, '127.0.0.1', 4);
}) as unknown as AgentOptions['lookup'];

async function credentialsFor(options: LiveCallSourceOptions, clientConfig: Record<string, unknown>): Promise<unknown> {
  if (options.credentials) return { ...options.credentials };
  if (!options.profile && !options.roleArn) return undefined; // the SDK's default chain
  const providers = await import('@aws-sdk/credential-providers');
  const base = options.profile ? providers.fromIni({ profile: options.profile }) : undefined;
  if (!options.roleArn) return base && memoize(base);
  return memoize(
    providers.fromTemporaryCredentials({
      params: {
        RoleArn: options.roleArn,
        RoleSessionName: 'stackaudit',
        ...(options.externalId ? { ExternalId: options.externalId } : {}),
      },
      // AssumeRole gets the same timeouts as every other call.
      clientConfig,
      ...(base ? { masterCredentials: base } : {}),
    }),
  );
}

/** Real SDK clients: adaptive retry, bounded attempts, a timeout per attempt, shared credentials. */
export async function createDefaultClientFactory(options: LiveCallSourceOptions): Promise<ClientFactory> {
  const timeout = options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const common: Record<string, unknown> = {
    maxAttempts: options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS,
    requestHandler: requestHandlerConfig(timeout, options.endpoint),
    logger: SILENT,
    ...(options.endpoint ? { endpoint: options.endpoint } : {}),
  };
  const credentials = await credentialsFor(options, { ...common, retryMode: 'adaptive' });
  return async (service, region) => {
    const className = Object.hasOwn(CLIENT_CLASSES, service) ? CLIENT_CLASSES[service] : undefined;
    if (!className) throw new Error(`unsupported AWS service package: ${service}`);
    const mod = await loadServiceModule(service);
    const Client = mod[className] as new (config: Record<string, unknown>) => SdkClientLike;
    return new Client({
      region,
      ...common,
      // The SDK's adaptive mode: exponential backoff with jitter, plus client-side rate limiting after throttling.
      // https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
      ...(options.retryStrategy ? { retryStrategy: options.retryStrategy() } : { retryMode: 'adaptive' }),
      ...(credentials ? { credentials } : {}),
      // Buckets outside the client's region answer 301; following the redirect keeps a wrong location from failing the read.
      ...(service === 's3' ? { followRegionRedirects: true } : {}),
      // A custom endpoint has no bucket subdomains.
      ...(service === 's3' && options.endpoint ? { forcePathStyle: true } : {}),
    });
  };
}
