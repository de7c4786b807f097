import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Unknown, asBoolean, isRecord } from '../../model/values.js';

// `!Ref AWS::NoValue` as a whole property resolves to the resolver's NO_VALUE symbol; it means absent.
const present = (v: unknown): unknown => (typeof v === 'symbol' ? undefined : v);

type Schedule = { readonly rotates: boolean } | Unknown;

/** A RotationSchedule rotates when it names a rotation function (RotationLambdaARN or HostedRotationLambda). */
function scheduleFor(ctx: RuleContext, secret: Resource): Schedule | undefined {
  let unknown: Unknown | undefined;
  for (const s of ctx.index.ofType('AWS::SecretsManager::RotationSchedule')) {
    for (const p of ctx.values(s, [])) {
      if (!isRecord(p.value)) continue;
      const id = p.value['SecretId'];
      if (id instanceof Unknown) {
        unknown ??= new Unknown(`rotation schedule ${s.id} names a secret known only at deployment: ${id.reason}`);
        continue;
      }
      if (ctx.index.lookup(s, id) !== secret) continue;
      const fn = p.value['RotationLambdaARN'] ?? p.value['HostedRotationLambda'];
      return { rotates: fn !== undefined };
    }
  }
  return unknown;
}

export const secretRotation: Rule = {
  meta: {
    id: 'SEC-002',
    name: 'secret-rotation',
    title: 'Secrets Manager secrets have rotation',
    area: 'secrets',
    severity: 'low',
    resourceTypes: ['AWS::SecretsManager::Secret'],
    rationale: '003 lists "automatic rotation support" for its JWT secrets, database passwords and API keys; a secret that never rotates stays valid forever once leaked.',
    remediation: 'Add an AWS::SecretsManager::RotationSchedule for the secret with a HostedRotationLambda (RDS/Redshift/DocumentDB) or a RotationLambdaARN, or use RDS ManageMasterUserPassword, whose secret RDS rotates.',
    seeds: ['003'],
    equivalents: { cdkNag: ['SMG4'], awsConfig: ['secretsmanager-rotation-enabled-check'], prowler: ['secretsmanager_automatic_rotation_enabled'] },
  },
  check(secret, ctx) {
    // Live audits carry ListSecrets' RotationEnabled on the secret (src/scanners/account/secrets.ts), which is authoritative.
    for (const p of ctx.values(secret, ['RotationEnabled'])) {
      const value = present(p.value);
      if (value === undefined) continue;
      if (value instanceof Unknown) {
        ctx.notEvaluated(secret, `rotation could not be read: ${value.reason}`, { path: ['Properties'] });
        return;
      }
      if (asBoolean(value) === false) ctx.fail(secret, `secret ${secret.id} has rotation disabled`, { path: ['Properties'] });
      return;
    }
    const schedule = scheduleFor(ctx, secret);
    if (schedule instanceof Unknown) {
      ctx.notEvaluated(secret, `no rotation schedule names this secret, and ${schedule.reason}`);
      return;
    }
    if (schedule === undefined) ctx.fail(secret, `secret ${secret.id} has no AWS::SecretsManager::RotationSchedule`);
    else if (!schedule.rotates) ctx.fail(secret, `the rotation schedule of secret ${secret.id} names no rotation function (RotationLambdaARN or HostedRotationLambda)`);
  },
};
