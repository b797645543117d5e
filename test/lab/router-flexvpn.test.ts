/** The FlexVPN client in native mode: IOS's reselection triggers, timing included. */
import { createLabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';
import { describe, expect, it } from 'vitest';
import { activePeer, exec, labRouter, seconds } from './lab-helpers.js';

const HUB1 = '198.51.100.1';
const HUB2 = '203.0.113.1';

describe('FlexVPN client (DESIGN §4)', () => {
  it('boots connected to peer 1 over the fibre', () => {
    const { router } = labRouter();
    expect(router.state().clients).toEqual([{ name: 'SPOKE', phase: 'connected', peer: HUB1, peerSeq: 1, source: 'GigabitEthernet0/0' }]);
  });

  it('a stub track set down makes the client reselect within two seconds', () => {
    const { router, clock } = labRouter();
    exec(router, 'track 101 stub-object', 'config');
    exec(router, 'default-state down', 'config-track', '101');
    seconds(clock, 1);
    expect(router.state().tracks[101]).toBe('down');
    seconds(clock, 1);
    expect(activePeer(router)).toBe(HUB2);
  });

  it('does not move back when the better peer returns', () => {
    const { router, clock } = labRouter();
    exec(router, 'default-state down', 'config-track', '101');
    seconds(clock, 3);
    exec(router, 'default-state up', 'config-track', '101');
    seconds(clock, 30);
    expect(activePeer(router)).toBe(HUB2);
  });

  it("peer reactivate moves back when the better peer's track comes up again, not merely because it is up", () => {
    const { router, clock } = labRouter();
    exec(router, 'peer reactivate', 'config-ikev2-flexvpn', 'SPOKE');
    exec(router, 'default-state down', 'config-track', '101');
    seconds(clock, 3);
    expect(activePeer(router)).toBe(HUB2);
    exec(router, 'default-state up', 'config-track', '101');
    seconds(clock, 3);
    expect(activePeer(router)).toBe(HUB1);

    // Configured after the track came back: no edge, no move (the audit's level-triggered lab moved here).
    const late = labRouter();
    exec(late.router, 'default-state down', 'config-track', '101');
    seconds(late.clock, 3);
    exec(late.router, 'default-state up', 'config-track', '101');
    seconds(late.clock, 3);
    exec(late.router, 'peer reactivate', 'config-ikev2-flexvpn', 'SPOKE');
    seconds(late.clock, 30);
    expect(activePeer(late.router)).toBe(HUB2);
  });

  it('peer reactivate with a dead untracked preferred hub: one try, then it stays on hub 2 (no loop)', () => {
    const { router, clock } = labRouter();
    exec(router, `peer 1 ${HUB1}`, 'config-ikev2-flexvpn', 'SPOKE');
    exec(router, 'peer reactivate', 'config-ikev2-flexvpn', 'SPOKE');
    router.world.setHubUp('hub1', false);
    exec(router, `clear crypto ikev2 sa remote ${HUB1}`);
    const changes: string[] = [];
    router.subscribe((e) => {
      if (e.kind === 'ike-session') changes.push(`${e.state} ${e.peer}`);
    });
    seconds(clock, 600);
    expect(activePeer(router)).toBe(HUB2);
    expect(changes).toEqual([`up ${HUB2}`]); // 126 s of IKE retransmissions to hub 1, then hub 2 for good
  });

  it('clear crypto session makes it reconnect to the first candidate at once', () => {
    const { router, clock } = labRouter();
    exec(router, 'default-state down', 'config-track', '101');
    seconds(clock, 3);
    exec(router, 'default-state up', 'config-track', '101');
    seconds(clock, 1);
    expect(activePeer(router)).toBe(HUB2);
    const before = router.model.rt.sas[0]!.tunnelId;
    exec(router, `clear crypto ikev2 sa remote ${HUB2}`);
    expect(router.state().sas).toEqual([]);
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
    expect(router.model.rt.sas[0]!.tunnelId).toBeGreaterThan(before);
  });

  it('on-demand DPD: a dead hub is left 10 s after its last packet and 5 retransmissions 2 s apart', () => {
    const { router, clock } = labRouter();
    router.world.setHubUp('hub1', false);
    seconds(clock, 19);
    expect(router.state().sas.map((s) => s.peer)).toEqual([HUB1]); // lingers, encrypting into the void
    seconds(clock, 1);
    expect(router.state().sas.map((s) => s.peer)).not.toContain(HUB1);
    seconds(clock, 1);
    expect(activePeer(router)).toBe(HUB2);
  });

  it('on-demand DPD never probes while the LAN sends nothing: the dead hub is found once traffic resumes', () => {
    const { router, clock } = labRouter();
    router.setTraffic({ outPps: 0 });
    router.world.setHubUp('hub1', false);
    seconds(clock, 300);
    expect(router.state().sas.map((s) => s.peer)).toEqual([HUB1]);
    router.setTraffic({ outPps: 20 });
    seconds(clock, 10); // idle far beyond 10 s: the first packet out sends R-U-THERE, 5 retransmissions follow
    expect(router.state().sas.map((s) => s.peer)).toEqual([HUB1]);
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB2);
  });

  it('periodic DPD finds a dead hub without traffic, within one interval plus the retransmissions', () => {
    const { router, clock } = labRouter();
    exec(router, 'crypto ikev2 dpd 10 2 periodic', 'config');
    router.setTraffic({ outPps: 0 });
    router.world.setHubUp('hub1', false);
    seconds(clock, 21);
    expect(activePeer(router)).toBe(HUB2);
  });

  it('a dead hub keeps encaps growing while decaps stall', () => {
    const { router, clock } = labRouter();
    const before = router.state().sas[0]!;
    router.world.setHubUp('hub1', false);
    seconds(clock, 1);
    const after = router.state().sas[0]!;
    expect(after.encaps).toBeGreaterThan(before.encaps);
    expect(after.decaps).toBe(before.decaps);
  });

  it('backup group: a peer is never active in two client blocks of the group', () => {
    const { router, clock } = labRouter();
    exec(router, 'backup group 1', 'config-ikev2-flexvpn', 'SPOKE');
    exec(router, 'interface Tunnel200', 'config');
    exec(router, 'ip address negotiated', 'config-if', 'Tunnel200');
    exec(router, 'tunnel source dynamic', 'config-if', 'Tunnel200');
    exec(router, 'crypto ikev2 client flexvpn SPOKE2', 'config');
    for (const line of [
      `peer 1 ${HUB1}`,
      `peer 2 ${HUB2}`,
      'source 1 GigabitEthernet0/0 track 1',
      'backup group 1',
      'client connect Tunnel200',
    ]) {
      exec(router, line, 'config-ikev2-flexvpn', 'SPOKE2');
    }
    seconds(clock, 3);
    const peers = Object.fromEntries(router.state().clients.map((c) => [c.name, c.peer]));
    expect(peers).toEqual({ SPOKE: HUB1, SPOKE2: HUB2 });
  });

  it('shutting the tunnel tears the connection down; no shutdown brings it back', () => {
    const { router, clock } = labRouter();
    exec(router, 'shutdown', 'config-if', 'Tunnel100');
    seconds(clock, 1);
    expect(router.state().interfaces.Tunnel100).toEqual({ link: 'down', protocol: 'down' });
    expect(router.state().sas).toEqual([]);
    exec(router, 'no shutdown', 'config-if', 'Tunnel100');
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
    expect(
      router.model.log.lines.some((l) => l.includes('%LINK-5-CHANGED: Interface Tunnel100, changed state to administratively down')),
    ).toBe(true);
  });
});

