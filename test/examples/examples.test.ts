/**
 * Every example runs end to end, as `npm run example…` runs it (tsx, from the project root), with small
 * settings: so the README's first command, `npm ci && npm run example`, is known to work — with the paper's
 * training set when `../shared/data` is there, and with the synthetic one on a fresh clone without it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import packageJson from '../../package.json';
import { PROJECT_ROOT } from '../helpers/dist';
import { describeWithData, SHARED_DATA_DIR } from '../helpers/shared-data';

const TSX = join(PROJECT_ROOT, 'node_modules', '.bin', 'tsx');

/** Runs `tsx examples/<name>` from the project root with extra environment; returns stdout (throws on failure). */
function runExample(name: string, env: Record<string, string>): string {
  const r = spawnSync(TSX, [join('examples', name)], {
    cwd: PROJECT_ROOT,
    encoding: 'utf8',
    env: { ...process.env, MUWCLASS_EXAMPLE_TREES: '10', ...env },
    timeout: 120_000,
  });
  if (r.status !== 0) throw new Error(`examples/${name} exited with ${r.status}:\n${r.stdout}\n${r.stderr}`);
  return r.stdout;
}

const scripts = packageJson.scripts as Record<string, string>;

describe('the npm scripts of the examples', () => {
  it.each([
    ['example', 'classify-field.ts'],
    ['example:evaluate', 'evaluate-cv.ts'],
    ['example:custom-feature', 'custom-feature.ts'],
  ])('%s runs examples/%s with tsx', (script, file) => {
    expect(scripts[script]).toBe(`tsx examples/${file}`);
    expect(existsSync(join(PROJECT_ROOT, 'examples', file))).toBe(true);
  });
});

describe('examples on a fresh clone (no reference data: the synthetic training set)', () => {
  const noData = { MUWCLASS_SHARED_DATA: join(tmpdir(), 'muwclass-no-such-data') };

  it('classify-field classifies 16 held-out sources and writes the CSV', () => {
    const out = mkdtempSync(join(tmpdir(), 'muwclass-example-test-'));
    const stdout = runExample('classify-field.ts', { ...noData, MUWCLASS_EXAMPLE_SAMPLES: '2', MUWCLASS_EXAMPLE_OUT: out });
    expect(stdout).toMatch(/^Training set: SYNTHETIC \(syntheticTrainingSet, 407 sources; not astrophysical data — .*muwclass-no-such-data.* not found\)\n/);
    expect(stdout).toMatch(/Field: 16 sources \(2 per class, labels hidden; the AGNs reddened to E\(B-V\) = 0.5\)/);
    expect(stdout).toMatch(/\n {2}name +true class +Class +Class_prob +CT\n/);
    expect(stdout.match(/\n {2}SYNTH J\d{5} /g)).toHaveLength(16);
    expect(stdout).toMatch(/\n\d+ of 16 classified correctly; \d+ with CT >= 2, of which \d+ correct\.\n2 Monte Carlo draws of 10-tree forests on \d+ worker thread\(s\) in [\d.]+ s\.\n/);
    const csv = join(out, 'classified_field.csv');
    expect(stdout).toContain(`Wrote ${csv}`);
    const lines = readFileSync(csv, 'utf8').trim().split('\n');
    expect(lines[0]).toBe(
      'CSCv2_name,True_Class,P_AGN,e_P_AGN,P_CV,e_P_CV,P_HM-STAR,e_P_HM-STAR,P_HMXB,e_P_HMXB,P_LM-STAR,e_P_LM-STAR,P_LMXB,e_P_LMXB,P_NS,e_P_NS,P_YSO,e_P_YSO,Class,Class_prob,e_Class_prob,CT,No_features',
    );
    expect(lines).toHaveLength(17);
  });

  it('evaluate-cv prints the metrics table (no paper column for synthetic data) and writes the plots', () => {
    const out = mkdtempSync(join(tmpdir(), 'muwclass-example-test-'));
    const stdout = runExample('evaluate-cv.ts', { ...noData, MUWCLASS_EXAMPLE_FOLDS: '3', MUWCLASS_EXAMPLE_SAMPLES: '2', MUWCLASS_EXAMPLE_OUT: out });
    expect(stdout).toMatch(/Training set: SYNTHETIC/);
    expect(stdout).toMatch(/Stratified 3-fold cross-validation, 2 Monte Carlo draws per fold, 10-tree forests/);
    expect(stdout).toMatch(/\n {2}accuracy +\d+\.\d +\d+\.\d\n/); // all, CT >= 2; no paper numbers
    expect(stdout).not.toMatch(/paper: leave-one-out/);
    expect(readdirSync(out).sort()).toEqual(['confusion-recall.svg', 'ct-sweep.svg']);
  });

  it('custom-feature passes its assertions and ranks the new features', () => {
    const stdout = runExample('custom-feature.ts', { ...noData, MUWCLASS_EXAMPLE_SAMPLES: '2' });
    expect(stdout).toMatch(/^HR_hs and n_MW_bands: 11 assertions passed; FeatureSet.paper\(\).with\(…\) has 31 features\n/);
    expect(stdout).toMatch(/Held-out 41 sources, 2 Monte Carlo draws in [\d.]+ s: accuracy \d+\.\d%/);
    expect(stdout).toMatch(/\n {2}HR_hs +importance 0\.\d{3} ± 0\.\d{3}, rank \d+ of 31\n {2}n_MW_bands +importance/);
  });
});

describeWithData('examples on the paper\'s training set', ['td/muwclass_td_cscv2.csv'], () => {
  const data = { MUWCLASS_SHARED_DATA: SHARED_DATA_DIR };

  it('classify-field (npm run example) trains on the paper\'s training set', () => {
    const stdout = runExample('classify-field.ts', { ...data, MUWCLASS_EXAMPLE_SAMPLES: '2', MUWCLASS_EXAMPLE_OUT: mkdtempSync(join(tmpdir(), 'muwclass-example-test-')) });
    expect(stdout).toMatch(/^Training set: the paper's \(.*muwclass_td_cscv2\.csv\), 2941 sources\n/);
    expect(stdout.match(/\n {2}2CXO J\d{6}\.\d[+-]\d{6} /g)).toHaveLength(16);
  });

  it('evaluate-cv puts the paper\'s numbers beside its own', () => {
    const stdout = runExample('evaluate-cv.ts', { ...data, MUWCLASS_EXAMPLE_FOLDS: '2', MUWCLASS_EXAMPLE_SAMPLES: '1', MUWCLASS_EXAMPLE_TREES: '5', MUWCLASS_EXAMPLE_OUT: mkdtempSync(join(tmpdir(), 'muwclass-example-test-')) });
    expect(stdout).toMatch(/\n {2}accuracy +\d+\.\d +88\.6 +\d+\.\d +97\.0\n/);
    expect(stdout).toMatch(/\n {2}balanced completeness +100\.0 +\d+\.\d +56\.9\n/);
    expect(stdout).toMatch(/paper: leave-one-out, 1000 draws/);
  });
});
