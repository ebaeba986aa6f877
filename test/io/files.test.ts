/**
 * Reading files by path (`muwclass/node`): a missing file, a directory or an unreadable file rejects with a
 * `FileError` naming the path and the reason, from every reader, inside try/catch, with no unhandled rejection
 * and no uncaught stream error (issue 10: a missing input used to kill the process).
 */
import { execFileSync } from 'node:child_process';
import { chmodSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { FileError } from '../../src/core/errors';
import { PROJECT_ROOT, requireDist } from '../helpers/dist';
import { IS_ROOT, runUnprivileged, sharedTempDir } from '../helpers/unprivileged';
import { fileChunks, fileErrorOf } from '../../src/node/files';
import {
  readCatalog,
  readCscDetections,
  readCsv,
  readCsvHeader,
  readMrt,
  readSourceTable,
  readTable,
  readTbabsData,
} from '../../src/node/io';
import { TWOMASS_PSC_COLUMNS } from '../../src/field/catalog-reader';

const dir = sharedTempDir('muwclass-files-');
const missing = join(dir, 'no-such-file.csv');
const directory = join(dir, 'a-directory.csv');
mkdirSync(directory);
const unreadable = join(dir, 'unreadable.csv');
writeFileSync(unreadable, 'a,b\n1,2\n');
chmodSync(unreadable, 0o000);

/** Drains an async iterable. */
async function drain(iterable: AsyncIterable<unknown>): Promise<void> {
  for await (const _ of iterable) void _;
}

/** Each reader, and the same call as source text for a child process (`m` is the built `muwclass/node`, or files.js). */
const READERS: readonly [string, (path: string) => Promise<unknown>, string][] = [
  ['readCsv', (p) => drain(readCsv(p)), 'drain(m.readCsv(p))'],
  ['readCsvHeader', (p) => readCsvHeader(p), 'm.readCsvHeader(p)'],
  ['readTable', (p) => drain(readTable(p, { a: { type: 'number' } })), "drain(m.readTable(p, { a: { type: 'number' } }))"],
  ['readSourceTable', (p) => readSourceTable(p), 'm.readSourceTable(p)'],
  ['readCscDetections', (p) => readCscDetections(p), 'm.readCscDetections(p)'],
  ['readCatalog', (p) => readCatalog(p, TWOMASS_PSC_COLUMNS), 'm.readCatalog(p, m.TWOMASS_PSC_COLUMNS)'],
  ['readMrt', (p) => readMrt(p), 'm.readMrt(p)'],
  ['readTbabsData', (p) => readTbabsData(p), 'm.readTbabsData(p)'],
  ['fileChunks', (p) => drain(fileChunks(p)), 'drain(m.fileChunks(p))'],
];

const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown): void => {
  unhandled.push(reason);
};
beforeAll(() => {
  process.on('unhandledRejection', onUnhandled);
  process.on('uncaughtException', onUnhandled);
});
afterAll(async () => {
  await new Promise((resolve) => setTimeout(resolve, 50));
  process.off('unhandledRejection', onUnhandled);
  process.off('uncaughtException', onUnhandled);
  expect(unhandled).toEqual([]);
});

/** What the reader rejects with, caught with try/catch. */
async function caught(read: () => Promise<unknown>): Promise<unknown> {
  try {
    await read();
  } catch (e) {
    return e;
  }
  throw new Error('expected the read to fail');
}

