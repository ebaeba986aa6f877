/**
 * A real single-node Slurm cluster for tests (Debian's slurm-wlm and munge; the recipe of ../shared/docs/SLURM.md):
 * its own munged (own key and socket), a generated slurm.conf on free ports, slurmctld and slurmd, all in a
 * temporary folder, all stopped by their own pid files (never by name). The daemons run as root: directly when the
 * tests run as root (as in CI), otherwise through `sudo -n` (as .ci/run installs packages).
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { availableParallelism, hostname, tmpdir } from 'node:os';
import { join } from 'node:path';

/** The programs the cluster needs. */
export const SLURM_PROGRAMS = ['munged', 'slurmctld', 'slurmd', 'sbatch', 'squeue', 'sinfo'] as const;

const IS_ROOT = process.getuid?.() === 0;

/** Why a cluster cannot be started here, or `undefined` when it can. */
export function whyNoSlurm(): string | undefined {
  const missing = SLURM_PROGRAMS.filter((p) => spawnSync('sh', ['-c', `command -v ${p}`]).status !== 0);
  if (missing.length > 0) return `${missing.join(', ')} not found: install Debian's slurm-wlm and munge (apt-get install -y slurm-wlm munge; .ci/run does)`;
  if (!IS_ROOT && spawnSync('sudo', ['-n', 'true']).status !== 0) return 'the Slurm daemons run as root: run the tests as root, or give this user passwordless sudo';
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

/** Runs a bash script as root (directly, or through `sudo -n`). */
function asRoot(script: string, timeoutMs = 60_000): { ok: boolean; output: string } {
  const [command, args] = IS_ROOT ? ['bash', ['-c', script]] : ['sudo', ['-n', 'bash', '-c', script]];
  const r = spawnSync(command, args as string[], { encoding: 'utf8', timeout: timeoutMs });
  return { ok: r.status === 0, output: `${r.stdout ?? ''}${r.stderr ?? ''}${r.error === undefined ? '' : String(r.error)}` };
}

const q = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A running cluster. */
export interface SlurmCluster {
  /** The temporary folder (config, state, logs). */
  readonly dir: string;
  /** The environment for sbatch, squeue, … (`SLURM_CONF` set). */
  readonly env: NodeJS.ProcessEnv;
  /** Waits until none of the jobs is queued or running (bounded), then returns. */
  waitForJobs(ids: readonly string[], timeoutMs: number): Promise<void>;
  /** The daemons' logs, for failure messages. */
  logs(): string;
  /** Stops the daemons it started (by their pid files) and removes the folder. */
  stop(): void;
}

/** Starts munged, slurmctld and slurmd (as root), and waits until the node is idle. */
export async function startSlurmCluster(): Promise<SlurmCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'muwclass-slurm-cluster-'));
  chmodSync(dir, 0o755);
  const socket = join(dir, 'munge', 'socket');
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
SlurmctldPidFile=${join(dir, 'slurmctld.pid')}
SlurmdPidFile=${join(dir, 'slurmd.pid')}
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
  const D = q(dir);
  const start = `set -e
D=${D}
mkdir -p "$D/spool" "$D/state" "$D/log" && chmod 755 "$D/log"
mkdir -m 700 "$D/munge"
dd if=/dev/urandom of="$D/munge/munge.key" bs=1024 count=1 status=none && chmod 600 "$D/munge/munge.key"
munged --force --socket="$D/munge/socket" --key-file="$D/munge/munge.key" --pid-file="$D/munge/munged.pid" --log-file="$D/munge/munged.log" --seed-file="$D/munge/munged.seed"
chmod 755 "$D/munge"
slurmctld -f "$D/slurm.conf"
slurmd -f "$D/slurm.conf"
`;
  const stopScript = `D=${D}
for f in slurmd.pid slurmctld.pid munge/munged.pid; do
  [ -f "$D/$f" ] || continue
  pid=$(cat "$D/$f")
  kill "$pid" 2>/dev/null || continue
  for i in $(seq 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
done
rm -rf "$D"
`;
  const env = { ...process.env, SLURM_CONF: conf };
  const logs = () =>
    ['slurmctld.log', 'slurmd.log']
      .map((f) => join(dir, 'log', f))
      .filter((f) => existsSync(f))
      .map((f) => `--- ${f}\n${readFileSync(f, 'utf8').split('\n').slice(-30).join('\n')}`)
      .join('\n');
  const stop = () => {
    const r = asRoot(stopScript);
    if (!r.ok) throw new Error(`stopping the Slurm cluster failed: ${r.output}`);
  };
  try {
    const started = asRoot(start);
    if (!started.ok) throw new Error(`starting the Slurm cluster failed:\n${started.output}\n${logs()}`);
    let state = '';
    for (let i = 0; i < 150 && !/^idle/.test(state); i++) {
      await sleep(200);
      state = spawnSync('sinfo', ['-h', '-N', '-o', '%t'], { env, encoding: 'utf8' }).stdout.trim();
    }
    if (!/^idle/.test(state)) throw new Error(`the Slurm node did not become idle (state "${state}")\n${logs()}`);
  } catch (error) {
    stop();
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
