import { defineConfig } from 'tsup';

/**
 * One entry per layer (see CONTRIBUTING.md), so `import … from 'muwclass/xray'` loads only that layer; the root
 * entry re-exports the pure layers and stays tree-shakable (`"sideEffects"` lists only the worker scripts).
 *
 * Every entry and every shared chunk is written flat into `dist/`, so a module that locates a worker script with
 * `new URL('./web-worker.js', import.meta.url)` finds it beside itself wherever the bundler put that module.
 */
import packageJson from './package.json';

/** The layers, read from the `exports` map of package.json (`./xray` → `src/xray/index.ts`). */
const LAYERS = Object.keys(packageJson.exports)
  .filter((key) => !['.', './package.json', './web-worker'].includes(key))
  .map((key) => key.slice(2));

export default defineConfig({
  entry: {
    index: 'src/index.ts',
    cli: 'src/cli/main.ts',
    // The Monte Carlo worker scripts, found beside the executors at run time.
    'node-worker': 'src/node/worker.ts',
    'web-worker': 'src/classify/web-worker.ts',
    ...Object.fromEntries(LAYERS.map((layer) => [layer, `src/${layer}/index.ts`])),
  },
  format: ['esm', 'cjs'],
  target: 'es2022',
  platform: 'neutral',
  // Node built-ins stay imports (only `muwclass/node` and the CLI have them); nothing else is bundled in.
  external: [/^node:/],
  removeNodeProtocol: false,
  dts: true,
  splitting: true,
  // Source maps without `sourcesContent`: a stack trace (node --enable-source-maps) still names src/<file>:<line>,
  // at 535 KB of tarball instead of 988 KB with the sources embedded (439 KB with no maps at all; `npm pack
  // --dry-run --json`, 0.3.0 + this branch, measured in docs/guide/performance.md).
  sourcemap: true,
  esbuildOptions(options) {
    options.sourcesContent = false;
  },
  shims: true,
  clean: true,
  treeshake: false,
});
