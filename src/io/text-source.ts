/**
 * Text input in any runtime: a string, bytes, or a web-standard stream of either — what a page gets from a
 * dropped `File` (`file.stream()`), what `fetch` returns (`response.body`), and what the Node adapter makes of a
 * file. Bytes are decoded as UTF-8 as they arrive; a byte-order mark is dropped.
 *
 * @module
 */
import { ParseError } from '../core/errors';

/**
 * Text to parse: a string, UTF-8 bytes, a `ReadableStream` of strings or bytes (a browser `File.stream()`, a
 * `fetch` body), or any (async) iterable of string or byte chunks (a Node `fs.ReadStream`).
 */
export type TextSource =
  | string
  | Uint8Array
  | ReadableStream<string | Uint8Array>
  | AsyncIterable<string | Uint8Array>
  | Iterable<string | Uint8Array>;

/** The text without a leading byte-order mark (U+FEFF). */
export function withoutBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

function isReadableStream(x: unknown): x is ReadableStream<string | Uint8Array> {
  return typeof x === 'object' && x !== null && typeof (x as { getReader?: unknown }).getReader === 'function';
}

/** A stream's chunks through its reader (works where streams are not async iterable, e.g. Safari). */
async function* readerChunks(stream: ReadableStream<string | Uint8Array>): AsyncGenerator<string | Uint8Array, void, undefined> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
}

function rawChunks(input: Exclude<TextSource, string | Uint8Array>): AsyncIterable<string | Uint8Array> | Iterable<string | Uint8Array> {
  return isReadableStream(input) ? readerChunks(input) : input;
}

/**
 * The text of a {@link TextSource} as string chunks, in order: bytes are decoded as UTF-8 (streaming, so a
 * character split between chunks is kept whole), a leading byte-order mark is dropped.
 *
 * @param input - the text source
 * @param sourceName - named in the error for bytes that are not UTF-8
 * @returns an async iterable of string chunks
 * @throws {ParseError} for bytes that are not valid UTF-8 (e.g. a binary file)
 * @example
 * ```ts
 * const chunks = [];
 * for await (const c of textChunks(new TextEncoder().encode('\uFEFFa,b\n'))) chunks.push(c);
 * chunks.join(''); // => 'a,b\n'
 * ```
 */
export async function* textChunks(input: TextSource, sourceName?: string): AsyncGenerator<string, void, undefined> {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  let first = true;
  const decode = (bytes: Uint8Array | undefined, stream: boolean): string => {
    try {
      return bytes === undefined ? decoder.decode() : decoder.decode(bytes, { stream });
    } catch {
      throw new ParseError('not UTF-8 text (a binary file?)', { source: sourceName });
    }
  };
  const strip = (text: string): string => {
    if (!first || text === '') return text;
    first = false;
    return withoutBom(text);
  };
  if (typeof input === 'string') {
    yield strip(input);
    return;
  }
  if (input instanceof Uint8Array) {
    yield strip(decode(input, false));
    return;
  }
  let pendingBytes = false;
  for await (const chunk of rawChunks(input)) {
    if (typeof chunk === 'string') {
      if (pendingBytes) {
        const tail = decode(undefined, false);
        pendingBytes = false;
        if (tail !== '') yield strip(tail);
      }
      if (chunk !== '') yield strip(chunk);
    } else {
      pendingBytes = true;
      const text = decode(chunk, true);
      if (text !== '') yield strip(text);
    }
  }
  if (pendingBytes) {
    const tail = decode(undefined, false);
    if (tail !== '') yield strip(tail);
  }
}

/**
 * The whole text of a {@link TextSource} as one string (see {@link textChunks}).
 *
 * @example
 * ```ts
 * await readText(new TextEncoder().encode('0.5 1 2\n')); // => '0.5 1 2\n'
 * ```
 */
export async function readText(input: TextSource, sourceName?: string): Promise<string> {
  if (typeof input === 'string') return withoutBom(input);
  const parts: string[] = [];
  for await (const chunk of textChunks(input, sourceName)) parts.push(chunk);
  return parts.join('');
}
