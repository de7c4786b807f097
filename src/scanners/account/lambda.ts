import { Unknown, isRecord } from '../../model/values.js';
import type { Collector, ListedBy, Operation } from './collector.js';
import { compact, listCall, obj, records, str } from './collector.js';

export const lambdaOperations: readonly Operation[] = [['lambda', 'ListFunctions']];

export const lambdaLists: readonly ListedBy[] = [{ service: 'lambda', operation: 'ListFunctions', types: ['AWS::Lambda::Function'] }];

/** ListFunctions returns each function's environment, so no per-function call. Values are kept (rules mask them), never logged. */
export const lambdaCollector: Collector = {
  id: 'lambda',
  scope: 'regional',
  operations: lambdaOperations,
  lists: lambdaLists,
  async collect(ctx) {
    const list = await listCall(ctx, 'lambda', 'ListFunctions', { MaxItems: 50 });
    return records(list?.['Functions']).flatMap((f) => {
      const name = str(f['FunctionName']);
      if (!name) return [];
      const env = obj(f['Environment']);
      const envError = obj(env['Error']);
      const vpc = obj(f['VpcConfig']);
      return [
        ctx.resource(
          'AWS::Lambda::Function',
          name,
          compact({
            FunctionName: name,
            Runtime: str(f['Runtime']),
            Handler: str(f['Handler']),
            Role: str(f['Role']),
            MemorySize: f['MemorySize'],
            Timeout: f['Timeout'],
            Architectures: f['Architectures'],
            PackageType: str(f['PackageType']),
            // A KMS error means the variables exist but could not be decrypted for us.
            Environment: Object.keys(envError).length
              ? { Variables: new Unknown(`lambda:ListFunctions could not decrypt the environment: ${str(envError['ErrorCode']) ?? 'error'}`) }
              : isRecord(env['Variables'])
                ? { Variables: env['Variables'] }
                : undefined,
            VpcConfig: (vpc['SubnetIds'] as unknown[] | undefined)?.length ? compact({ SubnetIds: vpc['SubnetIds'], SecurityGroupIds: vpc['SecurityGroupIds'] }) : undefined,
          }),
          str(f['FunctionArn']),
        ),
      ];
    });
  },
};
