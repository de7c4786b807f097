import type { Resource } from '../../model/resource.js';
import { isRecord } from '../../model/values.js';
import { isCallError } from './calls.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { all, compact, failedRead, listCall, obj, records, str } from './collector.js';

export const apprunnerOperations: readonly Operation[] = [
  ['apprunner', 'ListServices'],
  ['apprunner', 'DescribeService'],
];

export const apprunnerLists: readonly ListedBy[] = [{ service: 'apprunner', operation: 'ListServices', types: ['AWS::AppRunner::Service'] }];

/** The API's `{NAME: value}` maps are CloudFormation KeyValuePair lists. */
function pairs(v: unknown): { Name: string; Value: unknown }[] | undefined {
  if (!isRecord(v)) return undefined;
  const list = Object.entries(v).map(([Name, Value]) => ({ Name, Value }));
  return list.length ? list : undefined;
}

function withPairs(config: unknown): Record<string, unknown> | undefined {
  if (!isRecord(config)) return undefined;
  return compact({ ...config, RuntimeEnvironmentVariables: pairs(config['RuntimeEnvironmentVariables']), RuntimeEnvironmentSecrets: pairs(config['RuntimeEnvironmentSecrets']) });
}

export function sourceConfigurationToCfn(source: Record<string, unknown>): Record<string, unknown> {
  const image = source['ImageRepository'];
  const code = source['CodeRepository'];
  return compact({
    ...source,
    ImageRepository: isRecord(image) ? compact({ ...image, ImageConfiguration: withPairs(image['ImageConfiguration']) }) : undefined,
    CodeRepository: isRecord(code)
      ? compact({
          ...code,
          CodeConfiguration: isRecord(code['CodeConfiguration'])
            ? compact({ ...code['CodeConfiguration'], CodeConfigurationValues: withPairs(code['CodeConfiguration']['CodeConfigurationValues']) })
            : undefined,
        })
      : undefined,
  });
}

async function service(ctx: CollectorContext, summary: Record<string, unknown>): Promise<Resource | undefined> {
  const arn = str(summary['ServiceArn']);
  if (!arn) return undefined;
  const r = await ctx.call('apprunner', 'DescribeService', { ServiceArn: arn });
  if (isCallError(r)) {
    const unknown = failedRead('apprunner', 'DescribeService', r.error);
    return ctx.resource(
      'AWS::AppRunner::Service',
      arn,
      compact({
        ServiceName: str(summary['ServiceName']),
        SourceConfiguration: unknown,
        InstanceConfiguration: unknown,
        NetworkConfiguration: unknown,
        HealthCheckConfiguration: unknown,
        Status: str(summary['Status']) ?? unknown,
      }),
      arn,
    );
  }
  const s = obj(r.output['Service']);
  return ctx.resource(
    'AWS::AppRunner::Service',
    arn,
    compact({
      ServiceName: str(s['ServiceName']),
      SourceConfiguration: sourceConfigurationToCfn(obj(s['SourceConfiguration'])),
      InstanceConfiguration: isRecord(s['InstanceConfiguration']) ? s['InstanceConfiguration'] : undefined,
      NetworkConfiguration: isRecord(s['NetworkConfiguration']) ? s['NetworkConfiguration'] : undefined,
      HealthCheckConfiguration: isRecord(s['HealthCheckConfiguration']) ? s['HealthCheckConfiguration'] : undefined,
      Status: str(s['Status']),
    }),
    arn,
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export const apprunnerCollector: Collector = {
  id: 'apprunner',
  scope: 'regional',
  operations: apprunnerOperations,
  lists: apprunnerLists,
  async collect(ctx) {
    const list = await listCall(ctx, 'apprunner', 'ListServices', { MaxResults: 20 });
    return (await all(records(list?.['ServiceSummaryList']), (s) => service(ctx, s))).filter(defined);
  },
};
