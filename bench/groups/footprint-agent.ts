/**
 * The running agent's footprint (issue 7): the single executable, with the
 * package's NODE_OPTIONS, run as IOx runs it (`run --config`) against a lab
 * spoke over SSH that carries 10,000 pushed routes, default polling. Figures:
 * time to the first decided state, RSS once steady and at its peak, CPU.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { NODE_OPTIONS } from '../../iox/descriptor.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { startLabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { median, round, type Metric } from '../metric.js';

/** How long the agent runs before the steady figures are taken, real seconds. */
const RUN_SEC = Number(process.env.SPOKEPILOT_FOOTPRINT_RUN_SEC ?? 120);
const ROUTES = 10_000;

export async function* agentFootprint(executable: string): AsyncIterable<Metric> {
  const tmp = tempDir('spokepilot-footprint-');
  const clock = new ScaledClock(1);
  const spoke = await startLabSpoke({ clock, seed: 4, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  const prefixes = Array.from({ length: ROUTES }, (_, i) => `10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32`);
  spoke.router.world.pushRoutes('hub1', prefixes);
  let child: ChildProcess | undefined;
  try {
    const port = await freePort();
    const config = labAgentConfig(spoke.router.world, { sshPort: spoke.ssh.port, hostKeySha256: spoke.ssh.fingerprint, dbPath: join(tmp.dir, 'agent.db') });
    // Default polling, as shipped; the lab's own settings stay for the policy.
    config.polling = { slaSec: 10, flexvpnSec: 15, interfacesSec: 30, cryptoSec: 30, routesSec: 60, jitter: 0.2 };
    config.http.listen = `127.0.0.1:${port}`;
    const file = join(tmp.dir, 'agent.yaml');
    writeFileSync(file, stringify(config));
    const t0 = performance.now();
    child = spawn(executable, ['run', '--config', file], { env: { ...process.env, NODE_OPTIONS }, stdio: 'ignore' });
    const pid = child.pid!;
    for (;;) {
      const s = await fetch(`http://127.0.0.1:${port}/status`).then((r) => r.json() as Promise<{ state: { selected?: string } }>).catch(() => undefined);
      if (s?.state.selected) break;
      if (performance.now() - t0 > 60_000) throw new Error('the agent decided nothing within 60 s');
      await sleep(20);
    }
    yield { metric: 'footprint.startToFirstStateMs', value: round(performance.now() - t0), unit: 'ms' };

    const rss: number[] = [];
    let cpuStart = cpuTicks(pid);
    let cpuStartAt = performance.now();
    for (let s = 0; s < RUN_SEC; s++) {
      await sleep(1000);
      rss.push(status(pid, 'VmRSS'));
      if (s === Math.floor(RUN_SEC / 2)) { cpuStart = cpuTicks(pid); cpuStartAt = performance.now(); }
    }
    const cpuSec = (cpuTicks(pid) - cpuStart) / 100; // USER_HZ is 100 on Linux
    yield { metric: 'footprint.steadyRssMb', value: round(median(rss.slice(-Math.floor(RUN_SEC / 2))) / 1024, 1), unit: 'MB' };
    yield { metric: 'footprint.peakRssMb', value: round(status(pid, 'VmHWM') / 1024, 1), unit: 'MB' };
    yield { metric: 'footprint.steadyCpuPercent', value: round((cpuSec / ((performance.now() - cpuStartAt) / 1000)) * 100, 2), unit: '%' };
  } finally {
    child?.kill('SIGTERM');
    await new Promise((r) => (child && child.exitCode === null ? child.once('exit', r) : r(undefined)));
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  }
}

function status(pid: number, field: string): number {
  const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) : NaN;
}

function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime + stime (fields 14 and 15 of stat)
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}
