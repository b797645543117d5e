import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateSigningKey } from '../../proto/command-signing.js';
import { compileCli } from '../../build/compile-cli.js';
import { compiledCliState } from '../../build/compiled-cli.mjs';
import { distribution } from '../support/distribution.js';
import { median, round, type Metric } from '../metric.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const BIN = `${ROOT}bin/spokepilot.cjs`;
const RUNS = 20;
/** An operator's key for `fleet sign`, written by each bench run (the command line names it beforehand). */
const KEY_FILE = join(tmpdir(), `spokepilot-cli-bench-${process.pid}.key`);

/** Whole commands through the bin, as a user types them; bare `node -e 0` is the floor they stand on. */
const COMMANDS: Record<string, string[]> = {
  nodeFloorMs: ['-e', '0'],
  helpMs: [BIN, '--help'],
  versionMs: [BIN, '--version'],
  configCheckMs: [BIN, 'config', 'check', 'config/examples/ir829-dual-wan.yaml'],
  parseMs: [BIN, 'parse', 'show track brief', 'test/corpus/samples/show_track_brief_1.txt'],
  // Signing talks to no broker: it must not load mqtt.js (about 150 ms here) nor the payload schemas.
  fleetSignMs: [BIN, 'fleet', 'sign', '--key', KEY_FILE, '--key-id', 'ops', '--site', 's', '--node', 'n', '--cmd', 'get-state'],
};

function runMs(args: string[], env: NodeJS.ProcessEnv = process.env): number {
  const t0 = performance.now();
  execFileSync(process.execPath, args, { cwd: ROOT, stdio: 'ignore', env });
  return performance.now() - t0;
}

/**
 * Wall time of each command over RUNS runs, taken in turns so a busy moment
 * on this shared machine weighs on every command alike; one run of each
 * first, to warm the file cache.
 */
function wallMs(): Record<string, number[]> {
  const samples = Object.fromEntries(Object.keys(COMMANDS).map((name) => [name, [] as number[]]));
  for (let i = 0; i < RUNS + 1; i++) {
    for (const [name, args] of Object.entries(COMMANDS)) {
      const ms = runMs(args);
      if (i > 0) samples[name]!.push(ms);
    }
  }
  return samples;
}

function* stats(name: string, samples: number[]): Iterable<Metric> {
  const d = distribution(samples)!;
  yield { metric: `${name}.median`, value: round(d.median), unit: 'ms' };
  yield { metric: `${name}.p95`, value: round(d.p95), unit: 'ms' };
  yield { metric: `${name}.max`, value: round(d.max), unit: 'ms' };
}

export async function* cliBench(): AsyncIterable<Metric> {
  // What an install runs: the compiled CLI, not the bin's tsx fallback for edited sources.
  if (compiledCliState() !== 'fresh') await compileCli();
  writeFileSync(KEY_FILE, generateSigningKey().privatePem, { mode: 0o600 });
  let samples: Record<string, number[]>;
  try {
    samples = wallMs();
  } finally {
    rmSync(KEY_FILE, { force: true });
  }
  for (const [name, values] of Object.entries(samples)) yield* stats(`cli.${name}`, values);
  yield { metric: 'cli.helpOverNodeFloor.ratio', value: round(median(samples.helpMs!) / median(samples.nodeFloorMs!)), unit: 'ratio' };
  // Node reads NODE_EXTRA_CA_CERTS's whole bundle before any script runs: a cost of the machine, not of the CLI.
  if (process.env.NODE_EXTRA_CA_CERTS) {
    const { NODE_EXTRA_CA_CERTS: _, ...env } = process.env;
    const floor: number[] = [];
    const help: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      floor.push(runMs(COMMANDS.nodeFloorMs!, env));
      help.push(runMs(COMMANDS.helpMs!, env));
    }
    yield* stats('cli.nodeFloorWithoutExtraCaMs', floor);
    yield* stats('cli.helpWithoutExtraCaMs', help);
  }
}
