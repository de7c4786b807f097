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
      /** Key of the template in the scan (used by ResourceRef.scope). */
      readonly scope: string;
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
  readonly origin: Origin;
}

/** Tags in CloudFormation's `[{Key, Value}]` form (or a plain map, as some types use) as a map of literal strings. */
export function tagsOf(properties: Readonly<Record<string, unknown>>): Record<string, string> {
  const out: Record<string, string> = {};
  const tags = properties['Tags'];
  if (Array.isArray(tags)) {
    for (const t of tags) {
      if (t && typeof t === 'object' && typeof (t as Record<string, unknown>)['Key'] === 'string') {
        const v = (t as Record<string, unknown>)['Value'];
        if (typeof v === 'string') out[(t as Record<string, string>)['Key'] as string] = v;
      }
    }
  } else if (tags && typeof tags === 'object') {
    for (const [k, v] of Object.entries(tags)) if (typeof v === 'string') out[k] = v;
  }
  return out;
}

/** A stable key for a resource within one scan. */
export function resourceKey(r: Resource): string {
  return r.origin.kind === 'template' ? `${r.origin.scope}#${r.id}` : `${r.origin.account}/${r.origin.region}/${r.type}/${r.id}`;
}
