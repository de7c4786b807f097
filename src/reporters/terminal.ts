// The one place where text that came from input (file names, logical ids, messages that quote
// values, account and region names, AWS error messages) is made safe for a terminal. A pull
// request can name a file `\x1b]0;owned\x07` or `x\nfake.yaml:1:1 CRITICAL … all clear`: printed
// raw, it would retitle the terminal, move the cursor, or forge report lines. Every text-report
// cell and every stderr line goes through `termSafe`, so each finding stays exactly one line.

/**
 * Characters a terminal or a text viewer acts on instead of showing:
 * C0 controls (including tab, CR and LF), DEL, C1 controls (U+0080–U+009F, among them the 8-bit
 * CSI and OSC introducers), the Unicode line and paragraph separators, and the bidirectional
 * formatting characters that reorder what is displayed (CVE-2021-42574, "Trojan Source").
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const NAMED: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

function escapeChar(c: string): string {
  const named = NAMED[c];
  if (named !== undefined) return named;
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
}

/** The text with every unsafe character shown as a visible escape (`\n`, `\x1b`, `\u202e`): one line, no control sequences. */
export function termSafe(s: string): string {
  return s.replace(UNSAFE, escapeChar);
}

/** Whether `termSafe` would change the text. */
export function hasUnsafe(s: string): boolean {
  UNSAFE.lastIndex = 0;
  const found = UNSAFE.test(s);
  UNSAFE.lastIndex = 0;
  return found;
}

/** A stderr line: `stackaudit: ` + the escaped text + one newline. */
export function stderrLine(text: string): string {
  return `stackaudit: ${termSafe(text)}\n`;
}
