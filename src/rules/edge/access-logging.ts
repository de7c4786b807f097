import type { Resource } from '../../model/resource.js';
import type { Rule, RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { CONFIG_PATH, behaviors, eachConfig, isSet } from './distribution.js';

/** A v2 standard-logging delivery source (CloudWatch Logs vended logs) whose ResourceArn is this distribution. */
function hasDeliverySource(ctx: RuleContext, distribution: Resource): boolean {
  const refers = (v: unknown): boolean => {
    if (v instanceof ResourceRef) return v.logicalId === distribution.id && distribution.origin.kind === 'template' && v.scope === distribution.origin.scope;
    if (v instanceof Composite) return v.parts.some(refers);
    return typeof v === 'string' && (v === distribution.arn || v.endsWith(`:distribution/${distribution.id}`));
  };
  return ctx.index.ofType('AWS::Logs::DeliverySource').some((s) => ctx.values(s, ['ResourceArn']).some((p) => refers(p.value)));
}

export const accessLogging: Rule = {
  meta: {
    id: 'CF-008',
    name: 'access-logging',
    title: 'CloudFront access logging is enabled',
    area: 'edge',
    severity: 'low',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale: 'Without access logs there is no record of who requested what, for incident response or abuse analysis.',
    remediation:
      'Set DistributionConfig.Logging.Bucket (standard logs), or a v2 standard-logging AWS::Logs::DeliverySource for the distribution, or a RealtimeLogConfigArn on the cache behaviors.',
    seeds: ['beyond the seeds'],
    equivalents: { checkov: ['CKV_AWS_86'], cfnNag: ['W10'], cdkNag: ['CloudFrontDistributionAccessLogging'], awsConfig: ['cloudfront-accesslogs-enabled'], prowler: ['cloudfront_distributions_logging_enabled'] },
  },
  check(resource, ctx) {
    if (hasDeliverySource(ctx, resource)) return;
    eachConfig(ctx, resource, (config, when) => {
      if (behaviors(ctx, resource, config).some((b) => isSet(b.node['RealtimeLogConfigArn']) && !(b.node['RealtimeLogConfigArn'] instanceof Unknown))) return;
      const logging = config['Logging'];
      if (logging instanceof Unknown) {
        ctx.notEvaluated(resource, `the logging configuration could not be read: ${logging.reason}`, { path: [...CONFIG_PATH] });
        return;
      }
      const bucket = isRecord(logging) ? logging['Bucket'] : undefined;
      if (bucket instanceof Unknown) {
        ctx.notEvaluated(resource, `the log bucket is not known: ${bucket.reason}`, { path: [...CONFIG_PATH, 'Logging'] });
        return;
      }
      if (isSet(bucket)) return;
      const v2 = ctx.input === 'account' ? ' (v2 standard logging to CloudWatch Logs/Firehose is not collected in a live audit)' : '';
      ctx.fail(resource, `No access logging: no Logging bucket, no real-time log config and no v2 log delivery source${v2}${whenText(when)}`, { path: [...CONFIG_PATH, ...(logging === undefined ? [] : ['Logging'])] });
    });
  },
};
