import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimateCost, isInputError, loadUsageProfile, parseUsageProfileText, usageFor } from '../../src/cost/index.js';
import { res } from './helpers.js';

describe('usage profile', () => {
  it('reports YAML errors with file and 1-based line', () => {
    const e = parseUsageProfileText('hoursPerMonth: 730\nresources:\n  Web: {hours: 1\n  Db: x\n', 'u.yaml');
    expect(isInputError(e)).toBe(true);
    if (!isInputError(e)) return;
    expect(e.file).toBe('u.yaml');
    expect(e.line).toBeGreaterThanOrEqual(3);
    expect(e.message).toMatch(/^usage profile: /);
  });

  it('reports duplicate keys at their line', () => {
    const e = parseUsageProfileText('hoursPerMonth: 730\nhoursPerMonth: 700\n', 'u.yaml');
    expect(isInputError(e) && e.line).toBe(2);
  });

  it('reports schema errors with the zod path', () => {
    const e = parseUsageProfileText('resources:\n  Web:\n    hours: 900\n', 'u.yaml');
    expect(isInputError(e) && e.message).toMatch(/^usage profile: resources\.Web\.hours: Too big/);
    const u = parseUsageProfileText('resources:\n  Web:\n    hourz: 1\n', 'u.yaml');
    expect(isInputError(u) && u.message).toMatch(/resources\.Web: Unrecognized key.*hourz/);
    expect(parseUsageProfileText('', 'u.yaml')).toEqual({});
  });

  it('loads a file, and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'usage-'));
    const file = join(dir, 'u.yaml');
    await writeFile(file, 'freeTier: legacy\ndefaults:\n  logIngestGB: 3\n');
    expect(await loadUsageProfile(file)).toEqual({ freeTier: 'legacy', defaults: { logIngestGB: 3 }, resources: new Map() });
    const missing = await loadUsageProfile(join(dir, 'nope.yaml'));
    expect(isInputError(missing) && missing.message).toBe('cannot read usage profile: no such file or directory');
  });

  it('merges defaults < tag selectors < logical id', () => {
    const profile = { defaults: { hours: 100, lcu: 1 }, resources: { 'tag:Environment=prod': { hours: 730, lcu: 2 }, Alb: { lcu: 3 } } };
    const prod = res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Alb', { Tags: [{ Key: 'Environment', Value: 'prod' }] });
    const dev = res('AWS::ElasticLoadBalancingV2::LoadBalancer', 'Other', { Tags: [{ Key: 'Environment', Value: 'dev' }] });
    expect(usageFor(profile, prod).values).toEqual({ hours: 730, lcu: 3 });
    expect(usageFor(profile, dev).values).toEqual({ hours: 100, lcu: 1 });
    const r = estimateCost([prod, dev], { region: 'us-east-1', usage: profile });
    expect(r.lines.find((l) => l.resource.id === 'Other' && l.priceKey === 'elb.alb.hour')?.quantity).toBe(100);
  });

  it('says in the line when a usage default was taken', () => {
    const r = estimateCost([res('AWS::S3::Bucket', 'B')], { region: 'us-east-1' });
    expect(r.lines[0]?.description).toBe('STANDARD storage 5 GB — assumed: storageGB=5 (usage default)');
    expect(r.lines[0]?.assumptions).toEqual(['storageGB=5 (usage default)']);
    const given = estimateCost([res('AWS::S3::Bucket', 'B')], { region: 'us-east-1', usage: { resources: { B: { storageGB: 5 } } } });
    expect(given.lines[0]?.assumptions).toBeUndefined();
  });

  it('applies always-free allowances once across resources', () => {
    const r = estimateCost([res('AWS::CloudFront::Distribution', 'A'), res('AWS::CloudFront::Distribution', 'B')], {
      region: 'us-east-1',
      usage: { defaults: { dataOutGB: 800, requests: 0 } },
    });
    const dto = r.lines.filter((l) => l.priceKey === 'cloudfront.dto.united_states');
    // A: 800 GB free; B: 224 GB free + 576 GB billable at $0.085.
    expect(dto.map((l) => [l.resource.id, l.quantity, l.freeQuantity, l.monthly])).toEqual([
      ['A', 800, 800, 0],
      ['B', 800, 224, 48.96],
    ]);
  });
});
