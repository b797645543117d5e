/**
 * Checks a dual-cloud configuration against the router's running
 * configuration before the agent steers: each hub is a BGP neighbour whose
 * inbound and outbound route-maps are the agent's, those route-maps exist
 * (a neighbour route-map that names no route-map denies every path), the
 * communities reach the hubs, and each candidate's IP SLA operations exist
 * and probe through its tunnel. Pure: the text is `show running-config`.
 */
import { runningConfigBlocks } from '../preflight.js';
import type { DualCloudConfig } from './config.js';
import { ROUTE_MAP_SEQ } from './plan.js';

export interface DualCloudProblem {
  code:
    | 'BGP_MISSING'
    | 'NEIGHBOR_MISSING'
    | 'ROUTE_MAP_NOT_APPLIED'
    | 'ROUTE_MAP_MISSING'
    | 'COMMUNITY_NOT_SENT'
    | 'TUNNEL_MISSING'
    | 'SLA_MISSING'
    | 'SLA_WRONG_SOURCE';
  message: string;
  /** What to configure on the router (or change in the file). */
  fix: string;
}

export function dualCloudPreflight(
  c: DualCloudConfig,
  candidates: readonly { id: string; peer: string; source: string; slaOperations: readonly number[] }[],
  runningConfig: string,
): DualCloudProblem[] {
  const blocks = runningConfigBlocks(runningConfig);
  const problems: DualCloudProblem[] = [];
  const add = (code: DualCloudProblem['code'], message: string, fix: string) => problems.push({ code, message, fix });
  const bgp = blocks.find((b) => b.head === `router bgp ${c.asn}`);
  if (!bgp) {
    const other = blocks.find((b) => /^router bgp \d+$/.test(b.head));
    add(
      'BGP_MISSING',
      other
        ? `the router runs BGP as ${other.head.split(' ')[2]}, not dualCloud.asn ${c.asn}`
        : 'the router runs no BGP (no router bgp block)',
      other ? 'check dualCloud.asn' : `router bgp ${c.asn} with a neighbor per hub (spokepilot config ios prints the spoke side)`,
    );
    return problems;
  }
  const has = (line: string) => bgp.lines.includes(line);
  for (const h of c.hubs) {
    if (!bgp.lines.some((l) => l.startsWith(`neighbor ${h.neighbor} remote-as `))) {
      add('NEIGHBOR_MISSING', `hub ${h.neighbor} is not a BGP neighbor`, `${bgp.head} / neighbor ${h.neighbor} remote-as <AS>`);
      continue;
    }
    for (const [name, dir] of [
      [h.routeMapIn, 'in'],
      [h.routeMapOut, 'out'],
    ] as const) {
      if (!has(`neighbor ${h.neighbor} route-map ${name} ${dir}`)) {
        add(
          'ROUTE_MAP_NOT_APPLIED',
          `neighbor ${h.neighbor} does not apply the agent's route-map ${name} ${dir}`,
          `${bgp.head} / neighbor ${h.neighbor} route-map ${name} ${dir}`,
        );
      }
      if (!blocks.some((b) => b.head === `route-map ${name} permit ${ROUTE_MAP_SEQ}`)) {
        add(
          'ROUTE_MAP_MISSING',
          `route-map ${name} permit ${ROUTE_MAP_SEQ} does not exist: as the neighbor's route-map it would deny every path`,
          `route-map ${name} permit ${ROUTE_MAP_SEQ}`,
        );
      }
    }
    if (
      'community' in c.returnPath &&
      !bgp.lines.some((l) => /^neighbor \S+ send-community( both| standard)?$/.test(l) && l.split(' ')[1] === h.neighbor)
    ) {
      add(
        'COMMUNITY_NOT_SENT',
        `neighbor ${h.neighbor} is not sent communities: the return-path tag ${c.returnPath.community} would never reach it`,
        `${bgp.head} / neighbor ${h.neighbor} send-community both`,
      );
    }
    if (!blocks.some((b) => b.head === `interface ${h.tunnel}`))
      add(
        'TUNNEL_MISSING',
        `interface ${h.tunnel} (hub ${h.neighbor}) does not exist`,
        `check dualCloud.hubs: the tunnel whose destination is this hub`,
      );
  }
  const slas = new Map<number, { source?: string; destination?: string }>();
  for (const b of blocks) {
    const m = /^ip sla (\d+)$/.exec(b.head);
    if (!m) continue;
    const source = b.lines.map((l) => /source-interface (\S+)/.exec(l)?.[1]).find((x) => x !== undefined);
    const destination = b.lines.map((l) => /^(?:icmp-echo|icmp-jitter|udp-jitter) (\S+)/.exec(l)?.[1]).find((x) => x !== undefined);
    slas.set(Number(m[1]), { ...(source ? { source } : {}), ...(destination ? { destination } : {}) });
  }
  for (const cand of candidates) {
    for (const op of cand.slaOperations) {
      const sla = slas.get(op);
      if (!sla)
        add(
          'SLA_MISSING',
          `IP SLA operation ${op} (candidate ${cand.id}) does not exist`,
          `ip sla ${op} / icmp-echo ${cand.peer} source-interface ${cand.source} / ip sla schedule ${op} life forever start-time now`,
        );
      // Without a source interface an operation leaves by the route to its target: to the hub's
      // overlay address, that is the hub's own tunnel (an icmp-jitter run takes no source-interface).
      else if (sla.source === undefined ? sla.destination !== cand.peer : sla.source !== cand.source) {
        add(
          'SLA_WRONG_SOURCE',
          `IP SLA operation ${op} probes ${sla.source ? `from ${sla.source}` : `${sla.destination ?? 'nothing'} with no source interface`}, but candidate ${cand.id} is judged through ${cand.source}`,
          `source-interface ${cand.source} on ip sla ${op}, or its target the hub's address ${cand.peer}`,
        );
      }
    }
  }
  return problems;
}
