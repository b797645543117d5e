/**
 * Starts the router converged, as a spoke that booted `uptimeSec` ago: SLAs
 * have run, tracks hold their states, the FlexVPN client is connected and
 * its SA has been up for a while. Nothing is logged for this history.
 */
import { stepLinks, stepSlas, stepTracks } from './engine.js';
import { stepBgp } from './bgp.js';
import { stepBgpSpeaker } from './bgp/speaker.js';
import { stepStaticTunnels } from './static-tunnel.js';
import { stepTunnelProtocols } from './engine.js';
import { newDpd, nextTimerAfter } from './dynamics/dpd.js';
import { stepClients } from './flexvpn-client.js';
import { dpdTiming } from './ike-sa.js';
import { resettleTunnelProbes } from './ip-sla-engine.js';
import { now, type RouterModel } from './model.js';
import { recomputeRoutes } from './routing.js';

export function warmStart(m: RouterModel): void {
  const t = now(m);
  m.emitting = false;
  stepLinks(m);
  for (const ifc of m.rt.interfaces.values()) ifc.lastChangeAt = m.rt.bootAt;
  recomputeRoutes(m);
  stepSlas(m, true);
  stepTracks(m, true);
  for (const tr of m.rt.tracks.values()) tr.lastChangeAt = m.rt.bootAt + 60_000;
  // The connection was made long ago: IKE's answers are all in (a failed peer passes to the next one).
  for (let i = 0; i < 6; i++) stepClients(m, [], true);
  stepStaticTunnels(m, true);
  const saAgeMs = Math.min(t - m.rt.bootAt - 90_000, Math.floor(m.rng.ike.between(2, 9) * 3600_000));
  for (const sa of m.rt.sas) {
    sa.createdAt = t - saAgeMs;
    sa.ipsec.createdAt = t - (saAgeMs % 3600_000);
    // DPD's phase follows from the SA's age (the seed draws it): a periodic timer started when the SA came up.
    const timing = dpdTiming(m);
    const fresh = newDpd(sa.createdAt, timing);
    sa.dpd = {
      ...fresh,
      lastHeardAt: m.opts.traffic.inPps > 0 ? t : sa.createdAt,
      nextPeriodicAt: nextTimerAfter(fresh.nextPeriodicAt, timing.intervalSec * 1000, t),
    };
    const secs = saAgeMs / 1000;
    sa.ipsec.encaps = Math.floor(secs * m.opts.traffic.outPps);
    sa.ipsec.decaps = Math.floor(secs * m.opts.traffic.inPps);
    // Each answered R-U-THERE used a message id; on-demand DPD sends none while traffic flows both ways.
    sa.messageId = 2 + (timing.mode === 'periodic' ? Math.floor(secs / timing.intervalSec) : 0);
    for (const name of [sa.tunnelInterface, sa.sourceInterface]) {
      const ifc = m.rt.interfaces.get(name);
      if (!ifc) continue;
      ifc.protocolUp = true;
      ifc.counters.packetsIn += sa.ipsec.decaps;
      ifc.counters.packetsOut += sa.ipsec.encaps;
      ifc.counters.bytesIn += sa.ipsec.decaps * m.opts.traffic.packetBytes;
      ifc.counters.bytesOut += sa.ipsec.encaps * m.opts.traffic.packetBytes;
      if (name === sa.tunnelInterface) ifc.lastChangeAt = sa.createdAt;
    }
  }
  recomputeRoutes(m);
  resettleTunnelProbes(m);
  for (let i = 0; i < 2; i++) {
    stepBgp(m);
    for (const n of m.rt.bgp.values()) if (n.establishAt !== undefined) n.establishAt = t;
  }
  for (const n of m.rt.bgp.values()) {
    if (n.state !== 'Established') continue;
    const sa = m.rt.sas.find((s) => m.world.hubByAddress(s.peerAddress)?.tunnelAddress === n.address);
    n.upDownAt = (sa?.createdAt ?? t) + 3000;
    const keepalives = Math.floor((t - n.upDownAt) / 60_000);
    n.msgRcvd += keepalives;
    n.msgSent += keepalives;
  }
  recomputeRoutes(m);
  if (m.config.bgp) warmBgpSessions(m, t);
  m.emitting = true;
}

/** `router bgp` sessions came up a few seconds after their tunnels and have exchanged keepalives since. */
function warmBgpSessions(m: RouterModel, t: number): void {
  stepTunnelProtocols(m);
  recomputeRoutes(m);
  stepBgpSpeaker(m, true);
  for (const s of m.rt.bgpSessions.values()) {
    if (s.state !== 'Established') continue;
    const route = m.rt.routes.find((r) => r.interface !== undefined && r.prefix === `${s.address}/32`);
    const sa = m.rt.sas.find((x) => x.tunnelInterface === route?.interface);
    s.upDownAt = (sa?.createdAt ?? t) + 3000;
    const keepalives = Math.floor((t - s.upDownAt) / (s.keepaliveSec * 1000));
    s.sent.keepalives += keepalives;
    s.rcvd.keepalives += keepalives;
    for (const p of s.received) p.receivedAt = s.upDownAt;
  }
  recomputeRoutes(m);
}
