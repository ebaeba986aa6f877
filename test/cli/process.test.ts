/**
 * The built CLI as a real process (`node dist/cli.js`, built by `npm run build`): exit statuses, no stack
 * trace, permissions (run as `nobody` when the tests run as root, since root may write anything), SIGINT
 * during a Monte Carlo run, and `-` as standard input and output.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { requireDist } from '../helpers/dist';
import { writeSourcesCsv } from '../helpers/training-csv';
import { CLI, FAST, IS_ROOT, listDir, NOBODY, runProcess, sha256, STACK_TRACE, tempDir } from './helpers';

const dir = tempDir('process');
const path = (name: string) => join(dir, name);
/** Runs as `nobody` when the tests run as root, so that file permissions apply. */
const asUser = IS_ROOT ? { uid: NOBODY } : {};

let td: string;
let field: string;

beforeAll(async () => {
  requireDist();
  td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 1, perClass: Object.fromEntries(SYNTHETIC_CLASSES.map((c) => [c, 8])) }));
  field = await writeSourcesCsv(path('field.csv'), syntheticTrainingSet({ seed: 2, namePrefix: 'FIELD J', perClass: Object.fromEntries(SYNTHETIC_CLASSES.map((c) => [c, c === 'AGN' || c === 'YSO' ? 3 : 0])) }));
  for (const f of [td, field]) chmodSync(f, 0o644);
});

describe('node dist/cli.js', () => {
  it('without arguments: the usage on stderr, exit 2', async () => {
    const r = await runProcess([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: muwclass <command>/);
    expect(r.err).toMatch(/Exit status:\n/);
  });

  it('a missing input: one line naming the option and file, exit 66, no stack trace', async () => {
    const r = await runProcess(['average', path('nope.csv'), '-o', path('never.csv')]);
    expect(r.code).toBe(66);
    expect(r.err).toBe(`muwclass average: the per-observation file: no such file: ${path('nope.csv')}\n`);
    expect(r.err).not.toMatch(STACK_TRACE);
  });

  it('- reads standard input and writes standard output', async () => {
    const r = await runProcess(['classify', '--td', td, '--sources', '-', '--no-redden', ...FAST, '-o', '-'], { stdin: readFileSync(field, 'utf8') });
    expect(r.err).not.toMatch(STACK_TRACE);
    expect(r.code).toBe(0);
    expect(r.out.trimEnd().split('\n')).toHaveLength(7);
    expect(r.err).toMatch(/^classified 6 sources of stdin .*wrote standard output\n$/);
  });

  it('a pipe named as a file (`--td <(cat td.csv)`) is read once, though the training set is read twice', () => {
    const script = `"${process.execPath}" "${CLI}" evaluate --td <(cat "${td}") --cv 2 ${FAST.join(' ')}`;
    const r = spawnSync('bash', ['-c', script], { encoding: 'utf8' });
    expect(r.stderr).not.toMatch(STACK_TRACE);
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^\d+: 64 sources, 8 classes; stratified 2-fold cross-validation/);
  });

  describe('permissions (as nobody when run by root)', () => {
    it('a read-only output file: exit 73 before any work, the file unchanged', async () => {
      const output = path('read-only.csv');
      writeFileSync(output, 'keep me\n');
      chmodSync(output, 0o444);
      const r = await runProcess(['classify', '--td', td, '--sources', field, '--no-redden', ...FAST, '-o', output], asUser);
      expect(r.err).not.toMatch(STACK_TRACE);
      expect(r.code).toBe(73);
      expect(r.err).toBe(`muwclass classify: -o is not writable: ${output}\n`);
      expect(readFileSync(output, 'utf8')).toBe('keep me\n');
    });

    it('a read-only directory: exit 73, nothing created', async () => {
      const ro = path('ro-dir');
      mkdirSync(ro);
      chmodSync(ro, 0o555);
      const r = await runProcess(['evaluate', '--td', td, '--cv', '2', ...FAST, '-o', join(ro, 'out.csv')], asUser);
      expect(r.code).toBe(73);
      expect(r.err).toMatch(/^muwclass evaluate: -o: directory .*ro-dir is not writable; cannot create: .*out\.csv\n$/);
      expect(listDir(ro)).toEqual([]);
      const svg = await runProcess(['evaluate', '--td', td, '--cv', '2', ...FAST, '--svg-dir', join(ro, 'plots')], asUser);
      expect(svg.code).toBe(73);
      expect(svg.err).toMatch(/--svg-dir: directory .*ro-dir is not writable; cannot create/);
    });

    it('an unreadable input: exit 66 naming the option', async () => {
      const secret = path('secret.csv');
      writeFileSync(secret, readFileSync(field));
      chmodSync(secret, 0o000);
      const r = await runProcess(['classify', '--td', td, '--sources', secret, '--no-redden', ...FAST, '-o', path('never.csv')], asUser);
      expect(r.err).not.toMatch(STACK_TRACE);
      expect(r.code).toBe(66);
      expect(r.err).toBe(`muwclass classify: --sources is not readable: ${secret}\n`);
    });
  });

  describe('SIGINT during the Monte Carlo run', () => {
    it.each([1, 2])('with %i worker(s): exit 130 at once, the old output kept, no temporary file', async (workers) => {
      const output = path(`sigint-${workers}.csv`);
      writeFileSync(output, 'the previous output\n');
      const before = sha256(output);
      const listing = listDir(dir);
      const start = performance.now();
      // Long enough (thousands of draws) that the signal arrives during the run.
      const r = await runProcess(['classify', '--td', td, '--sources', field, '--no-redden', '--mc', '20000', '--trees', '5', '--workers', String(workers), '-o', output], {
        interrupt: { afterMs: 1500 },
      });
      expect(r.err).not.toMatch(STACK_TRACE);
      expect(r.code, `signal ${r.signal}; stderr: ${r.err}`).toBe(130);
      expect(r.err).toMatch(/muwclass classify: interrupted; no output written \(an existing output is unchanged\)\n$/);
      expect(sha256(output)).toBe(before);
      expect(listDir(dir)).toEqual(listing);
      expect(performance.now() - start).toBeLessThan(30_000);
    });
  });
});
