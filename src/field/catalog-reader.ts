/**
 * Reading a catalog from CSV with configurable column names. The defaults are each catalog's own names, as
 * served by the Gaia archive (EDR3 `gaia_source`) and by VizieR (2MASS PSC II/246, AllWISE II/328,
 * CatWISE2020 II/365, unWISE II/363); override any of them with {@link withColumns}.
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError, MissingColumnError } from '../core/errors';
import { parseNumberCell } from '../io/cells';
import { streamCsv, type CsvOptions, type CsvStream } from '../io/csv';
import { parseCoordinateCell } from '../io/sexagesimal';
import type { TextSource } from '../io/text-source';
import { MAGNITUDE_BANDS, type MagnitudeBand } from '../io/schema';
import { createCatalog, type Catalog } from './catalog';
import { ellipseSemiMajorSigma, errorRadiusFactor, type ConfidenceLevel } from './positional-uncertainty';

/** Angular units of positional-error columns. */
export type AngleUnit = 'deg' | 'arcsec' | 'mas';

const ARCSEC_PER: Readonly<Record<AngleUnit, number>> = { deg: 3600, arcsec: 1, mas: 1e-3 };

/**
 * Where a catalog's positional error comes from; `unit` defaults to arcsec and `level` to `'1sigma'`:
 * - `{ semiMajor }`: the semi-major axis of the error ellipse (2MASS `errMaj`, AllWISE `eeMaj`);
 * - `{ raError, decError, correlation? }`: per-coordinate errors (Gaia `ra_error`, `dec_error`,
 *   `ra_dec_corr`), combined into the ellipse's semi-major axis ({@link ellipseSemiMajorSigma});
 * - `{ value }`: one value for every row.
 */
export type PositionalErrorColumns =
  | {
      /** Column with the 1σ semi-major axis of the positional error ellipse (2MASS `errMaj`, AllWISE `eeMaj`). */
      readonly semiMajor: string;
    /** Angular unit of the error values (default `'arcsec'`); converted to arcsec. */
    readonly unit?: AngleUnit;
    /** Confidence level the errors are quoted at (default `'1sigma'`; e.g. `'95%'`), converted to 1σ as a 2-D Gaussian radius. */
    readonly level?: ConfidenceLevel;
    }
  | {
      /** Column with the right-ascension error σ_α* (Gaia `ra_error`, already multiplied by cos δ). */
      readonly raError: string;
      /** Column with the declination error σ_δ (Gaia `dec_error`). */
      readonly decError: string;
      /** Column with the correlation ρ of the RA and Dec errors, in [−1, 1] (Gaia `ra_dec_corr`); 0 when absent from options or file. */
      readonly correlation?: string;
    /** Angular unit of the error values (default `'arcsec'`); converted to arcsec. */
    readonly unit?: AngleUnit;
    /** Confidence level the errors are quoted at (default `'1sigma'`; e.g. `'95%'`), converted to 1σ as a 2-D Gaussian radius. */
    readonly level?: ConfidenceLevel;
    }
  | {
      /** One positional error for every row (in `unit`, at `level`); non-negative. */
      readonly value: number;
    /** Angular unit of the error values (default `'arcsec'`); converted to arcsec. */
    readonly unit?: AngleUnit;
    /** Confidence level the errors are quoted at (default `'1sigma'`; e.g. `'95%'`), converted to 1σ as a 2-D Gaussian radius. */
    readonly level?: ConfidenceLevel;
    };

/**
 * Where a band's magnitude and 1σ error come from:
 * - `{ mag, error }`: both as columns (VizieR);
 * - `{ mag, fluxOverError, zeroPointError }`: the Gaia archive's way: σ_m = √[(2.5 / ln 10 / (F/σ_F))² + σ_zp²];
 * - `{ flux, fluxError, zeroPoint }`: a flux (unWISE: nanomaggies, Vega): m = zp − 2.5 log₁₀ F,
 *   σ_m = (2.5 / ln 10) σ_F / F; a non-positive flux gives no magnitude.
 */
