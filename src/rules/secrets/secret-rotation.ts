import { defineRule } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { boolOf } from '../lib/read.js';

const SCHEDULE = 'AWS::SecretsManager::RotationSchedule';

export const secretRotation = defineRule({
  meta: {
    id: 'SEC-002',
    name: 'secret-rotation',
    title: 'Secrets Manager secrets have rotation',
    area: 'secrets',
    severity: 'low',
    resourceTypes: ['AWS::SecretsManager::Secret'],
    rationale:
      'JWT signing keys, database passwords and API keys kept in Secrets Manager should rotate automatically; a secret that never rotates stays valid forever once leaked.',
    remediation:
      'Add an AWS::SecretsManager::RotationSchedule for the secret with a HostedRotationLambda (RDS/Redshift/DocumentDB) or a RotationLambdaARN, or use RDS ManageMasterUserPassword, whose secret RDS rotates.',
    messages: {
      disabled: 'secret {{secret}} has rotation disabled',
      'no-schedule': 'secret {{secret}} has no AWS::SecretsManager::RotationSchedule',
      'no-function': 'the rotation schedule {{schedule}} of secret {{secret}} names no rotation function (RotationLambdaARN or HostedRotationLambda)',
    },
    seeds: ['003'],
    equivalents: { cdkNag: ['SMG4'], awsConfig: ['secretsmanager-rotation-enabled-check'], prowler: ['secretsmanager_automatic_rotation_enabled'] },
  },
  check(secret, ctx) {
    const data = { secret: secret.id };
    // Live audits carry ListSecrets' RotationEnabled on the secret (src/scanners/account/secrets.ts), which is authoritative.
    const enabled = boolOf(ctx, secret, ['RotationEnabled']);
    if (enabled instanceof Unknown) return;
    if (enabled === false) {
      ctx.report({ messageId: 'disabled', data, path: ['Properties'] });
      return;
    }
    if (enabled === true) return;

    // A RotationSchedule rotates when it names a rotation function (RotationLambdaARN or HostedRotationLambda).
    for (const s of ctx.index.referrers(secret, SCHEDULE)) {
      if (!ctx.exists(s) || ctx.index.lookup(s, ctx.get(s, ['SecretId'])) !== secret) continue;
      const rotates = ctx.tolerate(() => ctx.get(s, ['RotationLambdaARN']) !== undefined || ctx.get(s, ['HostedRotationLambda']) !== undefined);
      if (!rotates) ctx.report({ messageId: 'no-function', data: { ...data, schedule: s.id } });
      return;
    }
    // A schedule whose SecretId is known only at deployment may be this secret's.
    const unknownTarget = ctx.tolerate(() => ctx.index.find(SCHEDULE, secret, (s) => ctx.get(s, ['SecretId']) instanceof Unknown));
    if (unknownTarget && !(unknownTarget instanceof Unknown)) {
      const id = ctx.tolerate(() => ctx.get(unknownTarget, ['SecretId'])) as Unknown;
      ctx.unknown(`no rotation schedule names this secret, and rotation schedule ${unknownTarget.id} names a secret known only at deployment (${id.reason})`);
      return;
    }
    ctx.report({ messageId: 'no-schedule', data });
  },
});
