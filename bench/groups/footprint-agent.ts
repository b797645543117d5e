/**
 * The running agent's footprint (issue 7): the single executable, with the
 * package's environment (RUNTIME_ENV), run as IOx runs it (`run --config`)
 * against a lab spoke over SSH that carries 10,000 pushed routes and plays
 * flapping-wan in real time (ten minutes of the fibre flapping, so the agent
 * observes, decides and steers throughout), default polling. Figures: time to
 * the first decided state; RSS steady (median of the run's second half) and at
 * its peak (VmHWM); of the RSS, the anonymous part, which the agent's own
 * memory makes (the rest is the executable's pages mapped from the page cache);
 * CPU over the second half. SPOKEPILOT_FOOTPRINT_RUN_SEC shortens the run.
 * The executable starts cold, as after a router's boot: just built, all of it
 * sits in the page cache and the kernel maps ~8 MB more of it into the process
 * (fault-around maps cached neighbours of every page touched).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { closeSync, fsyncSync, openSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { stringify } from 'yaml';
import { ADDON_NAME } from '../../build/paths.js';
import { RUNTIME_ENV } from '../../iox/descriptor.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { freeTcpPort, freeUdpPort } from '../../lab/harness/free-port.js';
import { loadScenario } from '../../lab/scenario/load.js';
import { playScenario, type ScenarioPlayback } from '../../lab/scenario/runner.js';
import { startLabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { median, round, type Metric } from '../metric.js';

const SCENARIO = fileURLToPath(new URL('../../lab/scenarios/flapping-wan.yaml', import.meta.url));
const ROUTES = 10_000;

export async function* agentFootprint(executable: string): AsyncIterable<Metric> {
  const scenario = await loadScenario(SCENARIO);
  /** How long the agent runs, real seconds: the whole scenario unless shortened. */
  const runSec = Number(process.env.SPOKEPILOT_FOOTPRINT_RUN_SEC ?? scenario.durationSec);
  const tmp = tempDir('spokepilot-footprint-');
  const clock = new ScaledClock(1);
  const spoke = await startLabSpoke({ clock, seed: 4, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  const prefixes = Array.from({ length: ROUTES }, (_, i) => `10.${100 + (i >> 16)}.${(i >> 8) & 255}.${i & 255}/32`);
  spoke.router.world.pushRoutes('hub1', prefixes);
  let child: ChildProcess | undefined;
  let playback: ScenarioPlayback | undefined;
  try {
    const port = await freeTcpPort();
    const syslogPort = await freeUdpPort();
    const config = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
      syslogPort,
    });
    spoke.router.configure(`logging host 127.0.0.1 transport udp port ${syslogPort}`);
    // Default polling, as shipped; the lab's own settings stay for the policy.
    config.polling = { slaSec: 10, flexvpnSec: 15, interfacesSec: 30, cryptoSec: 30, routesSec: 60, jitter: 0.2 };
    config.http.listen = `127.0.0.1:${port}`;
    const file = join(tmp.dir, 'agent.yaml');
    writeFileSync(file, stringify(config));
    dropFromPageCache(executable);
    dropFromPageCache(join(dirname(executable), ADDON_NAME));
    const t0 = performance.now();
    child = spawn(executable, ['run', '--config', file], { env: { ...process.env, ...RUNTIME_ENV }, stdio: 'ignore' });
    const pid = child.pid!;
    for (;;) {
      const s = await fetch(`http://127.0.0.1:${port}/status`)
        .then((r) => r.json() as Promise<{ state: { selected?: string } }>)
        .catch(() => undefined);
      if (s?.state.selected) break;
      if (performance.now() - t0 > 60_000) throw new Error('the agent decided nothing within 60 s');
      await sleep(20);
    }
    yield { metric: 'footprint.startToFirstStateMs', value: round(performance.now() - t0), unit: 'ms' };

    playback = playScenario(spoke.router, clock, scenario);
    const rss: number[] = [];
    const anon: number[] = [];
    let cpuStart = cpuTicks(pid);
    let cpuStartAt = performance.now();
    for (let s = 0; s < runSec; s++) {
      await sleep(1000);
      if (child.exitCode !== null) throw new Error(`the agent exited (${child.exitCode}) ${s} s into the run`);
      rss.push(status(pid, 'VmRSS'));
      anon.push(status(pid, 'RssAnon'));
      if (s === Math.floor(runSec / 2)) {
        cpuStart = cpuTicks(pid);
        cpuStartAt = performance.now();
      }
    }
    const cpuSec = (cpuTicks(pid) - cpuStart) / 100; // USER_HZ is 100 on Linux
    const secondHalf = (xs: number[]) => xs.slice(-Math.floor(runSec / 2));
    yield { metric: 'footprint.steadyRssMb', value: round(median(secondHalf(rss)) / 1024, 1), unit: 'MB' };
    yield { metric: 'footprint.steadyAnonRssMb', value: round(median(secondHalf(anon)) / 1024, 1), unit: 'MB' };
    yield { metric: 'footprint.peakRssMb', value: round(status(pid, 'VmHWM') / 1024, 1), unit: 'MB' };
    yield { metric: 'footprint.runSec', value: runSec, unit: 's' };
    yield { metric: 'footprint.steadyCpuPercent', value: round((cpuSec / ((performance.now() - cpuStartAt) / 1000)) * 100, 2), unit: '%' };
  } finally {
    playback?.cancel();
    child?.kill('SIGTERM');
    await new Promise((r) => (child && child.exitCode === null ? child.once('exit', r) : r(undefined)));
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  }
}

/** Written back, then dropped from the page cache (GNU dd: iflag=nocache with count=0 drops the whole file). */
function dropFromPageCache(file: string): void {
  const fd = openSync(file, 'r');
  try {
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  spawnSync('dd', [`if=${file}`, 'iflag=nocache', 'count=0'], { stdio: 'ignore' });
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
