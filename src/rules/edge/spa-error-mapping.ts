import type { Rule } from '../../model/rule.js';
import { Unknown, asNumber, asString, isRecord } from '../../model/values.js';
import { whenText } from '../network/sg-rule.js';
import { CONFIG_PATH, eachConfig, isS3Origin, origins } from './distribution.js';

export const spaErrorMapping: Rule = {
  meta: {
    id: 'CF-007',
    name: 'spa-error-mapping',
    title: 'SPA on S3: 403 and 404 map to /index.html with status 200',
    area: 'edge',
    severity: 'info',
    resourceTypes: ['AWS::CloudFront::Distribution'],
    rationale:
      'A single-page app served from S3 has no object for client-side routes: S3 answers 403 (no ListBucket) or 404, and a refresh on /transactions breaks unless CloudFront returns index.html with 200 (001 troubleshooting).',
    remediation: 'Add CustomErrorResponses for ErrorCode 403 and 404 with ResponsePagePath /index.html and ResponseCode 200.',
    seeds: ['001'],
  },
  check(resource, ctx) {
    eachConfig(ctx, resource, (config, when) => {
      const d = config['DefaultCacheBehavior'];
      const target = isRecord(d) ? asString(d['TargetOriginId']) : undefined;
      const origin = origins(ctx, resource, config).find((o) => o.id !== undefined && o.id === target);
      if (!origin) return;
      const s3 = isS3Origin(ctx, resource, origin.node);
      if (s3 !== true) return;
      const responses = config['CustomErrorResponses'];
      const path = [...CONFIG_PATH, ...(responses === undefined ? [] : ['CustomErrorResponses'])];
      if (responses instanceof Unknown) {
        ctx.notEvaluated(resource, `custom error responses could not be read: ${responses.reason}`, { path });
        return;
      }
      const list = Array.isArray(responses) ? responses.filter(isRecord) : [];
      const missing = [403, 404].filter(
        (code) =>
          !list.some(
            (r) => asNumber(r['ErrorCode']) === code && /(^|\/)index\.html$/.test(asString(r['ResponsePagePath']) ?? '') && asNumber(r['ResponseCode']) === 200,
          ),
      );
      if (missing.length)
        ctx.fail(resource, `The default origin is S3 but ${missing.join(' and ')} ${missing.length > 1 ? 'are' : 'is'} not mapped to /index.html with 200: client-side routes break on refresh${whenText(when)}`, { path });
    });
  },
};
