/**
 * A real single-node Slurm cluster for tests (Debian's slurm-wlm and munge; the recipe of ../shared/docs/SLURM.md):
 * its own munged (own key and socket), a generated slurm.conf on free ports, slurmctld and slurmd, all in a
 * temporary folder, all stopped by their own pid files (never by name).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

/** The programs the cluster needs. */
export const SLURM_PROGRAMS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'sinfo'] as const;

/** Why a cluster cannot be started here, or `undefined` when it can. */
export function whyNoSlurm(): string | undefined {
  const missing = SLURM_PROGRAMS.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0);
  if (missing.length > 0) return `${missing.join(', ')} not found: install Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge; .ci/run does)`;
  if (process.getuid?.() !== 0) return 'slurmd must run as root (CI runs the tests as root)';
  return undefined;
}

/** A free TCP port on this machine. */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address !== null ? address.port : 0));
    });
  });
}

function run(command: string, args: readonly string[], env: NodeJS.ProcessEnv): string {
  const r = spawnSync(command, args, { env, encoding: 'utf8', timeout: 30_000 });
  if (r.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}${r.stdout}`);
  return r.stdout;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A running cluster. */
export interface SlurmCluster {
  /** The temporary folder (config, state, logs). */
  readonly dir: string;
  /** The environment for sbatch, squeue, … (`SLURM_CONF` set). */
  readonly env: NodeJS.ProcessEnv;
  /** Waits until none of the jobs is queued or running (bounded), then returns. */
  waitForJobs(ids: readonly string[], timeoutMs: number): Promise<void>;
  /** The controller's log, for failure messages. */
  logs(): string;
  /** Stops the daemons it started and removes the folder. */
  stop(): Promise<void>;
}

/** Starts munged, slurmctld and slurmd, and waits until the node is idle. */
export async function startSlurmCluster(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-slurm-'));
  chmodSync(dir, 0o755);
  const munge = join(dir, 'munge');
  for (const d of ['spool', 'state', 'log']) mkdirSync(join(dir, d));
  mkdirSync(munge, { mode: 0o700 });
  writeFileSync(join(munge, 'munge.key'), randomBytes(1024), { mode: 0o600 });
  const socket = join(munge, 'socket');
  const pids = { munged: join(munge, 'munged.pid'), slurmctld: join(dir, 'slurmctld.pid'), slurmd: join(dir, 'slurmd.pid') };
  const host = hostname().split('.')[0]!;
  const [ctldPort, dPort] = [await freePort(), await freePort()];
  const conf = join(dir, 'slurm.conf');
  writeFileSync(
    conf,
    `ClusterName=muwclasstest
SlurmctldHost=${host}
SlurmctldPort=${ctldPort}
SlurmdPort=${dPort}
SlurmUser=root
SlurmdUser=root
AuthType=auth/munge
AuthInfo=socket=${socket}
CredType=cred/munge
StateSaveLocation=${join(dir, 'state')}
SlurmdSpoolDir=${join(dir, 'spool')}
SlurmctldPidFile=${pids.slurmctld}
SlurmdPidFile=${pids.slurmd}
SlurmctldLogFile=${join(dir, 'log', 'slurmctld.log')}
SlurmdLogFile=${join(dir, 'log', 'slurmd.log')}
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SelectType=select/cons_tres
SelectTypeParameters=CR_Core
SchedulerType=sched/backfill
MpiDefault=none
ReturnToService=2
NodeName=${host} CPUs=${availableParallelism()} State=UNKNOWN
PartitionName=debug Nodes=${host} Default=YES MaxTime=INFINITE State=UP
`,
  );
  const env = { ...process.env, SLURM_CONF: conf };
  const stop = async () => {
    for (const pidFile of [pids.slurmd, pids.slurmctld, pids.munged]) {
      if (!existsSync(pidFile)) continue;
      const pid = Number(readFileSync(pidFile, 'utf8').trim());
      if (!(pid > 0)) continue;
      try {
        process.kill(pid, 'SIGTERM');
      } catch {
        continue; // already gone
      }
      for (let i = 0; i < 100; i++) {
        try {
          process.kill(pid, 0);
        } catch {
          break;
        }
        await sleep(100);
      }
    }
    rmSync(dir, { recursive: true, force: true });
  };
  const logs = () =>
    ['slurmctld.log', 'slurmd.log']
      .map((f) => join(dir, 'log', f))
      .filter((f) => existsSync(f))
      .map((f) => `--- ${f}\n${readFileSync(f, 'utf8').split('\n').slice(-30).join('\n')}`)
      .join('\n');
  try {
    run('munged', ['--force', `--socket=${socket}`, `--key-file=${join(munge, 'munge.key')}`, `--pid-file=${pids.munged}`, `--log-file=${join(munge, 'munged.log')}`, `--seed-file=${join(munge, 'munged.seed')}`], env);
    run('slurmctld', ['-f', conf], env);
    run('slurmd', ['-f', conf], env);
    let state = '';
    for (let i = 0; i < 150 && !/^idle/.test(state); i++) {
      await sleep(200);
      state = spawnSync('sinfo', ['-h', '-N', '-o', '%t'], { env, encoding: 'utf8' }).stdout.trim();
    }
    if (!/^idle/.test(state)) throw new Error(`the Slurm node did not become idle (state "${state}")\n${logs()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    dir,
    env,
    logs,
    stop,
    async waitForJobs(ids, timeoutMs) {
      const started = Date.now();
      for (;;) {
        const queued = spawnSync('squeue', ['-h', '-j', ids.join(','), '-o', '%i %T'], { env, encoding: 'utf8' }).stdout.trim();
        if (queued === '') return;
        if (Date.now() - started > timeoutMs) throw new Error(`Slurm jobs still queued after ${timeoutMs / 1000} s:\n${queued}\n${logs()}`);
        await sleep(500);
      }
    },
  };
}
