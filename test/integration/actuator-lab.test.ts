/** The actuator against the lab over real SSH: verify, retry, roll back; both strategies. */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { Actuator, type ActivePath } from '../../agent/shell/act/actuator.js';
import type { CryptoSession, FlexVpnClient } from '../../proto/records/crypto.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startLabSpoke, type LabSpoke } from '../../lab/spoke.js';
import { ScaledClock } from '../../lab/world/clock.js';
import type { SshRouterCli } from '../../agent/adapters/router/ssh-router-cli.js';
import { labSshCli } from '../../lab/harness/lab-ssh-cli.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const TARGETS = {
  client: 'SPOKE',
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [
    { interface: 'GigabitEthernet0/0', stubTrack: 111 },
    { interface: 'Cellular0/1/0', stubTrack: 112 },
  ],
};

describe('actuator against the lab (real SSH, scaled clock)', () => {
  let clock: ScaledClock;
  let spoke: LabSpoke;
  let cli: SshRouterCli;
  beforeEach(async () => {
    clock = new ScaledClock(20);
    spoke = await startLabSpoke({ clock, seed: 5, users: [{ username: 'a', password: 'a', privilege: 15 }] });
    cli = labSshCli(spoke.ssh, { username: 'a', password: 'a' }, { connectTimeoutMs: 5000, commandTimeoutMs: 5000 });
  });
  afterEach(async () => {
    await cli.close();
    await spoke.stop();
    clock.clearAll();
  });

  const readActivePath = async (): Promise<ActivePath> => {
    const [client] = parseCommandOutput('show crypto ikev2 client flexvpn', await cli.show('show crypto ikev2 client flexvpn'))
      .records as FlexVpnClient[];
    const sessions = parseCommandOutput('show crypto session', await cli.show('show crypto session')).records as CryptoSession[];
    const peer = client?.currentState === 'active' ? client.peer : undefined;
    return {
      ...(peer ? { peer } : {}),
      ...(client?.sourceInterface ? { source: client.sourceInterface } : {}),
      sessionUp: sessions.some((s) => s.peerAddress === peer && s.status === 'up-active'),
    };
  };
  const actuator = (strategy: 'stub-tracks' | 'peer-order') =>
    new Actuator({
      router: cli,
      targets: TARGETS,
      strategy,
      clock: agentClockFrom(clock),
      log: silentLogger,
      readActivePath,
      verifyTimeoutMs: 8000,
      verifyPollMs: 1000,
      retries: 1,
    });

  it('steers with stub tracks and verifies the router followed', async () => {
    const outcome = await actuator('stub-tracks').steer(
      { peer: HUB2, source: 'Cellular0/1/0', clearSaOf: HUB1 },
      { peer: HUB1, source: 'GigabitEthernet0/0' },
    );
    expect(outcome).toMatchObject({ ok: true, attempts: 1 });
    expect(spoke.router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB2, source: 'Cellular0/1/0' });
  });

  it('retries, then rolls back with a coded error when the router cannot follow', async () => {
    spoke.router.world.setHubUp('hub2', false); // the target hub is dead: IKE towards it fails
    const outcome = await actuator('stub-tracks').steer(
      { peer: HUB2, source: 'GigabitEthernet0/0' },
      { peer: HUB1, source: 'GigabitEthernet0/0' },
    );
    expect(outcome).toMatchObject({ ok: false, code: 'ACTUATE_VERIFY_FAILED', attempts: 2, rolledBack: true });
    // Rolled back: hub 1 allowed again, and the router returns to it.
    expect(spoke.router.state().tracks[101]).toBe('up');
    const deadline = Date.now() + 10_000;
    while (spoke.router.state().clients[0]?.peer !== HUB1 || spoke.router.state().clients[0]?.phase !== 'connected') {
      if (Date.now() > deadline) throw new Error(`router did not return to hub 1: ${JSON.stringify(spoke.router.state().clients[0])}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  });

  it('steers by rewriting the peer order, for routers without stub tracks', async () => {
    const outcome = await actuator('peer-order').steer(
      { peer: HUB2, source: 'GigabitEthernet0/0' },
      { peer: HUB1, source: 'GigabitEthernet0/0' },
    );
    expect(outcome).toMatchObject({ ok: true });
    const config = await cli.show('show running-config');
    expect(config).toMatch(new RegExp(`peer 1 ${HUB2.replace(/\./g, '\\.')}`));
    expect(spoke.router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB2 });
  });
});
