import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';

import { beforeAll, describe, expect, it } from 'vitest';

import { runCli } from '../../src/cli/main';
import { MonteCarloClassifier } from '../../src/classify/monte-carlo';
import { monteCarloColumns } from '../../src/classify/result';
import { parseNumberCell } from '../../src/io/cells';
import { readCsv, readSourceTable } from '../../src/node';
import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { parseTbabsData } from '../../src/reddening/tbabs';
import { XrayAbsorber } from '../../src/reddening/absorption';
import { captureCli } from '../helpers/cli';
import { describeWithData, sharedData } from '../helpers/shared-data';
import { SCHEMA_COLUMNS, writeSourcesCsv } from '../helpers/training-csv';

const dir = mkdtempSync(join(tmpdir(), 'muwclass-classify-'));
const path = (name: string) => join(dir, name);
const CLASSES = [...SYNTHETIC_CLASSES];
const perClass = Object.fromEntries(CLASSES.map((c) => [c, 12]));
/** Class counts: the given ones, every other class 0. */
const only = (counts: Record<string, number>) => Object.fromEntries(CLASSES.map((c) => [c, counts[c] ?? 0]));
const EBV = [0, 0.3, 1.2, 0.31, 0.05, 0.6, 0, 2, 0.3, 0.7];
const FAST = ['--mc', '3', '--trees', '8', '--seed', '5'];

let td: string;
let field: string;

async function readBack(file: string): Promise<{ columns: string[]; rows: Record<string, string>[] }> {
  const columns = readFileSync(file, 'utf8').split('\n')[0]!.split(',');
  const rows: Record<string, string>[] = [];
  for await (const r of readCsv(file)) rows.push({ ...r.cells });
  return { columns, rows };
}

async function classify(argv: string[]): Promise<{ code: number; out: string; err: string }> {
  const c = captureCli();
  const code = await runCli(['classify', ...argv], c.context);
  return { code, out: c.out(), err: c.err() };
}

beforeAll(async () => {
  td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 1, perClass }));
  const sources = syntheticTrainingSet({ seed: 2, namePrefix: 'FIELD J', perClass: { AGN: 3, YSO: 1, NS: 1, CV: 1, 'HM-STAR': 1, HMXB: 1, LMXB: 1, 'LM-STAR': 1 } });
  // The user's own columns (a note with a comma, a number written their way) must come through untouched.
  field = await writeSourcesCsv(path('field.csv'), sources, { extra: (_, i) => ({ ebv: EBV[i]!, note: i === 0 ? 'see "paper", Fig. 2' : '', mag_text: '1.50' }) });
});

