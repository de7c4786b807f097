// Redaction of saved snapshots: no literal secret value is saved unless --save-raw, and what
// SEC-001 judges (name, literal or reference, length class, credential shape, the two
// characters its mask shows) survives, so a redacted snapshot gives the same findings.

import { describe, expect, it } from 'vitest';
import { auditAccount } from '../../../src/engine/audit-account.js';
import { decodeUserData, judgeVariable, scanScript } from '../../../src/rules/secrets/detect.js';
import { redactCall, redactUserData, redactValue } from '../../../src/scanners/account/redact.js';
import { buildSnapshot, createSnapshotCallSource, parseSnapshot } from '../../../src/scanners/account/snapshot.js';
import { faultAccountSnapshot } from '../../helpers/aws-wire/fault-account.js';

// Sample values in each credential format SEC-001 recognises (fake, shaped as documented).
const SAMPLES: readonly (readonly [string, string])[] = [
  ['DB_PASSWORD', 'example-not-a-real-password'],
  ['DB_PASSWORD', 'short1'],
  ['PASSPORT_SECRET', 'x'.repeat(200)],
  ['AWS_ACCESS_KEY_ID', 'AKIAIOSFODNN7EXAMPLE'],
  ['TEMP_KEY', 'ASIAIOSFODNN7EXAMPLE'],
  ['TLS_KEY', '-----BEGIN RSA PRIVATE KEY-----\nMIIEexample\n-----END RSA PRIVATE KEY-----'],
  ['GH', `ghp_${'a1B2'.repeat(9)}`],
  ['GL', 'glpat-abcdefghij0123456789'],
  ['SLACK', 'xoxb-0000000000-EXAMPLEEXAMPLE'],
  ['PAY', `sk_live_${'ab12'.repeat(6)}`],
  ['MAPS', `AIza${'Sy0-example_EXAMPLE'.padEnd(35, 'x')}`],
  ['DATABASE_URL', 'postgres://app:s3cr3t-pass@db.example.com:5432/app'],
  ['LOG_LEVEL', 'debug'],
  ['API_URL', 'https://api.example.com/v1'],
];
// Not secrets by SEC-001's own definition: kept verbatim.
const KEPT = [
  '',
  '{{resolve:secretsmanager:prod/db:SecretString:password}}',
  '$DB_PASSWORD',
  '${Password}',
  'true',
  '5432',
  'arn:aws:secretsmanager:us-east-1:111122223333:secret:db-AbCdEf',
];

describe('redactValue', () => {
  it.each(SAMPLES)('%s: the literal is gone and SEC-001 judges the redacted value the same way, with the same mask', (name, value) => {
    const redacted = redactValue(value);
    expect(typeof redacted).toBe('string');
    expect(redacted).not.toContain(value);
    // Nothing of the secret part survives (a credential's documented prefix may, in its placeholder).
    const middle = value.slice(Math.floor(value.length / 2) - 3, Math.floor(value.length / 2) + 3);
    if (value.length >= 8) expect(String(redacted).slice(2)).not.toContain(middle);
    expect(judgeVariable(name, String(redacted))).toEqual(judgeVariable(name, value));
  });

  it.each(KEPT)('%j is not a secret value and is kept', (value) => {
    expect(redactValue(value)).toBe(value);
  });

  it('is idempotent (a re-saved snapshot is not redacted twice)', () => {
    for (const [, v] of SAMPLES) expect(redactValue(redactValue(v))).toBe(redactValue(v));
  });
});

