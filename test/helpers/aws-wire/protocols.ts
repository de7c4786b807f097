// Both halves of the wire, driven by the SDK's own schemas: reading a request the real client
// sent (which service, operation, region and input) and writing an answer the real client
// parses (query XML for EC2/RDS/ELB/STS/ElastiCache, REST XML for S3/CloudFront/S3 Control,
// JSON 1.0/1.1 for ECS/Logs/ECR/Secrets Manager/App Runner/CloudWatch, REST JSON for Lambda).
// Protocol references: https://smithy.io/2.0/aws/protocols/index.html

import type { IncomingHttpHeaders } from 'node:http';
import { XmlShapeSerializer } from '@aws-sdk/core/protocols';
import { NormalizedSchema } from '@smithy/core/schema';
import { credentialScope, operationSchema, service, servicesForSigningName, type Protocol, type WireService } from './services.js';

export interface WireRequest {
  readonly method: string;
  readonly path: string;
  readonly query: URLSearchParams;
  readonly headers: IncomingHttpHeaders;
  readonly body: string;
}

/** A request as stackaudit's collectors think of it. */
export interface WireCall {
  readonly service: string;
  readonly operation: string;
  readonly region: string;
  readonly input: Record<string, unknown>;
}

export interface WireResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body: string;
}

type Ns = NormalizedSchema;
type Traits = Record<string, unknown>;

const traitsOf = (ns: Ns): Traits => ns.getMergedTraits() as Traits;
const header = (h: IncomingHttpHeaders, name: string): string | undefined => {
  const v = h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
};
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

function scalarFrom(ns: Ns, raw: string): unknown {
  if (ns.isBooleanSchema()) return raw === 'true';
  if (ns.isNumericSchema()) return Number(raw);
  return raw;
}

// ---------------------------------------------------------------- query (form-encoded input)

function readQuery(ns: Ns, params: URLSearchParams, key: string, ec2: boolean): unknown {
  if (ns.isStructSchema()) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const t = traitsOf(member);
      const suffix = ec2 ? ((t['ec2QueryName'] as string | undefined) ?? capitalize((t['xmlName'] as string | undefined) ?? name)) : ((t['xmlName'] as string | undefined) ?? name);
      const v = readQuery(member, params, key ? `${key}.${suffix}` : suffix, ec2);
      if (v !== undefined) out[name] = v;
    }
    return key === '' || Object.keys(out).length > 0 ? out : undefined;
  }
  if (ns.isListSchema()) {
    const member = ns.getValueSchema();
    const t = traitsOf(member);
    const flat = ec2 || traitsOf(ns)['xmlFlattened'] === 1 || traitsOf(ns)['xmlFlattened'] === true;
    const memberSuffix = (t['xmlName'] as string | undefined) ?? 'member';
    const items: unknown[] = [];
    for (let i = 1; ; i++) {
      const v = readQuery(member, params, flat ? `${key}.${i}` : `${key}.${memberSuffix}.${i}`, ec2);
      if (v === undefined) break;
      items.push(v);
    }
    if (items.length > 0) return items;
    return params.has(key) ? [] : undefined;
  }
  if (ns.isMapSchema()) return undefined;
  const raw = params.get(key);
  return raw === null ? undefined : scalarFrom(ns, raw);
}

// ---------------------------------------------------------------- REST (path, query, headers)

interface UriPattern {
  readonly segments: readonly string[];
  readonly literals: readonly (readonly [string, string | undefined])[];
}

function parseUri(uri: string): UriPattern {
  const [path = '/', query = ''] = uri.split('?');
  const segments = path.split('/').filter((s) => s !== '');
  const literals = query
    .split('&')
    .filter((q) => q !== '')
    .map((q): readonly [string, string | undefined] => {
      const [k = '', v] = q.split('=');
      return [k, v];
    })
    // `x-id` only helps AWS route; the SDK may leave it out.
    .filter(([k]) => k !== 'x-id');
  return { segments, literals };
}

function matchPath(pattern: readonly string[], actual: readonly string[]): Map<string, string> | undefined {
  const labels = new Map<string, string>();
  for (let i = 0; i < pattern.length; i++) {
    const p = pattern[i]!;
    const label = /^\{([^}+]+)(\+)?\}$/.exec(p);
    if (label?.[2]) {
      labels.set(label[1]!, actual.slice(i).map(decodeURIComponent).join('/'));
      return labels;
    }
    const a = actual[i];
    if (a === undefined) return undefined;
    if (label) labels.set(label[1]!, decodeURIComponent(a));
    else if (p !== a) return undefined;
  }
  return pattern.length === actual.length ? labels : undefined;
}

