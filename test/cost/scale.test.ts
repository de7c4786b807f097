// Cross-resource questions of the estimators (an instance's Elastic IPs, a cluster's members, a
// topic's subscriptions, a VPC's gateway) are answered from an index built once per input: the
// number of property reads grows with the input, not with its square. (A 19 MB template of
// 87,000 resources spent 9 of 28 s searching every resource for each instance's Elastic IP.)
import { describe, expect, it } from 'vitest';
import { estimateResources } from '../../src/cost/estimate.js';
import type { Path, Resource } from '../../src/model/resource.js';
import { dig } from '../../src/model/values.js';

const origin = { kind: 'template', file: 'big.yaml', path: [] } as unknown as Resource['origin'];
const res = (type: string, id: string, properties: Record<string, unknown>): Resource => ({ type, id, properties, origin }) as Resource;

function stack(n: number): Resource[] {
  const out: Resource[] = [];
  for (let i = 0; i < n; i++) {
    out.push(res('AWS::EC2::Instance', `Web${i}`, { InstanceType: 't3.micro', SubnetId: 'subnet-1' }));
    if (i % 2 === 0) out.push(res('AWS::EC2::EIP', `Ip${i}`, { InstanceId: { Ref: `Web${i}` } }));
    out.push(res('AWS::SNS::Topic', `Topic${i}`, {}));
    out.push(res('AWS::SNS::Subscription', `Sub${i}`, { TopicArn: { Ref: `Topic${i}` }, Protocol: 'email' }));
  }
  return out;
}

function readsFor(n: number): { reads: number; lines: number } {
  let reads = 0;
  const read = (r: Resource, path: Path): unknown => {
    reads++;
    return dig(r.properties, path);
  };
  const report = estimateResources(stack(n), { read });
  return { reads, lines: report.lines.length };
}

describe('estimator cross-resource lookups', () => {
  it('read each property a bounded number of times: ten times the resources, about ten times the reads', () => {
    const small = readsFor(200);
    const large = readsFor(2_000);
    expect(large.lines).toBeGreaterThan(small.lines * 9);
    expect(large.reads).toBeLessThan(small.reads * 12);
  });

  it('still sees an instance its Elastic IP belongs to (no auto-assigned address billed for it)', () => {
    const report = estimateResources(stack(2));
    const ipv4 = report.lines.filter((l) => l.priceKey === 'vpc.public_ipv4').map((l) => l.resource.id);
    expect(ipv4).toContain('Ip0');
    expect(ipv4).not.toContain('Web0');
  });
});
