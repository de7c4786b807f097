// A CDK policy-validation plugin: `Validations.of(app).addPlugins(new StackauditValidation())`
// runs stackaudit on every template during `cdk synth`, the mechanism cdk-nag v3 uses.
// https://docs.aws.amazon.com/cdk/v2/guide/policy-validation-synthesis.html
//
// aws-cdk-lib is an optional peer dependency, so this module does not import it at all, not
// even as types: a declaration file that names 'aws-cdk-lib' breaks `tsc` (without
// skipLibCheck) for users who do not have it. The interfaces below mirror aws-cdk-lib's
// IPolicyValidationPluginBeta1 structurally; test/cdk/validation.test.ts checks at compile
// time that the class is assignable to both the Beta1 and the stable plugin interface.

import { ConfigError, loadConfigFile } from '../engine/config.js';
import { scanTemplates } from '../engine/scan-templates.js';
import type { EffectiveConfig } from '../model/config.js';
import { severityRank, type Finding, type Severity } from '../model/finding.js';
import type { Rule } from '../model/rule.js';
import { RULES } from '../rules/index.js';
import { VERSION } from '../version.js';

/** aws-cdk-lib `IPolicyValidationContextBeta1` (the stable context has the same fields and more). */
export interface CdkValidationContext {
  readonly templatePaths: string[];
  /** Only on the stable context (aws-cdk-lib ≥ 2.2xx): per-stack region, used for pseudo parameters. */
  readonly stackTemplates?: ReadonlyArray<{ readonly templatePath: string; readonly region: string | undefined }>;
}

/** aws-cdk-lib `PolicyViolatingResourceBeta1`. */
export interface CdkViolatingResource {
  readonly resourceLogicalId: string;
  readonly templatePath: string;
  readonly locations: string[];
}

/** aws-cdk-lib `PolicyViolationBeta1`. */
export interface CdkViolation {
  readonly ruleName: string;
  readonly description: string;
  readonly violatingResources: CdkViolatingResource[];
  readonly fix?: string;
  readonly severity?: string;
  readonly ruleMetadata?: { readonly [key: string]: string };
}

/** aws-cdk-lib `PolicyValidationPluginReportBeta1`. */
export interface CdkValidationReport {
  readonly violations: CdkViolation[];
  readonly success: boolean;
  readonly pluginVersion?: string;
  readonly metadata?: { readonly [key: string]: string };
}

export interface StackauditValidationOptions {
  /** Synthesis fails when a finding is at or above this (default `high`); `none` only reports. */
  readonly failOn?: Severity | 'none';
  /** A stackaudit config file (rules, tiers, suppressions…); read when the plugin is created. */
  readonly configFile?: string;
  /** An already built config; wins over `configFile`. */
  readonly config?: EffectiveConfig;
  /** Template parameter values, as `--parameter Key=Value`. */
  readonly parameters?: Readonly<Record<string, string>>;
  /** Region for pseudo parameters when the stack is environment-agnostic (default us-east-1). */
  readonly region?: string;
  /** Rules to run (default: all). */
  readonly rules?: readonly Rule[];
}

export class StackauditValidation {
  readonly name = 'stackaudit';
  readonly version = VERSION;
  readonly ruleIds: string[];
  readonly #options: StackauditValidationOptions;
  readonly #config: EffectiveConfig | undefined;

  constructor(options: StackauditValidationOptions = {}) {
    this.#options = options;
    // Read the config eagerly so a bad file fails at construction, naming the file, not mid-synth.
    this.#config = options.config ?? (options.configFile !== undefined ? readConfig(options.configFile) : undefined);
    this.ruleIds = (options.rules ?? RULES).map((r) => r.meta.id);
  }

  validate(context: CdkValidationContext): CdkValidationReport {
    try {
      return this.#validate(context);
    } catch (err) {
      // A plugin that throws prints a stack in the middle of `cdk synth`; a failed report says
      // what went wrong in one line and still fails the synth (an unread template is no pass).
      const message = (err instanceof Error ? err.message : String(err)).split('\n')[0]!.slice(0, 300);
      return { success: false, violations: [], pluginVersion: VERSION, metadata: { error: `stackaudit could not check the templates: ${message}` } };
    }
  }

