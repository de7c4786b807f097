// Where a template value comes from, for rules that judge literals (SEC-001: a secret written in
// the template). A `Ref` to a parameter is the parameter's Default when the template has one and
// no value was given; a value given at deployment, read from SSM, or imported from another
// stack is not written in the template. Judged on the template as written: the raw node at the
// place the resolved value came from (the chosen `Fn::If` branch included). Account values have
// no such origin. Stop-gap: the engine should answer this itself (ctx.origin), see lib/README.md.

import type { Resource } from '../../model/resource.js';
import type { ParameterDeclaration, RuleContext } from '../../model/rule.js';
import { dig, isRecord } from '../../model/values.js';

export type ValueOrigin =
  | { readonly kind: 'parameter'; readonly parameter: ParameterDeclaration }
  /** `Fn::ImportValue`: another stack's output. */
  | { readonly kind: 'import' };

/** The raw node of `key` in a resolved object or list of the resource (undefined for account values). */
function rawNode(ctx: RuleContext, resource: Resource, container: unknown, key: string | number): unknown {
  const at = ctx.sourcePath(resource, container);
  if (at?.[0] !== 'Properties') return undefined;
  const raw = dig(resource.properties, at.slice(1));
  return Array.isArray(raw) || isRecord(raw) ? dig(raw, [key]) : undefined;
}

/** The origin of the value at `key` of `container` (an object or list the rule read from `resource`). */
export function valueOrigin(ctx: RuleContext, resource: Resource, container: unknown, key: string | number): ValueOrigin | undefined {
  let node = rawNode(ctx, resource, container, key);
  // User data is written under Fn::Base64, which resolves to its argument.
  for (let i = 0; i < 4 && isRecord(node) && Object.keys(node).length === 1 && Object.hasOwn(node, 'Fn::Base64'); i++) node = node['Fn::Base64'];
  if (!isRecord(node) || Object.keys(node).length !== 1) return undefined;
  if (Object.hasOwn(node, 'Fn::ImportValue')) return { kind: 'import' };
  const name = node['Ref'];
  if (typeof name !== 'string') return undefined;
  const parameter = ctx.parameter(resource, name);
  return parameter ? { kind: 'parameter', parameter } : undefined;
}

/** Whether a parameter's value is chosen at deployment (given, without a Default, or read from SSM) rather than written in the template. */
export function givenAtDeployment(p: ParameterDeclaration): boolean {
  return p.overridden || !p.hasDefault || p.type.startsWith('AWS::SSM::');
}
