// A loopback HTTP server that answers the real AWS SDK v3 clients in their wire protocols,
// from an account model (usually a snapshot), and injects the faults AWS produces: access
// denied, throttling, 5xx, unreadable answers, slow answers and dropped connections.
// Clients reach it with `endpoint: server.endpoint` and static credentials.

import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { allOperations } from '../../../src/scanners/account/collect.js';
import { encodeError, encodeOutput, identify, type WireCall, type WireRequest, type WireResponse } from './protocols.js';
import { service } from './services.js';

export type Answer = { readonly output: Readonly<Record<string, unknown>> } | { readonly error: { readonly name: string; readonly message: string; readonly status?: number } };

/** The account behind the server: an answer per call, or undefined for a call it does not know. */
export type Responder = (call: WireCall) => Answer | undefined;

export type FaultKind = 'denied' | 'throttled' | 'server-error' | 'unavailable' | 'garbage' | 'slow' | 'drop' | 'expired-token';

export interface Fault {
  readonly kind: FaultKind;
  readonly service?: string;
  readonly operation?: string;
  readonly region?: string;
  readonly when?: (call: WireCall) => boolean;
  /** How many matching requests get the fault; later ones are answered normally. Default: all. */
  readonly times?: number;
  /** `slow`: how long the answer waits. */
  readonly delayMs?: number;
  /** Replaces the fault's usual error message (e.g. to carry control characters). */
  readonly message?: string;
}

export interface RecordedRequest {
  readonly call?: WireCall;
  readonly fault?: FaultKind;
  readonly status?: number;
  readonly problem?: string;
}

export interface AwsWireServer {
  readonly endpoint: string;
  readonly requests: RecordedRequest[];
  /** Replaces the faults (counters start again). */
  setFaults(faults: readonly Fault[]): void;
  close(): Promise<void>;
}

/** Operations the collectors can call, by service: the REST matcher only needs these. */
function knownOperations(): Map<string, string[]> {
  const known = new Map<string, string[]>();
  for (const [svc, op] of allOperations()) {
    const list = known.get(svc) ?? [];
    if (!list.includes(op)) list.push(op);
    known.set(svc, list);
  }
  return known;
}

const IAM_PREFIX: Readonly<Record<string, string>> = {
  'elastic-load-balancing-v2': 'elasticloadbalancing',
  'elastic-load-balancing': 'elasticloadbalancing',
  'cloudwatch-logs': 'logs',
  'secrets-manager': 'secretsmanager',
  's3-control': 's3',
};

/** The error AWS gives for a fault, per service and protocol (codes as each service documents them). */
function faultResponse(call: WireCall, fault: Fault): WireResponse {
  const svc = service(call.service);
  const p = svc.protocol;
  const json = p === 'awsJson1_0' || p === 'awsJson1_1';
  const action = `${Object.hasOwn(IAM_PREFIX, call.service) ? IAM_PREFIX[call.service] : call.service}:${call.operation}`;
  const msg = (fallback: string): string => fault.message ?? fallback;
  switch (fault.kind) {
    case 'denied':
      if (call.service === 'ec2') return encodeError(p, call.service, 403, 'UnauthorizedOperation', msg('You are not authorized to perform this operation.'));
      if (call.service === 's3' || call.service === 's3-control') return encodeError(p, call.service, 403, 'AccessDenied', msg('Access Denied'));
      return encodeError(
        p,
        call.service,
        json ? 400 : 403,
        json || p === 'restJson' ? 'AccessDeniedException' : 'AccessDenied',
        msg(`User: arn:aws:iam::111122223333:user/auditor is not authorized to perform: ${action} because no identity-based policy allows the ${action} action`),
      );
    case 'throttled':
      if (call.service === 'ec2') return encodeError(p, call.service, 503, 'RequestLimitExceeded', msg('Request limit exceeded.'));
      if (call.service === 's3') return encodeError(p, call.service, 503, 'SlowDown', msg('Please reduce your request rate.'));
      if (p === 'restJson') return encodeError(p, call.service, 429, 'TooManyRequestsException', msg('Rate exceeded'));
      return encodeError(p, call.service, 400, json ? 'ThrottlingException' : 'Throttling', msg('Rate exceeded'));
    case 'server-error':
      return encodeError(
        p,
        call.service,
        500,
        call.service === 'ec2' || call.service === 's3' ? 'InternalError' : 'InternalFailure',
        msg('We encountered an internal error. Please try again.'),
      );
    case 'unavailable':
      return encodeError(p, call.service, 503, 'ServiceUnavailable', msg('Service is unable to handle request.'));
    case 'expired-token':
      return encodeError(p, call.service, 403, json ? 'ExpiredTokenException' : 'ExpiredToken', msg('The security token included in the request is expired'));
    case 'garbage':
      return {
        status: 502,
        headers: { 'content-type': 'text/html' },
        body: '<html>\n<head><title>502 Bad Gateway</title></head>\n<body>\n<center><h1>502 Bad Gateway</h1></center>\n</body>\n</html>\n',
      };
    case 'slow':
    case 'drop':
      throw new Error(`aws-wire: ${fault.kind} has no error answer`);
  }
}

