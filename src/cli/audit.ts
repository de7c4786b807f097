import { auditAccount } from '../engine/audit-account.js';
import { buildSnapshot, createLiveCallSource, createSnapshotCallSource, readSnapshot, writeSnapshot, type CallSource } from '../scanners/account/index.js';
import { termSafe } from '../reporters/terminal.js';
import { UsageError, type CliIo } from './io.js';
import { configOption, failOnOption, formatOption, parse, writeOutput } from './options.js';
import { errorLine, exitCodeOf, printErrors, renderReport } from './render.js';

export const AUDIT_HELP = `Usage: stackaudit audit [options]

Checks a live AWS account (read-only, AWS SDK v3) or a saved snapshot against every control.

Options:
  --profile NAME          credentials profile (default: the standard credential chain)
  --role-arn ARN          assume this role first (read-only policy: docs/iam-policy.json)
  --external-id ID        external id for --role-arn
  --region REGION         audit only this region (repeatable or comma-separated; default: every enabled region)
  --services LIST         only these collectors (comma-separated: ec2,rds,s3,cloudfront,…)
  --concurrency N         API calls in flight for the account (default 16)
  --timeout MS            per-call timeout (default 30000)
  --save FILE             also write every raw API response to a snapshot file
  --from FILE             evaluate a snapshot instead of calling AWS (no network)
  --format text|json|sarif|junit|markdown, --output FILE, --fail-on SEVERITY|none, --config FILE
Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 input or usage error.`;

const list = (v: unknown): string[] | undefined => {
  if (v === undefined) return undefined;
  const items = (Array.isArray(v) ? v : [v]).flatMap((x) => String(x).split(',')).map((x) => x.trim()).filter(Boolean);
  return items.length ? items : undefined;
};

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
    from: { type: 'string' },
    format: { type: 'string' },
    output: { type: 'string', short: 'o' },
    'fail-on': { type: 'string' },
    config: { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  });
  if (values.help) {
    io.stdout(`${AUDIT_HELP}\n`);
    return 0;
  }
  if (positionals.length > 0) throw new UsageError(`audit takes no paths (got ${positionals.join(' ')}); use --from FILE for a snapshot`);
  const format = formatOption(values.format);
  const failOn = failOnOption(values['fail-on']);
  const { config } = configOption(values.config, io);
  const concurrency = values.concurrency === undefined ? undefined : Number(values.concurrency);
  if (concurrency !== undefined && !(Number.isInteger(concurrency) && concurrency >= 1 && concurrency <= 256)) throw new UsageError('--concurrency takes a whole number from 1 to 256');
  const timeoutMs = values.timeout === undefined ? undefined : Number(values.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) throw new UsageError('--timeout takes milliseconds');
  if (values.from !== undefined && (values.profile !== undefined || values['role-arn'] !== undefined)) throw new UsageError('--from reads a snapshot; it takes no --profile or --role-arn');

  let source: CallSource;
  if (values.from !== undefined) {
    const snap = await readSnapshot(values.from);
    if (!snap.ok) {
      io.stderr(errorLine(snap.error));
      return 2;
    }
    source = createSnapshotCallSource(snap.snapshot);
  } else {
    source = createLiveCallSource({
      ...(values.profile !== undefined ? { profile: values.profile } : {}),
      ...(values['role-arn'] !== undefined ? { roleArn: values['role-arn'] } : {}),
      ...(values['external-id'] !== undefined ? { externalId: values['external-id'] } : {}),
      ...(concurrency !== undefined ? { concurrency } : {}),
      ...(timeoutMs !== undefined ? { timeoutMs } : {}),
    });
  }
  const regions = list(values.region);
  const services = list(values.services);
  const progress = io.stderrIsTty
    ? (p: { service: string; region: string; callsDone: number }) => io.stderr(`\r\x1b[2K${termSafe(`${p.service} ${p.region}: ${p.callsDone} calls`)}`)
    : undefined;
  const result = await auditAccount({ source, config, failOn, ...(regions ? { regions } : {}), ...(services ? { services } : {}), ...(progress ? { onProgress: progress } : {}) });
  if (progress) io.stderr('\r\x1b[2K');
  if (values.save !== undefined) {
    try {
      await writeSnapshot(values.save, buildSnapshot(result.account, result.calls));
    } catch (err) {
      throw new UsageError(`${values.save}: cannot write snapshot: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
  }
  const { index: _index, calls: _calls, account: _account, ...plain } = result;
  writeOutput(await renderReport(plain, format, io, values.output !== undefined), values.output, io);
  printErrors(plain, io);
  return exitCodeOf(plain);
}
