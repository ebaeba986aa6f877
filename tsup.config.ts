import { defineConfig } from 'tsup';

/**
 * One entry per layer (see CONTRIBUTING.md), so `import … from 'muwclass/xray'` loads only that layer;
 * the root entry re-exports them all and stays tree-shakable (`"sideEffects": false`).
 */
import packageJson from './package.json';

/** The layers, read from the `exports` map of package.json (`./xray` → `src/xray/index.ts`). */
const LAYERS = Object.keys(packageJson.exports)
  .filter((key) => key !== '.' && key !== './package.json')
  .map((key) => key.slice(2));

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli/main.ts',
    // The Monte Carlo worker thread's script, found next to the classify code at run time (src/classify/pool.ts).
    'classify/worker': 'src/classify/worker.ts',
    ...Object.fromEntries(LAYERS.map((layer) => [`${layer}/index`, `src/${layer}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  target: 'node20',
  platform: 'node',
  dts: true,
  splitting: true,
  sourcemap: true,
  shims: true,
  clean: true,
  treeshake: false,
});
