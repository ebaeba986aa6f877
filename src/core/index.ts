/**
 * Shared foundations: errors, seeded randomness and the row-major feature matrix.
 *
 * @module core
 */
export * from './errors';
export * from './random';
export * from './matrix';
export * from './ml-matrix';
