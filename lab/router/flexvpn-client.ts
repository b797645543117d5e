/**
 * The FlexVPN client blocks as IOS runs them (DESIGN §4): select the first
 * candidate peer on connect; reselect when the active peer fails DPD, IKE
 * negotiation fails, its track leaves the required state, or its IKEv2 SA is
 * cleared; never move back to a better peer unless `peer reactivate`; pivot
 * the tunnel source to the lowest-numbered source whose track is up; connect
 * only as `connect auto|manual|track N` allows.
 */
import type { FlexClientConfig, FlexPeer } from './config-model.js';
import {
  connectAllowed,
  isCandidate,
  peerOf,
  reactivationTarget,
  selectionOrder,
  selectSource,
  trackedCandidacy,
} from './dynamics/flexvpn-select.js';
import { exchangeStatus, retransmit, sendRequest, type CopyFate, type HubAnswer } from './dynamics/ike-exchange.js';
import { deleteSa, establishSa } from './ike-sa.js';
import { defaultRouteInterface, emit, now, type RouterModel } from './model.js';
import { trackStateOf, type ClientRuntime, type IkeSaRuntime, type Negotiation, type NextChoice } from './runtime.js';

/** Handles the SAs DPD declared dead, then steps every client block (`settle`: warm start, IKE answers are in at once). */
export function stepClients(m: RouterModel, dead: readonly IkeSaRuntime[], settle = false): void {
  for (const sa of dead) {
    deleteSa(m, sa, 'DPD: peer not responding');
    const rt = m.rt.clients.get(sa.client);
    if (rt?.tunnelId === sa.tunnelId) {
      leave(rt, { kind: 'after', seq: sa.peerSeq });
      emit(m, { kind: 'flexvpn-peer', at: now(m), client: sa.client, reason: `peer ${sa.peerSeq} ${sa.peerAddress} failed DPD` });
    }
  }
  for (const [name, rt] of m.rt.clients) {
    if (!m.config.flexClients.has(name)) {
      disconnect(m, name, rt, 'client block removed', { kind: 'first' });
      m.rt.clients.delete(name);
    }
  }
  for (const cfg of m.config.flexClients.values()) {
    let rt = m.rt.clients.get(cfg.name);
    if (!rt) {
      rt = { phase: 'idle', next: { kind: 'first' } };
      m.rt.clients.set(cfg.name, rt);
    }
    stepClient(m, cfg, rt, settle);
  }
}

function stepClient(m: RouterModel, cfg: FlexClientConfig, rt: ClientRuntime, settle: boolean): void {
  const ts = trackStateOf(m.rt);
  const before = rt.trackedCandidates;
  rt.trackedCandidates = trackedCandidacy(cfg, ts);
  const tunnelCfg = cfg.connectInterface ? m.config.interfaces.get(cfg.connectInterface) : undefined;
  const source = selectSource(cfg, tunnelCfg?.tunnel?.source, ts, defaultRouteInterface(m));
  if (source !== rt.lastSource) {
    const event = {
      kind: 'flexvpn-source' as const,
      at: now(m),
      client: cfg.name,
      ...(rt.lastSource ? { from: rt.lastSource } : {}),
      ...(source ? { to: source } : {}),
    };
    emit(m, event);
    if (source === undefined) delete rt.lastSource;
    else rt.lastSource = source;
  }
  if (!tunnelCfg || tunnelCfg.shutdown || source === undefined) {
    disconnect(m, cfg.name, rt, tunnelCfg && !tunnelCfg.shutdown ? 'no usable tunnel source' : 'tunnel not available', { kind: 'first' });
    return;
  }
  if (cfg.connect?.mode === 'track' && !connectAllowed(cfg, ts)) {
    disconnect(m, cfg.name, rt, `connect track ${cfg.connect.track}: track not ${cfg.connect.state}`, { kind: 'first' });
    return;
  }
  const busy = busyPeers(m, cfg);
  if (rt.phase === 'connected') {
    const sa = m.rt.sas.find((s) => s.tunnelId === rt.tunnelId);
    const peer = sa ? peerOf(cfg, sa.peerSeq, sa.peerAddress) : undefined;
    if (!sa) {
      leave(rt, { kind: 'first' });
      emit(m, { kind: 'flexvpn-peer', at: now(m), client: cfg.name, reason: 'IKEv2 SA cleared' });
    } else if (!peer || !isCandidate(peer, ts)) {
      disconnect(m, cfg.name, rt, `peer ${sa.peerSeq} no longer a candidate (track)`, { kind: 'first' });
    } else if (!m.rt.interfaces.get(sa.sourceInterface)?.linkUp) {
      // The tunnel's source interface went down under it: the tunnel goes down with it; the peer did not fail.
      disconnect(m, cfg.name, rt, `tunnel source ${sa.sourceInterface} down`, { kind: 'same', seq: peer.seq });
    } else if (source !== sa.sourceInterface) {
      disconnect(m, cfg.name, rt, `source pivot ${sa.sourceInterface} -> ${source}`, { kind: 'same', seq: peer.seq });
    } else {
      const back = reactivationTarget(cfg, peer.seq, before, ts, busy);
      if (back) disconnect(m, cfg.name, rt, `peer reactivate: peer ${back.seq} ${peerName(back)} is a candidate again`, { kind: 'first' });
    }
  }
  if (rt.phase === 'negotiating') negotiate(m, cfg, rt, source, settle);
  if (rt.phase === 'idle' && cfg.connect?.mode !== 'manual') {
    if (startNegotiation(m, cfg, rt, source, busy)) negotiate(m, cfg, rt, source, settle);
  }
}

