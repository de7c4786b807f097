// Strings in cost output come from input (logical ids, file names, tag values in usage keys):
// escaped so they cannot forge terminal lines or Markdown markup.

/** One terminal line: newlines and tabs become spaces, other control characters are shown escaped. */
export function termText(s: string): string {
  return s.replace(/\r\n|[\r\n\t]/g, ' ').replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * A Markdown table cell or list text: one line, HTML escaped (a PR comment renders HTML),
 * pipes escaped so they cannot split a cell, Markdown punctuation kept literal, and `@` made
 * an entity so that a name cannot mention (notify) a GitHub user or team.
 */
export function mdText(s: string): string {
  return s
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@/g, '&#64;')
    .replace(/[\\`*_[\]|]/g, (c) => `\\${c}`)
    .replace(/\r\n|[\r\n]/g, ' ')
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, ' ')
    .trim();
}
