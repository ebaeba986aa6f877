/**
 * The shape of a `muwclass` sub-command. Each command lives in its own module under `src/cli/` and is listed
 * once in `commands.ts`; `main.ts` only dispatches.
 *
 * @module
 */
import type { Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { MuwclassError } from '../core/errors';

/** Where a command writes: injected so tests can capture output. */
export interface CliContext {
  readonly stdout: Writable;
  readonly stderr: Writable;
  /** Whether stderr is a terminal (progress bars are drawn only then). */
  readonly isTTY: boolean;
}

/** A sub-command: `muwclass <name> …`. */
export interface Command {
  readonly name: string;
  /** One line for `muwclass --help`. */
  readonly summary: string;
  /** The full usage text for `muwclass <name> --help`. */
  readonly usage: string;
  /** Runs with the arguments after the command name; resolves to the exit code. */
  run(argv: readonly string[], context: CliContext): Promise<number>;
}

/** A usage error: printed with the command's usage, exit code 2. */
export class UsageError extends MuwclassError {
  constructor(message: string) {
    super('INVALID_ARGUMENT', message);
  }
}

/**
 * `util.parseArgs` for a command (strict unless the config says otherwise), its errors (an unknown option, a missing value) turned into
 * {@link UsageError}s so they are printed with the command's usage.
 *
 * @example
 * ```ts
 * import { parseCommandArgs } from './command';
 * const { values } = parseCommandArgs({ args: ['-o', 'out.csv'], options: { output: { type: 'string', short: 'o' } } });
 * values.output; // => 'out.csv'
 * ```
 */
export function parseCommandArgs<T extends ParseArgsConfig>(config: T): ReturnType<typeof parseArgs<T>> {
  try {
    return parseArgs(config);
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message : String(error));
  }
}
