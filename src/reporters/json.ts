import { SEVERITIES } from '../model/finding.js';
import type { Finding, InputError, Report, ReportSummary } from '../model/finding.js';
import type { ReporterContext } from './types.js';
import { displayPath, nonNegInt, posInt, sortErrors, sortFindings, str } from './common.js';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };

/** Adds `key` only when `value` is defined, so absent facts are absent keys, never `null`. */
function put(o: Record<string, Json>, key: string, value: Json | undefined): void {
  if (value !== undefined) o[key] = value;
}

function optStr(v: unknown): string | undefined {
  return v === undefined || v === null ? undefined : str(v);
}

function findingJson(f: Finding, cwd: string): Record<string, Json> {
  const r = f.resource;
  const resource: Record<string, Json> = { id: str(r.id), type: str(r.type) };
  put(resource, 'arn', optStr(r.arn));
  put(resource, 'file', typeof r.file === 'string' && r.file !== '' ? displayPath(r.file, cwd) : undefined);
  put(resource, 'stack', optStr(r.stack));
  const line = posInt(r.line);
  put(resource, 'line', line);
  put(resource, 'column', line === undefined ? undefined : posInt(r.column));
  put(resource, 'account', optStr(r.account));
  put(resource, 'region', optStr(r.region));

  const o: Record<string, Json> = {
    ruleId: str(f.ruleId),
    ruleName: str(f.ruleName),
    severity: str(f.severity),
    status: str(f.status),
    message: str(f.message),
    resource,
  };
  put(o, 'messageId', optStr(f.messageId));
  if (f.data) {
    const data: Record<string, Json> = {};
    for (const k of Object.keys(f.data)) {
      const v = f.data[k];
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') data[k] = v;
    }
    o['data'] = data;
  }
  if (f.conditions && f.conditions.length > 0) {
    o['conditions'] = f.conditions.map((c) => {
      const out: Record<string, Json> = {};
      for (const k of Object.keys(c)) {
        const v = c[k];
        if (typeof v === 'string' || typeof v === 'boolean') out[k] = v;
      }
      return out;
    });
  }
  put(o, 'reason', optStr(f.reason));
  if (f.suppression) {
    const s: Record<string, Json> = { reason: str(f.suppression.reason), source: str(f.suppression.source) };
    put(s, 'expires', optStr(f.suppression.expires));
    o['suppression'] = s;
  }
  o['fingerprint'] = str(f.fingerprint);
  return o;
}

function errorJson(e: InputError, cwd: string): Record<string, Json> {
  const o: Record<string, Json> = { file: displayPath(str(e.file), cwd) };
  const line = posInt(e.line);
  put(o, 'line', line);
  put(o, 'column', line === undefined ? undefined : posInt(e.column));
  o['message'] = str(e.message);
  return o;
}

function summaryJson(s: ReportSummary): Record<string, Json> {
  const bySeverity: Record<string, Json> = {};
  for (const sev of SEVERITIES) bySeverity[sev] = nonNegInt(s.bySeverity?.[sev]);
  return {
    resources: nonNegInt(s.resources),
    inputs: nonNegInt(s.inputs),
    fail: nonNegInt(s.fail),
    notEvaluated: nonNegInt(s.notEvaluated),
    suppressed: nonNegInt(s.suppressed),
    errors: nonNegInt(s.errors),
    bySeverity,
    failOn: str(s.failOn),
    gateFailed: s.gateFailed === true,
  };
}

/**
 * The JSON contract of DESIGN.md, built field by field from the report (never a blind
 * `JSON.stringify(report)`): a finding's `path` may hold `Unknown`/`ResourceRef` values
 * and is not part of the contract, so it is left out. Pretty-printed, 2 spaces.
 */
export function formatJson(report: Report, ctx: ReporterContext): string {
  return [...formatJsonChunks(report, ctx)].join('');
}

/**
 * The same document in pieces, one finding at a time, laid out as `JSON.stringify(doc, null, 2)`
 * would lay it out: a scan of thousands of templates is written without ever holding its whole
 * JSON (or a second copy of every finding) in memory.
 */
export function* formatJsonChunks(report: Report, ctx: ReporterContext): Generator<string> {
  const doc: Record<string, Json> = {
    tool: { name: 'stackaudit', version: ctx.toolVersion || str(report.tool?.version) },
    findings: [],
    errors: sortErrors(report.errors, ctx.cwd).map((e) => errorJson(e, ctx.cwd)),
    summary: summaryJson(report.summary),
  };
  if (report.notes && report.notes.length > 0) doc['notes'] = report.notes.map((n) => str(n));
  const body = JSON.stringify(doc, null, 2);
  const findings = sortFindings(report.findings, ctx.cwd);
  const marker = '"findings": []';
  const at = body.indexOf(marker);
  if (findings.length === 0 || at < 0) {
    yield `${body}\n`;
    return;
  }
  yield `${body.slice(0, at)}"findings": [\n`;
  // A batch is laid out by one JSON.stringify of `{ findings: batch }` (the same nesting as in
  // the document), and its items are cut out of it: native speed, no per-finding re-indenting.
  const open = '{\n  "findings": [\n';
  const close = '\n  ]\n}';
  for (let from = 0; from < findings.length; from += FINDINGS_PER_CHUNK) {
    const batch = findings.slice(from, from + FINDINGS_PER_CHUNK).map((f) => findingJson(f, ctx.cwd));
    const text = JSON.stringify({ findings: batch }, null, 2);
    const last = from + FINDINGS_PER_CHUNK >= findings.length;
    yield `${text.slice(open.length, text.length - close.length)}${last ? '' : ','}\n`;
  }
  yield `  ]${body.slice(at + marker.length)}\n`;
}

/** Findings laid out per JSON.stringify call: large enough to be fast, small enough to stream. */
const FINDINGS_PER_CHUNK = 256;
