import { pathToFileURL } from 'node:url';
import type { Finding, InputError, Report, Severity } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import type { ReporterContext } from './types.js';
import { displayPath, isInside, oneLine, posInt, severityOf, sortErrors, sortFindings, str } from './common.js';
import { REPOSITORY_URL, ruleHelpUri } from './help-uri.js';

const SCHEMA = 'https://json.schemastore.org/sarif-2.1.0.json';
const INFORMATION_URI = REPOSITORY_URL;
const SRCROOT = '%SRCROOT%';

type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
type Obj = { [key: string]: Json };
type Level = 'error' | 'warning' | 'note' | 'none';

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'note', info: 'note' };

/**
 * GitHub's bands: critical over 9.0, high 7.0–8.9, medium 4.0–6.9, low 0.1–3.9
 * (https://docs.github.com/en/code-security/code-scanning/integrating-with-code-scanning/sarif-support-for-code-scanning#reportingdescriptor-object).
 * Info rules get none: a security-severity of 0.0 is not a band GitHub documents, and
 * without one the alert shows as a plain "Note".
 */
const SECURITY_SEVERITY: Record<Severity, string | undefined> = {
  critical: '9.5',
  high: '8.0',
  medium: '5.5',
  low: '3.0',
  info: undefined,
};

/** `ssh-single-host` → `SshSingleHost`: GitHub and the SARIF validator want a PascalCase `name` distinct from the id. */
export function pascalCase(slug: string): string {
  const s = slug
    .split(/[^A-Za-z0-9]+/)
    .filter((w) => w !== '')
    .map((w) => w.charAt(0).toUpperCase() + w.slice(1))
    .join('');
  return /^[A-Za-z]/.test(s) ? s : `Rule${s}`;
}

/** SARIF messages are sentences (validator rule SARIF2001); finding messages often are not. */
function sentence(s: string): string {
  const t = oneLine(s).trim();
  if (t === '') return 'No message.';
  return /[.!?]$/.test(t) ? t : `${t}.`;
}

function descriptor(meta: RuleMeta): Obj {
  const sev = meta.severity;
  const properties: Obj = { tags: ['security', str(meta.area), ...(meta.tiered ? ['tiered'] : [])] };
  const secSev = SECURITY_SEVERITY[sev];
  if (secSev !== undefined) properties['security-severity'] = secSev;
  properties['precision'] = 'high';
  const remediation = str(meta.remediation);
  return {
    id: str(meta.id),
    name: pascalCase(str(meta.name) || str(meta.id)),
    shortDescription: { text: sentence(str(meta.title)) },
    fullDescription: { text: sentence(str(meta.rationale) || str(meta.title)) },
    help: { text: sentence(remediation || str(meta.title)), markdown: remediation || str(meta.title) },
    helpUri: ruleHelpUri(str(meta.id)),
    defaultConfiguration: { level: LEVEL[sev] },
    properties,
  };
}

/** A finding whose rule is not in the catalog (an engine error finding, a plugin): describe it from the finding. */
function syntheticMeta(f: Finding): RuleMeta {
  const id = str(f.ruleId);
  const title = str(f.ruleName) || id;
  return {
    id,
    name: str(f.ruleName) || id,
    title,
    area: 'compute',
    severity: severityOf(f),
    resourceTypes: [],
    rationale: title,
    remediation: title,
    seeds: [],
  };
}

/** Each path segment percent-encoded, so spaces, `#` or `%` in a file name stay one valid URI reference. */
function encodePath(p: string): string {
  return p
    .split('/')
    .map((seg) => encodeURIComponent(seg))
    .join('/');
}

function templateLocation(file: string, line: number | undefined, column: number | undefined, cwd: string): Obj {
  const artifactLocation: Obj = isInside(file, cwd)
    ? { uri: encodePath(displayPath(file, cwd)), uriBaseId: SRCROOT }
    : { uri: pathToFileURL(file.startsWith('/') ? file : `${cwd}/${file}`).href };
  // GitHub needs a region with startLine; a finding with no line points at the file's first line.
  const region: Obj = { startLine: line ?? 1 };
  if (line !== undefined && column !== undefined) region['startColumn'] = column;
  return { physicalLocation: { artifactLocation, region } };
}

/**
 * An account finding has no file, but GitHub rejects a result without a physical location
 * (upload fails with "expected at least one location", github/codeql-action#2459) and the
 * validator's GH1001 demands `physicalLocation.artifactLocation.uri`. So the resource gets a
 * stable pseudo-path `aws/<account>/<region>/<type>/<id>` (each segment encoded) next to
 * the logical location that really names it (its ARN, or account/region/type/id).
 */
function accountLocation(f: Finding): Obj {
  const r = f.resource;
  const account = str(r.account) || 'unknown-account';
  const region = str(r.region) || 'global';
  const type = str(r.type);
  const id = str(r.id);
  const pseudo = ['aws', account, region, type.replace(/::/g, '-'), id].map((s) => encodeURIComponent(s)).join('/');
  const fqn = str(r.arn) || `${account}/${region}/${type}/${id}`;
  return {
    physicalLocation: { artifactLocation: { uri: pseudo }, region: { startLine: 1 } },
    logicalLocations: [{ name: id, fullyQualifiedName: fqn, kind: 'resource' }],
  };
}

