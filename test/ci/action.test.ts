// The GitHub Action and the pre-commit hook, checked without GitHub or pre-commit: the action's
// steps call scripts that exist with inputs that exist, never interpolate inputs into shell
// text; the comment script finds and edits its one comment; the hook's exact entry passes a
// commit that touches package.json and a clean template.
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { load } from 'js-yaml';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import type { CliIo } from '../../src/cli/io.js';
// @ts-expect-error plain ESM script without types
import { commentBody, DEFAULT_MARKER, MAX_COMMENT_CHARS, pullRequestNumber, upsertComment } from '../../scripts/ci/pr-comment.mjs';

const root = resolve(__dirname, '../..');

type Step = { id?: string; if?: string; uses?: string; run?: string; shell?: string; env?: Record<string, string>; with?: Record<string, string> };
const action = load(readFileSync(join(root, 'action.yml'), 'utf8')) as {
  inputs: Record<string, unknown>;
  outputs: Record<string, { value: string }>;
  runs: { using: string; steps: Step[] };
};

describe('action.yml', () => {
  const steps = action.runs.steps;

  it('is a composite action that installs stackaudit from its own checkout, not from a registry', () => {
    expect(action.runs.using).toBe('composite');
    const text = readFileSync(join(root, 'action.yml'), 'utf8');
    expect(text).not.toMatch(/npx\s+(--yes\s+)?stackaudit@/);
    expect(steps[0]!.run).toContain('scripts/ci/install.sh');
    expect(steps[0]!.run).toContain('$GITHUB_ACTION_PATH');
  });

  it('scan → SARIF upload → cost → one comment → gate, in that order', () => {
    expect(steps.map((s) => s.id)).toEqual(['install', 'scan', 'upload', 'cost', 'comment', 'gate']);
    expect(steps.find((s) => s.id === 'upload')!.uses).toMatch(/^github\/codeql-action\/upload-sarif@/);
    expect(steps.find((s) => s.id === 'gate')!.env!['SCAN_EXIT_CODE']).toBe('${{ steps.scan.outputs.exit-code }}');
  });

  it('runs only scripts that exist, and never puts ${{ }} in shell text (inputs go through env)', () => {
    for (const s of steps.filter((x) => x.run !== undefined)) {
      expect(s.run, s.id).not.toContain('${{');
      for (const m of s.run!.matchAll(/\$GITHUB_ACTION_PATH\/(scripts\/ci\/[\w.-]+)/g)) expect(existsSync(join(root, m[1]!)), m[1]).toBe(true);
    }
  });

  it('every input it reads is declared, and every declared input is used', () => {
    const text = readFileSync(join(root, 'action.yml'), 'utf8');
    const used = new Set([...text.matchAll(/inputs\.([\w-]+)/g)].map((m) => m[1]!));
    expect([...used].sort()).toEqual(Object.keys(action.inputs).sort());
  });

  it('passes each script the environment variables it reads', () => {
    const scripts: Record<string, string> = { scan: 'scan.sh', cost: 'cost.sh', gate: 'gate.sh' };
    for (const [id, file] of Object.entries(scripts)) {
      const script = readFileSync(join(root, 'scripts/ci', file), 'utf8');
      const read = new Set([...script.matchAll(/\$\{((?:INPUT|STACKAUDIT|SCAN|COST)_[A-Z_]+)/g)].map((m) => m[1]!));
      const given = new Set(Object.keys(steps.find((s) => s.id === id)!.env ?? {}));
      for (const v of read) if (v !== 'STACKAUDIT_REINSTALL') expect(given.has(v), `${id} reads ${v}`).toBe(true);
    }
  });
});

describe('the pull-request comment (scripts/ci/pr-comment.mjs)', () => {
  /** A fake GitHub issue-comments API, in memory. */
  function fakeGitHub(initial: { id: number; body: string }[] = []) {
    const comments = [...initial];
    const calls: string[] = [];
    let next = 1000;
    const fetchImpl = async (url: string, init: { method: string; body?: string; headers: Record<string, string> }) => {
      const u = new URL(url);
      calls.push(`${init.method} ${u.pathname}${u.search}`);
      expect(init.headers['authorization']).toBe('Bearer t0ken');
      const json = (status: number, data: unknown) => ({ ok: status < 300, status, json: async () => data, text: async () => JSON.stringify(data) });
      if (init.method === 'GET') {
        const page = Number(u.searchParams.get('page'));
        return json(200, comments.slice((page - 1) * 100, page * 100));
      }
      const body = (JSON.parse(init.body!) as { body: string }).body;
      if (init.method === 'POST') {
        const c = { id: next++, body };
        comments.push(c);
        return json(201, c);
      }
      const id = Number(u.pathname.split('/').pop());
      const c = comments.find((x) => x.id === id)!;
      c.body = body;
      return json(200, c);
    };
    return { comments, calls, fetchImpl };
  }
  const args = { api: 'https://api.example', token: 't0ken', repo: 'acme/infra', issue: 7 };

  it('creates one comment, then edits that same comment on the next push', async () => {
    const gh = fakeGitHub([{ id: 1, body: 'LGTM' }]);
    expect(await upsertComment({ ...args, markdown: '## cost\n$10', fetchImpl: gh.fetchImpl })).toEqual({ action: 'created', id: 1000 });
    expect(await upsertComment({ ...args, markdown: '## cost\n$12', fetchImpl: gh.fetchImpl })).toEqual({ action: 'updated', id: 1000 });
    expect(gh.comments).toHaveLength(2);
    expect(gh.comments[1]!.body).toBe(`${DEFAULT_MARKER}\n## cost\n$12`);
    expect(gh.calls.at(-1)).toBe('PATCH /repos/acme/infra/issues/comments/1000');
  });

  it('finds its comment on a later page of a long thread', async () => {
    const thread = Array.from({ length: 150 }, (_, i) => ({ id: i + 1, body: `comment ${i}` }));
    thread[120] = { id: 121, body: `${DEFAULT_MARKER}\nold` };
    const gh = fakeGitHub(thread);
    expect(await upsertComment({ ...args, markdown: 'new', fetchImpl: gh.fetchImpl })).toEqual({ action: 'updated', id: 121 });
    expect(gh.calls.filter((c) => c.startsWith('GET'))).toHaveLength(2);
  });

  it("keeps the body within GitHub's 65,536 characters, cut at a line end", () => {
    const long = Array.from({ length: 5000 }, (_, i) => `| row ${i} | ${'x'.repeat(20)} |`).join('\n');
    const body = commentBody(long);
    expect(body.length).toBeLessThanOrEqual(MAX_COMMENT_CHARS);
    expect(body.startsWith(DEFAULT_MARKER)).toBe(true);
    expect(body).toMatch(/\| x{20} \|\n\n_…cut to fit/);
    expect(commentBody('short')).toBe(`${DEFAULT_MARKER}\nshort`);
  });

  it('reads the pull-request number from the event, and refuses a malformed repository name', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'stackaudit-event-'));
    writeFileSync(join(dir, 'event.json'), JSON.stringify({ pull_request: { number: 42 } }));
    expect(pullRequestNumber({ GITHUB_EVENT_PATH: join(dir, 'event.json') })).toBe(42);
    writeFileSync(join(dir, 'push.json'), JSON.stringify({ ref: 'refs/heads/main' }));
    expect(pullRequestNumber({ GITHUB_EVENT_PATH: join(dir, 'push.json') })).toBeUndefined();
    expect(pullRequestNumber({ PR_NUMBER: '9' })).toBe(9);
    await expect(upsertComment({ ...args, repo: 'acme/infra/../x', markdown: 'x', fetchImpl: fakeGitHub().fetchImpl })).rejects.toThrow(/owner\/name/);
  });
});

