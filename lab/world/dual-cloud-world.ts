/**
 * The dual-cloud world (Cisco's FlexVPN redundant-hub design where the spoke
 * keeps a tunnel to each hub at all times): the same WANs as the failover
 * world, two hubs each with an overlay subnet of its own (cloud 1
 * 172.31.1.0/24, cloud 2 172.31.2.0/24), pushing only their own overlay
 * address by IKEv2 routing (`route set interface`) and advertising the
 * enterprise summary by iBGP (`aggregate-address 10.0.0.0 255.0.0.0
 * summary-only`). The overlays sit outside the summary on purpose: a summary
 * covering the hub's address would keep the route to the peer alive after
 * its tunnel went, and `neighbor X fall-over` would never fire.
 */
import { defaultWorldSpec } from './default-world.js';
import type { WorldSpec } from './world.js';

export const DUAL_CLOUD_AS = 65000;
export const DUAL_CLOUD_SUMMARY = '10.0.0.0/8';
/**
 * The community a spoke tags its LAN with toward a hub it wants return
 * traffic to avoid; each hub maps it to a low local preference (hub side:
 * `ip community-list 10 permit 65000:110`, `route-map FROM-SPOKES permit 10`,
 * `match community 10`, `set local-preference 50`, then `permit 20`).
 */
export const AVOID_COMMUNITY = '65000:110';
const HUB_POLICY = { [AVOID_COMMUNITY]: 50 };

export function dualCloudWorldSpec(): WorldSpec {
  const base = defaultWorldSpec();
  return {
    ...base,
    hubs: [
      {
        name: 'hub1',
        address: '198.51.100.1',
        tunnelAddress: '172.31.1.1',
        pushedAddress: '172.31.1.12',
        up: true,
        pushedRoutes: ['172.31.1.1/32'],
        bgp: {
          remoteAs: DUAL_CLOUD_AS,
          prefixes: 0,
          routerId: '172.31.255.1',
          advertises: [{ prefix: DUAL_CLOUD_SUMMARY }],
          communityLocalPref: HUB_POLICY,
        },
      },
      {
        name: 'hub2',
        address: '203.0.113.1',
        tunnelAddress: '172.31.2.1',
        pushedAddress: '172.31.2.12',
        up: true,
        pushedRoutes: ['172.31.2.1/32'],
        bgp: {
          remoteAs: DUAL_CLOUD_AS,
          prefixes: 0,
          routerId: '172.31.255.2',
          advertises: [{ prefix: DUAL_CLOUD_SUMMARY }],
          communityLocalPref: HUB_POLICY,
        },
      },
    ],
    spokes: [{ name: 'spoke2', nbma: '192.0.2.50', lan: '10.20.13.0/24', overlay: { hub1: '172.31.1.13', hub2: '172.31.2.13' }, up: true }],
  };
}
