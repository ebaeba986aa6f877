/**
 * `muwclass classify --plan`, `run-shard`, `merge` and `slurm` in-process: the merged output is byte-identical
 * to one `muwclass classify` run for several numbers of shards and orders of the parts; the errors name the file.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { runInProcess, tempDir } from '../cli/helpers';
import { writeSourcesCsv } from '../helpers/training-csv';

const dir = tempDir('shard-cli');
const path = (name: string) => join(dir, name);
const OPTIONS = ['--mc', '4', '--trees', '6', '--seed', '11', '--ebv-column', 'ebv', '--ebv-binning', 'adaptive'];
const EBV = [0, 0.3, 1.2, 0.31, 0.05, 0.6, 0, 2, 0.3, 0.7, 1.5, 0.02];

let td: string;
let field: string;
let expected: Buffer;

beforeAll(async () => {
  td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 1, perClass: Object.fromEntries(SYNTHETIC_CLASSES.map((c) => [c, 8])) }));
  const sources = syntheticTrainingSet({ seed: 2, namePrefix: 'FIELD J', perClass: { AGN: 4, YSO: 2, NS: 1, CV: 1, 'HM-STAR': 1, HMXB: 1, LMXB: 1, 'LM-STAR': 1 } });
  field = await writeSourcesCsv(path('field.csv'), sources, { extra: (_, i) => ({ ebv: EBV[i]!, note: i === 0 ? 'see "paper", Fig. 2' : '' }) });
  const one = await runInProcess(['classify', '--td', td, '--sources', field, ...OPTIONS, '--workers', '2', '-o', path('one.csv')]);
  expect(one.err).toMatch(/classified 12 sources/);
  expect(one.code).toBe(0);
  expected = readFileSync(path('one.csv'));
  const planned = await runInProcess(['classify', '--td', td, '--sources', field, ...OPTIONS, '--plan', path('plan.json')]);
  expect(planned.err).toMatch(/^planned 12 sources of field.csv: \d+ groups x 4 draws in \d+ units of work; wrote .*plan.json \(plan [0-9a-f]{12}\)\n$/);
  expect(planned.code).toBe(0);
});

async function shard(i: number, n: number, out: string, workers = '1'): Promise<void> {
  const r = await runInProcess(['run-shard', path('plan.json'), '--shard', `${i}/${n}`, '--workers', workers, '-o', out]);
  expect(r.err).toMatch(new RegExp(`^shard ${i}/${n} of plan.json \\(plan [0-9a-f]{12}\\): `));
  expect(r.code).toBe(0);
}

describe('classify --plan, run-shard, merge', () => {
  it('the plan records the inputs with their SHA-256', () => {
    const plan = JSON.parse(readFileSync(path('plan.json'), 'utf8')) as { version: number; body: { meta: { inputs: { option: string; path: string; sha256: string }[] } } };
    expect(plan.version).toBe(1);
    expect(plan.body.meta.inputs.map((i) => i.option)).toEqual(['--td', '--sources']);
    expect(plan.body.meta.inputs[1]!.path).toBe(field);
    expect(plan.body.meta.inputs[1]!.sha256).toMatch(/^[0-9a-f]{64}$/);
  });

  it('merged output is byte-identical to one classify run, for N = 1, 2, 3, 5 and any order of the parts', async () => {
    for (const n of [1, 2, 3, 5]) {
      const parts = Array.from({ length: n }, (_, i) => path(`n${n}-part-${i}`));
      // shards finish in reverse order; one shard runs on two worker threads
      for (let i = n - 1; i >= 0; i--) await shard(i, n, parts[i]!, i === 0 ? '2' : '1');
      for (const order of [parts, [...parts].reverse()]) {
        const r = await runInProcess(['merge', path('plan.json'), ...order, '-o', path(`n${n}.csv`)]);
        expect(r.err).toMatch(new RegExp(`^merged ${n} parts? of plan.json \\(plan [0-9a-f]{12}\\): 12 sources; Class: `));
        expect(r.code).toBe(0);
        expect(readFileSync(path(`n${n}.csv`)).equals(expected)).toBe(true);
      }
    }
  });

  it('a moved sources file is found with --sources (same bytes)', async () => {
    for (let i = 0; i < 2; i++) await shard(i, 2, path(`m-part-${i}`));
    writeFileSync(path('field-copy.csv'), readFileSync(field));
    const r = await runInProcess(['merge', path('plan.json'), path('m-part-1'), path('m-part-0'), '--sources', path('field-copy.csv'), '-o', path('moved.csv')]);
    expect(r.code).toBe(0);
    expect(readFileSync(path('moved.csv')).equals(expected)).toBe(true);
  });

  it('--no-redden --mc 0 (one group, no resampling) through 2 shards: byte-identical too', async () => {
    const args = ['--td', td, '--sources', field, '--no-redden', '--mc', '0', '--trees', '5', '--seed', '3'];
    expect((await runInProcess(['classify', ...args, '--workers', '1', '-o', path('nr-one.csv')])).code).toBe(0);
    expect((await runInProcess(['classify', ...args, '--plan', path('nr-plan.json')])).code).toBe(0);
    for (const i of [1, 0]) expect((await runInProcess(['run-shard', path('nr-plan.json'), '--shard', `${i}/2`, '-o', path(`nr-part-${i}`)])).code).toBe(0);
    const r = await runInProcess(['merge', path('nr-plan.json'), path('nr-part-0'), path('nr-part-1'), '-o', path('nr-merged.csv')]);
    expect(r.err).toMatch(/CT not meaningful without Monte Carlo/);
    expect(readFileSync(path('nr-merged.csv')).equals(readFileSync(path('nr-one.csv')))).toBe(true);
  });

  it('a field with a header and no rows: the header alone, as classify writes it', async () => {
    writeFileSync(path('empty.csv'), `${readFileSync(field, 'utf8').split('\n')[0]}\n`);
    const args = ['--td', td, '--sources', path('empty.csv'), ...OPTIONS];
    expect((await runInProcess(['classify', ...args, '-o', path('empty-one.csv')])).code).toBe(0);
    expect((await runInProcess(['classify', ...args, '--plan', path('empty-plan.json')])).code).toBe(0);
    for (let i = 0; i < 2; i++) expect((await runInProcess(['run-shard', path('empty-plan.json'), '--shard', `${i}/2`, '-o', path(`empty-part-${i}`)])).code).toBe(0);
    const r = await runInProcess(['merge', path('empty-plan.json'), path('empty-part-0'), path('empty-part-1'), '-o', path('empty-merged.csv')]);
    expect(r.code).toBe(0);
    const header = readFileSync(path('empty-one.csv'), 'utf8');
    expect(header).toMatch(/^CSCv2_name,.*,P_AGN,e_P_AGN,.*,No_features,TD_member\n$/);
    expect(readFileSync(path('empty-merged.csv'), 'utf8')).toBe(header);
  });

  describe('clear errors', () => {
    beforeAll(async () => {
      for (let i = 0; i < 3; i++) await shard(i, 3, path(`e-part-${i}`));
    });
    const merge = (...args: string[]) => runInProcess(['merge', path('plan.json'), ...args, '-o', path('e.csv')]);

    it('a missing shard', async () => {
      const r = await merge(path('e-part-0'), path('e-part-2'));
      expect(r.code).toBe(65);
      expect(r.err).toMatch(/missing shard 1\/3 \(2 of 3 parts given\)/);
    });
    it('a duplicate shard, naming both files', async () => {
      writeFileSync(path('e-copy-1'), readFileSync(path('e-part-1')));
      const r = await merge(path('e-part-0'), path('e-part-1'), path('e-copy-1'), path('e-part-2'));
      expect(r.code).toBe(65);
      expect(r.err).toContain(`shard 1/3 is given twice: ${path('e-part-1')} and ${path('e-copy-1')}`);
    });
    it('a part of another plan (hash mismatch)', async () => {
      const other = await runInProcess(['classify', '--td', td, '--sources', field, ...OPTIONS.map((o) => (o === '11' ? '12' : o)), '--plan', path('other.json')]);
      expect(other.code).toBe(0);
      const r1 = await runInProcess(['run-shard', path('other.json'), '--shard', '1/3', '--workers', '1', '-o', path('other-part-1')]);
      expect(r1.code).toBe(0);
      const r = await merge(path('e-part-0'), path('other-part-1'), path('e-part-2'));
      expect(r.code).toBe(65);
      expect(r.err).toContain(`${path('other-part-1')} belongs to another plan`);
    });
    it('a corrupt part and a part of another version, naming the file', async () => {
      const bytes = readFileSync(path('e-part-1'));
      bytes[bytes.length - 1]! ^= 0x40;
      writeFileSync(path('e-bad-1'), bytes);
      const r = await merge(path('e-part-0'), path('e-bad-1'), path('e-part-2'));
      expect(r.code).toBe(65);
      expect(r.err).toContain(`corrupt part file: its data does not match its checksum (in ${path('e-bad-1')})`);
      const v9 = readFileSync(path('e-part-1'));
      v9.write('"version":9', v9.indexOf('"version":1'));
      writeFileSync(path('e-v9-1'), v9);
      const r2 = await merge(path('e-part-0'), path('e-v9-1'), path('e-part-2'));
      expect(r2.err).toContain(`part file version 9; this muwclass reads version 1 (run the shard again with this muwclass) (in ${path('e-v9-1')})`);
    });
    it('a corrupt plan, naming it', async () => {
      writeFileSync(path('bad-plan.json'), readFileSync(path('plan.json'), 'utf8').replace('"errorScale":', '"errorScale":3,"was":'));
      const r = await runInProcess(['run-shard', path('bad-plan.json'), '--shard', '0/2', '-o', path('x')]);
      expect(r.code).toBe(65);
      expect(r.err).toContain(`corrupt plan file: its body does not match its hash`);
      expect(r.err).toContain(`(in ${path('bad-plan.json')})`);
    });
    it('a changed sources file', async () => {
      writeFileSync(path('field-moved.csv'), readFileSync(field, 'utf8').replace('see', 'saw'));
      const r = await merge(path('e-part-0'), path('e-part-1'), path('e-part-2'), '--sources', path('field-moved.csv'));
      expect(r.code).toBe(65);
      expect(r.err).toMatch(/is not the one the plan was made from/);
    });
    it('usage errors: a bad --shard, --plan with -o', async () => {
      const r = await runInProcess(['run-shard', path('plan.json'), '--shard', '3/3', '-o', path('x')]);
      expect(r.code).toBe(2);
      expect(r.err).toMatch(/--shard 3\/3: the shard must be in 0…2 \(shards count from 0\)/);
      const c = await runInProcess(['classify', '--td', td, '--sources', field, ...OPTIONS, '--plan', path('p2.json'), '-o', path('o.csv')]);
      expect(c.code).toBe(2);
      expect(c.err).toMatch(/--plan and -o exclude each other/);
    });
  });
});

describe('muwclass slurm', () => {
  it('writes a submit script: a job array of N shards and a merge that depends on it', async () => {
    const r = await runInProcess(['slurm', path('plan.json'), '--shards', '4', '--partition', 'debug', '--time', '0:10:00', '--cpus-per-task', '2', '--muwclass', 'node /opt/muwclass/cli.js', '-o', path('job.sh')]);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^wrote .*job.sh: 4 shards of plan.json/);
    const script = readFileSync(path('job.sh'), 'utf8');
    expect(script).toMatch(/^#!\/bin\/bash\n/);
    expect(script).toContain(`sbatch --parsable --job-name=muwclass-shards --array=0-3 --cpus-per-task=2 --partition=debug --time=0:10:00 --output=${path('plan.parts')}/shard-%a.log <<'MUWCLASS_SHARD'`);
    expect(script).toContain(`exec node /opt/muwclass/cli.js run-shard ${path('plan.json')} --shard "$SLURM_ARRAY_TASK_ID/4" --workers "\${SLURM_CPUS_PER_TASK:-1}" -o ${path('plan.parts')}/part-"$SLURM_ARRAY_TASK_ID"`);
    expect(script).toContain('--dependency=afterok:"$array_job"');
    expect(script).toContain(`merge ${path('plan.json')} ${[0, 1, 2, 3].map((i) => `${path('plan.parts')}/part-${i}`).join(' ')} -o ${path('plan.csv')}`);
  });
  it('refuses more shards than units', async () => {
    const r = await runInProcess(['slurm', path('plan.json'), '--shards', '1000', '-o', path('job2.sh')]);
    expect(r.code).toBe(2);
    expect(r.err).toMatch(/--shards 1000 is more than the plan's \d+ units of work/);
  });
});
