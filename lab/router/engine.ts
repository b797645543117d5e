/**
 * One second of router life, in IOS's order of cause and effect: links, IP
 * SLA operations, tracks, SAs (DPD, counters), FlexVPN clients, tunnel line
 * protocol, BGP, routes. The lab ticks it once per lab second.
 */
import type { TrackConfig } from './config-model.js';
import { stepBgp } from './bgp.js';
import { stepBgpSpeaker } from './bgp/speaker.js';
import { stepStaticTunnels } from './static-tunnel.js';
import { stepNhrp } from './nhrp/engine.js';
import { stepInterfaceDampening } from './dampening.js';
import { evaluationOrder, stepTrack, trackTarget, type TrackEnv } from './dynamics/track.js';
import { stepClients } from './flexvpn-client.js';
import { stepSas } from './ike-sa.js';
import { stepSlas } from './ip-sla-engine.js';
import { emit, interfaceAddress, now, type RouterModel } from './model.js';
import { recomputeRoutes } from './routing.js';
import { newInterfaceRuntime } from './runtime.js';

export { stepSlas } from './ip-sla-engine.js';

export function tick(m: RouterModel): void {
  stepLinks(m);
  stepInterfaceDampening(m);
  stepSlas(m);
  stepTracks(m);
  const dead = stepSas(m);
  stepClients(m, dead);
  stepStaticTunnels(m);
  stepTunnelProtocols(m);
  stepBgp(m);
  if (m.config.bgp || m.rt.bgpSessions.size > 0) {
    // `fall-over` reacts to the RIB as it is now, in the same second as the tunnel that carried the route to the peer.
    recomputeRoutes(m);
    stepBgpSpeaker(m);
  }
  if (m.rt.nhrp.flows.size > 0 || m.rt.nhrp.entries.length > 0) {
    recomputeRoutes(m);
    stepNhrp(m);
  }
  recomputeRoutes(m);
}

/** Physical state: a WAN is up while its carrier is and it is not shut; other interfaces while not shut. */
export function stepLinks(m: RouterModel): void {
  const t = now(m);
  for (const [name, cfg] of m.config.interfaces) {
    const wan = m.world.wan(name);
    const linkUp = !cfg.shutdown && (wan?.up ?? true);
    let ifc = m.rt.interfaces.get(name);
    if (!ifc) {
      ifc = newInterfaceRuntime(t, linkUp);
      ifc.protocolUp = linkUp && !name.startsWith('Tunnel');
      m.rt.interfaces.set(name, ifc);
      continue;
    }
    if (ifc.linkUp === linkUp) continue;
    ifc.linkUp = linkUp;
    ifc.lastChangeAt = t;
    ifc.counters.carrierTransitions++;
    emit(m, { kind: 'link', at: t, interface: name, state: linkUp ? 'up' : cfg.shutdown ? 'administratively down' : 'down' });
    if (!name.startsWith('Tunnel')) setProtocol(m, name, linkUp);
  }
}

function setProtocol(m: RouterModel, name: string, up: boolean): void {
  const ifc = m.rt.interfaces.get(name);
  if (!ifc || ifc.protocolUp === up) return;
  ifc.protocolUp = up;
  ifc.lastChangeAt = now(m);
  emit(m, { kind: 'line-protocol', at: now(m), interface: name, state: up ? 'up' : 'down' });
}

/** A FlexVPN tunnel's line protocol is up while an SA is established on it. */
export function stepTunnelProtocols(m: RouterModel): void {
  for (const [name, ifc] of m.rt.interfaces) {
    if (!name.startsWith('Tunnel')) continue;
    setProtocol(m, name, ifc.linkUp && m.rt.sas.some((s) => s.tunnelInterface === name));
  }
}

export function stepTracks(m: RouterModel, settle = false): void {
  const t = now(m);
  for (const id of [...m.rt.tracks.keys()]) if (!m.config.tracks.has(id)) m.rt.tracks.delete(id);
  const env: TrackEnv = {
    slaCode: (op) => m.rt.slas.get(op)?.code,
    interfaceState: (name) => {
      const ifc = m.rt.interfaces.get(name);
      return (
        ifc && {
          protocolUp: ifc.protocolUp,
          hasAddress: interfaceAddress(m, name) !== undefined,
          suppressed: ifc.dampening?.suppressed === true,
        }
      );
    },
    trackState: (id) => (m.config.tracks.has(id) ? m.rt.tracks.get(id)?.state : undefined),
    stubState: (id) => m.rt.stubStates.get(id),
  };
  // Lists after their members: a member's change reaches the list in the same second.
  for (const cfg of evaluationOrder([...m.config.tracks.values()])) {
    const target = trackTarget(cfg, env);
    const rt = m.rt.tracks.get(cfg.id) ?? { state: 'down' as const, changes: 0, lastChangeAt: t };
    if (settle) {
      m.rt.tracks.set(cfg.id, { state: target, changes: 1, lastChangeAt: rt.lastChangeAt });
      continue;
    }
    const r = stepTrack(rt, cfg, target, t);
    m.rt.tracks.set(cfg.id, r.rt);
    if (r.change) emit(m, { kind: 'track', at: t, trackId: cfg.id, object: trackObjectText(cfg), ...r.change });
  }
}

/** IOS's short interface names, as `%TRACK-6-STATE` prints them (`interface Gi0/0 line-protocol`). */
const SHORT_TYPES: Array<[string, string]> = [
  ['GigabitEthernet', 'Gi'],
  ['Cellular', 'Ce'],
  ['Tunnel', 'Tu'],
  ['Vlan', 'Vl'],
  ['Loopback', 'Lo'],
  ['Dialer', 'Di'],
];

export function shortInterface(name: string): string {
  const hit = SHORT_TYPES.find(([long]) => name.startsWith(long) && /^\d/.test(name.slice(long.length)));
  return hit ? hit[1] + name.slice(hit[0].length) : name;
}

/** What `%TRACK-6-STATE` names after the track number. */
export function trackObjectText(cfg: TrackConfig): string {
  switch (cfg.kind) {
    case 'ip-sla':
      return `ip sla ${cfg.operation} ${cfg.parameter}`;
    case 'interface':
      return `interface ${shortInterface(cfg.interface)} ${cfg.parameter === 'ip-routing' ? 'ip routing' : 'line-protocol'}`;
    case 'list':
      return `list boolean ${cfg.operator}`;
    case 'threshold':
      return `list threshold ${cfg.by}`;
    case 'stub-object':
      return 'stub-object';
  }
}
