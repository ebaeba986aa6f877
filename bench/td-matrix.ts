/**
 * A realistic feature matrix from the paper's training set, for the forest benchmark only.
 *
 * It follows the recipe of the paper's Table 2 closely enough for timing and accuracy comparisons (29
 * features: log10 broad flux, log10 band/broad flux ratios, three hardness ratios, P_inter, P_intra, log10
 * multiwavelength/X-ray energy-flux ratios for nine bands, eleven colors; missing -> -100). It is not the
 * library's FeatureSet (survey limits and band zero points are ignored: the zero points only shift a
 * feature by a constant, which leaves every tree split unchanged).
 */
import { readSourceTable, type Source } from '../src/io';
import type { FeatureMatrix } from '../src/core';

/** The paper's -100 flag for a missing feature. */
const MISSING = -100;

const MAG_BANDS = ['G', 'BP', 'RP', 'J', 'H', 'K', 'W1', 'W2', 'W3'] as const;
const COLORS: readonly (readonly [string, string])[] = [
  ['G', 'BP'], ['G', 'RP'], ['BP', 'RP'], ['G', 'J'], ['J', 'H'], ['H', 'K'],
  ['J', 'K'], ['K', 'W1'], ['W1', 'W2'], ['W2', 'W3'], ['W1', 'W3'],
];

/** Column names of {@link tdFeatureMatrix}. */
export const TD_FEATURE_NAMES: readonly string[] = [
  'logFb', 'logFs/Fb', 'logFm/Fb', 'logFh/Fb', 'HR_ms', 'HR_hm', 'HR_hms', 'P_inter', 'P_intra',
  ...MAG_BANDS.map((b) => `logF${b}/Fb`),
  ...COLORS.map(([a, b]) => `${a}-${b}`),
];

function flag(v: number): number {
  return Number.isFinite(v) ? v : MISSING;
}

function row(s: Source): number[] {
  const { Fs, Fm, Fh, Fb } = s;
  const hr = (a: number, b: number): number => (a - b) / (a + b);
  const mag = (b: string): number => (s as unknown as Record<string, number>)[`${b}mag`]!;
  return [
    Math.log10(Fb), Math.log10(Fs / Fb), Math.log10(Fm / Fb), Math.log10(Fh / Fb),
    hr(Fm, Fs), hr(Fh, Fm), hr(Fh, Fm + Fs), s.P_inter, s.P_intra,
    ...MAG_BANDS.map((b) => -mag(b) / 2.5 - Math.log10(Fb)),
    ...COLORS.map(([a, b]) => mag(a) - mag(b)),
  ].map(flag);
}

/** The training set as a feature matrix (missing -> -100) with its labels. */
export async function tdFeatureMatrix(path: string): Promise<{ X: FeatureMatrix; y: string[] }> {
  const td = await readSourceTable(path, { requireLabel: true });
  const rows = td.sources.map(row);
  const nCols = TD_FEATURE_NAMES.length;
  const data = new Float64Array(rows.length * nCols);
  rows.forEach((r, i) => data.set(r, i * nCols));
  return { X: { data, nRows: rows.length, nCols }, y: td.sources.map((s) => s.label!) };
}
