/**
 * `muwclass slurm <plan.json> -o job.sh`: writes a submit script for a Slurm cluster: a job array whose task `i`
 * runs shard `i` of the plan (`muwclass run-shard`), and a merge job that starts once every task succeeded
 * (`--dependency=afterok:<array job id>`) and writes the classification (`muwclass merge`).
 *
 * @module
 */
import { chmod } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import { readPlanFile } from '../node/shard';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputFile } from './io';
import { integerOption, plural } from './pipeline-options';

const USAGE = `Usage: muwclass slurm <plan.json> -o <job.sh> [--shards <N>] [--partition <name>] [--time <limit>]
                      [--cpus-per-task <C>] [--mem <size>] [--parts <dir>] [--result <out.csv>]
                      [--muwclass <command>]

Writes a submit script for Slurm; run it on the cluster's login node with 'bash job.sh'. It submits (sbatch) a
job array of N tasks, task i running 'muwclass run-shard plan.json --shard i/N' on C threads, and a merge job
that starts when every task succeeded (--dependency=afterok) and writes the classification with
'muwclass merge' (byte-identical to one 'muwclass classify' run). Paths in the script are absolute: the plan,
the parts and the output must be on a file system the compute nodes share.

Options:
  -o, --output <file>        the script (required; - writes standard output)
  --shards <N>               array tasks (default: the plan's units, at most 64; at most the plan's units)
  --partition <name>         Slurm partition (default: the cluster's default)
  --time <limit>             time limit of each task and of the merge, Slurm's format (e.g. 2:00:00)
  --cpus-per-task <C>        threads of each task (default 1)
  --mem <size>               memory of each task, Slurm's format (e.g. 4G)
  --parts <dir>              where the parts and the logs go (default: <plan>.parts beside the plan)
  --result <file>            the merged output CSV (default: <plan>.csv beside the plan)
  --muwclass <command>       how the nodes run muwclass (default: this node and this muwclass, by absolute path)
  -h, --help                 this help`;

