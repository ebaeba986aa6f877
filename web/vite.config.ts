/**
 * Vite configuration of the muwclass web app (`npm run build:web`, `npm run web`). The app imports the library
 * from `src/` (the same code as the package), and bundles the library's Web Worker script
 * (`src/classify/web-worker.ts`) as a module worker. The build prints the size of the production bundle.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

import { defineConfig, type Plugin } from 'vite';

const HERE = dirname(fileURLToPath(import.meta.url));
const SRC = resolve(HERE, '../src');

/** Every file under `dir`, recursively. */
function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : [path];
  });
}

/** Prints the production bundle's size (raw and gzip), in all and per file, after `vite build`. */
function bundleSize(): Plugin {
  let outDir = '';
  let silent = false;
  return {
    name: 'muwclass-bundle-size',
    apply: 'build',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
      silent = config.logLevel === 'silent';
    },
    closeBundle() {
      if (silent) return;
      const rows = filesUnder(outDir)
        .filter((f) => /\.(js|css|html)$/.test(f))
        .map((f) => {
          const bytes = readFileSync(f);
          return { file: relative(outDir, f), raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
        })
        .sort((a, b) => b.raw - a.raw);
      const kB = (n: number): string => `${(n / 1024).toFixed(1)} kB`;
      const total = rows.reduce((t, r) => ({ raw: t.raw + r.raw, gzip: t.gzip + r.gzip }), { raw: 0, gzip: 0 });
      const lines = rows.map((r) => `  ${r.file.padEnd(40)} ${kB(r.raw).padStart(10)}  gzip ${kB(r.gzip).padStart(9)}`);
      console.log(`\nmuwclass web app, production bundle (${relative(process.cwd(), outDir) || '.'}):\n${lines.join('\n')}\n  ${'total'.padEnd(40)} ${kB(total.raw).padStart(10)}  gzip ${kB(total.gzip).padStart(9)}\n`);
    },
  };
}

export default defineConfig({
  root: HERE,
  base: './',
  resolve: {
    alias: [
      { find: /^muwclass$/, replacement: join(SRC, 'index.ts') },
      { find: /^muwclass\/web-worker$/, replacement: join(SRC, 'classify/web-worker.ts') },
    ],
  },
  worker: { format: 'es' },
  build: {
    outDir: resolve(HERE, 'dist'),
    emptyOutDir: true,
    target: 'es2022',
    reportCompressedSize: false,
  },
  server: { host: '127.0.0.1', port: 5173 },
  preview: { host: '127.0.0.1', port: 4173 },
  plugins: [bundleSize()],
});
