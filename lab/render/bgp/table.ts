/**
 * `show bgp ipv4 unicast` / `show ip bgp` in IOS-XE's layout (public
 * captures of IOS-XE 16/17 routers): the header with the status, origin and
 * RPKI legends, then one line per path: status (`*` valid), `>` for the
 * best, `i` for an iBGP-learned path, the network at column 6 on the first
 * path of a prefix only, next hop (15), metric (right, 11), LocPrf (right,
 * 7), weight (right, 7), then the AS path and origin. Locally originated
 * paths show next hop 0.0.0.0 and weight 32768; eBGP paths leave LocPrf blank.
 */
import type { RouterModel } from '../../router/model.js';
import { bgpTable, routerId } from '../../router/bgp/speaker.js';
import type { BgpPath } from '../../router/bgp/path.js';
import { pad, padLeft } from '../format.js';

export const BGP_TABLE_LEGEND = [
  'Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,',
  '              r RIB-failure, S Stale, m multipath, b backup-path, f RT-Filter,',
  '              x best-external, a additional-path, c RIB-compressed,',
  '              t secondary path, L long-lived-stale,',
  'Origin codes: i - IGP, e - EGP, ? - incomplete',
  'RPKI validation codes: V valid, I invalid, N Not found',
  '',
  '     Network          Next Hop            Metric LocPrf Weight Path',
];

export function pathLine(p: BgpPath, best: boolean, first: boolean): string {
  const status = ` *${best ? '>' : ' '}${p.internal ? 'i' : ' '}  `;
  const network = first ? p.prefix : '';
  // A network longer than its column pushes the next hop to a line of its own (IOS wraps it).
  const head = network.length > 16 ? `${status}${network}\n${' '.repeat(23)}` : `${status}${pad(network, 17)}`;
  const metric = p.med === undefined ? '' : String(p.med);
  const locPrf = p.local || !p.internal ? '' : String(p.localPref);
  const path = [...p.asPath.map(String), p.origin].join(' ');
  return `${head}${pad(p.nextHop, 15)}${padLeft(metric, 11)}${padLeft(locPrf, 7)}${padLeft(p.weight, 7)} ${path}`;
}

export function renderBgpTable(m: RouterModel): string {
  if (!m.config.bgp) return '% BGP not active';
  const table = bgpTable(m);
  if (table.length === 0) return '';
  const out = [`BGP table version is ${m.rt.tableVersion}, local router ID is ${routerId(m)}`, ...BGP_TABLE_LEGEND];
  for (const entry of table) {
    // IOS lists the best path first among a prefix's paths only when it is also the newest; the lab lists it first always.
    const paths = [...entry.paths].sort((a, b) => Number(b === entry.best) - Number(a === entry.best));
    paths.forEach((p, i) => out.push(pathLine(p, p === entry.best, i === 0)));
  }
  return out.join('\n');
}

/** `show ip bgp neighbors X advertised-routes`: the paths sent to the neighbour, after its outbound route-map. */
export function renderAdvertisedRoutes(m: RouterModel, address: string): string {
  const s = m.rt.bgpSessions.get(address);
  if (!m.config.bgp || !s) return '% No such neighbor or address family';
  if (s.advertised.length === 0) return '';
  const out = [`BGP table version is ${m.rt.tableVersion}, local router ID is ${routerId(m)}`, ...BGP_TABLE_LEGEND];
  // The table shows the path as it stands locally (next hop 0.0.0.0, weight 32768), with the attributes the route-map set.
  for (const p of s.advertised) out.push(pathLine({ ...p, nextHop: '0.0.0.0' }, true, true));
  out.push('', `Total number of prefixes ${s.advertised.length} `);
  return out.join('\n');
}