export type BandColumns =
  | {
      /** Column with the magnitude (mag); an empty cell is a missing magnitude (NaN). */
      readonly mag: string;
      /** Column with the magnitude's 1σ error (mag); an empty cell gives a NaN error. */
      readonly error: string;
    }
  | {
      /** Column with the magnitude (mag), e.g. Gaia `phot_g_mean_mag`; an empty cell is a missing magnitude (NaN). */
      readonly mag: string;
      /** Column with the flux signal-to-noise F/σ_F, e.g. Gaia `phot_g_mean_flux_over_error`; non-positive or empty gives a NaN error. */
      readonly fluxOverError: string;
      /** Zero-point uncertainty σ_zp (mag) added in quadrature (default 0; see {@link GAIA_EDR3_ZERO_POINT_ERRORS}). */
      readonly zeroPointError?: number;
    }
  | {
      /** Column with the flux F, in the units `zeroPoint` refers to (unWISE `FW1`: nanomaggies, Vega). */
      readonly flux: string;
      /** Column with the flux's 1σ error σ_F, same unit; non-negative. */
      readonly fluxError: string;
      /** Magnitude zero point zp (mag) of m = zp − 2.5 log₁₀ F (22.5 for nanomaggies). */
      readonly zeroPoint: number;
    };

/** Proper-motion columns (optional in the file: when a column is absent the catalog has no astrometry). */
export interface AstrometryColumns {
  /** Epoch of the positions, Julian year. */
  readonly epoch: number;
  /** Column with the proper motion in right ascension, μ_α* = μ_α cos δ (Gaia `pmra`). */
  readonly pmRa: string;
  /** Column with the proper motion in declination, μ_δ (Gaia `pmdec`). */
  readonly pmDec: string;
  /** Column with the 1σ error of μ_α* (Gaia `pmra_error`); optional. */
  readonly pmRaError?: string;
  /** Column with the 1σ error of μ_δ (Gaia `pmdec_error`); optional. */
  readonly pmDecError?: string;
  /** Unit of the proper motions and their errors (default `'mas/yr'`). */
  readonly unit?: 'mas/yr' | 'arcsec/yr';
}

/** How to read one catalog from CSV. */
export interface CatalogColumns {
  /** The catalog's name in messages and output columns. */
  readonly name: string;
  /** Right ascension column: degrees, or sexagesimal hours. */
  readonly ra: string;
  /** Declination column: degrees, or sexagesimal degrees. */
  readonly dec: string;
  /** Where the positional error comes from; read as the 1σ semi-major axis in arcsec (see {@link PositionalErrorColumns}). */
  readonly error: PositionalErrorColumns;
  /** Band columns (required in the file). */
  readonly bands: Readonly<Partial<Record<MagnitudeBand, BandColumns>>>;
  /** Proper-motion columns and the positions' epoch (none: the catalog has no astrometry). */
  readonly astrometry?: AstrometryColumns;
  /** Extra numeric columns carried to the output, output name → column (optional in the file). */
  readonly extra?: Readonly<Record<string, string>>;
}

/**
 * Gaia EDR3 zero-point uncertainties of G, BP, RP (mag), added in quadrature to the photon-noise error
 * (Riello et al. 2021, A&A 649, A3; the VizieR I/350 ReadMe's definition of `e_Gmag`).
 */
export const GAIA_EDR3_ZERO_POINT_ERRORS = {
  /** G band zero-point uncertainty (mag). */
  G: 0.0027553202,
  /** G_BP band zero-point uncertainty (mag). */
  BP: 0.00279017,
  /** G_RP band zero-point uncertainty (mag). */
  RP: 0.0037793818,
} as const;

/**
 * Gaia EDR3 `gaia_source` as the Gaia archive names it: `ra`, `dec` (epoch J2016.0), `ra_error`, `dec_error`
 * (mas, 1σ), `ra_dec_corr`, `phot_{g,bp,rp}_mean_mag` with errors from `phot_*_mean_flux_over_error`,
 * `pmra`, `pmdec` (mas/yr) with errors, and `parallax`, `parallax_error` (output as `Plx`, `e_Plx`).
 */
