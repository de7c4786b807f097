// Microsoft's SARIF multitool (a .NET binary) validates our SARIF with the SARIF and GitHub
// rule sets: the reporter's fixture report, an empty report, and a real scan of the seeds.
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatSarif } from '../../src/reporters/sarif.js';
import { scanTemplates } from '../../src/engine/scan-templates.js';
import { RULES } from '../../src/rules/index.js';
import { CTX, EMPTY_REPORT, REPORT } from '../reporters/fixture.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const MULTITOOL = path.join(ROOT, 'node_modules/@microsoft/sarif-multitool-linux/Sarif.Multitool');

// Parsed SARIF is navigated freely in assertions; a wrong path fails the test, so `any` costs nothing here.
type O = Record<string, any>;
const parse = (s: string): O => JSON.parse(s) as O;

interface Issue {
  readonly ruleId: string;
  readonly level: string;
  readonly text: string;
}

/**
 * Runs Microsoft's SARIF validator with the SARIF and GitHub rule sets and returns what it
 * reported. The npm package's postinstall chmod may not have run, hence the chmod.
 */
function validate(sarif: string): Issue[] {
  fs.chmodSync(MULTITOOL, 0o755);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'stackaudit-sarif-'));
  try {
    const input = path.join(dir, 'report.sarif');
    const output = path.join(dir, 'validation.sarif');
    fs.writeFileSync(input, sarif);
    const run = spawnSync(MULTITOOL, ['validate', '--rule-kind', 'Sarif;Gh', '--output', output, input], {
      encoding: 'utf8',
      timeout: 240_000,
      env: { ...process.env, DOTNET_SYSTEM_GLOBALIZATION_INVARIANT: '1' },
    });
    if (!fs.existsSync(output)) throw new Error(`multitool did not run: ${run.status} ${run.stdout} ${run.stderr}`);
    const log = parse(fs.readFileSync(output, 'utf8'));
    const runLog = log['runs'][0];
    const rules: O[] = runLog.tool.driver.rules ?? [];
    const notifications: O[] = (runLog.invocations ?? []).flatMap((i: O) => [...(i['toolExecutionNotifications'] ?? []), ...(i['toolConfigurationNotifications'] ?? [])]);
    const issues: Issue[] = (runLog.results ?? []).map((r: O) => ({
      ruleId: r['ruleId'],
      // An absent level on a fail result means warning (SARIF §3.27.10).
      level: r['level'] ?? rules[r['ruleIndex']]?.['defaultConfiguration']?.['level'] ?? 'warning',
      text: r['message']?.['text'] ?? `${r['message']?.['id']} ${JSON.stringify(r['message']?.['arguments'])}`,
    }));
    for (const n of notifications) if (n['level'] === 'error') issues.push({ ruleId: 'tool', level: 'error', text: n['message']?.['text'] });
    return issues;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

const serious = (issues: Issue[]) => issues.filter((i) => i.level === 'error' || i.level === 'warning');

describe('SARIF multitool validation', () => {
  const sarif = formatSarif(REPORT, CTX);

  it('is clean under the SARIF and GitHub rules (no errors, no warnings)', () => {
    expect(serious(validate(sarif))).toEqual([]);
  });

  it('is clean for an empty report too', () => {
    expect(serious(validate(formatSarif(EMPTY_REPORT, CTX)))).toEqual([]);
  });

  it('is clean for a real scan of the seed architectures', () => {
    const { index: _i, units: _u, ...report } = scanTemplates([path.join(ROOT, 'fixtures/seeds')]);
    expect(report.findings.length).toBeGreaterThan(20);
    const out = formatSarif(report, { rules: RULES.map((r) => r.meta), cwd: ROOT, toolVersion: '0.1.0' });
    expect(serious(validate(out))).toEqual([]);
  });

  it('catches a broken log (the validator really runs)', () => {
    const broken = parse(sarif);
    delete broken['runs'][0]['results'][0]['locations'];
    delete broken['runs'][0]['tool']['driver']['informationUri'];
    const issues = validate(JSON.stringify(broken));
    // GitHub rule ids differ between multitool versions (GH1001 in docs, GH1015/GH1017 in 5.7).
    expect(issues.filter((i) => i.ruleId.startsWith('GH') && i.level === 'error').length, JSON.stringify(issues)).toBeGreaterThan(0);
    expect(issues.some((i) => i.ruleId === 'SARIF2005' && i.level === 'warning')).toBe(true);
  });
});