describe('connect auto|manual|track N', () => {
  it('connect track N: connected only while track N is up; back when it returns', () => {
    const { router, clock } = labRouter();
    exec(router, 'track 60 stub-object', 'config');
    exec(router, 'default-state up', 'config-track', '60');
    exec(router, 'connect track 60', 'config-ikev2-flexvpn', 'SPOKE');
    seconds(clock, 1);
    expect(activePeer(router)).toBe(HUB1);
    exec(router, 'default-state down', 'config-track', '60');
    seconds(clock, 1);
    expect(router.state().clients[0]).toMatchObject({ phase: 'idle' });
    expect(router.state().sas).toEqual([]);
    exec(router, 'default-state up', 'config-track', '60');
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
    exec(router, 'connect track 60 down', 'config-ikev2-flexvpn', 'SPOKE');
    seconds(clock, 1);
    expect(activePeer(router)).toBeUndefined();
  });

  it('connect manual: the client does not initiate by itself; connect auto (the default) does again', () => {
    const { router, clock } = labRouter();
    exec(router, 'connect manual', 'config-ikev2-flexvpn', 'SPOKE');
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1); // an existing connection is left alone
    exec(router, 'clear crypto session');
    seconds(clock, 5);
    expect(router.state().clients[0]).toMatchObject({ phase: 'idle' });
    expect(exec(router, 'show running-config')).toContain('  connect manual\n  client connect Tunnel100');
    exec(router, 'connect auto', 'config-ikev2-flexvpn', 'SPOKE');
    expect(router.model.config.flexClients.get('SPOKE')!.connect).toBeUndefined();
    seconds(clock, 2);
    expect(activePeer(router)).toBe(HUB1);
  });
});

describe('several spokes in one process', () => {
  it('share a clock but nothing else', () => {
    const clock = new ManualClock();
    const a = createLabRouter({ clock, hostname: 'spoke1', seed: 1 });
    const b = createLabRouter({ clock, hostname: 'spoke2', seed: 2 });
    a.start();
    b.start();
    exec(a, 'default-state down', 'config-track', '101');
    clock.advance(3000);
    expect([a.hostname(), activePeer(a)]).toEqual(['spoke1', HUB2]);
    expect([b.hostname(), activePeer(b)]).toEqual(['spoke2', HUB1]);
    expect(b.model.log.lines).toEqual([]);
    a.stop();
    b.stop();
  });
});
