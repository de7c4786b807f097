import type { Severity } from './finding.js';
import type { Path, Resource } from './resource.js';
import type { InventoryIndex } from './inventory.js';
import type { EffectiveConfig, TierInfo } from './config.js';
import type { Unknown } from './values.js';

export interface ParameterDeclaration {
  readonly name: string;
  readonly type: string;
  readonly noEcho: boolean;
  readonly hasDefault: boolean;
  /** The Default as written (a rule judging where a value comes from needs `''` vs a literal). */
  readonly default?: unknown;
  readonly overridden: boolean;
}

export type RuleArea = 'network' | 'database' | 'storage' | 'edge' | 'load-balancing' | 'resilience' | 'secrets' | 'observability' | 'compute' | 'cost';

/** Data a message interpolates (`{{port}}`); printed through the engine's masking printer. */
export type MessageData = Readonly<Record<string, string | number | boolean>>;

/** Typed metadata: `stackaudit rules`, SARIF rule descriptors, docs and the README table come from it. */
export interface RuleMeta<M extends string = string> {
  /** The control id from CONTROLS.md (`NET-001`); never changes. */
  readonly id: string;
  /** Slug, also the module's file name (`ssh-single-host`). */
  readonly name: string;
  readonly title: string;
  readonly area: RuleArea;
  readonly severity: Severity;
  /** CloudFormation types the check runs on, once per resource (and per scenario). */
  readonly resourceTypes: readonly string[];
  readonly rationale: string;
  readonly remediation: string;
  /**
   * What the rule can say, keyed by message id, with `{{placeholders}}` for data. The engine
   * appends the condition scenarios; fingerprints use the id, never the wording.
   */
  readonly messages?: Readonly<Record<M, string>>;
  /** Seed documents the control comes from ('000'…'004'), or 'beyond the seeds'; shown in the docs as "seen in". */
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

export interface Report<M extends string = string> {
  readonly messageId: M;
  readonly data?: MessageData;
  /** Where in the resource, relative to the resource node: ['Properties', 'SecurityGroupIngress', 0]. */
  readonly path?: Path;
  /** Overrides the rule's default severity for this finding (e.g. NET-001: a private CIDR is medium). */
  readonly severity?: Severity;
  /** Report on another resource than the one being checked (e.g. the group a standalone ingress joins). */
  readonly resource?: Resource;
}

/**
 * What a rule sees. Rules are pure and synchronous: everything comes through here. The engine
 * runs a check once per scenario (an assignment of the conditions the template leaves open),
 * records every value it reads, and turns "read an unknown value and did not fail" into
 * not-evaluated, so a rule never has to.
 */
export interface RuleContext<M extends string = string> {
  readonly config: EffectiveConfig;
  readonly index: InventoryIndex;
  /**
   * The resource's property at `path` (relative to Properties) in the current scenario, with
   * intrinsic functions resolved; `undefined` when absent. Objects are read-only views. An
   * `Unknown` met here (or inside a view later) is recorded.
   */
  get(resource: Resource, path?: Path): unknown;
  /**
   * A value the rule cannot judge (a reference where a literal is needed): returns an Unknown
   * and records it, so the check ends not-evaluated with this reason unless it fails.
   */
  unknown(reason: string, path?: Path): Unknown;
  /** Whether the resource exists in the current scenario (its `Condition` holds). */
  exists(resource: Resource): boolean;
  /**
   * Runs `fn` with the unknown values it reads not recorded: the rule declares they cannot
   * change its verdict (NET-004 fails on any CIDR source, whatever its value).
   */
  tolerate<T>(fn: () => T): T;
  /** A template parameter's declaration (NoEcho, Default…), for rules that judge where a value comes from. */
  parameter(resource: Resource, name: string): ParameterDeclaration | undefined;
  /** The path (relative to the resource) a resolved object or array came from, for precise lines. */
  sourcePath(resource: Resource, node: unknown): Path | undefined;
  /** Path to a property when it is written, else to Properties (the nearest ancestor that exists). */
  propertyPath(resource: Resource, key: string): Path;
  /** The resource's tier (tag, stack parameter, config, or assumed prod). */
  tier(resource: Resource): TierInfo;
  /** A failure. */
  report(report: Report<M>): void;
  /**
   * Could not decide, for a reason the rule knows better than "a value was unknown" (the
   * template cannot show a billing alarm; a database restored from a snapshot).
   */
  notEvaluated(report: Report<M>): void;
}

export interface Rule<M extends string = string> {
  readonly meta: RuleMeta<M>;
  /** Called once per resource of `meta.resourceTypes` and scenario. Reports through the context; silence is a pass. */
  check(resource: Resource, ctx: RuleContext<M>): void;
  /**
   * Optional whole-input check for controls about what is absent (a billing alarm), run once
   * per input. Findings name a resource or `ctx.index.inputResource()`.
   */
  checkInput?(ctx: RuleContext<M>): void;
}

/** Declares a rule with its message ids checked by the compiler. */
export function defineRule<const Messages extends Readonly<Record<string, string>>>(rule: {
  readonly meta: Omit<RuleMeta<Extract<keyof Messages, string>>, 'messages'> & { readonly messages: Messages };
  check(resource: Resource, ctx: RuleContext<Extract<keyof Messages, string>>): void;
  checkInput?(ctx: RuleContext<Extract<keyof Messages, string>>): void;
}): Rule<Extract<keyof Messages, string>> {
  return rule;
}
