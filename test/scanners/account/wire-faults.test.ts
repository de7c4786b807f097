// Failed live reads, end to end: the real SDK v3 clients talk to a loopback server that speaks
// the AWS wire protocols (EC2/RDS/ELB/STS query XML, S3/CloudFront REST XML, ECS/Logs/ECR/
// Secrets Manager JSON 1.1, CloudWatch/App Runner JSON 1.0, Lambda REST JSON) and injects
// AccessDenied, throttling, 5xx, unreadable answers, slow answers and dropped connections.
// One table: (fault on call X) → (controls that depend on X are not-evaluated naming X; no
// pass or fail comes from the failed read). Cases that fail only because a rule or the engine
// does not yet look at the failed read are `it.fails`, with what the engine must do.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditAccount, type AuditResult } from '../../../src/engine/audit-account.js';
import type { Finding } from '../../../src/model/finding.js';
import { SERVICE_IDS } from '../../../src/scanners/account/collect.js';
import { createSnapshotCallSource } from '../../../src/scanners/account/snapshot.js';
import { FAULT_ACCOUNT, IDS, faultAccountSnapshot } from '../../helpers/aws-wire/fault-account.js';
import { snapshotResponder, startAwsWire, wireSource, type AwsWireServer, type Fault } from '../../helpers/aws-wire/index.js';

const snapshot = faultAccountSnapshot();
let server: AwsWireServer;
let baseline: AuditResult;

beforeAll(async () => {
  server = await startAwsWire({ respond: snapshotResponder(snapshot) });
  baseline = await auditAccount({ source: createSnapshotCallSource(snapshot), regions: ['us-east-1'] });
});
afterAll(async () => {
  await server.close();
});

interface Run {
  readonly faults?: readonly Fault[];
  readonly services?: readonly string[];
  /** Per attempt; the slow-answer cases shorten it so a slow answer is a quick retry. */
  readonly timeoutMs?: number;
  readonly maxAttempts?: number;
}

async function audit(run: Run): Promise<AuditResult> {
  server.setFaults(run.faults ?? []);
  server.requests.length = 0;
  const result = await auditAccount({
    source: wireSource(server, {
      ...(run.timeoutMs !== undefined ? { timeoutMs: run.timeoutMs } : {}),
      ...(run.maxAttempts !== undefined ? { maxAttempts: run.maxAttempts } : {}),
    }),
    regions: ['us-east-1'],
    ...(run.services ? { services: run.services } : {}),
  });
  // The server understood every request (a problem here is a bug in the test server).
  expect(server.requests.filter((r) => r.problem)).toEqual([]);
  return result;
}

const about = (f: Finding, id: string): boolean => f.resource.id === id || `${f.message} ${f.reason ?? ''}`.includes(id);
const verdicts = (r: AuditResult): string[] => r.findings.map((f) => `${f.ruleId} ${f.status} ${f.resource.id} ${f.reason ?? f.message}`).sort();

/** What a failed read must produce: the control on that resource is not-evaluated naming the call, and nothing passes or fails from it. */
interface Expectation {
  readonly rule: string;
  readonly resource: string;
  readonly call: string;
}

function expectNotEvaluated(result: AuditResult, e: Expectation): void {
  const mine = result.findings.filter((f) => f.ruleId === e.rule && about(f, e.resource));
  const why = `${e.rule} on ${e.resource}: ${JSON.stringify(mine.map((f) => [f.status, f.reason ?? f.message]))}`;
  expect(
    mine.filter((f) => f.status === 'fail'),
    why,
  ).toEqual([]);
  expect(
    mine.some((f) => f.status === 'not-evaluated' && (f.reason ?? f.message).includes(e.call)),
    why,
  ).toBe(true);
}

interface Case extends Run {
  readonly name: string;
  readonly expect: readonly Expectation[];
  /** Set when the case fails only because of rule or engine code: what they must do. */
  readonly engine?: string;
}

const allBut = (id: string): string[] => SERVICE_IDS.filter((s) => s !== id);
const billing: Expectation = { rule: 'OBS-002', resource: FAULT_ACCOUNT, call: 'cloudwatch:DescribeAlarms' };
const behindTargetGroup = (call: string): Expectation => ({ rule: 'NET-005', resource: IDS.instance, call });
const rdsRead = (call = 'rds:DescribeDBInstances'): Expectation[] => [
  { rule: 'NET-006', resource: IDS.dbGroup, call },
  { rule: 'DR-001', resource: IDS.instance, call },
];

