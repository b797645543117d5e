import type { DualCloudConfig } from '../../../../agent/core/dual-cloud/config.js';

/** Hub 1's and hub 2's overlay addresses, their BGP neighbours. */
export const H1 = '172.31.1.1';
export const H2 = '172.31.2.1';

/** Two hubs, each with its tunnel and the agent's route-maps; the return path tagged by community. */
export const DC: DualCloudConfig = {
  asn: 65000,
  hubs: [
    { neighbor: H1, tunnel: 'Tunnel1', routeMapIn: 'SP-IN-1', routeMapOut: 'SP-OUT-1' },
    { neighbor: H2, tunnel: 'Tunnel2', routeMapIn: 'SP-IN-2', routeMapOut: 'SP-OUT-2' },
  ],
  prefixes: ['10.0.0.0/8'],
  preferLocalPreference: 200,
  returnPath: { community: '65000:110' },
  protectedPrefixes: [],
};

/** One candidate per hub, judged on one probe through its tunnel. */
export const CANDIDATES = [
  { id: 'hub1', peer: H1, source: 'Tunnel1', slaOperations: [41] },
  { id: 'hub2', peer: H2, source: 'Tunnel2', slaOperations: [42] },
];
