/**
 * The dual-cloud design's slice of the configuration (Cisco's FlexVPN
 * redundant-hub guidance, dual-cloud approach): a tunnel to each hub at all
 * times and iBGP to both, BGP choosing the hub. The agent steers only through
 * route-maps it owns, which the operator's `neighbor X route-map NAME in|out`
 * lines reference (as the failover design's client references stub tracks).
 */
export interface DualCloudHub {
  /** The hub's iBGP neighbour address (its overlay address): `neighbor X remote-as N`. */
  neighbor: string;
  /** The tunnel the session rides: `interface TunnelN` with `tunnel destination` this hub. */
  tunnel: string;
  /** Agent-owned route-map on the neighbour's inbound side: the chosen hub's routes get `preferLocalPreference`. */
  routeMapIn: string;
  /** Agent-owned route-map on the outbound side: the spoke's prefixes are tagged toward a hub not chosen. */
  routeMapOut: string;
  /**
   * The router's own quality track for this hub (`track N ip sla M state` on
   * the tunnel's probe, as a tuned router has): going Down makes the hub bad
   * at once when the agent's latest probes confirm it (policy/latest-breaches.ts).
   * Coming back is the agent's own windows and preemption, not the track's
   * `delay up`.
   */
  qualityTrack?: number;
  /**
   * `confirm` (the default): a Down track moves traffic only when the latest
   * probes show the fault too (one burst of loss trips IP SLA's reactions).
   * `trust`: at once, for a track that watches what the agent's probes cannot.
   */
  qualityTrackDown?: 'confirm' | 'trust';
}

/**
 * How the hubs are told to send return traffic elsewhere. `community`: the
 * spoke's prefixes carry it toward a hub not chosen, and every hub maps it
 * to a lower local preference (`match community` / `set local-preference`);
 * `med`: they carry this MED (the hubs compare MEDs of the same neighbouring
 * AS; iBGP between the hubs keeps them comparable).
 */
export type ReturnPathTag = { community: string } | { med: number };

export interface DualCloudConfig {
  /** The spoke's BGP AS (`router bgp N`): where the neighbours and their route-maps live. */
  asn: number;
  hubs: readonly DualCloudHub[];
  /**
   * Hub-learned prefixes whose best path the agent steers and reads back (the
   * hubs' summary, `10.0.0.0/8`). The first one the table holds names the hub
   * the router uses now.
   */
  prefixes: readonly string[];
  /** Local preference given to the chosen hub's routes (others keep the default 100). */
  preferLocalPreference: number;
  returnPath: ReturnPathTag;
  /**
   * Prefixes that must always be reached through a hub (the data centre): an
   * NHRP shortcut toward any prefix overlapping one of them is a violation.
   */
  protectedPrefixes: readonly string[];
}

/** The hub whose neighbour address is `neighbor`. */
export const hubOf = (c: DualCloudConfig, neighbor: string | undefined): DualCloudHub | undefined =>
  neighbor === undefined ? undefined : c.hubs.find((h) => h.neighbor === neighbor);

/** Whether any hub names a router-side quality track (`qualityTrack`): then the agent reads the tracks. */
export const namesQualityTracks = (c: DualCloudConfig): boolean => c.hubs.some((h) => h.qualityTrack !== undefined);

/** Whether a hub names a track the agent confirms with its probes before acting (`qualityTrackDown: confirm`, the default). */
export const confirmsQualityTracks = (c: DualCloudConfig): boolean =>
  c.hubs.some((h) => h.qualityTrack !== undefined && h.qualityTrackDown !== 'trust');
