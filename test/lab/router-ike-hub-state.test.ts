/**
 * The FlexVPN client against the hubs' IKE state in the world: a hub slow to
 * answer IKE delays the connection (and fails it once slower than the
 * client's retransmissions last); a silent hub fails after the
 * retransmissions; a draining hub keeps its SAs but refuses IKE_SA_INIT, so
 * a spoke that loses its SA, or tries that hub, moves to the next peer; a hub
 * whose operator clears its sessions deletes the spoke's SA.
 */
import { describe, expect, it } from 'vitest';
import type { RouterEvent } from '../../lab/router/events.js';
import type { LabRouter } from '../../lab/router/index.js';
import type { ManualClock } from '../../lab/world/clock.js';
import { activePeer, exec, labRouter, seconds } from './lab-helpers.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';
const FIBRE = 'GigabitEthernet0/0';
const LTE = 'Cellular0/1/0';

/** Records what the client did from now on, in lab seconds since `start`. */
function watch(router: LabRouter, clock: ManualClock): { lines: string[] } {
  const start = clock.now();
  const lines: string[] = [];
  const at = (e: RouterEvent) => `${(e.at - start) / 1000}s`;
  router.subscribe((e) => {
    if (e.kind === 'ike-session') lines.push(`${at(e)} ${e.state} ${e.peer}${e.reason ? ` (${e.reason})` : ''}`);
    if (e.kind === 'ike-negotiation-failed') lines.push(`${at(e)} failed ${e.peer} (${e.reason})`);
  });
  return { lines };
}

/** Untracked peers, so that only IKE decides (the default stubs would not move anyway). */
function untracked(router: LabRouter): void {
  exec(router, `peer 1 ${HUB1}`, 'config-ikev2-flexvpn', 'SPOKE');
  exec(router, `peer 2 ${HUB2}`, 'config-ikev2-flexvpn', 'SPOKE');
}

describe('a hub slow to answer IKE (world.ikeDelayMs)', () => {
  it('each exchange waits for it: IKE_SA_INIT and IKE_AUTH 5 s late each, the SA up 10 s later than from a prompt hub, no failure', () => {
    const { router, clock } = labRouter();
    router.world.setIkeDelay('hub1', 5000);
    const { lines } = watch(router, clock);
    exec(router, `clear crypto session remote ${HUB1}`);
    seconds(clock, 9);
    expect(router.state().clients[0]).toMatchObject({ phase: 'negotiating', peer: HUB1 });
    expect(exec(router, 'show crypto session')).toContain('Session status: DOWN-NEGOTIATING');
    seconds(clock, 3);
    expect(activePeer(router)).toBe(HUB1);
    // The client reselects at its next step (1 s) and sends IKE_SA_INIT; a prompt hub's SA would be up at 2 s.
    expect(lines).toEqual([`0s down ${HUB1} (clear crypto session)`, `12s up ${HUB1}`]);
  });

  it('a hub slower than the client waits is given up on after 126 s, and the next peer is tried', () => {
    const { router, clock } = labRouter();
    untracked(router);
    router.world.setIkeDelay('hub1', 200_000);
    const { lines } = watch(router, clock);
    exec(router, `clear crypto session remote ${HUB1}`);
    seconds(clock, 126);
    expect(router.state().clients[0]?.phase).toBe('negotiating');
    seconds(clock, 3);
    expect(activePeer(router)).toBe(HUB2);
    // IKE_SA_INIT went at 1 s; its last retransmission at 63 s; the client gives up 126 s after the first.
    expect(lines).toEqual([`0s down ${HUB1} (clear crypto session)`, `127s failed ${HUB1} (IKE_SA_INIT not answered)`, `128s up ${HUB2}`]);
  });

  it('a dead hub is the same as a silent one: 126 s of retransmissions before the next peer', () => {
    const { router, clock } = labRouter();
    untracked(router);
    router.world.setHubUp('hub1', false);
    const { lines } = watch(router, clock);
    exec(router, `clear crypto session remote ${HUB1}`);
    seconds(clock, 130);
    expect(lines.slice(1)).toEqual([`127s failed ${HUB1} (IKE_SA_INIT not answered)`, `128s up ${HUB2}`]);
  });
});

describe('a draining hub (world.hubAcceptsNewSessions false)', () => {
  it('keeps the SA it has: traffic flows and DPD is answered', () => {
    const { router, clock } = labRouter();
    router.world.setHubDraining('hub1', true);
    const before = router.state().sas[0]!;
    seconds(clock, 120);
    const after = router.state().sas[0]!;
    expect(after.tunnelId).toBe(before.tunnelId);
    expect(after.decaps).toBeGreaterThan(before.decaps);
  });

  it('refuses the spoke that lost its SA: one refusal, the next peer at once', () => {
    const { router, clock } = labRouter();
    untracked(router);
    router.world.setHubDraining('hub1', true);
    const { lines } = watch(router, clock);
    exec(router, `clear crypto ikev2 sa remote ${HUB1}`);
    seconds(clock, 3);
    expect(activePeer(router)).toBe(HUB2);
    seconds(clock, 1);
    expect(lines).toEqual([`0s down ${HUB1} (clear crypto ikev2 sa)`, `2s failed ${HUB1} (IKE_SA_INIT refused)`, `3s up ${HUB2}`]);
  });

  it('refuses a spoke that tries it on another WAN: the fibre is cut, the pivot to LTE lands on hub 2', () => {
    const { router, clock } = labRouter();
    router.world.setHubDraining('hub1', true);
    const { lines } = watch(router, clock);
    router.world.setWanUp(FIBRE, false);
    seconds(clock, 15); // the fibre's track goes down after its `delay down 5`, then the source pivots
    expect(router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB2, source: LTE });
    expect(lines.filter((l) => l.includes('failed'))).toEqual([
      expect.stringMatching(new RegExp(`failed ${HUB1.replace(/\./g, '\\.')} \\(IKE_SA_INIT refused\\)$`)),
    ]);
  });

  it('accepts again once undrained', () => {
    const { router, clock } = labRouter();
    untracked(router);
    router.world.setHubDraining('hub1', true);
    router.world.setHubDraining('hub1', false);
    exec(router, `clear crypto session remote ${HUB1}`);
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
  });
});

describe('a hub whose operator clears its sessions', () => {
  it("deletes the spoke's SA at once when its Delete can reach the spoke; a draining hub then sends the spoke to the next peer", () => {
    const { router, clock } = labRouter();
    router.world.setHubDraining('hub1', true);
    const { lines } = watch(router, clock);
    router.world.clearHubSessions('hub1');
    seconds(clock, 3);
    expect(activePeer(router)).toBe(HUB2);
    seconds(clock, 1);
    expect(lines).toEqual([`1s down ${HUB1} (peer deleted the IKEv2 SA)`, `2s failed ${HUB1} (IKE_SA_INIT refused)`, `3s up ${HUB2}`]);
  });

  it('while its Delete cannot reach the spoke the SA lingers; once the path is back it goes, and the client reconnects', () => {
    const { router, clock } = labRouter();
    router.world.setPath(FIBRE, 'hub1', { up: false });
    router.world.clearHubSessions('hub1');
    const { lines } = watch(router, clock);
    seconds(clock, 2);
    expect(router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB1 });
    router.world.setPath(FIBRE, 'hub1', { up: true });
    seconds(clock, 3);
    expect(lines).toEqual([`3s down ${HUB1} (peer deleted the IKEv2 SA)`, `4s up ${HUB1}`]);
  });
});
