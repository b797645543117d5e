/**
 * IKEv2 and IPsec SAs: creation when a negotiation completes, deletion (DPD,
 * clear, teardown), DPD probing, rekeying, and the counters that grow while
 * the path carries traffic.
 */
import { dpdDue, heardPeer, newDpd, recordDpdProbe, type DpdTiming } from './dynamics/dpd.js';
import { emit, interfaceAddress, now, type RouterModel } from './model.js';
import type { IkeSaRuntime, Negotiation } from './runtime.js';

export const IKE_LIFETIME_SEC = 86400;
export const IPSEC_LIFETIME_SEC = 3600;
export const IPSEC_LIFETIME_KB = 4608000;

export function dpdTiming(m: RouterModel): DpdTiming {
  // Without `crypto ikev2 dpd`, IOS sends no liveness checks: an SA to a dead hub lives out its lifetime.
  const dpd = m.config.dpd;
  if (!dpd) return { mode: 'off', intervalSec: IKE_LIFETIME_SEC, retryIntervalSec: IKE_LIFETIME_SEC, retries: 0 };
  return { mode: dpd.mode, intervalSec: dpd.intervalSec, retryIntervalSec: dpd.retryIntervalSec, retries: m.opts.dpdRetries };
}

export function establishSa(m: RouterModel, client: string, tunnelInterface: string, n: Negotiation, createdAt = now(m)): IkeSaRuntime {
  const wan = m.world.wan(n.source);
  const hub = m.world.hubByAddress(n.peerAddress);
  const natInside = wan?.natted ?? false;
  const rng = m.rng.ike;
  const sa: IkeSaRuntime = {
    tunnelId: m.rt.nextTunnelId++,
    sessionId: m.rt.nextSessionId++,
    connId: m.rt.nextConnId,
    client,
    tunnelInterface,
    peerSeq: n.peerSeq,
    peerAddress: n.peerAddress,
    sourceInterface: n.source,
    localAddress: interfaceAddress(m, n.source)?.address ?? '0.0.0.0',
    port: natInside ? 4500 : 500,
    natInside,
    createdAt,
    localSpi: rng.hex(16),
    remoteSpi: rng.hex(16),
    messageId: 2,
    dpd: newDpd(createdAt, dpdTiming(m)),
    ipsec: newIpsec(m, createdAt),
    pushedAddress: hub?.pushedAddress ?? '10.255.255.254',
    hubEpoch: m.world.hubSessionEpoch(n.peerAddress),
  };
  m.rt.nextConnId += 2;
  m.rt.sas.push(sa);
  emit(m, { kind: 'ike-session', at: now(m), state: 'up', peer: sa.peerAddress, port: sa.port });
  return sa;
}

function newIpsec(m: RouterModel, createdAt: number): IkeSaRuntime['ipsec'] {
  const conn = m.rt.nextConnId;
  return {
    inboundSpi: `0x${m.rng.ike.hex(8)}`,
    outboundSpi: `0x${m.rng.ike.hex(8)}`,
    inboundConnId: conn,
    outboundConnId: conn + 1,
    createdAt,
    encaps: 0,
    decaps: 0,
    kbUsed: 0,
  };
}

export function deleteSa(m: RouterModel, sa: IkeSaRuntime, reason: string): void {
  m.rt.sas = m.rt.sas.filter((s) => s !== sa);
  emit(m, { kind: 'ike-session', at: now(m), state: 'down', peer: sa.peerAddress, port: sa.port, reason });
}

/** Whether the hub still holds the SA: its operator may have cleared its sessions since the SA was made. */
export function hubHoldsSa(m: RouterModel, sa: IkeSaRuntime): boolean {
  return m.world.hubSessionEpoch(sa.peerAddress) === sa.hubEpoch;
}

