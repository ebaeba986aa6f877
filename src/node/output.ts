/**
 * Safe writes of output files: every output is checked before any work starts ({@link prepareOutput},
 * {@link prepareOutputDirectory}), then written to a temporary file beside it and renamed into place on
 * success ({@link writeFileAtomically}), so a failed or interrupted run leaves the old file or nothing — never
 * a truncated one. An output that is one of the inputs (the same file, through symlinks or hard links) is
 * refused. `-` names standard output.
 *
 * @module
 */
import { randomBytes } from 'node:crypto';
import { constants, unlinkSync } from 'node:fs';
import { access, chmod, lstat, open, realpath, rename, stat, unlink, type FileHandle } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Writable } from 'node:stream';

import { CancelledError, FileError } from '../core/errors';

/** The name that means standard output (as an output) or standard input (as an input). */
export const STDIO_PATH = '-';

/** A file named by the user, with the option that named it (`-o`, `--td`), for messages. */
export interface NamedPath {
  /** The path as given. */
  readonly path: string;
  /** The command-line option (or argument description) that named it, e.g. `-o` or `--sources`. */
  readonly option?: string;
}

/** What {@link prepareOutput} found out: where {@link writeFileAtomically} will write. */
export interface PreparedOutput {
  /** The path as given. */
  readonly path: string;
  /** The option that named it, for messages. */
  readonly option?: string;
  /** `true` for `-`: standard output. */
  readonly toStdout: boolean;
}

/** Options of {@link writeFileAtomically}. */
export interface WriteFileAtomicallyOptions {
  /** Stops the write: the temporary file is removed and the promise rejects with `CancelledError`. */
  readonly signal?: AbortSignal;
  /** Where `-` writes (default `process.stdout`). */
  readonly stdout?: Writable;
  /** The option that named the output, for messages (e.g. `-o`). */
  readonly option?: string;
}

/** FileErrors about outputs (as opposed to inputs): the CLI exits 73 for these, 66 for input files. */
const outputErrors = new WeakSet<object>();

/** Temporary files being written now, removed by {@link removeTemporaries} on an abrupt exit. */
const temporaries = new Set<string>();

function outputError(path: string, reason: string, message: string, cause?: unknown): FileError {
  const error = new FileError(path, reason, message, cause === undefined ? undefined : { cause });
  outputErrors.add(error);
  return error;
}

/**
 * Whether `error` is a `FileError` about an output (thrown by {@link prepareOutput},
 * {@link prepareOutputDirectory} or {@link writeFileAtomically}), as opposed to one about an input.
 */
export function isOutputError(error: unknown): boolean {
  return typeof error === 'object' && error !== null && outputErrors.has(error);
}

const named = (p: string | NamedPath): NamedPath => (typeof p === 'string' ? { path: p } : p);
const label = (p: NamedPath): string => (p.option === undefined ? 'the output' : p.option);
const code = (error: unknown): string | undefined => (error as NodeJS.ErrnoException | undefined)?.code;

async function statOrUndefined(path: string): Promise<Stats | undefined> {
  try {
    return await stat(path);
  } catch (error) {
    if (code(error) === 'ENOENT' || code(error) === 'ENOTDIR') return undefined;
    throw error;
  }
}

