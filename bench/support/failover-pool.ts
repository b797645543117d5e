import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { PathFigures } from '../../lab/harness/path-meter.js';

export interface FailoverJob {
  id: number;
  scenarioFile: string;
  arm: string;
  seed: number;
  workDir: string;
}

export type FailoverJobResult =
  | { id: number; figures: PathFigures & { scenario: string; arm: string; seed: number; routerCommands: number } }
  | { id: number; error: string };

const CHILD = fileURLToPath(new URL('./failover-child.ts', import.meta.url));

/**
 * Runs failover jobs on `size` child processes (one per core: each run is
 * single-threaded and deterministic, so where it runs changes nothing).
 * Results come back in job order; a failed job fails the whole bench.
 * `child` is the process's module: the dual-cloud group has its own
 * (bench/support/dual-cloud-child.ts), with its own job and result types.
 */
export async function runPool<J extends object = Omit<FailoverJob, 'id'>, R extends { id: number } = FailoverJobResult>(
  jobs: readonly J[],
  size: number,
  child: string = CHILD,
): Promise<R[]> {
  const results: R[] = new Array(jobs.length);
  let next = 0;
  const children: ChildProcess[] = [];
  try {
    await Promise.all(
      Array.from(
        { length: Math.max(1, Math.min(size, jobs.length)) },
        () =>
          new Promise<void>((resolve, reject) => {
            const proc = fork(child, { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
            children.push(proc);
            const feed = () => {
              if (next >= jobs.length) {
                resolve();
                return;
              }
              const id = next++;
              proc.send({ ...jobs[id]!, id });
            };
            proc.on('message', (r: R | { id: number; error: string }) => {
              if ('error' in r) {
                reject(new Error(`bench job ${JSON.stringify(jobs[r.id])} failed: ${r.error}`));
                return;
              }
              results[r.id] = r as R;
              feed();
            });
            proc.on('exit', (code) => {
              if (next < jobs.length || code) reject(new Error(`bench child ${child} exited (${code})`));
            });
            feed();
          }),
      ),
    );
  } finally {
    for (const c of children) c.kill();
  }
  return results;
}
