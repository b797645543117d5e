/**
 * What the router must be told to use a (peer, source) pair, or to decide
 * alone again. Built only from validated configuration (agent/config), so no
 * text from the network ever reaches IOS configuration.
 */
export interface ActuationTargets {
  client: string;
  peers: readonly { address: string; stubTrack: number }[];
  sources: readonly { interface: string; stubTrack: number }[];
  /** How a stub track's state is set; `default-state` when absent. */
  trackSetter?: TrackSetter;
}

/**
 * `default-state`: `track N stub-object` / `default-state up|down` in one
 * configuration session (each steer is a running-config change, logged as
 * %SYS-5-CONFIG_I). `eem-applets`: the operator's `event none` applets, one
 * per stub track and state (`action 1 track set N state up|down`, the way
 * Cisco's EOT meant stub objects to be set), run from exec mode with
 * `event manager run NAME`: the agent's user needs no configuration right at
 * all and steering leaves the running-config alone.
 */
export type TrackSetter = { kind: 'default-state' } | { kind: 'eem-applets'; prefix: string };

/** The applet that sets `track` to `up`/down: `PREFIX-N-UP`, `PREFIX-N-DOWN`. */
export const eemAppletName = (prefix: string, track: number, up: boolean) => `${prefix}-${track}-${up ? 'UP' : 'DOWN'}`;

export interface ActuationPlan {
  /** Configuration lines, in order, for one config session. */
  configLines: string[];
  /** Exec commands after the configuration (clearing a stale SA). */
  execCommands: string[];
}

export type Strategy = 'stub-tracks' | 'peer-order';

/**
 * Stub-track strategy: the client's `peer ... track N` and `source ... track N`
 * lines reference agent-owned stub objects (DESIGN §4); `peers` and `sources`
 * are listed in their sequence order. IOS uses the first allowed peer and the
 * lowest allowed source, so steering to one needs only the ones before it
 * forbidden. Those after it stay allowed: if the agent dies, IOS can still fail
 * over on its own. The chosen ones are allowed before anything is forbidden,
 * so at every step at least one candidate stays allowed. A track leaving its
 * state makes the client reselect; a source track going down pivots the tunnel.
 */
export function planStubTracks(t: ActuationTargets, peer: string, source: string, clearSaOf?: string): ActuationPlan {
  const clear = configuredPeer(t, clearSaOf);
  const set = planTrackStates(t, stubTrackStates(t, peer, source));
  return { configLines: set.configLines, execCommands: [...set.execCommands, ...(clear ? clearCommands(clear) : [])] };
}

/** One agent-owned stub track and the state a plan gives it. */
export interface StubTrackState {
  track: number;
  up: boolean;
}

/**
 * The state each agent-owned stub track has once the plan for (peer, source)
 * is applied, in the order the plan writes them (allowed ones first). What
 * reconciliation expects to read back (agent/core/reconcile.ts).
 */
export function stubTrackStates(t: ActuationTargets, peer: string, source: string): StubTrackState[] {
  const allow: StubTrackState[] = [];
  const forbid: StubTrackState[] = [];
  const steer = <T>(items: readonly T[], chosen: (x: T) => boolean, track: (x: T) => number) => {
    const at = items.findIndex(chosen);
    items.forEach((x, i) => (i < at ? forbid : allow).push({ track: track(x), up: i >= at }));
  };
  steer(
    t.peers,
    (p) => p.address === peer,
    (p) => p.stubTrack,
  );
  steer(
    t.sources,
    (s) => s.interface === source,
    (s) => s.stubTrack,
  );
  return [...allow, ...forbid];
}

/** Every agent-owned stub track up: the state planRelease leaves. */
export function releasedTrackStates(t: ActuationTargets): StubTrackState[] {
  return [...t.peers.map((p) => ({ track: p.stubTrack, up: true })), ...t.sources.map((s) => ({ track: s.stubTrack, up: true }))];
}

/** Every candidate allowed: the router runs on its own configuration, as IOS alone would. */
export function planRelease(t: ActuationTargets): ActuationPlan {
  return planTrackStates(t, releasedTrackStates(t));
}

/** What puts stub tracks in these states, in this order, by the targets' setter (nothing is cleared). */
export function planTrackStates(t: ActuationTargets, states: readonly StubTrackState[]): ActuationPlan {
  const setter = t.trackSetter ?? { kind: 'default-state' };
  if (setter.kind === 'eem-applets') {
    return { configLines: [], execCommands: states.map((x) => `event manager run ${eemAppletName(setter.prefix, x.track, x.up)}`) };
  }
  return {
    configLines: states.flatMap((x) => [`track ${x.track} stub-object`, `default-state ${x.up ? 'up' : 'down'}`]),
    execCommands: [],
  };
}