async function writable(path: string): Promise<boolean> {
  try {
    await access(path, constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The nearest existing ancestor of `path` (itself included), with its stats. */
async function nearestExisting(path: string): Promise<{ path: string; stats: Stats }> {
  let p = resolve(path);
  for (;;) {
    const s = await statOrUndefined(p);
    if (s !== undefined) return { path: p, stats: s };
    const parent = dirname(p);
    if (parent === p) throw new Error(`no existing ancestor of ${path}`);
    p = parent;
  }
}

/**
 * Creates and removes an empty file in `dir`: the one sure test that the temporary file of a safe write can be
 * created there (permission bits do not tell for root, a read-only file system or /proc).
 */
async function probe(out: NamedPath, dir: string): Promise<void> {
  const path = join(dir, `.muwclass-probe.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await (await open(path, 'wx')).close();
  } catch (error) {
    const c = code(error);
    throw outputError(out.path, c === 'ENOSPC' || c === 'EIO' ? 'io' : 'permission', `${label(out)}: cannot create a file in ${dir} (${c ?? (error as Error).message})`, error);
  }
  await unlink(path).catch(() => undefined);
}

/** Refuses `output` when it is the same file as one of `inputs` (same device and inode, or same real path). */
async function refuseInputs(output: NamedPath, outStats: Stats, inputs: readonly NamedPath[]): Promise<void> {
  const outReal = await realpath(output.path).catch(() => resolve(output.path));
  for (const input of inputs) {
    if (input.path === STDIO_PATH) continue;
    const s = await statOrUndefined(input.path);
    if (s === undefined) continue;
    const inReal = await realpath(input.path).catch(() => resolve(input.path));
    if ((s.dev === outStats.dev && s.ino === outStats.ino) || inReal === outReal) {
      const what = input.option === undefined ? `the input ${input.path}` : `the input ${input.option}${input.path === output.path ? '' : ` (${input.path})`}`;
      throw outputError(output.path, 'same-as-input', `${label(output)} is the same file as ${what}; refusing to overwrite an input, choose another output`);
    }
  }
}

/**
 * Checks, before any work, that a file can be written as an output: `-` (standard output) always can; otherwise
 * its directory exists and is writable, it is not a directory, an existing file is writable, and it is none of
 * `inputs` (compared by device and inode and by real path, so symlinks and hard links are caught).
 *
 * @param output - the output file (or `{ path, option }` to name the option in messages)
 * @param inputs - the command's input files; `-` (standard input) is skipped
 * @returns the output, ready for {@link writeFileAtomically}
 * @throws {FileError} reason `'not-found'` (no such directory), `'is-directory'`, `'permission'` (not
 *   writable) or `'same-as-input'` (naming both options); {@link isOutputError} is true for it
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { prepareOutput } from './output';
 * (await prepareOutput(join(tmpdir(), 'muwclass-prepared.csv'))).toStdout; // => false
 * (await prepareOutput('-')).toStdout; // => true
 * await prepareOutput(join(tmpdir(), 'no-such-dir-muwclass', 'out.csv')); // throws FileError: directory does not exist
 * ```
 */
export async function prepareOutput(output: string | NamedPath, inputs: readonly (string | NamedPath)[] = []): Promise<PreparedOutput> {
  const out = named(output);
  const base = { path: out.path, ...(out.option === undefined ? {} : { option: out.option }) };
  if (out.path === STDIO_PATH) return { ...base, toStdout: true };
  if (out.path === '') throw outputError(out.path, 'not-found', `${label(out)} is empty`);
  const s = await statOrUndefined(out.path);
  if (s === undefined) {
    const dir = dirname(resolve(out.path));
    const d = await statOrUndefined(dir);
    if (d === undefined) throw outputError(out.path, 'not-found', `${label(out)}: directory does not exist: ${dir}; cannot create`);
    if (!d.isDirectory()) throw outputError(out.path, 'not-found', `${label(out)}: ${dir} is not a directory; cannot create`);
    if (!(await writable(dir))) throw outputError(out.path, 'permission', `${label(out)}: directory ${dir} is not writable; cannot create`);
    await probe(out, dir);
    return { ...base, toStdout: false };
  }
  if (s.isDirectory()) throw outputError(out.path, 'is-directory', `${label(out)} is a directory, not a file`);
  await refuseInputs(out, s, inputs.map(named));
  if (!(await writable(out.path))) throw outputError(out.path, 'permission', `${label(out)} is not writable`);
  if (s.isFile()) {
    // The replacement is created beside the real file (a symlink keeps pointing at it).
    const dir = dirname(await realpath(out.path));
    if (!(await writable(dir))) throw outputError(out.path, 'permission', `${label(out)}: directory ${dir} is not writable (needed to replace the file safely)`);
    await probe(out, dir);
  }
  return { ...base, toStdout: false };
}

/**
 * Checks, before any work, that a directory of outputs can be written: it is a directory (or can be created:
 * its nearest existing ancestor is a writable directory), and each of `files` already in it can be replaced
 * (see {@link prepareOutput}). The directory is not created here.
 *
 * @param directory - the output directory (or `{ path, option }`, e.g. `--svg-dir`)
 * @param files - the names of the files that will be written in it
 * @param inputs - the command's input files
 * @throws {FileError} reason `'not-a-directory'` (it names a file), `'permission'`, or those of
 *   {@link prepareOutput} for a file in it; {@link isOutputError} is true for it
 */
export async function prepareOutputDirectory(directory: string | NamedPath, files: readonly string[], inputs: readonly (string | NamedPath)[] = []): Promise<void> {
  const dir = named(directory);
  if (dir.path === '' || dir.path === STDIO_PATH) throw outputError(dir.path, 'not-a-directory', `${label(dir)} needs a directory`);
  const s = await statOrUndefined(dir.path);
  if (s === undefined) {
    const existing = await nearestExisting(dir.path);
    if (!existing.stats.isDirectory()) throw outputError(dir.path, 'not-a-directory', `${label(dir)}: ${existing.path} is a file, not a directory; cannot create`);
    if (!(await writable(existing.path))) throw outputError(dir.path, 'permission', `${label(dir)}: directory ${existing.path} is not writable; cannot create`);
    await probe(dir, existing.path);
    return;
  }
  if (!s.isDirectory()) throw outputError(dir.path, 'not-a-directory', `${label(dir)} names a file, not a directory`);
  if (!(await writable(dir.path))) throw outputError(dir.path, 'permission', `${label(dir)}: directory is not writable`);
  await probe(dir, dir.path);
  for (const f of files) await prepareOutput({ path: join(dir.path, f), ...(dir.option === undefined ? {} : { option: `${dir.option} file ${f}` }) }, inputs);
}

/** Where the bytes go: the real file behind symlinks, replaced by rename, or a special file written in place. */
async function target(path: string): Promise<{ path: string; mode: number | undefined; inPlace: boolean }> {
  const l = await lstat(path).catch(() => undefined);
  if (l === undefined) return { path, mode: undefined, inPlace: false };
  const real = await realpath(path).catch(() => undefined);
  if (real === undefined) return { path, mode: undefined, inPlace: false }; // a dangling symlink: replaced
  const s = await stat(real);
  if (s.isDirectory()) throw outputError(path, 'is-directory', 'the output is a directory, not a file');
  // /dev/null, a FIFO, a terminal: written as it is, never replaced.
  return { path: real, mode: s.mode & 0o7777, inPlace: !s.isFile() };
}

function throwIfAborted(signal: AbortSignal | undefined): void {
  if (signal?.aborted === true) throw new CancelledError('interrupted');
}

/** Lines gathered into writes of about 64 KiB; bytes (a binary format such as FITS) pass through as they are. */
async function* batches(lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, signal: AbortSignal | undefined): AsyncGenerator<string | Uint8Array, void, undefined> {
  let buffer = '';
  for await (const line of lines) {
    throwIfAborted(signal);
    if (typeof line !== 'string') {
      if (buffer !== '') yield buffer;
      buffer = '';
      yield line;
      continue;
    }
    buffer += line;
    if (buffer.length >= 1 << 16) {
      yield buffer;
      buffer = '';
    }
  }
  throwIfAborted(signal);
  if (buffer !== '') yield buffer;
}

async function writeToStream(stream: Writable, lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>, options: WriteFileAtomicallyOptions): Promise<void> {
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure = error;
  };
  stream.on('error', onError);
  const fail = (error: unknown) => outputError(STDIO_PATH, 'io', `cannot write ${options.option ?? 'the output'} to standard output (${code(error) ?? (error as Error).message})`, error);
  try {
    for await (const chunk of batches(lines, options.signal)) {
      if (failure !== undefined) throw fail(failure);
      if (!stream.write(chunk)) {
        await new Promise<void>((resolveDrain, rejectDrain) => {
          const done = () => {
            stream.off('drain', done);
            stream.off('error', failed);
            resolveDrain();
          };
          const failed = (error: Error) => {
            stream.off('drain', done);
            stream.off('error', failed);
            rejectDrain(error);
          };
          stream.on('drain', done);
          stream.on('error', failed);
        }).catch((error: unknown) => {
          throw fail(error);
        });
      }
    }
    if (failure !== undefined) throw fail(failure);
  } finally {
    stream.off('error', onError);
  }
}

/**
 * Writes `lines` (each with its line end) to `path` safely: into a temporary file in the same directory
 * (`.name.<random>.tmp`), flushed to disk, then renamed over `path`. On any error — a failing write, an error
 * thrown while producing the lines (e.g. a bad row late in a streamed input), or `signal` — the temporary file
 * is removed and `path` is left as it was. A symlink is followed (the file it points to is replaced, the link
 * kept); an existing file keeps its permissions; a special file (`/dev/null`, a FIFO) is written in place.
 * `-` writes to standard output.
 *
 * @param path - the output file, `-`, or what {@link prepareOutput} returned
 * @param lines - the text, sync or async iterable, e.g. `csvLines(columns, rows)`; or bytes (`Uint8Array` chunks)
 * @param options - `signal`, `stdout` (for `-`), `option` (for messages)
 * @throws {FileError} when the file cannot be written (reason `'io'`, `'is-directory'`, …); {@link isOutputError} is true for it
 * @throws {CancelledError} when `signal` fires
 * @throws whatever iterating `lines` throws, unchanged
 * @example
 * ```ts
 * import { readFileSync } from 'node:fs';
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * import { writeFileAtomically } from './output';
 * const path = join(tmpdir(), 'muwclass-atomic.csv');
 * await writeFileAtomically(path, ['a,b\n', '1,2\n']);
 * readFileSync(path, 'utf8'); // => 'a,b\n1,2\n'
 * ```
 */
export async function writeFileAtomically(
  path: string | PreparedOutput,
  lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: WriteFileAtomicallyOptions = {},
): Promise<void> {
  const p = typeof path === 'string' ? path : path.path;
  const option = options.option ?? (typeof path === 'string' ? undefined : path.option);
  const o = { ...options, ...(option === undefined ? {} : { option }) };
  if (p === STDIO_PATH) return writeToStream(options.stdout ?? process.stdout, lines, o);
  throwIfAborted(options.signal);
  const what = option ?? 'the output';
  const fail = (error: unknown, doing: string) => {
    if (error instanceof FileError) return error;
    const c = code(error);
    const reason = c === 'ENOENT' || c === 'ENOTDIR' ? 'not-found' : c === 'EACCES' || c === 'EPERM' || c === 'EROFS' ? 'permission' : c === 'EISDIR' ? 'is-directory' : 'io';
    return outputError(p, reason, `cannot ${doing} ${what} (${c ?? (error as Error).message})`, error);
  };
  let t: Awaited<ReturnType<typeof target>>;
  try {
    t = await target(p);
  } catch (error) {
    throw fail(error, 'create');
  }
  if (t.inPlace) return writeInPlace(t.path, lines, o, fail);

  const temporary = join(dirname(t.path), `.${basename(t.path)}.${randomBytes(6).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  temporaries.add(temporary);
  try {
    try {
      handle = await open(temporary, 'wx', t.mode ?? 0o666);
      if (t.mode !== undefined) await chmod(temporary, t.mode);
    } catch (error) {
      throw fail(error, 'create');
    }
    for await (const chunk of batches(lines, options.signal)) {
      try {
        await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
      } catch (error) {
        throw fail(error, 'write');
      }
    }
    try {
      await handle.datasync();
      await handle.close();
      handle = undefined;
      throwIfAborted(options.signal);
      await rename(temporary, t.path);
    } catch (error) {
      if (error instanceof CancelledError) throw error;
      throw fail(error, 'write');
    }
    temporaries.delete(temporary);
  } catch (error) {
    await handle?.close().catch(() => undefined);
    await unlink(temporary).catch(() => undefined);
    temporaries.delete(temporary);
    throw error;
  }
}

async function writeInPlace(
  path: string,
  lines: AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array>,
  options: WriteFileAtomicallyOptions,
  fail: (error: unknown, doing: string) => FileError,
): Promise<void> {
  let handle: FileHandle;
  try {
    handle = await open(path, 'w');
  } catch (error) {
    throw fail(error, 'open');
  }
  try {
    for await (const chunk of batches(lines, options.signal)) {
      try {
        await (typeof chunk === 'string' ? handle.write(chunk) : handle.write(chunk));
      } catch (error) {
        throw fail(error, 'write');
      }
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * Removes, synchronously, every temporary file a {@link writeFileAtomically} call is writing now: for a signal
 * handler or an `exit` handler, where the asynchronous clean-up would not run.
 */
export function removeTemporaries(): void {
  for (const t of temporaries) {
    try {
      unlinkSync(t);
    } catch {
      // already gone
    }
  }
  temporaries.clear();
}
