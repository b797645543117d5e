/**
 * The default world: a dual-WAN spoke (fibre on GigabitEthernet0/0, LTE on
 * Cellular0/1/0 behind carrier NAT) and two hubs. Addresses are from the
 * documentation ranges (RFC 5737) so nothing real is ever named.
 */
import type { WorldSpec } from './world.js';

export function defaultWorldSpec(): WorldSpec {
  return {
    wans: [
      {
        interface: 'GigabitEthernet0/0',
        kind: 'fibre',
        address: '192.0.2.10',
        prefixLength: 29,
        gateway: '192.0.2.9',
        natted: false,
        up: true,
      },
      { interface: 'Cellular0/1/0', kind: 'lte', address: '100.72.14.37', prefixLength: 32, natted: true, up: true },
    ],
    hubs: [
      {
        name: 'hub1',
        address: '198.51.100.1',
        tunnelAddress: '10.255.0.1',
        pushedAddress: '10.255.1.12',
        up: true,
        pushedRoutes: ['10.0.0.0/8', '172.16.0.0/12'],
        bgp: { remoteAs: 65000, prefixes: 6 },
      },
      {
        name: 'hub2',
        address: '203.0.113.1',
        tunnelAddress: '10.255.0.2',
        pushedAddress: '10.255.2.12',
        up: true,
        pushedRoutes: ['10.0.0.0/8', '172.16.0.0/12'],
        bgp: { remoteAs: 65000, prefixes: 6 },
      },
    ],
    paths: {
      'GigabitEthernet0/0|hub2': { latencyMs: 24, jitterMs: 2 },
      'Cellular0/1/0|hub2': { latencyMs: 58, jitterMs: 8 },
    },
  };
}
