import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Composite, ResourceRef, Unknown, isRecord } from '../../model/values.js';
import { surface } from '../lib/known.js';
import { CONFIG_PATH, behaviors, distributionConfig, isSet } from './distribution.js';

const DELIVERY_SOURCE = 'AWS::Logs::DeliverySource';

/** Whether a value designates the distribution: a reference to it, or its ARN. */
function designates(ctx: RuleContext, distribution: Resource, v: unknown): boolean {
  if (v instanceof ResourceRef) return ctx.index.lookup(distribution, v) === distribution;
  if (v instanceof Composite) return v.parts.some((p) => p instanceof ResourceRef && ctx.index.lookup(distribution, p) === distribution);
  return typeof v === 'string' && (v === distribution.arn || v.endsWith(`:distribution/${distribution.id}`));
}

/**
 * A v2 standard-logging delivery source (CloudWatch Logs vended logs) whose ResourceArn is this
 * distribution: true, false, or an Unknown when the input cannot show delivery sources (a failed
 * list) or one's ResourceArn is not known. Read without recording: the caller surfaces it.
 */
function hasDeliverySource(ctx: RuleContext, distribution: Resource): boolean | Unknown {
  let unknown: Unknown | undefined;
  // Candidates: the sources that refer to the distribution at all; each confirmed in the current scenario.
  for (const s of ctx.index.referrers(distribution, DELIVERY_SOURCE)) {
    if (!ctx.exists(s)) continue;
    const arn = ctx.get(s, ['ResourceArn']);
    if (arn instanceof Unknown) unknown ??= arn;
    else if (designates(ctx, distribution, arn)) return true;
  }
  return unknown ?? ctx.index.incomplete(DELIVERY_SOURCE, distribution) ?? false;
}

export const accessLogging = defineRule({
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
    messages: {
      'no-logging': 'no access logging: no Logging bucket, no real-time log config and no v2 log delivery source',
    },
    seeds: ['beyond the seeds'],
    equivalents: {
      checkov: ['CKV_AWS_86'],
      cfnNag: ['W10'],
      cdkNag: ['CloudFrontDistributionAccessLogging'],
      awsConfig: ['cloudfront-accesslogs-enabled'],
      prowler: ['cloudfront_distributions_logging_enabled'],
    },
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    // Any one of three turns logging on: an unknown one must not hide another that is known.
    const bucket = ctx.tolerate(() => {
      const logging = config['Logging'];
      return logging instanceof Unknown ? logging : isRecord(logging) ? logging['Bucket'] : undefined;
    });
    if (isSet(bucket)) return;
    const realtime = ctx.tolerate(() => behaviors(ctx, distribution, config).map((b) => b.node['RealtimeLogConfigArn']));
    if (realtime.some(isSet)) return;
    const delivery = ctx.tolerate(() => hasDeliverySource(ctx, distribution));
    if (delivery === true) return;
    if (surface(ctx, [bucket, ...realtime, delivery], [...CONFIG_PATH])) return;
    ctx.report({ messageId: 'no-logging', path: ctx.tolerate(() => config['Logging']) === undefined ? [...CONFIG_PATH] : [...CONFIG_PATH, 'Logging'] });
  },
});
