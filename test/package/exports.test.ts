import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import packageJson from '../../package.json';
import { consumerProject, PROJECT_ROOT, requireDist } from '../helpers/dist';

type Conditions = { import: { types: string; default: string }; require: { types: string; default: string } };
const EXPORTS = packageJson.exports as unknown as Record<string, Conditions | string>;
/** The library entries (the worker scripts, plain-string exports, are scripts to start, not modules to import). */
const SUBPATHS = Object.keys(EXPORTS).filter((k) => typeof EXPORTS[k] === 'object');
const specifier = (subpath: string): string => (subpath === '.' ? 'muwclass' : `muwclass/${subpath.slice(2)}`);

/** Runs a script in a consumer project (muwclass linked into node_modules) and parses its JSON output. */
function runInConsumer(fileName: string, source: string): Record<string, string[]> {
  const dir = consumerProject();
  writeFileSync(join(dir, fileName), source);
  return JSON.parse(execFileSync(process.execPath, [fileName], { cwd: dir, encoding: 'utf8' })) as Record<string, string[]>;
}

describe('the exports map of the built package', () => {
  let esm: Record<string, string[]>;
  let cjs: Record<string, string[]>;

  beforeAll(() => {
    requireDist();
    const list = JSON.stringify(SUBPATHS.map(specifier));
    esm = runInConsumer(
      'esm.mjs',
      `const out = {};\nfor (const s of ${list}) out[s] = Object.keys(await import(s)).filter((k) => k !== 'default').sort();\nconsole.log(JSON.stringify(out));\n`,
    );
    cjs = runInConsumer(
      'cjs.cjs',
      `const out = {};\nfor (const s of ${list}) out[s] = Object.keys(require(s)).sort();\nout['muwclass/package.json'] = [require('muwclass/package.json').version];\nconsole.log(JSON.stringify(out));\n`,
    );
  });

  it.each(SUBPATHS)('%s resolves with import() and require() to the same exports as src/', async (subpath) => {
    const s = specifier(subpath);
    const source = (await import(subpath === '.' ? '../../src/index.ts' : `../../src/${subpath.slice(2)}/index.ts`)) as Record<string, unknown>;
    const names = Object.keys(source).sort();
    expect(esm[s]).toEqual(names);
    expect(cjs[s]).toEqual(names);
    const conditions = EXPORTS[subpath] as Conditions;
    for (const file of [conditions.import.types, conditions.import.default, conditions.require.types, conditions.require.default]) {
      expect(existsSync(join(PROJECT_ROOT, file)), file).toBe(true);
    }
  });

  it('the X-ray entry point exports the averaging API', () => {
    expect(esm['muwclass/xray']).toEqual(expect.arrayContaining(['FechnerFlux', 'averageObservations', 'chiSquareCdf', 'HardnessRatios']));
    expect(esm['muwclass/io']).toContain('parseCscDetections');
    expect(esm['muwclass/io']).not.toContain('readCscDetections');
  });

  it('muwclass/node offers the whole pure API plus the file readers, the plan and part files, and worker threads', () => {
    const node = esm['muwclass/node']!;
    expect(node).toEqual(expect.arrayContaining(esm.muwclass!));
    expect(node.filter((k) => !esm.muwclass!.includes(k)).sort()).toEqual(
      ['SFD_FILE_NAMES', 'fileChunks', 'readCatalog', 'readCscDetections', 'readCsv', 'readCsvHeader', 'readDustMap', 'readFits', 'readFitsTable', 'readMrt', 'readSourceColumns', 'readSourceTable', 'readTable', 'readTbabsData', 'workerThreadsExecutor', 'writeCsv', 'writeFits', 'writeMrt', 'readVotable', 'streamVotableFile', 'writeVotable', 'readPlanFile', 'writePlanFile', 'readPartFile', 'writePartFile'].sort(),
    );
  });

  it('ships the worker scripts beside the entries', () => {
    expect(EXPORTS['./web-worker']).toBe('./dist/web-worker.js');
    expect(existsSync(join(PROJECT_ROOT, 'dist', 'web-worker.js'))).toBe(true);
    expect(existsSync(join(PROJECT_ROOT, 'dist', 'node-worker.js'))).toBe(true);
  });

  it('exposes package.json', () => {
    expect(cjs['muwclass/package.json']).toEqual([packageJson.version]);
  });

  it('runs the bin with --version', () => {
    const bin = join(PROJECT_ROOT, packageJson.bin.muwclass);
    expect(readFileSync(bin, 'utf8').startsWith('#!/usr/bin/env node')).toBe(true);
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' }).trim()).toBe(packageJson.version);
  });
});
