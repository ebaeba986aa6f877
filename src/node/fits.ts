/**
 * FITS files and dust maps by path: `parseFits`, `streamFitsTable`, `formatFits`, `sfdDustMap` and
 * `healpixDustMap` over Node files, with the path named in every error (a missing, directory or unreadable
 * file rejects with a `FileError`).
 *
 * @module
 */
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';

import { InvalidArgumentError } from '../core/errors';
import { formatFits, parseFits, selectHdu, streamFitsTable, type FitsHdu, type FitsImageInput, type FitsTableInput, type FitsTableStream, type ParseFitsOptions, type StreamFitsTableOptions } from '../io/fits';
import type { FitsColumnValues } from '../io/fits-bintable';
import { healpixDustMap, sfdDustMap, type DustMap, type HealpixDustMapOptions, type SfdDustMapOptions } from '../reddening/dust-map';
import { fileChunks, fileErrorOf } from './files';
import { writeFileAtomically } from './output';

/**
 * Reads a whole FITS file: every HDU, images and binary tables decoded (see `parseFits`). For a table larger
 * than memory allows, {@link readFitsTable} streams it.
 *
 * @param path - the file
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError} as `parseFits`, naming the path, HDU, byte offset (row and column for table values)
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'muwclass-example.fits');
 * await writeFits(path, [{ kind: 'bintable', name: 'SRC', columns: [{ name: 'ra', values: [1.5, 2.5] }] }]);
 * const hdus = await readFits(path);
 * hdus.map((h) => h.kind); // => ['image', 'bintable']
 * await readFits('no-such-file.fits'); // throws FileError: no such file: no-such-file.fits
 * ```
 */
export async function readFits(path: string, options: ParseFitsOptions = {}): Promise<FitsHdu[]> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (e) {
    throw fileErrorOf(path, e, 'read');
  }
  return parseFits(bytes, { source: options.source ?? path });
}

/**
 * Streams one binary table of a FITS file in batches of rows, decoding only the columns asked for (see
 * `streamFitsTable`): for catalogs and maps too large to hold as a whole file.
 *
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError | InvalidArgumentError} as `streamFitsTable`
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * const path = join(tmpdir(), 'muwclass-stream.fits');
 * await writeFits(path, [{ kind: 'bintable', columns: [{ name: 'n', values: new Int32Array([1, 2, 3]) }] }]);
 * const t = await readFitsTable(path, { batchRows: 2 });
 * const sizes = [];
 * for await (const b of t.batches) sizes.push(b.rows);
 * sizes; // => [2, 1]
 * ```
 */
export async function readFitsTable(path: string, options: StreamFitsTableOptions = {}): Promise<FitsTableStream> {
  return streamFitsTable(fileChunks(path), { ...options, source: options.source ?? path });
}

/**
 * Writes HDUs as a FITS file (see `formatFits`), safely: into a temporary file renamed when complete.
 *
 * @throws {FileError} when the file cannot be written, naming the path
 * @throws {InvalidArgumentError | ShapeMismatchError} as `formatFits`
 */
export async function writeFits(path: string, hdus: readonly (FitsImageInput | FitsTableInput)[]): Promise<void> {
  await writeFileAtomically(path, [formatFits(hdus)]);
}

/** The SFD files' names in their data release (and the `sfddata` repository). */
export const SFD_FILE_NAMES = {
  /** The north Galactic pole image (b ≥ 0). */
  north: 'SFD_dust_4096_ngp.fits',
  /** The south Galactic pole image (b < 0). */
  south: 'SFD_dust_4096_sgp.fits',
} as const;

/** Options of {@link readDustMap}. */
export interface ReadDustMapOptions extends Omit<SfdDustMapOptions, 'names'>, Omit<HealpixDustMapOptions, 'name'> {
  /** HEALPix maps: the column holding the map (default `EBV` when present, else the first column, as healpy does). */
  readonly column?: string;
}

async function isDirectory(path: string): Promise<boolean> {
  try {
    return (await stat(path)).isDirectory();
  } catch (e) {
    throw fileErrorOf(path, e, 'read');
  }
}

