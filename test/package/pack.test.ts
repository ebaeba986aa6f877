/**
 * What `npm publish` would ship (`npm pack --dry-run --json` on the built package): the build, the README,
 * CHANGELOG, LICENSE and package.json — nothing else — with every `exports` / `bin` target in it, source maps
 * without embedded sources, and a tarball within its size budget (535 KB at 0.3.0 with maps without
 * `sourcesContent`; 988 KB with them, see docs/guide/performance.md).
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import packageJson from '../../package.json';
import { PROJECT_ROOT, requireDist } from '../helpers/dist';

interface PackResult {
  readonly size: number;
  readonly unpackedSize: number;
  readonly files: readonly { readonly path: string; readonly size: number }[];
}

/** Every file path an `exports` condition, `main`, `module`, `types` or `bin` points at. */
function targets(): string[] {
  const found = new Set<string>();
  const walk = (v: unknown): void => {
    if (typeof v === 'string') found.add(v.replace(/^\.\//, ''));
    else if (v !== null && typeof v === 'object') Object.values(v).forEach(walk);
  };
  walk(packageJson.exports);
  walk(packageJson.bin);
  for (const key of ['main', 'module', 'types'] as const) walk(packageJson[key]);
  return [...found].sort();
}

describe('the npm package contents', () => {
  let pack: PackResult;
  beforeAll(() => {
    requireDist();
    const out = execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: PROJECT_ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    pack = (JSON.parse(out) as PackResult[])[0]!;
  }, 120_000);

  it('holds the build, README, CHANGELOG, LICENSE and package.json only', () => {
    const outside = pack.files.map((f) => f.path).filter((p) => !p.startsWith('dist/')).sort();
    expect(outside).toEqual(['CHANGELOG.md', 'LICENSE', 'README.md', 'package.json']);
    // JavaScript, declarations and maps only in dist/
    expect(pack.files.filter((f) => f.path.startsWith('dist/') && !/\.(c?js|d\.c?ts|map)$/.test(f.path)).map((f) => f.path)).toEqual([]);
  });

  it('holds every file package.json points at', () => {
    const paths = new Set(pack.files.map((f) => f.path));
    expect(targets().filter((t) => !paths.has(t))).toEqual([]);
    expect(targets()).toContain('dist/cli.js');
  });

  it('ships source maps without the sources in them', () => {
    const maps = readdirSync(join(PROJECT_ROOT, 'dist')).filter((f) => f.endsWith('.map'));
    expect(maps.length).toBeGreaterThan(20);
    const withSources = maps.filter((f) => 'sourcesContent' in (JSON.parse(readFileSync(join(PROJECT_ROOT, 'dist', f), 'utf8')) as object));
    expect(withSources).toEqual([]);
  });

  // 535 KB in 0.3.x; 743 KB with VOTable, FITS, the services and sharding (0.4.0): ESM + CJS builds, their
  // declarations and source maps without sources. A budget, so that growth is a decision.
  it('stays within its size budget (800 KB packed)', () => {
    expect(pack.size).toBeLessThan(800_000);
    expect(pack.size).toBeGreaterThan(200_000); // a build is in it
  });

  it('declares its licence, author, repository, homepage, bugs and supported Node versions', () => {
    expect(packageJson.license).toBe('MIT');
    expect(readFileSync(join(PROJECT_ROOT, 'LICENSE'), 'utf8')).toMatch(/^MIT License\n/);
    expect(packageJson).toHaveProperty('author');
    expect(packageJson).toHaveProperty('repository.url');
    expect(packageJson).toHaveProperty('homepage');
    expect(packageJson).toHaveProperty('bugs.url');
    expect(packageJson.engines.node).toBe('>=20');
  });
});
