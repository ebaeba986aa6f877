/**
 * The CLI's edge, for every command (in this process, fake streams): exit statuses, messages that name the
 * file, row, column and option, no stack trace, outputs checked before any work, an output never one of the
 * inputs, nothing left behind and the old output kept when a run fails, `-` as standard input and output, a
 * header-only field.
 */
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { EXIT_STATUS, EXIT_STATUS_TABLE, exitStatusOf } from '../../src/cli/exit-status';
import { commandUsage, runCli } from '../../src/cli/main';
import { COMMANDS } from '../../src/cli/commands';
import type { Command } from '../../src/cli/command';
import { UsageError } from '../../src/cli/command';
import {
  CancelledError,
  FileError,
  InvalidArgumentError,
  InvalidValueError,
  MalformedNumberError,
  MissingColumnError,
  NotFittedError,
  ParseError,
  ShapeMismatchError,
  WorkerError,
} from '../../src/core/errors';
import { monteCarloColumns } from '../../src/classify/result';
import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { prepareOutput } from '../../src/node/output';
import { detection, perObservationCsv } from '../helpers/csc';
import { writeSourcesCsv } from '../helpers/training-csv';
import { FAST, listDir, runInProcess, sha256, STACK_TRACE, tempDir, type Run } from './helpers';

const dir = tempDir('edge');
const path = (name: string) => join(dir, name);
const write = (name: string, text: string) => {
  writeFileSync(path(name), text);
  return path(name);
};

/** Rewrites one cell of a CSV file (1-based data row; no quoted cells in these files). */
function spoil(file: string, row: number, column: string, value: string, to = file): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const header = lines[0]!.split(',');
  const j = header.indexOf(column);
  if (j < 0) throw new Error(`no column ${column} in ${file}`);
  const cells = lines[row]!.split(',');
  cells[j] = value;
  lines[row] = cells.join(',');
  writeFileSync(to, lines.join('\n'));
  return to;
}

const CLASSES = [...SYNTHETIC_CLASSES];
let td: string;
let field: string;
let perObs: string;
let xray: string;
let gaia: string;
let table: string;

beforeAll(async () => {
  td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 1, perClass: Object.fromEntries(CLASSES.map((c) => [c, 6])) }));
  field = await writeSourcesCsv(path('field.csv'), syntheticTrainingSet({ seed: 2, namePrefix: 'FIELD J', perClass: Object.fromEntries(CLASSES.map((c) => [c, 2])) }));
  perObs = write('per.csv', perObservationCsv(Array.from({ length: 12 }, (_, i) => detection({ name: `S${i}`, obsid: 100 + i }))));
  xray = write('xray.csv', `name,ra,dec,err_ellipse_r0\n${Array.from({ length: 10 }, (_, i) => `X${i},${166.2 + 0.01 * i},-58.85,0.8`).join('\n')}\n`);
  gaia = write(
    'gaia.csv',
    'ra,dec,ra_error,dec_error,phot_g_mean_mag,phot_g_mean_flux_over_error,phot_bp_mean_mag,phot_bp_mean_flux_over_error,phot_rp_mean_mag,phot_rp_mean_flux_over_error,parallax,parallax_error\n' +
      '166.2,-58.85,0.1,0.1,17.5,500,18.1,50,16.8,80,1.1,0.05\n',
  );
  table = write('table.csv', `Name,Flux,N\n${Array.from({ length: 10 }, (_, i) => `s${i},${1.5e-14 * (i + 1)},${i}`).join('\n')}\n`);
});

/** Every command with a way to run it on good inputs, writing `output`. */
interface Case {
  readonly command: string;
  /** The argv, with `output` as the output and the given inputs (defaults: the good files). */
  argv(output: string, inputs?: Partial<Record<string, string>>): string[];
  /** The option naming the main input, and its default file. */
  readonly input: { readonly option: string; file: () => string };
  /** Spoils a late data row of the main input into `to`, naming the file, row and column of the error. */
  spoilLate(to: string): { row: number; column: string };
}

