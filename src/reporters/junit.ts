import type { Finding, Report } from '../model/finding.js';
import type { RuleMeta } from '../model/rule.js';
import type { ReporterContext } from './types.js';
import { errorText, nonNegInt, oneLine, placeOf, placeText, severityOf, sortErrors, sortFindings, str, summaryLine } from './common.js';

/** Characters XML 1.0 cannot carry at all (not even escaped): C0 controls other than tab/LF/CR, lone surrogates, U+FFFE/FFFF. */
const INVALID_XML = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/** Text content: `&`, `<`, `>` escaped, invalid characters replaced. */
export function xmlText(s: string): string {
  return s.replace(INVALID_XML, '\ufffd').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Attribute value (double-quoted): also quotes, and whitespace kept as character references so parsers do not normalise it away. */
export function xmlAttr(s: string): string {
  return xmlText(s).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;').replace(/\t/g, '&#9;');
}

function attrs(a: Record<string, string | number | undefined>): string {
  return Object.entries(a)
    .filter(([, v]) => v !== undefined)
    .map(([k, v]) => ` ${k}="${xmlAttr(String(v))}"`)
    .join('');
}

function testcase(f: Finding, ctx: ReporterContext, meta: RuleMeta | undefined): string[] {
  const where = placeOf(f, ctx.cwd);
  const resource = oneLine(str(f.resource.id));
  const name = `${resource} (${oneLine(str(f.resource.type))}) at ${placeText(where)}`;
  const open = `    <testcase${attrs({
    name,
    classname: str(f.ruleId),
    file: where.kind === 'template' ? where.file : undefined,
    line: where.kind === 'template' ? where.line : undefined,
  })}`;
  if (f.status === 'fail') {
    const sev = severityOf(f);
    const body = [
      str(f.message),
      '',
      `Rule: ${str(f.ruleId)} ${meta ? str(meta.title) : str(f.ruleName)}`,
      `Severity: ${sev}`,
      `Resource: ${resource} (${str(f.resource.type)})${f.resource.arn ? ` ${str(f.resource.arn)}` : ''}`,
      `Location: ${placeText(where)}`,
      ...(meta && str(meta.remediation) ? [`Remediation: ${str(meta.remediation)}`] : []),
    ].join('\n');
    return [`${open}>`, `      <failure${attrs({ message: oneLine(str(f.message)), type: sev })}>${xmlText(body)}</failure>`, '    </testcase>'];
  }
  if (f.status === 'not-evaluated') {
    return [`${open}>`, `      <skipped${attrs({ message: `not evaluated: ${oneLine(str(f.reason)) || 'no reason given'}` })}/>`, '    </testcase>'];
  }
  return [`${open}>`, `      <system-out>${xmlText(`suppressed: ${oneLine(str(f.suppression?.reason)) || 'no reason given'}`)}</system-out>`, '    </testcase>'];
}

/**
 * JUnit XML, one `<testsuite>` per rule that has findings and one `<testcase>` per finding.
 * Per rule rather than per file: CI test views (GitLab, Jenkins, GitHub test-report
 * actions) list suites first, so a failing control reads as one failing suite with the
 * offending resources under it, and the same rule on a template and on an account lands
 * in one place. Failures are `fail` findings, skips are not-evaluated ones, and a
 * suppressed finding is a passing case that says why in `system-out`. A last `stackaudit`
 * suite carries input errors (as `<error>`) and the gate, so a clean scan still reports a
 * test and counts from the summary reach the CI view.
 */
export function formatJunit(report: Report, ctx: ReporterContext): string {
  const metas = new Map(ctx.rules.map((m) => [str(m.id), m] as const));
  const byRule = new Map<string, Finding[]>();
  for (const f of sortFindings(report.findings, ctx.cwd)) {
    const id = str(f.ruleId);
    const list = byRule.get(id);
    if (list) list.push(f);
    else byRule.set(id, [f]);
  }
  const lines: string[] = [];
  let tests = 0;
  let failures = 0;
  let errors = 0;
  let skipped = 0;
  for (const id of [...byRule.keys()].sort()) {
    const list = byRule.get(id) ?? [];
    const meta = metas.get(id);
    const f = list.filter((x) => x.status === 'fail').length;
    const s = list.filter((x) => x.status === 'not-evaluated').length;
    tests += list.length;
    failures += f;
    skipped += s;
    const title = meta ? str(meta.title) : str(list[0]?.ruleName);
    lines.push(`  <testsuite${attrs({ name: `${id} ${title}`, tests: list.length, failures: f, errors: 0, skipped: s })}>`);
    for (const x of list) for (const l of testcase(x, ctx, meta)) lines.push(l);
    lines.push('  </testsuite>');
  }

  const sum = report.summary;
  const gateName = `gate: fail-on ${str(sum.failOn)}`;
  const inputErrors = sortErrors(report.errors, ctx.cwd);
  const own: string[] = [];
  for (const e of inputErrors) {
    const text = errorText(e, ctx.cwd);
    own.push(`    <testcase${attrs({ name: `input ${str(e.file)}`, classname: 'stackaudit.input' })}>`);
    own.push(`      <error${attrs({ message: text, type: 'InputError' })}>${xmlText(text)}</error>`);
    own.push('    </testcase>');
  }
  own.push(`    <testcase${attrs({ name: gateName, classname: 'stackaudit.gate' })}>`);
  if (sum.gateFailed === true) {
    own.push(`      <failure${attrs({ message: `findings at or above ${str(sum.failOn)}`, type: 'gate' })}>${xmlText(summaryLine(sum))}</failure>`);
  }
  own.push(`      <system-out>${xmlText(summaryLine(sum))}</system-out>`);
  own.push('    </testcase>');
  const ownTests = inputErrors.length + 1;
  const ownFailures = sum.gateFailed === true ? 1 : 0;
  tests += ownTests;
  failures += ownFailures;
  errors += inputErrors.length;
  lines.push(`  <testsuite${attrs({ name: 'stackaudit', tests: ownTests, failures: ownFailures, errors: inputErrors.length, skipped: 0 })}>`);
  lines.push('    <properties>');
  for (const [k, v] of [
    ['version', ctx.toolVersion || str(report.tool?.version)],
    ['resources', String(nonNegInt(sum.resources))],
    ['inputs', String(nonNegInt(sum.inputs))],
    ['failOn', str(sum.failOn)],
  ] as const) {
    lines.push(`      <property${attrs({ name: k, value: v })}/>`);
  }
  for (const n of report.notes ?? []) lines.push(`      <property${attrs({ name: 'note', value: oneLine(str(n)) })}/>`);
  lines.push('    </properties>');
  for (const l of own) lines.push(l);
  lines.push('  </testsuite>');

  return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${attrs({ name: 'stackaudit', tests, failures, errors, skipped })}>`, ...lines, '</testsuites>', ''].join('\n');
}
