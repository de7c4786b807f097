// Regenerates the README's rule table from the rules' metadata: node scripts/sync-readme.mjs
import { readFileSync, writeFileSync } from 'node:fs';
import { RULES } from '../dist/index.js';
import { rulesTable } from './rules-table.mjs';

const file = new URL('../README.md', import.meta.url);
const text = readFileSync(file, 'utf8');
const next = text.replace(/<!-- rules-table:start -->[\s\S]*<!-- rules-table:end -->/, `<!-- rules-table:start -->\n${rulesTable(RULES)}\n<!-- rules-table:end -->`);
writeFileSync(file, next);
