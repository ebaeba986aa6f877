/**
 * Validation of X-ray positions shared by the matching functions (internal: not re-exported).
 *
 * @module
 */
import { InvalidArgumentError, InvalidValueError } from '../core/errors';
import type { XrayPosition } from './match-counterparts';
import { cscSigma } from './positional-uncertainty';

/**
 * Validates X-ray positions and returns them as typed arrays (σ_x from `pu`).
 */
export function xrayArrays(fn: string, xray: readonly XrayPosition[]): { ra: Float64Array; dec: Float64Array; sigma: Float64Array } {
  if (!Array.isArray(xray)) throw new InvalidArgumentError(`${fn} requires an array of X-ray positions { ra, dec, pu }`);
  const n = xray.length;
  const ra = new Float64Array(n);
  const dec = new Float64Array(n);
  const sigma = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const s = xray[i]!;
    // positions are array elements: named by their index, as the caller passed them
    const at = (property: string): { source: string; column: string } => ({ source: `X-ray positions[${i}]`, column: property });
    if (!(s.ra >= 0 && s.ra < 360)) throw new InvalidValueError(`${fn}: right ascension must be in [0, 360) deg, got ${s.ra}`, at('ra'));
    if (!(s.dec >= -90 && s.dec <= 90)) throw new InvalidValueError(`${fn}: declination must be in [-90, 90] deg, got ${s.dec}`, at('dec'));
    if (!(s.pu >= 0) || !Number.isFinite(s.pu)) {
      throw new InvalidValueError(`${fn}: positional uncertainty must be a non-negative number of arcsec, got ${s.pu}`, at('pu'));
    }
    ra[i] = s.ra;
    dec[i] = s.dec;
    sigma[i] = cscSigma(s.pu);
  }
  return { ra, dec, sigma };
}

