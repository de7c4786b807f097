import { describe, expect, it } from 'vitest';
import { formatJunit, xmlAttr, xmlText } from '../../src/reporters/junit.js';
import { CTX, EMPTY_REPORT, REPORT, shuffled } from './fixture.js';

interface El {
  readonly name: string;
  readonly attrs: Record<string, string>;
  readonly children: El[];
  text: string;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#\d+|#x[0-9a-f]+|lt|gt|amp|quot|apos);/gi, (_, e: string) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ({ lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" } as Record<string, string>)[e] ?? '';
  });
}

/** A small strict parser for the XML subset JUnit uses: it throws on anything malformed (bad nesting, stray `<` or `&`). */
function parseXml(xml: string): El {
  let i = 0;
  const decl = /^<\?xml [^?]*\?>\s*/.exec(xml);
  if (!decl) throw new Error('no XML declaration');
  i = decl[0].length;
  const root: El = { name: '#root', attrs: {}, children: [], text: '' };
  const stack: El[] = [root];
  while (i < xml.length) {
    const top = stack[stack.length - 1]!;
    if (xml[i] === '<') {
      const close = /^<\/([\w.-]+)\s*>/.exec(xml.slice(i));
      if (close) {
        if (top.name !== close[1]) throw new Error(`mismatched </${close[1]}> for <${top.name}>`);
        stack.pop();
        i += close[0].length;
        continue;
      }
      const open = /^<([\w.-]+)((?:\s+[\w.-]+="[^"<]*")*)\s*(\/?)>/.exec(xml.slice(i));
      if (!open) throw new Error(`malformed tag at ${i}: ${xml.slice(i, i + 40)}`);
      const attrs: Record<string, string> = {};
      for (const m of open[2]!.matchAll(/([\w.-]+)="([^"]*)"/g)) {
        if (m[1]! in attrs) throw new Error(`duplicate attribute ${m[1]}`);
        if (/&(?!(#\d+|#x[0-9a-f]+|lt|gt|amp|quot|apos);)/i.test(m[2]!)) throw new Error('bare & in attribute');
        attrs[m[1]!] = unescapeXml(m[2]!);
      }
      const el: El = { name: open[1]!, attrs, children: [], text: '' };
      top.children.push(el);
      if (open[3] !== '/') stack.push(el);
      i += open[0].length;
    } else {
      const end = xml.indexOf('<', i);
      const raw = xml.slice(i, end === -1 ? xml.length : end);
      if (/&(?!(#\d+|#x[0-9a-f]+|lt|gt|amp|quot|apos);)/i.test(raw) || raw.includes('>')) throw new Error(`unescaped text: ${raw}`);
      top.text += unescapeXml(raw);
      i += raw.length;
    }
  }
  if (stack.length !== 1) throw new Error(`unclosed <${stack[stack.length - 1]!.name}>`);
  if (root.children.length !== 1) throw new Error('not exactly one root element');
  return root.children[0]!;
}

const all = (el: El, name: string): El[] => [...(el.name === name ? [el] : []), ...el.children.flatMap((c) => all(c, name))];

describe('formatJunit', () => {
  const out = formatJunit(REPORT, CTX);
  const root = parseXml(out);
  const suites = all(root, 'testsuite');

  it('is well-formed XML with a testsuites root', () => {
    expect(root.name).toBe('testsuites');
    expect(() => parseXml(formatJunit(EMPTY_REPORT, CTX))).not.toThrow();
    // The parser is strict enough to catch a broken document.
    expect(() => parseXml('<?xml version="1.0"?><a><b></a></b>')).toThrow();
    expect(() => parseXml('<?xml version="1.0"?><a>x & y</a>')).toThrow();
  });

  it('has one suite per rule with findings (sorted) plus the stackaudit suite', () => {
    expect(suites.map((s) => s.attrs['name'])).toEqual([
      'COST-002 Resources carry a cost-center tag',
      'DB-001 Databases are not publicly accessible',
      'NET-001 SSH is open only to a single host',
      'OBS-001 Log groups have a retention period',
      'S3-002 Buckets keep versions',
      'stackaudit',
    ]);
  });

  it('counts tests, failures, errors and skips consistently with the testcases', () => {
    for (const s of [root, ...suites]) {
      const cases = all(s, 'testcase');
      expect(Number(s.attrs['tests'])).toBe(cases.length);
      expect(Number(s.attrs['failures'])).toBe(cases.filter((c) => c.children.some((x) => x.name === 'failure')).length);
      expect(Number(s.attrs['errors'])).toBe(cases.filter((c) => c.children.some((x) => x.name === 'error')).length);
      expect(Number(s.attrs['skipped'])).toBe(cases.filter((c) => c.children.some((x) => x.name === 'skipped')).length);
    }
    // 3 fail findings + the failed gate; 1 input error; 1 not-evaluated.
    expect(root.attrs).toMatchObject({ tests: '7', failures: '4', errors: '1', skipped: '1' });
  });

  it('maps statuses: fail → failure, not-evaluated → skipped with reason, suppressed → pass with system-out', () => {
    const caseOf = (rule: string): El => all(root, 'testcase').find((c) => c.attrs['classname'] === rule)!;
    const net = caseOf('NET-001');
    expect(net.attrs).toEqual({
      name: 'WebSecurityGroup (AWS::EC2::SecurityGroup) at templates/app.yaml:12:7',
      classname: 'NET-001',
      file: 'templates/app.yaml',
      line: '12',
    });
    const failure = net.children.find((c) => c.name === 'failure')!;
    expect(failure.attrs).toEqual({ message: 'SSH (port 22) is open to 0.0.0.0/0 | any host', type: 'critical' });
    expect(failure.text).toContain('Remediation: Restrict `CidrIp` for port 22');
    expect(caseOf('DB-001').children).toEqual([
      { name: 'skipped', attrs: { message: 'not evaluated: PubliclyAccessible comes from parameter DbPublic, which has no default' }, children: [], text: '' },
    ]);
    const obs = caseOf('OBS-001');
    expect(obs.children.map((c) => c.name)).toEqual(['system-out']);
    expect(obs.children[0]!.text).toBe('suppressed: audit logs must be kept <forever> & "always"');
  });

  it('reports input errors as errors and the gate from the summary', () => {
    const input = all(root, 'testcase').find((c) => c.attrs['classname'] === 'stackaudit.input')!;
    expect(input.children[0]).toMatchObject({ name: 'error', attrs: { message: 'templates/broken.yaml:3: duplicate key "Resources"', type: 'InputError' } });
    const gate = all(root, 'testcase').find((c) => c.attrs['classname'] === 'stackaudit.gate')!;
    expect(gate.children.map((c) => c.name)).toEqual(['failure', 'system-out']);
    const cleanGate = all(parseXml(formatJunit(EMPTY_REPORT, CTX)), 'testcase');
    expect(cleanGate.map((c) => c.children.map((x) => x.name))).toEqual([['system-out']]);
    const props = all(root, 'property').map((p) => [p.attrs['name'], p.attrs['value']]);
    expect(props).toContainEqual(['resources', '7']);
    expect(props).toContainEqual(['note', 'skipped README.md: not a template']);
  });

  it('escapes everything and drops characters XML cannot carry', () => {
    const nasty = {
      ...REPORT,
      findings: [
        {
          ...REPORT.findings[1]!,
          message: `a <b> & "c" 'd' ]]> \u0001 \ud800 e\nf`,
          resource: { ...REPORT.findings[1]!.resource, id: 'x"/><evil a="' },
        },
      ],
    };
    const xml = formatJunit(nasty, CTX);
    const el = parseXml(xml);
    const tc = all(el, 'testcase')[0]!;
    expect(tc.attrs['name']).toBe('x"/><evil a=" (AWS::EC2::SecurityGroup) at templates/app.yaml:12:7');
    expect(all(el, 'evil')).toEqual([]);
    const failure = tc.children[0]!;
    expect(failure.attrs['message']).toBe(`a <b> & "c" 'd' ]]> \\x01 \ufffd e f`);
    expect(failure.text.startsWith(`a <b> & "c" 'd' ]]> \ufffd \ufffd e\nf`)).toBe(true);
    expect(xmlText('<&>')).toBe('&lt;&amp;&gt;');
    expect(xmlAttr('"\n\'')).toBe('&quot;&#10;&apos;');
  });

  it('is deterministic whatever the finding order', () => {
    expect(formatJunit(shuffled(REPORT), CTX)).toBe(out);
  });
});