/**
 * Reads a dust map for {@link ebvAt}: the SFD (1998) map from its two polar images (`{ north, south }` paths,
 * or a directory holding `SFD_dust_4096_ngp.fits` and `SFD_dust_4096_sgp.fits`), or a HEALPix map from one
 * FITS file (a binary table; the map column is streamed, so a 2 GB Planck map needs memory only for that
 * column). SFD values are multiplied by 0.86 by default (Schlafly & Finkbeiner 2011, as the paper), HEALPix
 * values by 1 (pass `factor` to change either).
 *
 * @param path - a HEALPix FITS file, a directory with the SFD files, or `{ north, south }` paths
 * @param options - `factor`, `interpolate` (SFD), `column`, `ordering`, `frame` (HEALPix)
 * @throws {FileError} for a missing, directory or unreadable file, naming the path
 * @throws {ParseError} as `parseFits` / `streamFitsTable`
 * @throws {InvalidArgumentError} for a file that is not a dust map of either kind, or swapped SFD hemispheres
 * @example
 * ```ts
 * import { tmpdir } from 'node:os';
 * import { join } from 'node:path';
 * // a synthetic HEALPix map (N_side 1, RING, Galactic) with E(B-V) = pixel / 10
 * const path = join(tmpdir(), 'muwclass-healpix.fits');
 * await writeFits(path, [{ kind: 'bintable', columns: [{ name: 'EBV', values: Float32Array.from({ length: 12 }, (_, i) => i / 10) }],
 *   cards: [{ keyword: 'PIXTYPE', value: 'HEALPIX' }, { keyword: 'ORDERING', value: 'RING' }, { keyword: 'NSIDE', value: 1 }, { keyword: 'COORDSYS', value: 'G' }] }]);
 * const map = await readDustMap(path);
 * ebv(map, 0, 0, { frame: 'galactic' }); // => 0.4
 * ```
 */
export async function readDustMap(path: string | { readonly north: string; readonly south: string }, options: ReadDustMapOptions = {}): Promise<DustMap> {
  let files = typeof path === 'string' ? undefined : path;
  if (typeof path === 'string' && (await isDirectory(path))) files = { north: join(path, SFD_FILE_NAMES.north), south: join(path, SFD_FILE_NAMES.south) };
  if (files !== undefined) {
    const [north, south] = await Promise.all([readFits(files.north), readFits(files.south)]);
    return sfdDustMap(selectHdu(north, 'image', undefined, files.north), selectHdu(south, 'image', undefined, files.south), {
      ...(options.factor === undefined ? {} : { factor: options.factor }),
      ...(options.interpolate === undefined ? {} : { interpolate: options.interpolate }),
      names: { north: files.north, south: files.south },
    });
  }
  const file = path as string;
  let probe: FitsTableStream;
  try {
    probe = await readFitsTable(file);
  } catch (e) {
    if (e instanceof InvalidArgumentError && /no binary table/.test(e.message)) {
      throw new InvalidArgumentError(`${file} holds no HEALPix table; for the SFD map give both polar images ({ north, south }) or their directory`, { cause: e });
    }
    throw e;
  }
  await probe.batches.return(undefined);
  const names = probe.columns.map((c) => c.name);
  const column = options.column ?? names.find((n) => n.toUpperCase() === 'EBV') ?? names[0];
  if (column === undefined) throw new InvalidArgumentError(`${file}: the HEALPix table has no columns`);
  const table = await readFitsTable(file, { hdu: probe.index, columns: [column] });
  const info = table.columns.find((c) => c.name === column)!;
  if (!'BIJKED'.includes(info.type)) throw new InvalidArgumentError(`${file}: column ${column} (TFORM '${info.format}') does not hold numbers; give the map's column (columns: ${names.join(', ')})`);
  const per = info.repeat;
  const values = info.type === 'E' && info.scale === 1 && info.zero === 0 ? new Float32Array(table.rows * per) : new Float64Array(table.rows * per);
  for await (const batch of table.batches) {
    const v = batch.columns[0]!.values as Exclude<FitsColumnValues, string[] | (boolean | null)[]>;
    if (v instanceof BigInt64Array || v instanceof BigUint64Array) values.set(Array.from(v, Number), batch.firstRow * per);
    else values.set(v, batch.firstRow * per);
  }
  // keywords of the table's header win over the primary header's (LAMBDA's maps put ORDERING in the primary)
  return healpixDustMap({ cards: [...table.primaryHeader.cards, ...table.header.cards] }, values, {
    ...(options.factor === undefined ? {} : { factor: options.factor }),
    ...(options.ordering === undefined ? {} : { ordering: options.ordering }),
    ...(options.frame === undefined ? {} : { frame: options.frame }),
    name: `${file} (column ${column})`,
  });
}
