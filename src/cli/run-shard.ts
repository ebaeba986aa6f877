/**
 * `muwclass run-shard <plan.json> --shard <i>/<N> -o <part-i>`: runs shard `i` of `N` of a plan written by
 * `muwclass classify … --plan` and writes its part (the summaries of its units, binary, with the plan's hash),
 * for `muwclass merge`.
 *
 * @module
 */
import { runShard, shardUnits } from '../classify/shard';
import { inProcessExecutor } from '../classify/executor';
import { defaultWorkerCount, workerThreadsExecutor } from '../node/executor';
import { readPlanFile, writePartFile } from '../node/shard';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputFile, throwIfInterrupted } from './io';
import { integerOption, plural } from './pipeline-options';
import { formatDuration, progressReporter } from './progress';

const USAGE = `Usage: muwclass run-shard <plan.json> --shard <i>/<N> -o <part-i> [--workers <W>]

Runs shard i of N (i = 0 … N-1) of a plan written by 'muwclass classify … --plan plan.json': the plan's units
i, i+N, i+2N, … Every shard reads only the plan. Writes the shard's part (binary: the unit summaries, with the
plan's SHA-256), replaced only when complete. Combine the N parts with
'muwclass merge plan.json part-* -o out.csv': the output is byte-identical to one 'muwclass classify' run.

Options:
  --shard <i>/<N>            the shard and the number of shards (required), e.g. 3/16
  -o, --output <file>        the part file (required)
  --workers <N>              worker threads (default: $SLURM_CPUS_PER_TASK under Slurm, else the available cores)
  -h, --help                 this help`;

/** `i/N` → `{ shard, shards }`. */
export function parseShardOption(text: string): { shard: number; shards: number } {
  const m = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  if (m === null) throw new UsageError(`--shard needs <i>/<N> (e.g. 0/4), got "${text}"`);
  const shard = Number(m[1]);
  const shards = Number(m[2]);
  if (shards < 1) throw new UsageError(`--shard ${text}: the number of shards must be at least 1`);
  if (shard >= shards) throw new UsageError(`--shard ${text}: the shard must be in 0…${shards - 1} (shards count from 0)`);
  return { shard, shards };
}

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: { shard: { type: 'string' }, output: { type: 'string', short: 'o' }, workers: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'the plan file is required' : `one plan file, got ${positionals.length} arguments`);
  if (values.shard === undefined) throw new UsageError('--shard <i>/<N> is required');
  if (values.output === undefined || values.output === '') throw new UsageError('-o <part> is required');
  const { shard, shards } = parseShardOption(values.shard);
  const env = context.env ?? process.env;
  const slurmCpus = env.SLURM_CPUS_PER_TASK;
  const workers = integerOption('--workers', values.workers, 1) ?? (slurmCpus !== undefined && /^\d+$/.test(slurmCpus) && Number(slurmCpus) >= 1 ? Number(slurmCpus) : defaultWorkerCount());
  const planFile = await inputFile(context, '<plan.json>', positionals[0]!);
  if (planFile.isStdin) throw new UsageError('the plan must be a file');
  const out = await outputFile(context, '-o', values.output, [planFile]);
  if (out.toStdout) throw new UsageError('-o must be a file: a part is binary');

  const start = performance.now();
  const plan = await readPlanFile(planFile.path);
  const units = shardUnits(plan.run.plan.units.length, shard, shards);
  const draws = units.reduce((n, u) => n + plan.run.plan.units[u]!.draws.length, 0);
  const executor = workers > 1 && units.length > 1 ? workerThreadsExecutor({ workers: Math.min(workers, units.length) }) : inProcessExecutor();
  const progress = progressReporter(context, `shard ${shard}/${shards}`);
  let part;
  try {
    part = await runShard(plan, shard, shards, {
      executor,
      onProgress: progress.onProgress,
      ...(context.signal === undefined ? {} : { signal: context.signal }),
    });
  } finally {
    progress.finish();
  }
  throwIfInterrupted(context);
  await writePartFile(out.path, part, { option: '-o', ...(context.signal === undefined ? {} : { signal: context.signal }) });
  context.stderr.write(
    `shard ${shard}/${shards} of ${planFile.name} (plan ${plan.hash.slice(0, 12)}): ${plural(units.length, 'unit')} of ${plan.run.plan.units.length}, ${plural(draws, 'draw')} on ${plural(executor.workers, 'worker')} in ${formatDuration(performance.now() - start)}; wrote ${values.output}\n`,
  );
  return 0;
}

/** The `run-shard` command. */
export const runShardCommand: Command = {
  name: 'run-shard',
  summary: 'run one shard of a plan written by classify --plan (for a cluster)',
  usage: USAGE,
  run,
};