  #validate(context: CdkValidationContext): CdkValidationReport {
    const failOn = this.#options.failOn ?? 'high';
    const region = this.#options.region ?? uniformRegion(context);
    const report = scanTemplates(context.templatePaths, {
      failOn,
      ...(this.#config ? { config: this.#config } : {}),
      ...(this.#options.rules ? { rules: this.#options.rules } : {}),
      ...(this.#options.parameters ? { parameters: this.#options.parameters } : {}),
      ...(region ? { region } : {}),
    });
    const remediation = new Map((this.#options.rules ?? RULES).map((r) => [r.meta.id, r.meta.remediation]));
    const gates = (f: Finding) => failOn !== 'none' && severityRank(f.severity) >= severityRank(failOn);

    // One violation per rule and message: resources with the same problem share it.
    const violations = new Map<string, CdkViolation>();
    for (const f of report.findings) {
      if (f.status === 'suppressed') continue;
      const fail = f.status === 'fail';
      const text = fail ? `[${f.severity}] ${f.message}` : `[not evaluated] ${f.reason ?? f.message}`;
      const key = `${f.ruleId}\u0000${f.status}\u0000${f.severity}\u0000${text}`;
      let violation = violations.get(key);
      if (!violation) {
        const fix = fail ? remediation.get(f.ruleId) : undefined;
        violation = {
          ruleName: f.ruleId,
          description: text,
          violatingResources: [],
          ...(fix ? { fix } : {}),
          // CDK's vocabulary is fatal/error/warning/info, and after a CDK acknowledgement it
          // recomputes success as "no error or fatal violation left": so what fails our gate
          // is "error", a finding below it "warning". Not-evaluated findings never fail the
          // synth but must not read as a pass, so they are "info" (CDK drops a successful
          // report without violations, metadata and all). Our severity is in ruleMetadata.
          severity: !fail ? 'info' : gates(f) ? 'error' : 'warning',
          ruleMetadata: { severity: f.severity, rule: f.ruleName, status: f.status },
        };
        violations.set(key, violation);
      }
      violation.violatingResources.push(violatingResource(f));
    }

    const notEvaluated = report.findings.filter((f) => f.status === 'not-evaluated');
    const metadata: Record<string, string> = {
      failOn,
      fail: String(report.summary.fail),
      suppressed: String(report.summary.suppressed),
      notEvaluated: String(notEvaluated.length),
    };
    if (report.notes?.length) metadata['notes'] = report.notes.join('; ');
    // A template stackaudit cannot read is not a pass: CDK shows metadata.error for a failed plugin.
    if (report.errors.length > 0) {
      metadata['error'] = report.errors.map((e) => `${e.file}${e.line ? `:${e.line}` : ''}: ${e.message}`).join('; ');
    }

    return {
      success: !report.summary.gateFailed && report.errors.length === 0,
      violations: [...violations.values()],
      pluginVersion: VERSION,
      metadata,
    };
  }
}

/** ConfigError's message leaves out the file (the CLI adds it); here it goes into the thrown error. */
function readConfig(file: string): EffectiveConfig {
  try {
    return loadConfigFile(file);
  } catch (err) {
    if (err instanceof ConfigError) throw new Error(`stackaudit: ${err.file}${err.line ? `:${err.line}` : ''}: ${err.message}`);
    throw err;
  }
}

function violatingResource(f: Finding): CdkViolatingResource {
  return {
    resourceLogicalId: f.resource.id,
    templatePath: f.resource.file ?? '',
    // CDK matches locations against property mutations written as "Properties.Name…".
    locations: f.path && f.path.length > 0 ? [f.path.join('.')] : [],
  };
}

/** The stacks' region when they all name the same one (stable context only). */
function uniformRegion(context: CdkValidationContext): string | undefined {
  const regions = new Set((context.stackTemplates ?? []).map((s) => s.region));
  const [only] = regions;
  return regions.size === 1 && only !== undefined ? only : undefined;
}
