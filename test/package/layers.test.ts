/**
 * The layering of src/ (CONTRIBUTING.md): layers point one way, the pure layers import nothing from the Node
 * adapter or the CLI (nor any Node built-in or Node-only package), and no module import cycle exists.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { PROJECT_ROOT } from '../helpers/dist';

const SRC = join(PROJECT_ROOT, 'src');
/** Layers in order; a module may import from its own layer and earlier ones. */
const ORDER = ['core', 'io', 'xray', 'mw', 'field', 'reddening', 'services', 'features', 'ml', 'classify', 'eval', 'node', 'cli'];
/** Same rank: layers that must not import each other either way. */
const RANK: Record<string, number> = { core: 0, io: 1, xray: 2, mw: 2, field: 2, reddening: 3, services: 3, features: 4, ml: 5, classify: 6, eval: 7, node: 8, cli: 9 };
const PURE = new Set(ORDER.filter((l) => l !== 'node' && l !== 'cli'));
const NODE_ONLY = /^(node:|fs$|os$|path$|url$|stream|worker_threads$|child_process$|events$|util$|piscina$|fast-csv$)/;

function walk(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return walk(p);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [p] : [];
  });
}

const files = walk(SRC).filter((f) => relative(SRC, f).includes('/'));
const layerOf = (file: string): string => relative(SRC, file).split('/')[0]!;
/** Static imports and re-exports (`import … from`, `export … from`), with `import type` marked. */
function importsOf(file: string): { spec: string; typeOnly: boolean }[] {
  const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\//g, '');
  return [...text.matchAll(/^(?:import|export)\s+(type\s+)?(?:[^'";]*?\s+from\s+)?'([^']+)';/gm)].map((m) => ({ spec: m[2]!, typeOnly: m[1] !== undefined }));
}
const resolveLocal = (file: string, spec: string): string => {
  const base = resolve(dirname(file), spec);
  return existsSync(`${base}.ts`) ? `${base}.ts` : join(base, 'index.ts');
};

describe('layering of src/', () => {
  it('every module imports only from its own or an earlier layer', () => {
    const bad: string[] = [];
    for (const f of files) {
      for (const { spec } of importsOf(f)) {
        if (!spec.startsWith('.')) continue;
        const target = resolveLocal(f, spec);
        if (!target.startsWith(SRC)) continue; // package.json (the CLI's version)
        // the root entry (src/index.ts) re-exports every pure layer: it ranks after eval
        const to = target === join(SRC, 'index.ts') ? 'eval' : layerOf(target);
        const from = layerOf(f);
        if (from !== to && !(RANK[to]! < RANK[from]!)) bad.push(`${relative(SRC, f)} → ${spec} (${from} → ${to})`);
      }
    }
    expect(bad).toEqual([]);
  });

  it('pure layers import no Node built-in and no Node-only package', () => {
    const bad = files
      .filter((f) => PURE.has(layerOf(f)))
      .flatMap((f) => importsOf(f).filter(({ spec }) => NODE_ONLY.test(spec)).map(({ spec }) => `${relative(SRC, f)} → ${spec}`));
    expect(bad).toEqual([]);
  });

  it('the checks see the Node adapter importing Node built-ins (so they can fail)', () => {
    const nodeImports = files.filter((f) => layerOf(f) === 'node').flatMap((f) => importsOf(f).map((i) => i.spec));
    expect(nodeImports.filter((s) => NODE_ONLY.test(s)).length).toBeGreaterThan(3);
  });

  it('no module import cycle (value imports)', () => {
    const graph = new Map(files.map((f) => [f, importsOf(f).filter((i) => i.spec.startsWith('.') && !i.typeOnly).map((i) => resolveLocal(f, i.spec))]));
    const state = new Map<string, 1 | 2>();
    const cycles: string[] = [];
    const visit = (f: string, path: string[]): void => {
      state.set(f, 1);
      for (const g of graph.get(f) ?? []) {
        if (state.get(g) === 1) cycles.push([...path.slice(path.indexOf(g)), g].map((p) => relative(SRC, p)).join(' → '));
        else if (state.get(g) === undefined) visit(g, [...path, g]);
      }
      state.set(f, 2);
    };
    for (const f of files) if (state.get(f) === undefined) visit(f, [f]);
    expect(cycles).toEqual([]);
  });
});
