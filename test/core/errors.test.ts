import { describe, expect, it } from 'vitest';

import * as core from '../../src/core';
import * as root from '../../src/index';
import { MuwclassError } from '../../src/core/errors';
import { UsageError } from '../../src/cli/command';
import { errorFromData, errorToData } from '../../src/classify/worker-protocol';

type ErrorClass = new (...args: never[]) => MuwclassError;

/** Every export that is MuwclassError or one of its subclasses, keyed by its export name. */
function errorClasses(module: Record<string, unknown>): [string, ErrorClass][] {
  return Object.entries(module).filter(
    (entry): entry is [string, ErrorClass] => typeof entry[1] === 'function' && (entry[1] === MuwclassError || entry[1].prototype instanceof MuwclassError),
  );
}

/** Builds an instance with placeholder arguments (every constructor takes strings first, options last). */
function construct(Class: ErrorClass): MuwclassError {
  return new (Class as unknown as new (...args: string[]) => MuwclassError)('INVALID_ARGUMENT', 'x', 'y');
}

/** Runs `body` while `Class.name` reads as a minifier would leave it (e.g. "p"), then restores it. */
function withMinifiedName<T>(Class: ErrorClass, body: () => T): T {
  const original = Object.getOwnPropertyDescriptor(Class, 'name');
  Object.defineProperty(Class, 'name', { value: 'p', configurable: true });
  try {
    return body();
  } finally {
    if (original === undefined) delete (Class as { name?: string }).name;
    else Object.defineProperty(Class, 'name', original);
  }
}

const classes: [string, ErrorClass][] = [...errorClasses(core), ['UsageError', UsageError as unknown as ErrorClass]];

describe('error names', () => {
  it('finds every error class core exports, and the package root re-exports them', () => {
    expect(classes.map(([key]) => key).sort()).toEqual(
      [
        'CancelledError',
        'FileError',
        'InvalidArgumentError',
        'InvalidValueError',
        'MalformedNumberError',
        'MissingColumnError',
        'MuwclassError',
        'NotFittedError',
        'ParseError',
        'ServiceError',
        'ShapeMismatchError',
        'UsageError',
        'WorkerError',
      ].sort(),
    );
    expect(errorClasses(root).map(([key]) => key).sort()).toEqual(errorClasses(core).map(([key]) => key).sort());
  });

  it.each(classes)('new %s(…).name is its export name, and stays so when a minifier renames the class', (key, Class) => {
    expect(construct(Class).name).toBe(key);
    const minified = withMinifiedName(Class, () => construct(Class));
    expect(minified.name).toBe(key);
    expect(minified).toBeInstanceOf(Class);
    expect(minified).toBeInstanceOf(MuwclassError);
    expect(String(minified)).toMatch(new RegExp(`^${key}: `));
  });

  it('keeps the code each class sets', () => {
    expect(new core.ParseError('bad line', { source: 'a.mrt', row: 3 }).code).toBe('PARSE_ERROR');
    expect(new core.MissingColumnError('RA', 'x.csv').code).toBe('MISSING_COLUMN');
    expect(new core.FileError('a.csv', 'not-found', 'cannot read').code).toBe('FILE_ERROR');
    expect(new UsageError('bad option').code).toBe('INVALID_ARGUMENT');
  });

  it("names a caller's own subclass after its class", () => {
    class MyError extends MuwclassError {}
    expect(new MyError('INVALID_VALUE', 'x').name).toBe('MyError');
  });

  it('a ParseError crosses a worker message port as a ParseError even when minified', () => {
    const data = withMinifiedName(core.ParseError as unknown as ErrorClass, () => errorToData(new core.ParseError('bad', { row: 2 })));
    expect(data.name).toBe('ParseError');
    const back = errorFromData(data);
    expect(back).toBeInstanceOf(core.ParseError);
    expect(back.message).toBe('bad (row 2)');
  });
});
