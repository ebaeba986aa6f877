/**
 * Errors thrown by muwclass. Every error is a {@link MuwclassError} with a stable `code`, and a message that
 * names the function or input, and where it applies the file, row and column at fault.
 *
 * @module
 */

/** Stable machine-readable error codes. */
export type MuwclassErrorCode =
  | 'INVALID_ARGUMENT'
  | 'INVALID_VALUE'
  | 'MISSING_COLUMN'
  | 'MALFORMED_NUMBER'
  | 'SHAPE_MISMATCH'
  | 'NOT_FITTED'
  | 'PARSE_ERROR'
  | 'CANCELLED'
  | 'WORKER_FAILED'
  | 'FILE_ERROR'
  | 'SERVICE_ERROR';

/** Where in a table an offending value sits (all optional: name what is known). */
export interface ValueLocation {
  /** File path or input name, e.g. `"NGC3532_per.csv"` or `"X"`. */
  readonly source?: string;
  /** 1-based data row (the header is row 0), or 0-based matrix row — the message says which. */
  readonly row?: number;
  /** Column name, or 0-based column index for matrices. */
  readonly column?: string | number;
}

/**
 * Base class of every error muwclass throws.
 *
 * @example
 * ```ts
 * import { MuwclassError } from 'muwclass';
 * new FechnerFlux(1, 2, 3); // throws MuwclassError: lower limit 2 is above the mode 1
 * try {
 *   new FechnerFlux(1, 2, 3);
 * } catch (e) {
 *   if (e instanceof MuwclassError) e.code; // => 'INVALID_ARGUMENT'
 * }
 * ```
 */
export class MuwclassError extends Error {
  /** Stable machine-readable code. */
  readonly code: MuwclassErrorCode;

  constructor(code: MuwclassErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    // Literal names, not `new.target.name`: minifiers rename classes (a bundled ParseError would be named "p").
    // Each subclass assigns its own literal name; a caller's own subclass keeps its class name.
    this.name = new.target === MuwclassError ? 'MuwclassError' : new.target.name;
    this.code = code;
  }
}

/** An argument is of the wrong kind or out of its documented range (e.g. `k < 1`, a negative E(B-V)). */
export class InvalidArgumentError extends MuwclassError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('INVALID_ARGUMENT', message, options);
    this.name = 'InvalidArgumentError';
  }
}

/**
 * A value inside a table or matrix is invalid (NaN where none is allowed, lower limit above the mode, …).
 * `location` names the input, row and column.
 */
export class InvalidValueError extends MuwclassError {
  /** The input, row and column of the invalid value (as much as is known). */
  readonly location: ValueLocation;

  constructor(message: string, location: ValueLocation = {}, options?: { cause?: unknown }) {
    super('INVALID_VALUE', withLocation(message, location), options);
    this.name = 'InvalidValueError';
    this.location = location;
  }
}

/** A required column is absent from a table. */
export class MissingColumnError extends MuwclassError {
  /** The missing column's name, and the table (file or input name) it was looked for in when known. */
  readonly location: ValueLocation;

  constructor(column: string, source?: string) {
    super('MISSING_COLUMN', `missing required column "${column}"${source === undefined ? '' : ` in ${source}`}`);
    this.name = 'MissingColumnError';
    this.location = source === undefined ? { column } : { source, column };
  }
}

/** A cell that must hold a number does not parse as one. */
export class MalformedNumberError extends MuwclassError {
  /** The file, row and column of the cell that failed to parse. */
  readonly location: ValueLocation;
  /** The raw text that failed to parse. */
  readonly text: string;

  constructor(text: string, location: ValueLocation) {
    super('MALFORMED_NUMBER', withLocation(`malformed number ${JSON.stringify(text)}`, location));
    this.name = 'MalformedNumberError';
    this.location = location;
    this.text = text;
  }
}

/** Array lengths or matrix shapes disagree (e.g. `X` has 10 rows but `y` has 9 labels). */
export class ShapeMismatchError extends MuwclassError {
  constructor(message: string) {
    super('SHAPE_MISMATCH', message);
    this.name = 'ShapeMismatchError';
  }
}

