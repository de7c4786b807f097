// Fn::Cidr for IPv4: `count` subnets of /(32 - cidrBits) carved from the start of the block.
// https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference-cidr.html

export function cidrSubnets(block: string, count: number, cidrBits: number): string[] | undefined {
  const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(block);
  if (!m || !Number.isInteger(count) || !Number.isInteger(cidrBits) || count < 1 || count > 256) return undefined;
  const prefix = 32 - cidrBits;
  const base = m.slice(1, 5).reduce((acc, o) => acc * 256 + Number(o), 0);
  if (prefix < Number(m[5]) || prefix > 32) return undefined;
  const size = 2 ** cidrBits;
  const out: string[] = [];
  for (let i = 0; i < count; i++) {
    const n = base + i * size;
    out.push(`${[24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.')}/${prefix}`);
  }
  return out;
}
