/**
 * Inputs and harness of the bad-input suite (`test/robustness/`): small valid files, built once, that each case
 * copies into its own folder and spoils in one way; running the built CLI (`node dist/cli.js`) in that folder;
 * and the checks every case shares (no stack trace, inputs unchanged, nothing left behind).
 *
 * The valid inputs are written here by a plain CSV writer (not the library's), so a bug in the library's
 * formatter cannot hide a bug in its parser.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';

import { formatMrt } from '../../src/io/mrt';
import { SOURCE_NUMERIC_COLUMNS, type Source } from '../../src/io/schema';
import { syntheticTrainingSet } from '../../src/io/synthetic';
import { PROJECT_ROOT } from '../helpers/dist';

/** The build under test: `dist/`, or the folder in `MUWCLASS_ROBUSTNESS_DIST` (e.g. a copy of `dist/`). */
export const DIST = process.env.MUWCLASS_ROBUSTNESS_DIST ?? join(PROJECT_ROOT, 'dist');

/** The built CLI every case runs. */
export const CLI = join(DIST, 'cli.js');

/** A stack-trace line (`\n    at f (file:1:2)`): never printed for bad input. */
export const STACK_TRACE = /\n\s+at /;

/** Whether the tests run as root (then file modes do not stop reads or writes). */
export const IS_ROOT = typeof process.getuid === 'function' && process.getuid() === 0;

// ---------------------------------------------------------------------------------------------------------
// Tables of text cells, and their mutations
// ---------------------------------------------------------------------------------------------------------

