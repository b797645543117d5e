/**
 * `spokepilot run` as a real process against a lab spoke over SSH: the status
 * endpoint, steering on a dead hub, SIGTERM restoring the native configuration,
 * and SIGKILL leaving a router that keeps working on its own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { BIN, runCli } from '../support/run-cli.js';
import { freeTcpPort } from '../../lab/harness/free-port.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor as pollUntil } from '../support/wait-for.js';

const tmp = tempDir('spokepilot-proc-');
let clock: ScaledClock;
let spoke: LabSpoke;

const waitFor = <T>(what: string, probe: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000) =>
  pollUntil(what, probe, timeoutMs, 200);

async function startAgentProcess(name: string): Promise<{ child: ChildProcess; port: number; file: string; output: () => string }> {
  const port = await freeTcpPort();
  const config = labAgentConfig(spoke.router.world, {
    sshPort: spoke.ssh.port,
    hostKeySha256: spoke.ssh.fingerprint,
    dbPath: join(tmp.dir, `${name}.db`),
  });
  config.http.listen = `127.0.0.1:${port}`;
  config.log.level = 'info';
  const file = join(tmp.dir, `${name}.yaml`);
  writeFileSync(file, stringify(config));
  const child = spawn(process.execPath, [BIN, 'run', '--config', file], { stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  await waitFor('/healthz', async () => {
    const r = await fetch(`http://127.0.0.1:${port}/healthz`).catch(() => undefined);
    return r?.ok ? true : undefined;
  });
  return { child, port, file, output: () => out };
}

const stubStates = async () => {
  const state = spoke.router.state();
  return { 101: state.tracks[101], 102: state.tracks[102], 111: state.tracks[111], 112: state.tracks[112] };
};

describe('spokepilot run (a real process) against the lab', () => {
  beforeAll(async () => {
    clock = new ScaledClock(1);
    spoke = await startLabSpoke({ clock, seed: 3, users: [{ username: 'agent', password: 'agent', privilege: 15 }] });
  });
  afterAll(async () => {
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('serves /status and /metrics, steers away from a dead hub, and restores the native configuration on SIGTERM', async () => {
    const agent = await startAgentProcess('term');
    const status = await waitFor('adoption', async () => {
      const s = (await (await fetch(`http://127.0.0.1:${agent.port}/status`)).json()) as { state: { selected?: string } };
      return s.state.selected ? s : undefined;
    });
    expect(status.state.selected).toBe('fibre-hub1');
    const metrics = await (await fetch(`http://127.0.0.1:${agent.port}/metrics`)).text();
    expect(metrics).toMatch(/^spokepilot_candidate_selected\{candidate="fibre-hub1"\} 1$/m);
    expect(metrics).toContain('# TYPE spokepilot_path_changes_total counter');
    const rss = Number(/^process_resident_memory_bytes (\d+)$/m.exec(metrics)?.[1]);
    expect(rss).toBeGreaterThan(20 * 2 ** 20); // a live process's own figure, not a placeholder
    expect(metrics).toMatch(/^spokepilot_store_errors_total 0$/m);
    const cli = await runCli(['status', '--port', String(agent.port)]);
    expect(cli.code).toBe(0);
    expect(cli.stdout).toMatch(/agent wants {2}fibre-hub1/);

    spoke.router.world.setHubUp('hub1', false);
    await waitFor(
      'the agent to steer to hub 2',
      () => (spoke.router.state().clients[0]?.peer === '203.0.113.1' ? true : undefined),
      40_000,
    );
    expect(await stubStates()).toMatchObject({ 101: 'down', 102: 'up' });

    // SIGHUP: a bad file is refused whole; a good one applies its policy at once.
    const good = readFileSync(agent.file, 'utf8');
    writeFileSync(agent.file, good.replace('preemptDelaySec: 60', 'preemptDelaySec: -5'));
    agent.child.kill('SIGHUP');
    await waitFor('the reload to be refused', () => (agent.output().includes('"event":"reload-refused"') ? true : undefined));
    writeFileSync(agent.file, good.replace('preemptDelaySec: 60', 'preemptDelaySec: 120'));
    agent.child.kill('SIGHUP');
    await waitFor('the reload', () => (agent.output().includes('"event":"reloaded"') ? true : undefined));

    agent.child.kill('SIGTERM');
    const code = await new Promise((resolve) => agent.child.once('exit', resolve));
    expect(code).toBe(0);
    expect(agent.output()).toContain('"event":"native-restored"');
    expect(await stubStates()).toEqual({ 101: 'up', 102: 'up', 111: 'up', 112: 'up' });
    spoke.router.world.setHubUp('hub1', true);
  }, 90_000);

  it('killed with SIGKILL mid-run, leaves a router that keeps working on its own configuration', async () => {
    const agent = await startAgentProcess('kill');
    spoke.router.world.setPath('GigabitEthernet0/0', '*', { latencyMs: 400, jitterMs: 150 }); // brownout: the agent pivots
    await waitFor(
      'the agent to pivot to LTE',
      () => (spoke.router.state().clients[0]?.source === 'Cellular0/1/0' ? true : undefined),
      40_000,
    );
    agent.child.kill('SIGKILL');
    await new Promise((resolve) => agent.child.once('exit', resolve));
    // The router runs on what it was told last; the tunnel stays up, and IOS's own failover still works.
    await new Promise((r) => setTimeout(r, 3000));
    expect(spoke.router.state().clients[0]).toMatchObject({ phase: 'connected', source: 'Cellular0/1/0' });
    spoke.router.world.setHubUp('hub1', false);
    await waitFor(
      'IOS alone to leave the dead hub (DPD)',
      () =>
        spoke.router.state().clients[0]?.peer === '203.0.113.1' && spoke.router.state().clients[0]?.phase === 'connected'
          ? true
          : undefined,
      40_000,
    );
  }, 120_000);
});
