import { RULES } from '../rules/index.js';
import type { CliIo } from './io.js';
import { formatOption, parse } from './options.js';

export function runRules(args: readonly string[], io: CliIo): number {
  const { values } = parse(args, { format: { type: 'string' }, help: { type: 'boolean', short: 'h' } });
  if (values.help) {
    io.stdout('Usage: stackaudit rules [--format text|json|markdown]\nLists every rule with its id, name, severity and title.\n');
    return 0;
  }
  const format = formatOption(values.format, ['text', 'json', 'markdown']);
  if (format === 'json') {
    io.stdout(`${JSON.stringify(RULES.map((r) => r.meta), null, 2)}\n`);
    return 0;
  }
  if (format === 'markdown') {
    const rows = RULES.map((r) => `| ${r.meta.id} | ${r.meta.name} | ${r.meta.severity} | ${r.meta.title.replace(/\|/g, '\\|')} |`);
    io.stdout(['| id | name | severity | title |', '|---|---|---|---|', ...rows].join('\n') + '\n');
    return 0;
  }
  const width = Math.max(...RULES.map((r) => r.meta.name.length));
  for (const r of RULES) io.stdout(`${r.meta.id}  ${r.meta.name.padEnd(width)}  ${r.meta.severity.padEnd(8)}  ${r.meta.title}\n`);
  return 0;
}