function notFoundStatus(name: string): number {
  return /^NoSuch|NotFound/.test(name) ? 404 : 400;
}

const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

const send = (res: ServerResponse, r: WireResponse): void => {
  res.writeHead(r.status, { ...r.headers, 'content-length': Buffer.byteLength(r.body) });
  res.end(r.body);
};

export async function startAwsWire(options: { readonly respond: Responder; readonly faults?: readonly Fault[] }): Promise<AwsWireServer> {
  const known = knownOperations();
  const requests: RecordedRequest[] = [];
  let faults: { fault: Fault; used: number }[] = (options.faults ?? []).map((fault) => ({ fault, used: 0 }));
  const timers = new Set<NodeJS.Timeout>();

  const matching = (call: WireCall): Fault | undefined => {
    for (const f of faults) {
      const x = f.fault;
      if (x.service !== undefined && x.service !== call.service) continue;
      if (x.operation !== undefined && x.operation !== call.operation) continue;
      if (x.region !== undefined && x.region !== call.region) continue;
      if (x.when && !x.when(call)) continue;
      if (x.times !== undefined && f.used >= x.times) continue;
      f.used++;
      return x;
    }
    return undefined;
  };

  async function answer(call: WireCall): Promise<WireResponse> {
    const a = options.respond(call);
    const svc = service(call.service);
    if (!a)
      return encodeError(
        svc.protocol,
        call.service,
        400,
        'NotInAccountModel',
        `the loopback account has no ${call.service} ${call.operation} in ${call.region} for ${JSON.stringify(call.input)}`,
      );
    if ('error' in a) return encodeError(svc.protocol, call.service, a.error.status ?? notFoundStatus(a.error.name), a.error.name, a.error.message);
    return encodeOutput(call, a.output);
  }

  const server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const wire: WireRequest = { method: req.method ?? 'GET', path: url.pathname, query: url.searchParams, headers: req.headers, body: await readBody(req) };
      const call = await identify(wire, known);
      if ('problem' in call) {
        requests.push({ problem: call.problem, status: 400 });
        send(res, { status: 400, headers: { 'content-type': 'text/plain' }, body: `aws-wire: ${call.problem}` });
        return;
      }
      const fault = matching(call);
      if (fault?.kind === 'drop') {
        requests.push({ call, fault: 'drop' });
        // No answer at all: the client sees the connection reset mid-request.
        req.socket.destroy();
        return;
      }
      if (fault?.kind === 'slow') {
        // Recorded when it starts: the client may give up (and the test end) before it answers.
        requests.push({ call, fault: 'slow' });
        await new Promise<void>((resolve) => {
          const t = setTimeout(() => {
            timers.delete(t);
            resolve();
          }, fault.delayMs ?? 1_000);
          timers.add(t);
        });
        // The client gave up on this attempt: nothing to answer.
        if (req.socket.destroyed) return;
      }
      const response = fault && fault.kind !== 'slow' ? faultResponse(call, fault) : await answer(call);
      if (fault?.kind !== 'slow') requests.push({ call, ...(fault ? { fault: fault.kind } : {}), status: response.status });
      send(res, response);
    })().catch((e: unknown) => {
      requests.push({ problem: e instanceof Error ? e.message : String(e), status: 500 });
      if (!res.headersSent) send(res, { status: 400, headers: { 'content-type': 'text/plain' }, body: `aws-wire internal: ${e instanceof Error ? e.message : String(e)}` });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    // `localhost` rather than the address: S3 Control sends to `<account>.localhost`, which the
    // live source resolves to the loopback address (RFC 6761).
    endpoint: `http://localhost:${port}`,
    requests,
    setFaults(next) {
      faults = next.map((fault) => ({ fault, used: 0 }));
    },
    async close() {
      for (const t of timers) clearTimeout(t);
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
