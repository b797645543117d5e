import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { DmvpnPeer, NhrpEntry, Route } from '../../proto/records/routing.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

const SPOKE2_HOST = '10.20.13.7';

function shortcut(holdtimeSec?: number) {
  const made = labRouter({ topology: 'dual-cloud' });
  if (holdtimeSec !== undefined)
    for (const t of ['Tunnel1', 'Tunnel2']) exec(made.router, `ip nhrp holdtime ${holdtimeSec}`, 'config-if', t);
  made.router.setFlow(SPOKE2_HOST, true);
  seconds(made.clock, 3);
  return made;
}

describe('dual-cloud spoke: NHRP shortcuts to a second spoke', () => {
  it('a flow to spoke2 rides the hub first, then an H route via Virtual-Access1 after the redirect and resolution', () => {
    const { router, clock } = labRouter({ topology: 'dual-cloud' });
    expect(exec(router, 'show ip nhrp')).toBe('');
    router.setFlow(SPOKE2_HOST, true);
    router.step();
    expect(router.model.rt.routes.find((r) => r.code === 'H')).toBeUndefined();
    seconds(clock, 2);
    const h = router.model.rt.routes.filter((r) => r.code === 'H').map((r) => [r.prefix, r.via, r.interface, r.distance, r.metric]);
    expect(h).toEqual([
      ['10.20.13.0/24', '172.31.1.13', 'Virtual-Access1', 250, 1],
      ['172.31.1.13/32', '172.31.1.13', 'Virtual-Access1', 250, 1],
    ]);
  });

  it('show ip nhrp, show dmvpn and show ip route nhrp print the shortcut in IOS layouts that the parsers read without warnings', () => {
    const { router } = shortcut();
    const nhrpText = exec(router, 'show ip nhrp');
    expect(nhrpText.split('\n').slice(0, 4)).toEqual([
      '10.20.13.0/24 via 172.31.1.13',
      '   Virtual-Access1 created 00:00:01, expire 01:59:59',
      '   Type: dynamic, Flags: router rib nho',
      '   NBMA address: 192.0.2.50',
    ]);
    const nhrp = parseCommandOutput('show ip nhrp', nhrpText);
    expect(nhrp.warnings).toEqual([]);
    expect((nhrp.records as NhrpEntry[]).map((e) => [e.target, e.via, e.interface, e.type, e.nbmaAddress])).toEqual([
      ['10.20.13.0/24', '172.31.1.13', 'Virtual-Access1', 'dynamic', '192.0.2.50'],
      ['172.31.1.13/32', '172.31.1.13', 'Virtual-Access1', 'dynamic', '192.0.2.50'],
    ]);
    const dmvpn = parseCommandOutput('show dmvpn', exec(router, 'show dmvpn'));
    expect(dmvpn.warnings).toEqual([]);
    expect((dmvpn.records as DmvpnPeer[]).map((p) => [p.interface, p.nbmaAddress, p.tunnelAddress, p.state])).toEqual([
      ['Virtual-Access1', '192.0.2.50', '172.31.1.13', 'up'],
      ['Virtual-Access1', '192.0.2.50', '172.31.1.13', 'up'],
    ]);
    const routes = parseCommandOutput('show ip route', exec(router, 'show ip route nhrp'));
    expect(routes.warnings).toEqual([]);
    expect((routes.records as Route[]).filter((r) => r.protocol === 'nhrp').map((r) => r.prefix)).toEqual([
      '10.20.13.0/24',
      '172.31.1.13/32',
    ]);
  });

  it('the shortcut outlives the hub that brokered it and goes at the end of the NHRP hold time', () => {
    const { router, clock } = shortcut(600);
    router.world.setHubUp('hub1', false);
    seconds(clock, 60);
    expect(router.model.rt.bgpSessions.get('172.31.1.1')?.state).not.toBe('Established');
    expect(router.model.rt.routes.find((r) => r.prefix === '10.20.13.0/24')).toMatchObject({ code: 'H', interface: 'Virtual-Access1' });
    router.setFlow(SPOKE2_HOST, false);
    seconds(clock, 600 - 63);
    expect(router.model.rt.routes.some((r) => r.code === 'H')).toBe(true);
    seconds(clock, 5);
    expect(router.model.rt.routes.some((r) => r.code === 'H')).toBe(false);
    expect(exec(router, 'show ip nhrp')).toBe('');
  });

  it('with hub1 gone before the flow starts, the shortcut is resolved through cloud 2', () => {
    const { router, clock } = labRouter({ topology: 'dual-cloud' });
    router.world.setHubUp('hub1', false);
    seconds(clock, 40);
    router.setFlow(SPOKE2_HOST, true);
    seconds(clock, 3);
    expect(router.model.rt.routes.find((r) => r.prefix === '10.20.13.0/24')).toMatchObject({ code: 'H', via: '172.31.2.13' });
  });

  it('no shortcut without ip nhrp shortcut on the tunnel: the flow stays on the hub', () => {
    const { router, clock } = labRouter({ topology: 'dual-cloud' });
    for (const t of ['Tunnel1', 'Tunnel2']) exec(router, 'no ip nhrp shortcut', 'config-if', t);
    router.setFlow(SPOKE2_HOST, true);
    seconds(clock, 5);
    expect(router.model.rt.routes.some((r) => r.code === 'H')).toBe(false);
    expect(exec(router, 'show running-config')).toContain(
      'interface Tunnel1\n description cloud 1 (hub1)\n ip address negotiated\n ip nhrp network-id 1\n ip nhrp redirect\n tunnel source',
    );
  });
});