describe('the pre-commit hook (.pre-commit-hooks.yaml), its exact entry', () => {
  const hooks = load(readFileSync(join(root, '.pre-commit-hooks.yaml'), 'utf8')) as { id: string; entry: string; files: string; exclude: string; language: string }[];
  const hook = hooks.find((h) => h.id === 'stackaudit')!;

  /** What pre-commit would run for these staged files: the entry, then the files its patterns select. */
  async function commit(staged: string[], cwd: string) {
    const files = staged.filter((f) => new RegExp(hook.files).test(f) && !new RegExp(hook.exclude).test(f));
    const [bin, ...args] = hook.entry.split(/\s+/);
    expect(bin).toBe('stackaudit');
    let stdout = '';
    let stderr = '';
    const io: CliIo = { stdout: (t) => void (stdout += t), stderr: (t) => void (stderr += t), cwd, stdoutIsTty: false, stderrIsTty: false, env: {} };
    return { code: await main([...args, ...files], io), stdout, stderr, files };
  }

  const repo = mkdtempSync(join(tmpdir(), 'stackaudit-hook-'));
  const put = (name: string, text: string) => writeFileSync(join(repo, name), text);
  put('package.json', JSON.stringify({ name: 'app', version: '1.0.0', scripts: { test: 'vitest' } }, null, 2));
  put('tsconfig.json', '{\n  // comments\n  "compilerOptions": { "strict": true },\n}\n');
  put('compose.yaml', 'services:\n  web: &web\n    image: nginx\n  worker: *web\n');
  put('clean.yaml', "AWSTemplateFormatVersion: '2010-09-09'\nResources:\n  Logs:\n    Type: AWS::Logs::LogGroup\n    Properties:\n      RetentionInDays: 30\n");
  put(
    'open.yaml',
    'Resources:\n  Sg:\n    Type: AWS::EC2::SecurityGroup\n    Properties:\n      GroupDescription: x\n      SecurityGroupIngress:\n        - { IpProtocol: tcp, FromPort: 22, ToPort: 22, CidrIp: 0.0.0.0/0 }\n',
  );
  put('README.md', '# app\n');

  it('passes a commit that touches package.json, other JSON/YAML and a clean template', async () => {
    const r = await commit(['package.json', 'tsconfig.json', 'compose.yaml', 'clean.yaml', 'README.md'], repo);
    expect(r.files).toEqual(['package.json', 'tsconfig.json', 'compose.yaml', 'clean.yaml']);
    expect(r.code, r.stderr + r.stdout).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('passes a commit of only non-templates', async () => {
    expect((await commit(['package.json'], repo)).code).toBe(0);
  });

  it('fails a commit whose template has a finding at or above high', async () => {
    const r = await commit(['package.json', 'open.yaml'], repo);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('NET-001');
  });

  it('never sees files under node_modules or .github', () => {
    expect(new RegExp(hook.exclude).test('node_modules/x/template.yaml')).toBe(true);
    expect(new RegExp(hook.exclude).test('.github/workflows/ci.yml')).toBe(true);
    expect(new RegExp(hook.exclude).test('infra/app.yaml')).toBe(false);
  });
});
