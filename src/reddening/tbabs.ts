/**
 * Reading the Tübingen–Boulder ISM absorption cross section (`tbabs`, Wilms, Allen & McCray 2000, ApJ 542, 914)
 * tabulated in the two-line format of the authors' `tbabs.data`: line 1 holds photon energies in keV, line 2
 * the cross section per hydrogen atom at those energies in units of 10⁻²² cm² (whitespace-separated).
 *
 * @module
 */
import { InvalidArgumentError, ParseError } from '../core/errors';
import { tabulatedCrossSection, type CrossSection } from './cross-section';

/** Options of {@link parseTbabsData}. */
export interface TbabsDataOptions {
  /** Name used in error messages (default: the path, or `"tbabs data"`). */
  readonly sourceName?: string;
  /** The unit of the tabulated cross sections in cm² (default 1e-22, the tbabs convention). */
  readonly unit?: number;
  /**
   * Check the unit against the known value at 1 keV: every ISM model gives σ(1 keV) ≈ 2.4–2.6 × 10⁻²² cm² per H
   * (tbabs 2.53, Morrison & McCammon 2.42), so a table whose σ(1 keV) × `unit` falls outside 1e-22–1e-21 cm² is
   * rejected as being in another unit. Skipped when the table does not cover 1 keV. Default true.
   */
  readonly checkUnit?: boolean;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

/**
 * Parses the text of a two-line tbabs table into a {@link CrossSection} (log-log interpolation between nodes,
 * see {@link tabulatedCrossSection}). Runs in O(n).
 *
 * @param text - the file's text: energies (keV) on the first non-blank line, σ / `unit` on the second
 * @param options - source name, unit and the 1 keV unit check
 * @returns the cross section in cm² per H atom
 * @throws {ParseError} when there are not exactly two non-blank lines, a token is not a number (names line and column), the lines differ in length, or σ(1 keV) is implausible for the unit
 * @throws {InvalidArgumentError} for an invalid `unit`
 * @throws {ParseError} for non-increasing energies or non-positive or non-finite values (from {@link tabulatedCrossSection}, naming the table)
 * @example
 * ```ts
 * import { parseTbabsData } from 'muwclass/reddening';
 * const tbabs = parseTbabsData('0.5 1.0 2.0\n10.0 2.53 0.55\n');
 * tbabs.sigma(1.0); // => 2.53e-22
 * ```
 */
export function parseTbabsData(text: string, options: TbabsDataOptions = {}): CrossSection {
  const source = options.sourceName ?? 'tbabs data';
  const unit = options.unit ?? 1e-22;
  if (!(unit > 0) || !Number.isFinite(unit)) throw new InvalidArgumentError(`parseTbabsData: unit must be a positive number of cm², got ${unit}`);
  const lines = text.split(/\r?\n/).map((l, i) => ({ line: i + 1, text: l.trim() })).filter((l) => l.text !== '');
  if (lines.length !== 2) {
    throw new ParseError(`tbabs table must have exactly two non-blank lines (energies in keV, then cross sections), found ${lines.length}`, { source });
  }
  const parseLine = ({ line, text: t }: { line: number; text: string }): Float64Array => {
    const tokens = t.split(/\s+/);
    const values = new Float64Array(tokens.length);
    for (let j = 0; j < tokens.length; j++) {
      if (!NUMBER.test(tokens[j]!)) throw new ParseError(`malformed number ${JSON.stringify(tokens[j])}`, { source, row: line, column: j + 1 });
      values[j] = Number(tokens[j]);
      // energies and cross sections are positive, finite quantities
      if (!(values[j]! > 0) || !Number.isFinite(values[j]!)) {
        throw new ParseError(`${tokens[j]} is ${values[j]! > 0 ? 'not finite' : values[j]! < 0 ? 'negative' : 'zero'}; energies and cross sections must be positive`, { source, row: line, column: j + 1 });
      }
    }
    return values;
  };
  const energies = parseLine(lines[0]!);
  const sigma = parseLine(lines[1]!);
  if (energies.length !== sigma.length) {
    throw new ParseError(`tbabs table has ${energies.length} energies but ${sigma.length} cross sections`, { source });
  }
  for (let i = 0; i < sigma.length; i++) sigma[i] = sigma[i]! * unit;
  let crossSection: CrossSection;
  try {
    crossSection = tabulatedCrossSection(energies, sigma, { name: `tbabs (${source})` });
  } catch (error) {
    // name the table: tabulatedCrossSection knows only the arrays
    if (error instanceof InvalidArgumentError) throw new ParseError(error.message.replace(/^tabulatedCrossSection: /, ''), { source });
    throw error;
  }
  if (options.checkUnit !== false && crossSection.minEnergy <= 1 && crossSection.maxEnergy >= 1) {
    const s1 = crossSection.sigma(1);
    if (!(s1 >= 1e-22 && s1 <= 1e-21)) {
      throw new ParseError(
        `tbabs table gives σ(1 keV) = ${s1.toExponential(3)} cm² per H with unit ${unit} cm²; ISM models give about 2.5e-22 — wrong unit? (set options.unit)`,
        { source },
      );
    }
  }
  return crossSection;
}
