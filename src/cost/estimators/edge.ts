import type { Resource } from '../../model/resource.js';
import { thousands } from '../numbers.js';
import { readString } from '../read.js';
import type { ViewerGeography } from '../usage.js';
import { withAssumptions, type EstimateContext, type EstimateResult, type UsageItem } from './types.js';

const S3_CLASS_KEY: ReadonlyMap<string, string> = new Map([
  ['STANDARD', 's3.standard.storage'],
  ['INTELLIGENT_TIERING', 's3.intelligent_tiering.storage'],
  ['STANDARD_IA', 's3.standard_ia.storage'],
  ['ONEZONE_IA', 's3.onezone_ia.storage'],
  ['GLACIER_IR', 's3.glacier_ir.storage'],
  ['GLACIER', 's3.glacier.storage'],
  ['DEEP_ARCHIVE', 's3.deep_archive.storage'],
]);

export function estimateBucket(_r: Resource, ctx: EstimateContext): EstimateResult {
  const gb = ctx.usage.get('storageGB', 5);
  const cls = ctx.usage.peek('storageClass', 'STANDARD') ?? 'STANDARD';
  const standard = cls === 'STANDARD';
  const items: UsageItem[] = [
    {
      service: 'S3',
      description: `${cls} storage ${gb} GB`,
      quantity: gb,
      priceKey: S3_CLASS_KEY.get(cls) ?? 's3.standard.storage',
      what: `S3 ${cls} storage`,
      ...(standard ? { allowances: ['legacy.s3.storage'] } : {}),
      ...withAssumptions(ctx.usage.take()),
    },
  ];
  const put = ctx.usage.get('putRequests', 10_000);
  items.push({
    service: 'S3',
    description: `PUT/COPY/POST/LIST requests, ${thousands(put)}`,
    quantity: put / 1000,
    priceKey: 's3.requests.put',
    what: 'S3 PUT requests',
    allowances: ['legacy.s3.put'],
    ...withAssumptions(ctx.usage.take()),
  });
  const get = ctx.usage.get('getRequests', 100_000);
  items.push({
    service: 'S3',
    description: `GET and other requests, ${thousands(get)}`,
    quantity: get / 1000,
    priceKey: 's3.requests.get',
    what: 'S3 GET requests',
    allowances: ['legacy.s3.get'],
    ...withAssumptions(ctx.usage.take()),
  });
  return { items };
}

// CloudFront bills data out and requests by the edge geography that serves the viewer, and has
// been always free for 1 TB out and 10 M requests a month since 2021-12-01:
// https://aws.amazon.com/cloudfront/pricing/
// A price class leaves out the dearer geographies; their viewers are then served (and billed) by
// the nearest edge of the class (PriceClass_100: North America, Europe, Israel; PriceClass_200
// adds Africa, the Middle East, Japan, India and Asia; PriceClass_All everything):
// https://docs.aws.amazon.com/AmazonCloudFront/latest/DeveloperGuide/PriceClass.html
const PRICE_CLASS_FALLBACK: Readonly<Record<string, ReadonlyMap<ViewerGeography, ViewerGeography>>> = {
  PriceClass_100: new Map<ViewerGeography, ViewerGeography>([
    ['japan', 'united_states'],
    ['india', 'europe'],
    ['asia_pacific', 'united_states'],
    ['australia', 'united_states'],
    ['south_america', 'united_states'],
    ['south_africa', 'europe'],
    ['middle_east', 'europe'],
  ]),
  PriceClass_200: new Map<ViewerGeography, ViewerGeography>([
    ['south_america', 'united_states'],
    ['australia', 'asia_pacific'],
  ]),
  PriceClass_All: new Map(),
};

const GEO_LABEL: Readonly<Record<ViewerGeography, string>> = {
  united_states: 'United States',
  canada: 'Canada',
  europe: 'Europe',
  japan: 'Japan',
  india: 'India',
  asia_pacific: 'Asia Pacific',
  australia: 'Australia',
  south_america: 'South America',
  south_africa: 'South Africa',
  middle_east: 'Middle East',
};

/** The edge geography nearest a region, for viewers when the usage profile names none. */
export function geographyOfRegion(region: string): ViewerGeography {
  if (region.startsWith('ca-')) return 'canada';
  if (region.startsWith('eu-') || region.startsWith('il-')) return 'europe';
  if (region.startsWith('ap-south-')) return 'india';
  if (region === 'ap-northeast-1' || region === 'ap-northeast-3') return 'japan';
  if (region === 'ap-southeast-2' || region === 'ap-southeast-4' || region === 'ap-southeast-6') return 'australia';
  if (region.startsWith('ap-')) return 'asia_pacific';
  if (region.startsWith('sa-')) return 'south_america';
  if (region.startsWith('af-')) return 'south_africa';
  if (region.startsWith('me-')) return 'middle_east';
  return 'united_states';
}

