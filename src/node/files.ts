/**
 * Files for the pure parsers and formatters: a file's bytes as a stream of chunks, a file's text, and writing
 * text or lines to a file.
 *
 * @module
 */
import { createReadStream, createWriteStream } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { once } from 'node:events';
import { finished } from 'node:stream/promises';

/**
 * The bytes of a file as an async iterable of chunks (a Node read stream): a {@link TextSource} for the pure
 * parsers. Stopping the iteration early closes the file.
 *
 * @param path - the file
 * @returns the chunks
 * @example
 * ```ts
 * const t = await parseSourceTable(fileChunks('../shared/data/td/muwclass_td_cscv2.csv'), { requireLabel: true });
 * t.sources.length; // => 2941
 * ```
 */
export function fileChunks(path: string): AsyncIterable<Uint8Array> {
  return createReadStream(path, { highWaterMark: 1 << 16 });
}

/** A file's text (UTF-8). */
export function fileText(path: string): Promise<string> {
  return readFile(path, 'utf8');
}

/** Writes text to a file (replacing it). */
export function writeText(path: string, text: string): Promise<void> {
  return writeFile(path, text, 'utf8');
}

/** Writes lines (sync or async iterable of strings, each with its line end) to a file, streaming. */
export async function writeLines(path: string, lines: AsyncIterable<string> | Iterable<string>): Promise<void> {
  const out = createWriteStream(path);
  const failed = new Promise<never>((_, reject) => out.once('error', reject));
  failed.catch(() => undefined);
  for await (const line of lines) {
    if (!out.write(line)) await Promise.race([once(out, 'drain'), failed]);
  }
  out.end();
  await Promise.race([finished(out), failed]);
}
