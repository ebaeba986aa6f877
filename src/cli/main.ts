#!/usr/bin/env node
/**
 * The `muwclass` command line: dispatches to the sub-commands in `commands.ts`, and turns what they throw into
 * one message and an exit status (`exit-status.ts`). Bad input never prints a stack trace; an internal error
 * prints one line asking for a report (the stack only with `MUWCLASS_DEBUG=1`).
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import packageJson from '../../package.json';
import { MuwclassError } from '../core/errors';
import { removeTemporaries } from '../node/output';
import { UsageError, type CliContext, type Command } from './command';
import { COMMANDS } from './commands';
import { EXIT_STATUS, EXIT_STATUS_FOOTER, exitStatusHelp, exitStatusOf, isSystemError } from './exit-status';

function mainUsage(): string {
  const width = Math.max(0, ...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: muwclass <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'muwclass <command> --help' for a command's options. A file named - is standard input (as an input)",
    'or standard output (as an output). Outputs are checked before any work and replaced only when complete.',
    '',
    exitStatusHelp(),
  ].join('\n');
}

/** A command's usage with the exit-status footer. */
export function commandUsage(command: Command): string {
  return `${command.usage}\n\n${EXIT_STATUS_FOOTER}`;
}

/** The message of an error for the user: its own for muwclass errors, `code: path` for system errors. */
function describe(error: unknown): string {
  if (error instanceof MuwclassError) return error.message;
  if (isSystemError(error)) return `${error.code}: ${error.message.replace(/^[A-Z]+: /, '')}`;
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

function firstLine(text: string): string {
  const line = text.split('\n', 1)[0] ?? '';
  return line.length > 500 ? `${line.slice(0, 500)}…` : line;
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and resolves to the exit status (see
 * `exit-status.ts`: 0 success, 2 usage, 65 bad data, 66 missing input, 70 internal error, 73 cannot create an
 * output, 74 I/O error, 130 interrupted). Never rejects.
 *
 * @param argv - the arguments after `muwclass`
 * @param context - streams, environment and the interrupting signal
 * @param commands - the sub-commands (default all of `commands.ts`; tests pass their own)
 */
export async function runCli(argv: readonly string[], context: CliContext, commands: readonly Command[] = COMMANDS): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined) {
    context.stderr.write(`${mainUsage()}\n`);
    return EXIT_STATUS.USAGE;
  }
  if (name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(`${mainUsage()}\n`);
    return EXIT_STATUS.OK;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${packageJson.version}\n`);
    return EXIT_STATUS.OK;
  }
  const command = commands.find((c) => c.name === name);
  if (command === undefined) {
    context.stderr.write(`muwclass: unknown command "${name}"\n\n${mainUsage()}\n`);
    return EXIT_STATUS.USAGE;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(`${commandUsage(command)}\n`);
    return EXIT_STATUS.OK;
  }
  const env = context.env ?? process.env;
  const debug = env.MUWCLASS_DEBUG === '1';
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (context.signal?.aborted === true) {
      context.stderr.write(`muwclass ${name}: interrupted; no output written (an existing output is unchanged)\n`);
      return context.signal.reason === 'SIGTERM' ? EXIT_STATUS.TERMINATED : EXIT_STATUS.INTERRUPTED;
    }
    const status = exitStatusOf(error);
    if (status === EXIT_STATUS.USAGE) {
      context.stderr.write(`muwclass ${name}: ${(error as UsageError).message}\n\n${commandUsage(command)}\n`);
    } else if (status === EXIT_STATUS.SOFTWARE) {
      context.stderr.write(
        `muwclass ${name}: internal error: ${firstLine(describe(error))} — this is a bug in muwclass, please report it with the command line` +
          `${debug ? '' : ' (MUWCLASS_DEBUG=1 prints the stack trace)'}\n`,
      );
    } else if (status === EXIT_STATUS.INTERRUPTED) {
      context.stderr.write(`muwclass ${name}: interrupted; no output written (an existing output is unchanged)\n`);
    } else {
      context.stderr.write(`muwclass ${name}: ${describe(error)}\n`);
    }
    if (debug && error instanceof Error && error.stack !== undefined) context.stderr.write(`${error.stack}\n`);
    return status;
  }
}

function isEntryPoint(): boolean {
  const script = process.argv[1];
  if (script === undefined) return false;
  try {
    return realpathSync(script) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

/**
 * The process around {@link runCli}: SIGINT/SIGTERM abort the run (a second one exits at once), temporary
 * files are removed on every exit, a closed stdout (`| head`) ends the run quietly.
 */
function main(): void {
  const controller = new AbortController();
  const onSignal = (signal: 'SIGINT' | 'SIGTERM') => {
    if (controller.signal.aborted) {
      removeTemporaries();
      process.exit(signal === 'SIGTERM' ? EXIT_STATUS.TERMINATED : EXIT_STATUS.INTERRUPTED);
    }
    controller.abort(signal);
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  process.on('exit', removeTemporaries);
  process.stdout.on('error', () => {
    // A closed pipe (muwclass … -o - | head): stop quietly, leave no temporary file.
    removeTemporaries();
    process.exit(EXIT_STATUS.IO_ERROR);
  });
  const context: CliContext = {
    stdout: process.stdout,
    stderr: process.stderr,
    isTTY: process.stderr.isTTY === true,
    stdin: process.stdin,
    env: process.env,
    signal: controller.signal,
  };
  runCli(process.argv.slice(2), context).then(
    (code) => {
      process.exitCode = code;
      // Worker threads of an interrupted run are being stopped; do not wait for them longer than a moment.
      if (controller.signal.aborted) setTimeout(() => process.exit(code), 2000).unref();
    },
    (error: unknown) => {
      process.stderr.write(`muwclass: internal error: ${firstLine(describe(error))} — this is a bug in muwclass, please report it\n`);
      if (process.env.MUWCLASS_DEBUG === '1' && error instanceof Error) process.stderr.write(`${error.stack}\n`);
      process.exitCode = EXIT_STATUS.SOFTWARE;
    },
  );
}

if (isEntryPoint()) main();
