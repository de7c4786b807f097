import type { Resource } from '../../model/resource.js';
import { withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

const S3_CLASS_KEY: Readonly<Record<string, string>> = {
  STANDARD: 's3.standard.storage',
  INTELLIGENT_TIERING: 's3.intelligent_tiering.storage',
  STANDARD_IA: 's3.standard_ia.storage',
  ONEZONE_IA: 's3.onezone_ia.storage',
  GLACIER_IR: 's3.glacier_ir.storage',
  GLACIER: 's3.glacier.storage',
  DEEP_ARCHIVE: 's3.deep_archive.storage',
};

export function estimateBucket(_r: Resource, ctx: EstimateContext): EstimateResult {
  const gb = ctx.usage.get('storageGB', 5);
  const cls = ctx.usage.values.storageClass ?? 'STANDARD';
  const standard = cls === 'STANDARD';
  const items: UsageItem[] = [
    { service: 'S3', description: `${cls} storage ${gb} GB`, quantity: gb, priceKey: S3_CLASS_KEY[cls] ?? 's3.standard.storage', what: `S3 ${cls} storage`, ...(standard ? { allowances: ['legacy.s3.storage'] } : {}), ...withAssumptions(ctx.usage.take()) },
  ];
  const put = ctx.usage.get('putRequests', 10_000);
  items.push({ service: 'S3', description: `PUT/COPY/POST/LIST requests, ${put.toLocaleString('en-US')}`, quantity: put / 1000, priceKey: 's3.requests.put', what: 'S3 PUT requests', allowances: ['legacy.s3.put'], ...withAssumptions(ctx.usage.take()) });
  const get = ctx.usage.get('getRequests', 100_000);
  items.push({ service: 'S3', description: `GET and other requests, ${get.toLocaleString('en-US')}`, quantity: get / 1000, priceKey: 's3.requests.get', what: 'S3 GET requests', allowances: ['legacy.s3.get'], ...withAssumptions(ctx.usage.take()) });
  return { items };
}

// CloudFront has been always free for 1 TB out and 10 M requests a month since 2021-12-01:
// https://aws.amazon.com/cloudfront/pricing/
export function estimateDistribution(_r: Resource, ctx: EstimateContext): EstimateResult {
  const group = ctx.usage.values.edgeRegion ?? 'us-eu';
  const g = group === 'india' ? 'india' : 'us_eu';
  const label = group === 'india' ? 'India' : 'US/Canada/Europe';
  const gb = ctx.usage.get('dataOutGB', 50);
  const items: UsageItem[] = [
    { service: 'CloudFront', description: `data out to viewers (${label}), ${gb} GB`, quantity: gb, priceKey: `cloudfront.dto.${g}`, what: `CloudFront data out (${label})`, allowances: ['always.cloudfront.dto'], ...withAssumptions(ctx.usage.take()) },
  ];
  const requests = ctx.usage.get('requests', 1_000_000);
  const httpsShare = ctx.usage.values.httpsShare ?? 1;
  const assumptions = ctx.usage.take();
  const https = requests * httpsShare;
  const http = requests - https;
  if (https > 0) items.push({ service: 'CloudFront', description: `HTTPS requests, ${Math.round(https).toLocaleString('en-US')}`, quantity: https / 10_000, priceKey: `cloudfront.requests.${g}.https`, what: 'CloudFront HTTPS requests', allowances: ['always.cloudfront.requests'], ...withAssumptions(assumptions) });
  if (http > 0) items.push({ service: 'CloudFront', description: `HTTP requests, ${Math.round(http).toLocaleString('en-US')}`, quantity: http / 10_000, priceKey: `cloudfront.requests.${g}.http`, what: 'CloudFront HTTP requests', allowances: ['always.cloudfront.requests'] });
  return { items };
}

// Amplify Hosting bills the app: build minutes, the built artefacts stored and data served.
// Branches and domains are free. https://aws.amazon.com/amplify/pricing/
export function estimateAmplifyApp(_r: Resource, ctx: EstimateContext): EstimateResult {
  const minutes = ctx.usage.get('buildMinutes', 0);
  const items: UsageItem[] = [{ service: 'Amplify', description: `build minutes, ${minutes}`, quantity: minutes, priceKey: 'amplify.build.standard', what: 'Amplify build minutes', ...withAssumptions(ctx.usage.take()) }];
  const gb = ctx.usage.get('storageGB', 1);
  items.push({ service: 'Amplify', description: `hosted storage ${gb} GB`, quantity: gb, priceKey: 'amplify.storage', what: 'Amplify storage', ...withAssumptions(ctx.usage.take()) });
  const out = ctx.usage.get('dataOutGB', 0);
  items.push({ service: 'Amplify', description: `data served ${out} GB`, quantity: out, priceKey: 'amplify.data_served', what: 'Amplify data served', ...withAssumptions(ctx.usage.take()) });
  return { items };
}