/** A learned-state method (`predictProba`, `transform`, …) was called before `fit`. */
export class NotFittedError extends MuwclassError {
  constructor(estimator: string) {
    super('NOT_FITTED', `${estimator} is not fitted: call fit(X, y) first`);
    this.name = 'NotFittedError';
  }
}

/** A text format (MRT, tbabs table, sexagesimal coordinate, …) could not be parsed. */
export class ParseError extends MuwclassError {
  /** Where parsing failed: file or input name, row (or line) and column or field, as much as is known. */
  readonly location: ValueLocation;

  constructor(message: string, location: ValueLocation = {}) {
    super('PARSE_ERROR', withLocation(message, location));
    this.name = 'ParseError';
    this.location = location;
  }
}

/** Appends " (file F, row R, column C)" for whatever parts of the location are known. */
export function withLocation(message: string, location: ValueLocation): string {
  const parts: string[] = [];
  if (location.source !== undefined) parts.push(`in ${location.source}`);
  if (location.row !== undefined) parts.push(`row ${location.row}`);
  if (location.column !== undefined) parts.push(`column ${typeof location.column === 'string' ? `"${location.column}"` : location.column}`);
  return parts.length === 0 ? message : `${message} (${parts.join(', ')})`;
}

/** A long run (e.g. a Monte Carlo classification) stopped through its abort signal. */
export class CancelledError extends MuwclassError {
  constructor(message = 'cancelled') {
    super('CANCELLED', message);
    this.name = 'CancelledError';
  }
}

/**
 * A worker (thread or Web Worker) failed outside the library's own checks: it could not start, crashed or
 * exited. Errors the library throws inside a worker reach the caller as their own class instead.
 */
export class WorkerError extends MuwclassError {
  constructor(message: string, options?: { cause?: unknown }) {
    super('WORKER_FAILED', message, options);
    this.name = 'WorkerError';
  }
}

/**
 * A file could not be read or written: it does not exist, is a directory, is not readable or writable, or is
 * one of the command's own inputs. `path` is the file as the caller named it; `reason` a short machine-readable
 * cause (`'not-found'`, `'is-directory'`, `'permission'`, `'same-as-input'`, `'io'`).
 */
export class FileError extends MuwclassError {
  /** The file, as the caller named it. */
  readonly path: string;
  /** Why: `'not-found'`, `'is-directory'`, `'permission'`, `'same-as-input'` or `'io'`. */
  readonly reason: string;

  constructor(path: string, reason: string, message: string, options?: { cause?: unknown }) {
    super('FILE_ERROR', `${message}: ${path}`, options);
    this.name = 'FileError';
    this.path = path;
    this.reason = reason;
  }
}

/**
 * A web service (TAP, cone search) failed: an HTTP error, a query the service rejected (`QUERY_STATUS` =
 * `ERROR`), a result truncated at MAXREC when truncation was refused, a timeout, a network failure after the
 * last retry, or an answer that is not a VOTable. The message quotes the service's own message.
 */
export class ServiceError extends MuwclassError {
  /** The URL that was queried. */
  readonly url: string;
  /** `'http'`, `'query'`, `'overflow'`, `'timeout'`, `'network'` or `'format'`. */
  readonly reason: 'http' | 'query' | 'overflow' | 'timeout' | 'network' | 'format';
  /** The HTTP status, when the service answered. */
  readonly status: number | undefined;
  /** The service's own message (e.g. its ADQL syntax error), `''` when none. */
  readonly serviceMessage: string;

  constructor(url: string, reason: ServiceError['reason'], message: string, details: { status?: number; serviceMessage?: string; cause?: unknown } = {}) {
    super('SERVICE_ERROR', `${message} (${url})`, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'ServiceError';
    this.url = url;
    this.reason = reason;
    this.status = details.status;
    this.serviceMessage = details.serviceMessage ?? '';
  }
}
