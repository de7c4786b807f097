import { describe, expect, it } from 'vitest';
import { ESTIMATORS, estimateCost, FREE_TYPES, parseUsageProfileText, isInputError } from '../../src/cost/index.js';
import type { CostReport } from '../../src/cost/types.js';
import type { UsageProfile } from '../../src/cost/usage.js';
import { linesOf, price, ref, res } from './helpers.js';

const E1 = { region: 'us-east-1' } as const;
const cents = (n: number): number => Math.round(n * 100) / 100;
const line = (r: CostReport, id: string, key: string) => linesOf(r, id).find((l) => l.priceKey === key);
const monthly = (r: CostReport, id: string, key: string): number | undefined => line(r, id, key)?.monthly;
const total = (r: CostReport, id: string): number => cents(linesOf(r, id).reduce((s, l) => s + l.monthly, 0));
const usage = (resources: Record<string, Record<string, number>>): UsageProfile => ({ resources });

describe('Lambda: requests and GB-seconds, with the always-free 1 M requests and 400,000 GB-s', () => {
  it('2 M requests × 200 ms × 512 MB: (2 − 1 free) M requests, 200,000 GB-s all free', () => {
    const r = estimateCost([res('AWS::Lambda::Function', 'Fn', { MemorySize: 512 })], { ...E1, usage: usage({ Fn: { requests: 2_000_000, durationMs: 200 } }) });
    const req = line(r, 'Fn', 'lambda.requests');
    expect(req?.quantity).toBe(2);
    expect(req?.freeQuantity).toBe(1);
    expect(req?.monthly).toBe(cents(1 * price('lambda.requests')));
    expect(req?.monthly).toBe(0.2);
    const gbs = line(r, 'Fn', 'lambda.x86.gb_second');
    expect(gbs?.quantity).toBe(200_000);
    expect(gbs?.freeQuantity).toBe(200_000);
    expect(gbs?.monthly).toBe(0);
    expect(r.notPriced).toEqual([]);
  });

  it('x86 and Arm share one GB-s pool and one request pool across functions', () => {
    const r = estimateCost([res('AWS::Lambda::Function', 'Small', { MemorySize: 512 }), res('AWS::Lambda::Function', 'Big', { MemorySize: 1024, Architectures: ['arm64'] })], {
      ...E1,
      usage: usage({ Small: { requests: 2_000_000, durationMs: 200 }, Big: { requests: 10_000_000, durationMs: 1000 } }),
    });
    // Small takes the 1 M free requests and 200,000 of the 400,000 free GB-s; Big gets the rest.
    expect(monthly(r, 'Big', 'lambda.requests')).toBe(cents(10 * 0.2));
    const arm = line(r, 'Big', 'lambda.arm.gb_second');
    expect(arm?.quantity).toBe(10_000_000);
    expect(arm?.freeQuantity).toBe(200_000);
    expect(arm?.monthly).toBe(cents(9_800_000 * price('lambda.arm.gb_second')));
    expect(arm?.monthly).toBe(130.67);
  });

  it('says which defaults it took: no traffic, 100 ms, 128 MB, x86', () => {
    const r = estimateCost([res('AWS::Lambda::Function', 'Fn')], E1);
    expect(line(r, 'Fn', 'lambda.requests')?.assumptions).toEqual(['requests=0 (usage default)']);
    expect(line(r, 'Fn', 'lambda.x86.gb_second')?.assumptions).toEqual([
      'requests=0 (usage default)',
      'durationMs=100 (usage default)',
      'MemorySize not set: assumed 128 MB (Lambda default)',
    ]);
    expect(total(r, 'Fn')).toBe(0);
    expect(r.notPriced).toEqual([]);
  });

  it('prices ephemeral storage above the included 512 MB per GB-second of run time', () => {
    const fn = res('AWS::Lambda::Function', 'Fn', { MemorySize: 128, EphemeralStorage: { Size: 2048 } });
    expect(line(estimateCost([fn], E1), 'Fn', 'lambda.ephemeral.gb_second')?.monthly).toBe(0);
    const busy = estimateCost([fn], { ...E1, usage: usage({ Fn: { requests: 10_000_000, durationMs: 1000 } }) });
    // 10 M × 1 s × 1.5 GB above the included 512 MB.
    const eph = line(busy, 'Fn', 'lambda.ephemeral.gb_second');
    expect(eph?.quantity).toBe(15_000_000);
    expect(eph?.monthly).toBe(cents(15_000_000 * price('lambda.ephemeral.gb_second')));
    expect(busy.notPriced).toEqual([]);
  });
});