/** A CSV table as text cells. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly string[])[];
}

/** A cell written the RFC 4180 way: quoted when it holds a comma, quote or line break. Nothing else is changed. */
function csvCell(text: string): string {
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The CSV text of a table (`\n` line ends). */
export function csv(t: Table): string {
  return [t.columns, ...t.rows].map((r) => r.map(csvCell).join(',')).join('\n') + '\n';
}

/** A number as a cell: shortest round-trip text, `NaN` empty. */
const num = (x: number): string => (Number.isNaN(x) ? '' : String(x));

function columnIndex(t: Table, column: string): number {
  const j = t.columns.indexOf(column);
  if (j < 0) throw new Error(`fixture has no column ${column}`);
  return j;
}

/** `t` with the cell of 1-based data row `row`, column `column` set to `text`. */
export function setCell(t: Table, row: number, column: string, text: string): Table {
  const j = columnIndex(t, column);
  return { columns: t.columns, rows: t.rows.map((r, i) => (i === row - 1 ? r.map((c, k) => (k === j ? text : c)) : r)) };
}

/** `t` with the cells of `column` set by a function of the 1-based data row. */
export function setColumn(t: Table, column: string, text: (row: number) => string): Table {
  const j = columnIndex(t, column);
  return { columns: t.columns, rows: t.rows.map((r, i) => r.map((c, k) => (k === j ? text(i + 1) : c))) };
}

/** `t` with data row `row` cut to its first `n` cells. */
export function truncateRow(t: Table, row: number, n: number): Table {
  return { columns: t.columns, rows: t.rows.map((r, i) => (i === row - 1 ? r.slice(0, n) : r)) };
}

/** `t` with data row `row` given extra cells at its end. */
export function extendRow(t: Table, row: number, extra: readonly string[]): Table {
  return { columns: t.columns, rows: t.rows.map((r, i) => (i === row - 1 ? [...r, ...extra] : r)) };
}

/** `t` with a column appended (`value` of the 1-based data row). */
export function addColumn(t: Table, name: string, value: (row: number) => string): Table {
  return { columns: [...t.columns, name], rows: t.rows.map((r, i) => [...r, value(i + 1)]) };
}

/** `t` with a second copy of `column` appended at the end (the copy's cells differ, so which one is read shows). */
export function duplicateColumn(t: Table, column: string, value?: (row: number) => string): Table {
  const j = columnIndex(t, column);
  return { columns: [...t.columns, column], rows: t.rows.map((r, i) => [...r, value === undefined ? r[j]! : value(i + 1)]) };
}

/** `t` with a column renamed. */
export function renameColumn(t: Table, from: string, to: string): Table {
  const j = columnIndex(t, from);
  return { columns: t.columns.map((c, k) => (k === j ? to : c)), rows: t.rows };
}

/** `t` with only its first `n` data rows. */
export function headRows(t: Table, n: number): Table {
  return { columns: t.columns, rows: t.rows.slice(0, n) };
}

/** The 1-based position of a column (for messages naming column positions). */
export function position(t: Table, column: string): number {
  return columnIndex(t, column) + 1;
}

// ---------------------------------------------------------------------------------------------------------
// The valid inputs
// ---------------------------------------------------------------------------------------------------------

/** The training-set schema's columns, as `syntheticTrainingSet` fills them, and the class column. */
export const SOURCE_COLUMNS: readonly string[] = ['CSCv2_name', 'CSCv2_RA', 'CSCv2_DEC', ...SOURCE_NUMERIC_COLUMNS, 'True_Class'];

function sourceTable(sources: readonly Source[]): Table {
  return {
    columns: SOURCE_COLUMNS,
    rows: sources.map((s) => [s.name, num(s.ra), num(s.dec), ...SOURCE_NUMERIC_COLUMNS.map((c) => num(s[c])), s.label ?? '']),
  };
}

/** A labelled training set: 3 classes × 8 sources (SYNTHETIC, `syntheticTrainingSet`). */
export const TD: Table = sourceTable(syntheticTrainingSet({ seed: 1, perClass: { AGN: 8, YSO: 8, 'LM-STAR': 8, CV: 0, 'HM-STAR': 0, HMXB: 0, LMXB: 0, NS: 0 } }));

/**
 * A field to classify: 4 unlabelled sources in the training-set schema, the first with every feature present
 * (so a spoilt cell of row 1 is a real value), plus a free-text column of the user's (`note`).
 */
export const FIELD: Table = addColumn(
  sourceTable(
    syntheticTrainingSet({ seed: 2, labelled: false, namePrefix: 'FIELD J', perClass: { AGN: 0, YSO: 0, 'LM-STAR': 2, 'HM-STAR': 2, CV: 0, HMXB: 0, LMXB: 0, NS: 0 } }),
  ),
  'note',
  (row) => `note ${row}`,
);

/** The columns of a CSC per-observation file (`NGC3532_per.csv` layout: per-observation copies suffixed `.1`). */
const PER_OBS_COLUMNS: readonly string[] = [
  'name', 'ra', 'dec', 'err_ellipse_r0', 'significance', 'sat_src_flag', 'streak_src_flag',
  'obsid', 'region_id', 'obi', 'instrument', 'theta', 'flux_significance_b', 'pileup_warning',
  'sat_src_flag.1', 'streak_src_flag.1',
  ...['b', 'h', 'm', 's'].flatMap((b) => [`flux_aper90_${b}.1`, `flux_aper90_lolim_${b}.1`, `flux_aper90_hilim_${b}.1`]),
  'kp_prob_b',
];

function detectionRow(name: string, ra: number, dec: number, obsid: number, region: number, scale: number): string[] {
  const cells: Record<string, string> = {
    name, ra: String(ra), dec: String(dec), err_ellipse_r0: '0.77', significance: '5.2', sat_src_flag: 'False', streak_src_flag: 'False',
    obsid: String(obsid), region_id: String(region), obi: '0', instrument: 'ACIS', theta: '1.5', flux_significance_b: '6.1',
    pileup_warning: '0.01', 'sat_src_flag.1': 'False', 'streak_src_flag.1': 'FALSE', kp_prob_b: '0.42',
  };
  for (const [band, mode] of [['b', 6e-15], ['h', 3e-15], ['m', 2e-15], ['s', 1e-15]] as const) {
    cells[`flux_aper90_${band}.1`] = String(mode * scale);
    cells[`flux_aper90_lolim_${band}.1`] = String(0.7 * mode * scale);
    cells[`flux_aper90_hilim_${band}.1`] = String(1.4 * mode * scale);
  }
  return PER_OBS_COLUMNS.map((c) => cells[c]!);
}

/** CSC per-observation detections: source A twice (two observations), source B once; positions in degrees. */
export const PEROBS: Table = {
  columns: PER_OBS_COLUMNS,
  rows: [
    detectionRow('2CXO J110507.4-585105', 166.28104, -58.85152, 9001, 3, 1),
    detectionRow('2CXO J110507.4-585105', 166.28104, -58.85152, 9002, 7, 1.3),
    detectionRow('2CXO J110600.0-585000', 166.5, -58.83333, 9001, 4, 0.5),
  ],
};

const AS = 1 / 3600;

/** X-ray sources for `match` (CSC's own names; degrees) with a column of the user's (`Fb`). */
export const XRAY: Table = {
  columns: ['name', 'ra', 'dec', 'err_ellipse_r0', 'Fb'],
  rows: [
    ['2CXO J110507.4-585105', '166.28104', '-58.85152', '0.9', '1.5e-14'],
    ['2CXO J110600.0-585000', '166.5', '-58.83333', '0.8', '2e-15'],
  ],
};

/** A Gaia archive extract: one star 0.3" from the first X-ray source, one far away. */
export const GAIA: Table = {
  columns: [
    'ra', 'dec', 'ra_error', 'dec_error', 'phot_g_mean_mag', 'phot_g_mean_flux_over_error', 'phot_bp_mean_mag',
    'phot_bp_mean_flux_over_error', 'phot_rp_mean_mag', 'phot_rp_mean_flux_over_error', 'parallax', 'parallax_error',
  ],
  rows: [
    ['166.28104', String(-58.85152 + 0.3 * AS), '0.1', '0.1', '17.5', '500', '18.1', '50', '16.8', '80', '1.1', '0.05'],
    ['166.29104', '-58.85152', '0.1', '0.1', '15.0', '500', '15.5', '50', '14.6', '80', '', ''],
  ],
};

/** A 2MASS (VizieR II/246) extract. */
export const TMASS: Table = {
  columns: ['RAJ2000', 'DEJ2000', 'errMaj', 'Jmag', 'e_Jmag', 'Hmag', 'e_Hmag', 'Kmag', 'e_Kmag'],
  rows: [['166.28104', String(-58.85152 - 0.4 * AS), '0.08', '15.2', '0.05', '14.7', '0.06', '14.5', '']],
};

/** A plain CSV of text and numbers, for `convert` and the generic CSV readers. */
export const PLAIN: Table = {
  columns: ['Name', 'RAdeg', 'Flux', 'N'],
  rows: [
    ['src 1', '166.28104', '1.5e-14', '3'],
    ['src 2', '10.5', '2e-15', '12'],
    ['src 3', '359.9', '', '1'],
  ],
};

/** An MRT of the same table. */
export const MRT_TEXT: string = formatMrt({
  title: 'robustness fixture',
  columns: ['Name', 'RAdeg', 'Flux', 'N'],
  records: [
    { Name: 'src 1', RAdeg: 166.28104, Flux: 1.5e-14, N: 3 },
    { Name: 'src 2', RAdeg: 10.5, Flux: 2e-15, N: 12 },
    { Name: 'src 3', RAdeg: 359.9, Flux: Number.NaN, N: 1 },
  ],
});

/** A two-line tbabs table (energies in keV, σ in 1e-22 cm²) covering 0.3–10 keV, σ(1 keV) ≈ 2.5e-22. */
export const TBABS_TEXT = `${[0.3, 0.5, 1, 2, 5, 7, 10].join(' ')}\n${[30, 10, 2.53, 0.55, 0.06, 0.025, 0.01].join(' ')}\n`;

/** Bytes that are not UTF-8 (a lone continuation byte, an invalid lead byte), after a valid header. */
export function binary(header: readonly string[]): Buffer {
  return Buffer.concat([Buffer.from(`${header.join(',')}\n`), Buffer.from([0x80, 0xff, 0xfe, 0x2c, 0xc3, 0x28, 0x0a])]);
}

// ---------------------------------------------------------------------------------------------------------
// Case folders, hashes, listings
// ---------------------------------------------------------------------------------------------------------

/** A file of a case: text or bytes, a symbolic link, or a directory. */
export type FileSpec = string | Buffer | { readonly symlink: string } | { readonly dir: true };

const ROOT = mkdtempSync(join(tmpdir(), 'muwclass-robustness-'));
let nextCase = 0;

/** A fresh folder holding the given files. */
export function caseDir(files: Readonly<Record<string, FileSpec>>): string {
  const dir = join(ROOT, `case-${String(nextCase++).padStart(3, '0')}`);
  mkdirSync(dir);
  for (const [name, spec] of Object.entries(files)) {
    const path = join(dir, name);
    if (typeof spec === 'string' || Buffer.isBuffer(spec)) writeFileSync(path, spec);
    else if ('symlink' in spec) symlinkSync(spec.symlink, path);
    else mkdirSync(path, { recursive: true });
  }
  return dir;
}

/** SHA-256 of every regular file (and link target text) under `dir`, by relative path. */
export function snapshot(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  const walk = (d: string): void => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      const st = lstatSync(path);
      const key = relative(dir, path);
      if (st.isSymbolicLink()) out[key] = `-> ${readlinkSync(path)}`;
      else if (st.isDirectory()) {
        out[`${key}/`] = 'dir';
        walk(path);
      } else {
        try {
          out[key] = createHash('sha256').update(readFileSync(path)).digest('hex');
        } catch {
          out[key] = `unreadable, ${st.size} bytes, mode ${(st.mode & 0o777).toString(8)}, modified ${st.mtimeMs}`; // a case's mode-000 input
        }
      }
    }
  };
  walk(dir);
  return out;
}

