/**
 * The source-table schema, pure data: the CSC energy bands, the photometric bands of the paper's Table 3, and
 * the columns of the paper's training set (`muwclass_td_cscv2.csv`) that every layer reads. No parsing and no
 * I/O live here, so any layer (and any runtime) can import the schema alone.
 *
 * Units: fluxes erg s⁻¹ cm⁻² (0.5–1.2, 1.2–2, 2–7, 0.5–7 keV for s, m, h, b), magnitudes in mag (Vega),
 * coordinates in degrees. Missing values are `NaN`.
 *
 * @module
 */

/** The CSC energy bands: soft 0.5–1.2, medium 1.2–2, hard 2–7 and broad 0.5–7 keV. */
export const XRAY_BANDS = ['s', 'm', 'h', 'b'] as const;
/** A CSC energy band. */
export type XrayBand = (typeof XRAY_BANDS)[number];

/** The photometric bands of the paper's Table 3: Gaia G, BP, RP; 2MASS J, H, K; WISE W1, W2, W3. */
export const MAGNITUDE_BANDS = ['G', 'BP', 'RP', 'J', 'H', 'K', 'W1', 'W2', 'W3'] as const;
/** A photometric band of the paper's Table 3. */
export type MagnitudeBand = (typeof MAGNITUDE_BANDS)[number];

/** The flux columns `Fs, Fm, Fh, Fb`. */
export type FluxColumn = `F${XrayBand}`;
/** The magnitude columns `Gmag … W3mag`. */
export type MagnitudeColumn = `${MagnitudeBand}mag`;

/** The flux columns `Fs, Fm, Fh, Fb`, in band order. */
export const FLUX_COLUMNS: readonly FluxColumn[] = XRAY_BANDS.map((b) => `F${b}` as const);
/** The magnitude columns `Gmag … W3mag`, in band order. */
export const MAGNITUDE_COLUMNS: readonly MagnitudeColumn[] = MAGNITUDE_BANDS.map((b) => `${b}mag` as const);

/**
 * One X-ray source: the measured quantities the classifier's features are built from.
 * Column names follow the training set (`e_X` is the 1-sigma error of `X`). Missing values are `NaN`.
 */
export type Source = {
  /** Source name, e.g. `"2CXO J000009.3+135618"`. */
  readonly name: string;
  /** Right ascension, deg (`NaN` if unknown). */
  readonly ra: number;
  /** Declination, deg (`NaN` if unknown). */
  readonly dec: number;
  /** Maximum Kuiper intra-observation variability probability. */
  readonly P_intra: number;
  /** Inter-observation variability probability (chi-square CDF, eq. 4). */
  readonly P_inter: number;
  /** The class label of a training source (e.g. `"AGN"`); `undefined` for a source to classify. */
  readonly label?: string;
} & { readonly [K in FluxColumn | `e_${FluxColumn}` | MagnitudeColumn | `e_${MagnitudeColumn}`]: number };

/** The numeric columns of a {@link Source}, in training-set order. */
export const SOURCE_NUMERIC_COLUMNS: readonly (FluxColumn | `e_${FluxColumn}` | MagnitudeColumn | `e_${MagnitudeColumn}` | 'P_intra' | 'P_inter')[] = [
  ...FLUX_COLUMNS.flatMap((c) => [c, `e_${c}` as const]),
  'P_intra',
  'P_inter',
  ...MAGNITUDE_COLUMNS.flatMap((c) => [c, `e_${c}` as const]),
];