export const GAIA_EDR3_COLUMNS: CatalogColumns = {
  name: 'Gaia',
  ra: 'ra',
  dec: 'dec',
  error: { raError: 'ra_error', decError: 'dec_error', correlation: 'ra_dec_corr', unit: 'mas', level: '1sigma' },
  bands: {
    G: { mag: 'phot_g_mean_mag', fluxOverError: 'phot_g_mean_flux_over_error', zeroPointError: GAIA_EDR3_ZERO_POINT_ERRORS.G },
    BP: { mag: 'phot_bp_mean_mag', fluxOverError: 'phot_bp_mean_flux_over_error', zeroPointError: GAIA_EDR3_ZERO_POINT_ERRORS.BP },
    RP: { mag: 'phot_rp_mean_mag', fluxOverError: 'phot_rp_mean_flux_over_error', zeroPointError: GAIA_EDR3_ZERO_POINT_ERRORS.RP },
  },
  astrometry: { epoch: 2016.0, pmRa: 'pmra', pmDec: 'pmdec', pmRaError: 'pmra_error', pmDecError: 'pmdec_error', unit: 'mas/yr' },
  extra: { Plx: 'parallax', e_Plx: 'parallax_error' },
};

/** 2MASS Point Source Catalog as VizieR II/246/out names it: `RAJ2000`, `DEJ2000`, `errMaj` (arcsec, 1σ), `Jmag`, `e_Jmag`, … */
export const TWOMASS_PSC_COLUMNS: CatalogColumns = {
  name: '2MASS',
  ra: 'RAJ2000',
  dec: 'DEJ2000',
  error: { semiMajor: 'errMaj', unit: 'arcsec', level: '1sigma' },
  bands: { J: { mag: 'Jmag', error: 'e_Jmag' }, H: { mag: 'Hmag', error: 'e_Hmag' }, K: { mag: 'Kmag', error: 'e_Kmag' } },
};

/** AllWISE as VizieR II/328/allwise names it: `RAJ2000`, `DEJ2000`, `eeMaj` (arcsec, 1σ), `W1mag`, `e_W1mag`, … `W3mag`. */
export const ALLWISE_COLUMNS: CatalogColumns = {
  name: 'AllWISE',
  ra: 'RAJ2000',
  dec: 'DEJ2000',
  error: { semiMajor: 'eeMaj', unit: 'arcsec', level: '1sigma' },
  bands: { W1: { mag: 'W1mag', error: 'e_W1mag' }, W2: { mag: 'W2mag', error: 'e_W2mag' }, W3: { mag: 'W3mag', error: 'e_W3mag' } },
};

/**
 * CatWISE2020 as VizieR II/365/catwise names it: `RA_ICRS`, `DE_ICRS`, `e_RA_ICRS`, `e_DE_ICRS` (arcsec, 1σ),
 * and the proper-motion-fit magnitudes `W1mproPM`, `e_W1mproPM`, `W2mproPM`, `e_W2mproPM`.
 */
export const CATWISE2020_COLUMNS: CatalogColumns = {
  name: 'CatWISE2020',
  ra: 'RA_ICRS',
  dec: 'DE_ICRS',
  error: { raError: 'e_RA_ICRS', decError: 'e_DE_ICRS', unit: 'arcsec', level: '1sigma' },
  bands: { W1: { mag: 'W1mproPM', error: 'e_W1mproPM' }, W2: { mag: 'W2mproPM', error: 'e_W2mproPM' } },
};

/**
 * unWISE as VizieR II/363/unwise names it: `RAJ2000`, `DEJ2000`, and the Vega fluxes `FW1`, `e_FW1`, `FW2`,
 * `e_FW2` in nanomaggies (m = 22.5 − 2.5 log₁₀ F). unWISE gives no positional error in arcseconds, so the
 * default is 0 (the combined radius is then the X-ray term alone); set `error` to use your own.
 */
export const UNWISE_COLUMNS: CatalogColumns = {
  name: 'unWISE',
  ra: 'RAJ2000',
  dec: 'DEJ2000',
  error: { value: 0 },
  bands: { W1: { flux: 'FW1', fluxError: 'e_FW1', zeroPoint: 22.5 }, W2: { flux: 'FW2', fluxError: 'e_FW2', zeroPoint: 22.5 } },
};