/** Whether a path exists (a dangling link counts). */
export function exists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch {
    return existsSync(path);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Running the built CLI
// ---------------------------------------------------------------------------------------------------------

/** What a CLI run gave. */
export interface CliRun {
  /** The exit status (`null` when killed by a signal). */
  readonly status: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs `node dist/cli.js <args>` in `cwd`, with `stdin` as its standard input (default none), and resolves
 * when it exits. `interruptAfterMs` sends SIGINT that long after the start.
 */
export function runCli(args: readonly string[], cwd: string, options: { stdin?: string | Buffer; interruptAfterMs?: number; timeoutMs?: number } = {}): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const env = { ...process.env };
    delete env.MUWCLASS_DEBUG;
    const child = spawn(process.execPath, [CLI, ...args], { cwd, env: { ...env, NO_COLOR: '1' }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    child.stdin.on('error', () => undefined);
    child.stdin.end(options.stdin ?? '');
    const timers: NodeJS.Timeout[] = [];
    if (options.interruptAfterMs !== undefined) timers.push(setTimeout(() => child.kill('SIGINT'), options.interruptAfterMs));
    timers.push(setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000));
    child.on('error', reject);
    child.on('close', (status, signal) => {
      for (const t of timers) clearTimeout(t);
      resolve({ status, signal, stdout, stderr });
    });
  });
}

/** Regular expressions that the message must match to name `file`, the 1-based data `row` and `column`. */
export function naming(file: string | undefined, row: number | undefined, column: string | undefined): RegExp[] {
  const out: RegExp[] = [];
  if (file !== undefined) out.push(new RegExp(escape(file)));
  if (row !== undefined) out.push(new RegExp(`\\brow ${row}\\b`));
  if (column !== undefined) out.push(new RegExp(`(^|[^\\w.])${escape(column)}($|[^\\w.])`));
  return out;
}

/** `text` as a literal inside a regular expression. */
export function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
