/**
 * VOTable files by path: `parseVotable`, `streamVotable` and `votableChunks` over Node file streams, with the
 * path named in every error.
 *
 * @module
 */
import { parseVotable, streamVotable, type VotableDocument, type VotableEvent, type VotableReadOptions } from '../io/votable';
import { votableChunks, type VotableWriteOptions } from '../io/votable-writer';
import { fileChunks } from './files';
import { writeFileAtomically } from './output';

/**
 * Reads a VOTable file whole (see `parseVotable`).
 *
 * @param path - the file
 * @param options - name for errors (default the path)
 * @returns the document
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError} as `parseVotable`, naming the file, line, row and column
 * @example
 * ```ts
 * await readVotable('no-such-table.vot'); // throws FileError: no such file: no-such-table.vot
 * ```
 */
export async function readVotable(path: string, options: VotableReadOptions = {}): Promise<VotableDocument> {
  return parseVotable(fileChunks(path), { ...options, sourceName: options.sourceName ?? path });
}

/**
 * Reads a VOTable file a row at a time (see `streamVotable`): for tables larger than memory.
 *
 * @throws {FileError} (from the first step) for a missing, directory or unreadable file
 * @throws {ParseError} as `streamVotable`
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'muwclass-stream.vot');
 * const table = { fields: [{ name: 'ra', datatype: 'double' }], params: [], infos: [], rows: [[1.5], [2.5]] };
 * await writeVotable(path, votableDocument([table]), { serialization: 'BINARY2' });
 * const kinds = [];
 * for await (const event of streamVotableFile(path)) kinds.push(event.type);
 * kinds; // => ['table', 'row', 'row', 'end']
 * ```
 */
export function streamVotableFile(path: string, options: VotableReadOptions = {}): AsyncGenerator<VotableEvent, void, undefined> {
  return streamVotable(fileChunks(path), { ...options, sourceName: options.sourceName ?? path });
}

/**
 * Writes a VOTable file (see `votableChunks`), safely as `writeCsv` does: to a temporary file renamed into
 * place when complete.
 *
 * @param path - the file
 * @param document - the document
 * @param options - the serialization (`'TABLEDATA'`, `'BINARY'`, `'BINARY2'`)
 * @throws {FileError} when the file cannot be written
 * @throws {ParseError | InvalidArgumentError} as `votableChunks`
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'muwclass-example.vot');
 * const table = { fields: [{ name: 'ra', datatype: 'double', unit: 'deg' }], params: [], infos: [], rows: [[166.29]] };
 * await writeVotable(path, votableDocument([table]), { serialization: 'BINARY' });
 * votableTables(await readVotable(path))[0].rows; // => [[166.29]]
 * ```
 */
export async function writeVotable(path: string, document: VotableDocument, options: VotableWriteOptions = {}): Promise<void> {
  await writeFileAtomically(path, votableChunks(document, { ...options, sourceName: options.sourceName ?? path }));
}
