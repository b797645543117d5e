/** `show ip route vrf NAME` and the routes the hub pushes by IKEv2 routing, read back by the agent's parser. */
import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { Route } from '../../proto/records/routing.js';
import { renderRunningConfig } from '../../lab/render/running-config.js';
import type { LabRouter } from '../../lab/router/index.js';
import { exec, labRouter, seconds } from './lab-helpers.js';

function routes(router: LabRouter, command: string): Route[] {
  const text = exec(router, command);
  const out = parseCommandOutput(command, text);
  expect(out.warnings, `${command}:\n${text}`).toEqual([]);
  return out.records as Route[];
}

describe('show ip route vrf', () => {
  it('a configured VRF prints its (empty) table under IOS\'s "Routing Table:" header', () => {
    const { router } = labRouter();
    exec(router, 'ip vrf INTERNET', 'config');
    const text = exec(router, 'show ip route vrf INTERNET');
    expect(text.split('\n').slice(0, 2)).toEqual([
      'Routing Table: INTERNET',
      'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
    ]);
    expect(text).toContain('\nGateway of last resort is not set');
    expect(routes(router, 'show ip route vrf INTERNET')).toEqual([]);
    expect(renderRunningConfig(router.model)).toContain('\nip vrf INTERNET\n!\n');
  });

  it("an unknown VRF gets IOS's notice, which the parser accepts", () => {
    const { router } = labRouter();
    expect(exec(router, 'show ip route vrf NOPE')).toBe('% IP routing table NOPE does not exist');
    expect(routes(router, 'show ip route vrf NOPE')).toEqual([]);
    exec(router, 'ip vrf GONE', 'config');
    exec(router, 'no ip vrf GONE', 'config');
    expect(exec(router, 'show ip route vrf GONE')).toBe('% IP routing table GONE does not exist');
    expect(() => exec(router, 'no ip vrf GONE', 'config')).toThrow(/VRF GONE does not exist/);
  });
});

describe('IKEv2-pushed routes', () => {
  it('are static routes via the tunnel, printed as IOS prints an interface static (distance in the RIB, not on the line)', () => {
    const { router, clock } = labRouter({ routeAcceptDistance: 70 });
    seconds(clock, 2);
    const text = exec(router, 'show ip route');
    expect(text).toContain('\nS        10.0.0.0/8 is directly connected, Tunnel100\n');
    expect(text).toContain('\nS     172.16.0.0/12 is directly connected, Tunnel100\n');
    const pushed = routes(router, 'show ip route').filter(
      (r) => r.nextHops.some((h) => h.interface === 'Tunnel100') && r.protocol === 'static',
    );
    expect(pushed.map((r) => r.prefix)).toEqual(['10.0.0.0/8', '172.16.0.0/12']);
    expect(router.model.rt.routes.find((r) => r.prefix === '10.0.0.0/8')).toMatchObject({
      code: 'S',
      distance: 70,
      interface: 'Tunnel100',
    });
  });

  it('compete with other routes by their distance (route accept any distance 250 loses to the static defaults)', () => {
    const { router, clock } = labRouter({ routeAcceptDistance: 250 });
    router.world.pushRoutes('hub1', ['0.0.0.0/0']);
    seconds(clock, 2);
    // The fibre's static default (distance 1) beats the pushed default at 250.
    expect(router.model.rt.routes.find((r) => r.prefix === '0.0.0.0/0')).toMatchObject({ distance: 1, via: '192.0.2.9' });
    router.world.setWanUp('GigabitEthernet0/0', false);
    router.world.setWanUp('Cellular0/1/0', true);
    seconds(clock, 20);
    // With the fibre down, LTE's floating default (distance 5) still beats 250.
    expect(router.model.rt.routes.find((r) => r.prefix === '0.0.0.0/0')).toMatchObject({ distance: 5, interface: 'Cellular0/1/0' });
    routes(router, 'show ip route');
  });
});
