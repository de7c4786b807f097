import { describe, expect, it } from 'vitest';
import { formatSarif, pascalCase } from '../../src/reporters/sarif.js';
import { CTX, EMPTY_REPORT, REPORT, shuffled } from './fixture.js';

// Parsed SARIF is navigated freely in assertions; a wrong path fails the test, so `any` costs nothing here.
type O = Record<string, any>;
const parse = (s: string): O => JSON.parse(s) as O;

describe('formatSarif', () => {
  const sarif = formatSarif(REPORT, CTX);
  const doc = parse(sarif);
  const run = doc['runs'][0];
  const byRule = (id: string): O => run.results.find((r: O) => r['ruleId'] === id);

  it('has the 2.1.0 header and driver metadata', () => {
    expect(doc['version']).toBe('2.1.0');
    expect(doc['$schema']).toMatch(/sarif-2\.1\.0/);
    expect(run.tool.driver).toMatchObject({
      name: 'stackaudit',
      version: '1.2.3',
      semanticVersion: '1.2.3',
      informationUri: 'https://github.com/stackaudit/stackaudit',
    });
  });

  it('describes every rule, sorted, with GitHub severity data', () => {
    const rules: O[] = run.tool.driver.rules;
    expect(rules.map((r) => r['id'])).toEqual(['COST-002', 'DB-001', 'NET-001', 'OBS-001', 'S3-002']);
    const net = rules.find((r) => r['id'] === 'NET-001') as O;
    expect(net).toMatchObject({
      name: 'SshSingleHost',
      shortDescription: { text: 'SSH is open only to a single host.' },
      fullDescription: { text: 'SSH open to the internet invites brute force; allow one admin host at most.' },
      helpUri: 'https://github.com/stackaudit/stackaudit/blob/main/docs/rules/NET-001.md',
      defaultConfiguration: { level: 'error' },
      properties: { tags: ['security', 'network'], 'security-severity': '9.5' },
    });
    expect(net['help']['markdown']).toContain('`CidrIp`');
    const sev = Object.fromEntries(rules.map((r) => [r['id'], [r['defaultConfiguration']['level'], r['properties']['security-severity']]]));
    expect(sev).toEqual({
      'NET-001': ['error', '9.5'],
      'DB-001': ['error', '8.0'],
      'S3-002': ['warning', '5.5'],
      'OBS-001': ['note', '3.0'],
      'COST-002': ['note', undefined],
    });
    expect(rules.find((r) => r['id'] === 'OBS-001')?.['properties']['tags']).toEqual(['security', 'observability', 'tiered']);
  });

  it('ruleIndex points at the rule descriptor of ruleId', () => {
    for (const r of run.results as O[]) expect(run.tool.driver.rules[r['ruleIndex']]['id']).toBe(r['ruleId']);
  });

  it('gives template findings a repo-relative physical location with 1-based lines', () => {
    const net = byRule('NET-001');
    expect(net['kind']).toBe('fail');
    expect(net['level']).toBe('error');
    expect(net['message']['text']).toBe('SSH (port 22) is open to 0.0.0.0/0 | any host.');
    expect(net['locations'][0]['physicalLocation']).toEqual({
      artifactLocation: { uri: 'templates/app.yaml', uriBaseId: '%SRCROOT%' },
      region: { startLine: 12, startColumn: 7 },
    });
    expect(run.originalUriBaseIds['%SRCROOT%']['uri']).toBe('file:///repo/');
    // No line known: the first line of the file.
    expect(byRule('COST-002')['locations'][0]['physicalLocation']['region']).toEqual({ startLine: 1 });
    expect(byRule('COST-002')['locations'][0]['logicalLocations'][0]['fullyQualifiedName']).toBe('Net/Bastion');
  });

  it('gives account findings a logical location named by the ARN (and a pseudo-path GitHub accepts)', () => {
    const s3 = byRule('S3-002');
    const loc = s3['locations'][0];
    expect(loc['logicalLocations']).toEqual([{ name: 'logs-bucket', fullyQualifiedName: 'arn:aws:s3:::logs-bucket', kind: 'resource' }]);
    expect(loc['physicalLocation']['artifactLocation']['uri']).toBe('aws/111122223333/us-east-1/AWS-S3-Bucket/logs-bucket');
  });

  it('marks not-evaluated as kind review, level none, with the reason', () => {
    const db = byRule('DB-001');
    expect(db['kind']).toBe('review');
    expect(db['level']).toBe('none');
    expect(db['message']['text']).toContain('Not evaluated: PubliclyAccessible comes from parameter DbPublic, which has no default.');
  });

  it('keeps suppressed findings with an inSource suppression and its justification', () => {
    const obs = byRule('OBS-001');
    expect(obs['kind']).toBe('fail');
    expect(obs['suppressions']).toEqual([{ kind: 'inSource', status: 'accepted', justification: 'audit logs must be kept <forever> & "always"' }]);
    expect(byRule('NET-001')['suppressions']).toBeUndefined();
  });

  it('uses the finding fingerprint, so moving lines does not change it', () => {
    expect(byRule('NET-001')['partialFingerprints']).toEqual({ 'stackaudit/v1': 'fp-net-001-web' });
    const moved = {
      ...REPORT,
      findings: REPORT.findings.map((f) => ({ ...f, resource: { ...f.resource, ...(f.resource.line && { line: f.resource.line + 10 }) } })),
    };
    const fps = (d: O): unknown => d['runs'][0].results.map((r: O) => r['partialFingerprints']);
    expect(fps(parse(formatSarif(moved, CTX)))).toEqual(fps(doc));
  });

  it('reports input errors as failed-execution notifications and notes as notes', () => {
    const inv = run.invocations[0];
    expect(inv['executionSuccessful']).toBe(false);
    expect(inv['toolExecutionNotifications']).toEqual([
      {
        level: 'error',
        message: { text: 'duplicate key "Resources".' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'templates/broken.yaml', uriBaseId: '%SRCROOT%' }, region: { startLine: 3, startColumn: 5 } } }],
        descriptor: { id: 'input-error' },
      },
      { level: 'note', message: { text: 'skipped README.md: not a template.' }, descriptor: { id: 'note' } },
    ]);
    expect(parse(formatSarif(EMPTY_REPORT, CTX))['runs'][0].invocations[0]['executionSuccessful']).toBe(true);
  });

  it('never prints the finding path (Unknown / ResourceRef internals)', () => {
    expect(sarif).not.toContain('SshCidr');
    expect(sarif).not.toContain('<Ref X>');
  });

  it('describes a rule the catalog lacks from the finding', () => {
    const extra = { ...REPORT, findings: [{ ...REPORT.findings[1]!, ruleId: 'ENGINE-ERROR', ruleName: 'rule-error' }] };
    const d = parse(formatSarif(extra, CTX));
    const r = d['runs'][0];
    expect(r.tool.driver.rules[r.results[0]['ruleIndex']]['id']).toBe('ENGINE-ERROR');
  });

  it('encodes file names and keeps files outside the repo absolute', () => {
    const odd = {
      ...REPORT,
      findings: [
        { ...REPORT.findings[1]!, resource: { ...REPORT.findings[1]!.resource, file: 'my templates/a#b.yaml' } },
        { ...REPORT.findings[1]!, fingerprint: 'x', resource: { ...REPORT.findings[1]!.resource, file: '/elsewhere/t.yaml' } },
      ],
    };
    const uris = parse(formatSarif(odd, CTX))['runs'][0].results.map((r: O) => r['locations'][0]['physicalLocation']['artifactLocation']);
    expect(uris).toContainEqual({ uri: 'my%20templates/a%23b.yaml', uriBaseId: '%SRCROOT%' });
    expect(uris).toContainEqual({ uri: 'file:///elsewhere/t.yaml' });
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatSarif(shuffled(REPORT), CTX)).toBe(sarif);
  });

  it('PascalCases slugs', () => {
    expect(pascalCase('ssh-single-host')).toBe('SshSingleHost');
    expect(pascalCase('s3-public-access')).toBe('S3PublicAccess');
    expect(pascalCase('001-x')).toBe('Rule001X');
  });
});
