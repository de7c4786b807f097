// Loaded only by the live call source (dynamic import), so template scans never load the SDK.
import type { ClientFactory, LiveCallSourceOptions, SdkClientLike } from './calls.js';

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
  const load = IMPORTS[service];
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

async function credentialsFor(options: LiveCallSourceOptions): Promise<CredentialProvider | undefined> {
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
      ...(base ? { masterCredentials: base } : {}),
    }),
  );
}

/** Real SDK clients: adaptive retry, bounded attempts, a request timeout, shared credentials. */
export async function createDefaultClientFactory(options: LiveCallSourceOptions): Promise<ClientFactory> {
  const credentials = await credentialsFor(options);
  const timeout = options.timeoutMs ?? 30_000;
  return async (service, region) => {
    const className = CLIENT_CLASSES[service];
    if (!className) throw new Error(`unsupported AWS service package: ${service}`);
    const mod = await loadServiceModule(service);
    const Client = mod[className] as new (config: Record<string, unknown>) => SdkClientLike;
    return new Client({
      region,
      retryMode: 'adaptive',
      maxAttempts: options.maxAttempts ?? 5,
      requestHandler: { requestTimeout: timeout, connectionTimeout: Math.min(timeout, 10_000) },
      ...(credentials ? { credentials } : {}),
      // Buckets outside the client's region answer 301; following the redirect keeps a wrong location from failing the read.
      ...(service === 's3' ? { followRegionRedirects: true } : {}),
    });
  };
}