/**
 * Picks the peer the selection rule names and starts IKE with it; false when
 * no peer can be tried. A `dynamic` FQDN peer is resolved now: when its name
 * does not resolve, the next candidate is tried (a reselection trigger in the
 * Cisco FlexVPN client guide).
 */
function startNegotiation(m: RouterModel, cfg: FlexClientConfig, rt: ClientRuntime, source: string, busy: ReadonlySet<string>): boolean {
  const ts = trackStateOf(m.rt);
  for (const peer of selectionOrder(cfg, rt.next, ts, busy)) {
    const address = peer.fqdn?.dynamic ? resolvePeer(m, cfg, rt, peer) : peer.address;
    if (address === undefined || busy.has(address)) continue;
    rt.phase = 'negotiating';
    rt.negotiation = openNegotiation(m, peer.seq, address, source);
    return true;
  }
  return false;
}

/** Resolves a `dynamic` FQDN peer against the world's DNS; a failure is reported once until it resolves again. */
function resolvePeer(m: RouterModel, cfg: FlexClientConfig, rt: ClientRuntime, peer: FlexPeer): string | undefined {
  const address = m.world.dns.resolve(peer.fqdn!.name);
  const unresolved = new Set(rt.unresolved);
  if (address === undefined) {
    if (!unresolved.has(peer.seq))
      emit(m, {
        kind: 'flexvpn-peer',
        at: now(m),
        client: cfg.name,
        reason: `peer ${peer.seq} fqdn ${peer.fqdn!.name}: name not resolved`,
      });
    unresolved.add(peer.seq);
  } else {
    unresolved.delete(peer.seq);
  }
  rt.unresolved = unresolved;
  return address;
}

/** How the timeline names a peer: its address, or its FQDN. */
function peerName(p: FlexPeer): string {
  return p.fqdn ? p.fqdn.name : p.address;
}

/**
 * IKE with the chosen peer, as far as `now` (warm start: `settle`, every
 * answer that will come is in). IKE_SA_INIT, then IKE_AUTH, each a request
 * retransmitted until answered (dynamics/ike-exchange.ts); the hub answers
 * each `ikeDelayMs` late, and a draining hub refuses IKE_SA_INIT. A refusal,
 * or a request the peer never answered, fails the negotiation: the client
 * moves on to the next peer (DESIGN §4).
 */
function negotiate(m: RouterModel, cfg: FlexClientConfig, rt: ClientRuntime, source: string, settle = false): void {
  const n = rt.negotiation!;
  const peer = peerOf(cfg, n.peerSeq, n.peerAddress);
  if (!peer || !isCandidate(peer, trackStateOf(m.rt)) || n.source !== source) {
    leave(rt, peer ? { kind: 'same', seq: peer.seq } : { kind: 'first' });
    return;
  }
  const step = advanceExchange(m, n, settle);
  if (step.kind === 'failed') {
    emit(m, { kind: 'ike-negotiation-failed', at: now(m), client: cfg.name, peer: n.peerAddress, reason: step.why });
    leave(rt, { kind: 'after', seq: n.peerSeq });
  } else if (step.kind === 'established') {
    connect(m, cfg, rt, n);
  }
}

export type ExchangeStep = { kind: 'waiting' } | { kind: 'failed'; why: string } | { kind: 'established'; at: number };

/**
 * Moves a negotiation's exchanges on as far as `now` (or every answer that will come, when
 * settling): retransmits, IKE_SA_INIT then IKE_AUTH; the caller acts on the outcome. Shared by
 * the FlexVPN client and the static tunnels of the dual-cloud spoke.
 */
