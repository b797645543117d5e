/**
 * What `spokepilot lab` prints at start: what the simulated spoke is, read
 * from its running configuration and world (not restated by hand), so an
 * engineer knows the client name, hubs, WANs, tracks, IP SLA ids and where
 * syslog goes before logging in.
 */
import type { LabRouter } from './router/index.js';
import type { TrackConfig } from './router/config-model.js';

export interface BannerAccess {
  user: string;
  password: string;
  host: string;
  port: number;
  fingerprint: string;
  speed: number;
}

export function labBanner(router: LabRouter, access: BannerAccess): string[] {
  const { config } = router.model;
  const world = router.world;
  const out = [
    `${router.hostname()}: a simulated IR829 FlexVPN ${config.bgp ? 'dual-cloud ' : ''}spoke (IOS 15.9(3)M), ${access.speed}x real time`,
    `  login    ssh ${access.user}@${access.host} -p ${access.port}  (password ${access.password}; host key ${access.fingerprint})`,
    `  hubs     ${world
      .hubs()
      .map((h) => `${h.name} ${h.address}`)
      .join(', ')}`,
    `  WANs     ${world
      .wans()
      .map((w) => `${w.interface} (${w.kind}, ${w.address})`)
      .join(', ')}`,
  ];
  for (const c of config.flexClients.values()) {
    out.push(`  client   crypto ikev2 client flexvpn ${c.name}${c.connectInterface ? `, connects ${c.connectInterface}` : ''}`);
    for (const p of c.peers)
      out.push(`             peer ${p.seq} ${p.fqdn?.name ?? p.address}${p.track !== undefined ? ` track ${p.track}` : ''}`);
    for (const s of c.sources) out.push(`             source ${s.seq} ${s.interface} track ${s.track}`);
  }
  for (const i of config.interfaces.values()) {
    if (i.tunnel?.destination !== undefined && i.tunnel.destination !== 'dynamic')
      out.push(`  tunnel   ${i.name} to ${i.tunnel.destination} from ${i.tunnel.source ?? '?'}`);
  }
  if (config.bgp) {
    const n = [...config.bgp.neighbors.values()].map((x) => `${x.address}${x.fallOver ? ' (fall-over)' : ''}`);
    out.push(`  BGP      AS ${config.bgp.asn}, neighbors ${n.join(', ') || 'none'}`);
  }
  const spokes = world.remoteSpokes();
  if (spokes.length > 0) out.push(`  spokes   ${spokes.map((x) => `${x.name} ${x.lan} (NBMA ${x.nbma})`).join(', ')}`);
  out.push(`  tracks   ${describeTracks([...config.tracks.values()])}`);
  const slas = [...config.slas.values()].sort((a, b) => a.id - b.id);
  out.push(
    `  IP SLA   ${slas.map((s) => `${s.id}${s.icmpEcho ? ` ${s.icmpEcho.destination}${s.icmpEcho.sourceInterface ? ` via ${s.icmpEcho.sourceInterface}` : ''}` : ''}`).join(', ') || 'none'}`,
  );
  const hosts = config.loggingHosts.map((h) => `${h.address} udp/${h.port}`);
  out.push(`  syslog   ${hosts.length > 0 ? `to ${hosts.join(', ')}` : 'not sent (start with --syslog HOST:PORT to send it)'}`);
  if (!config.bgp) out.push('  agent    spokepilot lab --print-agent-config > lab-agent.yaml  (a configuration for this spoke)');
  return out;
}

/** `ip sla 1 2 11; stub 101 102; list 201 202`, grouped by kind in id order. */
function describeTracks(tracks: TrackConfig[]): string {
  const names: Record<TrackConfig['kind'], string> = {
    'ip-sla': 'ip sla',
    'stub-object': 'stub',
    list: 'list',
    interface: 'interface',
    threshold: 'threshold',
  };
  const groups = new Map<string, number[]>();
  for (const t of [...tracks].sort((a, b) => a.id - b.id)) groups.set(names[t.kind], [...(groups.get(names[t.kind]) ?? []), t.id]);
  return [...groups].map(([kind, ids]) => `${kind} ${ids.join(' ')}`).join('; ') || 'none';
}
