/**
 * `muwclass merge <plan.json> <part>… -o <out.csv>`: combines the parts of every shard of a plan (from
 * `muwclass run-shard`) in the plan's fixed order and writes what `muwclass classify` would have written, byte
 * for byte.
 *
 * @module
 */
import { InvalidArgumentError } from '../core/errors';
import { mergeShards } from '../classify/shard';
import type { ShardPart } from '../classify/shard-file';
import { readPartFile, readPlanFile } from '../node/shard';
import { describeInput, writeClassification, type ClassifyPlanMeta } from './classify';
import { parseCommandArgs, UsageError, type CliContext, type Command } from './command';
import { inputFile, outputFile, throwIfInterrupted } from './io';
import { classCounts, plural } from './pipeline-options';
import { formatDuration } from './progress';

const USAGE = `Usage: muwclass merge <plan.json> <part>… -o <out.csv> [--sources <sources.csv>]

Combines the parts of every shard of a plan (written by 'muwclass run-shard') in the plan's fixed order and
writes the classification: byte-identical to one 'muwclass classify' run with the same options and seed,
whatever the number of shards and the order in which they finished. Every part must belong to the plan (same
SHA-256), every shard 0 … N-1 must be given exactly once. The sources' own columns are read again from the
sources file the plan names (it must be unchanged: its SHA-256 is checked).

Options:
  -o, --output <file>        the output CSV (required; - writes standard output)
  --sources <file>           the sources file, when it has moved since the plan was written
  -h, --help                 this help`;

async function run(argv: readonly string[], context: CliContext): Promise<number> {
  const { values, positionals } = parseCommandArgs({
    args: [...argv],
    options: { output: { type: 'string', short: 'o' }, sources: { type: 'string' } },
    strict: true,
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new UsageError('the plan file and the parts are required');
  if (positionals.length === 1) throw new UsageError('no parts given: muwclass merge plan.json part-* -o out.csv');
  if (values.output === undefined || values.output === '') throw new UsageError('-o <out.csv> is required');
  const planFile = await inputFile(context, '<plan.json>', positionals[0]!);
  const partFiles = await Promise.all(positionals.slice(1).map((p) => inputFile(context, '<part>', p)));
  if ([planFile, ...partFiles].some((f) => f.isStdin)) throw new UsageError('the plan and the parts must be files');

  const start = performance.now();
  const plan = await readPlanFile(planFile.path);
  const meta = plan.meta as unknown as ClassifyPlanMeta;
  if (meta.command !== 'classify') throw new InvalidArgumentError(`${planFile.path} is not a plan of muwclass classify`);
  const recorded = meta.inputs.find((i) => i.option === '--sources')!;
  const sourcesFile = await inputFile(context, '--sources', values.sources ?? recorded.path);
  const out = await outputFile(context, '-o', values.output, [planFile, ...partFiles, sourcesFile]);
  const parts: ShardPart[] = [];
  for (const f of partFiles) {
    throwIfInterrupted(context);
    parts.push(await readPartFile(f.path));
  }
  const result = mergeShards(plan, parts, { names: partFiles.map((f) => f.path) });
  const now = await describeInput(sourcesFile);
  if (now.sha256 !== recorded.sha256) {
    throw new InvalidArgumentError(
      `the sources file ${sourcesFile.path} is not the one the plan was made from (SHA-256 ${now.sha256.slice(0, 12)}…, the plan recorded ${recorded.sha256.slice(0, 12)}… for ${recorded.path}); give the original with --sources`,
    );
  }
  throwIfInterrupted(context);
  await writeClassification(out, sourcesFile, meta.sourceColumns, plan.run.plan.classes, result, meta.trainingMembers === true);
  const n = result.mean.nRows;
  const confident = result.ct.reduce((k, ct) => k + (ct >= 2 ? 1 : 0), 0);
  const summary = [
    `merged ${plural(parts.length, 'part')} of ${planFile.name} (plan ${plan.hash.slice(0, 12)}): ${plural(n, 'source')}`,
    ...(n > 0 ? [`Class: ${classCounts(result.predicted, result.classes)}`, meta.draws > 0 ? `${confident} with CT >= 2` : 'CT not meaningful without Monte Carlo'] : []),
    `in ${formatDuration(performance.now() - start)}; wrote ${out.toStdout ? 'standard output' : values.output}`,
  ];
  context.stderr.write(`${summary.join('; ')}\n`);
  return 0;
}

/** The `merge` command. */
export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine the parts of a sharded run into the classify output',
  usage: USAGE,
  run,
};
