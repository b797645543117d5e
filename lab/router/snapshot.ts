/** A plain, readable picture of the router's state for tests and the scenario runner. */
import type { UpDown } from './config-model.js';
import type { RouterModel } from './model.js';

export interface RouterSnapshot {
  at: number;
  clients: Array<{ name: string; phase: 'idle' | 'negotiating' | 'connected'; peer?: string; peerSeq?: number; source?: string }>;
  tracks: Record<number, UpDown>;
  sas: Array<{ tunnelId: number; peer: string; source: string; activeSec: number; encaps: number; decaps: number }>;
  /** `S 10.0.0.0/8 Tunnel100`, `S* 0.0.0.0/0 via 192.0.2.9`. */
  routes: string[];
  interfaces: Record<string, { link: UpDown; protocol: UpDown }>;
}

export function snapshot(m: RouterModel): RouterSnapshot {
  const at = m.opts.clock.now();
  const clients: RouterSnapshot['clients'] = [];
  for (const [name, rt] of m.rt.clients) {
    const sa = m.rt.sas.find((s) => s.tunnelId === rt.tunnelId);
    const c: RouterSnapshot['clients'][number] = { name, phase: rt.phase };
    const peer = sa?.peerAddress ?? rt.negotiation?.peerAddress;
    const seq = sa?.peerSeq ?? rt.negotiation?.peerSeq;
    const source = sa?.sourceInterface ?? rt.negotiation?.source;
    if (peer !== undefined) c.peer = peer;
    if (seq !== undefined) c.peerSeq = seq;
    if (source !== undefined) c.source = source;
    clients.push(c);
  }
  const tracks: Record<number, UpDown> = {};
  for (const [id, t] of m.rt.tracks) tracks[id] = t.state;
  const interfaces: RouterSnapshot['interfaces'] = {};
  for (const [name, i] of m.rt.interfaces) interfaces[name] = { link: i.linkUp ? 'up' : 'down', protocol: i.protocolUp ? 'up' : 'down' };
  return {
    at,
    clients,
    tracks,
    sas: m.rt.sas.map((s) => ({
      tunnelId: s.tunnelId,
      peer: s.peerAddress,
      source: s.sourceInterface,
      activeSec: Math.floor((at - s.createdAt) / 1000),
      encaps: s.ipsec.encaps,
      decaps: s.ipsec.decaps,
    })),
    routes: m.rt.routes.map(
      (r) => `${r.code}${r.candidateDefault ? '*' : ''} ${r.prefix}${r.via ? ` via ${r.via}` : ''}${r.interface ? ` ${r.interface}` : ''}`,
    ),
    interfaces,
  };
}
