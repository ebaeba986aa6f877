/**
 * Property tests (fast-check) for the edge of the library (issue 10): the CSV parser and formatter, the number
 * cells, the confidence threshold (paper eq. 7) and the hardness ratios (paper Table 2). Each property runs a
 * bounded number of times from a fixed seed, so CI is deterministic; a failure prints the seed and the
 * shrunk counter-example.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

import { formatCsv, parseCsv, streamCsv, type CellValue, type CsvRecord, type CsvTable } from '../../src/io/csv';
import { formatNumberCell, parseNumberCell } from '../../src/io/cells';
import { confidenceThreshold } from '../../src/classify/confidence';
import { HardnessRatios } from '../../src/xray/hardness-ratios';
import { MuwclassError } from '../../src/core/errors';

/** Every property: a fixed seed, a bounded number of runs. */
const RUN = { seed: 20_241_010, numRuns: 200 } as const;

/** `formatCsv` with its options (typed here so this file compiles whatever the options type is called). */
const format = formatCsv as (columns: readonly string[], rows: Iterable<Readonly<Record<string, CellValue>>>, options?: { spreadsheetSafe?: boolean }) => string;

// ---------------------------------------------------------------------------------------------------------
// Arbitraries
// ---------------------------------------------------------------------------------------------------------

/** Characters that matter to CSV and to spreadsheets, and any other code point. */
const SPECIAL = [',', '"', '\n', '\r', '\r\n', ' ', '\t', '=', '+', '-', '@', "'", '.', 'e', '1', '0', '\uFEFF', 'é', '😀'];
const unit = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...SPECIAL) }, { weight: 2, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }) });
/** Text cells: anything, biased towards the characters above. */
const text = fc.string({ unit, maxLength: 12 });
/** Column names: distinct, non-empty, without surrounding blanks (the reader trims names), not `__proto__`. */
const names = fc.uniqueArray(
  fc.string({ unit, minLength: 1, maxLength: 6 }).filter((s) => s.trim() === s && s !== '' && s !== '__proto__' && !s.startsWith('\uFEFF')),
  { minLength: 1, maxLength: 5 },
);
/** Finite doubles (and `NaN`, the missing value). */
const finite = fc.double({ noDefaultInfinity: true });
/** A table: columns and rows of text or numbers. */
const table = names.chain((columns) =>
  fc.record({
    columns: fc.constant(columns),
    rows: fc.array(fc.tuple(...columns.map(() => fc.oneof(text, finite))), { maxLength: 6 }),
  }),
);
const records = (t: { columns: readonly string[]; rows: readonly (readonly (string | number)[])[] }): Record<string, CellValue>[] =>
  t.rows.map((r) => Object.fromEntries(t.columns.map((c, j) => [c, r[j]])));

/** The value a cell must read back as: a number through `parseNumberCell`, text as is. */
function expectCell(read: string | undefined, written: string | number): void {
  if (typeof written === 'number') expect(Object.is(parseNumberCell(read), written) || parseNumberCell(read) === written).toBe(true);
  else expect(read).toBe(written);
}

/** `text` cut at `cuts` (positions, any order). */
function chunks<T extends string | Uint8Array>(whole: T, cuts: readonly number[]): T[] {
  const at = [...new Set(cuts.map((c) => (whole.length === 0 ? 0 : c % (whole.length + 1))))].sort((a, b) => a - b);
  const bounds = [0, ...at, whole.length];
  return bounds.slice(1).map((end, k) => whole.slice(bounds[k], end) as T);
}

