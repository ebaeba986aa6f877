/**
 * The Node worker-thread script of the Monte Carlo executor: serves units of the plans it is sent (see
 * `serveMonteCarloWorker`), over `parentPort`.
 *
 * @module
 */
import { parentPort } from 'node:worker_threads';

import { serveMonteCarloWorker, type ToWorker } from '../classify/worker-protocol';

const port = parentPort;
if (port === null) throw new Error('muwclass node-worker: this script runs as a worker thread only');
serveMonteCarloWorker({
  post: (message, transfer) => port.postMessage(message, transfer),
  listen: (handler) => port.on('message', (message: ToWorker) => handler(message)),
});