function readRest(input: Ns, req: WireRequest, labels: Map<string, string>, bucket: string | undefined, jsonBody: boolean): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  let body: Record<string, unknown> = {};
  if (jsonBody && req.body.trim() !== '') body = JSON.parse(req.body) as Record<string, unknown>;
  for (const [name, member] of input.structIterator()) {
    const t = traitsOf(member);
    // S3's bucket is an endpoint parameter: path-style puts it first in the path.
    if (name === 'Bucket' && bucket !== undefined) {
      out[name] = bucket;
    } else if (t['httpLabel'] !== undefined) {
      const v = labels.get(name);
      if (v !== undefined) out[name] = v;
    } else if (typeof t['httpQuery'] === 'string') {
      if (member.isListSchema()) {
        const all = req.query.getAll(t['httpQuery']);
        if (all.length > 0) out[name] = all;
      } else {
        const v = req.query.get(t['httpQuery']);
        if (v !== null) out[name] = scalarFrom(member, v);
      }
    } else if (typeof t['httpHeader'] === 'string') {
      const v = header(req.headers, t['httpHeader']);
      if (v !== undefined) out[name] = scalarFrom(member, v);
    } else if (Object.hasOwn(body, (t['jsonName'] as string | undefined) ?? name)) {
      out[name] = body[(t['jsonName'] as string | undefined) ?? name];
    }
  }
  return out;
}

async function identifyRest(svc: WireService, req: WireRequest, operations: readonly string[]): Promise<{ operation: string; input: Record<string, unknown> } | undefined> {
  let segments = req.path.split('/').filter((s) => s !== '');
  let bucket: string | undefined;
  // S3 with a custom endpoint is path-style: the first segment is the bucket.
  if (svc.id === 's3' && segments.length > 0) {
    bucket = decodeURIComponent(segments[0]!);
    segments = segments.slice(1);
  }
  let best: { operation: string; input: Record<string, unknown>; score: number } | undefined;
  for (const operation of operations) {
    const schema = await operationSchema(svc.id, operation);
    const http = schema?.[3]['http'];
    if (!schema || !Array.isArray(http) || http[0] !== req.method) continue;
    const uri = parseUri(String(http[1]));
    const labels = matchPath(uri.segments, segments);
    if (!labels) continue;
    if (!uri.literals.every(([k, v]) => req.query.has(k) && (v === undefined || req.query.get(k) === v))) continue;
    const input = NormalizedSchema.of(schema[4]() as never);
    const needsBucket = [...input.structIterator()].some(([name]) => name === 'Bucket');
    if (svc.id === 's3' && needsBucket !== (bucket !== undefined)) continue;
    const score = uri.literals.length;
    if (!best || score > best.score) best = { operation, input: readRest(input, req, labels, bucket, svc.protocol === 'restJson'), score };
  }
  return best && { operation: best.operation, input: best.input };
}

/** Which call a request is; `problem` when the server cannot tell (a test bug, answered 400). */
export async function identify(req: WireRequest, known: ReadonlyMap<string, readonly string[]>): Promise<WireCall | { problem: string }> {
  const scope = credentialScope(header(req.headers, 'authorization'));
  if (!scope) return { problem: 'unsigned request' };
  const { region, signingName } = scope;
  const candidates = servicesForSigningName(signingName);
  if (candidates.length === 0) return { problem: `unknown signing name ${signingName}` };
  const form = header(req.headers, 'content-type')?.startsWith('application/x-www-form-urlencoded') ? new URLSearchParams(req.body) : undefined;
  if (form?.has('Action')) {
    const operation = form.get('Action')!;
    const version = form.get('Version') ?? undefined;
    const id = candidates.find((c) => service(c).version === undefined || service(c).version === version) ?? candidates[0]!;
    const schema = await operationSchema(id, operation);
    if (!schema) return { problem: `${id} has no operation ${operation}` };
    const input = readQuery(NormalizedSchema.of(schema[4]() as never), form, '', service(id).protocol === 'ec2Query');
    return { service: id, operation, region, input: (input ?? {}) as Record<string, unknown> };
  }
  const target = header(req.headers, 'x-amz-target');
  if (target) {
    const operation = target.slice(target.lastIndexOf('.') + 1);
    return { service: candidates[0]!, operation, region, input: req.body.trim() === '' ? {} : (JSON.parse(req.body) as Record<string, unknown>) };
  }
  // REST: S3 Control shares S3's signing name and adds the account header and its own path.
  const id = signingName === 's3' ? (header(req.headers, 'x-amz-account-id') !== undefined || req.path.startsWith('/v20180820') ? 's3-control' : 's3') : candidates[0]!;
  const found = await identifyRest(service(id), req, known.get(id) ?? []);
  if (!found) return { problem: `no ${id} operation matches ${req.method} ${req.path}?${req.query.toString()}` };
  return { service: id, operation: found.operation, region, input: found.input };
}

