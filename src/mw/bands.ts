/**
 * The photometric bands of the paper's Table 3 (Gaia EDR3 G, BP, RP; 2MASS J, H, Ks; WISE W1, W2, W3): survey
 * limiting magnitude, Vega zero point f_λ, effective wavelength and effective width, and the conversion of a
 * magnitude to an energy flux (paper Section 2.3):
 *
 *   F = f_λ,0 × 10^(−m/2.5) × W_eff      [erg s⁻¹ cm⁻²]
 *
 * with f_λ,0 in erg s⁻¹ cm⁻² Å⁻¹ and W_eff in Å.
 *
 * Values: Yang et al. (2022, ApJ 941, 104) Table 3, which takes zero points, effective wavelengths and widths from
 * the SVO Filter Profile Service (Rodrigo et al. 2012, IVOA Working Draft; Rodrigo & Solano 2020) for the filters
 * `GAIA/GAIA3.G`, `GAIA/GAIA3.Gbp`, `GAIA/GAIA3.Grp` (Riello et al. 2021, A&A 649, A3), `2MASS/2MASS.J`, `.H`,
 * `.Ks` (Cohen, Wheaton & Megeath 2003, AJ 126, 1090) and `WISE/WISE.W1`, `.W2`, `.W3` (Jarrett et al. 2011,
 * ApJ 735, 112; Wright et al. 2010, AJ 140, 1868). The effective wavelengths are those the authors' pipeline
 * uses for the extinction corrections (`extinction_MWbands.csv`).
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { MAGNITUDE_BANDS, type MagnitudeBand } from '../io/schema';

/** One row of the paper's Table 3. */
export interface PhotometricBand {
  /** Band name as in the source table (`G`, `BP`, …, `W3`; the column is `<name>mag`). */
  readonly name: MagnitudeBand;
  /** The survey: `Gaia` (EDR3), `2MASS` or `WISE` (AllWISE/CatWISE). */
  readonly survey: 'Gaia' | '2MASS' | 'WISE';
  /** Limiting magnitude (Vega): magnitudes at or beyond it are dropped (paper Section 2.3). */
  readonly limitingMagnitude: number;
  /** Vega zero point f_λ,0 in erg s⁻¹ cm⁻² Å⁻¹ (flux density of a 0 mag source). */
  readonly zeroPoint: number;
  /** Effective wavelength λ_eff in Å (where the extinction A_λ is evaluated). */
  readonly effectiveWavelength: number;
  /** Effective width W_eff in Å (the flux of a band is f_λ × W_eff). */
  readonly effectiveWidth: number;
}

/**
 * The paper's Table 3, by band name, in band order (`G, BP, RP, J, H, K, W1, W2, W3`).
 *
 * | band | limit | f_λ,0 (erg s⁻¹ cm⁻² Å⁻¹) | λ_eff (Å) | W_eff (Å) |
 * | --- | --- | --- | --- | --- |
 * | G  | 21.5 | 2.50e-9  | 5822.39  | 4052.97  |
 * | BP | 21.5 | 4.08e-9  | 5035.75  | 2157.50  |
 * | RP | 21.0 | 1.27e-9  | 7619.96  | 2924.44  |
 * | J  | 18.5 | 3.13e-10 | 12350    | 1624.32  |
 * | H  | 18.0 | 1.13e-10 | 16620    | 2509.40  |
 * | K  | 17.0 | 4.28e-11 | 21590    | 2618.87  |
 * | W1 | 18.5 | 8.18e-12 | 33526    | 6626.42  |
 * | W2 | 17.5 | 2.42e-12 | 46028    | 10422.66 |
 * | W3 | 14.5 | 6.52e-14 | 115608   | 55055.71 |
 *
 * @example
 * ```ts
 * import { PHOTOMETRIC_BANDS } from 'muwclass/mw';
 * PHOTOMETRIC_BANDS.J.zeroPoint;           // => 3.13e-10
 * PHOTOMETRIC_BANDS.W3.limitingMagnitude;  // => 14.5
 * ```
 */
