// `stackaudit init` writes a starting stackaudit.config.yaml with every option, its default and what it
// does, all commented out, so the file is valid as written and a user uncomments what they change.

import { writeFileSync } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import {
  DEFAULT_API_PATH_PATTERNS,
  DEFAULT_BACKEND_PORTS,
  DEFAULT_DATABASE_PORTS,
  DEFAULT_TIER_PARAMETER_NAMES,
  DEFAULT_TIER_TAG_KEYS,
  DEFAULT_TIER_TARGETS,
} from '../engine/config.js';
import { SEVERITIES } from '../model/finding.js';
import { ruleHelpUri } from '../reporters/help-uri.js';
import { RULES } from '../rules/index.js';
import { UsageError, type CliIo } from './io.js';
import { DEFAULT_CONFIG_FILE, parse, pathExists } from './options.js';

export const INIT_HELP = `Usage: stackaudit init [--output FILE] [--force]

Writes a commented ${DEFAULT_CONFIG_FILE} with every option and its default (all commented
out, so the file changes nothing until you uncomment a line). Never overwrites a file
unless --force is given. --output - prints it instead.`;

const list = (xs: readonly (string | number)[]): string => `[${xs.map((x) => (typeof x === 'number' ? String(x) : `'${x}'`)).join(', ')}]`;

/** The file `init` writes. Every key of the config schema appears, with its default. */
export function initConfigText(): string {
  const t = DEFAULT_TIER_TARGETS;
  const target = (tier: 'dev' | 'staging' | 'prod'): string =>
    `{ rtoMinutes: ${t[tier].rtoMinutes}, rpoMinutes: ${t[tier].rpoMinutes}, backupRetentionDays: ${t[tier].backupRetentionDays} }`;
  const example = RULES.find((r) => r.meta.id === 'NET-004')?.meta ?? RULES[0]!.meta;
  return `# stackaudit configuration (written by \`stackaudit init\`).
# Every option is listed with its default, commented out: uncomment a line to change it.
# stackaudit reads ./stackaudit.config.yaml, or the file given with --config. Unknown keys,
# unknown rule ids and wrong types are errors that name the key. Rule pages:
# ${ruleHelpUri('<ID>').replace('%3CID%3E', '<ID>')} (\`stackaudit rules\` lists the ids).

# Rules — turn one off, or change its severity (${SEVERITIES.join(', ')}).
# rules:
#   ${example.id}: off                        # ${example.title}
#   CF-006: medium
#   DB-006: { enabled: true, severity: medium }

# The gate: exit 1 when a failing finding is at or above this severity (or none). --fail-on wins.
# failOn: high
# Report, but exit 0 whatever the findings (input errors still exit 2). --soft-fail wins.
# softFail: false

# Which rules run: ids, globs or severities, as --check / --skip-check take them.
# check: []                 # e.g. ['NET-*', 'DB-001'] or [high] (high and above); --check replaces it
# skipCheck: []             # e.g. ['COST-*', low] (low and below); added to --skip-check
# Inputs left out, as globs like .gitignore patterns; added to --skip-path.
# skipPath: []              # e.g. ['cdk.out/**/asset.*', legacy]

# Application backend ports that must never face the internet (NET-002).
# backendPorts: ${list(DEFAULT_BACKEND_PORTS)}
# Database and cache ports that accept ingress only from security groups (NET-004).
# databasePorts: ${list(DEFAULT_DATABASE_PORTS)}
# CloudFront path patterns that are API behaviors: no caching, Authorization forwarded (CF-004).
# apiPathPatterns: ${list(DEFAULT_API_PATH_PATTERNS)}

# Tiers (dev, staging, prod) decide the tiered rules (backups, Multi-AZ, RTO/RPO, WAF…).
# A resource's tier comes from a tag, else a stack parameter, else \`default\`; with no default,
# prod is assumed and the report says so. Tag values are normalised (production, prd → prod).
# tiers:
#   tagKeys: ${list(DEFAULT_TIER_TAG_KEYS)}
#   parameterNames: ${list(DEFAULT_TIER_PARAMETER_NAMES)}
#   default: dev
#   targets:
#     dev: ${target('dev')}
#     staging: ${target('staging')}
#     prod: ${target('prod')}

# Cost (\`stackaudit cost\`, COST-001, OBS-002): a monthly budget in USD; whether an estimate with
# unpriced items may still pass it; the region to price when an input names none (--region wins).
# budget: 20
# allowUnpriced: false
# region: us-east-1

# Suppressions accept a finding with a reason. It stays in every report as "suppressed" and
# stops suppressing on its expiry date. resource: a logical id, physical id, ARN, a glob over
# them, or tag:Key=Value.
# suppressions:
#   - { rule: S3-005, resource: 'LogsBucket*', reason: 'log bucket, lifecycle set by the platform team', expires: 2027-03-31 }
#   - { rule: CF-005, resource: 'tag:Environment=staging', reason: 'no WAF below prod' }
`;
}

export function runInit(args: readonly string[], io: CliIo): number {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, force: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${INIT_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`init takes no paths (got ${positionals.join(' ')}); use --output FILE`);
  const text = initConfigText();
  if (values.output === '-') {
    io.stdout(text);
    return 0;
  }
  const target = values.output ?? DEFAULT_CONFIG_FILE;
  const file = isAbsolute(target) ? target : join(io.cwd, target);
  if (pathExists(file) && values.force !== true) throw new UsageError(`${target} already exists; --force overwrites it, --output FILE writes elsewhere`);
  try {
    writeFileSync(file, text, { flag: values.force === true ? 'w' : 'wx' });
  } catch (err) {
    throw new UsageError(`${target}: cannot write: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
  }
  io.stdout(`wrote ${target}: every option with its default, commented out\n`);
  return 0;
}