/** The outcome of a parse: the table, or the error's class and message. */
type Outcome = { ok: true; columns: string[]; rows: { row: number; cells: Record<string, string> }[] } | { ok: false; error: string };
const plain = (records: readonly CsvRecord[]) => records.map((r) => ({ row: r.row, cells: { ...r.cells } }));
function outcomeOf(f: () => CsvTable): Outcome {
  try {
    const t = f();
    return { ok: true, columns: t.columns, rows: plain(t.records) };
  } catch (e) {
    return { ok: false, error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}
async function streamOutcome(input: Iterable<string | Uint8Array>): Promise<Outcome> {
  try {
    const s = await streamCsv(input);
    const out: CsvRecord[] = [];
    for await (const r of s.records) out.push(r);
    return { ok: true, columns: s.columns, rows: plain(out) };
  } catch (e) {
    return { ok: false, error: `${(e as Error).constructor.name}: ${(e as Error).message}` };
  }
}

// ---------------------------------------------------------------------------------------------------------
// CSV
// ---------------------------------------------------------------------------------------------------------

describe('CSV: formatCsv then parseCsv', () => {
  it('round-trips any text and finite number with spreadsheetSafe: false', () => {
    fc.assert(
      fc.property(table, (t) => {
        const back = parseCsv(format(t.columns, records(t), { spreadsheetSafe: false }));
        expect(back.columns).toEqual(t.columns);
        expect(back.records).toHaveLength(t.rows.length);
        back.records.forEach((r, i) => t.columns.forEach((c, j) => expectCell(r.cells[c], t.rows[i]![j]!)));
      }),
      RUN,
    );
  });

  it('with spreadsheetSafe on (the default): numbers and number-like text unchanged, formulas escaped with one leading quote', () => {
    const formulaStart = /^[=+\-@\t\r]/;
    const numberText = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;
    const cellText = fc.oneof(text, finite.map(String), fc.constantFrom('-58.85', '+1', '-1e-5', '=1+1', '+cmd', '-x', '@SUM(A1)', '\t=1', '\r=1', '--'));
    const escaped = (written: string): string => (formulaStart.test(written) && !numberText.test(written.trim()) && written.trim() !== '--' ? `'${written}` : written);
    const safeNames = names.filter((columns) => new Set(columns.map(escaped)).size === columns.length);
    const safeTable = safeNames.chain((columns) =>
      fc.record({ columns: fc.constant(columns), rows: fc.array(fc.tuple(...columns.map(() => fc.oneof(cellText, finite))), { maxLength: 6 }) }),
    );
    fc.assert(
      fc.property(safeTable, (t) => {
        const back = parseCsv(format(t.columns, records(t)));
        // the header is text too: a column name like "-x" is escaped the same way
        expect(back.columns).toEqual(t.columns.map(escaped));
        back.records.forEach((r, i) =>
          t.columns.forEach((c, j) => {
            const written = t.rows[i]![j]!;
            const read = r.cells[escaped(c)]!;
            if (typeof written === 'number') return expectCell(read, written);
            expect(read).toBe(escaped(written));
          }),
        );
      }),
      RUN,
    );
  });
});

describe('CSV: streamCsv over any chunking equals parseCsv', () => {
  /** CSV-ish text: formatted tables (with \n or \r\n line ends), or raw text with quotes, commas and line breaks. */
  const csvText = fc.oneof(
    fc.tuple(table, fc.boolean()).map(([t, crlf]) => {
      const s = format(t.columns, records(t), { spreadsheetSafe: false });
      return crlf ? s.replace(/\n/g, '\r\n') : s;
    }),
    fc.string({ unit: fc.constantFrom('a', 'b', ',', '"', '\n', '\r', ' ', 'é', '😀'), maxLength: 40 }),
  );
  const cuts = fc.array(fc.nat(), { maxLength: 8 });

  it('chunks of text', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, cuts, async (s, at) => {
        expect(await streamOutcome(chunks(s, at))).toEqual(outcomeOf(() => parseCsv(s)));
      }),
      RUN,
    );
  });

  it('chunks of UTF-8 bytes (characters split between chunks)', async () => {
    await fc.assert(
      fc.asyncProperty(csvText, cuts, async (s, at) => {
        const bytes = new TextEncoder().encode(s);
        const decoded = new TextDecoder().decode(bytes); // lone surrogates become U+FFFD
        expect(await streamOutcome(chunks(bytes, at))).toEqual(outcomeOf(() => parseCsv(decoded)));
      }),
      RUN,
    );
  });
});

describe('no input makes a parser fail other than with a MuwclassError', () => {
  it('parseCsv on any text returns a table or throws a MuwclassError', () => {
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 60 }), (s) => {
        try {
          parseCsv(s);
        } catch (e) {
          expect(e).toBeInstanceOf(MuwclassError);
        }
      }),
      RUN,
    );
  });

  it('parseNumberCell on any text gives a finite number, NaN (missing), or a MuwclassError: never ±Infinity', () => {
    const numberish = fc.string({ unit: fc.constantFrom('1', '9', '0', '.', 'e', 'E', '+', '-', '_', 'x', 'i', 'n', 'f', ' ', 'a', 'N'), maxLength: 12 });
    fc.assert(
      fc.property(fc.oneof(numberish, text, fc.constantFrom('1e308', '1e309', '-1e999', '1e-999', 'Infinity', '-inf', 'nan', '--')), (s) => {
        try {
          const x = parseNumberCell(s);
          expect(Number.isNaN(x) || Number.isFinite(x)).toBe(true);
        } catch (e) {
          expect(e).toBeInstanceOf(MuwclassError);
        }
      }),
      { ...RUN, numRuns: 1000 },
    );
  });
});

