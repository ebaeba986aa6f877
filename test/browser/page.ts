/**
 * The page of the browser test (bundled with esbuild from the built package, served on 127.0.0.1 and opened in
 * headless Chromium by browser.test.ts). Runs the shared scenario, then publishes `globalThis.__results`
 * (or `globalThis.__error`) for the test to read.
 */
import { createdWorkers } from './worker-counter';
import * as api from 'muwclass';
import { monteCarlo, parsesLike, pureChecks } from './scenario';

interface Page {
  __results?: unknown;
  __error?: string;
  document?: { getElementById(id: string): { textContent: string | null } | null };
}
const page = globalThis as unknown as Page;

function show(text: string): void {
  const status = page.document?.getElementById('status');
  if (status) status.textContent = text;
}

async function main(): Promise<unknown> {
  const hasWorker = typeof (globalThis as { Worker?: unknown }).Worker === 'function';
  const pure = await pureChecks(api);

  // parseSourceTable on a fetched stream (the same CSV as the string form in pureChecks, written by the test).
  const response = await fetch('./sources.csv');
  if (!response.ok || response.body === null) throw new Error(`GET sources.csv: ${response.status}`);
  const expected = api.syntheticTrainingSet({ seed: 1 }).slice(0, 10);
  const csvStream = await parsesLike(api, response.body, expected);

  // Monte Carlo: the default executor with 2 workers (Web Workers in a browser), an explicit webWorkerExecutor,
  // and one in-process run.
  const before = createdWorkers.length;
  const defaultWorkers = await monteCarlo(api, api.MonteCarloClassifier, { workers: 2 });
  const createdByDefault = createdWorkers.length - before;

  const executor = api.webWorkerExecutor({ workers: 2 });
  const beforeExplicit = createdWorkers.length;
  const webWorkers = await monteCarlo(api, api.MonteCarloClassifier, { workers: 2, executor });
  const createdByExplicit = createdWorkers.length - beforeExplicit;

  const inProcess = await monteCarlo(api, api.MonteCarloClassifier, { workers: 1 });

  const predicted = (JSON.parse(webWorkers) as { predicted: string[] }).predicted;
  show(
    [
      `Web Workers available: ${hasWorker}`,
      `RandomForest: probabilities sum to 1: ${pure.randomForest.probabilitiesSumToOne}, training labels predicted: ${pure.randomForest.predictsTrainingLabels}`,
      `FeatureSet.paper(): ${pure.features.names.length} features × ${pure.features.nRows} sources, ${pure.features.nNaN} NaN, finite or NaN: ${pure.features.finiteOrNaN}`,
      `Smote: ${JSON.stringify(pure.smote.counts)} balanced: ${pure.smote.balanced}`,
      `confidenceThreshold: ${pure.confidence.join(', ')}`,
      `parseSourceTable: string round trip ${pure.csv.roundTrip}, stream ${csvStream}`,
      `MonteCarloClassifier on ${executor.name} (${executor.workers}): ${createdByExplicit} workers created; same as in-process: ${webWorkers === inProcess}; default executor created ${createdByDefault} workers, same: ${defaultWorkers === inProcess}`,
      `predicted: ${predicted.join(' ')}`,
    ].join('\n'),
  );
  return {
    hasWorker,
    pure,
    csvStream,
    executor: { name: executor.name, workers: executor.workers },
    createdWorkers: { byDefault: createdByDefault, byExplicit: createdByExplicit, urls: [...createdWorkers] },
    monteCarlo: { defaultWorkers, webWorkers, inProcess },
  };
}

main().then(
  (results) => {
    page.__results = results;
  },
  (error: unknown) => {
    page.__error = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
    show(`FAILED\n${page.__error}`);
  },
);
