import { describe, expect, it } from 'vitest';
import { evaluate } from '../../src/engine/evaluate.js';
import { effectiveConfig } from '../../src/engine/config.js';
import { defineRule } from '../../src/model/rule.js';
import { explore, simplify, type ChoiceVar } from '../../src/model/scenario.js';
import { Unknown } from '../../src/model/values.js';
import { NETWORK_RULES } from '../../src/rules/network/index.js';
import { scanText } from '../helpers/scan.js';

const cond = (name: string): ChoiceVar => ({ key: name, kind: 'condition', name, domain: [true, false] });

describe('scenario exploration', () => {
  it('enumerates only the choices a run reaches, each leaf once', () => {
    const a = cond('A');
    const b = cond('B');
    const c = cond('C');
    // B is read only when A holds; C is never read.
    const e = explore((run) => (run.choose(a) ? `a${run.choose(b)}` : 'na'), 100);
    expect(e.leaves.map((l) => l.result).sort()).toEqual(['afalse', 'atrue', 'na']);
    expect(e.vars.has(c.key)).toBe(false);
  });

  it('stops at the bound and says so', () => {
    const vars = Array.from({ length: 12 }, (_, i) => cond(`C${i}`));
    const e = explore((run) => vars.map((v) => run.choose(v)).join(), 100);
    expect(e.leaves).toHaveLength(100);
    expect(e.truncated).toBe(true);
  });

  it('a finding that holds whatever a choice is drops that choice', () => {
    const a = cond('A');
    const b = cond('B');
    const vars = new Map([
      ['A', a],
      ['B', b],
    ]);
    const leaf = (x: boolean, y: boolean) =>
      new Map<string, boolean>([
        ['A', x],
        ['B', y],
      ]);
    const all = [leaf(true, true), leaf(true, false), leaf(false, true), leaf(false, false)];
    expect(simplify([leaf(true, true), leaf(true, false)], all, vars)).toEqual([new Map([['A', true]])]);
    expect(simplify(all, all, vars)).toEqual([]);
  });
});

const tooMany = defineRule({
  meta: {
    id: 'T-001',
    name: 't',
    title: 't',
    area: 'network',
    severity: 'high',
    resourceTypes: ['AWS::SNS::Topic'],
    rationale: 'r',
    remediation: 'r',
    seeds: [],
    messages: { bad: 'bad {{n}}' },
  },
  check(r, ctx) {
    // Reads 12 independent conditional properties: 4,096 scenarios, past the bound.
    let n = 0;
    for (let i = 0; i < 12; i++) if (ctx.get(r, [`P${i}`]) === 'x') n++;
    if (n === 12) ctx.report({ messageId: 'bad', data: { n } });
  },
});

