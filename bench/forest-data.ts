/**
 * The forest benchmarks' training matrix: the paper's training set (../shared/data/td/muwclass_td_cscv2.csv,
 * the library's `FeatureSet.paper()`), balanced by muwclass's Smote (k = 4, every class up to the largest:
 * 8 x 1390 = 11,120 rows x 29 features), missing values flagged −100.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import type { FeatureMatrix } from '../src/core';
import { Smote } from '../src/ml';
import { tdFeatureMatrix } from './td-matrix';

const here = dirname(fileURLToPath(import.meta.url));
/** The reference data folder (MUWCLASS_SHARED_DATA or ../shared/data). */
export const dataDir = process.env.MUWCLASS_SHARED_DATA ?? resolve(here, '..', '..', 'shared', 'data');
/** The paper's training set. */
export const tdPath = join(dataDir, 'td', 'muwclass_td_cscv2.csv');

/** A labelled feature matrix. */
export interface Labelled {
  readonly X: FeatureMatrix;
  readonly y: string[];
}

/** The unbalanced training set (−100 flags) and its SMOTE-balanced version, or undefined without the data. */
export async function forestMatrices(): Promise<{ td: Labelled & { withNaN: FeatureMatrix }; balanced: Labelled } | undefined> {
  if (!existsSync(tdPath)) return undefined;
  const td = await tdFeatureMatrix(tdPath);
  const smote = new Smote({ seed: 'bench' }).fitResample(td.withNaN, td.y);
  const balanced: FeatureMatrix = { ...smote.X, data: smote.X.data.map((v) => (Number.isNaN(v) ? -100 : v)) };
  return { td: { X: td.X, y: td.y, withNaN: td.withNaN }, balanced: { X: balanced, y: smote.y } };
}

/** Writes a labelled matrix to one file (JSON header line, then little-endian float64 values). */
export function writeLabelled(path: string, m: Labelled): void {
  const header = Buffer.from(`${JSON.stringify({ nRows: m.X.nRows, nCols: m.X.nCols, y: m.y })}\n`);
  writeFileSync(path, Buffer.concat([header, Buffer.from(m.X.data.buffer, m.X.data.byteOffset, m.X.data.byteLength)]));
}

/** Reads a file written by {@link writeLabelled}. */
export function readLabelled(path: string): Labelled {
  const bytes = readFileSync(path);
  const nl = bytes.indexOf(10);
  const { nRows, nCols, y } = JSON.parse(bytes.subarray(0, nl).toString()) as { nRows: number; nCols: number; y: string[] };
  const data = new Float64Array(bytes.buffer.slice(bytes.byteOffset + nl + 1, bytes.byteOffset + bytes.byteLength));
  return { X: { data, nRows, nCols }, y };
}
