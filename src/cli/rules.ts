import type { RuleMeta } from '../model/rule.js';
import { ruleHelpUri } from '../reporters/help-uri.js';
import { termSafe } from '../reporters/terminal.js';
import { RULES } from '../rules/index.js';
import type { CliIo } from './io.js';
import { formatOption, parse } from './options.js';

export const RULES_HELP = `Usage: stackaudit rules [--format text|json|markdown]

Lists every rule with its id, name, default severity and title. --format json prints the full
metadata with helpUri, the link to the rule's page (what it checks, why, how to fix it).`;

/** A rule's metadata as `rules --format json` prints it: the fields a user looks for first, then the rest. */
export function ruleJson(meta: RuleMeta): Record<string, unknown> {
  const { id, name, severity, title, ...rest } = meta;
  return { id, name, severity, title, helpUri: ruleHelpUri(id), ...rest };
}

export function runRules(args: readonly string[], io: CliIo): number {
  const { values } = parse(args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout(`${RULES_HELP}\n`);
    return 0;
  }
  const format = formatOption(values.format, ['text', 'json', 'markdown']);
  if (format === 'json') {
    io.stdout(
      `${JSON.stringify(
        RULES.map((r) => ruleJson(r.meta)),
        null,
        2,
      )}\n`,
    );
    return 0;
  }
  if (format === 'markdown') {
    const rows = RULES.map(
      (r) => `| [${r.meta.id}](${ruleHelpUri(r.meta.id)}) | ${r.meta.name} | ${r.meta.severity}${r.meta.tiered ? ' (tiered)' : ''} | ${r.meta.title.replace(/\|/g, '\\|')} |`,
    );
    io.stdout(['| id | name | severity | title |', '|---|---|---|---|', ...rows].join('\n') + '\n');
    return 0;
  }
  const width = Math.max(...RULES.map((r) => r.meta.name.length));
  const idWidth = Math.max(...RULES.map((r) => r.meta.id.length));
  for (const r of RULES) io.stdout(termSafe(`${r.meta.id.padEnd(idWidth)}  ${r.meta.name.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}`) + '\n');
  io.stdout(`\nEach rule's page (what it checks, why, how to fix it): ${ruleHelpUri('<ID>').replace('%3CID%3E', '<ID>')}\n`);
  return 0;
}
