/**
 * The least-privileged agent (issue 13): with `actuation.setTracksWith:
 * eem-applets` the agent sets its stub tracks through the operator's `event
 * none` applets, from exec mode, so its router user can be a CLI view with
 * exec commands only. Here the lab runs the agent's user in exactly the view
 * `spokepilot config ios` prints, the operator pastes the applets it prints,
 * and over real SSH the agent passes its preflight (reading the configuration
 * with `view full`), steers, leaves the running-config untouched, cannot enter
 * configuration mode, and gives the tracks back on stop.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { iosConfigInputFor } from '../../agent/cli/config-check.js';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import type { FailoverAgentConfig } from '../../agent/config/types.js';
import { iosConfig } from '../../agent/core/ios-config.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { errorCode } from '../../proto/coded-error.js';
import { labAgentConfig } from '../../lab/harness/agent-config.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import type { CliView } from '../../lab/cli/view.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { defaultWorldSpec } from '../../lab/world/default-world.js';
import { World } from '../../lab/world/world.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const SPEED = 20;
const FIBRE_TRACK = 111;
const LTE = 'Cellular0/1/0';

/** The generated text's view, as the lab enforces it: the `commands exec include` lines. */
function viewOf(text: string): CliView {
  const exec = [...text.matchAll(/^!\s+commands exec include (.+)$/gm)].map((m) => m[1]!.trim());
  return { name: 'SPOKEPILOT', exec };
}

/** The generated applet blocks (uncommented `event manager applet` and the lines under it). */
function appletLines(text: string): string[] {
  const out: string[] = [];
  let inApplet = false;
  for (const line of text.split('\n')) {
    if (line.startsWith('event manager applet ')) inApplet = true;
    else if (!line.startsWith(' ')) inApplet = false;
    if (inApplet) out.push(line.trim());
  }
  return out;
}

describe('the agent as a least-privileged user: EEM applets and a CLI view (real SSH)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent | undefined;
  let ops: SshRouterCli;
  let tmp: ReturnType<typeof tempDir>;
  let config: FailoverAgentConfig;
  let generated: string;

  beforeEach(async () => {
    tmp = tempDir('spokepilot-eem-');
    clock = new ScaledClock(SPEED);
    // The agent's configuration first (its port and key are the lab's; only the text's commands matter here).
    const probe = labAgentConfig(new World(defaultWorldSpec()), {
      sshPort: 22,
      hostKeySha256: `SHA256:${'A'.repeat(43)}`,
      dbPath: ':memory:',
    });
    const r = iosConfig(
      iosConfigInputFor({ ...probe, actuation: { ...probe.actuation, setTracksWith: 'eem-applets', eemAppletPrefix: 'SPOKEPILOT' } }),
    );
    if (!r.ok) throw new Error(JSON.stringify(r.problems));
    generated = r.text;
    spoke = await startLabSpoke({
      clock,
      seed: 5,
      users: [
        { username: 'agent', password: 'agent', view: viewOf(generated) },
        { username: 'ops', password: 'ops', privilege: 15 },
      ],
    });
    ops = labSshCli(spoke.ssh, { username: 'ops', password: 'ops' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
    const lab = labAgentConfig(spoke.router.world, {
      sshPort: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      dbPath: join(tmp.dir, 'agent.db'),
    });
    config = { ...lab, actuation: { ...lab.actuation, setTracksWith: 'eem-applets', eemAppletPrefix: 'SPOKEPILOT' } };
  });
  afterEach(async () => {
    await agent?.stop('test over', 5000);
    agent = undefined;
    await ops.close();
    await spoke.stop();
    clock.clearAll();
    tmp.cleanup();
  });

  it('the generated view holds exec commands only, and the applets one per stub track and state', () => {
    const view = viewOf(generated);
    expect(view.exec).toEqual(['all show', 'terminal length', 'terminal width', 'event manager run', 'all clear crypto']);
    expect(generated).toContain('!   username agent view SPOKEPILOT secret');
    const names = appletLines(generated)
      .filter((l) => l.startsWith('event manager applet '))
      .map((l) => l.split(' ').at(-1));
    const stubs = [...config.flexvpn.peers.map((p) => p.stubTrack), ...config.flexvpn.sources.map((s) => s.stubTrack)];
    expect(names.sort()).toEqual(stubs.flatMap((t) => [`SPOKEPILOT-${t}-UP`, `SPOKEPILOT-${t}-DOWN`]).sort());
    expect(appletLines(generated)).toContain(`action 1 track set ${FIBRE_TRACK} state down`);
  });

  it('without the applets the preflight fails and the agent only monitors', async () => {
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    expect(agent.degradations.list()).toEqual([expect.objectContaining({ component: 'preflight', code: 'APPLET_MISSING' })]);
    expect(agent.runtime.current.value.policy.mode).toBe('dry-run');
  }, 60_000);

  it('with them it passes the preflight, steers by running applets, leaves the running-config alone, cannot configure, and restores on stop', async () => {
    await ops.configure(appletLines(generated));
    const before = await ops.show('show running-config');

    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    expect(agent.degradations.list()).toEqual([]);
    expect(agent.runtime.current.value.policy.mode).toBe('enforce');
    const loop = agent.runtime.loop;
    await waitFor('adoption', () => loop.state.selected === 'fibre-hub1' && agent!.runtime.pollerStats().flexvpn!.reads >= 1);

    loop.observe({ kind: 'override', source: LTE, untilMs: Date.now() + 3_600_000, by: 'test' });
    await waitFor(
      'steered to LTE through the applets',
      () => spoke.router.state().tracks[FIBRE_TRACK] === 'down' && !loop.actuating && spoke.router.state().clients[0]?.source === LTE,
    );
    expect(agent.runtime.metrics.actuationFailures).toBe(0);

    // Steering changed no configuration: the same running-config, and no %SYS-5-CONFIG_I from the agent.
    expect(await ops.show('show running-config')).toBe(before);
    // (ops' own paste of the applets logged one, by ops: proof that the log records configuration sessions.)
    const log = await ops.show('show logging');
    expect(log).toMatch(/CONFIG_I: Configured from console by ops/);
    expect(log).not.toMatch(/CONFIG_I: Configured from console by agent/);

    // The agent's own user: configuration mode is outside its view.
    const asAgent = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
    try {
      const refused = await asAgent.configure([`track ${FIBRE_TRACK} stub-object`, 'default-state up']).then(
        () => undefined,
        (err: unknown) => err,
      );
      expect(errorCode(refused)).toBe('ROUTER_CLI_ERROR');
      // And a plain `show running-config` shows it none of the configuration: `view full` is what the preflight needs.
      expect(await asAgent.show('show running-config')).not.toContain('crypto ikev2 client flexvpn');
    } finally {
      await asAgent.close();
    }

    await agent.stop('test over', 5000);
    agent = undefined;
    expect(spoke.router.state().tracks[FIBRE_TRACK]).toBe('up');
  }, 60_000);
});
