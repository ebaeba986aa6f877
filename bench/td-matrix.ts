/**
 * The paper's training set as the classifier sees it, for the benchmarks: the library's own 29 features
 * (`FeatureSet.paper()`, Table 2), missing values `NaN` (`withNaN`, what SMOTE takes) and flagged −100 (`X`).
 */
import { readSourceTable } from '../src/node/io';
import { FeatureSet, flagMissing, type FeatureTable } from '../src/features';
import type { FeatureMatrix } from '../src/core';

/** The training set's feature matrix (NaN = missing, and flagged −100) with its labels. */
export async function tdFeatureMatrix(path: string): Promise<{ withNaN: FeatureTable; X: FeatureMatrix; y: string[] }> {
  const td = await readSourceTable(path, { requireLabel: true });
  const withNaN = FeatureSet.paper().build(td.sources);
  return { withNaN, X: flagMissing(withNaN), y: td.sources.map((s) => s.label!) };
}
