import { auditAccount } from '../engine/audit-account.js';
import { editDistance, regionError } from '../model/regions.js';
import {
  SERVICE_IDS,
  buildSnapshot,
  createLiveCallSource,
  createSnapshotCallSource,
  readSnapshot,
  saveTargetProblem,
  writeSnapshot,
  type CallSource,
  type CollectProgress,
} from '../scanners/account/index.js';
import { oneLine } from '../scanners/account/errors.js';
import { progressLine, summaryLine } from '../scanners/account/progress.js';
import { termSafe } from '../reporters/terminal.js';
import { UsageError, type CliIo } from './io.js';
import { configOption, parse } from './options.js';
import { errorLine } from './render.js';
import { REPORT_HELP, REPORT_OPTIONS, finishReport, reportSettings, selectReport } from './report-options.js';

export const AUDIT_HELP = `Usage: stackaudit audit [options]

Checks a live AWS account (read-only, AWS SDK v3) or a saved snapshot against every control.

Options:
  --profile NAME          credentials profile (default: the standard credential chain)
  --role-arn ARN          assume this role first (read-only policy: docs/iam-policy.json)
  --external-id ID        external id for --role-arn
  --region REGION         audit only this region (repeatable or comma-separated; default: every enabled region)
  --services LIST         only these collectors (comma-separated: ${SERVICE_IDS.join(',')})
  --concurrency N         API calls in flight for the account (default 16)
  --timeout MS            longest one attempt of a call may take before it is retried (default 30000)
  --save FILE             also write every API response to a snapshot file (mode 0600; secret-looking values redacted)
  --save-raw              with --save: keep environment values and user data as AWS returned them
  --from FILE             evaluate a snapshot instead of calling AWS (no network)
  --endpoint-url URL      send every call to this URL (an AWS-compatible emulator such as LocalStack)
  --config FILE           config file (default ./stackaudit.config.yaml if present)
${REPORT_HELP}
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 input or usage error.`;

const list = (v: unknown): string[] | undefined => {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v])
    .flatMap((x) => String(x).split(','))
    .map((x) => x.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};

function servicesError(services: readonly string[]): string | undefined {
  for (const s of services) {
    if (SERVICE_IDS.includes(s)) continue;
    const near = SERVICE_IDS.map((id) => ({ id, d: editDistance(s.toLowerCase(), id) })).sort((a, b) => a.d - b.d)[0];
    return `--services: unknown service "${oneLine(s, 40)}"${near && near.d <= 2 ? ` (did you mean ${near.id}?)` : ''}; known: ${SERVICE_IDS.join(', ')}`;
  }
  return undefined;
}

/** AWS SDK v3 stops supporting a Node.js major release on a published date; it warns in 9 lines. */
const SDK_NODE_MAJOR = 22;

/**
 * The SDK writes some problems straight to the console (an endpoint it cannot build prints a
 * 14-line stack, a request timeout a warning) besides returning them as the call's error,
 * which the audit reports as one line per failed call. During a live audit those writes are
 * dropped; the CLI itself never writes through `console`.
 */
async function withQuietConsole<T>(run: () => Promise<T>): Promise<T> {
  const saved = { log: console.log, info: console.info, warn: console.warn, error: console.error, debug: console.debug, trace: console.trace };
  const quiet = (): void => {};
  Object.assign(console, { log: quiet, info: quiet, warn: quiet, error: quiet, debug: quiet, trace: quiet });
  try {
    return await run();
  } finally {
    Object.assign(console, saved);
  }
}

