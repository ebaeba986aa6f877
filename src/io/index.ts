/**
 * Input and output, pure: the source-table schema, strict cell parsing, CSV parsing and formatting on strings
 * and web streams with typed schemas, the source table, CSC per-observation detections, CDS machine-readable
 * tables, FITS files (headers, images, binary tables; streamed table rows), VOTable (read, write, to and from
 * CSV), sexagesimal coordinates and a synthetic training set. Reading files by path is in `muwclass/node`.
 *
 * @module io
 */
export {
  XRAY_BANDS,
  MAGNITUDE_BANDS,
  FLUX_COLUMNS,
  MAGNITUDE_COLUMNS,
  SOURCE_NUMERIC_COLUMNS,
  type XrayBand,
  type MagnitudeBand,
  type FluxColumn,
  type MagnitudeColumn,
  type Source,
} from './schema';
export { textChunks, readText, type TextSource } from './text-source';
export { parseNumberCell, parseBooleanCell, formatNumberCell } from './cells';
export {
  parseCsv,
  streamCsv,
  parseTable,
  dedupeHeaders,
  assertColumns,
  parseRecord,
  formatCsv,
  formatCsvRow,
  csvLines,
  type CsvRecord,
  type CsvOptions,
  type CsvTable,
  type CsvStream,
  type ColumnType,
  type ColumnSpec,
  type Schema,
  type RowOf,
  type CellValue,
  type CsvFormatOptions,
} from './csv';
export { parseSourceTable, parseSourceColumns, type SourceColumnsOptions, type SourceColumnTable, SOURCE_COLUMN_RANGES, type ReadSourceTableOptions, type SourceTable } from './source-table';
export { toSourceColumns, sourceColumns, selectSourceRows, sourceAt, type SourceNumericColumn, type SourceColumns } from './source-columns';
export { parseRightAscension, parseDeclination, formatSexagesimal, parseCoordinateCell } from './sexagesimal';
export { syntheticTrainingSet, SYNTHETIC_CLASSES, type SyntheticTrainingSetOptions } from './synthetic';
export {
  parseCscDetections,
  cscDetectionSchema,
  CSC_DETECTION_SCHEMA,
  type FluxLimits,
  type DetectionFluxes,
  type CscDetection,
  type ReadCscDetectionsOptions,
} from './csc-detections';
export { parseMrt, formatMrt, type MrtType, type MrtField, type MrtValue, type MrtTable, type ParseMrtOptions, type MrtColumn, type MrtTableInput } from './mrt';
export { parseFitsHeader, formatFitsHeader, headerValue, FITS_BLOCK, FITS_CARD, type ParsedFitsHeader, type FitsValue, type FitsCard, type FitsHeader, type FitsHeaderLocation } from './fits-header';
export { fitsElementsPerRow, type FitsColumnType, type FitsColumnValues, type FitsColumn, type FitsColumnInfo, type FitsColumnInput } from './fits-bintable';
export {
  parseFits,
  formatFits,
  streamFitsTable,
  selectHdu,
  fitsTableRecords,
  type FitsSource,
  type FitsImageData,
  type FitsHduBase,
  type FitsImageHdu,
  type FitsTableHdu,
  type FitsOtherHdu,
  type FitsHdu,
  type FitsHduOfKind,
  type FitsRecords,
  type ParseFitsOptions,
  type FitsImageInput,
  type FitsTableInput,
  type FitsTableStream,
  type FitsTableBatch,
  type StreamFitsTableOptions,
} from './fits';
export { parseVotable, streamVotable, votableTables, queryStatus, type VotableTable, type VotableResource, type VotableDocument, type VotableEvent, type VotableReadOptions, type QueryStatus } from './votable';
export { formatVotable, votableChunks, votableDocument, type VotableWriteOptions } from './votable-writer';
export { votableRecords, votableToCsv, votableFromCsv, type VotableFromCsvOptions } from './votable-csv';
export { VOTABLE_DATATYPES, type VotableDatatype, type VotableValue, type VotableField, type VotableParam, type VotableInfo, type VotableSerialization } from './votable-datatypes';
