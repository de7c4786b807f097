import type { Resource } from '../../model/resource.js';
import { defineRule, type RuleContext } from '../../model/rule.js';
import { Unknown, asNumber, asString, isRecord } from '../../model/values.js';
import { CONFIG_PATH, distributionConfig, isS3Origin, origins } from './distribution.js';

type Config = Readonly<Record<string, unknown>>;

/** Whether the default cache behavior targets an S3 origin; an Unknown when that is not known. Read without recording. */
function defaultOriginIsS3(ctx: RuleContext, distribution: Resource, config: Config): boolean | Unknown {
  const d = config['DefaultCacheBehavior'];
  if (d instanceof Unknown) return d;
  const target = isRecord(d) ? d['TargetOriginId'] : undefined;
  if (target instanceof Unknown) return target;
  const id = asString(target);
  if (id === undefined) return target === undefined ? false : new Unknown('the default cache behavior TargetOriginId is known only at deployment');
  const list = origins(ctx, distribution, config);
  const origin = list.find((o) => asString(o.id()) === id);
  if (origin) return isS3Origin(ctx, distribution, origin);
  return list.some((o) => asString(o.id()) === undefined) ? new Unknown('an origin Id is known only at deployment') : false;
}

/** The codes among 403 and 404 not mapped to /index.html with 200; an Unknown when the responses are not known. Read without recording. */
function unmapped(config: Config): number[] | Unknown {
  const responses = config['CustomErrorResponses'];
  if (responses instanceof Unknown) return responses;
  const list = Array.isArray(responses) ? responses.filter(isRecord) : [];
  const maps = (r: Config, code: number) =>
    asNumber(r['ErrorCode']) === code && /(^|\/)index\.html$/.test(asString(r['ResponsePagePath']) ?? '') && asNumber(r['ResponseCode']) === 200;
  const missing = [403, 404].filter((code) => !list.some((r) => maps(r, code)));
  if (
    missing.length > 0 &&
    Array.isArray(responses) &&
    responses.some((r) => r instanceof Unknown || (isRecord(r) && [r['ErrorCode'], r['ResponsePagePath'], r['ResponseCode']].some((v) => v instanceof Unknown)))
  )
    return new Unknown('a custom error response is known only at deployment');
  return missing;
}

export const spaErrorMapping = defineRule({
  meta: {
    id: 'CF-007',
    name: 'spa-error-mapping',
    title: 'SPA on S3: 403 and 404 map to /index.html with status 200',
    area: 'edge',
    severity: 'info',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'A single-page app served from S3 has no object for client-side routes: S3 answers 403 (no ListBucket) or 404, and a refresh on /transactions breaks unless CloudFront returns index.html with 200.',
    remediation: 'Add CustomErrorResponses for ErrorCode 403 and 404 with ResponsePagePath /index.html and ResponseCode 200.',
    messages: {
      unmapped: 'the default origin is S3 but {{codes}} {{verb}} not mapped to /index.html with 200: client-side routes break on refresh',
    },
    seeds: ['001'],
  },
  check(distribution, ctx) {
    const config = distributionConfig(ctx, distribution);
    if (!config) return;
    // Fails only when both hold: an unknown on one side must not hide a known "no" on the other.
    const s3 = ctx.tolerate(() => defaultOriginIsS3(ctx, distribution, config));
    if (s3 === false) return;
    const missing = ctx.tolerate(() => unmapped(config));
    if (Array.isArray(missing) && missing.length === 0) return;
    const path = ctx.tolerate(() => config['CustomErrorResponses']) === undefined ? [...CONFIG_PATH] : [...CONFIG_PATH, 'CustomErrorResponses'];
    if (s3 instanceof Unknown) {
      ctx.unknown(s3.reason, [...CONFIG_PATH]);
      return;
    }
    if (missing instanceof Unknown) {
      ctx.unknown(missing.reason, path);
      return;
    }
    ctx.report({ messageId: 'unmapped', data: { codes: missing.join(' and '), verb: missing.length > 1 ? 'are' : 'is' }, path });
  },
});
