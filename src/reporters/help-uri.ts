// Where a rule's documentation lives, built in one place: SARIF `helpUri`, `stackaudit rules
// --format json`, the text report's hints and the generated docs all use it. The pages are
// docs/rules/<ID>.md in the repository, generated from the rule metadata (scripts/rule-docs.mjs).

export const REPOSITORY_URL = 'https://github.com/stackaudit/stackaudit';

/** Stable URL of a rule's page: the repository's default branch, docs/rules/<ID>.md. */
export function ruleHelpUri(id: string): string {
  return `${REPOSITORY_URL}/blob/main/docs/rules/${encodeURIComponent(id)}.md`;
}

/** The page's path inside the repository (relative links between docs). */
export function ruleDocPath(id: string): string {
  return `docs/rules/${id}.md`;
}