describe('number cells', () => {
  it('parseNumberCell(formatNumberCell(x)) === x for every finite double (and NaN reads back as NaN)', () => {
    fc.assert(
      fc.property(finite, (x) => {
        const back = parseNumberCell(formatNumberCell(x));
        expect(Number.isNaN(x) ? Number.isNaN(back) : back === x).toBe(true);
      }),
      { ...RUN, numRuns: 2000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------------------
// Confidence threshold (eq. 7) and hardness ratios (Table 2)
// ---------------------------------------------------------------------------------------------------------

/** K class probabilities (summing to 1) and their standard deviations, K = 2…8. */
const probabilities = fc.integer({ min: 2, max: 8 }).chain((k) =>
  fc.record({
    weights: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k }).filter((w) => w.some((x) => x > 0)),
    std: fc.array(fc.double({ min: 0, max: 0.5, noNaN: true }), { minLength: k, maxLength: k }),
    order: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: k, maxLength: k }),
    tie: fc.nat(),
  }),
);
const normalise = (w: readonly number[]): number[] => {
  const total = w.reduce((a, b) => a + b, 0);
  return w.map((x) => x / total);
};

describe('confidenceThreshold (eq. 7)', () => {
  it('is >= 0 for the most probable class', () => {
    fc.assert(
      fc.property(probabilities, ({ weights, std }) => {
        expect(confidenceThreshold(normalise(weights), std)).toBeGreaterThanOrEqual(0);
      }),
      RUN,
    );
  });

  it('does not depend on the order of the classes', () => {
    fc.assert(
      fc.property(probabilities, ({ weights, std, order }) => {
        const mean = normalise(weights);
        const perm = order.map((x, i) => [x, i] as const).sort((a, b) => a[0] - b[0] || a[1] - b[1]).map(([, i]) => i);
        expect(confidenceThreshold(perm.map((i) => mean[i]!), perm.map((i) => std[i]!))).toBe(confidenceThreshold(mean, std));
      }),
      RUN,
    );
  });

  it('is 0 when two classes tie for the largest probability', () => {
    fc.assert(
      fc.property(probabilities, ({ weights, std, tie }) => {
        const best = weights.indexOf(Math.max(...weights));
        const other = (best + 1 + (tie % (weights.length - 1))) % weights.length;
        const tied = weights.map((w, i) => (i === other ? weights[best]! : w));
        expect(confidenceThreshold(normalise(tied), std)).toBe(0);
      }),
      RUN,
    );
  });
});

describe('HardnessRatios (Table 2)', () => {
  const flux = fc.double({ min: 0, max: 1e300, noNaN: true });
  it('every ratio lies in [-1, 1] for non-negative fluxes (NaN only for a zero denominator)', () => {
    fc.assert(
      fc.property(flux, flux, flux, (Fs, Fm, Fh) => {
        const hr = HardnessRatios.compute({ Fs, Fm, Fh });
        const check = (value: number, denominator: number) => {
          if (denominator === 0) expect(value).toBeNaN();
          else {
            expect(value).toBeGreaterThanOrEqual(-1);
            expect(value).toBeLessThanOrEqual(1);
          }
        };
        check(hr.HR_ms, Fm + Fs);
        check(hr.HR_hm, Fh + Fm);
        check(hr.HR_hms, Fh + Fm + Fs);
        const withErrors = HardnessRatios.withErrors({ Fs, Fm, Fh, e_Fs: Fs / 3, e_Fm: Fm / 3, e_Fh: Fh / 3 });
        expect([withErrors.HR_ms, withErrors.HR_hm, withErrors.HR_hms]).toEqual([hr.HR_ms, hr.HR_hm, hr.HR_hms]);
      }),
      RUN,
    );
  });
});