/** A word for the shell, single-quoted unless it is plainly safe. */
export function shellQuote(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replace(/'/g, `'\\''`)}'`;
}

/** The default `--muwclass`: this Node and this CLI script, by absolute path (or `muwclass` when run from the sources). */
function thisMuwclass(): string {
  const here = import.meta.url;
  if (!here.startsWith('file:') || here.endsWith('.ts')) return 'muwclass';
  return `${shellQuote(process.execPath)} ${shellQuote(fileURLToPath(here))}`;
}

/** What the script needs. */
export interface SlurmScriptOptions {
  /** Absolute path of the plan. */
  readonly plan: string;
  /** Its hash (named in a comment). */
  readonly planHash: string;
  readonly shards: number;
  /** Absolute directory of the parts and logs. */
  readonly parts: string;
  /** Absolute path of the merged output. */
  readonly result: string;
  /** The command that runs muwclass on the nodes (shell words, already quoted). */
  readonly muwclass: string;
  readonly cpusPerTask: number;
  readonly partition?: string;
  readonly time?: string;
  readonly mem?: string;
}

/** The submit script: two `sbatch` calls, the second depending on the first. */
export function slurmScript(o: SlurmScriptOptions): string {
  const q = shellQuote;
  const common = [...(o.partition === undefined ? [] : [`--partition=${q(o.partition)}`]), ...(o.time === undefined ? [] : [`--time=${q(o.time)}`])];
  const part = (i: string) => `${q(o.parts)}/part-${i}`;
  const parts = Array.from({ length: o.shards }, (_, i) => part(String(i))).join(' ');
  return `#!/bin/bash
# Submits the sharded muwclass run of ${o.plan} (plan ${o.planHash}) to Slurm:
# a job array of ${o.shards} tasks (task i runs shard i/${o.shards}) and a merge job that starts when every task
# succeeded (--dependency=afterok). Written by 'muwclass slurm'. Run it with: bash ${'<this script>'}
set -euo pipefail
mkdir -p ${q(o.parts)}
array_job=$(sbatch --parsable --job-name=muwclass-shards --array=0-${o.shards - 1} --cpus-per-task=${o.cpusPerTask}${o.mem === undefined ? '' : ` --mem=${q(o.mem)}`} ${[...common, `--output=${q(`${o.parts}/shard-%a.log`)}`].join(' ')} <<'MUWCLASS_SHARD'
#!/bin/bash
set -euo pipefail
exec ${o.muwclass} run-shard ${q(o.plan)} --shard "$SLURM_ARRAY_TASK_ID/${o.shards}" --workers "\${SLURM_CPUS_PER_TASK:-1}" -o ${part('"$SLURM_ARRAY_TASK_ID"')}
MUWCLASS_SHARD
)
array_job=\${array_job%%;*}
merge_job=$(sbatch --parsable --job-name=muwclass-merge --dependency=afterok:"$array_job" --kill-on-invalid-dep=yes ${[...common, `--output=${q(`${o.parts}/merge.log`)}`].join(' ')} <<'MUWCLASS_MERGE'
#!/bin/bash
set -euo pipefail
exec ${o.muwclass} merge ${q(o.plan)} ${parts} -o ${q(o.result)}
MUWCLASS_MERGE
)
merge_job=\${merge_job%%;*}
echo "submitted: shards job $array_job (array 0-${o.shards - 1}), merge job $merge_job -> ${o.result}"
`;
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: {
      output: { type: 'string', short: 'o' },
      shards: { type: 'string' },
      partition: { type: 'string' },
      time: { type: 'string' },
      'cpus-per-task': { type: 'string' },
      mem: { type: 'string' },
      parts: { type: 'string' },
      result: { type: 'string' },
      muwclass: { type: 'string' },
    },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'the plan file is required' : `one plan file, got ${positionals.length} arguments`);
  if (values.output === undefined || values.output === '') throw new UsageError('-o <job.sh> is required');
  for (const flag of ['partition', 'time', 'mem', 'parts', 'result', 'muwclass'] as const) {
    if (values[flag] !== undefined && values[flag].trim() === '') throw new UsageError(`--${flag} needs a value`);
  }
  const planFile = await inputFile(context, '<plan.json>', positionals[0]!);
  if (planFile.isStdin) throw new UsageError('the plan must be a file');
  const out = await outputFile(context, '-o', values.output, [planFile]);
  const plan = await readPlanFile(planFile.path);
  const nUnits = plan.run.plan.units.length;
  const shards = integerOption('--shards', values.shards, 1, Math.max(1, Math.min(64, nUnits)));
  if (shards > Math.max(1, nUnits)) throw new UsageError(`--shards ${shards} is more than the plan's ${plural(nUnits, 'unit')} of work: give at most ${Math.max(1, nUnits)}`);
  const cpusPerTask = integerOption('--cpus-per-task', values['cpus-per-task'], 1, 1);
  const planPath = resolve(planFile.path);
  const stem = join(dirname(planPath), basename(planPath).replace(/\.json$/i, ''));
  const script = slurmScript({
    plan: planPath,
    planHash: plan.hash,
    shards,
    parts: resolve(values.parts ?? `${stem}.parts`),
    result: resolve(values.result ?? `${stem}.csv`),
    muwclass: values.muwclass ?? thisMuwclass(),
    cpusPerTask,
    ...(values.partition === undefined ? {} : { partition: values.partition }),
    ...(values.time === undefined ? {} : { time: values.time }),
    ...(values.mem === undefined ? {} : { mem: values.mem }),
  });
  await out.write([script]);
  if (!out.toStdout) await chmod(out.path, 0o755).catch(() => undefined);
  context.stderr.write(`wrote ${out.toStdout ? 'standard output' : values.output}: ${plural(shards, 'shard')} of ${planFile.name} (${plural(nUnits, 'unit')}); submit with: bash ${out.toStdout ? '<script>' : values.output}\n`);
  return 0;
}

/** The `slurm` command. */
export const slurmCommand: Command = {
  name: 'slurm',
  summary: 'write a Slurm submit script: a job array of shards and a dependent merge',
  usage: USAGE,
  run,
};
