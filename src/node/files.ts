/**
 * A file's bytes as a stream of chunks, for the pure parsers. A file that cannot be opened or read rejects
 * with a {@link FileError} naming the path and the reason (`'not-found'`, `'is-directory'`, `'permission'`, `'io'`): never an uncaught stream error.
 *
 * @module
 */
import { open } from 'node:fs/promises';

import { FileError } from '../core/errors';

/** Bytes read at a time by {@link fileChunks}. */
const CHUNK_BYTES = 1 << 16;

/**
 * A Node file-system error as a {@link FileError} naming the path: ENOENT/ENOTDIR → `'not-found'`, EISDIR →
 * `'is-directory'`, EACCES/EPERM/EROFS → `'permission'`, anything else → `'io'` (the original error is the cause).
 *
 * @param path - the file, as the caller named it
 * @param error - what the file system threw
 * @param doing - `'read'` or `'write'`, for the message
 */
export function fileErrorOf(path: string, error: unknown, doing: 'read' | 'write'): FileError {
  if (error instanceof FileError) return error;
  const code = (error as { code?: unknown } | null)?.code;
  switch (code) {
    case 'ENOENT':
    case 'ENOTDIR':
      return new FileError(path, 'not-found', doing === 'read' ? 'no such file' : 'cannot write: no such directory', { cause: error });
    case 'EISDIR':
      return new FileError(path, 'is-directory', `cannot ${doing}: a directory, not a file`, { cause: error });
    case 'EACCES':
    case 'EPERM':
    case 'EROFS':
      return new FileError(path, 'permission', `cannot ${doing}: permission denied`, { cause: error });
    default:
      return new FileError(path, 'io', `cannot ${doing} (${typeof code === 'string' ? code : error instanceof Error ? error.message : String(error)})`, { cause: error });
  }
}

async function* readChunks(path: string): AsyncGenerator<Uint8Array, void, undefined> {
  let handle;
  try {
    handle = await open(path, 'r');
  } catch (e) {
    throw fileErrorOf(path, e, 'read');
  }
  try {
    let info;
    try {
      info = await handle.stat();
    } catch (e) {
      throw fileErrorOf(path, e, 'read');
    }
    if (info.isDirectory()) throw new FileError(path, 'is-directory', 'cannot read: a directory, not a file');
    for (;;) {
      const buffer = new Uint8Array(CHUNK_BYTES);
      let bytesRead: number;
      try {
        ({ bytesRead } = await handle.read(buffer, 0, CHUNK_BYTES, null));
      } catch (e) {
        throw fileErrorOf(path, e, 'read');
      }
      if (bytesRead === 0) return;
      yield bytesRead === CHUNK_BYTES ? buffer : buffer.subarray(0, bytesRead);
    }
  } finally {
    await handle.close().catch(() => undefined);
  }
}

/**
 * The bytes of a file as an async iterable of chunks: a {@link TextSource} for the pure parsers. Nothing is
 * opened until the iteration starts (each iteration reads the file afresh); stopping the iteration early closes
 * the file. A file that is missing, a directory or unreadable makes the iteration throw a {@link FileError}.
 *
 * @param path - the file
 * @returns the chunks (64 KiB at most each)
 * @throws {FileError} from the iteration: reason `'not-found'`, `'is-directory'`, `'permission'` or `'io'`, naming the path
 * @example
 * ```ts
 * const t = await parseSourceTable(fileChunks('../shared/data/td/muwclass_td_cscv2.csv'), { requireLabel: true });
 * t.sources.length; // => 2941
 * await parseSourceTable(fileChunks('no-such-file.csv')); // throws FileError: no such file: no-such-file.csv
 * ```
 */
export function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return { [Symbol.asyncIterator]: () => readChunks(path) };
}