function findingLocation(f: Finding, cwd: string): Obj {
  const r = f.resource;
  if (typeof r.file !== 'string' || r.file === '') return accountLocation(f);
  const line = posInt(r.line);
  const loc = templateLocation(r.file, line, line === undefined ? undefined : posInt(r.column), cwd);
  const logical: Obj = { name: str(r.id), kind: 'resource' };
  const stack = str(r.stack);
  logical['fullyQualifiedName'] = stack ? `${stack}/${str(r.id)}` : str(r.id);
  loc['logicalLocations'] = [logical];
  return loc;
}

function result(f: Finding, ruleIndex: number, cwd: string): Obj {
  const sev = severityOf(f);
  const o: Obj = { ruleId: str(f.ruleId), ruleIndex };
  let text = str(f.message);
  if (f.status === 'not-evaluated') {
    // SARIF §3.27.9: `review` is "needs a human to decide pass or fail", exactly a rule that
    // could not decide; §3.27.10 then requires level `none`. GitHub ignores `kind` and shows
    // every result as an alert, so the text says plainly that it was not evaluated. We keep
    // the result rather than dropping it: an undecided control must stay visible.
    o['kind'] = 'review';
    o['level'] = 'none';
    text = `Not evaluated: ${oneLine(str(f.reason)) || 'no reason given'}. ${text}`;
  } else {
    // Suppressed findings stay `fail` at their real level; the `suppressions` entry is what
    // marks them (GitHub closes such alerts as dismissed instead of losing their history).
    o['kind'] = 'fail';
    o['level'] = LEVEL[sev];
  }
  o['message'] = { text: sentence(text) };
  o['locations'] = [findingLocation(f, cwd)];
  // Finding fingerprints leave out line numbers (rule, file or account, resource, path), so
  // GitHub keeps matching the same alert when lines move.
  o['partialFingerprints'] = { 'stackaudit/v1': str(f.fingerprint) };
  if (f.status === 'suppressed') {
    const s = f.suppression;
    o['suppressions'] = [
      {
        kind: s?.source === 'inline' ? 'inSource' : 'external',
        status: 'accepted',
        justification: oneLine(str(s?.reason)) || 'no reason given',
      },
    ];
  }
  const props: Obj = { severity: sev, status: str(f.status), resourceType: str(f.resource.type) };
  if (f.status === 'not-evaluated') props['reason'] = str(f.reason);
  if (f.suppression?.expires) props['suppressionExpires'] = str(f.suppression.expires);
  o['properties'] = props;
  return o;
}

function notification(e: InputError, cwd: string): Obj {
  const file = str(e.file);
  const line = posInt(e.line);
  const o: Obj = { level: 'error', message: { text: sentence(str(e.message)) } };
  if (file !== '') o['locations'] = [templateLocation(file, line, line === undefined ? undefined : posInt(e.column), cwd)];
  o['descriptor'] = { id: 'input-error' };
  return o;
}

/**
 * SARIF 2.1.0 for GitHub code scanning and other viewers. One run; a rule descriptor per
 * rule in the catalog (plus any rule a finding names that the catalog lacks); results for
 * every finding; input errors and notes as tool execution notifications.
 */
export function formatSarif(report: Report, ctx: ReporterContext): string {
  const metas = new Map<string, RuleMeta>();
  for (const m of ctx.rules) metas.set(str(m.id), m);
  for (const f of report.findings) if (!metas.has(str(f.ruleId))) metas.set(str(f.ruleId), syntheticMeta(f));
  const ids = [...metas.keys()].sort();
  const index = new Map(ids.map((id, i) => [id, i] as const));

  const results = sortFindings(report.findings, ctx.cwd).map((f) => result(f, index.get(str(f.ruleId)) ?? 0, ctx.cwd));
  const notifications: Json[] = sortErrors(report.errors, ctx.cwd).map((e) => notification(e, ctx.cwd));
  for (const n of report.notes ?? []) notifications.push({ level: 'note', message: { text: sentence(str(n)) }, descriptor: { id: 'note' } });

  const version = ctx.toolVersion || str(report.tool?.version);
  const driver: Obj = {
    name: 'stackaudit',
    version,
    informationUri: INFORMATION_URI,
    rules: ids.map((id) => descriptor(metas.get(id) as RuleMeta)),
  };
  if (/^\d+\.\d+\.\d+(?:[-+].*)?$/.test(version)) driver['semanticVersion'] = version;

  const srcroot = pathToFileURL(ctx.cwd).href;
  const run: Obj = {
    tool: { driver },
    invocations: [{ executionSuccessful: report.errors.length === 0, toolExecutionNotifications: notifications }],
    originalUriBaseIds: { [SRCROOT]: { uri: srcroot.endsWith('/') ? srcroot : `${srcroot}/` } },
    results,
    // Columns come from js-yaml offsets into a JS string, i.e. UTF-16 code units.
    columnKind: 'utf16CodeUnits',
  };
  return `${JSON.stringify({ $schema: SCHEMA, version: '2.1.0', runs: [run] }, null, 2)}\n`;
}