// ---------------------------------------------------------------- answers

/** Snapshot outputs hold timestamps as ISO strings (JSON); the serializers want Dates. */
function revive(ns: Ns, value: unknown): unknown {
  if (value === null || value === undefined) return value;
  if (ns.isTimestampSchema()) return typeof value === 'string' || typeof value === 'number' ? new Date(value) : value;
  if (ns.isListSchema()) return Array.isArray(value) ? value.map((v) => revive(ns.getValueSchema(), v)) : value;
  if (ns.isMapSchema()) {
    if (typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) Object.defineProperty(out, k, { value: revive(ns.getValueSchema(), v), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (ns.isStructSchema() && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      if (Object.hasOwn(value, name)) out[name] = revive(member, (value as Record<string, unknown>)[name]);
    }
    return out;
  }
  return value;
}

const TIMESTAMP_DATE_TIME = 5;

function xmlOf(ns: Ns, value: unknown, xmlns: string | undefined): string {
  const serializer = new XmlShapeSerializer({
    serviceNamespace: '',
    timestampFormat: { useTrait: true, default: TIMESTAMP_DATE_TIME },
    ...(xmlns ? { xmlNamespace: xmlns } : {}),
  } as never);
  serializer.write(ns as never, revive(ns, value));
  return String(serializer.flush());
}

/** The children of the outermost element, for protocols that wrap them in their own element. */
function inner(xml: string): string {
  const m = /^<([^\s>/]+)[^>]*?(?:\/>|>([\s\S]*)<\/\1>)$/.exec(xml.trim());
  return m?.[2] ?? '';
}

function jsonOf(ns: Ns, value: unknown, useJsonName: boolean): unknown {
  if (value === null || value === undefined) return value;
  if (ns.isTimestampSchema()) {
    const d = typeof value === 'string' || typeof value === 'number' ? new Date(value) : (value as Date);
    return d.getTime() / 1000;
  }
  if (ns.isListSchema()) return Array.isArray(value) ? value.map((v) => jsonOf(ns.getValueSchema(), v, useJsonName)) : value;
  if (ns.isMapSchema()) {
    if (typeof value !== 'object') return value;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value))
      Object.defineProperty(out, k, { value: jsonOf(ns.getValueSchema(), v, useJsonName), enumerable: true, writable: true, configurable: true });
    return out;
  }
  if (ns.isStructSchema() && typeof value === 'object' && !Array.isArray(value)) {
    const out: Record<string, unknown> = {};
    for (const [name, member] of ns.structIterator()) {
      const t = traitsOf(member);
      if (t['httpHeader'] !== undefined || t['httpResponseCode'] !== undefined) continue;
      if (!Object.hasOwn(value, name)) continue;
      out[useJsonName ? ((t['jsonName'] as string | undefined) ?? name) : name] = jsonOf(member, (value as Record<string, unknown>)[name], useJsonName);
    }
    return out;
  }
  return value;
}

const REQUEST_ID = 'aws-wire-0000-0000';

