/**
 * The shape of a `muwclass` sub-command. Each command lives in its own module under `src/cli/` and is listed
 * once in `commands.ts`; `main.ts` only dispatches.
 *
 * @module
 */
import type { Readable, Writable } from 'node:stream';
import { parseArgs, type ParseArgsConfig } from 'node:util';

import { MuwclassError } from '../core/errors';

/** Where a command reads and writes: injected so tests can capture output. */
export interface CliContext {
  readonly stdout: Writable;
  /** Messages, the summary and the progress; its `columns` (a terminal's width) bounds the progress bar. */
  readonly stderr: Writable & { readonly columns?: number };
  /** Whether stderr is a terminal (the progress bar is redrawn in place only then). */
  readonly isTTY: boolean;
  /** What `-` reads as an input (default `process.stdin`). */
  readonly stdin?: Readable;
  /** Environment variables (default `process.env`): `MUWCLASS_DEBUG=1` prints the stack of an internal error. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Interrupts the run (SIGINT): the Monte Carlo run stops, temporary files are removed, exit status 130. */
  readonly signal?: AbortSignal;
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
    this.name = 'UsageError';
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

const DECIMAL = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * The number an option's text spells in plain decimal (`12`, `0.5`, `1e3`), or `NaN` for anything else —
 * `0x10`, `0b11`, `1_000`, `Infinity`, blank — so every numeric option reads numbers as the CSV cells do.
 *
 * @example
 * ```ts
 * import { optionNumber } from './command';
 * [optionNumber('0.025'), optionNumber('1e3'), optionNumber('0x10'), optionNumber('')]; // => [0.025, 1000, NaN, NaN]
 * ```
 */
export function optionNumber(text: string): number {
  const t = text.trim();
  return DECIMAL.test(t) ? Number(t) : Number.NaN;
}
