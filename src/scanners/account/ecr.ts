import type { Resource } from '../../model/resource.js';
import { isCallError } from './calls.js';
import type { Collector, CollectorContext, ListedBy, Operation } from './collector.js';
import { all, compact, failedRead, listCall, obj, records, str } from './collector.js';

export const ecrOperations: readonly Operation[] = [
  ['ecr', 'DescribeRepositories'],
  ['ecr', 'GetLifecyclePolicy'],
];

export const ecrLists: readonly ListedBy[] = [{ service: 'ecr', operation: 'DescribeRepositories', types: ['AWS::ECR::Repository'] }];

async function repository(ctx: CollectorContext, repo: Record<string, unknown>): Promise<Resource | undefined> {
  const name = str(repo['repositoryName']);
  if (!name) return undefined;
  const r = await ctx.call('ecr', 'GetLifecyclePolicy', compact({ repositoryName: name, registryId: str(repo['registryId']) }));
  const lifecycle = !isCallError(r)
    ? compact({ LifecyclePolicyText: str(r.output['lifecyclePolicyText']), RegistryId: str(r.output['registryId']) })
    : r.error.name === 'LifecyclePolicyNotFoundException'
      ? undefined
      : failedRead('ecr', 'GetLifecyclePolicy', r.error);
  const scanning = obj(repo['imageScanningConfiguration']);
  return ctx.resource(
    'AWS::ECR::Repository',
    name,
    compact({
      RepositoryName: name,
      // Registry-level (enhanced) scanning can also scan on push; it is not read here.
      ImageScanningConfiguration: Object.keys(scanning).length ? { ScanOnPush: scanning['scanOnPush'] } : undefined,
      ImageTagMutability: str(repo['imageTagMutability']),
      EncryptionConfiguration: repo['encryptionConfiguration']
        ? compact({ EncryptionType: str(obj(repo['encryptionConfiguration'])['encryptionType']), KmsKey: str(obj(repo['encryptionConfiguration'])['kmsKey']) })
        : undefined,
      LifecyclePolicy: lifecycle,
    }),
    str(repo['repositoryArn']),
  );
}

const defined = <T>(x: T | undefined): x is T => x !== undefined;

export const ecrCollector: Collector = {
  id: 'ecr',
  scope: 'regional',
  operations: ecrOperations,
  lists: ecrLists,
  async collect(ctx) {
    const list = await listCall(ctx, 'ecr', 'DescribeRepositories', { maxResults: 1000 });
    return (await all(records(list?.['repositories']), (r) => repository(ctx, r))).filter(defined);
  },
};
