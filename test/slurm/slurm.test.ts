/**
 * The sharded run on a real Slurm cluster: a single-node cluster is started here (munged, slurmctld, slurmd;
 * see cluster.ts), `muwclass slurm` writes the submit script, which submits a 4-task job array (one shard each)
 * and a merge job depending on it; the merged output must equal, byte for byte, one `muwclass classify` run with
 * the same seed. Uses the built CLI (`node dist/cli.js`, as the nodes would). The daemons run as root (through
 * `sudo -n` when the tests do not); in CI (CI=true) it must run, elsewhere it is skipped with the reason when
 * Slurm, or root and sudo, are missing.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { syntheticTrainingSet, SYNTHETIC_CLASSES } from '../../src/io/synthetic';
import { CLI, tempDir } from '../cli/helpers';
import { requireDist } from '../helpers/dist';
import { writeSourcesCsv } from '../helpers/training-csv';
import { startSlurmCluster, whyNoSlurm, type SlurmCluster } from './cluster';

const why = whyNoSlurm();
if (why !== undefined && process.env.CI !== undefined && process.env.CI !== '' && process.env.CI !== 'false') {
  throw new Error(`the Slurm test must run in CI, and cannot: ${why}`);
}
if (why !== undefined) console.warn(`test/slurm skipped: ${why}`);

const OPTIONS = ['--mc', '6', '--trees', '8', '--seed', '2022', '--ebv-column', 'ebv', '--workers', '1'];

function cli(args: readonly string[], env?: NodeJS.ProcessEnv): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { encoding: 'utf8', timeout: 120_000, ...(env === undefined ? {} : { env }) });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

describe.skipIf(why !== undefined)('muwclass on a real single-node Slurm cluster', () => {
  let cluster: SlurmCluster | undefined;
  const dir = tempDir('slurm');
  const path = (name: string) => join(dir, name);

  beforeAll(async () => {
    requireDist();
    cluster = await startSlurmCluster();
  }, 60_000);
  afterAll(() => {
    cluster?.stop();
  }, 30_000);

  it('a 4-task job array and a dependent merge give the one-machine output byte for byte', async () => {
    const td = await writeSourcesCsv(path('td.csv'), syntheticTrainingSet({ seed: 1, perClass: Object.fromEntries(SYNTHETIC_CLASSES.map((c) => [c, 8])) }));
    const sources = syntheticTrainingSet({ seed: 3, namePrefix: 'FIELD J', perClass: { AGN: 3, YSO: 2, NS: 1, CV: 1, 'HM-STAR': 1, HMXB: 0, LMXB: 1, 'LM-STAR': 0 } });
    const field = await writeSourcesCsv(path('field.csv'), sources, { extra: (_, i) => ({ ebv: [0.1, 0.5, 1.1][i % 3]!, id: `s${i}` }) });

    const one = cli(['classify', '--td', td, '--sources', field, ...OPTIONS, '-o', path('one.csv')]);
    expect(one.err).toMatch(/classified 9 sources/);
    const plan = cli(['classify', '--td', td, '--sources', field, ...OPTIONS, '--plan', path('plan.json')]);
    expect(plan.err).toMatch(/^planned 9 sources/);
    expect(plan.code).toBe(0);
    // the default --muwclass: this node and this dist/cli.js, by absolute path
    const script = cli(['slurm', path('plan.json'), '--shards', '4', '--time', '0:10:00', '-o', path('job.sh')]);
    expect(script.code).toBe(0);
    expect(readFileSync(path('job.sh'), 'utf8')).toContain(`exec ${process.execPath} ${CLI} run-shard`);

    const submit = spawnSync('bash', [path('job.sh')], { env: cluster!.env, encoding: 'utf8', timeout: 30_000 });
    expect(submit.stderr).toBe('');
    const ids = /shards job (\d+) \(array 0-3\), merge job (\d+)/.exec(submit.stdout);
    expect(ids, submit.stdout).not.toBeNull();
    await cluster!.waitForJobs([ids![1]!, ids![2]!], 150_000);

    const logs = ['shard-0.log', 'shard-1.log', 'shard-2.log', 'shard-3.log', 'merge.log'].map((f) => path(`plan.parts/${f}`));
    const logText = () => logs.map((f) => `--- ${f}\n${existsSync(f) ? readFileSync(f, 'utf8') : '(none)'}`).join('\n') + cluster!.logs();
    for (let i = 0; i < 4; i++) expect(readFileSync(logs[i]!, 'utf8'), logText()).toMatch(new RegExp(`^shard ${i}/4 of plan.json \\(plan `, "m"));
    expect(readFileSync(logs[4]!, 'utf8'), logText()).toMatch(/^merged 4 parts of plan.json/m);
    expect(existsSync(path('plan.csv')), logText()).toBe(true);
    expect(readFileSync(path('plan.csv')).equals(readFileSync(path('one.csv')))).toBe(true);
  }, 240_000);
});
