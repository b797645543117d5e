/**
 * FlexVPN client choices (DESIGN §4), pure: which peers are candidates, which
 * one to (re)select, which WAN source the tunnel uses.
 */
import type { FlexClientConfig, FlexPeer, UpDown } from '../config-model.js';
import { sortedPeers, sortedSources } from '../config-model.js';
import type { NextChoice } from '../runtime.js';

/** Track state by id; undefined for a track that is not configured. */
export type TrackStateOf = (id: number) => UpDown | undefined;

/**
 * A peer with a track is a candidate only while the track is in the named
 * state; untracked peers always are ("always in the UP state", Cisco FlexVPN
 * client guide). An FQDN peer resolved at configuration time whose name did
 * not resolve has no address and never is.
 */
export function isCandidate(peer: FlexPeer, trackState: TrackStateOf): boolean {
  if (peer.fqdn && !peer.fqdn.dynamic && peer.address === '') return false;
  if (peer.track === undefined) return true;
  return trackState(peer.track) === peer.trackState;
}

/** The configured peer an SA or negotiation with (`seq`, `address`) belongs to (a `dynamic` FQDN peer has no fixed address). */
export function peerOf(client: FlexClientConfig, seq: number, address: string): FlexPeer | undefined {
  return client.peers.find((p) => p.seq === seq && (p.fqdn?.dynamic === true || p.address === address));
}

/**
 * Candidates in preference order. `busy` holds addresses active in another
 * client block of the same backup group: a peer is never active in two.
 */
export function candidates(client: FlexClientConfig, trackState: TrackStateOf, busy: ReadonlySet<string> = new Set()): FlexPeer[] {
  return sortedPeers(client).filter((p) => isCandidate(p, trackState) && !busy.has(p.address));
}

export function firstCandidate(client: FlexClientConfig, trackState: TrackStateOf, busy?: ReadonlySet<string>): FlexPeer | undefined {
  return candidates(client, trackState, busy)[0];
}

/** After peer `failedSeq` failed (DPD, IKE negotiation), the client moves on to the next candidate in the list, wrapping around. */
export function nextCandidateAfter(
  client: FlexClientConfig,
  failedSeq: number,
  trackState: TrackStateOf,
  busy?: ReadonlySet<string>,
): FlexPeer | undefined {
  return selectionOrder(client, { kind: 'after', seq: failedSeq }, trackState, busy)[0];
}

/**
 * Candidates in the order the next selection tries them: from the one `next`
 * names on (the first, the one after a failed peer, the same one), wrapping
 * round, so that a peer whose name does not resolve passes to the next.
 */
export function selectionOrder(
  client: FlexClientConfig,
  next: NextChoice,
  trackState: TrackStateOf,
  busy: ReadonlySet<string> = new Set(),
): FlexPeer[] {
  const list = candidates(client, trackState, busy);
  const start =
    next.kind === 'after' ? list.findIndex((p) => p.seq > next.seq) : next.kind === 'same' ? list.findIndex((p) => p.seq === next.seq) : 0;
  return start <= 0 ? list : [...list.slice(start), ...list.slice(0, start)];
}

/** Candidacy of the tracked peers now, by seq: the memory `reactivationTarget` compares against. */
export function trackedCandidacy(client: FlexClientConfig, trackState: TrackStateOf): Map<number, boolean> {
  return new Map(client.peers.filter((p) => p.track !== undefined).map((p) => [p.seq, isCandidate(p, trackState)]));
}

/**
 * `peer reactivate` is edge-triggered: the client moves back only when a
 * tracked peer more preferred than the active one has just become a
 * candidate (its track entered the required state since `before`). Untracked
 * peers are always candidates, so they never trigger it: a dead untracked
 * preferred hub cannot pull the client off a working one again and again.
 * Returns the peer that came back; the reconnection then takes the first candidate.
 */
export function reactivationTarget(
  client: FlexClientConfig,
  activeSeq: number,
  before: ReadonlyMap<number, boolean> | undefined,
  trackState: TrackStateOf,
  busy: ReadonlySet<string> = new Set(),
): FlexPeer | undefined {
  if (!client.peerReactivate || !before) return undefined;
  return sortedPeers(client).find(
    (p) => p.seq < activeSeq && p.track !== undefined && before.get(p.seq) === false && isCandidate(p, trackState) && !busy.has(p.address),
  );
}

/**
 * Tunnel source: with `tunnel source dynamic` and `source` lines, the
 * lowest-numbered source whose track is up; with no source lines, the fixed
 * tunnel source or else the interface of the default route.
 */
export function selectSource(
  client: FlexClientConfig,
  tunnelSource: string | undefined,
  trackState: TrackStateOf,
  defaultRouteInterface: string | undefined,
): string | undefined {
  if (client.sources.length > 0 && (tunnelSource === 'dynamic' || tunnelSource === undefined)) {
    return sortedSources(client).find((s) => trackState(s.track) === 'up')?.interface;
  }
  if (tunnelSource !== undefined && tunnelSource !== 'dynamic') return tunnelSource;
  return defaultRouteInterface;
}

/**
 * `connect track N [up|down]`: the client may be connected only while track
 * N is in the named state; `auto` (default) always; `manual` never initiates
 * by itself (an existing connection is left alone).
 */
export function connectAllowed(client: FlexClientConfig, trackState: TrackStateOf): boolean {
  const c = client.connect;
  if (c?.mode !== 'track') return true;
  return trackState(c.track) === c.state;
}
