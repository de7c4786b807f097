#!/usr/bin/env node
// The `stackaudit` command. Every failure a user can cause ends as one line on stderr and
// exit code 2 — never a stack trace.

import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { VERSION } from '../version.js';
import { didYouMean } from '../engine/config.js';
import { stderrLine } from '../reporters/terminal.js';
import { EXIT, UsageError, type CliIo } from './io.js';
import { runRules } from './rules.js';
import { runScan } from './scan.js';

const HELP = `stackaudit ${VERSION} — policy-as-code and cost checks for AWS architectures

Usage:
  stackaudit scan [paths...]         check CloudFormation/CDK templates (files, dirs, cdk.out)
  stackaudit audit [options]         check a live account (read-only) or a saved snapshot
  stackaudit cost <template> [opts]  estimate the monthly bill
  stackaudit rules                   list every rule, with a link to its page
  stackaudit init                    write a commented stackaudit.config.yaml with every option
  stackaudit <command> --help        options of a command

Exit codes: 0 nothing at or above --fail-on, 1 findings at or above it, 2 input or usage error.
Docs: https://github.com/stackaudit/stackaudit#readme`;

type Command = (args: readonly string[], io: CliIo) => number | Promise<number>;

/** Commands load lazily so a template scan never loads the AWS SDK (cold start). */
const COMMANDS: Readonly<Record<string, () => Promise<Command>>> = {
  scan: async () => runScan,
  rules: async () => runRules,
  audit: async () => (await import('./audit.js')).runAudit,
  cost: async () => (await import('./cost.js')).runCost,
  init: async () => (await import('./init.js')).runInit,
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
    const load = Object.hasOwn(COMMANDS, command) ? COMMANDS[command] : undefined;
    if (!load) throw new UsageError(`unknown command "${command}"${didYouMean(command, Object.keys(COMMANDS)) || ` (commands: ${Object.keys(COMMANDS).join(', ')})`}`);
    return await (await load())(rest, io);
  } catch (err) {
    if (err instanceof UsageError) io.stderr(stderrLine(err.message));
    else io.stderr(stderrLine(`internal error: ${err instanceof Error ? err.message : String(err)} (please report it)`));
    return EXIT.error;
  }
}

/** Standard input, whole, refusing more than `maxBytes` (a template is at most 1 MB in CloudFormation). */
async function readStdin(maxBytes: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
    total += buf.length;
    if (total > maxBytes) {
      process.stdin.destroy();
      throw new Error(`standard input is over the ${Math.round(maxBytes / 1024 / 1024)} MB limit`);
    }
    chunks.push(buf);
  }
  return Buffer.concat(chunks);
}

function isEntryPoint(): boolean {
  try {
    return process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/** Runs the CLI as a process: wires stdio, exit codes and the last-resort error line. */
export function runCli(): void {
  // `stackaudit … | head` closes the pipe early: that is the reader's choice, not an error.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (err: NodeJS.ErrnoException) => {
      if (err.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw err;
    });
  }
  process.on('uncaughtException', (err) => {
    process.stderr.write(stderrLine(`internal error: ${err.message} (please report it)`));
    process.exit(2);
  });
  const io: CliIo = {
    stdout: (t) => process.stdout.write(t),
    stderr: (t) => process.stderr.write(t),
    cwd: process.cwd(),
    stdoutIsTty: process.stdout.isTTY === true,
    stderrIsTty: process.stderr.isTTY === true,
    env: process.env,
    ...(process.stdout.columns ? { columns: process.stdout.columns } : {}),
    readStdin,
  };
  main(process.argv.slice(2), io).then((code) => {
    process.exitCode = code;
  });
}

// Run directly (`node dist/cli/main.js`); the bin (dist/bin/main.js) calls runCli itself.
if (isEntryPoint()) runCli();
