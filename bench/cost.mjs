// Cost cases for `npm run bench` (bench/run.mjs runs them with its own): one JSON line each.
// Cold starts run in child processes so each has its own module loading and peak RSS.
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.stackaudit);
const MAIN_REGIONS = [
  'us-east-1',
  'us-east-2',
  'us-west-2',
  'eu-west-1',
  'eu-central-1',
  'eu-west-2',
  'ap-south-1',
  'ap-southeast-1',
  'ap-southeast-2',
  'ap-northeast-1',
  'sa-east-1',
  'ca-central-1',
];

function child(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

export const cases = {
  /** A cold `stackaudit cost` of one template, as a user times it (new process), against a cold `scan` of the same file. */
  costCold() {
    const file = 'fixtures/seeds/003-bankapp-prod.yaml';
    const time = (args) => {
      const runs = [];
      for (let i = 0; i < 7; i++) {
        const t = performance.now();
        const r = spawnSync(process.execPath, [bin, ...args], { cwd: root, encoding: 'utf8' });
        runs.push(performance.now() - t);
        if (r.status === null || r.status > 1) throw new Error(r.stderr);
      }
      return runs.sort((a, b) => a - b);
    };
    const cost = time(['cost', file, '--format', 'json']);
    // A usage profile is validated with zod, which loads only then (as a config file does).
    const withUsage = time(['cost', file, '--usage', 'fixtures/usage/bankapp-prod.yaml', '--format', 'json']);
    const scan = time(['scan', file, '--format', 'json']);
    const rss = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'cost', file, '--format', 'json'], { cwd: root, encoding: 'utf8' });
    const kb = Number(rss.stderr.trim().split('\n').pop() ?? '0');
    return {
      case: 'cost-cold-single-template',
      file,
      costMsMedian: +cost[3].toFixed(1),
      costMsMin: +cost[0].toFixed(1),
      withUsageMsMedian: +withUsage[3].toFixed(1),
      scanMsMedian: +scan[3].toFixed(1),
      scanMsMin: +scan[0].toFixed(1),
      peakRssMb: kb ? Math.round(kb / 1024) : undefined,
    };
  },

  /** What the catalog adds to the installed package, and which files one run reads. */
  costCatalog() {
    const dir = join(root, 'dist', 'cost', 'catalog', 'data');
    const sizes = readdirSync(dir).map((n) => [n, statSync(join(dir, n)).size]);
    const regions = sizes.filter(([n]) => /^[a-z]{2}-[a-z]+-\d\.json$/.test(n)).map(([, s]) => s);
    const loaded = child(`
      const { estimateCost, loadTemplates } = await import('./dist/index.js');
      const { EMBEDDED_CATALOG } = await import('./dist/cost/catalog/embedded.js');
      const t = performance.now();
      estimateCost(loadTemplates(['fixtures/seeds/003-bankapp-prod.yaml', 'fixtures/seeds/hardened/002-expenses-app.cdk.out']));
      console.log(JSON.stringify({ regions: EMBEDDED_CATALOG.loadedRegions, ms: performance.now() - t }));`);
    return {
      case: 'cost-catalog',
      files: sizes.length,
      totalKb: Math.round(sizes.reduce((a, [, s]) => a + s, 0) / 1024),
      regionFiles: regions.length,
      regionKbMin: Math.round(Math.min(...regions) / 1024),
      regionKbMax: Math.round(Math.max(...regions) / 1024),
      regionFilesReadForUsEast1AndEuWest1Inputs: loaded.regions,
    };
  },

  /** The 003 prod seed priced in each of the twelve main regions: complete, and its total there. */
  costRegions() {
    const out = child(`
      const { estimateCost, loadTemplates } = await import('./dist/index.js');
      const rows = [];
      for (const region of ${JSON.stringify(MAIN_REGIONS)}) {
        const r = estimateCost(loadTemplates(['fixtures/seeds/003-bankapp-prod.yaml'], { region }), { region });
        rows.push([region, r.complete, r.notPriced.length, r.monthlyTotal]);
      }
      console.log(JSON.stringify(rows));`);
    return { case: 'cost-003-prod-by-region', regions: Object.fromEntries(out.map(([region, complete, notPriced, total]) => [region, { complete, notPriced, total }])) };
  },
};
