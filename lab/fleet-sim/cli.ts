/**
 * `npm run fleet:sim -- --nodes N --broker URL[,URL...]`: N simulated spokes
 * with the agent's real MQTT stack against a broker (or a cluster's nodes),
 * printing one JSON line of counts and resources every 5 s and a summary at
 * the end (--duration SEC, or Ctrl-C). Watch them with
 * `npx spokepilot fleet --broker URL`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { SimFleet } from './fleet.js';

const USAGE = `usage: npm run fleet:sim -- --nodes N --broker URL[,URL...] [--duration SEC] [--speed X] [--seed S] [--ramp SEC] [--root R] [--dir DIR]
  --speed: sim seconds per second (default 1); the fleet loses 10 % of its fibre at sim 120 s and hub1 under 30 % at sim 300 s
  --ramp: start the spokes over this many seconds (default nodes / 200)`;

function number(name: string, value: string | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n) || n < min) throw new Error(`--${name} ${value}: a number, ${min} or more`);
  return n;
}

async function main(argv: string[]): Promise<number> {
  const { values: v } = parseArgs({
    args: argv,
    options: {
      nodes: { type: 'string' },
      broker: { type: 'string' },
      duration: { type: 'string' },
      speed: { type: 'string' },
      seed: { type: 'string' },
      ramp: { type: 'string' },
      root: { type: 'string' },
      dir: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (v.help) {
    console.log(USAGE);
    return 0;
  }
  if (!v.nodes || !v.broker) {
    console.error(USAGE);
    return 2;
  }
  const nodes = number('nodes', v.nodes, 0, 1);
  if (!Number.isInteger(nodes)) throw new Error(`--nodes ${v.nodes}: a whole number`);
  const urls = v.broker
    .split(',')
    .map((u) => u.trim())
    .filter(Boolean);
  for (const u of urls) if (!/^mqtts?:\/\/[^\s/@]+(:\d{1,5})?\/?$/.test(u)) throw new Error(`--broker ${u}: mqtt://HOST:PORT`);
  const dir = v.dir ?? mkdtempSync(join(tmpdir(), 'spokepilot-fleet-sim-'));
  const fleet = new SimFleet({
    nodes,
    urls,
    dir,
    ...(v.root ? { root: v.root } : {}),
    speed: number('speed', v.speed, 1, 0.01),
    scenario: { seed: number('seed', v.seed, 1, 0) },
  });
  const durationMs = number('duration', v.duration, Infinity, 1) * 1000;
  const t0 = Date.now();
  await fleet.start(number('ramp', v.ramp, nodes / 200, 0) * 1000);
  console.error(
    `fleet-sim: ${nodes} spokes on ${urls.join(',')}; signing key ${fleet.keyFile} (key id fleet-ops); watch: npx spokepilot fleet --broker ${urls.join(',')}`,
  );
  const line = () =>
    JSON.stringify({
      t: Math.round((Date.now() - t0) / 1000),
      simSec: Math.round(fleet.simSec()),
      ...fleet.counts(),
      ...round(fleet.resources()),
    });
  const report = setInterval(() => console.log(line()), 5_000);
  await new Promise<void>((resolve) => {
    const timer = Number.isFinite(durationMs) ? setTimeout(resolve, durationMs) : undefined;
    const stop = () => {
      clearTimeout(timer);
      resolve();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  clearInterval(report);
  console.log(line());
  await fleet.stop();
  if (!v.dir) rmSync(dir, { recursive: true, force: true });
  return 0;
}

const round = (o: Record<string, number>) => Object.fromEntries(Object.entries(o).map(([k, x]) => [k, Math.round(x * 100) / 100]));

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (err: Error) => {
    console.error(`fleet-sim: ${err.message}`);
    process.exit(2);
  },
);