export function advanceExchange(m: RouterModel, n: Negotiation, settle: boolean): ExchangeStep {
  const timing = m.opts.ikeRetransmit;
  const t = settle ? Infinity : now(m);
  for (;;) {
    const status = exchangeStatus(n.request, t, timing);
    switch (status.kind) {
      case 'waiting':
        return { kind: 'waiting' };
      case 'retransmit':
        n.request = retransmit(n.request, n.request.nextTimerAt, copyFate(m, n), hubAnswer(m, n), timing);
        break;
      case 'gave-up':
      case 'refused':
        return { kind: 'failed', why: `${n.exchange} ${status.kind === 'refused' ? 'refused' : 'not answered'}` };
      case 'answered':
        if (n.exchange === 'IKE_SA_INIT') {
          n.exchange = 'IKE_AUTH';
          n.request = sendRequest(status.at, copyFate(m, n), hubAnswer(m, n), timing);
          break;
        }
        return { kind: 'established', at: status.at };
    }
  }
}

/** The first request of a negotiation goes out now. */
export function openNegotiation(m: RouterModel, peerSeq: number, peerAddress: string, source: string): Negotiation {
  const partial = { peerSeq, peerAddress, source, startedAt: now(m), exchange: 'IKE_SA_INIT' as const };
  return { ...partial, request: sendRequest(now(m), copyFate(m, partial), hubAnswer(m, partial), m.opts.ikeRetransmit) };
}

/** One copy of the current request through the world, as IKE traffic: lost on the way out, lost on the way back, or answered. */
function copyFate(m: RouterModel, n: Pick<Negotiation, 'source' | 'peerAddress'>): CopyFate {
  const probe = m.world.probe(n.source, n.peerAddress, m.rng.ike, 'ike');
  return { reachedHub: probe.delivered || probe.lostOn === 'downstream', answerDelivered: probe.delivered, rttMs: probe.rttMs };
}

/** How the hub treats the request: late when it is slow at IKE, refused at IKE_SA_INIT while it drains (its SAs live on). */
function hubAnswer(m: RouterModel, n: Pick<Negotiation, 'peerAddress' | 'exchange'>): HubAnswer {
  return {
    delayMs: m.world.ikeDelayMs(n.peerAddress),
    refuses: n.exchange === 'IKE_SA_INIT' && !m.world.hubAcceptsNewSessions(n.peerAddress),
  };
}

function connect(m: RouterModel, cfg: FlexClientConfig, rt: ClientRuntime, n: Negotiation): void {
  const sa = establishSa(m, cfg.name, cfg.connectInterface!, n);
  rt.phase = 'connected';
  rt.tunnelId = sa.tunnelId;
  delete rt.negotiation;
  rt.next = { kind: 'first' };
  emit(m, {
    kind: 'flexvpn-peer',
    at: now(m),
    client: cfg.name,
    peer: sa.peerAddress,
    seq: sa.peerSeq,
    reason: `connected via ${sa.sourceInterface}`,
  });
}

/** Tears the client's connection down (or abandons its negotiation); the next selection starts from `next`. */
export function disconnect(m: RouterModel, client: string, rt: ClientRuntime, reason: string, next: NextChoice): void {
  if (rt.phase === 'idle') return;
  const sa = rt.phase === 'connected' ? m.rt.sas.find((s) => s.tunnelId === rt.tunnelId) : undefined;
  if (sa) deleteSa(m, sa, reason);
  if (rt.phase === 'connected') emit(m, { kind: 'flexvpn-peer', at: now(m), client, reason });
  leave(rt, next);
}

function leave(rt: ClientRuntime, next: NextChoice): void {
  rt.phase = 'idle';
  rt.next = next;
  delete rt.tunnelId;
  delete rt.negotiation;
}

/** Peers active (or being negotiated) in other client blocks of the same backup group. */
function busyPeers(m: RouterModel, cfg: FlexClientConfig): Set<string> {
  const busy = new Set<string>();
  if (cfg.backupGroup === undefined) return busy;
  for (const other of m.config.flexClients.values()) {
    if (other.name === cfg.name || other.backupGroup !== cfg.backupGroup) continue;
    const ort = m.rt.clients.get(other.name);
    const sa = m.rt.sas.find((s) => s.tunnelId === ort?.tunnelId);
    if (sa) busy.add(sa.peerAddress);
    if (ort?.negotiation) busy.add(ort.negotiation.peerAddress);
  }
  return busy;
}
