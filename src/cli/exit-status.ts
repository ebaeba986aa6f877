/**
 * The exit statuses of `muwclass` (BSD sysexits), in one place: the table the help texts print, and
 * {@link exitStatusOf}, which maps an error to its status.
 *
 * @module
 */
import { FileError, MuwclassError, type MuwclassErrorCode } from '../core/errors';
import { isOutputError } from '../node/output';
import { UsageError } from './command';

/** The statuses, by name. */
export const EXIT_STATUS = {
  /** Success. */
  OK: 0,
  /** A usage error: an unknown option, a missing or malformed argument (sysexits EX_USAGE is 64; 2 as getopt tools do). */
  USAGE: 2,
  /** Bad input data: a malformed number, a value out of range, a missing column, a row of the wrong length (EX_DATAERR). */
  DATA_ERROR: 65,
  /** An input file is missing or cannot be read (EX_NOINPUT). */
  NO_INPUT: 66,
  /** An internal error: a bug in muwclass (EX_SOFTWARE). */
  SOFTWARE: 70,
  /** An output cannot be created: no such directory, a directory, not writable, or one of the inputs (EX_CANTCREAT). */
  CANT_CREATE: 73,
  /** Another input/output error, e.g. a read that fails half-way, a full disk (EX_IOERR). */
  IO_ERROR: 74,
  /** Interrupted (SIGINT, Ctrl-C): nothing written, an existing output left as it was (128 + 2). */
  INTERRUPTED: 130,
  /** Terminated (SIGTERM): as for SIGINT (128 + 15). */
  TERMINATED: 143,
} as const;

/** The table printed by `muwclass --help`: status and meaning. */
export const EXIT_STATUS_TABLE: readonly (readonly [number, string])[] = [
  [EXIT_STATUS.OK, 'success'],
  [EXIT_STATUS.USAGE, 'usage error (unknown option, missing or malformed argument)'],
  [EXIT_STATUS.DATA_ERROR, 'bad input data (malformed number, value out of range, missing column, wrong row length)'],
  [EXIT_STATUS.NO_INPUT, 'an input file is missing, a directory, or not readable'],
  [EXIT_STATUS.SOFTWARE, 'internal error (a bug: please report it)'],
  [EXIT_STATUS.CANT_CREATE, 'an output cannot be created (no such directory, a directory, not writable, or an input)'],
  [EXIT_STATUS.IO_ERROR, 'other input/output error'],
  [EXIT_STATUS.INTERRUPTED, 'interrupted (Ctrl-C); 143 when terminated (SIGTERM); an existing output is left as it was'],
];

/** The exit-status table as help text (`Exit status:` and one line per status). */
export function exitStatusHelp(): string {
  return ['Exit status:', ...EXIT_STATUS_TABLE.map(([status, meaning]) => `  ${String(status).padStart(3)}  ${meaning}`)].join('\n');
}

/** The one-line footer of every command's usage. */
export const EXIT_STATUS_FOOTER = `Exit status: 0 ok, 2 usage, 65 bad input data, 66 missing/unreadable input, 73 cannot create an output,
74 I/O error, 130 interrupted, 70 internal error (see 'muwclass --help').`;

/** The status of each error code (a code added to `MuwclassErrorCode` must be placed here). */
const BY_CODE: Readonly<Record<MuwclassErrorCode, number>> = {
  INVALID_ARGUMENT: EXIT_STATUS.DATA_ERROR,
  INVALID_VALUE: EXIT_STATUS.DATA_ERROR,
  MISSING_COLUMN: EXIT_STATUS.DATA_ERROR,
  MALFORMED_NUMBER: EXIT_STATUS.DATA_ERROR,
  SHAPE_MISMATCH: EXIT_STATUS.DATA_ERROR,
  PARSE_ERROR: EXIT_STATUS.DATA_ERROR,
  NOT_FITTED: EXIT_STATUS.SOFTWARE,
  WORKER_FAILED: EXIT_STATUS.SOFTWARE,
  CANCELLED: EXIT_STATUS.INTERRUPTED,
  FILE_ERROR: EXIT_STATUS.NO_INPUT, // refined by direction and reason in exitStatusOf
  SERVICE_ERROR: EXIT_STATUS.IO_ERROR, // a web service failed (HTTP, query, timeout, network)
};

/** The reasons of a `FileError` on an input that mean "cannot read it" (66); any other reason is 74. */
const NO_INPUT_REASONS = new Set(['not-found', 'is-directory', 'permission']);

/** Node system-error codes that mean "cannot open that file" when raised outside the library's own checks. */
const NO_INPUT_CODES = new Set(['ENOENT', 'EISDIR', 'EACCES', 'EPERM', 'ENOTDIR']);

/** Whether `error` is a Node system error (`ENOENT`, `EIO`, …). */
export function isSystemError(error: unknown): error is NodeJS.ErrnoException & { code: string } {
  return error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string' && /^E[A-Z]+$/.test((error as NodeJS.ErrnoException).code!);
}

/**
 * The exit status for an error a command threw: {@link UsageError} 2; a `FileError` about an output 73, about an
 * input 66 (not found, a directory, no permission) or 74; `CANCELLED` 130; bad data 65; a Node system error 66
 * or 74; anything else (a bug) 70.
 */
export function exitStatusOf(error: unknown, interruptedBy?: 'SIGINT' | 'SIGTERM'): number {
  if (error instanceof UsageError) return EXIT_STATUS.USAGE;
  if (error instanceof FileError) {
    if (isOutputError(error) || error.reason === 'same-as-input') return EXIT_STATUS.CANT_CREATE;
    return NO_INPUT_REASONS.has(error.reason) ? EXIT_STATUS.NO_INPUT : EXIT_STATUS.IO_ERROR;
  }
  if (error instanceof MuwclassError) {
    const status = BY_CODE[error.code] ?? EXIT_STATUS.SOFTWARE;
    return status === EXIT_STATUS.INTERRUPTED && interruptedBy === 'SIGTERM' ? EXIT_STATUS.TERMINATED : status;
  }
  if (isSystemError(error)) return NO_INPUT_CODES.has(error.code) ? EXIT_STATUS.NO_INPUT : EXIT_STATUS.IO_ERROR;
  return EXIT_STATUS.SOFTWARE;
}