const CASES: readonly Case[] = [
  {
    name: 'cloudwatch:DescribeAlarms denied',
    faults: [{ kind: 'denied', operation: 'DescribeAlarms' }],
    expect: [billing],
  },
  {
    name: 'cloudwatch:DescribeAlarms throttled on every attempt',
    faults: [{ kind: 'throttled', operation: 'DescribeAlarms' }],
    expect: [billing],
  },
  {
    name: 'cloudwatch:DescribeAlarms answers slower than every attempt may wait',
    faults: [{ kind: 'slow', operation: 'DescribeAlarms', delayMs: 2_000 }],
    timeoutMs: 250,
    maxAttempts: 2,
    expect: [billing],
  },
  {
    name: 'cloudwatch not collected (--services without cloudwatch)',
    services: allBut('cloudwatch'),
    expect: [billing],
  },
  {
    name: 'elasticloadbalancing:DescribeTargetHealth denied',
    faults: [{ kind: 'denied', operation: 'DescribeTargetHealth' }],
    expect: [behindTargetGroup('elasticloadbalancing:DescribeTargetHealth')],
  },
  {
    name: 'elasticloadbalancing:DescribeTargetGroups denied',
    faults: [{ kind: 'denied', service: 'elastic-load-balancing-v2', operation: 'DescribeTargetGroups' }],
    expect: [behindTargetGroup('elasticloadbalancing:DescribeTargetGroups')],
  },
  {
    name: 'elasticloadbalancing:DescribeTargetGroups returns an unreadable 502 on every attempt',
    faults: [{ kind: 'garbage', service: 'elastic-load-balancing-v2', operation: 'DescribeTargetGroups' }],
    expect: [behindTargetGroup('elasticloadbalancing:DescribeTargetGroups')],
  },
  {
    name: 'elbv2 not collected (--services without elbv2)',
    services: allBut('elbv2'),
    expect: [behindTargetGroup('elasticloadbalancing:DescribeTargetGroups')],
  },
  {
    name: 'rds:DescribeDBInstances denied',
    faults: [{ kind: 'denied', operation: 'DescribeDBInstances' }],
    expect: rdsRead(),
  },
  {
    name: 'rds:DescribeDBInstances drops the connection on every attempt',
    faults: [{ kind: 'drop', operation: 'DescribeDBInstances' }],
    expect: rdsRead(),
  },
  {
    name: 'rds not collected (--services without rds)',
    services: allBut('rds'),
    expect: rdsRead(),
  },
  {
    name: 'ec2:DescribeSecurityGroups denied',
    faults: [{ kind: 'denied', operation: 'DescribeSecurityGroups' }],
    expect: [behindTargetGroup('ec2:DescribeSecurityGroups')],
  },
  {
    name: 'ec2:DescribeSecurityGroups answers 500 on every attempt',
    faults: [{ kind: 'server-error', operation: 'DescribeSecurityGroups' }],
    expect: [behindTargetGroup('ec2:DescribeSecurityGroups')],
  },
  {
    name: 's3:GetBucketPolicy denied',
    faults: [{ kind: 'denied', service: 's3', operation: 'GetBucketPolicy' }],
    expect: [{ rule: 'S3-006', resource: IDS.bucket, call: 's3:GetBucketPolicy' }],
  },
  {
    name: 's3:GetBucketPolicy throttled (503 SlowDown) on every attempt',
    faults: [{ kind: 'throttled', service: 's3', operation: 'GetBucketPolicy' }],
    expect: [{ rule: 'S3-006', resource: IDS.bucket, call: 's3:GetBucketPolicy' }],
  },
  {
    name: 'cloudfront:GetDistributionConfig denied',
    faults: [{ kind: 'denied', operation: 'GetDistributionConfig' }],
    expect: [{ rule: 'CF-008', resource: IDS.distribution, call: 'cloudfront:GetDistributionConfig' }],
  },
  {
    name: 'ecs:DescribeTaskDefinition denied',
    faults: [{ kind: 'denied', operation: 'DescribeTaskDefinition' }],
    expect: [{ rule: 'SEC-001', resource: IDS.taskDefinition, call: 'ecs:DescribeTaskDefinition' }],
  },
];

describe('a failed live read makes the controls that need it not-evaluated, naming the call', () => {
  for (const c of CASES) {
    const body = async (): Promise<void> => {
      const result = await audit(c);
      for (const e of c.expect) expectNotEvaluated(result, e);
    };
    it(c.name, body);
  }
});

