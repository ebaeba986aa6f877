/** Hand-made sources for tests: every numeric column of the training-set schema, overridable. */
import { SOURCE_NUMERIC_COLUMNS, type Source } from '../../src/io/schema';

/** A typical AGN-like source with every band present (fluxes erg/s/cm^2, magnitudes mag). */
export function makeSource(overrides: Partial<Record<keyof Source, number | string>> = {}): Source {
  const base: Record<string, number | string> = {
    name: 'test',
    ra: 10,
    dec: -20,
    Fs: 2e-15,
    e_Fs: 5e-16,
    Fm: 3e-15,
    e_Fm: 6e-16,
    Fh: 5e-15,
    e_Fh: 1e-15,
    Fb: 1e-14,
    e_Fb: 1.3e-15,
    P_intra: 0.3,
    P_inter: 0.8,
    Gmag: 18.5,
    e_Gmag: 0.01,
    BPmag: 18.8,
    e_BPmag: 0.05,
    RPmag: 17.9,
    e_RPmag: 0.04,
    Jmag: 16.9,
    e_Jmag: 0.1,
    Hmag: 16.1,
    e_Hmag: 0.12,
    Kmag: 15.3,
    e_Kmag: 0.13,
    W1mag: 14.2,
    e_W1mag: 0.03,
    W2mag: 13.1,
    e_W2mag: 0.03,
    W3mag: 10.4,
    e_W3mag: 0.08,
    label: 'AGN',
  };
  for (const c of SOURCE_NUMERIC_COLUMNS) if (!(c in base)) throw new Error(`makeSource lacks ${c}`);
  return { ...base, ...overrides } as unknown as Source;
}
