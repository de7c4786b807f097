// Pay-per-use services: Lambda, DynamoDB, SQS, SNS, API Gateway, EFS, KMS. A template says
// how they are configured, not how much they are used, so traffic comes from the usage
// profile and defaults to 0: the resource shows up priced at its fixed part (often $0)
// with the assumption on the line, instead of an invented traffic figure.
import type { Resource } from '../../model/resource.js';
import { thousands } from '../numbers.js';
import { readArray, readBoolean, readNumber, readString } from '../read.js';
import { hoursOf, withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

/** "2,000,000" for descriptions. */
const count = (n: number): string => thousands(n);

// ---------------------------------------------------------------------------------------
// Lambda: https://aws.amazon.com/lambda/pricing/

// CloudFormation defaults: MemorySize 128 MB, Architectures [x86_64]:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-lambda-function.html
const LAMBDA_DEFAULT_MEMORY_MB = 128;
const LAMBDA_DEFAULT_DURATION_MS = 100;
/** Ephemeral /tmp storage up to 512 MB is included in the GB-s price. */
const LAMBDA_FREE_EPHEMERAL_MB = 512;

function lambdaMemoryMb(r: Resource, ctx: EstimateContext, assumptions: string[]): number {
  const m = readNumber(ctx.read, r, ['MemorySize']);
  if (m.known) return m.value;
  assumptions.push(`MemorySize ${m.why}: assumed ${LAMBDA_DEFAULT_MEMORY_MB} MB (Lambda default)`);
  return LAMBDA_DEFAULT_MEMORY_MB;
}

/** 'arm' for Architectures [arm64], else 'x86' (the default when the list is absent). */
function lambdaArch(r: Resource, ctx: EstimateContext, assumptions: string[]): 'arm' | 'x86' {
  const a = readString(ctx.read, r, ['Architectures', 0]);
  if (a.known) return a.value === 'arm64' ? 'arm' : 'x86';
  if (ctx.read(r, ['Architectures']) !== undefined) assumptions.push(`Architectures ${a.why}: assumed x86_64`);
  return 'x86';
}

export function estimateLambdaFunction(r: Resource, ctx: EstimateContext): EstimateResult {
  const requests = ctx.usage.get('requests', 0);
  const requestAssumed = ctx.usage.take();
  const durationMs = ctx.usage.get('durationMs', LAMBDA_DEFAULT_DURATION_MS);
  const computeAssumed = [...requestAssumed, ...ctx.usage.take()];
  const memoryMb = lambdaMemoryMb(r, ctx, computeAssumed);
  const arch = lambdaArch(r, ctx, computeAssumed);
  const gbSeconds = requests * (durationMs / 1000) * (memoryMb / 1024);
  const label = arch === 'arm' ? 'Arm' : 'x86';
  const items: UsageItem[] = [
    {
      service: 'Lambda',
      description: `requests, ${count(requests)}`,
      quantity: requests / 1e6,
      priceKey: 'lambda.requests',
      what: 'Lambda requests',
      allowances: ['always.lambda.requests'],
      ...withAssumptions(requestAssumed),
    },
    // x86 and Arm draw on one free GB-s pool; the order of the lines decides which is covered first.
    {
      service: 'Lambda',
      description: `compute (${label}), ${count(requests)} × ${durationMs} ms × ${memoryMb} MB = ${count(Math.round(gbSeconds))} GB-s`,
      quantity: gbSeconds,
      priceKey: `lambda.${arch}.gb_second`,
      what: `Lambda ${label} GB-seconds`,
      allowances: ['always.lambda.gb_seconds'],
      ...withAssumptions(computeAssumed),
    },
  ];
  // Ephemeral storage above the included 512 MB bills per GB-second while the function runs.
  const ephemeral = readNumber(ctx.read, r, ['EphemeralStorage', 'Size']);
  if (ephemeral.known && ephemeral.value > LAMBDA_FREE_EPHEMERAL_MB) {
    const extraGbSeconds = requests * (durationMs / 1000) * ((ephemeral.value - LAMBDA_FREE_EPHEMERAL_MB) / 1024);
    items.push({
      service: 'Lambda',
      description: `ephemeral storage above 512 MB (${ephemeral.value} MB), ${count(Math.round(extraGbSeconds))} GB-s`,
      quantity: extraGbSeconds,
      priceKey: 'lambda.ephemeral.gb_second',
      what: 'Lambda ephemeral storage',
    });
  }
  return { items };
}

// ---------------------------------------------------------------------------------------
// DynamoDB: https://aws.amazon.com/dynamodb/pricing/

/** Provisioned capacity of the table or one GSI, as WCU and RCU lines. */
function capacityItems(r: Resource, ctx: EstimateContext, base: (string | number)[], label: string, hours: number, ia: boolean): EstimateResult {
  const items: UsageItem[] = [];
  const notPriced: string[] = [];
  const units = [
    ['WriteCapacityUnits', 'WCU', 'wcu', 'write'],
    ['ReadCapacityUnits', 'RCU', 'rcu', 'read'],
  ] as const;
  for (const [field, unit, key, kind] of units) {
    const n = readNumber(ctx.read, r, [...base, 'ProvisionedThroughput', field]);
    if (!n.known) {
      notPriced.push(`${label} ${field} ${n.why}: provisioned ${kind} capacity not priced`);
      continue;
    }
    // The always-free 25 WCU / 25 RCU are shared by every table and index of the account.
    items.push({
      service: 'DynamoDB',
      description: `${label}: ${n.value} ${unit} × ${hours} h`,
      quantity: n.value * hours,
      priceKey: `dynamodb.${ia ? 'ia.' : ''}provisioned.${key}`,
      what: `DynamoDB${ia ? ' Standard-IA' : ''} provisioned ${unit}-hours`,
      ...(ia ? {} : { allowances: [`always.dynamodb.${key}`] }),
    });
  }
  return { items, notPriced };
}

function provisionedItems(r: Resource, ctx: EstimateContext, ia: boolean): EstimateResult {
  const hours = hoursOf(ctx);
  const parts = [capacityItems(r, ctx, [], 'table', hours, ia)];
  (readArray(ctx.read, r, ['GlobalSecondaryIndexes']) ?? []).forEach((_, i) => {
    const name = readString(ctx.read, r, ['GlobalSecondaryIndexes', i, 'IndexName']);
    parts.push(capacityItems(r, ctx, ['GlobalSecondaryIndexes', i], `GSI ${name.known ? name.value : i}`, hours, ia));
  });
  return { items: parts.flatMap((p) => p.items), notPriced: parts.flatMap((p) => p.notPriced ?? []) };
}

/** On-demand tables bill per request; GSI writes are in the same usage figure. */
function onDemandItems(ctx: EstimateContext, ia: boolean): UsageItem[] {
  const writes = ctx.usage.get('writeRequestsMillions', 0);
  const writeAssumed = ctx.usage.take();
  const reads = ctx.usage.get('readRequestsMillions', 0);
  const p = ia ? 'dynamodb.ia.' : 'dynamodb.';
  return [
    {
      service: 'DynamoDB',
      description: `on-demand writes, ${writes} million`,
      quantity: writes,
      priceKey: `${p}ondemand.write`,
      what: 'DynamoDB on-demand write requests',
      ...withAssumptions(writeAssumed),
    },
    {
      service: 'DynamoDB',
      description: `on-demand reads, ${reads} million`,
      quantity: reads,
      priceKey: `${p}ondemand.read`,
      what: 'DynamoDB on-demand read requests',
      ...withAssumptions(ctx.usage.take()),
    },
  ];
}

/**
 * BillingMode defaults to PROVISIONED when absent:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-dynamodb-table.html#cfn-dynamodb-table-billingmode
 */
function billingMode(r: Resource, ctx: EstimateContext, assumptions: string[]): string {
  const mode = readString(ctx.read, r, ['BillingMode']);
  if (mode.known) return mode.value;
  if (mode.why !== 'not set') assumptions.push(`BillingMode ${mode.why}: assumed PROVISIONED (CloudFormation default)`);
  return 'PROVISIONED';
}

/** Attaches table-level assumptions to the first line, so they are printed once. */
function withLeadAssumptions(items: readonly UsageItem[], lead: readonly string[]): UsageItem[] {
  const [first, ...rest] = items;
  if (!first || lead.length === 0) return [...items];
  return [{ ...first, ...withAssumptions([...lead, ...(first.assumptions ?? [])]) }, ...rest];
}

export function estimateDynamoDbTable(r: Resource, ctx: EstimateContext): EstimateResult {
  // Standard-IA tables store for less and pay more per request; the free tier covers Standard only.
  const tableClass = readString(ctx.read, r, ['TableClass']);
  if (tableClass.known && tableClass.value !== 'STANDARD' && tableClass.value !== 'STANDARD_INFREQUENT_ACCESS')
    return { items: [], notPriced: [`table class ${tableClass.value} is not one the estimator knows`] };
  const ia = tableClass.known && tableClass.value === 'STANDARD_INFREQUENT_ACCESS';
  const modeAssumed: string[] = [];
  const mode = billingMode(r, ctx, modeAssumed);
  const capacity: EstimateResult = mode === 'PAY_PER_REQUEST' ? { items: onDemandItems(ctx, ia) } : provisionedItems(r, ctx, ia);
  const gb = ctx.usage.get('storageGB', 1);
  const items: UsageItem[] = [
    ...capacity.items,
    {
      service: 'DynamoDB',
      description: `${ia ? 'Standard-IA ' : ''}storage ${gb} GB`,
      quantity: gb,
      priceKey: ia ? 'dynamodb.ia.storage' : 'dynamodb.storage',
      what: 'DynamoDB storage',
      ...(ia ? {} : { allowances: ['always.dynamodb.storage'] }),
      ...withAssumptions(ctx.usage.take()),
    },
  ];
  // Continuous backups bill per GB-month of table size: https://aws.amazon.com/dynamodb/pricing/
  const pitr = readBoolean(ctx.read, r, ['PointInTimeRecoverySpecification', 'PointInTimeRecoveryEnabled']);
  if (pitr.known && pitr.value)
    items.push({ service: 'DynamoDB', description: `point-in-time recovery, ${gb} GB`, quantity: gb, priceKey: 'dynamodb.pitr', what: 'DynamoDB continuous backups' });
  return { items: withLeadAssumptions(items, modeAssumed), notPriced: [...(capacity.notPriced ?? [])] };
}

// ---------------------------------------------------------------------------------------
// SQS: https://aws.amazon.com/sqs/pricing/  SNS: https://aws.amazon.com/sns/pricing/

export function estimateSqsQueue(r: Resource, ctx: EstimateContext): EstimateResult {
  const fifo = readBoolean(ctx.read, r, ['FifoQueue']);
  const assumptions: string[] = [];
  if (!fifo.known && fifo.why !== 'not set') assumptions.push(`FifoQueue ${fifo.why}: assumed a standard queue`);
  const isFifo = fifo.known && fifo.value;
  const requests = ctx.usage.get('requests', 0);
  const kind = isFifo ? 'FIFO' : 'standard';
  return {
    items: [
      {
        service: 'SQS',
        // Each 64 KB chunk of a payload is one request: usage `requests` counts chunks.
        description: `${kind} queue requests, ${count(requests)}`,
        quantity: requests / 1e6,
        priceKey: isFifo ? 'sqs.fifo.requests' : 'sqs.standard.requests',
        what: `SQS ${kind} requests`,
        allowances: ['always.sqs.requests'],
        ...withAssumptions([...assumptions, ...ctx.usage.take()]),
      },
    ],
  };
}

// Deliveries to SQS and Lambda are free; HTTP(S), email, SMS and mobile push deliveries bill
// per notification at prices the catalog does not have.
const FREE_DELIVERY = new Set(['sqs', 'lambda']);

/** Protocols of this topic's subscriptions (inline, or AWS::SNS::Subscription in the scan) that bill deliveries. */
function paidDeliveryProtocols(r: Resource, ctx: EstimateContext): string[] {
  const protocols: string[] = [];
  (readArray(ctx.read, r, ['Subscription']) ?? []).forEach((_, i) => {
    const p = readString(ctx.read, r, ['Subscription', i, 'Protocol']);
    if (p.known) protocols.push(p.value.toLowerCase());
  });
  for (const s of ctx.referrers(['AWS::SNS::Subscription'], ['TopicArn'], r)) {
    const p = readString(ctx.read, s, ['Protocol']);
    if (p.known) protocols.push(p.value.toLowerCase());
  }
  return [...new Set(protocols.filter((p) => !FREE_DELIVERY.has(p)))];
}

export function estimateSnsTopic(r: Resource, ctx: EstimateContext): EstimateResult {
  // FIFO topics bill per published message and payload, a price the catalog does not have.
  const fifo = readBoolean(ctx.read, r, ['FifoTopic']);
  if (fifo.known && fifo.value) return { items: [], notPriced: ['FIFO topic: no price in the catalog'] };
  const requests = ctx.usage.get('requests', 0);
  const paid = paidDeliveryProtocols(r, ctx);
  return {
    items: [
      {
        service: 'SNS',
        description: `publish requests, ${count(requests)}`,
        quantity: requests / 1e6,
        priceKey: 'sns.requests',
        what: 'SNS requests',
        allowances: ['always.sns.requests'],
        ...withAssumptions(ctx.usage.take()),
      },
    ],
    // Without publishes there are no deliveries, so nothing is missing from the total.
    notPriced: paid.length && requests > 0 ? [`deliveries to ${paid.join(', ')} subscriptions: no price in the catalog`] : [],
  };
}

// ---------------------------------------------------------------------------------------
// API Gateway: https://aws.amazon.com/api-gateway/pricing/ (1 M calls a month of each API
// type were free for an account's first 12 months: the legacy free tier).

export function estimateRestApi(_r: Resource, ctx: EstimateContext): EstimateResult {
  const requests = ctx.usage.get('requests', 0);
  return {
    items: [
      {
        service: 'API Gateway',
        description: `REST API requests, ${count(requests)}`,
        quantity: requests / 1e6,
        priceKey: 'apigateway.rest.requests',
        what: 'API Gateway REST requests',
        allowances: ['legacy.apigateway.rest'],
        ...withAssumptions(ctx.usage.take()),
      },
    ],
  };
}

/**
 * ProtocolType is required unless the API is imported from an OpenAPI Body, and only HTTP
 * APIs can be imported that way:
 * https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigatewayv2-api.html#cfn-apigatewayv2-api-protocoltype
 */
export function estimateHttpApi(r: Resource, ctx: EstimateContext): EstimateResult {
  const protocol = readString(ctx.read, r, ['ProtocolType']);
  const assumptions: string[] = [];
  if (!protocol.known) {
    if (protocol.why !== 'not set') return { items: [], notPriced: [`ProtocolType ${protocol.why}: HTTP or WebSocket unknown`] };
    assumptions.push('ProtocolType not set: an OpenAPI import, which makes an HTTP API');
  }
  const type = protocol.known ? protocol.value.toUpperCase() : 'HTTP';
  // WebSocket APIs bill messages and connection minutes, which the catalog does not price.
  if (type !== 'HTTP') return { items: [], notPriced: [`${type} API: no price in the catalog (messages and connection minutes)`] };
  const requests = ctx.usage.get('requests', 0);
  return {
    items: [
      {
        service: 'API Gateway',
        description: `HTTP API requests, ${count(requests)}`,
        quantity: requests / 1e6,
        priceKey: 'apigateway.http.requests',
        what: 'API Gateway HTTP requests',
        allowances: ['legacy.apigateway.http'],
        ...withAssumptions([...assumptions, ...ctx.usage.take()]),
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------
// EFS: https://aws.amazon.com/efs/pricing/

/** Bursting and provisioned throughput include 50 KiB/s per GiB stored: https://docs.aws.amazon.com/efs/latest/ug/performance.html */
const EFS_BASELINE_MIBPS_PER_GB = 50 / 1024;

export function estimateEfsFileSystem(r: Resource, ctx: EstimateContext): EstimateResult {
  // One Zone file systems (AvailabilityZoneName set) keep data in one AZ, at a lower price.
  const oneZone = ctx.read(r, ['AvailabilityZoneName']) !== undefined;
  const notPriced: string[] = [];
  const gb = ctx.usage.get('storageGB', 1);
  const assumptions = [...ctx.usage.take(), `all data in EFS ${oneZone ? 'One Zone' : 'Standard'} (Infrequent Access and Archive tiers not modelled)`];
  const items: UsageItem[] = [
    oneZone
      ? { service: 'EFS', description: `One Zone storage ${gb} GB`, quantity: gb, priceKey: 'efs.onezone.storage', what: 'EFS One Zone storage', ...withAssumptions(assumptions) }
      : {
          service: 'EFS',
          description: `Standard storage ${gb} GB`,
          quantity: gb,
          priceKey: 'efs.standard.storage',
          what: 'EFS Standard storage',
          allowances: ['legacy.efs.storage'],
          ...withAssumptions(assumptions),
        },
  ];
  const mode = readString(ctx.read, r, ['ThroughputMode']);
  if (mode.known && mode.value === 'provisioned') {
    // Only the throughput above what the stored data already gives is billed.
    const mibps = readNumber(ctx.read, r, ['ProvisionedThroughputInMibps']);
    if (!mibps.known) notPriced.push(`ProvisionedThroughputInMibps ${mibps.why}: provisioned throughput not priced`);
    else {
      const billable = Math.max(0, mibps.value - gb * EFS_BASELINE_MIBPS_PER_GB);
      items.push({
        service: 'EFS',
        description: `provisioned throughput ${mibps.value} MiB/s (${+billable.toFixed(3)} above the storage baseline)`,
        quantity: billable * (hoursOf(ctx) / ctx.usage.hoursPerMonth),
        priceKey: 'efs.throughput.provisioned',
        what: 'EFS provisioned throughput',
      });
    }
  }
  // Elastic throughput bills each GB read and written; the usage profile says how much.
  if (mode.known && mode.value === 'elastic') {
    const read = ctx.usage.get('readGB', 0);
    items.push({
      service: 'EFS',
      description: `elastic throughput reads, ${read} GB`,
      quantity: read,
      priceKey: 'efs.elastic.read',
      what: 'EFS elastic reads',
      ...withAssumptions(ctx.usage.take()),
    });
    const written = ctx.usage.get('writeGB', 0);
    items.push({
      service: 'EFS',
      description: `elastic throughput writes, ${written} GB`,
      quantity: written,
      priceKey: 'efs.elastic.write',
      what: 'EFS elastic writes',
      ...withAssumptions(ctx.usage.take()),
    });
  }
  return { items, notPriced };
}

// ---------------------------------------------------------------------------------------
// KMS: https://aws.amazon.com/kms/pricing/ . AWS-managed keys are never declared in a
// template, so every AWS::KMS::Key is a customer managed key at $1/month, prorated hourly.

export function estimateKmsKey(r: Resource, ctx: EstimateContext): EstimateResult {
  const hours = hoursOf(ctx);
  const keyAssumed: string[] = [];
  const rotation = readBoolean(ctx.read, r, ['EnableKeyRotation']);
  // The first and second rotations each add $1/month once they happen (a year in, by default).
  if (rotation.known && rotation.value) keyAssumed.push('rotation enabled: the first two rotations add $1/month each once they happen (not counted)');
  const items: UsageItem[] = [
    {
      service: 'KMS',
      description: `customer managed key, ${hours} h`,
      quantity: hours / ctx.usage.hoursPerMonth,
      priceKey: 'kms.key',
      what: 'KMS keys',
      ...withAssumptions(keyAssumed),
    },
  ];
  const calls = ctx.usage.get('apiCalls', 0);
  const callAssumed = ctx.usage.take();
  const spec = readString(ctx.read, r, ['KeySpec']);
  // Asymmetric and HMAC keys have their own request prices (and RSA calls are not in the free 20,000).
  if (spec.known && spec.value !== 'SYMMETRIC_DEFAULT') {
    return { items, notPriced: calls > 0 ? [`${spec.value} key requests: no price in the catalog`] : [] };
  }
  if (!spec.known && spec.why !== 'not set') callAssumed.push(`KeySpec ${spec.why}: assumed SYMMETRIC_DEFAULT`);
  items.push({
    service: 'KMS',
    description: `requests, ${count(calls)}`,
    quantity: calls / 10_000,
    priceKey: 'kms.requests',
    what: 'KMS requests',
    allowances: ['always.kms.requests'],
    ...withAssumptions(callAssumed),
  });
  return { items };
}

// ---------------------------------------------------------------------------------------
// Glue that is free unless a paid option is switched on. The option's price is not in the
// catalog, so it is reported rather than hidden under "no charge".

/**
 * A Lambda alias or version: free, unless it keeps provisioned concurrency warm, billed per
 * GB-second configured for the whole month (invocations on it are priced on the function):
 * https://aws.amazon.com/lambda/pricing/#Provisioned_Concurrency_Pricing
 */
export function estimateLambdaAliasOrVersion(r: Resource, ctx: EstimateContext): EstimateResult {
  if (ctx.read(r, ['ProvisionedConcurrencyConfig']) === undefined) return { items: [], free: 'no charge of its own' };
  const n = readNumber(ctx.read, r, ['ProvisionedConcurrencyConfig', 'ProvisionedConcurrentExecutions']);
  if (!n.known) return { items: [], notPriced: [`ProvisionedConcurrentExecutions ${n.why}: provisioned concurrency not priced`] };
  const fn = ctx.ref(ctx.read(r, ['FunctionName']));
  const assumptions: string[] = [];
  if (fn?.type !== 'AWS::Lambda::Function') assumptions.push('function not in this input: assumed 128 MB, x86');
  const memoryMb = fn?.type === 'AWS::Lambda::Function' ? lambdaMemoryMb(fn, ctx, assumptions) : LAMBDA_DEFAULT_MEMORY_MB;
  const arch = fn?.type === 'AWS::Lambda::Function' ? lambdaArch(fn, ctx, assumptions) : 'x86';
  const seconds = hoursOf(ctx) * 3600;
  const gbSeconds = n.value * (memoryMb / 1024) * seconds;
  return {
    items: [
      {
        service: 'Lambda',
        description: `provisioned concurrency ${n.value} × ${memoryMb} MB (${arch === 'arm' ? 'Arm' : 'x86'}), ${count(Math.round(gbSeconds))} GB-s`,
        quantity: gbSeconds,
        priceKey: `lambda.${arch}.provisioned.gb_second`,
        what: 'Lambda provisioned concurrency',
        ...withAssumptions(assumptions),
      },
    ],
  };
}

// REST API cache sizes (GB) as CloudFormation writes CacheClusterSize; default 0.5:
// https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-apigateway-stage.html#cfn-apigateway-stage-cacheclustersize
const CACHE_SIZES: ReadonlySet<string> = new Set(['0.5', '1.6', '6.1', '13.5', '28.4', '58.2', '118', '237']);

/** An API Gateway REST stage: free, unless it runs a cache cluster (billed per hour by size). */
export function estimateApiGatewayStage(r: Resource, ctx: EstimateContext): EstimateResult {
  const cache = readBoolean(ctx.read, r, ['CacheClusterEnabled']);
  if (!(cache.known && cache.value)) return { items: [], free: 'no charge of its own' };
  const size = readString(ctx.read, r, ['CacheClusterSize']);
  const gb = size.known ? size.value : '0.5';
  if (!CACHE_SIZES.has(gb)) return { items: [], notPriced: [`API cache size ${gb} GB is not one API Gateway offers`] };
  const hours = hoursOf(ctx);
  return {
    items: [
      {
        service: 'API Gateway',
        description: `API cache ${gb} GB, ${hours} h`,
        quantity: hours,
        priceKey: `apigateway.cache.${gb}`,
        what: `API Gateway ${gb} GB cache`,
        ...withAssumptions(size.known ? [] : [`CacheClusterSize ${size.why}: 0.5 GB (the default)`]),
      },
    ],
  };
}