describe.each(READERS)('%s', (name, read, source) => {
  it('rejects a missing file with FileError not-found, naming the path', async () => {
    const e = await caught(() => read(missing));
    expect(e, name).toBeInstanceOf(FileError);
    expect((e as FileError).code).toBe('FILE_ERROR');
    expect((e as FileError).reason).toBe('not-found');
    expect((e as FileError).path).toBe(missing);
    expect((e as FileError).message).toBe(`no such file: ${missing}`);
  });

  it('rejects a path under a file (not a directory) with FileError not-found', async () => {
    const e = await caught(() => read(join(unreadable, 'x.csv')));
    expect((e as FileError).reason).toBe('not-found');
  });

  it('rejects a directory with FileError is-directory, naming the path', async () => {
    const e = await caught(() => read(directory));
    expect(e, name).toBeInstanceOf(FileError);
    expect((e as FileError).reason).toBe('is-directory');
    expect((e as FileError).message).toBe(`cannot read: a directory, not a file: ${directory}`);
  });

  it('rejects an unreadable file with FileError permission, naming the path (as nobody when run by root)', async () => {
    if (!IS_ROOT) {
      const e = await caught(() => read(unreadable));
      expect(e, name).toBeInstanceOf(FileError);
      expect((e as FileError).reason).toBe('permission');
      expect((e as FileError).message).toBe(`cannot read: permission denied: ${unreadable}`);
      return;
    }
    // root reads any file: read it from a child process running as nobody, through the built package
    requireDist();
    const dist = pathToFileURL(join(PROJECT_ROOT, 'dist', 'node.js')).href;
    const e = runUnprivileged(`
const m = await import(${JSON.stringify(dist)});
const drain = async (it) => { for await (const _ of it) void _; };
const p = ${JSON.stringify(unreadable)};
try { await ${source}; console.log(JSON.stringify(null)); }
catch (e) { console.log(JSON.stringify({ isFileError: e instanceof m.FileError, reason: e.reason, message: e.message })); }
`);
    expect(e, name).toEqual({ isFileError: true, reason: 'permission', message: `cannot read: permission denied: ${unreadable}` });
  });
});

describe('fileErrorOf: the reason of each file-system error', () => {
  it.each([
    ['ENOENT', 'not-found', 'no such file: f.csv'],
    ['ENOTDIR', 'not-found', 'no such file: f.csv'],
    ['EISDIR', 'is-directory', 'cannot read: a directory, not a file: f.csv'],
    ['EACCES', 'permission', 'cannot read: permission denied: f.csv'],
    ['EPERM', 'permission', 'cannot read: permission denied: f.csv'],
    ['EIO', 'io', 'cannot read (EIO): f.csv'],
  ])('%s → %s', (code, reason, message) => {
    const cause = Object.assign(new Error(code), { code });
    const e = fileErrorOf('f.csv', cause, 'read');
    expect([e.reason, e.message, e.path, e.cause]).toEqual([reason, message, 'f.csv', cause]);
  });

  it('keeps a FileError as it is', () => {
    const e = new FileError('x', 'not-found', 'no such file');
    expect(fileErrorOf('y', e, 'write')).toBe(e);
  });
});

describe('fileChunks', () => {
  it('opens nothing until iterated, reads the file afresh at each iteration, and gives its bytes', async () => {
    const path = join(dir, 'bytes.bin');
    const source = fileChunks(path); // the file does not exist yet: no error until the iteration
    const bytes = Uint8Array.from({ length: 200_000 }, (_, k) => k % 251);
    writeFileSync(path, bytes);
    for (let round = 0; round < 2; round++) {
      const chunks: Uint8Array[] = [];
      for await (const c of source) chunks.push(c);
      expect(chunks.map((c) => c.length)).toEqual([65536, 65536, 65536, 3392]);
      expect(Buffer.concat(chunks).equals(Buffer.from(bytes))).toBe(true);
    }
  });
});

describe('a missing file in a separate process (the reproduction of issue 10)', () => {
  it('is caught by try/catch: no stack trace, no unhandled rejection, exit status 0', () => {
    const script = [
      "import { readSourceTable, readCsvHeader, readCscDetections, readCatalog, TWOMASS_PSC_COLUMNS } from './src/node/index.ts';",
      "process.on('unhandledRejection', () => { console.log('unhandled'); process.exitCode = 3; });",
      'for (const read of [() => readSourceTable("nope.csv"), () => readCsvHeader("nope.csv"), () => readCscDetections("nope.csv"), () => readCatalog("nope.csv", TWOMASS_PSC_COLUMNS)]) {',
      '  try { await read(); } catch (e) { console.log("caught", e.name, e.reason); }',
      '}',
      'await new Promise((r) => setTimeout(r, 50));',
    ].join('\n');
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], { cwd: join(import.meta.dirname, '..', '..'), encoding: 'utf8' });
    expect(out).toBe('caught FileError not-found\n'.repeat(4));
  });
});
