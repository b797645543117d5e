/** Starts test/support/sim-fleet-child.ts: the fleet simulator in its own process, resolved once every spoke is connected and sent. */
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import type { SimFleetOptions } from '../../lab/fleet-sim/fleet.js';

const CHILD = fileURLToPath(new URL('./sim-fleet-child.ts', import.meta.url));

export interface SimFleetProcess {
  /** How long the child took from its start to every spoke connected and sent. */
  readyMs: number;
  /** SIGTERM: every spoke closes as the agent does (its offline status sent), then the child exits. */
  stop(deadlineMs?: number): Promise<void>;
}

export async function startSimFleetProcess(
  options: Omit<SimFleetOptions, 'dir' | 'store'> & { rampMs: number },
  timeoutMs: number,
): Promise<SimFleetProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', CHILD, JSON.stringify(options)], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = once(child, 'exit');
  const lines = createInterface({ input: child.stdout });
  const ready = new Promise<{ ms: number }>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the simulated fleet was not connected and sent within ${timeoutMs} ms`)), timeoutMs);
    lines.on('line', (line) => {
      const m = JSON.parse(line) as { ready?: boolean; ms: number };
      if (m.ready) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    void exited.then(([code]) => {
      clearTimeout(timer);
      reject(new Error(`the simulated fleet exited (${String(code)}) before it was ready: ${stderr.trim()}`));
    });
  });
  const stop = async (deadlineMs = 15_000) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const kill = setTimeout(() => child.kill('SIGKILL'), deadlineMs);
    child.kill('SIGTERM');
    await exited;
    clearTimeout(kill);
  };
  try {
    return { readyMs: (await ready).ms, stop };
  } catch (err) {
    await stop(1000);
    throw err;
  }
}
