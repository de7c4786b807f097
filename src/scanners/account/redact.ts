// Secret-looking values in a saved snapshot: container, function and service environment
// values and EC2 user data, exactly where the collected outputs hold them. A saved snapshot
// keeps what SEC-001 needs to reach the same verdict with the same message: the variable
// name, whether the value is a literal at all (references and expansions are kept as they
// are: they are not secrets), its length class, the two characters the report's mask shows
// anyway, and, for a value shaped like a known credential, a placeholder of that shape.
// `--save-raw` keeps everything.

import { credentialShape, decodeUserData, isLiteralSecretValue, scanScript } from '../../rules/secrets/detect.js';
import type { SnapshotCall } from './calls.js';
import { setOwn } from './collector.js';

/**
 * Fake credentials, one per shape SEC-001 recognises: a redacted value of that shape carries
 * the placeholder whose shape is the same, so the verdict ("an AWS access key id") survives.
 */
const SHAPE_PLACEHOLDERS: readonly string[] = [
  'AKIAREDACTEDREDACTED',
  'ASIAREDACTEDREDACTED',
  '-----BEGIN PRIVATE KEY-----',
  `ghp_${'REDACTED'.repeat(4)}XXXX`,
  'glpat-REDACTEDREDACTEDXXXX',
  'xoxb-REDACTED-REDACTED',
  'sk_live_REDACTEDREDACTED',
  `AIza${'REDACTED'.repeat(4)}XXX`,
  'https://user:REDACTED@redacted.invalid',
];

function placeholderFor(shape: string): string | undefined {
  return SHAPE_PLACEHOLDERS.find((p) => credentialShape(p) === shape);
}

function lengthClass(n: number): string {
  for (const top of [7, 15, 31, 63, 127]) if (n <= top) return `${top === 7 ? 1 : (top + 1) / 2}-${top}`;
  return '128+';
}

/** Marks every redacted value, so a reader of the file knows it was redacted. */
export const REDACTED_MARK = 'redacted';

/**
 * The redacted form of a literal: under 8 characters, 7 characters (the report masks it as
 * `****`); otherwise its first two characters (as the report shows them), the length class and
 * a shape placeholder when it has one.
 */
function marker(value: string, shape: string | undefined): string {
  const v = value.trim();
  const placeholder = shape ? placeholderFor(shape) : undefined;
  if (v.length < 8 && !placeholder) return '*[rdct]';
  return `${v.slice(0, 2)}**${REDACTED_MARK}:${lengthClass(v.length)}${placeholder ? `:${placeholder}` : ''}**`;
}

/** ARNs and dynamic references name where a secret lives; they are not secrets. */
const isReference = (v: string): boolean => /^arn:[a-z-]+:/.test(v.trim()) || v.includes('{{resolve:');

/** One environment value, redacted unless it is not a secret by SEC-001's own definition. */
export function redactValue(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  if (isReference(value) || !isLiteralSecretValue(value)) return value;
  if (value.includes(`**${REDACTED_MARK}:`) || value === '*[rdct]') return value;
  return marker(value, credentialShape(value));
}

/**
 * User data (base64, as EC2 returns it) replaced by a script of the assignments SEC-001 finds
 * in it, each value redacted, and the credential shapes it finds on their own lines.
 */
export function redactUserData(base64: unknown): unknown {
  if (typeof base64 !== 'string' || base64 === '') return base64;
  const text = decodeUserData(base64);
  const lines = [`# user data redacted by stackaudit (${text.length} characters); kept: what a secrets check finds in it`];
  for (const hit of scanScript(text)) {
    const placeholder = placeholderFor(hit.why);
    if (hit.name === 'a line') lines.push(placeholder ?? '# (a credential-shaped line)');
    else {
      const short = hit.masked === '****';
      const value = short && !placeholder ? '*[rdct]' : `${short ? '' : hit.masked.slice(0, 2)}**${REDACTED_MARK}${placeholder ? `:${placeholder}` : ''}**`;
      lines.push(`${hit.name}="${value}"`);
    }
  }
  return Buffer.from(`${lines.join('\n')}\n`, 'utf8').toString('base64');
}

type Json = Record<string, unknown>;
const isObj = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A copy of a `{NAME: value}` map with every value redacted; names are kept as own keys, whatever they are. */
function redactMap(v: unknown): unknown {
  if (!isObj(v)) return v;
  const out: Json = {};
  for (const [k, x] of Object.entries(v)) setOwn(out, k, redactValue(x));
  return out;
}

/** A copy of `o` with `key` replaced by `f(o[key])`, when `o` has it. */
function update(o: unknown, key: string, f: (v: unknown) => unknown): unknown {
  if (!isObj(o) || !Object.hasOwn(o, key)) return o;
  const out: Json = {};
  for (const [k, x] of Object.entries(o)) setOwn(out, k, k === key ? f(x) : x);
  return out;
}

const each =
  (f: (v: unknown) => unknown) =>
  (v: unknown): unknown =>
    Array.isArray(v) ? v.map(f) : v;

/** Where each collected output keeps secret-looking values. */
const REDACTIONS: ReadonlyMap<string, (output: Json) => unknown> = new Map<string, (output: Json) => unknown>([
  [
    'ecs:DescribeTaskDefinition',
    (o) =>
      update(o, 'taskDefinition', (td) =>
        update(
          td,
          'containerDefinitions',
          each((c) =>
            update(
              c,
              'environment',
              each((e) => update(e, 'value', redactValue)),
            ),
          ),
        ),
      ),
  ],
  [
    'lambda:ListFunctions',
    (o) =>
      update(
        o,
        'Functions',
        each((f) => update(f, 'Environment', (env) => update(env, 'Variables', redactMap))),
      ),
  ],
  [
    'apprunner:DescribeService',
    (o) =>
      update(o, 'Service', (s) =>
        update(s, 'SourceConfiguration', (src) => {
          const image = update(src, 'ImageRepository', (r) => update(r, 'ImageConfiguration', (c) => update(c, 'RuntimeEnvironmentVariables', redactMap)));
          return update(image, 'CodeRepository', (r) =>
            update(r, 'CodeConfiguration', (c) => update(c, 'CodeConfigurationValues', (v) => update(v, 'RuntimeEnvironmentVariables', redactMap))),
          );
        }),
      ),
  ],
  [
    'ec2:DescribeLaunchTemplateVersions',
    (o) =>
      update(
        o,
        'LaunchTemplateVersions',
        each((v) => update(v, 'LaunchTemplateData', (d) => update(d, 'UserData', redactUserData))),
      ),
  ],
  ['ec2:DescribeInstanceAttribute', (o) => update(o, 'UserData', (u) => update(u, 'Value', redactUserData))],
]);

/** The call with its secret-looking values redacted (the same object when it holds none). */
export function redactCall(call: SnapshotCall): SnapshotCall {
  const f = REDACTIONS.get(`${call.service}:${call.operation}`);
  if (!f || !call.output) return call;
  return { ...call, output: f(call.output as Json) as Json };
}
