// Declarative "a boolean property with a CloudFormation default must be X" rules, in the
// spirit of checkov's BaseResourceValueCheck: the rule states the property, the safe value,
// the default when the property is absent and when the rule applies; the engine does the rest.

import type { Resource } from '../../model/resource.js';
import { defineRule, type MessageData, type Rule, type RuleContext, type RuleMeta } from '../../model/rule.js';
import { Unknown } from '../../model/values.js';
import { boolOf } from './read.js';

export interface BooleanPropertySpec {
  readonly meta: Omit<RuleMeta, 'messages'>;
  /** The property, relative to Properties. */
  readonly property: string;
  /** The safe value. */
  readonly want: boolean;
  /** What CloudFormation (or the service) applies when the property is absent. */
  readonly defaultValue: boolean;
  /** Why absence is a failure, for the message: "(default false)". */
  readonly messages: {
    /** The property is absent and the default is not the safe value. */
    readonly absent: string;
    /** The property is set to the unsafe value. */
    readonly wrong: string;
  };
  /** Whether the rule applies to this resource (tier, engine, cluster membership…). */
  applies?(resource: Resource, ctx: RuleContext<'absent' | 'wrong'>): boolean;
  /** Data for the messages' placeholders (a tier, an engine). */
  data?(resource: Resource, ctx: RuleContext<'absent' | 'wrong'>): MessageData;
}

export function booleanPropertyRule(spec: BooleanPropertySpec): Rule<'absent' | 'wrong'> {
  return defineRule({
    meta: { ...spec.meta, messages: { absent: spec.messages.absent, wrong: spec.messages.wrong } },
    check(resource, ctx) {
      if (spec.applies && !spec.applies(resource, ctx)) return;
      const path = ctx.propertyPath(resource, spec.property);
      const v = boolOf(ctx, resource, [spec.property]);
      if (v instanceof Unknown) return;
      const data = spec.data?.(resource, ctx);
      if (v === undefined) {
        if (spec.defaultValue !== spec.want) ctx.report({ messageId: 'absent', path, ...(data ? { data } : {}) });
      } else if (v !== spec.want) ctx.report({ messageId: 'wrong', path, ...(data ? { data } : {}) });
    },
  });
}
