// The action's comment step: one pull-request comment, updated in place on every push. The
// comment carries a hidden marker; the previous one is found by it (among the comments of the
// pull request, every page) and edited, or a new one is created. No dependency: Node's fetch
// and the GitHub REST API.
//   node pr-comment.mjs FILE   with GITHUB_TOKEN, GITHUB_REPOSITORY, GITHUB_EVENT_PATH (or PR_NUMBER),
//                              GITHUB_API_URL (default https://api.github.com), COMMENT_MARKER (optional)
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const DEFAULT_MARKER = '<!-- stackaudit:pr-comment -->';
/** GitHub rejects comment bodies over 65,536 characters. */
export const MAX_COMMENT_CHARS = 65_536;

/** The body as posted: the marker first (hidden when rendered), the text cut to fit with a closing note. */
export function commentBody(markdown, marker = DEFAULT_MARKER) {
  const head = `${marker}\n`;
  const room = MAX_COMMENT_CHARS - head.length;
  if (markdown.length <= room) return head + markdown;
  const note = "\n\n_…cut to fit GitHub's comment size; the job log has the whole report._\n";
  const cut = markdown.slice(0, room - note.length);
  // Cut at a line end, so no table row or tag is left half-written.
  return head + cut.slice(0, Math.max(0, cut.lastIndexOf('\n'))) + note;
}

/** The pull-request number from the workflow's event payload (pull_request or issue_comment events). */
export function pullRequestNumber(env, readFile = (p) => readFileSync(p, 'utf8')) {
  if (env.PR_NUMBER && /^\d+$/.test(env.PR_NUMBER)) return Number(env.PR_NUMBER);
  if (!env.GITHUB_EVENT_PATH) return undefined;
  const event = JSON.parse(readFile(env.GITHUB_EVENT_PATH));
  const n = event?.pull_request?.number ?? (event?.issue?.pull_request ? event.issue.number : undefined);
  return typeof n === 'number' ? n : undefined;
}

/**
 * Creates the comment, or edits the one that carries the marker. Returns what it did.
 * `fetchImpl` is injectable for tests.
 */
export async function upsertComment({ api = 'https://api.github.com', token, repo, issue, markdown, marker = DEFAULT_MARKER, fetchImpl = fetch }) {
  if (!token) throw new Error('GITHUB_TOKEN is not set (give the job `pull-requests: write` and pass github.token)');
  if (!/^[\w.-]+\/[\w.-]+$/.test(repo ?? '')) throw new Error(`GITHUB_REPOSITORY is not owner/name (got ${JSON.stringify(repo)})`);
  const headers = {
    authorization: `Bearer ${token}`,
    accept: 'application/vnd.github+json',
    'x-github-api-version': '2022-11-28',
    'content-type': 'application/json',
    'user-agent': 'stackaudit-action',
  };
  const call = async (method, url, body) => {
    const res = await fetchImpl(url, { method, headers, ...(body === undefined ? {} : { body: JSON.stringify(body) }) });
    if (!res.ok) throw new Error(`${method} ${url.replace(api, '')}: HTTP ${res.status} ${(await res.text()).slice(0, 200)}`);
    return res;
  };
  let existing;
  for (let page = 1; page <= 100 && existing === undefined; page++) {
    const res = await call('GET', `${api}/repos/${repo}/issues/${issue}/comments?per_page=100&page=${page}`);
    const comments = await res.json();
    if (!Array.isArray(comments) || comments.length === 0) break;
    existing = comments.find((c) => typeof c?.body === 'string' && c.body.startsWith(marker));
    if (comments.length < 100) break;
  }
  const body = commentBody(markdown, marker);
  if (existing) {
    await call('PATCH', `${api}/repos/${repo}/issues/comments/${existing.id}`, { body });
    return { action: 'updated', id: existing.id };
  }
  const res = await call('POST', `${api}/repos/${repo}/issues/${issue}/comments`, { body });
  const created = await res.json();
  return { action: 'created', id: created?.id };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const file = process.argv[2];
  try {
    if (!file) throw new Error('usage: pr-comment.mjs FILE');
    const issue = pullRequestNumber(process.env);
    if (issue === undefined) {
      console.log('stackaudit: not a pull request; no comment posted');
    } else {
      const result = await upsertComment({
        api: process.env.GITHUB_API_URL || 'https://api.github.com',
        token: process.env.GITHUB_TOKEN,
        repo: process.env.GITHUB_REPOSITORY,
        issue,
        markdown: readFileSync(file, 'utf8'),
        marker: process.env.COMMENT_MARKER || DEFAULT_MARKER,
      });
      console.log(`stackaudit: ${result.action} comment ${result.id} on #${issue}`);
    }
  } catch (err) {
    // A comment is a convenience: say why it failed, never fail the job for it.
    console.log(`::warning title=stackaudit::could not post the pull-request comment: ${err instanceof Error ? err.message : String(err)}`);
  }
}
