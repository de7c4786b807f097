// Globs for --check/--skip-check (`NET-*`) and --skip-path (`infra/legacy/**`). Matched by
// dynamic programming over (pattern, text) positions, never by a backtracking regular
// expression: a pattern from a config file or a pull request cannot make a match take
// exponential time (`*a*a*a*a*a*a*a*a*a*a!` against a long id stays O(pattern × text)).

type Token = { readonly kind: 'star' | 'globstar' | 'any' } | { readonly kind: 'char'; readonly ch: string };

function tokenize(pattern: string): Token[] {
  const tokens: Token[] = [];
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') {
      if (pattern[i + 1] === '*') {
        i++;
        while (pattern[i + 1] === '*') i++;
        // `**/` also matches no directory at all: `a/**/b` matches `a/b`.
        if (pattern[i + 1] === '/') i++;
        tokens.push({ kind: 'globstar' });
      } else tokens.push({ kind: 'star' });
    } else if (c === '?') tokens.push({ kind: 'any' });
    else if (c === '\\' && i + 1 < pattern.length) tokens.push({ kind: 'char', ch: pattern[++i]! });
    else tokens.push({ kind: 'char', ch: c });
  }
  return tokens;
}

export interface GlobOptions {
  /** `*` and `?` stop at `/` (paths); `**` crosses it. Default false: `*` matches anything. */
  readonly pathMode?: boolean;
  readonly caseInsensitive?: boolean;
}

/** Whether `text` matches `pattern` whole: `*` any run, `?` one character, `**` any run across `/`, `\x` a literal x. */
export function globMatch(pattern: string, text: string, options: GlobOptions = {}): boolean {
  const fold = (s: string): string => (options.caseInsensitive ? s.toLowerCase() : s);
  const tokens = tokenize(fold(pattern));
  const t = Array.from(fold(text));
  const slash = options.pathMode === true;
  // reach[j]: the first k tokens can match the first j characters of the text.
  let reach = new Array<boolean>(t.length + 1).fill(false);
  reach[0] = true;
  for (const tok of tokens) {
    const next = new Array<boolean>(t.length + 1).fill(false);
    if (tok.kind === 'star' || tok.kind === 'globstar') {
      // A star ends anywhere after a reachable start, without crossing '/' in path mode.
      for (let j = 0; j <= t.length; j++) {
        const crosses = tok.kind === 'star' && slash && j > 0 && t[j - 1] === '/';
        next[j] = reach[j] === true || (j > 0 && next[j - 1] === true && !crosses);
      }
    } else {
      for (let j = 1; j <= t.length; j++) {
        if (!reach[j - 1]) continue;
        const c = t[j - 1]!;
        next[j] = tok.kind === 'char' ? c === tok.ch : !(slash && c === '/');
      }
    }
    reach = next;
  }
  return reach[t.length] === true;
}

/** Whether the pattern has glob characters at all. */
export function isGlob(pattern: string): boolean {
  return /[*?]/.test(pattern);
}
