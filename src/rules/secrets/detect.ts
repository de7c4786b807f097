// What counts as a plaintext secret: a variable whose name says secret and whose value is a
// literal, or a value whose shape is a credential whatever its name. Pure string functions, so
// they are tested directly and shared by every place variables live (ECS, App Runner, Lambda, user data).

/** `dbPassword`, `db-password`, `DB_PASSWORD` → `DB_PASSWORD`. */
export function normalizeName(name: string): string {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .replace(/[^A-Za-z0-9]+/g, '_')
    .toUpperCase()
    .replace(/^_+|_+$/g, '');
}

const SECRET_PARTS = /PASSWORD|PASSWD|PASSPHRASE|SECRET|TOKEN|CREDENTIAL|PRIVATE_?KEY|API_?KEY|ACCESS_?KEY|AUTH_?KEY|SIGNING_?KEY|ENCRYPTION_?KEY|CLIENT_?KEY/;

// Names that point at a secret or describe it rather than hold it: `TOKEN_URL`, `JWT_SECRET_ARN`,
// `APP_PRIVATE_KEY_SECRET_NAME`, `AWS_ACCESS_KEY_ID` (an identifier; its value is judged by shape below).
const NOT_A_VALUE = new Set([
  'URL',
  'URI',
  'PATH',
  'FILE',
  'FILENAME',
  'DIR',
  'ARN',
  'ID',
  'NAME',
  'ENDPOINT',
  'HOST',
  'PORT',
  'REGION',
  'TTL',
  'EXPIRY',
  'EXPIRATION',
  'EXPIRES',
  'EXPIRES_IN',
  'LENGTH',
  'TIMEOUT',
  'ENABLED',
  'DISABLED',
  'TYPE',
  'HEADER',
  'ALGORITHM',
  'ALG',
  'ISSUER',
  'AUDIENCE',
  'LOCATION',
  'PARAM',
  'PARAMETER',
  'VERSION',
  'SIZE',
  'COUNT',
  'MODE',
  'POLICY',
  'FIELD',
  'PREFIX',
  'BUCKET',
  'SECONDS',
  'MINUTES',
  'HOURS',
  'DAYS',
  'MS',
  'USER',
  'USERNAME',
  'ROTATION',
  'KEYS',
  'STORE',
  'PROVIDER',
]);

export function isSecretName(name: string): boolean {
  const n = normalizeName(name);
  const words = n.split('_');
  const last = words[words.length - 1] ?? '';
  if (NOT_A_VALUE.has(last) || (words.length > 1 && NOT_A_VALUE.has(words.slice(-2).join('_')))) return false;
  if (SECRET_PARTS.test(n)) return true;
  return words.includes('PWD') || words.includes('PASS') || (last === 'KEY' && words.length > 1);
}

/** Credentials recognisable by shape (the formats their issuers document). */
const VALUE_SHAPES: readonly (readonly [RegExp, string])[] = [
  [/\b(AKIA|ABIA|ACCA)[0-9A-Z]{16}\b/, 'an AWS access key id (long-term IAM user credentials)'],
  [/\bASIA[0-9A-Z]{16}\b/, 'an AWS temporary access key id'],
  [/-----BEGIN [A-Z ]*PRIVATE KEY( BLOCK)?-----/, 'a private key'],
  [/\b(ghp|gho|ghs|ghu|ghr)_[A-Za-z0-9]{36}\b|\bgithub_pat_[A-Za-z0-9_]{22,}/, 'a GitHub token'],
  [/\bglpat-[A-Za-z0-9_-]{20}\b/, 'a GitLab token'],
  [/\bxox[abposr]-[A-Za-z0-9-]{10,}/, 'a Slack token'],
  [/\b[sr]k_live_[A-Za-z0-9]{16,}/, 'a Stripe live key'],
  [/\bAIza[0-9A-Za-z_-]{35}\b/, 'a Google API key'],
];

export function credentialShape(value: string): string | undefined {
  for (const [re, what] of VALUE_SHAPES) if (re.test(value)) return what;
  const url = /[a-z][a-z0-9+.-]*:\/\/[^\s:@/]+:([^\s@/]+)@/i.exec(value);
  if (url && isLiteralSecretValue(url[1]!)) return 'a URL with an embedded password';
  return undefined;
}

/**
 * A reference to a file rather than its content: a `file://` / `fileb://` URL (how the AWS CLI
 * reads a parameter from a file) or a filesystem path. Path segments are word characters, dots,
 * `@` and dashes, so a base64 secret that happens to start with `/` (it holds `+` or `=`) is not one.
 */
