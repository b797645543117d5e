/**
 * What a dual-cloud router uses now, from its BGP table and neighbours, in
 * the terms the policy already knows: the hub whose path is best for the
 * steered prefixes is the "active peer", its tunnel the "active source"
 * (candidates are (hub neighbour, tunnel) pairs), and a session that is not
 * established is a hard fact against that hub (BGP's own verdict: fall-over,
 * hold timer, a hub that closed it).
 */
import type { Track } from '../../../proto/records/health.js';
import type { BgpNeighborSummary, BgpPathEntry } from '../../../proto/records/routing.js';
import type { HubTrackDown, Observation } from '../policy/types.js';
import { hubOf, type DualCloudConfig } from './config.js';

/** The BGP view last reported, so only changes become observations. */
export interface BgpSeen {
  activePeer?: string;
  activeSource?: string;
  sessionsDown: readonly string[];
}

/** The best path's next hop for each steered prefix the table holds, in `prefixes` order. */
export function bestHubs(c: DualCloudConfig, paths: readonly BgpPathEntry[]): { prefix: string; nextHop: string }[] {
  return c.prefixes.flatMap((prefix) => {
    const best = paths.find((p) => p.network === prefix && p.best && p.valid);
    return best ? [{ prefix, nextHop: best.nextHop }] : [];
  });
}

/** Configured hubs whose session is not established (absent from the summary counts as down). */
export function sessionsDown(c: DualCloudConfig, neighbors: readonly BgpNeighborSummary[]): string[] {
  // The global IPv4 unicast session: a VRF's or another family's row of the same address is another session.
  const global = neighbors.filter((n) => n.vrf === undefined && n.addressFamily === 'ipv4 unicast');
  return c.hubs
    .filter((h) => global.find((n) => n.neighbor === h.neighbor)?.state !== 'established')
    .map((h) => h.neighbor)
    .sort();
}

/**
 * From `show ip bgp summary` and `show bgp ipv4 unicast`: a `flexvpn`
 * observation (the path in use) and a `bgp-sessions` one, each only when it
 * changed. A best path via a next hop that is no configured hub tells the
 * policy the router is on no candidate.
 */
export function bgpObservations(
  seen: BgpSeen | undefined,
  c: DualCloudConfig,
  neighbors: readonly BgpNeighborSummary[],
  paths: readonly BgpPathEntry[],
): { observations: Observation[]; seen: BgpSeen } {
  const first = bestHubs(c, paths)[0];
  const hub = hubOf(c, first?.nextHop);
  const now: BgpSeen = { ...(hub ? { activePeer: hub.neighbor, activeSource: hub.tunnel } : {}), sessionsDown: sessionsDown(c, neighbors) };
  const observations: Observation[] = [];
  if (seen?.sessionsDown.join() !== now.sessionsDown.join()) observations.push({ kind: 'bgp-sessions', down: now.sessionsDown });
  if (seen === undefined || seen.activePeer !== now.activePeer || seen.activeSource !== now.activeSource) {
    observations.push({
      kind: 'flexvpn',
      ...(hub ? { activePeer: hub.neighbor, activeSource: hub.tunnel } : {}),
      peersActiveElsewhere: [],
    });
  }
  return { observations, seen: now };
}

/**
 * The hubs whose router-side quality track (`qualityTrack`) reads Down, from
 * `show track brief`. A track not in the rows says nothing: only what is
 * known to be Down counts.
 */
export function hubTracksDown(c: DualCloudConfig, tracks: readonly Pick<Track, 'id' | 'state'>[]): HubTrackDown[] {
  return c.hubs.flatMap((h) =>
    h.qualityTrack !== undefined && tracks.some((t) => t.id === h.qualityTrack && t.state === 'down')
      ? [{ peer: h.neighbor, track: h.qualityTrack, ...(h.qualityTrackDown === 'trust' ? { trusted: true } : {}) }]
      : [],
  );
}