/** Overrides of a {@link CatalogColumns}: any field; a band set to `null` is dropped, `astrometry: null` disables it. */
export type CatalogColumnsOverrides = {
  /** Replaces the catalog's name in messages and output columns. */
  readonly name?: string;
  /** Replaces the right ascension column (degrees, or sexagesimal hours). */
  readonly ra?: string;
  /** Replaces the declination column (degrees, or sexagesimal degrees). */
  readonly dec?: string;
  /** Replaces the positional-error specification as a whole. */
  readonly error?: PositionalErrorColumns;
  /** Per band: replaces that band's columns, or drops the band (`null`); bands not named are kept. */
  readonly bands?: Readonly<Partial<Record<MagnitudeBand, BandColumns | null>>>;
  /** Replaces the proper-motion columns, or disables astrometry (`null`). */
  readonly astrometry?: AstrometryColumns | null;
  /** Per output name: adds or renames an extra column, or drops it (`null`); others are kept. */
  readonly extra?: Readonly<Record<string, string | null>>;
};

/** Throws unless every band name is one of the paper's bands, and no extra column is named `__proto__`. */
function checkNames(caller: string, bands: readonly string[], extra: readonly string[]): void {
  for (const band of bands) {
    if (!(MAGNITUDE_BANDS as readonly string[]).includes(band)) {
      throw new InvalidArgumentError(`${caller}: unknown band ${JSON.stringify(band)} (the bands are ${MAGNITUDE_BANDS.join(', ')})`);
    }
  }
  if (extra.includes('__proto__')) throw new InvalidArgumentError(`${caller}: "__proto__" cannot name an extra column`);
}

/**
 * A copy of `base` with some columns renamed (nothing is mutated).
 *
 * @throws {InvalidArgumentError} for a band that is not one of G, BP, RP, J, H, K, W1, W2, W3 (e.g. `__proto__`),
 *   or an extra column named `__proto__`
 *
 * @example
 * ```ts
 * // Gaia EDR3 from VizieR (I/350) instead of the Gaia archive:
 * const gaiaVizier = withColumns(GAIA_EDR3_COLUMNS, {
 *   ra: 'RA_ICRS', dec: 'DE_ICRS', error: { raError: 'e_RA_ICRS', decError: 'e_DE_ICRS', unit: 'mas' },
 *   bands: { G: { mag: 'Gmag', error: 'e_Gmag' }, BP: { mag: 'BPmag', error: 'e_BPmag' }, RP: { mag: 'RPmag', error: 'e_RPmag' } },
 *   astrometry: { epoch: 2016, pmRa: 'pmRA', pmDec: 'pmDE', pmRaError: 'e_pmRA', pmDecError: 'e_pmDE' },
 *   extra: { Plx: 'Plx', e_Plx: 'e_Plx' },
 * });
 * ```
 */
export function withColumns(base: CatalogColumns, overrides: CatalogColumnsOverrides): CatalogColumns {
  checkNames('withColumns', Object.keys(overrides.bands ?? {}), Object.keys(overrides.extra ?? {}));
  const bands: Partial<Record<MagnitudeBand, BandColumns>> = { ...base.bands };
  for (const [band, spec] of Object.entries(overrides.bands ?? {}) as [MagnitudeBand, BandColumns | null][]) {
    if (spec === null) delete bands[band];
    else bands[band] = spec;
  }
  const extra: Record<string, string> = { ...(base.extra ?? {}) };
  for (const [key, col] of Object.entries(overrides.extra ?? {})) {
    if (col === null) delete extra[key];
    else extra[key] = col;
  }
  const astrometry = overrides.astrometry === null ? undefined : (overrides.astrometry ?? base.astrometry);
  return {
    name: overrides.name ?? base.name,
    ra: overrides.ra ?? base.ra,
    dec: overrides.dec ?? base.dec,
    error: overrides.error ?? base.error,
    bands,
    ...(astrometry === undefined ? {} : { astrometry }),
    extra,
  };
}

const MAG_PER_LN = 2.5 / Math.LN10;

