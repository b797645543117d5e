/**
 * `npm run fleet:sim`, the README's way to try a fleet: the command itself, as
 * an operator runs it, against a real broker (the embedded aedes), and what
 * it says about bad arguments.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetFilter } from '../../../proto/topics.js';
import { tempDir } from '../../support/temp-dir.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { Observer } from './observer.js';

const repo = join(import.meta.dirname, '../../..');

function fleetSim(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ['--import', 'tsx', 'lab/fleet-sim/cli.ts', ...args],
      { cwd: repo, timeout: 60_000 },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === 'number' ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

describe('npm run fleet:sim', () => {
  let broker: AedesBroker;
  const tmp = tempDir('spokepilot-fleet-sim-cli-');
  beforeAll(async () => {
    broker = await startAedes();
  });
  afterAll(async () => {
    await broker.stop();
    tmp.cleanup();
  });

  it('runs N spokes that publish their birth, and reports counts and resources per spoke', async () => {
    const observer = await Observer.connect(broker.url, fleetFilter('spokepilot/v1'));
    try {
      const run = await fleetSim(['--nodes', '20', '--broker', broker.url, '--duration', '6', '--speed', '10', '--dir', tmp.dir]);
      expect(run.stderr).toContain('fleet-sim: 20 spokes on');
      expect(run.code).toBe(0);
      const last = JSON.parse(run.stdout.trim().split('\n').at(-1)!) as Record<string, number>;
      expect(last).toMatchObject({ connected: 20, outboxDepth: 0 });
      expect(last.rssMbPerNode).toBeGreaterThan(0);
      expect(last.cpuMsPerNodePerSec).toBeGreaterThan(0);
      // Every spoke said it was online, each under its own site and node.
      const online = new Set(
        observer
          .on('status')
          .filter((s) => s.body.state === 'online')
          .map((s) => s.topic),
      );
      expect(online.size).toBe(20);
    } finally {
      await observer.close();
    }
  }, 90_000);

  it.each([
    [['--nodes', '0', '--broker', 'mqtt://127.0.0.1:1883'], '--nodes 0: a number, 1 or more'],
    [['--nodes', '2.5', '--broker', 'mqtt://127.0.0.1:1883'], '--nodes 2.5: a whole number'],
    [['--nodes', '5', '--broker', 'http://127.0.0.1:1883'], '--broker http://127.0.0.1:1883: mqtt://HOST:PORT'],
    [['--nodes', '5', '--broker', 'mqtt://127.0.0.1:1883', '--speed', 'fast'], '--speed fast: a number, 0.01 or more'],
    [['--nodes', '5'], 'usage: npm run fleet:sim -- --nodes N --broker URL'],
  ])(
    'refuses %j, saying why (exit 2)',
    async (args, message) => {
      const run = await fleetSim(args);
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(message);
      expect(run.stdout).toBe('');
    },
    30_000,
  );
});