describe('DynamoDB: provisioned by default, on-demand when PAY_PER_REQUEST', () => {
  it('no BillingMode is PROVISIONED: 5 WCU / 5 RCU and 1 GB are inside the always-free 25 / 25 / 25 GB', () => {
    const r = estimateCost([res('AWS::DynamoDB::Table', 'T', { ProvisionedThroughput: { WriteCapacityUnits: 5, ReadCapacityUnits: 5 } })], E1);
    expect(linesOf(r, 'T').map((l) => [l.priceKey, l.quantity, l.monthly])).toEqual([
      ['dynamodb.provisioned.wcu', 5 * 730, 0],
      ['dynamodb.provisioned.rcu', 5 * 730, 0],
      ['dynamodb.storage', 1, 0],
    ]);
    expect(line(r, 'T', 'dynamodb.storage')?.assumptions).toEqual(['storageGB=1 (usage default)']);
  });

  it('30 WCU: 5 WCU above the free 25, × 730 h; a GSI draws on the same pool', () => {
    const alone = estimateCost([res('AWS::DynamoDB::Table', 'T', { BillingMode: 'PROVISIONED', ProvisionedThroughput: { WriteCapacityUnits: 30, ReadCapacityUnits: 5 } })], E1);
    expect(monthly(alone, 'T', 'dynamodb.provisioned.wcu')).toBe(cents(5 * 730 * 0.00065));
    expect(monthly(alone, 'T', 'dynamodb.provisioned.rcu')).toBe(0);
    const withGsi = estimateCost(
      [
        res('AWS::DynamoDB::Table', 'T', {
          ProvisionedThroughput: { WriteCapacityUnits: 10, ReadCapacityUnits: 10 },
          GlobalSecondaryIndexes: [{ IndexName: 'ByUser', ProvisionedThroughput: { WriteCapacityUnits: 20, ReadCapacityUnits: 100 } }],
        }),
      ],
      E1,
    );
    const wcu = linesOf(withGsi, 'T').filter((l) => l.priceKey === 'dynamodb.provisioned.wcu');
    expect(wcu.map((l) => l.description.split(' ×')[0])).toEqual(['table: 10 WCU', 'GSI ByUser: 20 WCU']);
    expect(cents(wcu.reduce((s, l) => s + l.monthly, 0))).toBe(cents(5 * 730 * price('dynamodb.provisioned.wcu')));
    // 110 RCU − 25 free = 85 RCU × 730 h.
    const rcu = linesOf(withGsi, 'T').filter((l) => l.priceKey === 'dynamodb.provisioned.rcu');
    expect(cents(rcu.reduce((s, l) => s + l.monthly, 0))).toBe(cents(85 * 730 * price('dynamodb.provisioned.rcu')));
  });

  it('PAY_PER_REQUEST bills requests (no free capacity) and storage beyond 25 GB', () => {
    const t = res('AWS::DynamoDB::Table', 'T', { BillingMode: 'PAY_PER_REQUEST' });
    const r = estimateCost([t], { ...E1, usage: usage({ T: { writeRequestsMillions: 4, readRequestsMillions: 10, storageGB: 30 } }) });
    expect(linesOf(r, 'T').map((l) => [l.priceKey, l.monthly])).toEqual([
      ['dynamodb.ondemand.write', 2.5],
      ['dynamodb.ondemand.read', 1.25],
      ['dynamodb.storage', cents(5 * 0.25)],
    ]);
    const idle = estimateCost([t], E1);
    expect(line(idle, 'T', 'dynamodb.ondemand.write')?.assumptions).toEqual(['writeRequestsMillions=0 (usage default)']);
    expect(line(idle, 'T', 'dynamodb.ondemand.read')?.assumptions).toEqual(['readRequestsMillions=0 (usage default)']);
  });

  it('reports unreadable capacity; prices Standard-IA tables at their own rates and point-in-time recovery per GB', () => {
    const r = estimateCost(
      [
        res('AWS::DynamoDB::Table', 'NoCap', { BillingMode: 'PROVISIONED', ProvisionedThroughput: { WriteCapacityUnits: ref('Wcu'), ReadCapacityUnits: 1 } }),
        res('AWS::DynamoDB::Table', 'Ia', { BillingMode: 'PAY_PER_REQUEST', TableClass: 'STANDARD_INFREQUENT_ACCESS' }),
        res('AWS::DynamoDB::Table', 'Pitr', { BillingMode: 'PAY_PER_REQUEST', PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
      ],
      E1,
    );
    expect(r.notPriced.map((n) => [n.resource.id, n.reason])).toEqual([['NoCap', expect.stringMatching(/^table WriteCapacityUnits .+: provisioned write capacity not priced$/)]]);
    expect(line(r, 'NoCap', 'dynamodb.provisioned.rcu')?.quantity).toBe(730);
    // Standard-IA storage is not in the always-free 25 GB: 1 GB default at the IA rate.
    expect(monthly(r, 'Ia', 'dynamodb.ia.storage')).toBe(cents(price('dynamodb.ia.storage')));
    expect(linesOf(r, 'Ia').map((l) => l.priceKey)).toEqual(['dynamodb.ia.ondemand.write', 'dynamodb.ia.ondemand.read', 'dynamodb.ia.storage']);
    expect(monthly(r, 'Pitr', 'dynamodb.pitr')).toBe(cents(1 * price('dynamodb.pitr')));
  });
});

describe('SQS, SNS, API Gateway, EFS, KMS', () => {
  it('SQS: standard and FIFO share the free 1 M requests', () => {
    const r = estimateCost([res('AWS::SQS::Queue', 'Std'), res('AWS::SQS::Queue', 'Fifo', { FifoQueue: true, QueueName: 'jobs.fifo' })], {
      ...E1,
      usage: usage({ Std: { requests: 3_000_000 }, Fifo: { requests: 2_000_000 } }),
    });
    expect(monthly(r, 'Std', 'sqs.standard.requests')).toBe(cents(2 * 0.4));
    expect(monthly(r, 'Fifo', 'sqs.fifo.requests')).toBe(cents(2 * 0.5));
    const idle = estimateCost([res('AWS::SQS::Queue', 'Q')], E1);
    expect(linesOf(idle, 'Q')[0]?.description).toBe('standard queue requests, 0 — assumed: requests=0 (usage default)');
  });

  it('SNS: publishes beyond the free 1 M; paid delivery protocols are reported, SQS and Lambda deliveries are free', () => {
    const resources = [
      res('AWS::SNS::Topic', 'Alerts', { Subscription: [{ Protocol: 'email', Endpoint: 'ops@example.com' }] }),
      res('AWS::SNS::Topic', 'Events'),
      res('AWS::SNS::Subscription', 'ToQueue', { TopicArn: ref('Events'), Protocol: 'sqs', Endpoint: 'arn:aws:sqs:us-east-1:111111111111:q' }),
      res('AWS::SNS::Subscription', 'ToHook', { TopicArn: ref('Events'), Protocol: 'https', Endpoint: 'https://example.com/hook' }),
      res('AWS::SNS::Topic', 'Fifo', { FifoTopic: true }),
    ];
    const r = estimateCost(resources, { ...E1, usage: usage({ Events: { requests: 1_500_000 } }) });
    expect(monthly(r, 'Events', 'sns.requests')).toBe(cents(0.5 * 0.5));
    expect(r.free.map((f) => f.resource.id)).toEqual(['ToQueue', 'ToHook']);
    // Alerts has no publishes (usage default 0), so its email deliveries cannot be missing from the total.
    expect(r.notPriced.map((n) => [n.resource.id, n.reason])).toEqual([
      ['Events', 'deliveries to https subscriptions: no price in the catalog'],
      ['Fifo', 'FIFO topic: no price in the catalog'],
    ]);
  });

  it('API Gateway: REST and HTTP API calls; WebSocket not priced; the legacy free tier covers 1 M of each', () => {
    const resources = [
      res('AWS::ApiGateway::RestApi', 'Rest'),
      res('AWS::ApiGatewayV2::Api', 'Http', { ProtocolType: 'HTTP' }),
      res('AWS::ApiGatewayV2::Api', 'Imported', { Body: { openapi: '3.0.1' } }),
      res('AWS::ApiGatewayV2::Api', 'Ws', { ProtocolType: 'WEBSOCKET' }),
      res('AWS::ApiGateway::Deployment', 'Dep'),
      res('AWS::ApiGatewayV2::Route', 'Route'),
    ];
    const u = usage({ Rest: { requests: 5_000_000 }, Http: { requests: 5_000_000 } });
    const r = estimateCost(resources, { ...E1, usage: u });
    expect(monthly(r, 'Rest', 'apigateway.rest.requests')).toBe(cents(5 * 3.5));
    expect(monthly(r, 'Http', 'apigateway.http.requests')).toBe(5);
    expect(line(r, 'Imported', 'apigateway.http.requests')?.assumptions).toEqual([
      'ProtocolType not set: an OpenAPI import, which makes an HTTP API',
      'requests=0 (usage default)',
    ]);
    expect(r.notPriced.map((n) => [n.resource.id, n.reason])).toEqual([['Ws', 'WEBSOCKET API: no price in the catalog (messages and connection minutes)']]);
    expect(r.free.map((f) => f.resource.id)).toEqual(['Dep', 'Route']);
    const legacy = estimateCost(resources, { ...E1, usage: u, freeTier: 'legacy' });
    expect(monthly(legacy, 'Rest', 'apigateway.rest.requests')).toBe(cents(4 * 3.5));
    expect(monthly(legacy, 'Http', 'apigateway.http.requests')).toBe(4);
  });

  it('a REST stage is free unless it runs a cache; a Lambda alias unless it has provisioned concurrency', () => {
    const r = estimateCost(
      [
        res('AWS::ApiGateway::Stage', 'Plain', { StageName: 'prod' }),
        res('AWS::ApiGateway::Stage', 'Cached', { StageName: 'prod', CacheClusterEnabled: true, CacheClusterSize: '0.5' }),
        res('AWS::Lambda::Version', 'V1', { FunctionName: ref('Fn') }),
        res('AWS::Lambda::Alias', 'Live', { FunctionName: ref('Fn'), FunctionVersion: '1', Name: 'live', ProvisionedConcurrencyConfig: { ProvisionedConcurrentExecutions: 5 } }),
      ],
      E1,
    );
    expect(r.free.map((f) => f.resource.id)).toEqual(['Plain', 'V1']);
    expect(r.notPriced).toEqual([]);
    // A 0.5 GB cache: $0.02 an hour. Provisioned concurrency: 5 × 128 MB (the function is not in
    // this input, so the Lambda default) for every second of the month.
    expect(monthly(r, 'Cached', 'apigateway.cache.0.5')).toBe(cents(730 * price('apigateway.cache.0.5')));
    expect(monthly(r, 'Cached', 'apigateway.cache.0.5')).toBe(14.6);
    const pc = line(r, 'Live', 'lambda.x86.provisioned.gb_second');
    expect(pc?.quantity).toBe(5 * 0.125 * 730 * 3600);
    expect(pc?.monthly).toBe(cents(5 * 0.125 * 730 * 3600 * price('lambda.x86.provisioned.gb_second')));
    expect(pc?.assumptions).toEqual(['function not in this input: assumed 128 MB, x86']);
  });

  it('EFS: Standard storage (default 1 GB); One Zone at its own rate; provisioned throughput above the storage baseline', () => {
    const r = estimateCost(
      [
        res('AWS::EFS::FileSystem', 'Fs'),
        res('AWS::EFS::FileSystem', 'Big', { ThroughputMode: 'provisioned', ProvisionedThroughputInMibps: 10 }),
        res('AWS::EFS::FileSystem', 'OneZone', { AvailabilityZoneName: 'us-east-1a' }),
        res('AWS::EFS::MountTarget', 'Mt', { FileSystemId: ref('Fs') }),
      ],
      { ...E1, usage: usage({ Big: { storageGB: 10 } }) },
    );
    expect(line(r, 'Fs', 'efs.standard.storage')?.monthly).toBe(0.3);
    expect(line(r, 'Fs', 'efs.standard.storage')?.assumptions?.[0]).toBe('storageGB=1 (usage default)');
    expect(monthly(r, 'Big', 'efs.standard.storage')).toBe(3);
    // 10 MiB/s provisioned; 10 GB stored already gives 10 × 50 KiB/s.
    const tp = line(r, 'Big', 'efs.throughput.provisioned');
    expect(tp?.quantity).toBeCloseTo(10 - (10 * 50) / 1024, 6);
    expect(tp?.monthly).toBe(cents((10 - (10 * 50) / 1024) * price('efs.throughput.provisioned')));
    expect(monthly(r, 'OneZone', 'efs.onezone.storage')).toBe(cents(price('efs.onezone.storage')));
    expect(r.notPriced).toEqual([]);
    expect(r.free.map((f) => f.resource.id)).toEqual(['Mt']);
  });

  it('KMS: $1 per key-month whatever the usage, requests beyond the free 20,000; aliases are free', () => {
    const r = estimateCost(
      [
        res('AWS::KMS::Key', 'Key', { EnableKeyRotation: true, PendingWindowInDays: 7 }),
        res('AWS::KMS::Key', 'Busy'),
        res('AWS::KMS::Alias', 'Alias', { TargetKeyId: ref('Key') }),
      ],
      { ...E1, usage: usage({ Busy: { apiCalls: 100_000 } }) },
    );
    expect(monthly(r, 'Key', 'kms.key')).toBe(1);
    expect(line(r, 'Key', 'kms.key')?.assumptions).toEqual(['rotation enabled: the first two rotations add $1/month each once they happen (not counted)']);
    expect(line(r, 'Key', 'kms.requests')?.assumptions).toEqual(['apiCalls=0 (usage default)']);
    expect(monthly(r, 'Busy', 'kms.key')).toBe(1);
    // 100,000 calls = 10 × 10k; 2 × 10k free.
    expect(monthly(r, 'Busy', 'kms.requests')).toBe(cents(8 * 0.03));
    expect(r.free.map((f) => f.resource.id)).toEqual(['Alias']);
    const half = estimateCost([res('AWS::KMS::Key', 'Key')], { ...E1, usage: usage({ Key: { hours: 365 } }) });
    expect(monthly(half, 'Key', 'kms.key')).toBe(0.5);
  });
});

describe('VPC endpoints, Transit Gateway, EKS', () => {
  it('interface endpoint in 2 subnets = 2 ENIs × 730 h; gateway endpoints (the default type) are free', () => {
    const r = estimateCost(
      [
        res('AWS::EC2::VPCEndpoint', 'Ssm', { VpcEndpointType: 'Interface', ServiceName: 'com.amazonaws.us-east-1.ssm', SubnetIds: [ref('A'), ref('B')] }),
        res('AWS::EC2::VPCEndpoint', 'S3', { ServiceName: 'com.amazonaws.us-east-1.s3', RouteTableIds: [ref('Rt')] }),
        res('AWS::EC2::VPCEndpoint', 'Ddb', { VpcEndpointType: 'Gateway', ServiceName: 'com.amazonaws.us-east-1.dynamodb' }),
      ],
      E1,
    );
    const hours = line(r, 'Ssm', 'vpc.endpoint.interface.hour');
    expect(hours?.quantity).toBe(2 * 730);
    expect(hours?.count).toBe(2);
    expect(hours?.monthly).toBe(cents(2 * 730 * 0.01));
    expect(hours?.monthly).toBe(14.6);
    expect(line(r, 'Ssm', 'vpc.endpoint.interface.gb')?.assumptions).toEqual(['processedGB=0 (usage default)']);
    expect(r.free.map((f) => [f.resource.id, f.reason])).toEqual([
      ['S3', 'gateway endpoints have no charge'],
      ['Ddb', 'gateway endpoints have no charge'],
    ]);
    expect(linesOf(r, 'S3')).toEqual([]);
  });

  it('data processed, an unreadable subnet list (1 AZ, said), other endpoint types reported', () => {
    const r = estimateCost(
      [
        res('AWS::EC2::VPCEndpoint', 'Api', { VpcEndpointType: 'Interface', SubnetIds: { 'Fn::Split': [',', ref('Subnets')] } }),
        res('AWS::EC2::VPCEndpoint', 'Gwlb', { VpcEndpointType: 'GatewayLoadBalancer', SubnetIds: ['subnet-1'] }),
      ],
      { ...E1, usage: usage({ Api: { processedGB: 100 } }) },
    );
    expect(line(r, 'Api', 'vpc.endpoint.interface.hour')?.monthly).toBe(7.3);
    expect(line(r, 'Api', 'vpc.endpoint.interface.hour')?.assumptions).toEqual(['SubnetIds not a literal list: assumed 1 AZ']);
    expect(monthly(r, 'Api', 'vpc.endpoint.interface.gb')).toBe(1);
    expect(r.notPriced.map((n) => [n.resource.id, n.reason])).toEqual([['Gwlb', 'GatewayLoadBalancer endpoint: no price in the catalog']]);
  });

  it('ap-south-1 interface endpoint at the Mumbai rates, hours and data processed', () => {
    const ep = res('AWS::EC2::VPCEndpoint', 'Ssm', { VpcEndpointType: 'Interface', SubnetIds: ['subnet-a', 'subnet-b'] });
    const r = estimateCost([ep], { region: 'ap-south-1' });
    const hours = line(r, 'Ssm', 'vpc.endpoint.interface.hour');
    expect(hours?.unitPrice).toBe(0.013);
    expect(hours?.monthly).toBe(cents(2 * 730 * 0.013));
    expect(r.notPriced).toEqual([]);
    const busy = estimateCost([ep], { region: 'ap-south-1', usage: { resources: { Ssm: { processedGB: 50 } } } });
    expect(busy.notPriced).toEqual([]);
    expect(monthly(busy, 'Ssm', 'vpc.endpoint.interface.gb')).toBe(cents(50 * price('vpc.endpoint.interface.gb', 'ap-south-1')));
  });

  it('Transit Gateway: the gateway is free, each attachment bills hours and data', () => {
    const r = estimateCost(
      [
        res('AWS::EC2::TransitGateway', 'Tgw'),
        res('AWS::EC2::TransitGatewayVpcAttachment', 'AttA', { TransitGatewayId: ref('Tgw'), VpcId: 'vpc-a', SubnetIds: ['subnet-a'] }),
        res('AWS::EC2::TransitGatewayAttachment', 'AttB', { TransitGatewayId: ref('Tgw'), VpcId: 'vpc-b', SubnetIds: ['subnet-b'] }),
        res('AWS::EC2::TransitGatewayRouteTable', 'Rt', { TransitGatewayId: ref('Tgw') }),
      ],
      { ...E1, usage: usage({ AttA: { processedGB: 100 } }) },
    );
    expect(monthly(r, 'AttA', 'transitgateway.attachment.hour')).toBe(36.5);
    expect(monthly(r, 'AttA', 'transitgateway.gb')).toBe(2);
    expect(total(r, 'AttB')).toBe(36.5);
    expect(line(r, 'AttB', 'transitgateway.gb')?.assumptions).toEqual(['processedGB=0 (usage default)']);
    expect(r.free.map((f) => f.resource.id)).toEqual(['Tgw', 'Rt']);
    expect(r.monthlyTotal).toBe(75);
  });

  it('EKS: the control plane is $0.10/h; a managed node group is its instances and root volumes', () => {
    const r = estimateCost(
      [
        res('AWS::EKS::Cluster', 'Eks', { RoleArn: 'arn:aws:iam::111111111111:role/eks', ResourcesVpcConfig: { SubnetIds: ['subnet-a'] } }),
        res('AWS::EKS::Nodegroup', 'Ng', {
          ClusterName: ref('Eks'),
          NodeRole: 'arn',
          Subnets: ['subnet-a'],
          InstanceTypes: ['m5.large'],
          ScalingConfig: { MinSize: 1, DesiredSize: 3, MaxSize: 5 },
        }),
        res('AWS::EKS::Nodegroup', 'Default', { ClusterName: ref('Eks'), NodeRole: 'arn', Subnets: ['subnet-a'] }),
        res('AWS::EKS::Addon', 'Cni', { ClusterName: ref('Eks'), AddonName: 'vpc-cni' }),
      ],
      E1,
    );
    expect(monthly(r, 'Eks', 'eks.cluster.hour')).toBe(73);
    const nodes = line(r, 'Ng', 'ec2.instance.m5.large');
    expect(nodes?.quantity).toBe(3 * 730);
    expect(nodes?.monthly).toBe(cents(3 * 730 * price('ec2.instance.m5.large')));
    expect(line(r, 'Ng', 'ebs.gp2.storage')?.quantity).toBe(60);
    expect(monthly(r, 'Ng', 'ebs.gp2.storage')).toBe(cents(60 * price('ebs.gp2.storage')));
    const def = line(r, 'Default', 'ec2.instance.t3.medium');
    expect(def?.quantity).toBe(2 * 730);
    expect(def?.assumptions).toEqual(['ScalingConfig not set: assumed 2 nodes; set instanceCount in the usage profile', 'no instance type: assumed t3.medium (EKS default)']);
    expect(r.free.map((f) => f.resource.id)).toEqual(['Cni']);
    expect(r.notPriced).toEqual([]);
  });

  it('a node group on a launch template takes its instance type and volumes; instanceCount overrides the size', () => {
    const resources = [
      res('AWS::EC2::LaunchTemplate', 'Lt', {
        LaunchTemplateData: { InstanceType: 'c5.large', BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 50, VolumeType: 'gp3' } }] },
      }),
      res('AWS::EKS::Nodegroup', 'Ng', { ClusterName: 'eks', LaunchTemplate: { Id: ref('Lt'), Version: '1' }, ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 4 } }),
    ];
    const r = estimateCost(resources, E1);
    expect(linesOf(r, 'Ng').map((l) => [l.priceKey, l.quantity])).toEqual([
      ['ec2.instance.c5.large', 2 * 730],
      ['ebs.gp3.storage', 100],
    ]);
    expect(line(r, 'Ng', 'ec2.instance.c5.large')?.assumptions).toBeUndefined();
    const four = estimateCost(resources, { ...E1, usage: usage({ Ng: { instanceCount: 4 } }) });
    expect(line(four, 'Ng', 'ec2.instance.c5.large')?.monthly).toBe(cents(4 * 730 * price('ec2.instance.c5.large')));
  });
});