/**
 * Parses a catalog CSV with the given columns into a {@link Catalog}, streaming, from a string, bytes or a
 * stream (`readCatalog(path, columns)` in `muwclass/node` reads a file through this function).
 * Coordinates may be decimal degrees or sexagesimal; positional errors are converted to 1σ arcsec.
 *
 * @param input - the CSV text (see {@link TextSource})
 * @param columns - the column names (e.g. {@link GAIA_EDR3_COLUMNS})
 * @param options - CSV options
 * @returns the catalog
 * @throws {InvalidArgumentError} for a band that is not one of the paper's (G … W3), an extra column named
 *   `__proto__`, or a constant positional error that is negative
 * @throws {MissingColumnError} for an absent coordinate, error or band column, naming the file
 * @throws {InvalidValueError} for a missing coordinate, a right ascension outside [0, 360) deg, a declination
 *   outside [−90, 90] deg, a negative error, or a row with more or fewer cells than the header, naming file, row
 *   and column
 * @throws {MalformedNumberError | ParseError} for a cell that does not parse (`inf`, `1e400` and the like included),
 *   malformed CSV or a repeated column name
 * @example
 * ```ts
 * const csv = 'ra,dec,e_pos,Jmag,e_Jmag\n10.0,-5.0,0.06,14.2,0.03\n10.1,-5.0,0.08,15.9,\n';
 * const columns = { name: 'my 2MASS', ra: 'ra', dec: 'dec', error: { semiMajor: 'e_pos' }, bands: { J: { mag: 'Jmag', error: 'e_Jmag' } } } as const;
 * const tmass = await parseCatalog(csv, columns);
 * tmass.size; // => 2
 * tmass.bands.J?.err[1]; // => NaN
 * await parseCatalog('ra,dec,e_pos,Jmag,e_Jmag\n400,-5.0,0.06,14.2,0.03\n', columns); // throws InvalidValueError: right ascension 400 deg is outside [0, 360)
 * ```
 */
export async function parseCatalog(input: TextSource, columns: CatalogColumns, options: CsvOptions = {}): Promise<Catalog> {
  const csv = await streamCsv(input, options);
  try {
    return await catalogFrom(csv, columns, options.sourceName);
  } finally {
    await csv.records.return(undefined);
  }
}

