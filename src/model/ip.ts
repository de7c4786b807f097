// CIDR arithmetic for the network controls. "Internet" is any range not wholly inside a
// private range (RFC 1918, RFC 6598 100.64.0.0/10, RFC 4193 fc00::/7); addresses are
// normalised first so `0000::/0` is `::/0` and `10.0.0.1/8` is read as 10.0.0.0/8.

export interface Cidr {
  readonly version: 4 | 6;
  /** Network address as a bigint (host bits cleared). */
  readonly network: bigint;
  readonly prefix: number;
}

const parsed = new Map<string, Cidr | undefined>();

/** A CIDR (or a bare address) parsed once per distinct text: rules ask about the same ranges again and again. */
export function parseCidr(text: string): Cidr | undefined {
  if (parsed.has(text)) return parsed.get(text);
  const out = parseCidrText(text);
  if (parsed.size > 10_000) parsed.clear();
  parsed.set(text, out);
  return out;
}

function parseCidrText(text: string): Cidr | undefined {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const prefixText = slash < 0 ? undefined : s.slice(slash + 1);
  if (addr.includes(':')) {
    const n = parseIpv6(addr);
    const prefix = prefixText === undefined ? 128 : Number(prefixText);
    if (n === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 128 || prefixText === '') return undefined;
    return { version: 6, network: mask(n, prefix, 128), prefix };
  }
  const n = parseIpv4(addr);
  const prefix = prefixText === undefined ? 32 : Number(prefixText);
  if (n === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 32 || prefixText === '') return undefined;
  return { version: 4, network: mask(n, prefix, 32), prefix };
}

function mask(n: bigint, prefix: number, bits: number): bigint {
  const hostBits = BigInt(bits - prefix);
  return (n >> hostBits) << hostBits;
}

function parseIpv4(s: string): bigint | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return undefined;
    n = n * 256n + BigInt(p);
  }
  return n;
}

function parseIpv6(s: string): bigint | undefined {
  let text = s;
  // An embedded IPv4 tail (::ffff:1.2.3.4) becomes two groups.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (v4) {
    const n = parseIpv4(v4[1]!);
    if (n === undefined) return undefined;
    text = text.slice(0, v4.index) + `${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? head.length !== 8 : missing < 1) return undefined;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return undefined;
    n = (n << 16n) + BigInt(parseInt(g, 16));
  }
  return n;
}

const PRIVATE_RANGES: readonly Cidr[] = ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'].map((c) => parseCidr(c)!);

/**
 * Ranges that never route to the internet: loopback, link-local, broadcast. A rule to one of
 * them is a placeholder (CDK writes 255.255.255.255/32 for "no egress"; others use
 * 127.0.0.1/32), not an opening. https://www.rfc-editor.org/rfc/rfc6890
 */
const NON_ROUTABLE: readonly Cidr[] = ['127.0.0.0/8', '169.254.0.0/16', '255.255.255.255/32', '::1/128', 'fe80::/10'].map((c) => parseCidr(c)!);

/** Whether `inner` lies wholly inside `outer`. */
export function cidrContains(outer: Cidr, inner: Cidr): boolean {
  if (outer.version !== inner.version || inner.prefix < outer.prefix) return false;
  return mask(inner.network, outer.prefix, outer.version === 4 ? 32 : 128) === outer.network;
}

/** Any range that is not wholly inside a private range faces the internet. */
export function isInternetRange(c: Cidr): boolean {
  return !PRIVATE_RANGES.some((p) => cidrContains(p, c)) && !NON_ROUTABLE.some((p) => cidrContains(p, c));
}

export function isSingleHost(c: Cidr): boolean {
  return c.prefix === (c.version === 4 ? 32 : 128);
}

/** `0.0.0.0/0` or `::/0` in any spelling. */
export function isAnyAddress(c: Cidr): boolean {
  return c.prefix === 0;
}

export function formatCidr(c: Cidr): string {
  if (c.version === 4) return `${[24n, 16n, 8n, 0n].map((s) => ((c.network >> s) & 255n).toString()).join('.')}/${c.prefix}`;
  const groups: string[] = [];
  for (let i = 7; i >= 0; i--) groups.push(((c.network >> BigInt(i * 16)) & 0xffffn).toString(16));
  // Compress the longest run of zero groups, as RFC 5952 writes addresses.
  let best = -1;
  let bestLen = 0;
  for (let i = 0; i < 8; ) {
    if (groups[i] !== '0') {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === '0') j++;
    if (j - i > bestLen) [best, bestLen] = [i, j - i];
    i = j;
  }
  const text = bestLen >= 2 ? `${groups.slice(0, best).join(':')}::${groups.slice(best + bestLen).join(':')}` : groups.join(':');
  return `${text}/${c.prefix}`;
}
