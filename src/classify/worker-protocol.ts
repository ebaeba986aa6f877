/**
 * The messages between a Monte Carlo executor and its workers — plain, structured-clone safe data — and the
 * worker side of the conversation, {@link serveMonteCarloWorker}, which the Web Worker and Node worker-thread
 * scripts both run over their own message port.
 *
 * Conversation: the executor sends `{ type: 'plan', plan }` once, then `{ type: 'unit', unit }` for each unit it
 * hands out; the worker answers each unit with `{ type: 'result', unit, result }` or `{ type: 'error', unit, error }`.
 *
 * @module
 */
import {
  CancelledError,
  FileError,
  InvalidArgumentError,
  InvalidValueError,
  MalformedNumberError,
  MissingColumnError,
  MuwclassError,
  NotFittedError,
  ParseError,
  ShapeMismatchError,
  WorkerError,
} from '../core/errors';
import type { UnitResult } from './engine';
import { runUnit, type MonteCarloPlan } from './plan';

/** A message to a worker. */
export type ToWorker =
  | {
      /** Sent once, first: the plan every unit is run from. */
      readonly type: 'plan';
      /** The Monte Carlo plan: shared data, jobs and units. */
      readonly plan: MonteCarloPlan;
    }
  | {
      /** Run one unit of the plan. */
      readonly type: 'unit';
      /** 0-based index of the unit in the plan. */
      readonly unit: number;
    };

/** An error as it crosses a message port. */
export interface ErrorData {
  /** The error's class name (e.g. `'ParseError'`), used to rebuild it as that class; `'Error'` for a thrown non-Error. */
  readonly name: string;
  /** The error's message. */
  readonly message: string;
  /** The {@link MuwclassError} `code`, when the error has a string code. */
  readonly code?: string;
  /** The stack trace from the worker side, when there was one. */
  readonly stack?: string;
}

/** A message from a worker. */
export type FromWorker =
  | {
      /** The unit ran. */
      readonly type: 'result';
      /** 0-based index of the unit in the plan. */
      readonly unit: number;
      /** The unit's summary: running mean and M2 of the probabilities, and per-draw arrays when asked for (buffers transferred, not copied). */
      readonly result: UnitResult;
    }
  | {
      /** The unit threw. */
      readonly type: 'error';
      /** 0-based index of the unit in the plan. */
      readonly unit: number;
      /** The error as plain data; the executor rebuilds it as its own class (`errorFromData`). */
      readonly error: ErrorData;
    };

/** The two ends of a message port, as the worker sees them (Web Worker `self`, Node `parentPort`). */
export interface WorkerSide {
  /** Sends a message to the executor (with buffers to transfer). */
  post(message: FromWorker, transfer: ArrayBuffer[]): void;
  /** Registers the message handler. */
  listen(handler: (message: ToWorker) => void): void;
}

/** An error as plain data (class name, code, message, stack). */
export function errorToData(error: unknown): ErrorData {
  if (error instanceof Error) {
    const code = (error as { code?: unknown }).code;
    return { name: error.name, message: error.message, ...(typeof code === 'string' ? { code } : {}), ...(error.stack === undefined ? {} : { stack: error.stack }) };
  }
  return { name: 'Error', message: String(error) };
}

/** The muwclass error classes by name, rebuilt on this side of a message port. */
const ERROR_CLASSES: Readonly<Record<string, { readonly prototype: object }>> = {
  MuwclassError,
  InvalidArgumentError,
  InvalidValueError,
  MissingColumnError,
  MalformedNumberError,
  ShapeMismatchError,
  NotFittedError,
  ParseError,
  CancelledError,
  WorkerError,
  FileError,
};

/** Rebuilds an error from {@link errorToData}: muwclass errors get their own class back, others are `WorkerError`s. */
export function errorFromData(data: ErrorData): Error {
  const known = Object.hasOwn(ERROR_CLASSES, data.name) ? ERROR_CLASSES[data.name] : undefined;
  const isMuwclass = known !== undefined;
  const error: Error = isMuwclass ? Object.create(known.prototype) : new WorkerError(`worker failed: ${data.name}: ${data.message}`);
  if (isMuwclass) {
    Object.defineProperty(error, 'message', { value: data.message, writable: true, configurable: true });
    Object.defineProperty(error, 'name', { value: data.name, writable: true, configurable: true });
    Object.defineProperty(error, 'code', { value: data.code, writable: true, configurable: true, enumerable: true });
  }
  if (data.stack !== undefined) Object.defineProperty(error, 'stack', { value: data.stack, writable: true, configurable: true });
  return error;
}

/**
 * The worker side: keeps the plan it is sent and answers each unit with its results (buffers transferred, not
 * copied) or its error.
 *
 * @param side - the worker's message port
 */
export function serveMonteCarloWorker(side: WorkerSide): void {
  let plan: MonteCarloPlan | undefined;
  side.listen((message) => {
    if (message.type === 'plan') {
      plan = message.plan;
      return;
    }
    try {
      if (plan === undefined) throw new WorkerError('a unit arrived before the plan');
      const result = runUnit(plan, message.unit);
      const transfer = [result.mean, result.m2, ...(result.proba ?? []), ...(result.importances ?? [])]
        .filter((a): a is Float64Array => a !== undefined)
        .map((a) => a.buffer as ArrayBuffer);
      side.post({ type: 'result', unit: message.unit, result }, [...new Set(transfer)]);
    } catch (error) {
      side.post({ type: 'error', unit: message.unit, error: errorToData(error) }, []);
    }
  });
}
