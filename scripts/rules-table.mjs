// Prints the README's rule table from the rules' own metadata (run after `npm run build`):
//   node scripts/rules-table.mjs > /tmp/table.md   — then paste between the markers in README.md.
// test/readme.test.ts fails when the README's table and the metadata disagree.
import { RULES } from '../dist/index.js';

export function rulesTable(rules) {
  const rows = rules.map((r) => {
    const eq = r.meta.equivalents ?? {};
    const peers = [...(eq.checkov ?? []), ...(eq.cfnNag ?? []).map((x) => `cfn_nag ${x}`), ...(eq.cdkNag ?? []).map((x) => `cdk-nag ${x}`)].join(', ');
    return `| <a id="${r.meta.id.toLowerCase()}"></a>${r.meta.id} | ${r.meta.name} | ${r.meta.severity}${r.meta.tiered ? ' (tiered)' : ''} | ${r.meta.title.replace(/\|/g, '\\|')} | ${peers || '—'} |`;
  });
  return ['| id | name | severity | checks | peer equivalents |', '|---|---|---|---|---|', ...rows].join('\n');
}

if (import.meta.url === `file://${process.argv[1]}`) console.log(rulesTable(RULES));
