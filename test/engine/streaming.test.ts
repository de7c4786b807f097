// A streaming scan (the CLI's: keepUnits false, loose templates parsed one at a time) reports
// exactly what a scan that loads everything first reports: findings, errors, notes and counts.
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { loadInputs } from '../../src/scanners/cloudformation/inputs.js';

const root = resolve(__dirname, '../..');
const dir = mkdtempSync(join(tmpdir(), 'stackaudit-streaming-'));
mkdirSync(join(dir, 'walk'));
const open = `Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 8000, ToPort: 8000, CidrIp: 0.0.0.0/0 }
`;
writeFileSync(join(dir, 'walk', 'a-open.yaml'), open);
writeFileSync(join(dir, 'walk', 'b-broken.yaml'), 'Resources:\n  A: 1\n  A: 2\n');
// Mentions Resources, parses, is not a template: a note in a walk.
writeFileSync(join(dir, 'walk', 'c-values.yaml'), 'description: Resources are listed elsewhere\nreplicas: 3\n');
writeFileSync(join(dir, 'walk', 'd-plain.json'), '{"name": "pkg"}');
// Named by the user and not a template: an error.
writeFileSync(join(dir, 'named.yaml'), 'Resources: [1, 2]\n');

const paths = [join(dir, 'walk'), join(dir, 'named.yaml'), join(root, 'fixtures/seeds/002-expenses-app.cdk.out'), join(root, 'fixtures/seeds/001-etf-tracker.yaml')];
const plain = (r: ReturnType<typeof scanTemplates>) => ({
  findings: r.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.file}:${f.resource.line} ${f.resource.id} ${f.message}`),
  errors: r.errors,
  notes: r.notes ?? [],
  summary: r.summary,
});

describe('streaming scan', () => {
  it('leaves loose templates unparsed until their turn (pending), cloud assemblies loaded', () => {
    const loaded = loadInputs(paths, { defer: true });
    expect(new Set(loaded.pending?.map((p) => p.file.split('/').pop()))).toEqual(new Set(['a-open.yaml', 'b-broken.yaml', 'c-values.yaml', 'named.yaml', '001-etf-tracker.yaml']));
    expect(loaded.inputs.every((i) => i.assembly !== undefined)).toBe(true);
  });

  it('reports what a loaded scan reports: findings, errors, notes, summary', () => {
    const streamed = plain(scanTemplates(paths, { keepUnits: false }));
    const loaded = plain(scanTemplates(paths));
    expect(streamed).toEqual(loaded);
    expect(streamed.errors.map((e) => e.file.split('/').pop())).toEqual(['named.yaml', 'b-broken.yaml']);
    expect(streamed.notes.some((n) => /c-values\.yaml: not a CloudFormation template/.test(n))).toBe(true);
    expect(streamed.findings.some((f) => f.startsWith('NET-002 fail') && f.includes('a-open.yaml'))).toBe(true);
  });
});
