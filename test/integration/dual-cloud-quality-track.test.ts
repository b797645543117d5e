/**
 * A dual-cloud hub's router quality track over real SSH (the lab's dual-cloud
 * spoke tuned with lab/baselines/dual-cloud-agent-tracks.ios, its syslog sent
 * to the agent): a burst of loss trips IP SLA's `average 3` and the track goes
 * Down, but the agent's own runs do not show a fault, so it notes the track
 * and stays; sustained loss does show in every run, and the agent moves both
 * directions to hub 2, naming what its probes showed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startAgent, type RunningAgent } from '../../agent/compose/start-agent.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { eventBody, stateBody } from '../../agent/shell/report/report-bodies.js';
import type { RuntimeEvent } from '../../agent/shell/report/runtime-events.js';
import { baselineConfig } from '../../lab/harness/arms.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { dualCloudSpokeLines } from '../../lab/harness/dual-cloud-agent-config.js';
import { DUAL_CLOUD_AGENT_TRACKS, TRACKS_SETTLE_MS, dualCloudBenchConfig } from '../../lab/harness/dual-cloud-run.js';
import { iosLines } from '../../lab/harness/dual-cloud-ssh-run.js';
import { freeUdpPort } from '../../lab/harness/free-port.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';
import { DEFAULT_SERVICE_LEVEL } from '../../lab/scenario/schema.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import { createPayloadValidators } from '../../proto/schemas/index.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

/** Lab seconds per real second. */
const SPEED = 20;
const WAN = 'GigabitEthernet0/0';
const LAN = '10.20.12.0/24';
const HUB1_TRACK = 141;
const sleepLab = (labMs: number) => new Promise((r) => setTimeout(r, labMs / SPEED));

describe("a hub's router quality track (real SSH): acted on when the agent's probes show the fault", () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let agent: RunningAgent | undefined;
  let tmp: ReturnType<typeof tempDir>;
  const events: RuntimeEvent[] = [];
  const steers = () => events.filter((e) => e.kind === 'actuation' && e.effect.kind === 'steer');

  beforeAll(async () => {
    tmp = tempDir('spokepilot-dual-cloud-track-');
    clock = new ScaledClock(SPEED);
    spoke = await startLabSpoke({
      clock,
      seed: 7,
      topology: 'dual-cloud',
      users: [{ username: 'agent', password: 'agent', privilege: 15 }],
    });
    const syslogPort = await freeUdpPort();
    const config = dualCloudBenchConfig(spoke.router.world, DEFAULT_SERVICE_LEVEL, join(tmp.dir, 'agent.db'), {
      port: spoke.ssh.port,
      hostKeySha256: spoke.ssh.fingerprint,
      syslogPort,
    });
    expect(config.dualCloud.hubs[0]).toMatchObject({ qualityTrack: HUB1_TRACK });
    expect(config.dualCloud.hubs[0]).not.toHaveProperty('qualityTrackDown'); // the default: confirm
    const cli = labSshCli(spoke.ssh, { username: 'agent', password: 'agent' });
    await cli.configure(dualCloudSpokeLines(config));
    await cli.configure(iosLines(baselineConfig(DUAL_CLOUD_AGENT_TRACKS, DEFAULT_SERVICE_LEVEL)));
    await cli.configure([`logging host 127.0.0.1 transport udp port ${syslogPort}`]);
    await cli.exec('clear ip bgp * soft');
    await cli.close();
    await sleepLab(TRACKS_SETTLE_MS);
    agent = await startAgent(config, { log: silentLogger, clock: agentClockFrom(clock) });
    agent.runtime.events.on((e) => events.push(e));
    const loop = agent.runtime.loop;
    await waitFor(
      'hub1 adopted and judged good',
      () => (loop.state.selected === 'hub1' && loop.state.health.hub1?.verdict === 'good') || undefined,
      30_000,
    );
  }, 90_000);
  afterAll(async () => {
    await agent?.stop('test over', 5000);
    await spoke?.stop();
    clock?.clearAll();
    tmp?.cleanup();
  });

  it('a burst of loss in one or two runs: the track goes Down, the agent notes it unconfirmed and stays on hub 1', async () => {
    const loop = agent!.runtime.loop;
    // 60 % for 3 s: at most two runs of the 3 s icmp-jitter operation, none of them lost whole.
    spoke.router.world.setPath(WAN, 'hub1', { lossPct: 60 });
    await sleepLab(3000);
    spoke.router.world.setPath(WAN, 'hub1', { lossPct: 0 });
    await waitFor('track 141 Down, noted unconfirmed', () => loop.state.health.hub1?.trackUnconfirmed === HUB1_TRACK || undefined, 30_000);
    const candidate = stateBody(agent!.runtime).candidates.find((c) => c.id === 'hub1');
    expect(candidate).toMatchObject({ verdict: 'good', trackUnconfirmed: HUB1_TRACK });
    // The runs after the burst are clean: still nothing to act on, ten lab seconds on.
    await sleepLab(10_000);
    expect(loop.state.selected).toBe('hub1');
    expect(loop.state.health.hub1?.verdict).toBe('good');
    expect(steers()).toEqual([]);
    expect(spoke.router.world.returnHubFor(LAN)).toBe('hub1');
  }, 60_000);

  it('sustained loss shows in every run: confirmed, both directions on hub 2, the cause naming the loss seen', async () => {
    spoke.router.world.setPath(WAN, 'hub1', { lossPct: 30 });
    const steered = await waitFor(
      'the steer to hub 2 verified',
      () => steers().find((e) => e.kind === 'actuation' && e.effect.kind === 'steer' && e.effect.candidate === 'hub2' && e.outcome.ok),
      60_000,
    );
    expect(steered).toBeDefined();
    const health = events.find((e) => e.kind === 'health' && e.candidate === 'hub1' && e.to === 'bad');
    expect(health).toMatchObject({
      cause: {
        kind: 'router-track-down',
        track: HUB1_TRACK,
        confirmedBy: [{ metric: 'lossPct', threshold: DEFAULT_SERVICE_LEVEL.lossPct }],
      },
    });
    expect(spoke.router.world.returnHubFor(LAN)).toBe('hub2');
    const v = createPayloadValidators();
    for (const e of events) {
      const body = eventBody(e);
      if (body) expect(v.payload('event', { v: 1, id: 'x', ts: 1, ...body }), JSON.stringify(body)).toBeNull();
    }
  }, 90_000);
});
