// AWS region names stackaudit accepts. A mistyped region (`us-eats-1`) must be an error, not
// an empty account or a $0.00 bill: every call to it fails DNS and would otherwise read as
// "nothing there". https://docs.aws.amazon.com/global-infrastructure/latest/regions/aws-regions.html

/** The commercial (aws partition) regions, code → name as AWS documentation writes it. */
export const COMMERCIAL_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  'af-south-1': 'Africa (Cape Town)',
  'ap-east-1': 'Asia Pacific (Hong Kong)',
  'ap-east-2': 'Asia Pacific (Taipei)',
  'ap-northeast-1': 'Asia Pacific (Tokyo)',
  'ap-northeast-2': 'Asia Pacific (Seoul)',
  'ap-northeast-3': 'Asia Pacific (Osaka)',
  'ap-south-1': 'Asia Pacific (Mumbai)',
  'ap-south-2': 'Asia Pacific (Hyderabad)',
  'ap-southeast-1': 'Asia Pacific (Singapore)',
  'ap-southeast-2': 'Asia Pacific (Sydney)',
  'ap-southeast-3': 'Asia Pacific (Jakarta)',
  'ap-southeast-4': 'Asia Pacific (Melbourne)',
  'ap-southeast-5': 'Asia Pacific (Malaysia)',
  'ap-southeast-6': 'Asia Pacific (New Zealand)',
  'ap-southeast-7': 'Asia Pacific (Thailand)',
  'ca-central-1': 'Canada (Central)',
  'ca-west-1': 'Canada West (Calgary)',
  'eu-central-1': 'Europe (Frankfurt)',
  'eu-central-2': 'Europe (Zurich)',
  'eu-north-1': 'Europe (Stockholm)',
  'eu-south-1': 'Europe (Milan)',
  'eu-south-2': 'Europe (Spain)',
  'eu-west-1': 'Europe (Ireland)',
  'eu-west-2': 'Europe (London)',
  'eu-west-3': 'Europe (Paris)',
  'il-central-1': 'Israel (Tel Aviv)',
  'me-central-1': 'Middle East (UAE)',
  'me-south-1': 'Middle East (Bahrain)',
  'mx-central-1': 'Mexico (Central)',
  'sa-east-1': 'South America (São Paulo)',
  'us-east-1': 'US East (N. Virginia)',
  'us-east-2': 'US East (Ohio)',
  'us-west-1': 'US West (N. California)',
  'us-west-2': 'US West (Oregon)',
});

/** Regions of the other partitions: valid for templates and audits, not priced. */
export const OTHER_PARTITION_REGIONS: Readonly<Record<string, string>> = Object.freeze({
  'us-gov-east-1': 'AWS GovCloud (US-East)',
  'us-gov-west-1': 'AWS GovCloud (US-West)',
  'cn-north-1': 'China (Beijing)',
  'cn-northwest-1': 'China (Ningxia)',
});

const KNOWN: ReadonlySet<string> = new Set([...Object.keys(COMMERCIAL_REGIONS), ...Object.keys(OTHER_PARTITION_REGIONS)]);

export function isKnownRegion(code: string): boolean {
  return KNOWN.has(code);
}

/** The known region closest to a mistyped one (edit distance ≤ 3), for "did you mean". */
export function closestRegion(code: string): string | undefined {
  let best: string | undefined;
  let bestDistance = 4;
  for (const known of KNOWN) {
    const d = editDistance(code.toLowerCase(), known);
    if (d < bestDistance) {
      best = known;
      bestDistance = d;
    }
  }
  return best;
}

/** Checks a region name; the error says what was meant and lists the valid names. */
export function regionError(code: string): string | undefined {
  if (isKnownRegion(code)) return undefined;
  const near = closestRegion(code);
  return `unknown region "${code}"${near ? ` (did you mean ${near}?)` : ''}; valid regions: ${[...KNOWN].sort().join(', ')}`;
}

/** Levenshtein distance, for suggestions on short names only. */
export function editDistance(a: string, b: string): number {
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    prev = cur;
  }
  return prev[b.length]!;
}
