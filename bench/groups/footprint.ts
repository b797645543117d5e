/**
 * Footprint figures of the shipped artefacts (issue 7): each IOx package's
 * size, and the single executable's start time and memory on this machine,
 * run with the package's environment (RUNTIME_ENV) as IOx runs it. Builds what it measures.
 * Targets: each package <= 40 MB; first state within 2 s; steady RSS <= 96 MB.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { ARCHES, hostArch } from '../../build/paths.js';
import { buildExecutable, type BuiltExecutable } from '../../build/sea.js';
import { missingPrerequisites } from '../../build/toolchain.js';
import { RUNTIME_ENV } from '../../iox/descriptor.js';
import { buildPackage } from '../../iox/package.js';
import { median, round, type Metric } from '../metric.js';
import { agentFootprint } from './footprint-agent.js';

const STARTS = 15;
const IDLE_SETTLE_MS = 1500;

export async function* footprintBench(): AsyncIterable<Metric> {
  let host: BuiltExecutable | undefined;
  for (const arch of ARCHES) {
    const missing = missingPrerequisites(arch);
    if (missing) {
      console.error(`footprint: no ${arch} package: ${missing}`);
      continue;
    }
    const built = await buildExecutable(arch);
    if (arch === hostArch()) host = built;
    yield { metric: `footprint.package.${arch}.bytes`, value: (await buildPackage(arch, built)).bytes, unit: 'bytes' };
  }
  if (!host) return;

  const starts: number[] = [];
  for (let i = 0; i < STARTS; i++) starts.push(await msToFirstOutput(host.executable, ['--help']));
  yield { metric: 'footprint.startToFirstOutputMs', value: round(median(starts)), unit: 'ms' };

  // `parse` waiting on standard input: the CLI and its libraries loaded, doing nothing.
  yield { metric: 'footprint.idleRssMb', value: round(await idleRssMb(host.executable, ['parse', 'show version']), 1), unit: 'MB' };
  // Two worker threads, a parse and a 500-route ingest into SQLite: the peak of short real work.
  yield { metric: 'footprint.selfTestPeakRssMb', value: round(await peakRssMb(host.executable, ['self-test']), 1), unit: 'MB' };
  yield* agentFootprint(host.executable);
}

function start(executable: string, args: string[]) {
  return spawn(executable, args, { env: { ...process.env, ...RUNTIME_ENV }, stdio: ['pipe', 'pipe', 'ignore'] });
}

function msToFirstOutput(executable: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const child = start(executable, args);
    child.stdout.once('data', () => resolve(performance.now() - t0));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`${executable} ${args.join(' ')} exited ${code} before writing`)));
  });
}

/** VmRSS or VmHWM of a running process, in MB, from /proc. */
function procStatusMb(pid: number, field: 'VmRSS' | 'VmHWM'): number | undefined {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined; // exited
  }
}

async function idleRssMb(executable: string, args: string[]): Promise<number> {
  const child = start(executable, args);
  await new Promise((resolve) => setTimeout(resolve, IDLE_SETTLE_MS));
  const rss = procStatusMb(child.pid!, 'VmRSS');
  child.kill();
  if (rss === undefined) throw new Error(`${executable} ${args.join(' ')} did not stay up`);
  return rss;
}

/** The high-water mark seen while the process runs (read every 10 ms until it exits). */
function peakRssMb(executable: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = start(executable, args);
    let peak = 0;
    const timer = setInterval(() => {
      peak = Math.max(peak, procStatusMb(child.pid!, 'VmHWM') ?? 0);
    }, 10);
    child.once('error', reject);
    child.once('exit', (code) => {
      clearInterval(timer);
      if (code === 0) resolve(peak);
      else reject(new Error(`${executable} ${args.join(' ')} exited ${code}`));
    });
  });
}
