import type { Collector, ListedBy, Operation } from './collector.js';
import { compact, listCall, records, str } from './collector.js';

export const logsOperations: readonly Operation[] = [['cloudwatch-logs', 'DescribeLogGroups']];

export const logsLists: readonly ListedBy[] = [{ service: 'cloudwatch-logs', operation: 'DescribeLogGroups', types: ['AWS::Logs::LogGroup'] }];

export const logsCollector: Collector = {
  id: 'logs',
  scope: 'regional',
  operations: logsOperations,
  lists: logsLists,
  async collect(ctx) {
    const list = await listCall(ctx, 'cloudwatch-logs', 'DescribeLogGroups', { limit: 50 });
    return records(list?.['logGroups']).flatMap((g) => {
      const name = str(g['logGroupName']);
      if (!name) return [];
      // `arn` ends in ":*"; the newer logGroupArn does not.
      const arn = str(g['logGroupArn']) ?? str(g['arn'])?.replace(/:\*$/, '');
      return [
        ctx.resource(
          'AWS::Logs::LogGroup',
          name,
          compact({
            LogGroupName: name,
            RetentionInDays: g['retentionInDays'],
            KmsKeyId: str(g['kmsKeyId']),
            LogGroupClass: str(g['logGroupClass']),
            StoredBytes: g['storedBytes'],
          }),
          arn,
        ),
      ];
    });
  },
};
