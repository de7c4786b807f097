#!/usr/bin/env node
// npm run catalog — regenerates the embedded price catalog (src/cost/catalog/data) from the AWS
// price feeds in ../shared/reference/pricing-feeds. The feeds are read in place and never copied:
// their licences differ. `--check` only compares and exits 1 when the committed catalog differs.
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { buildCatalog } from './catalog/build.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    feeds: { type: 'string', default: resolve(root, '..', 'shared', 'reference', 'pricing-feeds') },
    out: { type: 'string', default: join(root, 'src', 'cost', 'catalog', 'data') },
    check: { type: 'boolean', default: false },
  },
});

const { files, summary } = buildCatalog(values.feeds);
if (values.check) {
  const stale = [...files].filter(([name, text]) => {
    try {
      return readFileSync(join(values.out, name), 'utf8') !== text;
    } catch {
      return true;
    }
  });
  if (stale.length) {
    console.error(`catalog out of date: ${stale.map(([n]) => n).join(', ')} (run npm run catalog)`);
    process.exit(1);
  }
  console.log('catalog up to date');
} else {
  mkdirSync(values.out, { recursive: true });
  // Files of regions no longer generated must not linger.
  for (const name of readdirSync(values.out)) if (name.endsWith('.json') && !files.has(name)) rmSync(join(values.out, name));
  for (const [name, text] of files) writeFileSync(join(values.out, name), text);
  const bytes = [...files.values()].reduce((n, t) => n + Buffer.byteLength(t), 0);
  console.log(JSON.stringify({ ...summary, bytes }));
}