describe('redactUserData', () => {
  const script = [
    '#!/bin/bash',
    'export DB_PASSWORD=hunter2hunter2',
    'export AWS_SECRET_ACCESS_KEY="wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"',
    'API_TOKEN=abc',
    'cat > /etc/key.pem <<EOF',
    '-----BEGIN OPENSSH PRIVATE KEY-----',
    'b3BlbnNzaC1rZXktdjEAAAAA',
    'EOF',
    'yum install -y nginx',
  ].join('\n');
  const b64 = Buffer.from(script).toString('base64');

  it('keeps the secrets SEC-001 finds (names, why, mask) and nothing else of the script', () => {
    const redacted = String(redactUserData(b64));
    const text = decodeUserData(redacted);
    expect(text).not.toContain('hunter2');
    expect(text).not.toContain('wJalrXUtnFEMI');
    expect(text).not.toContain('nginx');
    expect(scanScript(text)).toEqual(scanScript(script));
  });

  it('a script with only a private key keeps one line of that shape', () => {
    const only = Buffer.from('#!/bin/sh\necho "-----BEGIN PRIVATE KEY-----" > /k\n').toString('base64');
    const text = decodeUserData(String(redactUserData(only)));
    expect(scanScript(text).map((h) => h.why)).toEqual(scanScript(decodeUserData(only)).map((h) => h.why));
  });
});

describe('redacted snapshots', () => {
  const raw = faultAccountSnapshot();
  const secrets = ['example-not-a-real-password-1', 'sk_live_EXAMPLE0', 'xoxb-0000000000-EXAMPLEEXAMPLE'];

  it('hold no literal secret; --save-raw keeps them', () => {
    const redacted = JSON.stringify(buildSnapshot(raw.account, raw.calls));
    for (const s of secrets) expect(redacted).not.toContain(s);
    // Names, references and non-secret values stay.
    for (const kept of ['DB_PASSWORD', 'SLACK_TOKEN', 'arn:aws:secretsmanager:us-east-1:111122223333:secret:orders-db', '"RETRIES":"3"']) expect(redacted).toContain(kept);
    expect(JSON.parse(redacted)).toMatchObject({ redacted: true });
    const kept = JSON.stringify(buildSnapshot(raw.account, raw.calls, { raw: true }));
    for (const s of secrets) expect(kept).toContain(s);
    expect(JSON.parse(kept)).toMatchObject({ redacted: false });
  });

  it('give exactly the findings of the raw snapshot, messages included', async () => {
    const parsed = parseSnapshot(JSON.stringify(buildSnapshot(raw.account, raw.calls)), 'redacted.json');
    if (!parsed.ok) throw new Error(parsed.error.message);
    const a = await auditAccount({ source: createSnapshotCallSource(raw), regions: ['us-east-1'] });
    const b = await auditAccount({ source: createSnapshotCallSource(parsed.snapshot), regions: ['us-east-1'] });
    expect(b.findings.filter((f) => f.ruleId === 'SEC-001' && f.status === 'fail')).toHaveLength(3);
    expect(b.findings).toEqual(a.findings);
  });

  it('every place a collected output holds secret-looking values is redacted', () => {
    const calls = [
      {
        service: 'ecs',
        operation: 'DescribeTaskDefinition',
        region: 'r',
        input: {},
        output: { taskDefinition: { containerDefinitions: [{ environment: [{ name: 'A_SECRET', value: 'secret-value-1' }] }] } },
      },
      { service: 'lambda', operation: 'ListFunctions', region: 'r', input: {}, output: { Functions: [{ Environment: { Variables: { A_SECRET: 'secret-value-2' } } }] } },
      {
        service: 'apprunner',
        operation: 'DescribeService',
        region: 'r',
        input: {},
        output: {
          Service: {
            SourceConfiguration: {
              ImageRepository: { ImageConfiguration: { RuntimeEnvironmentVariables: { A_SECRET: 'secret-value-3' } } },
              CodeRepository: { CodeConfiguration: { CodeConfigurationValues: { RuntimeEnvironmentVariables: { A_SECRET: 'secret-value-4' } } } },
            },
          },
        },
      },
      {
        service: 'ec2',
        operation: 'DescribeLaunchTemplateVersions',
        region: 'r',
        input: {},
        output: { LaunchTemplateVersions: [{ LaunchTemplateData: { UserData: Buffer.from('export A_SECRET=secret-value-5\n').toString('base64') } }] },
      },
    ];
    const text = JSON.stringify(calls.map(redactCall));
    for (let i = 1; i <= 5; i++) expect(text).not.toContain(`secret-value-${i}`);
    expect(text.match(/A_SECRET/g)).toHaveLength(4);
  });
});
