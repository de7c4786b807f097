import type { Severity } from './finding.js';
import type { Path, Resource } from './resource.js';
import type { Possible } from './values.js';
import type { InventoryIndex } from './inventory.js';
import type { EffectiveConfig, TierInfo } from './config.js';

export interface ParameterDeclaration {
  readonly name: string;
  readonly type: string;
  readonly noEcho: boolean;
  readonly hasDefault: boolean;
  readonly overridden: boolean;
}

export type RuleArea =
  | 'network'
  | 'database'
  | 'storage'
  | 'edge'
  | 'load-balancing'
  | 'resilience'
  | 'secrets'
  | 'observability'
  | 'compute'
  | 'cost';

/** Typed metadata: `stackaudit rules`, SARIF rule descriptors and the README table come from it. */
export interface RuleMeta {
  /** The control id from CONTROLS.md (`NET-001`); never changes. */
  readonly id: string;
  /** Slug, also the module's file name (`ssh-single-host`). */
  readonly name: string;
  readonly title: string;
  readonly area: RuleArea;
  readonly severity: Severity;
  /** CloudFormation types the check runs on, once per resource. */
  readonly resourceTypes: readonly string[];
  readonly rationale: string;
  readonly remediation: string;
  /** Seed documents the control comes from ('000'…'004'), or 'beyond the seeds'. */
  readonly seeds: readonly string[];
  readonly equivalents?: {
    readonly checkov?: readonly string[];
    readonly cfnNag?: readonly string[];
    readonly cdkNag?: readonly string[];
    readonly awsConfig?: readonly string[];
    readonly prowler?: readonly string[];
  };
  /** Whether the verdict depends on the resource's tier (dev/staging/prod). */
  readonly tiered?: boolean;
}

export interface ReportOptions {
  /** Where in the resource, relative to the resource node: ['Properties', 'SecurityGroupIngress', 0]. */
  readonly path?: Path;
  /** Overrides the rule's default severity for this finding (e.g. NET-001: a private CIDR is medium). */
  readonly severity?: Severity;
  /** Report on another resource than the one being checked (e.g. the group a standalone ingress joins). */
  readonly resource?: Resource;
}

/**
 * What a rule sees. Rules are pure and synchronous: everything comes through here.
 * They report paths, never positions.
 */
export interface RuleContext {
  readonly input: 'template' | 'account';
  readonly config: EffectiveConfig;
  readonly index: InventoryIndex;
  /**
   * Every possible value of the resource's property at `path` (relative to Properties),
   * with intrinsic functions resolved: parameters, conditions (both branches of an unknown
   * `Fn::If`), mappings, Sub/Join/Select/Split. Unresolvable parts are `Unknown`; `Ref`s to
   * resources are `ResourceRef`. An absent property yields one possibility, `undefined`.
   */
  values(resource: Resource, path: Path): readonly Possible[];
  /** The property as written, before resolution (intrinsics in long form); literal for accounts. */
  raw(resource: Resource, path: Path): unknown;
  /** A template parameter's declaration (NoEcho, Default…), for rules that judge where a value comes from. */
  parameter(resource: Resource, name: string): ParameterDeclaration | undefined;
  /** The raw path (relative to the resource) a resolved object or array came from, for precise lines. */
  sourcePath(resource: Resource, node: unknown): Path | undefined;
  /** The resource's tier (tag, stack parameter, config, or assumed prod). */
  tier(resource: Resource): TierInfo;
  fail(resource: Resource, message: string, options?: ReportOptions): void;
  notEvaluated(resource: Resource, reason: string, options?: ReportOptions): void;
}

export interface Rule {
  readonly meta: RuleMeta;
  /** Called once per resource of `meta.resourceTypes`. Reports through the context; silence is a pass. */
  check(resource: Resource, ctx: RuleContext): void;
  /**
   * Optional whole-inventory check for controls about what is absent (a billing alarm) or
   * about the scan as a whole. Findings name a resource or a synthetic one.
   */
  checkInventory?(ctx: RuleContext): void;
}