describe('failed list calls are one error line each and never a clean account', () => {
  it.each([
    ['denied', 'ec2', 'DescribeSecurityGroups', /^ec2:DescribeSecurityGroups failed: UnauthorizedOperation: You are not authorized to perform this operation\.$/],
    ['throttled', 'cloudwatch', 'DescribeAlarms', /^cloudwatch:DescribeAlarms failed: ThrottlingException: Rate exceeded \(after 5 attempts\)$/],
    ['garbage', 'lambda', 'ListFunctions', /^lambda:ListFunctions failed: HTTP502: the service answered HTTP 502 \(bad gateway\) without a readable error \(after 5 attempts\)$/],
    ['drop', 'rds', 'DescribeDBInstances', /^rds:DescribeDBInstances failed: ECONNRESET: socket hang up \(after 5 attempts\)$/],
    ['server-error', 's3', 'ListBuckets', /^s3:ListBuckets failed: InternalError: We encountered an internal error\. Please try again\. \(after 5 attempts\)$/],
  ] as const)('%s on %s:%s', async (kind, service, operation, message) => {
    const result = await audit({ faults: [{ kind, service, operation }] });
    expect(result.errors.map((e) => e.message)).toEqual([expect.stringMatching(message)]);
    expect(result.errors[0]?.file).toBe(`account ${FAULT_ACCOUNT} region us-east-1`);
    // Whatever that call lists is missing, so the failed call is counted.
    expect(result.callsFailed).toBeGreaterThan(0);
  });

  it('an AWS message with control characters and newlines stays one escaped line', async () => {
    const result = await audit({ faults: [{ kind: 'denied', operation: 'DescribeDBInstances', message: 'evil\u001b]0;owned\u0007\nfake.yaml:1:1 CRITICAL all clear\r\n' }] });
    const line = result.errors.find((e) => e.message.startsWith('rds:'))?.message ?? '';
    expect(line).toBe('rds:DescribeDBInstances failed: AccessDenied: evil\\x1b]0;owned\\x07 fake.yaml:1:1 CRITICAL all clear');
    expect(line).not.toMatch(/[\u0000-\u001f\u007f]/);
  });

  it('an expired token is one line naming sts:GetCallerIdentity, and nothing else is called', async () => {
    const result = await audit({ faults: [{ kind: 'expired-token' }] });
    expect(result.errors).toEqual([{ file: 'account unknown', message: 'sts:GetCallerIdentity failed: ExpiredToken: The security token included in the request is expired' }]);
    expect(result.findings).toEqual([]);
    expect(server.requests.map((r) => r.call?.operation)).toEqual(['GetCallerIdentity']);
  });

  it('a mistyped region is an error before any call, naming the valid regions', async () => {
    server.requests.length = 0;
    const result = await auditAccount({ source: wireSource(server), regions: ['us-eats-1'] });
    expect(result.errors).toHaveLength(1);
    expect(result.errors[0]?.message).toMatch(/^unknown region "us-eats-1" \(did you mean us-east-1\?\); valid regions: .*us-east-1/);
    expect(result.findings).toEqual([]);
    expect(server.requests).toEqual([]);
  });
});

describe('transient faults are retried per attempt: the verdicts are those of a clean read', () => {
  it.each<[string, Run]>([
    ['one slow answer (longer than one attempt may take)', { faults: [{ kind: 'slow', operation: 'DescribeSecurityGroups', times: 1, delayMs: 2_000 }], timeoutMs: 250 }],
    ['one dropped connection', { faults: [{ kind: 'drop', operation: 'DescribeDBInstances', times: 1 }] }],
    ['four throttled answers, then an answer', { faults: [{ kind: 'throttled', operation: 'DescribeInstances', times: 4 }] }],
    [
      'two 503s on ListBuckets and an unreadable 502 on GetDistributionConfig',
      {
        faults: [
          { kind: 'unavailable', operation: 'ListBuckets', times: 2 },
          { kind: 'garbage', operation: 'GetDistributionConfig', times: 1 },
        ],
      },
    ],
    [
      'a 500 on DescribeTaskDefinition and a throttle on DescribeTargetHealth',
      {
        faults: [
          { kind: 'server-error', operation: 'DescribeTaskDefinition', times: 1 },
          { kind: 'throttled', operation: 'DescribeTargetHealth', times: 1 },
        ],
      },
    ],
  ])('%s', async (_name, run) => {
    const result = await audit(run);
    expect(result.errors).toEqual([]);
    expect(verdicts(result)).toEqual(verdicts(baseline));
    // The fault really happened (the server saw it) and was answered on a later attempt.
    const faulted = server.requests.filter((r) => r.fault);
    expect(faulted.length).toBeGreaterThan(0);
  });
});

describe('the loopback account itself', () => {
  it('read over the wire gives exactly the findings of its snapshot', async () => {
    const result = await audit({});
    expect(result.errors).toEqual([]);
    expect(verdicts(result)).toEqual(verdicts(baseline));
    // Every control the fault table watches has a decided verdict when nothing fails.
    const decided = (rule: string, id: string): string[] => baseline.findings.filter((f) => f.ruleId === rule && about(f, id)).map((f) => f.status);
    expect(decided('NET-005', IDS.instance)).toEqual(['fail']);
    expect(decided('NET-006', IDS.dbGroup)).toEqual(['fail']);
    expect(decided('S3-006', IDS.bucket)).toEqual(['fail']);
    expect(decided('CF-008', IDS.distribution)).toEqual(['fail']);
    expect(decided('SEC-001', IDS.taskDefinition)).toEqual(['fail', 'fail']);
    expect(decided('OBS-002', FAULT_ACCOUNT)).toEqual([]);
  });
});