describe('glue and usage fields', () => {
  it('no type is both free and estimated', () => {
    expect([...FREE_TYPES].filter((t) => Object.hasOwn(ESTIMATORS, t))).toEqual([]);
  });

  it('the new usage fields parse, and reject negative values', () => {
    const ok = parseUsageProfileText('defaults:\n  durationMs: 250\n  writeRequestsMillions: 2\n  readRequestsMillions: 8\n', 'u.yaml');
    expect(ok).toEqual({ defaults: { durationMs: 250, writeRequestsMillions: 2, readRequestsMillions: 8 }, resources: new Map() });
    const bad = parseUsageProfileText('defaults:\n  durationMs: -1\n', 'u.yaml');
    expect(isInputError(bad) && bad.message).toMatch(/^usage profile: defaults\.durationMs: /);
  });
});

describe('Amplify Hosting', () => {
  it('prices the app (build minutes, storage, data served); branches and domains are free', () => {
    const r = estimateCost(
      [res('AWS::Amplify::App', 'Web'), res('AWS::Amplify::Branch', 'Main', { AppId: { 'Fn::GetAtt': ['Web', 'AppId'] } }), res('AWS::Amplify::Domain', 'Dom')],
      { region: 'us-east-1', usage: { resources: { Web: { buildMinutes: 120, storageGB: 2, dataOutGB: 10 } } } },
    );
    expect(r.free.map((f) => f.resource.id)).toEqual(['Main', 'Dom']);
    expect(r.lines.filter((l) => l.resource.id === 'Web').map((l) => [l.priceKey, l.monthly])).toEqual([
      ['amplify.build.standard', 1.2],
      ['amplify.storage', 0.05],
      ['amplify.data_served', 1.5],
    ]);
    expect(r.notPriced).toEqual([]);
  });
});