export const PHOTOMETRIC_BANDS: Readonly<Record<MagnitudeBand, PhotometricBand>> = Object.freeze({
  // Gaia EDR3 (Riello et al. 2021), SVO GAIA/GAIA3.{G,Gbp,Grp}: Vega zero points, λ_eff, W_eff.
  G: { name: 'G', survey: 'Gaia', limitingMagnitude: 21.5, zeroPoint: 2.5e-9, effectiveWavelength: 5822.39, effectiveWidth: 4052.97 },
  BP: { name: 'BP', survey: 'Gaia', limitingMagnitude: 21.5, zeroPoint: 4.08e-9, effectiveWavelength: 5035.75, effectiveWidth: 2157.5 },
  RP: { name: 'RP', survey: 'Gaia', limitingMagnitude: 21.0, zeroPoint: 1.27e-9, effectiveWavelength: 7619.96, effectiveWidth: 2924.44 },
  // 2MASS (Cohen, Wheaton & Megeath 2003: f_λ,0 = 3.129e-10, 1.133e-10, 4.283e-11; λ_iso 1.235, 1.662, 2.159 µm),
  // SVO 2MASS/2MASS.{J,H,Ks} widths.
  J: { name: 'J', survey: '2MASS', limitingMagnitude: 18.5, zeroPoint: 3.13e-10, effectiveWavelength: 12350, effectiveWidth: 1624.32 },
  H: { name: 'H', survey: '2MASS', limitingMagnitude: 18.0, zeroPoint: 1.13e-10, effectiveWavelength: 16620, effectiveWidth: 2509.4 },
  K: { name: 'K', survey: '2MASS', limitingMagnitude: 17.0, zeroPoint: 4.28e-11, effectiveWavelength: 21590, effectiveWidth: 2618.87 },
  // WISE (Jarrett et al. 2011 Table 1: F_λ,iso = 8.1787e-15, 2.4150e-15, 6.5151e-17 W cm⁻² µm⁻¹ = 1e3 × erg s⁻¹ cm⁻² Å⁻¹;
  // λ_iso 3.3526, 4.6028, 11.5608 µm), SVO WISE/WISE.{W1,W2,W3} widths.
  W1: { name: 'W1', survey: 'WISE', limitingMagnitude: 18.5, zeroPoint: 8.18e-12, effectiveWavelength: 33526, effectiveWidth: 6626.42 },
  W2: { name: 'W2', survey: 'WISE', limitingMagnitude: 17.5, zeroPoint: 2.42e-12, effectiveWavelength: 46028, effectiveWidth: 10422.66 },
  W3: { name: 'W3', survey: 'WISE', limitingMagnitude: 14.5, zeroPoint: 6.52e-14, effectiveWavelength: 115608, effectiveWidth: 55055.71 },
} satisfies Record<MagnitudeBand, PhotometricBand>);

/**
 * The Table 3 row of a band.
 *
 * @param band - `G`, `BP`, `RP`, `J`, `H`, `K`, `W1`, `W2` or `W3`
 * @returns the band's limiting magnitude, zero point, effective wavelength and width
 * @throws {InvalidArgumentError} for an unknown band name (the message lists the known ones)
 * @example
 * ```ts
 * photometricBand('K').effectiveWavelength; // => 21590
 * ```
 */
export function photometricBand(band: string): PhotometricBand {
  if (!(MAGNITUDE_BANDS as readonly string[]).includes(band)) {
    throw new InvalidArgumentError(`photometricBand: unknown band "${band}" (known: ${MAGNITUDE_BANDS.join(', ')})`);
  }
  return PHOTOMETRIC_BANDS[band as MagnitudeBand];
}

/**
 * Energy flux of a magnitude in a band: F = f_λ,0 × 10^(−m/2.5) × W_eff (paper Section 2.3), in erg s⁻¹ cm⁻².
 * A missing magnitude (`NaN`) gives `NaN`. Runs in O(1).
 *
 * @param band - the band name
 * @param magnitude - Vega magnitude
 * @returns the energy flux in erg s⁻¹ cm⁻², `NaN` when the magnitude is missing
 * @throws {InvalidArgumentError} for an unknown band name
 * @example
 * ```ts
 * magnitudeToFlux('J', 0);  // => 5.0841e-7 (= 3.13e-10 × 1624.32)
 * magnitudeToFlux('J', 10); // => 5.0841e-11
 * ```
 */
export function magnitudeToFlux(band: MagnitudeBand, magnitude: number): number {
  const b = photometricBand(band);
  return b.zeroPoint * b.effectiveWidth * 10 ** (-magnitude / 2.5);
}

/**
 * log10 of {@link magnitudeToFlux}: log10(f_λ,0 W_eff) − m/2.5. Cheaper and exact for very faint or very
 * bright magnitudes (no underflow). Runs in O(1).
 *
 * @param band - the band name
 * @param magnitude - Vega magnitude
 * @returns log10 of the energy flux in erg s⁻¹ cm⁻², `NaN` when the magnitude is missing
 * @throws {InvalidArgumentError} for an unknown band name
 * @example
 * ```ts
 * logMagnitudeToFlux('J', 10); // => -10.2938 (= log10(5.0841e-11))
 * ```
 */
export function logMagnitudeToFlux(band: MagnitudeBand, magnitude: number): number {
  const b = photometricBand(band);
  return Math.log10(b.zeroPoint * b.effectiveWidth) - magnitude / 2.5;
}

/**
 * The paper's limit cut (Section 2.3): a magnitude at or beyond the band's limiting magnitude is dropped
 * (`NaN`), as in the authors' pipeline (`m >= limit` is removed). Missing stays missing. Runs in O(1).
 *
 * @param band - the band name
 * @param magnitude - Vega magnitude
 * @returns `magnitude` when it is brighter than the limit, otherwise `NaN`
 * @throws {InvalidArgumentError} for an unknown band name
 * @example
 * ```ts
 * magnitudeLimitCut('K', 16.9); // => 16.9
 * magnitudeLimitCut('K', 17.0); // => NaN (at the limit: dropped)
 * ```
 */
export function magnitudeLimitCut(band: MagnitudeBand, magnitude: number): number {
  return magnitude < photometricBand(band).limitingMagnitude ? magnitude : Number.NaN;
}