export async function runAudit(args: readonly string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    profile: { type: 'string' },
    'role-arn': { type: 'string' },
    'external-id': { type: 'string' },
    region: { type: 'string', multiple: true },
    services: { type: 'string' },
    concurrency: { type: 'string' },
    timeout: { type: 'string' },
    save: { type: 'string' },
    'save-raw': { type: 'boolean' },
    from: { type: 'string' },
    'endpoint-url': { type: 'string' },
    ...REPORT_OPTIONS,
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${AUDIT_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`audit takes no paths (got ${positionals.map((p) => oneLine(p, 80)).join(' ')}); use --from FILE for a snapshot`);
  const { config } = configOption(values.config, io);
  const settings = reportSettings(values, config);
  const failOn = settings.failOn;
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256))
    throw new UsageError('--concurrency takes a whole number from 1 to 256');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(Number.isFinite(timeoutMs) && timeoutMs >= 1 && timeoutMs <= 3_600_000)) throw new UsageError('--timeout takes milliseconds (1 to 3600000)');
  if (values.from !== undefined && (values.profile !== undefined || values['role-arn'] !== undefined || values['endpoint-url'] !== undefined)) {
    throw new UsageError('--from reads a snapshot; it takes no --profile, --role-arn or --endpoint-url');
  }
  if (values['save-raw'] && values.save === undefined) throw new UsageError('--save-raw goes with --save FILE');
  const regions = list(values.region);
  // A mistyped region would fail DNS on every call and read as an empty, clean account.
  for (const r of regions ?? []) {
    const problem = regionError(r);
    if (problem) throw new UsageError(`--region: ${oneLine(problem, 2_000)}`);
  }
  const services = list(values.services);
  const badServices = services && servicesError(services);
  if (badServices) throw new UsageError(badServices);
  const endpoint = values['endpoint-url'];
  if (endpoint !== undefined && !/^https?:\/\/[^\s/]+/.test(endpoint)) throw new UsageError('--endpoint-url takes an http(s) URL');
  // Before any call: an audit must not be thrown away because its snapshot cannot be written.
  if (values.save !== undefined) {
    const problem = saveTargetProblem(values.save);
    if (problem) throw new UsageError(`--save ${oneLine(values.save, 200)}: ${problem}`);
  }

  let source: CallSource;
  const live = values.from === undefined;
  if (values.from !== undefined) {
    const snap = await readSnapshot(values.from);
    if (!snap.ok) {
      io.stderr(errorLine(snap.error));
      return 2;
    }
    source = createSnapshotCallSource(snap.snapshot);
  } else {
    // The SDK's own Node.js support warning is nine lines on stderr; one line says the same.
    if (io.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] === undefined) {
      process.env['AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED'] = 'true';
      const major = Number(process.versions.node.split('.')[0]);
      if (major < SDK_NODE_MAJOR) io.stderr(`stackaudit: note: AWS SDK releases after January 2027 need Node.js ${SDK_NODE_MAJOR} or later (this is ${process.version})\n`);
    }
    source = createLiveCallSource({
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
      ...(values['role-arn'] !== undefined ? { roleArn: values['role-arn'] } : {}),
      ...(values['external-id'] !== undefined ? { externalId: values['external-id'] } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
      ...(endpoint !== undefined ? { endpoint } : {}),
    });
  }

  const started = Date.now();
  let lastDraw = 0;
  let drawn = false;
  const progress =
    live && io.stderrIsTty
      ? (p: CollectProgress): void => {
          const now = Date.now();
          // At most ten redraws a second, and always the last run.
          if (now - lastDraw < 100 && p.runsDone < p.runsTotal) return;
          lastDraw = now;
          drawn = true;
          io.stderr(`\r\x1b[2K${termSafe(progressLine(p, now - started))}`);
        }
      : undefined;
  const audit = (): ReturnType<typeof auditAccount> =>
    auditAccount({ source, config, failOn, ...(regions ? { regions } : {}), ...(services ? { services } : {}), ...(progress ? { onProgress: progress } : {}) });
  const result = live ? await withQuietConsole(audit) : await audit();
  if (drawn) io.stderr('\r\x1b[2K');
  // Nothing was audited when the identity call failed: its error line says all.
  if (live && result.regions.length > 0) {
    io.stderr(
      `stackaudit: ${summaryLine({ account: result.account, regions: result.regions, services: result.services, calls: result.calls.length, callsFailed: result.callsFailed, elapsedMs: Date.now() - started })}\n`,
    );
  }
  if (values.save !== undefined) {
    try {
      await writeSnapshot(values.save, buildSnapshot(result.account, result.calls, { raw: values['save-raw'] === true }));
    } catch (err) {
      throw new UsageError(`${oneLine(values.save, 200)}: cannot write snapshot: ${(err as NodeJS.ErrnoException).code ?? oneLine(String(err))}`);
    }
  }
  const { index: _index, calls: _calls, account: _account, regions: _regions, services: _services, callsFailed: _failed, ...plain } = result;
  return finishReport(selectReport(plain, settings, io), settings, io);
}