/**
 * DPD, rekeys and counters for every SA; returns the SAs whose peer was
 * declared dead. An SA the hub has cleared is deleted at once when the hub's
 * INFORMATIONAL Delete can reach the spoke; otherwise it lingers, carrying
 * nothing, until DPD gives up on it (the hub no longer answers for it).
 */
export function stepSas(m: RouterModel): IkeSaRuntime[] {
  const t = now(m);
  const dead: IkeSaRuntime[] = [];
  const timing = dpdTiming(m);
  for (const sa of m.rt.sas.filter((s) => !hubHoldsSa(m, s) && m.world.reachable(s.sourceInterface, s.peerAddress))) {
    deleteSa(m, sa, 'peer deleted the IKEv2 SA');
  }
  for (const sa of m.rt.sas) {
    const traffic = carryTraffic(m, sa);
    if (traffic.received > 0) sa.dpd = heardPeer(sa.dpd, t);
    if (dpdDue(sa.dpd, timing, { now: t, sentData: traffic.sent > 0 })) {
      const answered = m.world.probe(sa.sourceInterface, sa.peerAddress, m.rng.ike, 'ike').delivered && hubHoldsSa(m, sa);
      sa.messageId++;
      const r = recordDpdProbe(sa.dpd, timing, answered, t);
      sa.dpd = r.state;
      if (!answered) emit(m, { kind: 'dpd-miss', at: t, peer: sa.peerAddress, misses: r.state.misses });
      if (r.dead) dead.push(sa);
    }
    // Rekeys replace keys and SPIs but keep the session (IOS rekeys before expiry).
    if (t - sa.createdAt >= IKE_LIFETIME_SEC * 1000) {
      sa.createdAt = t;
      sa.localSpi = m.rng.ike.hex(16);
      sa.remoteSpi = m.rng.ike.hex(16);
    }
    if (t - sa.ipsec.createdAt >= IPSEC_LIFETIME_SEC * 1000) {
      const { encaps, decaps } = sa.ipsec;
      sa.ipsec = { ...newIpsec(m, t), encaps, decaps };
      m.rt.nextConnId += 2;
    }
  }
  return dead;
}

/** One second of LAN traffic through the tunnel: sent while the LAN sends and the link is up, received only if the path delivers. */
function carryTraffic(m: RouterModel, sa: IkeSaRuntime): { sent: number; received: number } {
  const { outPps, inPps, packetBytes } = m.opts.traffic;
  const reachable = m.world.reachable(sa.sourceInterface, sa.peerAddress) && hubHoldsSa(m, sa);
  const loss = reachable ? m.world.meanLossPct(sa.sourceInterface, sa.peerAddress, 'data') : 100;
  let received = 0;
  for (let i = 0; i < inPps; i++) if (!m.rng.traffic.chance(loss)) received++;
  const sent = m.rt.interfaces.get(sa.sourceInterface)?.linkUp ? outPps : 0;
  sa.ipsec.encaps += sent;
  sa.ipsec.decaps += received;
  sa.ipsec.kbUsed += ((sent + received) * packetBytes) / 1024;
  const t = now(m);
  const esp = 73; // ESP + outer IP header overhead per packet
  addCounters(m, sa.tunnelInterface, received, received * packetBytes, sent, sent * packetBytes, t);
  addCounters(m, sa.sourceInterface, received, received * (packetBytes + esp), sent, sent * (packetBytes + esp), t);
  return { sent, received };
}

export function addCounters(
  m: RouterModel,
  name: string,
  pktIn: number,
  bytesIn: number,
  pktOut: number,
  bytesOut: number,
  t: number,
): void {
  const ifc = m.rt.interfaces.get(name);
  if (!ifc) return;
  const c = ifc.counters;
  c.packetsIn += pktIn;
  c.bytesIn += Math.round(bytesIn);
  c.packetsOut += pktOut;
  c.bytesOut += Math.round(bytesOut);
  if (pktIn > 0) ifc.lastInputAt = t;
  if (pktOut > 0) ifc.lastOutputAt = t;
}
