/** `router bgp N` as data: what lab/router/bgp/commands.ts sets and the speaker runs. */

export interface BgpNeighborConfig {
  address: string;
  remoteAs: number;
  /** `neighbor X timers KEEPALIVE HOLD`; IOS's 60/180 when absent. */
  timers?: { keepaliveSec: number; holdSec: number };
  /** `neighbor X fall-over`: the session goes down as soon as the RIB loses its route to the peer. */
  fallOver: boolean;
  /** `neighbor X send-community [standard|both]`: without it IOS strips communities from updates. */
  sendCommunity: false | 'standard' | 'both';
  routeMapIn?: string;
  routeMapOut?: string;
}

export interface BgpConfig {
  asn: number;
  routerId?: string;
  /** `network A mask M`: CIDR prefixes advertised while the RIB holds them exactly. */
  networks: string[];
  /** Keyed by address, in configuration order. */
  neighbors: Map<string, BgpNeighborConfig>;
}

export const BGP_DEFAULT_TIMERS = { keepaliveSec: 60, holdSec: 180 } as const;