/** IOS numbers a FlexVPN client's peers 1 to 10. */
export const MAX_PEER_SEQ = 10;

/**
 * Peer-order strategy, for routers whose configuration cannot carry stub
 * tracks: rewrite the client's peer sequence so the chosen peer is first, then
 * clear the active SA, since the client never moves back by itself while its
 * current peer is still a candidate (DESIGN §4). Sources keep their order: the
 * source is steered through its track, or not at all.
 *
 * `peer <seq> <ip>` replaces whatever held that seq (IOS, and the lab), so
 * rewriting seqs 1..N in place loses a hub if the session drops half-way. So:
 * every hub is first copied to a spare seq (N+1..2N, after the configured
 * ones, so the preference among 1..N is unchanged), then 1..N are rewritten,
 * then the spares removed. Whatever line a session drops after, every hub is
 * still in the client. The cost: at most 5 peers (2N <= 10), and the rewritten
 * lines carry no `track` (peer-order configurations have none: that is why they
 * use this strategy). A session dropped half-way can leave spare seqs behind;
 * they are lower in preference than 1..N and the next peer-order plan reuses
 * and removes them.
 *
 * Only configured addresses are written: `peer` must be one of `t.peers`, and
 * `activePeer` (the one whose SA is cleared) is used only if it is one too.
 */
export function planPeerOrder(t: ActuationTargets, peer: string, activePeer?: string): ActuationPlan {
  const chosen = t.peers.find((p) => p.address === peer);
  if (!chosen) throw new Error(`peer-order: ${JSON.stringify(peer)} is not one of the configured peers`);
  const n = t.peers.length;
  if (2 * n > MAX_PEER_SEQ)
    throw new Error(
      `peer-order: ${n} peers need ${2 * n} peer numbers, IOS has ${MAX_PEER_SEQ}; use stub-tracks, or at most ${MAX_PEER_SEQ / 2} peers`,
    );
  const ordered = [chosen, ...t.peers.filter((p) => p !== chosen)];
  const spare = (i: number) => n + 1 + i;
  const active = configuredPeer(t, activePeer);
  return {
    configLines: [
      `crypto ikev2 client flexvpn ${t.client}`,
      ...t.peers.map((p, i) => `peer ${spare(i)} ${p.address}`),
      ...ordered.map((p, i) => `peer ${i + 1} ${p.address}`),
      ...t.peers.map((_, i) => `no peer ${spare(i)}`),
    ],
    execCommands: active && active !== chosen.address ? clearCommands(active) : [],
  };
}

/**
 * The SA a stub-track steer to `peer` clears: the one the policy named (leaving
 * a bad hub, `clearSaOf`); else, on a failback (the router is on a peer later
 * in the sequence than `peer`), the active peer's. Allowing a preferred peer
 * again does not move the client back while its current peer is still a
 * candidate (DESIGN §4, without `peer reactivate`); clearing that peer's IKEv2
 * SA makes it select its first possible peer, the one just allowed. With
 * `peer reactivate` the client has usually moved already and the clear finds
 * no SA. Only configured addresses are returned.
 */
export function steerClearOf(t: ActuationTargets, peer: string, activePeer: string | undefined, clearSaOf?: string): string | undefined {
  const asked = configuredPeer(t, clearSaOf);
  if (asked) return asked;
  const to = t.peers.findIndex((p) => p.address === peer);
  const from = t.peers.findIndex((p) => p.address === activePeer);
  return to >= 0 && from > to ? t.peers[from]!.address : undefined;
}

/** The configured address equal to `address`, if any: text read from the router is never written back. */
export function configuredPeer(t: ActuationTargets, address: string | undefined): string | undefined {
  return address === undefined ? undefined : t.peers.find((p) => p.address === address)?.address;
}

/** The configured (peer, source) pair equal to `path`, if both are configured. */
export function configuredPath(
  t: ActuationTargets,
  path: { peer?: string; source?: string } | undefined,
): { peer: string; source: string } | undefined {
  const peer = configuredPeer(t, path?.peer);
  const source = path?.source === undefined ? undefined : t.sources.find((s) => s.interface === path.source)?.interface;
  return peer && source ? { peer, source } : undefined;
}

function clearCommands(address: string): string[] {
  return [`clear crypto ikev2 sa remote ${address}`, `clear crypto session remote ${address}`];
}
