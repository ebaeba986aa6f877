/**
 * Counts the Web Workers the page creates: replaces `globalThis.Worker` with a subclass that records each
 * script URL. Imported by page.ts before `muwclass`, so it is in place before any library code runs.
 */
type WorkerConstructor = new (url: string | URL, options?: object) => object;

const scope = globalThis as unknown as { Worker?: WorkerConstructor };

/** The script URL of every Web Worker created so far, in order. */
export const createdWorkers: string[] = [];

const Native = scope.Worker;
if (Native !== undefined) {
  scope.Worker = class CountedWorker extends Native {
    constructor(url: string | URL, options?: object) {
      super(url, options);
      createdWorkers.push(String(url));
    }
  };
}
