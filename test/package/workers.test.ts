import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { consumerProject, requireDist } from '../helpers/dist';

/** A tiny classification through the built package with the given number of worker threads. */
const script = (load: string, workers: number): string => `
${load}
const td = syntheticTrainingSet({ seed: 1 });
const field = syntheticTrainingSet({ seed: 2, labelled: false }).slice(0, 12);
const run = async () => {
  const mc = new MonteCarloClassifier({ nSamples: 2, seed: 3, workers: ${workers}, classifier: { type: 'RandomForest', options: { nEstimators: 4 } } }).fit(td);
  const r = await mc.predict(field, { ebv: 0.2 });
  console.log(JSON.stringify({ executor: mc.options.executor.name, predicted: r.predicted, mean: Array.from(r.mean.data) }));
};
run();
`;

describe('Monte Carlo worker threads in the built package', () => {
  beforeAll(requireDist);

  it.each([
    ['ESM', 'run.mjs', "import { MonteCarloClassifier, syntheticTrainingSet } from 'muwclass/node';"],
    ['CommonJS', 'run.cjs', "const { MonteCarloClassifier, syntheticTrainingSet } = require('muwclass/node');"],
  ])('%s: find their worker script and agree with one thread', (_, file, load) => {
    const dir = consumerProject();
    const run = (workers: number): unknown => {
      writeFileSync(join(dir, file), script(load, workers));
      return JSON.parse(execFileSync(process.execPath, [file], { cwd: dir, encoding: 'utf8' }));
    };
    const { executor: inProcess, ...one } = run(1) as { executor: string; predicted: string[] };
    const { executor: threads, ...two } = run(2) as { executor: string; predicted: string[] };
    expect([inProcess, threads]).toEqual(['in-process', 'worker-threads']);
    expect(two).toEqual(one);
    expect(one.predicted).toHaveLength(12);
  }, 60_000);
});