const CASES: readonly Case[] = [
  {
    command: 'average',
    argv: (o, i = {}) => ['average', i.main ?? perObs, '-o', o],
    input: { option: 'the per-observation file', file: () => perObs },
    spoilLate: (to) => (spoil(perObs, 11, 'theta', 'abc', to), { row: 11, column: 'theta' }),
  },
  {
    command: 'match',
    argv: (o, i = {}) => ['match', '--xray', i.main ?? xray, '--gaia', i.gaia ?? gaia, '-o', o],
    input: { option: '--xray', file: () => xray },
    spoilLate: (to) => (spoil(xray, 9, 'ra', '400', to), { row: 9, column: 'ra' }),
  },
  {
    command: 'classify',
    argv: (o, i = {}) => ['classify', '--td', i.td ?? td, '--sources', i.main ?? field, '--no-redden', ...FAST, '-o', o],
    input: { option: '--sources', file: () => field },
    spoilLate: (to) => (spoil(field, 16, 'Fb', '1e400', to), { row: 16, column: 'Fb' }),
  },
  {
    command: 'evaluate',
    argv: (o, i = {}) => ['evaluate', '--td', i.main ?? td, '--cv', '2', ...FAST, '-o', o],
    input: { option: '--td', file: () => td },
    spoilLate: (to) => (spoil(td, 47, 'e_Fs', 'x1', to), { row: 47, column: 'e_Fs' }),
  },
  {
    command: 'convert',
    argv: (o, i = {}) => ['convert', i.main ?? table, '-o', o],
    input: { option: 'the input', file: () => table },
    spoilLate: (to) => (writeFileSync(to, `${readFileSync(table, 'utf8')}s10,1e-14\n`), { row: 11, column: '' }),
  },
];

function expectClean(r: Run): void {
  expect(r.err).not.toMatch(STACK_TRACE);
  expect(r.out).not.toMatch(STACK_TRACE);
}

describe('exit statuses', () => {
  it('maps every error class to its status, in one table', () => {
    expect(exitStatusOf(new UsageError('x'))).toBe(2);
    for (const e of [
      new InvalidValueError('x'),
      new MalformedNumberError('x', {}),
      new MissingColumnError('c'),
      new ParseError('x'),
      new ShapeMismatchError('x'),
      new InvalidArgumentError('x'),
    ]) {
      expect(exitStatusOf(e)).toBe(65);
    }
    expect(exitStatusOf(new FileError('a.csv', 'not-found', 'no such file'))).toBe(66);
    expect(exitStatusOf(new FileError('a.csv', 'is-directory', 'a directory'))).toBe(66);
    expect(exitStatusOf(new FileError('a.csv', 'permission', 'not readable'))).toBe(66);
    expect(exitStatusOf(new FileError('a.csv', 'io', 'read failed'))).toBe(74);
    expect(exitStatusOf(new FileError('a.csv', 'same-as-input', 'an input'))).toBe(73);
    expect(exitStatusOf(new CancelledError())).toBe(130);
    expect(exitStatusOf(new CancelledError(), 'SIGTERM')).toBe(143);
    expect(exitStatusOf(new NotFittedError('x'))).toBe(70);
    expect(exitStatusOf(new WorkerError('x'))).toBe(70);
    expect(exitStatusOf(new TypeError('x'))).toBe(70);
    expect(exitStatusOf(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }))).toBe(74);
    expect(exitStatusOf(Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' }))).toBe(66);
  });

  it('an output FileError is 73, whatever its reason', async () => {
    const error = await prepareOutput({ path: join(dir, 'nope', 'x.csv'), option: '-o' }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(FileError);
    expect((error as FileError).reason).toBe('not-found');
    expect(exitStatusOf(error)).toBe(73);
  });

  it('muwclass --help lists the exit statuses; each command usage ends with them', async () => {
    const r = await runInProcess(['--help']);
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/Exit status:\n/);
    for (const [status, meaning] of EXIT_STATUS_TABLE) expect(r.out).toContain(`${String(status).padStart(3)}  ${meaning}`);
    for (const c of COMMANDS) {
      const h = await runInProcess([c.name, '--help']);
      expect(h.code).toBe(0);
      expect(h.out).toBe(`${commandUsage(c)}\n`);
      expect(h.out).toMatch(/Exit status: 0 ok, 2 usage, 65 bad input data, 66 missing\/unreadable input, 73 cannot create an output,\n74 I\/O error, 130 interrupted, 70 internal error/);
    }
  });

  it('muwclass without arguments prints the usage to stderr and exits 2', async () => {
    const r = await runInProcess([]);
    expect(r.code).toBe(2);
    expect(r.out).toBe('');
    expect(r.err).toMatch(/^Usage: muwclass <command>/);
  });

  it('an internal error: one line with "please report", exit 70; the stack only with MUWCLASS_DEBUG=1', async () => {
    const broken: Command = {
      name: 'broken',
      summary: 'fails',
      usage: 'Usage: muwclass broken',
      run: async () => {
        const x = undefined as unknown as { y: number };
        return x.y;
      },
    };
    const run = async (env: Record<string, string>) => {
      const stderr = { text: '' };
      const { PassThrough } = await import('node:stream');
      const s = new PassThrough();
      s.on('data', (d: Buffer) => (stderr.text += d.toString()));
      const code = await runCli(['broken'], { stdout: new PassThrough(), stderr: s, isTTY: false, env }, [broken]);
      return { code, err: stderr.text };
    };
    const quiet = await run({});
    expect(quiet.code).toBe(EXIT_STATUS.SOFTWARE);
    expect(quiet.err).toMatch(/^muwclass broken: internal error: TypeError: Cannot read properties of undefined \(reading 'y'\) — this is a bug in muwclass, please report it/);
    expect(quiet.err.trimEnd().split('\n')).toHaveLength(1);
    expect(quiet.err).not.toMatch(STACK_TRACE);
    const debug = await run({ MUWCLASS_DEBUG: '1' });
    expect(debug.code).toBe(70);
    expect(debug.err).toMatch(STACK_TRACE);
  });
});

