import { describe, expect, it } from 'vitest';
import { CliError } from '../../lab/cli/grammar.js';
import { dualCloudConfig } from '../../lab/router/dual-cloud-config.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import { createLabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';
import { dualCloudWorldSpec } from '../../lab/world/dual-cloud-world.js';
import type { RouterEvent } from '../../lab/router/index.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const HUB1 = '172.31.1.1';
const HUB2 = '172.31.2.1';

function dualCloud(config?: string) {
  const made = labRouter({ topology: 'dual-cloud', ...(config !== undefined ? { config } : {}) });
  const events: RouterEvent[] = [];
  made.router.subscribe((e) => events.push(e));
  return { ...made, events };
}

function configure(router: ReturnType<typeof dualCloud>['router'], text: string): void {
  router.configure(text);
}

const bestVia = (router: ReturnType<typeof dualCloud>['router'], prefix: string): string | undefined =>
  router.model.rt.routes.find((r) => r.prefix === prefix && r.code === 'B')?.via;

describe('dual-cloud spoke: tunnels and iBGP', () => {
  it('boots with a tunnel and an IKEv2 SA per hub, both iBGP sessions established, the summary learned and the LAN advertised', () => {
    const { router } = dualCloud();
    const sas = router.model.rt.sas.map((s) => [s.tunnelInterface, s.peerAddress]).sort();
    expect(sas).toEqual([
      ['Tunnel1', '198.51.100.1'],
      ['Tunnel2', '203.0.113.1'],
    ]);
    expect([...router.model.rt.bgpSessions.values()].map((s) => [s.address, s.state, s.holdSec, s.keepaliveSec])).toEqual([
      [HUB1, 'Established', 30, 10],
      [HUB2, 'Established', 30, 10],
    ]);
    // Equal paths: the lower router ID (hub1's 172.31.255.1) wins.
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB1);
    expect(router.model.rt.routes.find((r) => r.prefix === '10.0.0.0/8')).toMatchObject({ distance: 200 });
    for (const hub of ['hub1', 'hub2']) expect(router.world.hubLearned(hub).map((r) => r.prefix)).toEqual(['10.20.12.0/24']);
  });

  it('fall-over: hub1 dies, DPD takes Tunnel1 down, the session drops at once (Route to peer lost) and traffic moves to hub2', () => {
    const { router, clock, events } = dualCloud();
    router.world.setHubUp('hub1', false);
    let downAt: number | undefined;
    for (let s = 1; s <= 60 && downAt === undefined; s++) {
      seconds(clock, 1);
      if (router.model.rt.bgpSessions.get(HUB1)?.state !== 'Established') downAt = s;
    }
    // DPD: 10 s idle, then five retries 2 s apart; the hold time (30 s) has not run out.
    expect(downAt).toBeLessThan(30);
    expect(events.find((e) => e.kind === 'bgp' && e.neighbor === HUB1)).toMatchObject({ state: 'down', reason: 'Route to peer lost' });
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB2);
    expect(router.world.hubLearned('hub1')).toEqual([]);
  });

  it('without fall-over the session lives out the hold time after its tunnel is gone (BGP Notification sent)', () => {
    const world = dualCloudWorldSpec();
    const { router, clock, events } = dualCloud(
      dualCloudConfig(world, 'spoke1', undefined, { timers: { keepaliveSec: 10, holdSec: 30 }, fallOver: false }),
    );
    router.world.setHubUp('hub1', false);
    let downAt: number | undefined;
    for (let s = 1; s <= 60 && downAt === undefined; s++) {
      seconds(clock, 1);
      if (router.model.rt.bgpSessions.get(HUB1)?.state !== 'Established') downAt = s;
    }
    expect(router.model.rt.sas.some((s) => s.tunnelInterface === 'Tunnel1')).toBe(false);
    expect(downAt).toBeGreaterThanOrEqual(20);
    expect(downAt).toBeLessThanOrEqual(30);
    expect(events.find((e) => e.kind === 'bgp' && e.neighbor === HUB1)).toMatchObject({ state: 'down', reason: 'BGP Notification sent' });
    expect(exec(router, 'show logging')).toMatch(
      /%BGP-3-NOTIFICATION: sent to neighbor 172\.31\.1\.1 4\/0 \(hold time expired\) 0 bytes\n.*%BGP-5-ADJCHANGE: neighbor 172\.31\.1\.1 Down BGP Notification sent/,
    );
    expect(exec(router, `show ip bgp neighbors ${HUB1}`)).toMatch(/Last reset 00:00:0\d, due to BGP Notification sent, hold time expired/);
  });

  it('hub1 returns: its tunnel and session come back and hub1 is best again', () => {
    const { router, clock } = dualCloud();
    router.world.setHubUp('hub1', false);
    seconds(clock, 40);
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB2);
    router.world.setHubUp('hub1', true);
    seconds(clock, 30);
    expect(router.model.rt.bgpSessions.get(HUB1)?.state).toBe('Established');
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB1);
  });

  it('a hub that restarts while the spoke still holds the session resets it (Peer closed the session)', () => {
    const world = dualCloudWorldSpec();
    const { router, clock, events } = dualCloud(dualCloudConfig(world, 'spoke1', undefined, { fallOver: false }));
    router.world.setHubUp('hub1', false);
    seconds(clock, 5);
    router.world.setHubUp('hub1', true);
    seconds(clock, 5);
    expect(events.filter((e) => e.kind === 'bgp' && e.neighbor === HUB1).map((e) => (e as { state: string }).state)).toEqual([
      'down',
      'up',
    ]);
    expect(events.find((e) => e.kind === 'bgp')).toMatchObject({ reason: 'Peer closed the session' });
  });
});