describe('the engine around rules', () => {
  it('one conditional value among many unrelated ones: reported once, with its condition', () => {
    const conds = Array.from({ length: 7 }, (_, i) => `  C${i}: !Equals [!Ref P${i}, 'yes']`).join('\n');
    const params = Array.from({ length: 7 }, (_, i) => `  P${i}:\n    Type: String`).join('\n');
    const props = Array.from({ length: 6 }, (_, i) => `      - !If [C${i + 1}, { IpProtocol: tcp, FromPort: 443, ToPort: 443, CidrIp: 10.${i}.0.0/16 }, !Ref AWS::NoValue]`).join(
      '\n',
    );
    const yaml = `Parameters:\n${params}\nConditions:\n${conds}\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n      - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [C0, 0.0.0.0/0, 10.9.9.9/32] }\n${props}\n`;
    const r = scanText(yaml, { rules: NETWORK_RULES });
    expect(r.findings.map((f) => `${f.ruleId} ${f.status} ${f.message}`)).toEqual(['NET-001 fail SSH (port 22) open to the internet (0.0.0.0/0) (when parameter P0 is yes)']);
  });

  it('past the scenario bound: the findings found so far and a not-evaluated naming the bound', () => {
    const params = Array.from({ length: 12 }, (_, i) => `  A${i}:\n    Type: String\n    AllowedValues: [x, y]`).join('\n');
    const props = Array.from({ length: 12 }, (_, i) => `      P${i}: !Ref A${i}`).join('\n');
    const r = scanText(`Parameters:\n${params}\nResources:\n  T:\n    Type: AWS::SNS::Topic\n    Properties:\n${props}\n`, { rules: [tooMany] });
    expect(r.findings.map((f) => `${f.status} ${f.messageId}`)).toContain('not-evaluated engine/scenario-bound');
    expect(r.findings.find((f) => f.messageId === 'engine/scenario-bound')!.message).toMatch(/more than 1024 condition scenarios/);
  });

  it('a secret parameter choice is never printed in scenario text', () => {
    const yaml = `Parameters:
  ApiToken:
    Type: String
    AllowedValues: [tok_live_abcdef123456, tok_test_999999]
Conditions:
  Live: !Equals [!Ref ApiToken, tok_live_abcdef123456]
Resources:
  Sg:
    Type: AWS::EC2::SecurityGroup
    Properties:
      GroupDescription: x
      SecurityGroupIngress:
        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [Live, 0.0.0.0/0, 10.0.0.1/32] }
`;
    const r = scanText(yaml, { rules: NETWORK_RULES });
    const { units: _u, index: _i, ...report } = r;
    const text = JSON.stringify(report);
    expect(r.findings).toHaveLength(1);
    expect(text).not.toContain('tok_live');
    expect(r.findings[0]!.message).toMatch(/parameter ApiToken is its 1st allowed value/);
  });

  it('a value given with --parameter is never printed', () => {
    const yaml =
      'Parameters:\n  AdminCidr:\n    Type: String\nResources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !Ref AdminCidr }\n';
    const r = scanText(yaml, { rules: NETWORK_RULES, parameters: { AdminCidr: '198.51.100.0/24', DbPassword: 'hunter2-very-secret' } });
    expect(r.findings.map((f) => f.status)).toEqual(['fail']);
    const { units: _u, index: _i, ...report } = r;
    expect(JSON.stringify(report)).not.toMatch(/198\.51\.100\.0\/24|hunter2/);
  });

  it('an error while evaluating one input is an error for that input; the others are reported', () => {
    const boom = defineRule({
      meta: {
        id: 'T-002',
        name: 't',
        title: 't',
        area: 'network',
        severity: 'high',
        resourceTypes: ['AWS::SNS::Topic'],
        rationale: 'r',
        remediation: 'r',
        seeds: [],
        messages: { bad: 'bad' },
      },
      check(r, ctx) {
        ctx.get(r, ['Name']);
        throw new TypeError('x is not a function');
      },
    });
    const r = scanText('Resources:\n  T:\n    Type: AWS::SNS::Topic\n', { rules: [boom] });
    expect(r.findings.map((f) => `${f.status} ${f.messageId} ${f.message}`)).toEqual(['not-evaluated engine/rule-error rule error: x is not a function']);
  });

  it('an unknown read on an account resource becomes not-evaluated with its reason', () => {
    const rule = defineRule({
      meta: {
        id: 'T-003',
        name: 't',
        title: 't',
        area: 'network',
        severity: 'high',
        resourceTypes: ['AWS::S3::Bucket'],
        rationale: 'r',
        remediation: 'r',
        seeds: [],
        messages: { off: 'off' },
      },
      check(r, ctx) {
        const v = ctx.get(r, ['VersioningConfiguration', 'Status']);
        if (v === 'Suspended') ctx.report({ messageId: 'off' });
      },
    });
    const origin = { kind: 'account', account: '1', region: 'us-east-1' } as const;
    const r = evaluate(
      { ...awaitAccount([{ type: 'AWS::S3::Bucket', id: 'b', properties: { VersioningConfiguration: new Unknown('s3:GetBucketVersioning failed: AccessDenied') }, origin }]) },
      { config: effectiveConfig({}, '2026-01-01'), rules: [rule] },
    );
    expect(r.findings.map((f) => `${f.status} ${f.message}`)).toEqual(['not-evaluated s3:GetBucketVersioning failed: AccessDenied']);
  });
});

import { accountSource } from '../../src/engine/sources.js';
import type { Resource } from '../../src/model/resource.js';
function awaitAccount(resources: Resource[]) {
  return accountSource(resources);
}
