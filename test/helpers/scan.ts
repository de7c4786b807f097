import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { effectiveConfig, type ConfigFile } from '../../src/engine/config.js';
import { scanTemplates, type ScanOptions, type ScanResult } from '../../src/engine/scan-templates.js';
import type { Finding } from '../../src/model/finding.js';

const dir = mkdtempSync(join(tmpdir(), 'stackaudit-test-'));
let n = 0;

/** Scans one template given as text (YAML or JSON), through the real pipeline. */
export function scanText(text: string, options: ScanOptions & { configFile?: ConfigFile; ext?: string } = {}): ScanResult {
  const file = join(dir, `t${++n}.${options.ext ?? 'yaml'}`);
  writeFileSync(file, text);
  const { configFile, ...rest } = options;
  return scanTemplates([file], { ...(configFile ? { config: effectiveConfig(configFile, '2026-11-22') } : {}), ...rest });
}

/** Compact view for assertions: "RULE status resource" (+ line when asked). */
export function brief(findings: readonly Finding[], ruleFilter?: string): string[] {
  return findings.filter((f) => !ruleFilter || f.ruleId.startsWith(ruleFilter)).map((f) => `${f.ruleId} ${f.status} ${f.resource.id}`);
}

/** Wraps security-group YAML (resources block body) in a template. */
export function template(resources: string, extra = ''): string {
  return `AWSTemplateFormatVersion: '2010-09-09'\n${extra}Resources:\n${resources}`;
}
