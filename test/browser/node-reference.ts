/**
 * The Node side of the browser test: the same scenario from the built package (bundled by browser.test.ts with
 * `muwclass` left external, so Node resolves it through package.json `exports` to dist/). Prints one JSON object.
 */
import { writeSync } from 'node:fs';

import * as api from 'muwclass';
import * as node from 'muwclass/node';
import { monteCarlo, pureChecks, sourcesCsv } from './scenario';

const pure = await pureChecks(api);
const inProcess = await monteCarlo(api, api.MonteCarloClassifier, { workers: 1 });
const executor = node.workerThreadsExecutor({ workers: 2 });
const workerThreads = await monteCarlo(node, node.MonteCarloClassifier, { workers: 2, executor });
const csv = sourcesCsv(api, api.syntheticTrainingSet({ seed: 1 }).slice(0, 10));

const bytes = new TextEncoder().encode(JSON.stringify({ pure, monteCarlo: { inProcess, workerThreads }, executor: { name: executor.name, workers: executor.workers }, csv }));
// writeSync to a pipe may write part of the bytes (or throw EAGAIN on a non-blocking pipe, as Node 22 and 24 leave
// it): write until all are out.
for (let written = 0; written < bytes.length; ) {
  try {
    written += writeSync(1, bytes, written);
  } catch (error) {
    if ((error as { code?: string }).code !== 'EAGAIN') throw error;
  }
}
// Worker pools may keep the event loop alive; the output is written, so leave now.
process.exit(0);
