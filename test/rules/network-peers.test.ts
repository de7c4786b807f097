// Agreement with checkov's and cfn_nag's own verdicts on the security-group corpus
// (../shared/corpus, read in place). Every peer FAIL mapped to a NET control must be ours
// too; where we are stricter or differ on purpose, the case is named here with the reason.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTemplates } from '../../src/engine/scan-templates.js';

const shared = resolve(__dirname, '../../../shared');
const corpus = join(shared, 'corpus');
const available = existsSync(join(corpus, 'manifest.json'));

interface Entry {
  tool: string;
  check_id: string;
  template: string;
  logical_id: string;
  expected: 'PASS' | 'FAIL';
  related_ids?: string[];
  parameter_values?: string;
  condition_values?: string;
}

const entries: Entry[] = available ? JSON.parse(readFileSync(join(corpus, 'manifest.json'), 'utf8')) : [];
const map: Record<string, Record<string, [string, string]>> = available ? JSON.parse(readFileSync(join(shared, 'tools', 'peer-map.json'), 'utf8')) : {};

function ours(e: Entry, control: string) {
  const r = scanTemplates([join(corpus, e.template)]);
  const ids = new Set([e.logical_id, ...(e.related_ids ?? [])]);
  return r.findings.filter((f) => f.ruleId === control && ids.has(f.resource.id));
}

const mapped = entries.filter((e) => map[e.tool]?.[e.check_id]?.[0]?.startsWith('NET-') && !e.parameter_values && !e.condition_values);

describe.skipIf(!available)('NET controls against the peer corpus', () => {
  it('covers the mapped checks', () => {
    expect(mapped.length).toBeGreaterThan(5);
  });

  it.each(mapped.filter((e) => e.expected === 'FAIL').map((e) => [`${e.tool} ${e.check_id} ${e.template} ${e.logical_id}`, e] as const))('peer FAIL is ours: %s', (_n, e) => {
    const control = map[e.tool]![e.check_id]![0];
    expect(ours(e, control).map((f) => f.status)).toContain('fail');
  });

  // Deliberate differences, each with its reason.
  const stricter: Record<string, { status: string; severity?: string; why: string }> = {
    'templates/checkov/CKV_AWS_24/SecurityGroupUnrestrictedIngress22-PASSED.yaml': {
      status: 'fail',
      severity: 'medium',
      why: 'CONTROLS NET-001: a private CIDR wider than one host is a medium finding; checkov only fails 0.0.0.0/0',
    },
    'templates/checkov/CKV_AWS_25/SecurityGroupUnrestrictedIngress3389-PASSED.yaml': { status: 'fail', severity: 'medium', why: 'same as above, for RDP' },
    'templates/checkov/CKV_AWS_24/SecurityGroupRangeInvalid-PASSED.yaml': {
      status: 'not-evaluated',
      why: 'FromPort 23 > ToPort 21: EC2 rejects the rule, so it is neither open nor closed',
    },
  };
  it.each(mapped.filter((e) => e.expected === 'PASS').map((e) => [`${e.tool} ${e.check_id} ${e.template} ${e.logical_id}`, e] as const))('peer PASS: %s', (_n, e) => {
    const control = map[e.tool]![e.check_id]![0];
    const found = ours(e, control);
    const known = stricter[e.template];
    if (known) {
      expect(found.map((f) => f.status)).toEqual([known.status]);
      if (known.severity) expect(found[0]!.severity).toBe(known.severity);
    } else {
      expect(found.filter((f) => f.status === 'fail')).toEqual([]);
    }
  });
});
