/**
 * What the router must be told to use a (peer, source) pair, or to decide
 * alone again. Built only from validated configuration (agent/config), so no
 * text from the network ever reaches IOS configuration.
 */
export interface ActuationTargets {
  client: string;
  peers: readonly { address: string; stubTrack: number }[];
  sources: readonly { interface: string; stubTrack: number }[];
}

export interface ActuationPlan {
  /** Configuration lines, in order, for one config session. */
  configLines: string[];
  /** Exec commands after the configuration (clearing a stale SA). */
  execCommands: string[];
}

export type Strategy = 'stub-tracks' | 'peer-order';

const stub = (track: number, up: boolean) => [`track ${track} stub-object`, `default-state ${up ? 'up' : 'down'}`];

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
  const allow: string[] = [];
  const forbid: string[] = [];
  const steer = <T>(items: readonly T[], chosen: (x: T) => boolean, track: (x: T) => number) => {
    const at = items.findIndex(chosen);
    items.forEach((x, i) => (i < at ? forbid : allow).push(...stub(track(x), i >= at)));
  };
  steer(t.peers, (p) => p.address === peer, (p) => p.stubTrack);
  steer(t.sources, (s) => s.interface === source, (s) => s.stubTrack);
  return { configLines: [...allow, ...forbid], execCommands: clearSaOf ? clearCommands(clearSaOf) : [] };
}

/** Every candidate allowed: the router runs on its own configuration, as IOS alone would. */
export function planRelease(t: ActuationTargets): ActuationPlan {
  return {
    configLines: [...t.peers.flatMap((p) => stub(p.stubTrack, true)), ...t.sources.flatMap((s) => stub(s.stubTrack, true))],
    execCommands: [],
  };
}

/**
 * Peer-order strategy, for routers whose configuration cannot carry stub
 * tracks: rewrite the client's peer sequence so the chosen peer is first, then
 * clear the active SA, since the client never moves back by itself while its
 * current peer is still a candidate (DESIGN §4). Sources keep their order: the
 * source is steered through its track, or not at all.
 */
export function planPeerOrder(t: ActuationTargets, peer: string, activePeer?: string): ActuationPlan {
  const ordered = [peer, ...t.peers.map((p) => p.address).filter((a) => a !== peer)];
  return {
    configLines: [`crypto ikev2 client flexvpn ${t.client}`, ...ordered.map((address, i) => `peer ${i + 1} ${address}`)],
    execCommands: activePeer && activePeer !== peer ? clearCommands(activePeer) : [],
  };
}

function clearCommands(address: string): string[] {
  return [`clear crypto ikev2 sa remote ${address}`, `clear crypto session remote ${address}`];
}
