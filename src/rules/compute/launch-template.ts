// The launch template an EC2 instance launches from. Settings the instance leaves out
// (metadata options, block devices) come from it; a template in the input is judged on its own.

import type { Resource } from '../../model/resource.js';
import type { RuleContext } from '../../model/rule.js';
import { Unknown, isRecord } from '../../model/values.js';
import { describeRef } from '../../engine/inventory-index.js';

export type LaunchTemplateUse = { readonly template: Resource } | { readonly unseen: string } | Unknown;

/** The instance's launch template: in the input, not in it (named as written), or unknown (recorded); undefined when it names none. */
export function launchTemplateOf(ctx: RuleContext, instance: Resource): LaunchTemplateUse | undefined {
  if (instance.type !== 'AWS::EC2::Instance') return undefined;
  const spec = ctx.get(instance, ['LaunchTemplate']);
  if (spec === undefined) return undefined;
  if (spec instanceof Unknown) return spec;
  if (!isRecord(spec)) return { unseen: describeRef(spec) };
  const ref = spec['LaunchTemplateId'] ?? spec['LaunchTemplateName'];
  if (ref instanceof Unknown) return ref;
  const template = ctx.index.lookup(instance, ref);
  if (template && ctx.exists(template)) return { template };
  // A template in the input may be named by its LaunchTemplateName rather than referenced.
  if (typeof ref === 'string') {
    const named = ctx.index.find('AWS::EC2::LaunchTemplate', instance, (lt) => ctx.tolerate(() => ctx.get(lt, ['LaunchTemplateName'])) === ref);
    if (named instanceof Unknown) return named;
    if (named) return { template: named };
  }
  return { unseen: describeRef(ref) };
}
