/**
 * Reading the user's files with the library's parsers: a source table (CSV in the training-set schema), a CDS
 * machine-readable table (MRT) with the same labels, or a Chandra Source Catalog per-observation CSV averaged
 * per source (paper Section 2.2). Every error is the library's, naming the file, row and column.
 */
import {
  averageObservations,
  formatCsv,
  InvalidValueError,
  parseCscDetections,
  parseMrt,
  parseNumberCell,
  parseSourceTable,
  SOURCE_NUMERIC_COLUMNS,
  syntheticTrainingSet,
  type Source,
} from 'muwclass';

/** A table the page has loaded. */
export interface LoadedTable {
  /** The file's name (used in every error message). */
  readonly fileName: string;
  /** What the file was read as. */
  readonly format: 'CSV' | 'MRT' | 'CSC per-observation CSV' | 'demo';
  /** The sources, in file order. */
  readonly sources: readonly Source[];
  /** The file's own columns, in order (copied through to the CSV download). */
  readonly columns: readonly string[];
  /** The file's values by column, one record per source. */
  readonly records: readonly Readonly<Record<string, string | number>>[];
  /** What the reader did, in words. */
  readonly note: string;
}

/** Which of the two inputs a file is. */
export type Role = 'training' | 'sources';

const NAME_COLUMN = 'CSCv2_name';
const SCHEMA_COLUMNS = new Set<string>(['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', 'True_Class', ...SOURCE_NUMERIC_COLUMNS]);

/** The columns of the first line of a CSV (unquoted names are enough to recognise a CSC file). */
function headerOf(text: string): string[] {
  const end = text.search(/\r?\n/);
  return (end < 0 ? text : text.slice(0, end)).split(',').map((c) => c.trim().replace(/^"|"$/g, '').replace(/^\uFEFF/, ''));
}

/** Whether the text is a CDS/AAS machine-readable table. */
function isMrt(text: string): boolean {
  return /Byte-by-byte Description/i.test(text.slice(0, 20_000));
}

/** Whether a CSV header is that of CSC per-observation detections. */
function isCscHeader(columns: readonly string[]): boolean {
  return columns.includes('obsid') && columns.some((c) => c.startsWith('flux_aper90_'));
}

/** Reads a source table from the text of a file, whatever its format; throws the library's error. */
export async function readTable(fileName: string, text: string, role: Role): Promise<LoadedTable> {
  const requireLabel = role === 'training';
  if (isMrt(text)) {
    const mrt = parseMrt(text, { source: fileName });
    const labels = mrt.fields.map((f) => f.label);
    // The MRT's records as CSV (full precision), read by the source-table reader: one set of column rules.
    const csv = formatCsv(labels, mrt.records, { spreadsheetSafe: false });
    const t = await parseSourceTable(csv, { sourceName: fileName, requireLabel });
    return { fileName, format: 'MRT', sources: t.sources, columns: labels, records: mrt.records, note: `${mrt.title ?? 'machine-readable table'}` };
  }
  const header = headerOf(text);
  if (isCscHeader(header)) {
    if (role === 'training') {
      throw new InvalidValueError('a CSC per-observation file has no class labels: it can be classified, not used as a training set', { source: fileName });
    }
    const suffix = header.includes('flux_aper90_s.1') ? '.1' : '';
    const detections = await parseCscDetections(text, { sourceName: fileName, perObservationSuffix: suffix });
    const { sources, summary } = averageObservations(detections, { sourceName: fileName });
    const columns = [NAME_COLUMN, 'CSCv2_RA', 'CSCv2_DEC', 'Fs', 'e_Fs', 'Fm', 'e_Fm', 'Fh', 'e_Fh', 'Fb', 'e_Fb', 'P_intra', 'P_inter', 'n_obs', 'flux_flag'];
    const out: Source[] = sources.map((a) => {
      const s: Record<string, number | string> = { name: a.name, ra: a.ra, dec: a.dec };
      for (const c of SOURCE_NUMERIC_COLUMNS) s[c] = Number.NaN;
      for (const c of ['Fs', 'e_Fs', 'Fm', 'e_Fm', 'Fh', 'e_Fh', 'Fb', 'e_Fb', 'P_intra', 'P_inter'] as const) s[c] = a[c];
      return s as unknown as Source;
    });
    const records = sources.map((a) => ({ [NAME_COLUMN]: a.name, CSCv2_RA: a.ra, CSCv2_DEC: a.dec, Fs: a.Fs, e_Fs: a.e_Fs, Fm: a.Fm, e_Fm: a.e_Fm, Fh: a.Fh, e_Fh: a.e_Fh, Fb: a.Fb, e_Fb: a.e_Fb, P_intra: a.P_intra, P_inter: a.P_inter, n_obs: a.n_obs, flux_flag: a.flux_flag }));
    const names = summary.dropped.map((d) => d.name);
    const dropped = names.length === 0 ? '' : `; ${names.length} dropped (${names.slice(0, 3).join(', ')}${names.length > 3 ? ', …' : ''})`;
    return {
      fileName,
      format: 'CSC per-observation CSV',
      sources: out,
      columns,
      records,
      note: `averaged ${summary.detectionsUsed} of ${summary.detectionsIn} detections into ${summary.sourcesOut} sources${dropped}; X-ray features only (no optical/IR counterparts)`,
    };
  }
  const t = await parseSourceTable(text, { sourceName: fileName, requireLabel });
  return { fileName, format: 'CSV', sources: t.sources, columns: t.columns, records: t.records.map((r) => r.cells), note: '' };
}