describe('dual-cloud spoke: route-maps and soft clears', () => {
  it('an inbound route-map takes effect on clear ip bgp X soft in, not before, and without resetting the session', () => {
    const { router, events } = dualCloud();
    configure(
      router,
      [
        'route-map PREFER-HUB2 permit 10',
        ' set local-preference 200',
        'router bgp 65000',
        ` neighbor ${HUB2} route-map PREFER-HUB2 in`,
      ].join('\n'),
    );
    router.step();
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB1);
    exec(router, `clear ip bgp ${HUB2} soft in`);
    router.step();
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB2);
    expect(events.filter((e) => e.kind === 'bgp')).toEqual([]);
    expect(router.model.rt.bgpSessions.get(HUB2)?.sent.refresh).toBe(1);
    const table = exec(router, 'show bgp ipv4 unicast');
    expect(table).toContain(` *>i  10.0.0.0/8       ${HUB2}               0    200      0 i`);
    expect(table).toContain(` * i                   ${HUB1}               0    100      0 i`);
  });

  it('weight beats local preference; a shorter AS path beats a prepended one; a lower MED wins', () => {
    const { router } = dualCloud();
    configure(router, ['route-map W permit 10', ' set weight 100', 'router bgp 65000', ` neighbor ${HUB2} route-map W in`].join('\n'));
    exec(router, `clear ip bgp ${HUB2} soft in`);
    router.step();
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB2);
    configure(router, ['route-map W permit 10', ' no set weight', ' set as-path prepend 65000 65000'].join('\n'));
    exec(router, `clear ip bgp ${HUB2} soft in`);
    router.step();
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB1);
    configure(router, ['route-map W permit 10', ' no set as-path prepend', ' set metric 5'].join('\n'));
    exec(router, `clear ip bgp ${HUB2} soft in`);
    router.world.setHubAdvertised('hub1', [{ prefix: '10.0.0.0/8', med: 20 }]);
    router.step();
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB2);
  });

  it('an outbound route-map tags the LAN toward one hub after a soft clear out; communities need send-community', () => {
    const { router } = dualCloud();
    configure(
      router,
      [
        'ip community-list 10 permit 65000:110',
        'route-map TAG-DEGRADED permit 10',
        ' set community 65000:110',
        ' set metric 50',
        'router bgp 65000',
        ` neighbor ${HUB1} route-map TAG-DEGRADED out`,
      ].join('\n'),
    );
    router.step();
    expect(router.world.hubLearned('hub1')[0]).toMatchObject({ communities: [], med: 0 });
    exec(router, `clear ip bgp ${HUB1} soft out`);
    expect(router.world.hubLearned('hub1')[0]).toMatchObject({ prefix: '10.20.12.0/24', communities: ['65000:110'], med: 50 });
    expect(router.world.hubLearned('hub2')[0]).toMatchObject({ communities: [], med: 0 });
    configure(router, ['router bgp 65000', ` no neighbor ${HUB1} send-community`].join('\n'));
    exec(router, `clear ip bgp ${HUB1} soft out`);
    expect(router.world.hubLearned('hub1')[0]).toMatchObject({ communities: [], med: 50 });
  });

  it('return traffic follows: the LAN tagged with the avoid community toward hub1 comes back through hub2, or with a worse MED', () => {
    const { router } = dualCloud();
    expect(router.world.returnHubFor('10.20.12.0/24')).toBe('hub1');
    configure(
      router,
      ['route-map AVOID permit 10', ' set community 65000:110', 'router bgp 65000', ` neighbor ${HUB1} route-map AVOID out`].join('\n'),
    );
    exec(router, `clear ip bgp ${HUB1} soft out`);
    expect(router.world.returnHubFor('10.20.12.0/24')).toBe('hub2');
    configure(router, ['route-map AVOID permit 10', ' no set community', ' set metric 100'].join('\n'));
    exec(router, `clear ip bgp ${HUB1} soft out`);
    expect(router.world.returnHubFor('10.20.12.0/24')).toBe('hub2');
    configure(router, ['router bgp 65000', ` no neighbor ${HUB1} route-map AVOID out`].join('\n'));
    exec(router, `clear ip bgp ${HUB1} soft out`);
    expect(router.world.returnHubFor('10.20.12.0/24')).toBe('hub1');
    router.world.setHubUp('hub1', false);
    expect(router.world.returnHubFor('10.20.12.0/24')).toBe('hub2');
  });

  it('matches by prefix-list and community; a deny entry and the implicit deny drop paths', () => {
    const { router } = dualCloud();
    router.world.setHubAdvertised('hub2', [
      { prefix: '10.0.0.0/8', communities: ['65000:200'] },
      { prefix: '172.16.0.0/12' },
      { prefix: '10.9.0.0/16' },
    ]);
    configure(
      router,
      [
        'ip prefix-list SUMMARY seq 5 permit 10.0.0.0/8',
        'ip prefix-list BIG seq 5 permit 172.16.0.0/12 le 16',
        'ip community-list standard HUB2-PREF permit 65000:200',
        'route-map FROM-HUB2 permit 10',
        ' match ip address prefix-list SUMMARY',
        ' match community HUB2-PREF',
        ' set local-preference 300',
        'route-map FROM-HUB2 deny 20',
        ' match ip address prefix-list BIG',
        'router bgp 65000',
        ` neighbor ${HUB2} route-map FROM-HUB2 in`,
      ].join('\n'),
    );
    exec(router, `clear ip bgp ${HUB2} soft in`);
    router.step();
    const received = router.model.rt.bgpSessions.get(HUB2)!.received;
    expect(received.map((p) => [p.prefix, p.localPref])).toEqual([['10.0.0.0/8', 300]]);
    expect(router.model.rt.bgpSessions.get(HUB2)!.deniedIn).toBe(2);
    expect(bestVia(router, '10.0.0.0/8')).toBe(HUB2);
  });

  it('show route-map prints each entry in IOS layout', () => {
    const { router } = dualCloud();
    configure(
      router,
      [
        'ip prefix-list LAN permit 10.20.12.0/24',
        'route-map AGENT-OUT permit 10',
        ' match ip address prefix-list LAN',
        ' set community 65000:110 additive',
        ' set as-path prepend 65000',
        'route-map AGENT-OUT deny 20',
      ].join('\n'),
    );
    expect(exec(router, 'show route-map')).toBe(
      [
        'route-map AGENT-OUT, permit, sequence 10',
        '  Match clauses:',
        '    ip address prefix-lists: LAN ',
        '  Set clauses:',
        '    community 65000:110 additive',
        '    as-path prepend 65000',
        '  Policy routing matches: 0 packets, 0 bytes',
        'route-map AGENT-OUT, deny, sequence 20',
        '  Match clauses:',
        '  Set clauses:',
        '  Policy routing matches: 0 packets, 0 bytes',
      ].join('\n'),
    );
  });

  it('show running-config prints router bgp, the lists and route-maps back so that they rebuild the same router', () => {
    const { router } = dualCloud();
    configure(
      router,
      [
        'ip community-list 10 permit 65000:110',
        'ip prefix-list LAN seq 5 permit 10.20.12.0/24 le 28',
        'route-map OUT permit 10',
        ' match ip address prefix-list LAN',
        ' set community 65000:110',
        ' set metric 50',
        'router bgp 65000',
        ` neighbor ${HUB1} route-map OUT out`,
      ].join('\n'),
    );
    const text = exec(router, 'show running-config');
    expect(text).toContain(
      [
        'router bgp 65000',
        ' bgp router-id 10.20.12.1',
        ' bgp log-neighbor-changes',
        ' network 10.20.12.0 mask 255.255.255.0',
        ` neighbor ${HUB1} remote-as 65000`,
        ` neighbor ${HUB1} fall-over`,
        ` neighbor ${HUB1} send-community both`,
        ` neighbor ${HUB1} route-map OUT out`,
        ` neighbor ${HUB1} timers 10 30`,
      ].join('\n'),
    );
    expect(text).toContain(
      'interface Tunnel1\n description cloud 1 (hub1)\n ip address negotiated\n ip nhrp network-id 1\n ip nhrp redirect\n ip nhrp shortcut virtual-template 1\n tunnel source GigabitEthernet0/0\n tunnel destination 198.51.100.1\n',
    );
    expect(text).toContain('interface Virtual-Template1 type tunnel\n no ip address\n tunnel source GigabitEthernet0/0\n');
    const body = text
      .split('\n')
      .slice(3)
      .filter((l) => !/^(version|service|boot-|ip route|end)/.test(l))
      .join('\n');
    const rebuilt = createLabRouter({ clock: new ManualClock(), topology: 'dual-cloud', config: body });
    expect(renderRunningConfig(rebuilt.model)).toBe(renderRunningConfig(router.model));
  });

  it('no router bgp takes the sessions down, the hubs forget the LAN and the summary leaves the RIB', () => {
    const { router, events } = dualCloud();
    configure(router, 'no router bgp 65000');
    router.step();
    expect(router.model.rt.bgpSessions.size).toBe(0);
    expect(events.filter((e) => e.kind === 'bgp').map((e) => (e as { reason?: string }).reason)).toEqual([
      'Neighbor deleted',
      'Neighbor deleted',
    ]);
    expect(router.world.hubLearned('hub1')).toEqual([]);
    expect(router.model.rt.routes.some((r) => r.code === 'B')).toBe(false);
    expect(exec(router, 'show ip bgp summary')).toBe('% BGP not active');
  });

  it('refuses bad input with IOS errors and changes nothing', () => {
    const { router } = dualCloud();
    const err = (line: string, mode: Parameters<typeof exec>[2], target?: string): string[] => {
      try {
        exec(router, line, mode, target);
      } catch (e) {
        if (e instanceof CliError) return e.lines;
        throw e;
      }
      return [];
    };
    expect(err('neighbor 172.31.9.9 fall-over', 'config-router', '65000')).toEqual(['% Specify remote-as or peer-group commands first']);
    expect(err('router bgp 65001', 'config')).toEqual(['BGP is already running; AS is 65000']);
    expect(err('ip prefix-list X permit 10.0.0.0/8 ge 8', 'config')).toEqual([
      '% Invalid prefix range for 10.0.0.0/8, make sure: len < ge-value <= le-value',
    ]);
    expect(err('set community 65000:70000', 'config-route-map', 'X 10')).toEqual(["% Invalid input detected at '^' marker."]);
    expect(router.model.config.bgp!.neighbors.has('172.31.9.9')).toBe(false);
    expect(router.model.config.policy.prefixLists.has('X')).toBe(false);
    expect(exec(router, 'clear ip bgp 172.31.9.9 soft in')).toBe('% No such neighbor or address family');
  });
});
