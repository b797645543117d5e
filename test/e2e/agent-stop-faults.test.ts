/**
 * Stopping when things are wrong (red-team finding 4): `spokepilot run` as a
 * real process against the lab over a TCP relay that the test can cut. A stop
 * with the router gone must say the restore failed (log and exit code), and
 * must end within its deadline; a second instance on the same database must
 * refuse to start.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { freeTcpPort } from '../../lab/harness/free-port.js';
import { BIN } from '../support/run-cli.js';
import { startTcpRelay, type TcpRelay } from '../support/tcp-relay.js';
import { labSpokeSuite } from '../support/lab-spoke-suite.js';
import { waitFor } from '../support/wait-for.js';

const lab = labSpokeSuite({ prefix: 'spokepilot-stop-', seed: 3 });

function writeConfig(name: string, sshPort: number, httpPort: number): string {
  const config = labAgentConfig(lab.spoke.router.world, {
    sshPort,
    hostKeySha256: lab.spoke.ssh.fingerprint,
    dbPath: join(lab.dir, `${name}.db`),
  });
  config.http.listen = `127.0.0.1:${httpPort}`;
  config.log.level = 'info';
  const file = join(lab.dir, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  return file;
}

function spawnAgent(file: string): { child: ChildProcess; output: () => string; exited: Promise<number | null> } {
  const child = spawn(process.execPath, [BIN, 'run', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, output: () => out, exited };
}

const healthy = (port: number) => async () =>
  (await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined))?.ok ? true : undefined;

describe('stopping the agent when the router is gone, and one instance per database', () => {
  const relays: TcpRelay[] = [];
  const relay = async () => {
    const r = await startTcpRelay(lab.spoke.ssh.port);
    relays.push(r);
    return r;
  };
  afterAll(async () => {
    for (const r of relays) await r.close();
  });

  it('refuses a second instance on the same database while the first runs', async () => {
    const port = await freeTcpPort();
    const file = writeConfig('twice', lab.spoke.ssh.port, port);
    const first = spawnAgent(file);
    await waitFor('the first agent', healthy(port), 30_000);
    const second = spawnAgent(file);
    expect(await second.exited).toBe(1);
    expect(second.output()).toContain('AGENT_ALREADY_RUNNING');
    expect(await healthy(port)()).toBe(true); // the first one is untouched
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    // Its lock is released on a clean stop: the next start goes ahead.
    const third = spawnAgent(file);
    await waitFor('the third agent', healthy(port), 30_000);
    third.child.kill('SIGTERM');
    expect(await third.exited).toBe(0);
  }, 90_000);

  it.each([
    ['gone (connections refused)', (r: TcpRelay) => r.cut()],
    ['hung (connected, silent)', async (r: TcpRelay) => r.stall()],
  ])(
    'with the router %s, SIGTERM reports the restore failed, exits 3, and ends within its deadline',
    async (_what, fault) => {
      const port = await freeTcpPort();
      const r = await relay();
      const agent = spawnAgent(writeConfig(`fault-${relays.length}`, r.port, port));
      await waitFor(
        'adoption',
        async () => {
          const res = await fetch(`http://127.0.0.1:${port}/status`).catch(() => undefined);
          return res?.ok ? ((await res.json()) as { state: { selected?: string } }).state.selected : undefined;
        },
        30_000,
      );
      await fault(r);
      const stopAt = Date.now();
      agent.child.kill('SIGTERM');
      const code = await agent.exited;
      const tookMs = Date.now() - stopAt;
      expect(code).toBe(3);
      expect(agent.output()).toContain('"event":"native-restore-failed"');
      expect(agent.output()).not.toContain('"event":"native-restored"');
      expect(agent.output()).toMatch(/"event":"agent-stopped".*"restore":"(failed|timeout|unverified)"/);
      expect(tookMs).toBeLessThan(25_000); // the 20 s stop deadline and the exit grace, not the 60 s router backoff
    },
    90_000,
  );
});