/** Candidate E(B−V) columns: the file's columns outside the training-set schema. */
export function extraColumns(table: LoadedTable): string[] {
  return table.columns.filter((c) => !SCHEMA_COLUMNS.has(c));
}

/**
 * The E(B−V) of every source from a column: numbers parsed strictly, every one present and ≥ 0, else the
 * library's error naming the file, row and column.
 */
export function ebvFromColumn(table: LoadedTable, column: string): Float64Array {
  return Float64Array.from(table.records, (r, i) => {
    const location = { source: table.fileName, row: i + 1, column };
    const v = r[column];
    const x = typeof v === 'number' ? v : parseNumberCell(v, location);
    if (Number.isNaN(x)) throw new InvalidValueError('missing E(B-V): every source needs one to redden the training AGNs (or choose "none")', location);
    if (!(x >= 0) || !Number.isFinite(x)) throw new InvalidValueError(`E(B-V) must be finite and >= 0, got ${x}`, location);
    return x;
  });
}

/** Sources per class of the demo field (30 in all). */
const DEMO_PER_CLASS = { AGN: 8, YSO: 6, 'LM-STAR': 3, 'HM-STAR': 3, NS: 3, LMXB: 3, CV: 2, HMXB: 2 } as const;

/**
 * The demo: the library's synthetic training set (407 sources, 8 classes, the paper's class proportions) and
 * 30 synthetic sources to classify, with an `ebv` column (three values, so three E(B−V) bins).
 */
export function demoTables(): { training: LoadedTable; sources: LoadedTable } {
  const td = syntheticTrainingSet({ seed: 1 });
  const field = syntheticTrainingSet({ seed: 2, labelled: false, namePrefix: 'DEMO J', perClass: DEMO_PER_CLASS });
  const columns = [NAME_COLUMN, 'CSCv2_RA', 'CSCv2_DEC', ...SOURCE_NUMERIC_COLUMNS, 'ebv'];
  const ebvs = [0.05, 0.3, 0.8];
  const records = field.map((s, i) => {
    const r: Record<string, string | number> = { [NAME_COLUMN]: s.name, CSCv2_RA: s.ra, CSCv2_DEC: s.dec, ebv: ebvs[i % ebvs.length]! };
    for (const c of SOURCE_NUMERIC_COLUMNS) r[c] = s[c];
    return r;
  });
  return {
    training: { fileName: 'synthetic training set', format: 'demo', sources: td, columns: [NAME_COLUMN, 'CSCv2_RA', 'CSCv2_DEC', 'True_Class', ...SOURCE_NUMERIC_COLUMNS], records: [], note: 'syntheticTrainingSet({ seed: 1 })' },
    sources: { fileName: 'demo-sources', format: 'demo', sources: field, columns, records, note: 'syntheticTrainingSet({ seed: 2, labelled: false }), E(B−V) in column "ebv"' },
  };
}
