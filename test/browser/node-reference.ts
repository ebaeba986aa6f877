/**
 * The Node side of the browser test: the same scenario from the built package (bundled by browser.test.ts with
 * `muwclass` left external, so Node resolves it through package.json `exports` to dist/). Prints one JSON object.
 */
import * as api from 'muwclass';
import * as node from 'muwclass/node';
import { monteCarlo, pureChecks, sourcesCsv } from './scenario';

const pure = await pureChecks(api);
const inProcess = await monteCarlo(api, api.MonteCarloClassifier, { workers: 1 });
const executor = node.workerThreadsExecutor({ workers: 2 });
const workerThreads = await monteCarlo(node, node.MonteCarloClassifier, { workers: 2, executor });
const csv = sourcesCsv(api, api.syntheticTrainingSet({ seed: 1 }).slice(0, 10));

// Worker pools may keep the event loop alive: leave once stdout has taken every byte (a synchronous write to a
// non-blocking pipe may take only part of it, as it did on Node 22 and 24).
process.stdout.write(JSON.stringify({ pure, monteCarlo: { inProcess, workerThreads }, executor: { name: executor.name, workers: executor.workers }, csv }), () => process.exit(0));