/** A successful answer to `call` carrying `output` (an SDK output shape, JSON data). */
export async function encodeOutput(call: WireCall, output: Readonly<Record<string, unknown>>): Promise<WireResponse> {
  const svc = service(call.service);
  const schema = await operationSchema(call.service, call.operation);
  if (!schema) throw new Error(`aws-wire: ${call.service} has no ${call.operation}`);
  const out = NormalizedSchema.of(schema[5]() as never);
  const http = schema[3]['http'];
  const status = Array.isArray(http) && typeof http[2] === 'number' ? http[2] : 200;
  const op = call.operation;
  switch (svc.protocol) {
    case 'ec2Query': {
      const body = `<?xml version="1.0" encoding="UTF-8"?>\n<${op}Response xmlns="${svc.xmlns}"><requestId>${REQUEST_ID}</requestId>${inner(xmlOf(out, output, undefined))}</${op}Response>`;
      return { status: 200, headers: { 'content-type': 'text/xml;charset=UTF-8' }, body };
    }
    case 'awsQuery': {
      const body = `<${op}Response xmlns="${svc.xmlns}"><${op}Result>${inner(xmlOf(out, output, undefined))}</${op}Result><ResponseMetadata><RequestId>${REQUEST_ID}</RequestId></ResponseMetadata></${op}Response>`;
      return { status: 200, headers: { 'content-type': 'text/xml' }, body };
    }
    case 'restXml': {
      const headers: Record<string, string> = { 'content-type': 'application/xml', 'x-amz-request-id': REQUEST_ID };
      let payload: [string, Ns] | undefined;
      for (const [name, member] of out.structIterator()) {
        const t = traitsOf(member);
        const v = output[name];
        if (typeof t['httpHeader'] === 'string' && v !== undefined && v !== null) headers[t['httpHeader'].toLowerCase()] = String(v);
        if (t['httpPayload'] !== undefined) payload = [name, member];
      }
      if (payload) {
        const [name, member] = payload;
        const v = output[name];
        if (v === undefined || v === null) return { status, headers, body: '' };
        if (member.isStringSchema()) return { status, headers: { ...headers, 'content-type': 'text/plain' }, body: String(v) };
        return { status, headers, body: xmlOf(member, v, svc.xmlns) };
      }
      return { status, headers, body: xmlOf(out, output, svc.xmlns) };
    }
    case 'awsJson1_0':
    case 'awsJson1_1':
      return {
        status: 200,
        headers: { 'content-type': `application/x-amz-json-${svc.protocol === 'awsJson1_0' ? '1.0' : '1.1'}`, 'x-amzn-requestid': REQUEST_ID },
        body: JSON.stringify(jsonOf(out, output, false)),
      };
    case 'restJson': {
      const headers: Record<string, string> = { 'content-type': 'application/json', 'x-amzn-requestid': REQUEST_ID };
      for (const [name, member] of out.structIterator()) {
        const t = traitsOf(member);
        const v = output[name];
        if (typeof t['httpHeader'] === 'string' && v !== undefined && v !== null) headers[t['httpHeader'].toLowerCase()] = String(v);
      }
      return { status, headers, body: JSON.stringify(jsonOf(out, output, true)) };
    }
  }
}

const escapeXml = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** An AWS error answer in the service's protocol. */
export function encodeError(protocol: Protocol, serviceId: string, status: number, code: string, message: string, headers: Record<string, string> = {}): WireResponse {
  const c = escapeXml(code);
  const m = escapeXml(message);
  const type = status >= 500 ? 'Receiver' : 'Sender';
  switch (protocol) {
    case 'ec2Query':
      return {
        status,
        headers: { 'content-type': 'text/xml;charset=UTF-8', ...headers },
        body: `<?xml version="1.0" encoding="UTF-8"?>\n<Response><Errors><Error><Code>${c}</Code><Message>${m}</Message></Error></Errors><RequestID>${REQUEST_ID}</RequestID></Response>`,
      };
    case 'awsQuery':
      return {
        status,
        headers: { 'content-type': 'text/xml', ...headers },
        body: `<ErrorResponse><Error><Type>${type}</Type><Code>${c}</Code><Message>${m}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
      };
    case 'restXml':
      // S3 answers a bare <Error>; CloudFront and S3 Control wrap it in <ErrorResponse>.
      return serviceId === 's3'
        ? {
            status,
            headers: { 'content-type': 'application/xml', ...headers },
            body: `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${c}</Code><Message>${m}</Message><RequestId>${REQUEST_ID}</RequestId></Error>`,
          }
        : {
            status,
            headers: { 'content-type': 'text/xml', ...headers },
            body: `<?xml version="1.0"?>\n<ErrorResponse><Error><Type>${type}</Type><Code>${c}</Code><Message>${m}</Message></Error><RequestId>${REQUEST_ID}</RequestId></ErrorResponse>`,
          };
    case 'awsJson1_0':
    case 'awsJson1_1':
      return {
        status,
        headers: {
          'content-type': `application/x-amz-json-${protocol === 'awsJson1_0' ? '1.0' : '1.1'}`,
          'x-amzn-errortype': code,
          'x-amzn-query-error': `${code};${type}`,
          ...headers,
        },
        body: JSON.stringify({ __type: code, message }),
      };
    case 'restJson':
      return { status, headers: { 'content-type': 'application/json', 'x-amzn-errortype': code, ...headers }, body: JSON.stringify({ Type: 'User', message, Message: message }) };
  }
}