describe('muwclass classify', () => {
  it('is listed by --help, and documents the default absorber', async () => {
    const c = captureCli();
    expect(await runCli(['--help'], c.context)).toBe(0);
    expect(c.out()).toMatch(/classify\s+classify sources with the Monte Carlo MUWCLASS pipeline/);
    const h = captureCli();
    expect(await runCli(['classify', '--help'], h.context)).toBe(0);
    expect(h.out()).toMatch(/^Usage: muwclass classify --td <td.csv> --sources <sources.csv>/);
    expect(h.out()).toMatch(/default: Morrison & McCammon \(1983\)/);
  });

  it("writes the sources' own columns, then P_<class>, e_P_<class>, Class, Class_prob, e_Class_prob, CT: the library's numbers", async () => {
    const out = path('out.csv');
    const r = await classify(['--td', td, '--sources', field, '--ebv-column', 'ebv', '--workers', '1', ...FAST, '-o', out]);
    expect(r.err).toMatch(/^classified 10 sources of field\.csv with td\.csv \(96 sources, 8 classes\); 3 Monte Carlo draws x 7 E\(B-V\) bins on 1 worker in \d+ s; Class: .*; \d+ with CT >= 2; wrote .*out\.csv\n$/);
    expect(r.code).toBe(0);
    const { columns, rows } = await readBack(out);
    expect(columns).toEqual([...SCHEMA_COLUMNS, 'ebv', 'note', 'mag_text', ...monteCarloColumns(CLASSES), 'TD_member']);
    expect(rows.every((row) => row.TD_member === '0')).toBe(true); // no source of the field is in the training set
    expect(rows).toHaveLength(10);
    expect(rows[0]!.note).toBe('see "paper", Fig. 2');
    expect(rows[0]!.mag_text).toBe('1.50');
    expect(rows[0]!.True_Class).toBe('AGN');

    // The same pipeline called directly gives the same numbers, to the last bit.
    const training = (await readSourceTable(td, { requireLabel: true })).sources;
    const sources = (await readSourceTable(field)).sources;
    const expected = await new MonteCarloClassifier({ nSamples: 3, seed: 5, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } })
      .fit(training)
      .predict(sources, { ebv: EBV });
    rows.forEach((row, i) => {
      CLASSES.forEach((c, k) => {
        expect(parseNumberCell(row[`P_${c}`])).toBe(expected.mean.data[i * 8 + k]);
        expect(parseNumberCell(row[`e_P_${c}`])).toBe(expected.std.data[i * 8 + k]);
      });
      expect(row.Class).toBe(expected.predicted[i]);
      expect(parseNumberCell(row.Class_prob)).toBe(expected.classProbability[i]);
      expect(parseNumberCell(row.e_Class_prob)).toBe(expected.classProbabilityError[i]);
      expect(parseNumberCell(row.CT)).toBe(expected.ct[i]);
      // properties: probabilities sum to 1; Class is the most probable
      const p = CLASSES.map((c) => parseNumberCell(row[`P_${c}`]));
      expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
      expect(parseNumberCell(row[`P_${row.Class}`])).toBe(Math.max(...p));
    });
    expect(expected.bins!.ebv).toHaveLength(7); // 0, 0.05, 0.3/0.31, 0.6, 0.7, 1.2, 2
  });

  it('classifies training-set members (same name) by models trained without them, flags them TD_member = 1; --td-members keep does not', async () => {
    const training = (await readSourceTable(td, { requireLabel: true })).sources;
    const mixed = path('mixed.csv');
    const chosen = [0, 13, 40, 77];
    await writeSourcesCsv(mixed, [...chosen.map((i) => training[i]!), ...(await readSourceTable(field)).sources.slice(0, 2)]);
    const out = path('members.csv');
    const r = await classify(['--td', td, '--sources', mixed, '--no-redden', '--workers', '1', ...FAST, '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/; 4 training-set members classified by models trained without them \(TD_member = 1\);/);
    const { rows } = await readBack(out);
    expect(rows.map((row) => row.TD_member)).toEqual(['1', '1', '1', '1', '0', '0']);
    const sources = (await readSourceTable(mixed)).sources;
    const mc = new MonteCarloClassifier({ nSamples: 3, seed: 5, workers: 1, reddenAgn: false, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } }).fit(training);
    const expected = await mc.predict(sources, { trainingMembers: [...chosen, -1, -1] });
    rows.forEach((row, i) => expect(parseNumberCell(row.P_AGN)).toBe(expected.mean.data[i * 8]));
    const kept = path('kept.csv');
    expect((await classify(['--td', td, '--sources', mixed, '--no-redden', '--workers', '1', '--td-members', 'keep', ...FAST, '-o', kept])).code).toBe(0);
    const back = await readBack(kept);
    expect(back.columns).not.toContain('TD_member');
    const inSample = await mc.predict(sources);
    back.rows.forEach((row, i) => expect(parseNumberCell(row.P_AGN)).toBe(inSample.mean.data[i * 8]));
    // the models that saw a member are surer of its class than those that left it out
    const own = (res: typeof expected, i: number) => res.mean.data[i * 8 + (CLASSES as string[]).indexOf(training[chosen[i]!]!.label!)]!;
    expect(chosen.reduce((a, _, i) => a + own(inSample, i) - own(expected, i), 0)).toBeGreaterThan(0);
    expect((await classify(['--td', td, '--sources', mixed, '--no-redden', '--td-members', 'drop', '-o', kept])).code).toBe(2);
    // a training set with two sources of one name: an error naming them, unless --td-members keep
    const twice = path('twice.csv');
    await writeSourcesCsv(twice, [...training, { ...training[5]!, name: training[2]!.name }]);
    const dup = await classify(['--td', twice, '--sources', mixed, '--no-redden', '--workers', '1', ...FAST, '-o', kept]);
    expect(dup.code).toBe(65);
    expect(dup.err).toMatch(/two training sources are named ".*" \(rows 3 and 97\).*--td-members keep to skip that \(in twice\.csv, row 97, column "CSCv2_name"\)/);
    expect((await classify(['--td', twice, '--sources', mixed, '--no-redden', '--workers', '1', '--td-members', 'keep', ...FAST, '-o', kept])).code).toBe(0);
  });

  it('gives identical output files for --workers 1 and --workers 2', async () => {
    const one = path('w1.csv');
    const two = path('w2.csv');
    expect((await classify(['--td', td, '--sources', field, '--ebv', '0.4', '--workers', '1', ...FAST, '-o', one])).code).toBe(0);
    const r = await classify(['--td', td, '--sources', field, '--ebv', '0.4', '--workers', '2', ...FAST, '-o', two]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/x 1 E\(B-V\) bin on 2 workers/);
    expect(readFileSync(two, 'utf8')).toBe(readFileSync(one, 'utf8'));
  });

  it('--no-redden and --mc 0 (one draw on the measured values: every e_P is 0)', async () => {
    const out = path('nomc.csv');
    const r = await classify(['--td', td, '--sources', field, '--no-redden', '--mc', '0', '--trees', '8', '--workers', '1', '-o', out]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/no Monte Carlo resampling, no reddening on 1 worker/);
    expect(r.err).toMatch(/CT not meaningful without Monte Carlo/);
    const { rows } = await readBack(out);
    for (const row of rows) for (const c of CLASSES) expect(row[`e_P_${c}`]).toBe('0');
  });

  it('replaces output columns already in the sources file (re-classifying an output) and says so', async () => {
    const again = path('again.csv');
    const first = path('first.csv');
    await classify(['--td', td, '--sources', field, '--no-redden', ...FAST, '--workers', '1', '-o', first]);
    const r = await classify(['--td', td, '--sources', first, '--no-redden', ...FAST, '--workers', '1', '-o', again]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/replacing the input's P_AGN, e_P_AGN, .*, CT, No_features, TD_member\)/);
    const { columns } = await readBack(again);
    expect(columns.filter((c) => c === 'CT')).toHaveLength(1);
    expect(readFileSync(again, 'utf8')).toBe(readFileSync(first, 'utf8'));
  });

  it('with --tbabs, absorbs the training AGNs with that cross section', async () => {
    // A grey absorber of 9e-22 cm^2 per H at every energy: far more soft absorption than Morrison & McCammon.
    const energies = Array.from({ length: 30 }, (_, i) => 0.1 * 1.2 ** i);
    const table = `${energies.join(' ')}\n${energies.map(() => 9).join(' ')}\n`;
    const tbabs = path('grey.data');
    writeFileSync(tbabs, table);
    const withTbabs = path('tbabs.csv');
    const r = await classify(['--td', td, '--sources', field, '--ebv', '2', '--tbabs', tbabs, '--workers', '1', ...FAST, '-o', withTbabs]);
    expect(r.code).toBe(0);
    const training = (await readSourceTable(td, { requireLabel: true })).sources;
    const sources = (await readSourceTable(field)).sources;
    const absorber = new XrayAbsorber({ crossSection: parseTbabsData(table) });
    const options = { nSamples: 3, seed: 5, workers: 1, classifier: { type: 'RandomForest', options: { nEstimators: 8 } } } as const;
    const expected = await new MonteCarloClassifier({ ...options, reddening: { absorber } }).fit(training).predict(sources, { ebv: 2 });
    const plain = await new MonteCarloClassifier(options).fit(training).predict(sources, { ebv: 2 });
    const { rows } = await readBack(withTbabs);
    expect(rows.map((row) => parseNumberCell(row.P_AGN))).toEqual(Array.from({ length: 10 }, (_, i) => expected.mean.data[i * 8]));
    expect(Array.from(expected.mean.data)).not.toEqual(Array.from(plain.mean.data));

    const bad = path('bad.data');
    writeFileSync(bad, '0.5 1 2\n1 2\n');
    const e = await classify(['--td', td, '--sources', field, '--ebv', '2', '--tbabs', bad, ...FAST, '-o', path('never.csv')]);
    expect(e.code).toBe(65);
    expect(e.err).toBe('muwclass classify: tbabs table has 3 energies but 2 cross sections (in bad.data)\n');
  });

  it('draws a progress bar on a terminal', async () => {
    const stderr = new PassThrough();
    let err = '';
    stderr.on('data', (d: Buffer) => (err += d.toString()));
    const context = { stdout: new PassThrough(), stderr, isTTY: true };
    expect(await runCli(['classify', '--td', td, '--sources', field, '--ebv', '0.1', '--workers', '1', ...FAST, '-o', path('tty.csv')], context)).toBe(0);
    expect(err).toMatch(/\rclassify \[#+-*\] 1\/3 draws  33%  ETA \d+ s/);
    expect(err).toMatch(/\rclassify \[#{30}\] 3\/3 draws 100%  done in \d+ s(\x1b\[K)?\nclassified 10 sources/);
  });
});

describe('muwclass classify --ebv-binning adaptive --ebv-bin-fraction', () => {
  it('trains fewer models with wider adaptive bins (one per bin and draw)', async () => {
    const bins = async (fraction: string) => {
      const r = await classify(['--td', td, '--sources', field, '--ebv-column', 'ebv', '--ebv-binning', 'adaptive', '--ebv-bin-fraction', fraction, '--workers', '1', ...FAST, '-o', path(`adaptive-${fraction}.csv`)]);
      expect(r.code).toBe(0);
      return Number(/x (\d+) E\(B-V\) bins?/.exec(r.err)![1]);
    };
    const narrow = await bins('0.05');
    const wide = await bins('1');
    expect(narrow).toBeGreaterThan(wide);
    expect(wide).toBeGreaterThanOrEqual(1);
  });
});

describe('muwclass classify: errors', () => {
  it.each([
    [['--sources', 'f.csv', '--ebv', '0', '-o', 'o.csv'], /--td <td.csv> \(the training set\) is required/],
    [['--td', 't.csv', '--ebv', '0', '-o', 'o.csv'], /--sources <sources.csv> \(the sources to classify\) is required/],
    [['--td', 't.csv', '--sources', 'f.csv', '--ebv', '0'], /-o <out.csv> is required/],
    [['--td', 't.csv', '--sources', 'f.csv', '-o', 'o.csv'], /give the E\(B-V\) towards the sources \(--ebv-column <col> or --ebv <mag>\) to redden the training AGNs, or --no-redden/],
    [['--td', 't.csv', '--sources', 'f.csv', '--ebv', '0.1', '--ebv-column', 'ebv', '-o', 'o.csv'], /--ebv-column and --ebv exclude each other/],
    [['--td', 't.csv', '--sources', 'f.csv', '--ebv=-0.1', '-o', 'o.csv'], /--ebv needs a non-negative number, got "-0.1"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--no-redden', '--mc=-2', '-o', 'o.csv'], /--mc needs an integer >= 0, got "-2"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--no-redden', '--mc', '2.5', '-o', 'o.csv'], /--mc needs an integer >= 0, got "2.5"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--no-redden', '--trees', '0', '-o', 'o.csv'], /--trees needs an integer >= 1, got "0"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--no-redden', '--workers', 'two', '-o', 'o.csv'], /--workers needs an integer >= 1, got "two"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--ebv', '1', '--ebv-binning', 'log', '-o', 'o.csv'], /--ebv-binning must be fixed or adaptive, got "log"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--no-redden', '--tbabs', 'x.data', '-o', 'o.csv'], /--tbabs has no effect with --no-redden/],
    [['--td', 't.csv', '--sources', 'f.csv', '--ebv', '1', '--ebv-bin-fraction', '0.1', '-o', 'o.csv'], /--ebv-bin-fraction applies to --ebv-binning adaptive only/],
    [['--td', 't.csv', '--sources', 'f.csv', '--ebv', '1', '--ebv-binning', 'adaptive', '--ebv-bin-fraction', '0', '-o', 'o.csv'], /--ebv-bin-fraction must be a number in \(0, 1\], got "0"/],
    [['--td', 't.csv', '--sources', 'f.csv', '--no-redden', '-o', 'o.csv', 'extra'], /Unexpected argument 'extra'/],
  ])('%j is a usage error (exit 2)', async (argv, message) => {
    const r = await classify(argv);
    expect(r.err).toMatch(message);
    expect(r.err).toMatch(/Usage: muwclass classify/);
    expect(r.code).toBe(2);
  });

  it('names a missing input file', async () => {
    const r = await classify(['--td', path('nope.csv'), '--sources', field, '--no-redden', '-o', path('never.csv')]);
    expect(r.code).toBe(66);
    expect(r.err).toMatch(/^muwclass classify: --td: no such file: .*nope\.csv\n$/);
  });

  it('names the file and column of a required column missing from the sources', async () => {
    const noW2 = await writeSourcesCsv(path('no-w2.csv'), syntheticTrainingSet({ seed: 3, perClass: only({ AGN: 2 }) }), { drop: ['e_W2mag'] });
    const r = await classify(['--td', td, '--sources', noW2, '--no-redden', '-o', path('never.csv')]);
    expect(r.err).toBe('muwclass classify: missing required column "e_W2mag" in no-w2.csv\n');
    expect(r.code).toBe(65);
  });

  it('names the training set when its class column is unknown, and accepts --class-column', async () => {
    const typed = await writeSourcesCsv(path('typed.csv'), syntheticTrainingSet({ seed: 1, perClass }), { classColumn: 'Type' });
    const r = await classify(['--td', typed, '--sources', field, '--no-redden', '-o', path('never.csv')]);
    expect(r.err).toBe('muwclass classify: the class column "True_Class" is not in the training set typed.csv; name the column holding the classes with --class-column\n');
    expect(r.code).toBe(65);
    const ok = await classify(['--td', typed, '--sources', field, '--no-redden', '--class-column', 'Type', ...FAST, '--workers', '1', '-o', path('typed-out.csv')]);
    expect(ok.code).toBe(0);
  });

  it('rejects a training set with a single class', async () => {
    const agn = await writeSourcesCsv(path('agn-only.csv'), syntheticTrainingSet({ seed: 1, perClass: only({ AGN: 10 }) }));
    const r = await classify(['--td', agn, '--sources', field, '--no-redden', '-o', path('never.csv')]);
    expect(r.err).toBe('muwclass classify: the training set agn-only.csv has a single class (AGN) in column "True_Class"; at least two classes are needed\n');
    expect(r.code).toBe(65);
  });

  it('names the row of a negative or missing E(B-V), and a missing E(B-V) column', async () => {
    const sources = syntheticTrainingSet({ seed: 2, perClass: only({ AGN: 2, YSO: 2 }) });
    const negative = await writeSourcesCsv(path('neg.csv'), sources, { extra: (_, i) => ({ ebv: i === 2 ? -0.05 : 0.1 }) });
    const r = await classify(['--td', td, '--sources', negative, '--ebv-column', 'ebv', '-o', path('never.csv')]);
    expect(r.err).toBe('muwclass classify: value -0.05 is outside the column\'s range [0, ∞) (in neg.csv, row 3, column "ebv")\n');
    expect(r.code).toBe(65);
    const empty = await writeSourcesCsv(path('empty.csv'), sources, { extra: (_, i) => ({ ebv: i === 1 ? '' : 0.1 }) });
    const m = await classify(['--td', td, '--sources', empty, '--ebv-column', 'ebv', '-o', path('never.csv')]);
    expect(m.err).toMatch(/missing E\(B-V\).* \(in empty\.csv, row 2, column "ebv"\)\n$/);
    const n = await classify(['--td', td, '--sources', field, '--ebv-column', 'E_BV', '-o', path('never.csv')]);
    expect(n.err).toBe('muwclass classify: missing required column "E_BV" in field.csv\n');
  });
});

describeWithData('muwclass classify with the paper\'s tbabs table', ['reference/tbabs.data'], () => {
  it('reads tbabs.data and classifies', async () => {
    const r = await classify(['--td', td, '--sources', field, '--ebv', '0.8', '--tbabs', sharedData('reference/tbabs.data'), ...FAST, '--workers', '1', '-o', path('real-tbabs.csv')]);
    expect(r.err).toMatch(/classified 10 sources/);
    expect(r.code).toBe(0);
  });
});
