/**
 * Input and output: strict cell parsing, streaming CSV with typed schemas, and the source table (the
 * training-set schema shared by training sets and fields).
 *
 * @module io
 */
export * from './cells';
export * from './csv';
export * from './source-table';
export * from './source-columns';
export * from './sexagesimal';
export * from './synthetic';
export * from './csc-detections';
export * from './mrt';
