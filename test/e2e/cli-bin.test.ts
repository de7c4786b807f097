// The built binary (package.json's bin, an esbuild bundle of src/cli/main.ts) as a user runs it:
// bad inputs end with one line on stderr and exit 2, never a stack trace, and the good
// input's results are still printed. `npm test` builds dist first.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(__dirname, '../..');
const bin = join(root, (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { bin: { stackaudit: string } }).bin.stackaudit);
if (!existsSync(bin)) throw new Error(`${bin} is missing: run \`npm run build\` first (\`npm test\` does)`);
const TIMEOUT = 120_000;

const tmp = mkdtempSync(join(tmpdir(), 'stackaudit-bin-'));
const write = (name: string, text: string | Buffer) => {
  const p = join(tmp, name);
  writeFileSync(p, text);
  return p;
};
const open = write(
  'open.yaml',
  'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n',
);

describe('bad input through the real binary: one line, exit 2, no stack trace', () => {
  const bad = [
    'aliases.yaml',
    'bad-utf8.yaml',
    'binary.bin',
    'duplicate-keys.json',
    'duplicate-keys.yaml',
    'empty.yaml',
    'multi-document.yaml',
    'no-type.yaml',
    'not-a-template.json',
    'resources-list.yaml',
    'syntax-error.yaml',
    'top-level-list.yaml',
    'unknown-tag.yaml',
    'whitespace.yaml',
  ];
  it.each(bad)('%s', (name) => {
    const r = spawnSync(process.execPath, [bin, 'scan', join(root, 'fixtures/bad', name), open], { encoding: 'utf8', timeout: TIMEOUT });
    expect(r.status).toBe(2);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(name);
    expect(r.stderr).not.toMatch(/\bat .*\.js:\d+/);
    expect(r.stdout).toMatch(/NET-001/); // the good input's results are still printed
  });

  it('a YAML alias bomb and absurd nesting end quickly with one line', () => {
    const bomb = write(
      'bomb.yaml',
      `a: &a ["x","x","x","x","x","x","x","x","x"]\n${Array.from({ length: 9 }, (_, i) => `${String.fromCharCode(98 + i)}: &${String.fromCharCode(98 + i)} [*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)},*${String.fromCharCode(97 + i)}]`).join('\n')}\nResources: {}\n`,
    );
    const deep = write('deep.json', `{"Resources": {"A": {"Type": "AWS::S3::Bucket", "Properties": {"X": ${'['.repeat(100000)}${']'.repeat(100000)}}}}}`);
    for (const f of [bomb, deep]) {
      const r = spawnSync(process.execPath, [bin, 'scan', f], { encoding: 'utf8', timeout: TIMEOUT });
      expect(r.status).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('a circular condition is an input error naming the file and line', () => {
    const f = write('circular.yaml', 'Conditions:\n  A: !Condition B\n  B: !Not [!Condition A]\nResources:\n  Q:\n    Type: AWS::SQS::Queue\n');
    const r = spawnSync(process.execPath, [bin, 'scan', f], { encoding: 'utf8', timeout: TIMEOUT });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/circular\.yaml:\d+:\d+: circular condition: A -> B -> A/);
  });
});
