// One vocabulary for every input: a resource is described with CloudFormation's type names
// and property shapes whether it came from a template or a live account, so each rule and
// each cost formula is written once.

export type Path = readonly (string | number)[];

export type Origin =
  | {
      readonly kind: 'template';
      /** The template file as the user named it (relative or absolute). */
      readonly file: string;
      /** Stack name in a CDK cloud assembly. */
      readonly stack?: string;
      /** Key of the template in the scan (used by ResourceRef.scope): the file, or file#stack in a cloud assembly. */
      readonly scope: string;
      /**
       * The input the template belongs to: the file itself, or the cloud assembly directory. An
       * input is evaluated on its own, so scanning many inputs at once reports what each alone does.
       */
      readonly input?: string;
      /** Region it deploys to, when the cdk.out environment or --region names one. */
      readonly region?: string;
    }
  | {
      readonly kind: 'account';
      readonly account: string;
      readonly region: string;
    };

export interface Resource {
  /** CloudFormation type name, e.g. `AWS::EC2::SecurityGroup`. */
  readonly type: string;
  /** Logical id in a template; physical id (sg-…, bucket name, distribution id) in an account. */
  readonly id: string;
  readonly arn?: string;
  /**
   * Properties in CloudFormation's shape. In a template they are raw (intrinsic functions
   * in long form, resolved through the rule context); from an account they are literal,
   * with `Unknown` wherever a read failed.
   */
  readonly properties: Readonly<Record<string, unknown>>;
  readonly metadata?: Readonly<Record<string, unknown>>;
  /** The resource's `Condition` in a template. */
  readonly condition?: string;
  /**
   * Set when the resource could not be read at all (an `Fn::ForEach` over a collection known only
   * at deployment): every rule for its type reports not-evaluated with this reason.
   */
  readonly unexpanded?: string;
  readonly origin: Origin;
}

/**
 * Tags in CloudFormation's `[{Key, Value}]` form (or a plain map, as some types use) as a map of
 * literal strings. The map has no prototype: a tag named `constructor` or `__proto__` is a tag.
 */
export function tagsOf(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const out = Object.create(null) as Record<string, string>;
  const put = (k: string, v: string) => Object.defineProperty(out, k, { value: v, enumerable: true, writable: true, configurable: true });
  const tags = Object.hasOwn(properties, 'Tags') ? properties['Tags'] : undefined;
  if (Array.isArray(tags)) {
    for (const t of tags) {
      if (t && typeof t === 'object' && !Array.isArray(t)) {
        const rec = t as Record<string, unknown>;
        const k = Object.hasOwn(rec, 'Key') ? rec['Key'] : undefined;
        const v = Object.hasOwn(rec, 'Value') ? rec['Value'] : undefined;
        if (typeof k === 'string' && typeof v === 'string') put(k, v);
      }
    }
  } else if (tags && typeof tags === 'object') {
    for (const k of Object.keys(tags)) {
      const v = (tags as Record<string, unknown>)[k];
      if (typeof v === 'string') put(k, v);
    }
  }
  return out;
}

/**
 * A resource's identity everywhere (inventory, rules, cost, reports): input and stack (the
 * template's scope) and logical id for templates; account, region, type and physical id for
 * accounts. Two templates of one scan never share a key.
 */
export function resourceKey(r: Resource): string {
  return r.origin.kind === 'template' ? `${r.origin.scope}#${r.id}` : `${r.origin.account}/${r.origin.region}/${r.type}/${r.id}`;
}

/** The input a resource belongs to: its template file or cloud assembly, or its account. */
export function inputKey(r: Resource): string {
  return r.origin.kind === 'template' ? (r.origin.input ?? r.origin.file) : `account ${r.origin.account}`;
}