async function catalogFrom(csv: CsvStream, columns: CatalogColumns, source: string | undefined): Promise<Catalog> {
  checkNames(`parseCatalog(${columns.name})`, Object.keys(columns.bands), Object.keys(columns.extra ?? {}));
  const header = new Set(csv.columns);
  const need = (c: string) => {
    if (!header.has(c)) throw new MissingColumnError(c, source);
  };
  need(columns.ra);
  need(columns.dec);
  const e = columns.error;
  if ('semiMajor' in e) need(e.semiMajor);
  else if ('raError' in e) {
    need(e.raError);
    need(e.decError);
  } else if (!(e.value >= 0)) throw new InvalidArgumentError(`parseCatalog(${columns.name}): constant positional error must be non-negative, got ${e.value}`);
  const errorScale = ARCSEC_PER[e.unit ?? 'arcsec'] / errorRadiusFactor(e.level ?? '1sigma');
  if (!Number.isFinite(errorScale)) throw new InvalidArgumentError(`parseCatalog(${columns.name}): unknown error unit ${String(e.unit)}`);
  const correlation = 'raError' in e && e.correlation !== undefined && header.has(e.correlation) ? e.correlation : undefined;
  const bandSpecs = Object.entries(columns.bands) as [MagnitudeBand, BandColumns][];
  for (const [, b] of bandSpecs) {
    if ('flux' in b) {
      need(b.flux);
      need(b.fluxError);
    } else {
      need(b.mag);
      need('error' in b ? b.error : b.fluxOverError);
    }
  }
  const a = columns.astrometry;
  const useAstrometry = a !== undefined && header.has(a.pmRa) && header.has(a.pmDec);
  const pmScale = a?.unit === 'arcsec/yr' ? 1000 : 1;
  const extras = Object.entries(columns.extra ?? {}).filter(([, c]) => header.has(c));

  const ra: number[] = [];
  const dec: number[] = [];
  const sigma: number[] = [];
  const mags = bandSpecs.map(() => ({ mag: [] as number[], err: [] as number[] }));
  const pm = { pmRa: [] as number[], pmDec: [] as number[], pmRaError: [] as number[], pmDecError: [] as number[] };
  const extraValues = extras.map(() => [] as number[]);
  const num = (cells: Readonly<Record<string, string>>, c: string, row: number) => parseNumberCell(cells[c], { source, row, column: c });
  const nonNegative = (value: number, c: string, row: number) => {
    if (value < 0) throw new InvalidValueError(`${columns.name}: negative error ${value}`, { source, row, column: c });
    return value;
  };

  for await (const { row, cells } of csv.records) {
    const r = parseCoordinateCell(cells[columns.ra], 'ra', { source, row, column: columns.ra });
    const d = parseCoordinateCell(cells[columns.dec], 'dec', { source, row, column: columns.dec });
    if (Number.isNaN(r)) throw new InvalidValueError(`${columns.name}: missing right ascension`, { source, row, column: columns.ra });
    if (!(r >= 0 && r < 360)) throw new InvalidValueError(`${columns.name}: right ascension ${r} deg is outside [0, 360)`, { source, row, column: columns.ra });
    if (Number.isNaN(d)) throw new InvalidValueError(`${columns.name}: missing declination`, { source, row, column: columns.dec });
    if (!(d >= -90 && d <= 90)) throw new InvalidValueError(`${columns.name}: declination ${d} deg is outside [-90, 90]`, { source, row, column: columns.dec });
    ra.push(r);
    dec.push(d);
    let s: number;
    let errorColumn: string;
    if ('semiMajor' in e) {
      errorColumn = e.semiMajor;
      s = nonNegative(num(cells, e.semiMajor, row), e.semiMajor, row);
    } else if ('raError' in e) {
      const sa = nonNegative(num(cells, e.raError, row), e.raError, row);
      const sd = nonNegative(num(cells, e.decError, row), e.decError, row);
      errorColumn = Number.isNaN(sa) ? e.raError : e.decError;
      const rho = correlation === undefined ? 0 : num(cells, correlation, row);
      if (Math.abs(rho) > 1) throw new InvalidValueError(`${columns.name}: correlation ${rho} outside [-1, 1]`, { source, row, column: correlation });
      s = Number.isNaN(sa) || Number.isNaN(sd) ? Number.NaN : ellipseSemiMajorSigma(sa, sd, rho);
    } else {
      errorColumn = 'error';
      s = e.value;
    }
    if (Number.isNaN(s)) throw new InvalidValueError(`${columns.name}: missing positional error`, { source, row, column: errorColumn });
    sigma.push(s * errorScale);
    for (let k = 0; k < bandSpecs.length; k++) {
      const b = bandSpecs[k]![1];
      let m: number;
      let err: number;
      if ('flux' in b) {
        const f = num(cells, b.flux, row);
        const ef = nonNegative(num(cells, b.fluxError, row), b.fluxError, row);
        m = f > 0 ? b.zeroPoint - 2.5 * Math.log10(f) : Number.NaN;
        err = f > 0 ? (MAG_PER_LN * ef) / f : Number.NaN;
      } else if ('error' in b) {
        m = num(cells, b.mag, row);
        err = nonNegative(num(cells, b.error, row), b.error, row);
      } else {
        m = num(cells, b.mag, row);
        const foe = num(cells, b.fluxOverError, row);
        err = foe > 0 ? Math.hypot(MAG_PER_LN / foe, b.zeroPointError ?? 0) : Number.NaN;
      }
      mags[k]!.mag.push(Number.isNaN(m) ? Number.NaN : m);
      mags[k]!.err.push(Number.isNaN(m) ? Number.NaN : err);
    }
    if (useAstrometry) {
      pm.pmRa.push(num(cells, a.pmRa, row) * pmScale);
      pm.pmDec.push(num(cells, a.pmDec, row) * pmScale);
      pm.pmRaError.push(a.pmRaError !== undefined && header.has(a.pmRaError) ? num(cells, a.pmRaError, row) * pmScale : Number.NaN);
      pm.pmDecError.push(a.pmDecError !== undefined && header.has(a.pmDecError) ? num(cells, a.pmDecError, row) * pmScale : Number.NaN);
    }
    for (let k = 0; k < extras.length; k++) extraValues[k]!.push(num(cells, extras[k]![1], row));
  }
  return createCatalog({
    name: columns.name,
    ra,
    dec,
    sigma,
    bands: Object.fromEntries(bandSpecs.map(([band], k) => [band, mags[k]!])),
    ...(useAstrometry ? { astrometry: { epoch: a.epoch, ...pm } } : {}),
    extra: Object.fromEntries(extras.map(([key], k) => [key, extraValues[k]!])),
  });
}
