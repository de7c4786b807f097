import type { Resource } from '../../model/resource.js';
import type { Collector, ListedBy, Operation } from './collector.js';
import { cfnTags, compact, listCall, obj, records, str } from './collector.js';

export const secretsOperations: readonly Operation[] = [['secrets-manager', 'ListSecrets']];

export const secretsLists: readonly ListedBy[] = [
  { service: 'secrets-manager', operation: 'ListSecrets', types: ['AWS::SecretsManager::Secret', 'AWS::SecretsManager::RotationSchedule'] },
];

/**
 * ListSecrets carries rotation, so no per-secret call. Each secret gets the extension
 * property `RotationEnabled` (true/false, authoritative), and a rotating secret also an
 * `AWS::SecretsManager::RotationSchedule` as a template would declare it.
 */
export const secretsCollector: Collector = {
  id: 'secrets',
  scope: 'regional',
  operations: secretsOperations,
  lists: secretsLists,
  async collect(ctx) {
    const list = await listCall(ctx, 'secrets-manager', 'ListSecrets', { MaxResults: 100 });
    const out: Resource[] = [];
    for (const s of records(list?.['SecretList'])) {
      const arn = str(s['ARN']);
      if (!arn) continue;
      const rules = obj(s['RotationRules']);
      const rotationRules = Object.keys(rules).length
        ? compact({ AutomaticallyAfterDays: rules['AutomaticallyAfterDays'], ScheduleExpression: str(rules['ScheduleExpression']), Duration: str(rules['Duration']) })
        : undefined;
      const enabled = s['RotationEnabled'] === true;
      out.push(
        ctx.resource(
          'AWS::SecretsManager::Secret',
          arn,
          compact({
            Name: str(s['Name']),
            KmsKeyId: str(s['KmsKeyId']),
            Tags: cfnTags(s['Tags']),
            RotationEnabled: enabled,
            RotationRules: rotationRules,
            LastRotatedDate: s['LastRotatedDate'],
          }),
          arn,
        ),
      );
      if (enabled) {
        out.push(
          ctx.resource(
            'AWS::SecretsManager::RotationSchedule',
            `${arn}:rotation`,
            compact({ SecretId: arn, RotationLambdaARN: str(s['RotationLambdaARN']), RotationRules: rotationRules }),
          ),
        );
      }
    }
    return out;
  },
};
