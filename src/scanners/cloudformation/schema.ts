import { CORE_SCHEMA, NOT_RESOLVED, defineMappingTag, defineScalarTag, defineSequenceTag, mapTag } from 'js-yaml';
import type { Schema, TagDefinition } from 'js-yaml';

// CloudFormation's YAML short forms, mapped to the long (JSON) form while parsing so everything
// downstream sees one shape. https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/intrinsic-function-reference.html
//
// CORE_SCHEMA (YAML 1.2) on purpose: it has no !!timestamp, so an unquoted
// `AWSTemplateFormatVersion: 2010-09-09` stays the string CloudFormation expects, and no
// !!merge / !!binary / !!set, which CloudFormation does not support either.

type Form = 'scalar' | 'sequence' | 'mapping';

interface ShortTag {
  /** Key of the long form. */
  readonly long: string;
  /** The node kinds the short form accepts. A mapping is only valid where the function's argument may be another function (`!Base64 {"Fn::Sub": …}`) or a literal object. */
  readonly forms: readonly Form[];
}

const SCALAR_SEQ: readonly Form[] = ['scalar', 'sequence'];
const ALL: readonly Form[] = ['scalar', 'sequence', 'mapping'];

/** Short tag name (without `!`) → its long form. */
export const SHORT_TAGS: Readonly<Record<string, ShortTag>> = {
  Ref: { long: 'Ref', forms: ['scalar'] },
  Condition: { long: 'Condition', forms: ['scalar'] },
  GetAtt: { long: 'Fn::GetAtt', forms: SCALAR_SEQ },
  Sub: { long: 'Fn::Sub', forms: SCALAR_SEQ },
  Join: { long: 'Fn::Join', forms: ['sequence'] },
  Select: { long: 'Fn::Select', forms: ['sequence'] },
  Split: { long: 'Fn::Split', forms: ['sequence'] },
  If: { long: 'Fn::If', forms: ['sequence'] },
  Equals: { long: 'Fn::Equals', forms: ['sequence'] },
  And: { long: 'Fn::And', forms: ['sequence'] },
  Or: { long: 'Fn::Or', forms: ['sequence'] },
  Not: { long: 'Fn::Not', forms: ['sequence'] },
  FindInMap: { long: 'Fn::FindInMap', forms: ['sequence'] },
  Cidr: { long: 'Fn::Cidr', forms: ['sequence'] },
  ImportValue: { long: 'Fn::ImportValue', forms: ALL },
  GetAZs: { long: 'Fn::GetAZs', forms: ALL },
  Base64: { long: 'Fn::Base64', forms: ALL },
  Transform: { long: 'Fn::Transform', forms: ['mapping'] },
  // AWS::LanguageExtensions transform.
  Length: { long: 'Fn::Length', forms: ALL },
  ToJsonString: { long: 'Fn::ToJsonString', forms: ALL },
  // Only valid in a template's `Rules` section, but a valid template may have one.
  // https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/rules-section-structure.html
  Contains: { long: 'Fn::Contains', forms: ['sequence'] },
  EachMemberEquals: { long: 'Fn::EachMemberEquals', forms: ['sequence'] },
  EachMemberIn: { long: 'Fn::EachMemberIn', forms: ['sequence'] },
  RefAll: { long: 'Fn::RefAll', forms: ['scalar'] },
  ValueOf: { long: 'Fn::ValueOf', forms: ['sequence'] },
  ValueOfAll: { long: 'Fn::ValueOfAll', forms: ['sequence'] },
};
// `Fn::ForEach` has no short form: it is written as a key (`Fn::ForEach::Name: [...]`), so
// the plain schema already reads it.

/** The long-form key a tagged node becomes, e.g. `!GetAtt` → `Fn::GetAtt`; undefined for other tags. */
export function longFormOf(tag: string): string | undefined {
  if (!tag.startsWith('!') || tag.startsWith('!!')) return undefined;
  const short = Object.hasOwn(SHORT_TAGS, tag.slice(1)) ? SHORT_TAGS[tag.slice(1)] : undefined;
  return short?.long;
}

function wrap(long: string, value: unknown): Record<string, unknown> {
  return { [long]: value };
}

/** `!GetAtt A.B.C` → `['A', 'B.C']`: attribute names may contain dots (`Endpoint.Address`), logical ids never do. */
function splitGetAtt(source: string): string[] | typeof NOT_RESOLVED {
  const dot = source.indexOf('.');
  if (dot <= 0 || dot === source.length - 1) return NOT_RESOLVED;
  return [source.slice(0, dot), source.slice(dot + 1)];
}

function tagsFor(name: string, tag: ShortTag): TagDefinition[] {
  const tagName = `!${name}`;
  const { long } = tag;
  const out: TagDefinition[] = [];
  if (tag.forms.includes('scalar')) {
    out.push(
      defineScalarTag<unknown>(tagName, {
        resolve:
          name === 'GetAtt'
            ? (s) => {
                const parts = splitGetAtt(s);
                return parts === NOT_RESOLVED ? NOT_RESOLVED : wrap(long, parts);
              }
            : (s) => wrap(long, s),
        identify: () => false,
      }),
    );
  }
  if (tag.forms.includes('sequence')) {
    out.push(
      defineSequenceTag<unknown[], unknown>(tagName, {
        create: () => [],
        addItem: (items, item) => {
          items.push(item);
        },
        finalize: (items) => wrap(long, items),
        identify: () => false,
      }),
    );
  }
  if (tag.forms.includes('mapping')) {
    // Same key handling (and duplicate detection) as a plain mapping, then wrapped.
    out.push(
      defineMappingTag<Record<string, unknown>, Record<string, unknown>>(tagName, {
        create: mapTag.create,
        addPair: mapTag.addPair,
        has: mapTag.has,
        keys: (result) => Object.keys(result),
        get: (result, key) => result[String(key)],
        finalize: (carrier) => wrap(long, mapTag.finalize(carrier)),
        identify: () => false,
      }),
    );
  }
  return out;
}

export const CLOUDFORMATION_SCHEMA: Schema = CORE_SCHEMA.withTags(Object.entries(SHORT_TAGS).flatMap(([name, tag]) => tagsFor(name, tag)));
