/**
 * The Web Worker script of the Monte Carlo executor (`muwclass/web-worker`): serves units of the plans the
 * page sends it (see {@link serveMonteCarloWorker}). Bundle it beside your page's script, or let your bundler
 * pick it up from `new URL('./web-worker.js', import.meta.url)`.
 *
 * @module
 */
import { serveMonteCarloWorker, type FromWorker, type ToWorker } from './worker-protocol';

interface WorkerScope {
  postMessage(message: FromWorker, transfer: ArrayBuffer[]): void;
  addEventListener(type: 'message', listener: (event: { data: ToWorker }) => void): void;
}

const scope = globalThis as unknown as WorkerScope;
serveMonteCarloWorker({
  post: (message, transfer) => scope.postMessage(message, transfer),
  listen: (handler) => scope.addEventListener('message', (event) => handler(event.data)),
});
