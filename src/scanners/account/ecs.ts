import type { Resource } from '../../model/resource.js';
import { isRecord } from '../../model/values.js';
import { isCallError } from './calls.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { all, cfnTags, chunk, compact, failedRead, listCall, obj, records, setOwn, str } from './collector.js';

export const ecsOperations: readonly Operation[] = [
  ['ecs', 'ListClusters'],
  ['ecs', 'ListServices'],
  ['ecs', 'DescribeServices'],
  ['ecs', 'DescribeTaskDefinition'],
];

const ECS_TYPES = ['AWS::ECS::Service', 'AWS::ECS::TaskDefinition'];

/** Task definitions are found through the services that run them, and services through their clusters. */
export const ecsLists: readonly ListedBy[] = [
  { service: 'ecs', operation: 'ListClusters', types: ['AWS::ECS::Cluster', ...ECS_TYPES] },
  { service: 'ecs', operation: 'ListServices', types: ECS_TYPES, perParent: true },
  { service: 'ecs', operation: 'DescribeServices', types: ECS_TYPES, perParent: true },
];

/** Members whose values are maps with user keys: their keys must not be re-cased. */
const MAP_MEMBERS = new Set(['options', 'dockerLabels', 'secretOptions']);

/** ECS's camelCase JSON → CloudFormation's PascalCase (`environment` → `Environment`, `name` → `Name`). */
export function pascalize(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(pascalize);
  if (!isRecord(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const key = k.charAt(0).toUpperCase() + k.slice(1);
    setOwn(out, key, MAP_MEMBERS.has(k) && isRecord(x) ? x : pascalize(x));
  }
  return out;
}

async function servicesOf(ctx: CollectorContext, cluster: string): Promise<Record<string, unknown>[]> {
  const list = await listCall(ctx, 'ecs', 'ListServices', { cluster, maxResults: 100 }, `cluster ${cluster}`);
  const arns = ((list?.['serviceArns'] as unknown[] | undefined) ?? []).filter((a): a is string => typeof a === 'string');
  // DescribeServices takes at most 10 services per call.
  const pages = await all(chunk(arns, 10), async (services) => {
    const r = await listCall(ctx, 'ecs', 'DescribeServices', { cluster, services, include: ['TAGS'] }, `cluster ${cluster}`);
    return records(r?.['services']);
  });
  return pages.flat();
}

function mapService(ctx: CollectorContext, s: Record<string, unknown>): Resource | undefined {
  const arn = str(s['serviceArn']);
  if (!arn || s['status'] === 'INACTIVE') return undefined;
  const vpc = obj(obj(s['networkConfiguration'])['awsvpcConfiguration']);
  return ctx.resource(
    'AWS::ECS::Service',
    arn,
    compact({
      ServiceName: str(s['serviceName']),
      Cluster: str(s['clusterArn']),
      LaunchType: str(s['launchType']),
      CapacityProviderStrategy: records(s['capacityProviderStrategy']).length ? pascalize(s['capacityProviderStrategy']) : undefined,
      DesiredCount: s['desiredCount'],
      TaskDefinition: str(s['taskDefinition']),
      NetworkConfiguration: Object.keys(vpc).length
        ? { AwsvpcConfiguration: compact({ SecurityGroups: vpc['securityGroups'], Subnets: vpc['subnets'], AssignPublicIp: str(vpc['assignPublicIp']) }) }
        : undefined,
      LoadBalancers: records(s['loadBalancers']).length ? pascalize(s['loadBalancers']) : undefined,
      Tags: cfnTags(s['tags']),
    }),
    arn,
  );
}

const TASK_DEFINITION_PROPERTIES = [
  'Family',
  'ContainerDefinitions',
  'Cpu',
  'Memory',
  'NetworkMode',
  'RequiresCompatibilities',
  'RuntimePlatform',
  'ExecutionRoleArn',
  'TaskRoleArn',
  'Tags',
] as const;

async function taskDefinition(ctx: CollectorContext, arn: string): Promise<Resource> {
  const r = await ctx.call('ecs', 'DescribeTaskDefinition', { taskDefinition: arn, include: ['TAGS'] });
  if (isCallError(r)) {
    const unknown = failedRead('ecs', 'DescribeTaskDefinition', r.error);
    // Every property the mapping below gives is unknown, not absent.
    const properties = Object.fromEntries(TASK_DEFINITION_PROPERTIES.map((p) => [p, unknown]));
    return ctx.resource('AWS::ECS::TaskDefinition', arn, properties, arn);
  }
  const td = obj(r.output['taskDefinition']);
  const platform = td['runtimePlatform'];
  return ctx.resource(
    'AWS::ECS::TaskDefinition',
    arn,
    compact({
      Family: str(td['family']),
      // Environment values stay: SEC-001 masks them, nothing here logs them, and a saved snapshot redacts them.
      ContainerDefinitions: pascalize(records(td['containerDefinitions'])),
      Cpu: str(td['cpu']),
      Memory: str(td['memory']),
      NetworkMode: str(td['networkMode']),
      RequiresCompatibilities: td['requiresCompatibilities'],
      RuntimePlatform: isRecord(platform) ? pascalize(platform) : undefined,
      ExecutionRoleArn: str(td['executionRoleArn']),
      TaskRoleArn: str(td['taskRoleArn']),
      Tags: cfnTags(r.output['tags']),
    }),
    arn,
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

/** Services and the task definitions they run (not every historical revision). */
export const ecsCollector: Collector = {
  id: 'ecs',
  scope: 'regional',
  operations: ecsOperations,
  lists: ecsLists,
  async collect(ctx) {
    const clusters = await listCall(ctx, 'ecs', 'ListClusters', { maxResults: 100 });
    const clusterArns = ((clusters?.['clusterArns'] as unknown[] | undefined) ?? []).filter((a): a is string => typeof a === 'string');
    const services = (await all(clusterArns, (c) => servicesOf(ctx, c))).flat();
    const mapped = services.map((s) => mapService(ctx, s)).filter(defined);
    const taskDefs = [...new Set(mapped.map((s) => s.properties['TaskDefinition']).filter((t): t is string => typeof t === 'string'))];
    return [...mapped, ...(await all(taskDefs, (t) => taskDefinition(ctx, t)))];
  },
};
