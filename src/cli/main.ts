#!/usr/bin/env node
// The `stackaudit` command. Every failure a user can cause ends as one line on stderr and
// exit code 2 — never a stack trace.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { runRules } from './rules.js';
import { runScan, SCAN_HELP } from './scan.js';

const HELP = `stackaudit ${VERSION} — policy-as-code and cost checks for AWS architectures

Usage:
  stackaudit scan [paths...]         check CloudFormation/CDK templates (files, dirs, cdk.out)
  stackaudit audit [options]         check a live account (read-only) or a saved snapshot
  stackaudit cost <template> [opts]  estimate the monthly bill
  stackaudit rules                   list every rule
  stackaudit <command> --help        options of a command

${SCAN_HELP.split('\n').slice(-1)[0]}`;

type Command = (args: readonly string[], io: CliIo) => number | Promise<number>;

/** Commands load lazily so a template scan never loads the AWS SDK (cold start). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  scan: async () => runScan,
  rules: async () => runRules,
  audit: async () => (await import('./audit.js')).runAudit,
  cost: async () => (await import('./cost.js')).runCost,
};

export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  const [command, ...rest] = argv;
  try {
    if (command === undefined || command === '--help' || command === '-h' || command === 'help') {
      io.stdout(`${HELP}\n`);
      return command === undefined ? EXIT.error : EXIT.ok;
    }
    if (command === '--version' || command === '-v' || command === 'version') {
      io.stdout(`${VERSION}\n`);
      return EXIT.ok;
    }
    const load = COMMANDS[command];
    if (!load) throw new UsageError(`unknown command "${command}" (try: scan, audit, cost, rules)`);
    return await (await load())(rest, io);
  } catch (err) {
    if (err instanceof UsageError) io.stderr(`stackaudit: ${err.message}\n`);
    else io.stderr(`stackaudit: internal error: ${err instanceof Error ? err.message : String(err)} (please report it)\n`);
    return EXIT.error;
  }
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isEntryPoint()) {
  // `stackaudit … | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.on('uncaughtException', (err) => {
    process.stderr.write(`stackaudit: internal error: ${err.message} (please report it)\n`);
    process.exit(2);
  });
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}