export function isFileReference(value: string): boolean {
  const v = value.trim();
  if (/^fileb?:\/\/\S+$/i.test(v)) return true;
  return /^(?:~|\.{1,2})?\/(?:[\w.@-]+\/)*[\w.@-]+$/.test(v) && (/\/.*\//.test(v.replace(/^(?:~|\.{1,2})/, '')) || /\.\w{1,8}$/.test(v));
}

/**
 * Whether a value written under a secret name is the secret itself. Not a literal: empty, a
 * CloudFormation dynamic reference (`{{resolve:secretsmanager:…}}`, `{{resolve:ssm-secure:…}}`),
 * a shell or Fn::Sub expansion (`$VAR`, `$(cmd)`, `${Param}`), a boolean or a small number (a TTL,
 * a flag), a file path or `file://` URL (the secret is in the file). A placeholder such as
 * `changeme` is still a literal: deployed, it is the password.
 */
export function isLiteralSecretValue(value: string): boolean {
  const v = value.trim();
  if (v === '') return false;
  if (v.includes('{{resolve:')) return false;
  if (/^[$`]|\$\(|\$\{/.test(v)) return false;
  if (/^(true|false|yes|no|on|off|null|none)$/i.test(v)) return false;
  if (/^\d{1,5}$/.test(v)) return false;
  if (isFileReference(v)) return false;
  return true;
}

/**
 * A Secrets Manager dynamic reference: CloudFormation resolves it at deployment and writes the
 * secret into the property, so in a plain value (an ECS container's Environment) it is stored in
 * plaintext. https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/dynamic-references-secretsmanager.html
 */
export function isSecretsManagerReference(value: string): boolean {
  return /\{\{resolve:secretsmanager:/.test(value);
}

/** `DATABASE_PASSWORD=ex****`: never more than two characters, none for short values. */
export function mask(value: string): string {
  const v = value.trim();
  return v.length >= 8 ? `${v.slice(0, 2)}****` : '****';
}

export interface SecretHit {
  readonly name: string;
  readonly masked: string;
  /** What makes it a secret: the name, or the value's shape. */
  readonly why: string;
}

/** Judges one variable; undefined when it is not a plaintext secret. */
export function judgeVariable(name: string, value: string): SecretHit | undefined {
  const shape = credentialShape(value);
  if (shape) return { name, masked: mask(value), why: shape };
  if (isSecretName(name) && isLiteralSecretValue(value)) return { name, masked: mask(value), why: 'a literal value under a secret name' };
  return undefined;
}

const ASSIGNMENTS: readonly RegExp[] = [
  // export DB_PASSWORD=…, PASSWORD="…", set TOKEN=…, env FOO=… cmd
  /(?:^|[\s;&|(])(?:export\s+|set\s+|setx\s+)?([A-Za-z_][A-Za-z0-9_]*)=("[^"]*"|'[^']*'|[^\s;&|)]+)/g,
  // PowerShell: $env:DB_PASSWORD = "…"
  /\$env:([A-Za-z_][A-Za-z0-9_]*)\s*=\s*("[^"]*"|'[^']*'|\S+)/g,
  // JSON-ish: "password": "…"
  /"([A-Za-z_][\w.-]*)"\s*:\s*("[^"]*")/g,
  // YAML-ish (cloud-config): password: …
  /^\s*-?\s*([A-Za-z_][\w.-]*)\s*:\s+("[^"]*"|'[^']*'|\S+)\s*$/gm,
  // Command-line flags: --password=… / --password …
  /(?:^|\s)--([A-Za-z][\w-]*)[= ]("[^"]*"|'[^']*'|[^\s-]\S*)/g,
];

const unquote = (s: string): string => (/^(["']).*\1$/s.test(s) ? s.slice(1, -1) : s);

/** Secrets written in user data or a script: assignments by name, and credentials by shape anywhere. */
export function scanScript(text: string): SecretHit[] {
  const hits = new Map<string, SecretHit>();
  for (const re of ASSIGNMENTS) {
    for (const m of text.matchAll(re)) {
      const name = m[1]!;
      const value = unquote(m[2]!);
      const hit = judgeVariable(name, value);
      if (hit && !hits.has(name)) hits.set(name, hit);
    }
  }
  if (hits.size === 0) {
    for (const line of text.split('\n')) {
      const shape = credentialShape(line);
      if (!shape) continue;
      hits.set(shape, { name: 'a line', masked: '****', why: shape });
      break;
    }
  }
  return [...hits.values()];
}

/**
 * User data given already base64-encoded (no Fn::Base64): decode it when it is valid base64 of
 * readable text, else keep it as written.
 */
export function decodeUserData(text: string): string {
  const compact = text.replace(/\s+/g, '');
  if (compact.length < 16 || compact.length % 4 !== 0 || !/^[A-Za-z0-9+/]+={0,2}$/.test(compact)) return text;
  const decoded = Buffer.from(compact, 'base64').toString('utf8');
  const readable = decoded.split('').filter((c) => c === '\n' || c === '\r' || c === '\t' || (c >= ' ' && c !== '\uFFFD')).length;
  return readable / Math.max(decoded.length, 1) > 0.95 ? decoded : text;
}
