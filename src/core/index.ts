/**
 * Shared foundations: errors, seeded randomness and the row-major feature matrix.
 *
 * @module core
 */
export { type MuwclassErrorCode, type ValueLocation, MuwclassError, InvalidArgumentError, InvalidValueError, MissingColumnError, MalformedNumberError, ShapeMismatchError, NotFittedError, ParseError, CancelledError, WorkerError, FileError, ServiceError } from './errors';
export { createRng, deriveSeed, randomInt, randomNormal, type Seed, type Rng } from './random';
export { zeros, toFeatureMatrix, toArrays, rowView, selectRows, assertFinite, type FeatureMatrix, type MatrixView, type MatrixLike } from './matrix';
export { toMlMatrix } from './ml-matrix';
