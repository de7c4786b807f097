// npm run bench — one JSON line per case: wall ms, throughput and peak RSS.
// Speed is measured here, never in unit tests. Cases run in child processes so each has its
// own cold start and peak RSS.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, readdirSync, statSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const corpus = resolve(root, '..', 'shared', 'corpus', 'templates');
const only = process.argv[2];
/** The bin users run, from package.json. */
const bin = join(root, JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).bin.stackaudit);

function files(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...files(p));
    else if (/\.(ya?ml|json|template)$/.test(e.name)) out.push(p);
  }
  return out.sort();
}

/** Runs a snippet in a fresh node process; it prints one JSON object. */
function child(code) {
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', code], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.status !== 0) throw new Error(r.stderr);
  return JSON.parse(r.stdout.trim().split('\n').pop());
}

const cases = {
  corpus() {
    let list;
    try {
      statSync(corpus);
      list = files(corpus);
    } catch {
      return { case: 'corpus', skipped: 'no ../shared/corpus' };
    }
    // Same treatment for both: a fresh process, the first (cold) pass, then the median of 5 warm passes.
    const timing = (body) => `
      const times = [];
      for (let i = 0; i < 6; i++) { const t = performance.now(); ${body}; times.push(performance.now() - t); }
      const warm = times.slice(1).sort((a, b) => a - b);
      console.log(JSON.stringify({ cold: times[0], median: warm[2], extra: globalThis.extra, rss: process.resourceUsage().maxRSS * 1024 }));`;
    const floor = child(`
      import { readFileSync } from 'node:fs'; import { load } from 'js-yaml';
      const { CLOUDFORMATION_SCHEMA } = await import('./dist/scanners/cloudformation/schema.js');
      const files = ${JSON.stringify(list)};
      ${timing(`for (const f of files) { try { load(readFileSync(f, 'utf8'), { schema: CLOUDFORMATION_SCHEMA }); } catch {} }`)}`);
    const scan = child(`
      const { scanTemplates } = await import('./dist/index.js');
      ${timing(`const r = scanTemplates([${JSON.stringify(corpus)}]); globalThis.extra = { inputs: r.summary.inputs, findings: r.findings.length }`)}`);
    return {
      case: 'corpus',
      templates: scan.extra.inputs,
      findings: scan.extra.findings,
      wallMs: +scan.median.toFixed(1),
      coldPassMs: +scan.cold.toFixed(1),
      templatesPerSec: Math.round(scan.extra.inputs / (scan.median / 1000)),
      jsYamlFloorMs: +floor.median.toFixed(1),
      jsYamlFloorColdMs: +floor.cold.toFixed(1),
      ratioToFloor: +(scan.median / floor.median).toFixed(2),
      coldRatioToFloor: +(scan.cold / floor.cold).toFixed(2),
      peakRssMb: Math.round(scan.rss / 2 ** 20),
    };
  },
  cli() {
    // Whole processes, as a user times them: `stackaudit scan <corpus>` against a script that
    // only js-yaml-loads the same files (node start-up and module loading included on both sides).
    let list;
    try {
      statSync(corpus);
      list = files(corpus);
    } catch {
      return { case: 'corpus-cli', skipped: 'no ../shared/corpus' };
    }
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-bench-'));
    const floorScript = join(dir, 'floor.mjs');
    writeFileSync(
      floorScript,
      `import { readFileSync } from 'node:fs'; import { load } from ${JSON.stringify(join(root, 'node_modules', 'js-yaml', 'dist', 'js-yaml.mjs'))};
      const { CLOUDFORMATION_SCHEMA } = await import(${JSON.stringify(join(root, 'dist', 'scanners', 'cloudformation', 'schema.js'))});
      for (const f of ${JSON.stringify(list)}) { try { load(readFileSync(f, 'utf8'), { schema: CLOUDFORMATION_SCHEMA }); } catch {} }`,
    );
    const wall = (args) => {
      const t = performance.now();
      const r = spawnSync(process.execPath, args, { encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status === null || r.status > 2) throw new Error(r.stderr);
      return performance.now() - t;
    };
    // The two contenders alternate, so that a change of load on a shared machine weighs on both alike.
    const floorTimes = [];
    const scanTimes = [];
    for (let i = 0; i < 9; i++) {
      floorTimes.push(wall([floorScript]));
      scanTimes.push(wall([bin, 'scan', corpus, '--format', 'json', '--fail-on', 'none']));
    }
    const median = (times) => times.sort((a, b) => a - b)[times.length >> 1];
    const floor = median(floorTimes);
    const scan = median(scanTimes);
    return { case: 'corpus-cli', templates: list.length, cliWallMs: +scan.toFixed(1), jsYamlScriptWallMs: +floor.toFixed(1), ratioToFloor: +(scan / floor).toFixed(2) };
  },
  large() {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-bench-'));
    const file = join(dir, 'large.json');
    const resources = {};
    for (let i = 0; i < 5000; i++) {
      const k = i % 5;
      if (k === 0)
        resources[`Sg${i}`] = {
          Type: 'AWS::EC2::SecurityGroup',
          Properties: {
            GroupDescription: 'g',
            SecurityGroupIngress: [
              { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, CidrIp: i % 10 ? '10.0.0.0/8' : '0.0.0.0/0' },
              { IpProtocol: 'tcp', FromPort: 8000, ToPort: 8000, SourceSecurityGroupId: { Ref: `Sg${i}` } },
            ],
          },
        };
      else if (k === 1) resources[`Bucket${i}`] = { Type: 'AWS::S3::Bucket', Properties: { VersioningConfiguration: { Status: 'Enabled' } } };
      else if (k === 2)
        resources[`Db${i}`] = {
          Type: 'AWS::RDS::DBInstance',
          Properties: { Engine: 'postgres', DBInstanceClass: 'db.t3.micro', AllocatedStorage: '20', VPCSecurityGroups: [{ 'Fn::GetAtt': [`Sg${i - 2}`, 'GroupId'] }] },
        };
      else if (k === 3)
        resources[`Web${i}`] = { Type: 'AWS::EC2::Instance', Properties: { ImageId: 'ami-1', InstanceType: 't3.micro', SecurityGroupIds: [{ Ref: `Sg${i - 3}` }] } };
      else resources[`Logs${i}`] = { Type: 'AWS::Logs::LogGroup', Properties: { RetentionInDays: 30 } };
    }
    writeFileSync(file, JSON.stringify({ AWSTemplateFormatVersion: '2010-09-09', Resources: resources }, null, 1));
    const floor = child(`
      import { readFileSync } from 'node:fs'; import { load } from 'js-yaml';
      const t = performance.now(); load(readFileSync(${JSON.stringify(file)}, 'utf8')); console.log(JSON.stringify({ ms: performance.now() - t }));`);
    const scan = child(`
      const t = performance.now();
      const { scanTemplates } = await import('./dist/index.js');
      const r = scanTemplates([${JSON.stringify(file)}]);
      console.log(JSON.stringify({ ms: performance.now() - t, resources: r.summary.resources, findings: r.findings.length, rss: process.resourceUsage().maxRSS * 1024 }));`);
    return {
      case: 'generated-5000-resources',
      resources: scan.resources,
      findings: scan.findings,
      wallMs: +scan.ms.toFixed(1),
      resourcesPerSec: Math.round(scan.resources / (scan.ms / 1000)),
      jsYamlFloorMs: +floor.ms.toFixed(1),
      peakRssMb: Math.round(scan.rss / 2 ** 20),
    };
  },
  cold() {
    const file = join(root, 'fixtures', 'seeds', '001-etf-tracker.yaml');
    const runs = [];
    let rss = 0;
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      const r = spawnSync(process.execPath, [bin, 'scan', file, '--format', 'json'], { encoding: 'utf8' });
      runs.push(performance.now() - t);
      if (r.status === null || r.status > 1) throw new Error(r.stderr);
    }
    const r = spawnSync('/usr/bin/time', ['-f', '%M', process.execPath, bin, 'scan', file, '--format', 'json'], { encoding: 'utf8' });
    rss = Number(r.stderr.trim().split('\n').pop() ?? '0') * 1024;
    runs.sort((a, b) => a - b);
    // Node's own start-up on this machine, for scale (it varies several-fold between machines).
    const bare = [];
    for (let i = 0; i < 5; i++) {
      const t = performance.now();
      spawnSync(process.execPath, ['-e', '0']);
      bare.push(performance.now() - t);
    }
    bare.sort((a, b) => a - b);
    return {
      case: 'cold-single-template',
      nodeStartMsMedian: +bare[2].toFixed(1),
      file: 'fixtures/seeds/001-etf-tracker.yaml',
      wallMsMedian: +runs[2].toFixed(1),
      wallMsMin: +runs[0].toFixed(1),
      peakRssMb: rss ? Math.round(rss / 2 ** 20) : undefined,
    };
  },
  // Issue 10: 30 independent conditions, once spread over 30 resources (each check reaches one)
  // and once as 30 conditional items of one list (every check of that list reaches all 30).
  conditions() {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-bench-'));
    const head = (n) => [
      'Parameters:',
      ...Array.from({ length: n }, (_, i) => `  P${i}:\n    Type: String\n    AllowedValues: ['on', 'off']`),
      'Conditions:',
      ...Array.from({ length: n }, (_, i) => `  C${i}: !Equals [!Ref P${i}, 'on']`),
      'Resources:',
    ];
    const spread = [...head(30)];
    for (let i = 0; i < 30; i++) {
      spread.push(
        `  Sg${i}:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: !If [C${i}, 0.0.0.0/0, 10.0.0.1/32] }`,
      );
      spread.push(
        `  Bucket${i}:\n    Type: AWS::S3::Bucket\n    Condition: C${i}\n    Properties:\n      VersioningConfiguration: !If [C${(i + 1) % 30}, { Status: Enabled }, !Ref AWS::NoValue]`,
      );
    }
    const list = [...head(30), '  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: g\n      SecurityGroupIngress:'];
    for (let i = 0; i < 30; i++) list.push(`        - !If [C${i}, { IpProtocol: tcp, FromPort: ${1000 + i}, ToPort: ${1000 + i}, CidrIp: 0.0.0.0/0 }, !Ref AWS::NoValue]`);
    return [
      ['spread over 30 resources', spread],
      ['30 conditional items of one list', list],
    ].map(([shape, lines]) => {
      const file = join(dir, `${shape.split(' ')[0]}.yaml`);
      writeFileSync(file, `${lines.join('\n')}\n`);
      const t = performance.now();
      const r = spawnSync(process.execPath, [bin, 'scan', file, '--format', 'json', '--fail-on', 'none'], { encoding: 'utf8', maxBuffer: 64 << 20 });
      const ms = performance.now() - t;
      const findings = JSON.parse(r.stdout).findings;
      return {
        case: 'conditions-30',
        shape,
        wallMs: +ms.toFixed(1),
        findings: findings.length,
        withConditions: findings.filter((f) => f.conditions).length,
        scenarioBound: findings.filter((f) => f.messageId === 'engine/scenario-bound').length,
      };
    });
  },
  // Issue 13: many templates, a 19 MB template and every hostile-input class (bench/hostile.mjs).
  hostile: () =>
    spawnSync(process.execPath, [join(root, 'bench', 'hostile.mjs')], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20, stdio: ['ignore', 'pipe', 'inherit'] })
      .stdout.trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  // One synthetic account through mocked SDK clients (20 ms a call), at the default concurrency and at 64.
  account() {
    return [16, 64].map((concurrency) => {
      const r = spawnSync(process.execPath, [join(root, 'bench', 'account.mjs'), String(concurrency)], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 });
      if (r.status !== 0) throw new Error(r.stderr);
      return JSON.parse(r.stdout.trim().split('\n').pop());
    });
  },
  // Live-audit operations: --save checked before any call, each fault's cost over a loopback AWS endpoint, 130k security groups.
  'account-faults': () =>
    spawnSync(process.execPath, [join(root, 'bench', 'account-faults.mjs')], { cwd: root, encoding: 'utf8', maxBuffer: 64 << 20 })
      .stdout.trim()
      .split('\n')
      .map((l) => JSON.parse(l)),
};

Object.assign(cases, (await import('./cost.mjs')).cases);
for (const [name, run] of Object.entries(cases)) {
  if (only && only !== name) continue;
  // A case gives one result line, or several (one per setting).
  for (const line of [run()].flat()) console.log(JSON.stringify(line));
}