/** Viewer shares per geography: usage `viewers`, the legacy `edgeRegion`, else the stack region's geography. */
function viewerShares(ctx: EstimateContext, assumptions: string[]): [ViewerGeography, number][] {
  const legacy = ctx.usage.values.edgeRegion;
  const near = geographyOfRegion(ctx.region);
  const v = ctx.usage.peek('viewers', legacy === 'india' ? 'india' : legacy === 'us-eu' ? 'united_states' : near, `viewers near ${ctx.region}`);
  if (v === undefined) {
    if (legacy) return [[legacy === 'india' ? 'india' : 'united_states', 1]];
    assumptions.push(`viewers in ${GEO_LABEL[near]} (nearest the stack's region ${ctx.region}; set usage viewers)`);
    return [[near, 1]];
  }
  if (typeof v === 'string') return [[v, 1]];
  return (Object.entries(v) as [ViewerGeography, number][]).filter(([, share]) => share > 0);
}

export function estimateDistribution(r: Resource, ctx: EstimateContext): EstimateResult {
  const pc = readString(ctx.read, r, ['DistributionConfig', 'PriceClass']);
  const assumptions: string[] = [];
  if (!pc.known && pc.why !== 'not set') assumptions.push(`PriceClass ${pc.why}: assumed PriceClass_All`);
  const priceClass = pc.known && Object.hasOwn(PRICE_CLASS_FALLBACK, pc.value) ? pc.value : 'PriceClass_All';
  const fallback = PRICE_CLASS_FALLBACK[priceClass] as ReadonlyMap<ViewerGeography, ViewerGeography>;
  const shares = viewerShares(ctx, assumptions);
  const gb = ctx.usage.get('dataOutGB', 50);
  const requests = ctx.usage.get('requests', 1_000_000);
  const httpsShare = ctx.usage.get('httpsShare', 1);
  const usageAssumed = ctx.usage.take();
  // Viewers outside the price class are billed at the geography of the edge that serves them.
  const billed = new Map<ViewerGeography, number>();
  for (const [geo, share] of shares) {
    const at = fallback.get(geo) ?? geo;
    if (at !== geo) assumptions.push(`${GEO_LABEL[geo]} viewers served from ${GEO_LABEL[at]} edges (${priceClass})`);
    billed.set(at, (billed.get(at) ?? 0) + share);
  }
  const items: UsageItem[] = [];
  let first = true;
  for (const [geo, share] of billed) {
    const label = GEO_LABEL[geo];
    const part = shares.length > 1 || billed.size > 1 ? ` (${Math.round(share * 100)}%)` : '';
    const lead = first ? [...usageAssumed, ...assumptions] : [];
    first = false;
    items.push({
      service: 'CloudFront',
      description: `data out to viewers, ${label}${part}, ${+(gb * share).toFixed(3)} GB`,
      quantity: gb * share,
      priceKey: `cloudfront.dto.${geo}`,
      what: `CloudFront data out (${label})`,
      allowances: ['always.cloudfront.dto'],
      ...withAssumptions(lead),
    });
    const https = requests * share * httpsShare;
    const http = requests * share - https;
    if (https > 0)
      items.push({
        service: 'CloudFront',
        description: `HTTPS requests, ${label}, ${thousands(Math.round(https))}`,
        quantity: https / 10_000,
        priceKey: `cloudfront.requests.${geo}.https`,
        what: `CloudFront HTTPS requests (${label})`,
        allowances: ['always.cloudfront.requests'],
      });
    if (http > 0)
      items.push({
        service: 'CloudFront',
        description: `HTTP requests, ${label}, ${thousands(Math.round(http))}`,
        quantity: http / 10_000,
        priceKey: `cloudfront.requests.${geo}.http`,
        what: `CloudFront HTTP requests (${label})`,
        allowances: ['always.cloudfront.requests'],
      });
  }
  return { items };
}

// Amplify Hosting bills the app: build minutes, the built artefacts stored and data served.
// Branches and domains are free. https://aws.amazon.com/amplify/pricing/
export function estimateAmplifyApp(_r: Resource, ctx: EstimateContext): EstimateResult {
  const minutes = ctx.usage.get('buildMinutes', 0);
  const items: UsageItem[] = [
    {
      service: 'Amplify',
      description: `build minutes, ${minutes}`,
      quantity: minutes,
      priceKey: 'amplify.build.standard',
      what: 'Amplify build minutes',
      ...withAssumptions(ctx.usage.take()),
    },
  ];
  const gb = ctx.usage.get('storageGB', 1);
  items.push({
    service: 'Amplify',
    description: `hosted storage ${gb} GB`,
    quantity: gb,
    priceKey: 'amplify.storage',
    what: 'Amplify storage',
    ...withAssumptions(ctx.usage.take()),
  });
  const out = ctx.usage.get('dataOutGB', 0);
  items.push({
    service: 'Amplify',
    description: `data served ${out} GB`,
    quantity: out,
    priceKey: 'amplify.data_served',
    what: 'Amplify data served',
    ...withAssumptions(ctx.usage.take()),
  });
  return { items };
}
