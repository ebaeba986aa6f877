#!/usr/bin/env node
/**
 * The `muwclass` command line: dispatches to the sub-commands in `commands.ts`.
 *
 * @module
 */
import { realpathSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import packageJson from '../../package.json';
import { MuwclassError } from '../core/errors';
import { UsageError, type CliContext } from './command';
import { COMMANDS } from './commands';

function mainUsage(): string {
  const width = Math.max(0, ...COMMANDS.map((c) => c.name.length));
  return [
    'Usage: muwclass <command> [options]',
    '',
    'Commands:',
    ...COMMANDS.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    "Run 'muwclass <command> --help' for a command's options.",
  ].join('\n');
}

/**
 * Runs the CLI with `argv` (without the node and script paths) and resolves to the exit code:
 * 0 success, 1 a muwclass error in the input, 2 a usage error.
 */
export async function runCli(argv: readonly string[], context: CliContext): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    context.stdout.write(`${mainUsage()}\n`);
    return name === undefined ? 2 : 0;
  }
  if (name === '--version' || name === '-v') {
    context.stdout.write(`${packageJson.version}\n`);
    return 0;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (command === undefined) {
    context.stderr.write(`muwclass: unknown command "${name}"\n\n${mainUsage()}\n`);
    return 2;
  }
  if (rest.includes('--help') || rest.includes('-h')) {
    context.stdout.write(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, context);
  } catch (error) {
    if (error instanceof UsageError) {
      context.stderr.write(`muwclass ${name}: ${error.message}\n\n${command.usage}\n`);
      return 2;
    }
    if (error instanceof MuwclassError) {
      context.stderr.write(`muwclass ${name}: ${error.message}\n`);
      return 1;
    }
    throw error;
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

if (isEntryPoint()) {
  runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, isTTY: process.stderr.isTTY === true }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      process.stderr.write(`muwclass: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 70;
    },
  );
}