describe.each(CASES)('muwclass $command: safe outputs', (c) => {
  it('refuses an output that is its input (also through a symlink): exit 73, naming both options, the input unchanged', async () => {
    const input = path(`${c.command}-own-input.csv`);
    writeFileSync(input, readFileSync(c.input.file()));
    const before = sha256(input);
    const r = await runInProcess(c.argv(input, { main: input }));
    expectClean(r);
    expect(r.code).toBe(73);
    expect(r.err).toBe(`muwclass ${c.command}: -o is the same file as the input ${c.input.option}; refusing to overwrite an input, choose another output: ${input}\n`);
    // The same through a symlink.
    const link = path(`${c.command}-link-to-input.csv`);
    if (!existsSync(link)) symlinkSync(input, link);
    const l = await runInProcess(c.argv(link, { main: input }));
    expect(l.code).toBe(73);
    expect(l.err).toContain(`-o is the same file as the input ${c.input.option} (${input})`);
    expect(sha256(input)).toBe(before);
    expect(listDir(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('checks the output before any work: a missing directory, a directory: exit 73 (even with bad data in the input)', async () => {
    const bad = path(`${c.command}-bad-for-output.csv`);
    c.spoilLate(bad);
    for (const [output, pattern] of [
      [join(dir, 'no-such-dir', 'out.csv'), /-o: directory does not exist: .*no-such-dir; cannot create/],
      [dir, /-o is a directory, not a file/],
    ] as const) {
      const listing = listDir(dir);
      const r = await runInProcess(c.argv(output, { main: bad }));
      expectClean(r);
      expect(r.code).toBe(73);
      expect(r.err).toMatch(pattern);
      expect(listDir(dir)).toEqual(listing);
    }
  });

  it('a missing input is exit 66 naming the option; an input that is a directory too', async () => {
    const r = await runInProcess(c.argv(path('never.csv'), { main: path('missing.csv') }));
    expectClean(r);
    expect(r.code).toBe(66);
    expect(r.err).toContain(`${c.input.option}: no such file: ${path('missing.csv')}`);
    expect(existsSync(path('never.csv'))).toBe(false);
    const d = path(`${c.command}-input-dir`);
    mkdirSync(d, { recursive: true });
    const s = await runInProcess(c.argv(path('never.csv'), { main: d }));
    expect(s.code).toBe(66);
    expect(s.err).toContain(`${c.input.option} is a directory, not a file`);
  });

  it('a bad row late in the input: exit 65 naming the row, the old output kept, nothing left behind', async () => {
    const bad = path(`${c.command}-late.csv`);
    const where = c.spoilLate(bad);
    const output = path(`${c.command}-previous-output.csv`);
    writeFileSync(output, 'the previous output\n');
    const before = sha256(bad);
    const listing = listDir(dir);
    const r = await runInProcess(c.argv(output, { main: bad }));
    expectClean(r);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(new RegExp(`\\brow ${where.row}\\b`));
    expect(r.err).toContain(`${c.command}-late.csv`);
    if (where.column !== '') expect(r.err).toContain(`"${where.column}"`);
    expect(readFileSync(output, 'utf8')).toBe('the previous output\n');
    expect(sha256(bad)).toBe(before);
    expect(listDir(dir)).toEqual(listing);
  });

  it('runs, replacing an existing output whole and leaving no temporary file', async () => {
    const output = path(`${c.command}-replaced.${c.command === 'convert' ? 'mrt' : 'csv'}`);
    writeFileSync(output, 'old\n');
    const r = await runInProcess(c.argv(output));
    expectClean(r);
    expect(r.code).toBe(0);
    expect(readFileSync(output, 'utf8')).not.toBe('old\n');
    expect(listDir(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('- is standard input and standard output', () => {
  it('average - -o -: reads stdin, writes the table to stdout and the summary to stderr', async () => {
    const r = await runInProcess(['average', '-', '-o', '-'], { stdin: readFileSync(perObs, 'utf8') });
    expectClean(r);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^CSCv2_name,CSCv2_RA,CSCv2_DEC,CSCv2_PU,Fs,/);
    expect(r.out.trimEnd().split('\n')).toHaveLength(13);
    expect(r.err).toMatch(/^stdin: 12 detections of 12 sources/);
    expect(r.err).toMatch(/wrote 12 sources to standard output/);
    expect(existsSync(join(process.cwd(), '-'))).toBe(false);
  });

  it('classify --sources - -o -, and --td - (the training set read twice from the one stdin)', async () => {
    const r = await runInProcess(['classify', '--td', td, '--sources', '-', '--no-redden', ...FAST, '-o', '-'], { stdin: readFileSync(field, 'utf8') });
    expectClean(r);
    expect(r.code).toBe(0);
    const lines = r.out.trimEnd().split('\n');
    expect(lines).toHaveLength(17);
    expect(lines[0]!.endsWith([...monteCarloColumns(CLASSES), 'TD_member'].join(','))).toBe(true);
    expect(r.err).toMatch(/^classified 16 sources of stdin with td\.csv/);
    expect(r.err).toMatch(/wrote standard output\n$/);

    const t = await runInProcess(['classify', '--td', '-', '--sources', field, '--no-redden', ...FAST, '-o', path('from-stdin-td.csv')], { stdin: readFileSync(td, 'utf8') });
    expect(t.code).toBe(0);
    expect(t.err).toMatch(/with stdin \(48 sources, 8 classes\)/);
  });

  it('only one input may be -', async () => {
    const r = await runInProcess(['classify', '--td', '-', '--sources', '-', '--no-redden', '-o', '-']);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/only one input can be read from standard input \(-\): --td and --sources both are/);
  });

  it('evaluate -o -: the out-of-fold table on stdout, the report on stderr', async () => {
    const r = await runInProcess(['evaluate', '--td', td, '--cv', '2', ...FAST, '-o', '-']);
    expectClean(r);
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toBe(['CSCv2_name', 'True_Class', ...monteCarloColumns(CLASSES)].join(','));
    expect(r.out).not.toMatch(/cross-validation/);
    expect(r.err).toMatch(/td\.csv: 48 sources, 8 classes; stratified 2-fold cross-validation/);
    expect(r.err).toMatch(/wrote the out-of-fold classification of every source to standard output/);
    const plain = await runInProcess(['evaluate', '--td', td, '--cv', '2', ...FAST]);
    expect(plain.out).toMatch(/stratified 2-fold cross-validation/);
  });

  it('match --xray - -o -, convert - -o - (CSV both ways) and --to mrt', async () => {
    const m = await runInProcess(['match', '--xray', '-', '--gaia', gaia, '-o', '-'], { stdin: readFileSync(xray, 'utf8') });
    expectClean(m);
    expect(m.code).toBe(0);
    expect(m.out.trimEnd().split('\n')).toHaveLength(11);
    expect(m.err).toMatch(/wrote 10 sources to standard output/);
    const c = await runInProcess(['convert', '-', '-o', '-'], { stdin: 'a,b\n1,x\n' });
    expect(c.code).toBe(0);
    expect(c.out).toBe('a,b\n1,x\n');
    const mrt = await runInProcess(['convert', '-', '-o', '-', '--to', 'mrt'], { stdin: 'a,b\n1,x\n' });
    expect(mrt.code).toBe(0);
    expect(mrt.out).toMatch(/Byte-by-byte Description of file: table/);
  });
});

describe('evaluate --svg-dir', () => {
  it('naming a file is exit 73 before any work; a new directory is created only when the run succeeds', async () => {
    const notDir = write('plots.svg', 'not a directory\n');
    const r = await runInProcess(['evaluate', '--td', td, '--cv', '2', ...FAST, '--svg-dir', notDir]);
    expectClean(r);
    expect(r.code).toBe(73);
    expect(r.err).toMatch(/--svg-dir names a file, not a directory: .*plots\.svg/);
    expect(r.out).toBe('');
    expect(readFileSync(notDir, 'utf8')).toBe('not a directory\n');

    const bad = spoil(td, 40, 'Fs', 'abc', path('td-bad-svg.csv'));
    const plots = path('plots-new');
    const failed = await runInProcess(['evaluate', '--td', bad, '--cv', '2', ...FAST, '--svg-dir', plots]);
    expect(failed.code).toBe(65);
    expect(existsSync(plots)).toBe(false);

    const ok = await runInProcess(['evaluate', '--td', td, '--cv', '2', ...FAST, '--svg-dir', plots]);
    expect(ok.code).toBe(0);
    expect(listDir(plots)).toEqual(['confusion-confident-precision.svg', 'confusion-confident-recall.svg', 'confusion-precision.svg', 'confusion-recall.svg', 'ct-sweep.svg']);
    expect(r.err).not.toMatch(STACK_TRACE);
  });
});

describe('classify: a field with a header and no rows', () => {
  it('writes just the header and exits 0, saying 0 sources', async () => {
    const header = `${readFileSync(field, 'utf8').split('\n')[0]!}\n`;
    const empty = write('header-only.csv', header);
    for (const redden of [['--no-redden'], ['--ebv', '0.3']]) {
      const output = path('header-only-out.csv');
      const r = await runInProcess(['classify', '--td', td, '--sources', empty, ...redden, ...FAST, '-o', output]);
      expectClean(r);
      expect(r.code).toBe(0);
      expect(r.err).toMatch(/^classified 0 sources of header-only\.csv with td\.csv \(48 sources, 8 classes\); nothing to classify; wrote /);
      expect(readFileSync(output, 'utf8')).toBe(`${[...header.trimEnd().split(','), ...monteCarloColumns(CLASSES), 'TD_member'].join(',')}\n`);
    }
  });
});

describe('match: errors name the 1-based data row and the user\'s columns and options', () => {
  const run = (x: string, extra: string[] = []) => runInProcess(['match', '--xray', x, '--gaia', gaia, ...extra, '-o', path('match-never.csv')]);

  it.each([
    ['RA out of range', 'ra', '400', /right ascension "400" is outside \[0, 360\) degrees \(in x\.csv, row 3, column "ra"\)/],
    ['RA of 360', 'ra', '360', /right ascension "360" is outside \[0, 360\) degrees \(in x\.csv, row 3, column "ra"\)/],
    ['Dec out of range', 'dec', '95', /declination "95" is outside \[-90, 90\] degrees \(in x\.csv, row 3, column "dec"\)/],
    ['missing Dec', 'dec', '', /missing declination \(in x\.csv, row 3, column "dec"\)/],
    ['negative PU', 'err_ellipse_r0', '-1', /positional uncertainty must be a finite number >= 0 \(arcsec\), got "-1" \(in x\.csv, row 3, column "err_ellipse_r0"\)/],
    ['infinite PU', 'err_ellipse_r0', 'inf', /row 3, column "err_ellipse_r0"/],
  ])('%s', async (_, column, value, message) => {
    const x = spoil(xray, 3, column, value, path('x.csv'));
    const r = await run(x);
    expectClean(r);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(message);
    expect(r.err).not.toMatch(/\bxray\b(?!\.csv)|"pu"|row 2\b/);
    expect(existsSync(path('match-never.csv'))).toBe(false);
  });

  it('uses the names of --columns overrides, and names a missing column with the option', async () => {
    const renamed = write('renamed.csv', readFileSync(xray, 'utf8').replace('name,ra,dec,err_ellipse_r0', 'Src,RA_deg,DE_deg,r95'));
    const columns = write('columns.json', JSON.stringify({ xray: { name: 'Src', ra: 'RA_deg', dec: 'DE_deg', pu: 'r95' } }));
    const ok = await runInProcess(['match', '--xray', renamed, '--gaia', gaia, '--columns', columns, '-o', path('renamed-out.csv')]);
    expect(ok.code).toBe(0);
    const bad = spoil(renamed, 5, 'DE_deg', '-91', path('renamed-bad.csv'));
    const r = await run(bad, ['--columns', columns]);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/declination "-91" is outside \[-90, 90\] degrees \(in renamed-bad\.csv, row 5, column "DE_deg"\)/);
    const missing = await run(renamed);
    expect(missing.code).toBe(65);
    expect(missing.err).toMatch(/missing required column "CSCv2_RA" in renamed\.csv \(--xray\)/);
  });

  it('checks --columns: JSON, known keys, column names', async () => {
    for (const [text, message] of [
      ['{"xray": ', /columns-bad\.json \(--columns\).*not valid JSON|not valid JSON.*columns-bad\.json \(--columns\)/],
      ['[1]', /must be a JSON object/],
      ['{"chandra": {}}', /unknown key "chandra"; the keys are xray, gaia, tmass, allwise, catwise, unwise/],
      ['{"xray": {"decl": "x"}}', /unknown key "xray\.decl"/],
      ['{"xray": {"ra": 5}}', /"xray\.ra" must be a column name/],
    ] as const) {
      const r = await run(xray, ['--columns', write('columns-bad.json', text)]);
      expectClean(r);
      expect(r.code).toBe(65);
      expect(r.err).toMatch(message);
    }
  });

  it('a catalog error names the catalog file, 1-based row and its column', async () => {
    const g = write('g.csv', `${readFileSync(gaia, 'utf8')}166.3,-58.85,0.1,0.1,17.5,500,18.1,50,16.8,80,abc,0.05\n`);
    const r = await runInProcess(['match', '--xray', xray, '--gaia', g, '-o', path('match-never.csv')]);
    expectClean(r);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/in g\.csv, row 2, column "parallax"/);
  });
});

describe('convert: what an MRT cannot hold is an error', () => {
  it('an empty CSV (no header) is exit 65, not a 0-column table', async () => {
    const r = await runInProcess(['convert', write('empty.csv', ''), '-o', path('empty.mrt')]);
    expectClean(r);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/the CSV is empty: no header row, nothing to convert \(in empty\.csv\)/);
    expect(existsSync(path('empty.mrt'))).toBe(false);
  });

  it('a text cell with a line break is exit 65 naming its row and column', async () => {
    const r = await runInProcess(['convert', write('nl.csv', 'Name,N\na,1\n"two\nlines",2\n'), '-o', path('nl.mrt')]);
    expectClean(r);
    expect(r.code).toBe(65);
    expect(r.err).toMatch(/a text cell with a line break cannot be written to an MRT.*\(in nl\.csv, row 2, column "Name"\)/);
    expect(existsSync(path('nl.mrt'))).toBe(false);
  });
});

describe('interrupted (the signal of the context, as SIGINT sets it)', () => {
  it('classify: exit 130, the Monte Carlo run stopped, the old output kept, no temporary file', async () => {
    const output = write('interrupted.csv', 'the previous output\n');
    const listing = listDir(dir);
    const controller = new AbortController();
    const r = await runInProcess(['classify', '--td', td, '--sources', field, '--no-redden', '--mc', '500', '--trees', '5', '--workers', '1', '-o', output], {
      isTTY: true,
      signal: controller.signal,
      onStderr: (text) => {
        if (/\d+\/\d+ draws/.test(text)) controller.abort('SIGINT');
      },
    });
    expect(r.code).toBe(130);
    expect(r.err).toMatch(/muwclass classify: interrupted; no output written \(an existing output is unchanged\)\n$/);
    expect(r.err).not.toMatch(/500\/500 draws/);
    expect(readFileSync(output, 'utf8')).toBe('the previous output\n');
    expect(listDir(dir)).toEqual(listing);
  });

  it('evaluate: exit 130 (143 for SIGTERM), no output', async () => {
    const controller = new AbortController();
    const r = await runInProcess(['evaluate', '--td', td, '--cv', '2', '--mc', '500', '--trees', '5', '--workers', '1', '-o', path('ev-int.csv')], {
      isTTY: true,
      signal: controller.signal,
      onStderr: (text) => {
        if (/\d+\/\d+ draws/.test(text)) controller.abort('SIGTERM');
      },
    });
    expect(r.code).toBe(143);
    expect(existsSync(path('ev-int.csv'))).toBe(false);
    expect(r.out).toBe('');
  });
});
