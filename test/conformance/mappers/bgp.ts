import type { BgpNeighborDetail, BgpPathEntry, RouteMapEntry } from '../../../proto/records/routing.js';
import { Facts } from '../facts.js';
import type { Mapper, NtcRow } from '../mapper.js';

const ORIGIN: Record<string, string> = { i: 'igp', e: 'egp', '?': 'incomplete' };
const num = (v: unknown): number | undefined => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : undefined);
const text = (v: unknown): string => (Array.isArray(v) ? v.join(' ') : String(v ?? '')).trim();

/** TextFSM leaves a classful network without its mask (`192.168.1.0`), as IOS prints it: its class gives the length. */
function ntcNetwork(network: string): string {
  if (network.includes('/')) return network;
  const first = Number(network.split('.')[0]);
  return `${network}/${network === '0.0.0.0' ? 0 : first < 128 ? 8 : first < 192 ? 16 : 24}`;
}

/** `show ip bgp` (any family in its layout): path lines in order (ntc repeats the network on every path of a prefix, as we do). */
const bgpTable: Mapper = {
  ntc(rows: NtcRow[]) {
    const f = new Facts();
    rows.forEach((r, i) => {
      const k = `path[${i}]`;
      f.set(`${k}.network`, ntcNetwork(text(r.network))).set(`${k}.nextHop`, text(r.next_hop));
      f.set(`${k}.metric`, num(r.metric)).set(`${k}.localPref`, num(r.local_pref)).set(`${k}.weight`, num(r.weight));
      f.set(`${k}.asPath`, text(r.as_path)).set(`${k}.origin`, ORIGIN[text(r.origin)]);
      f.set(`${k}.best`, text(r.path_selection) === '>').set(`${k}.internal`, text(r.route_source) === 'i');
    });
    return f.set('path.count', rows.length);
  },
  ours(records: BgpPathEntry[]) {
    const f = new Facts();
    records.forEach((r, i) => {
      const k = `path[${i}]`;
      f.set(`${k}.network`, r.network)
        .set(`${k}.nextHop`, r.nextHop)
        .set(`${k}.metric`, r.metric)
        .set(`${k}.localPref`, r.localPref)
        .set(`${k}.weight`, r.weight);
      f.set(`${k}.asPath`, r.asPath.join(' ')).set(`${k}.origin`, r.origin).set(`${k}.best`, r.best).set(`${k}.internal`, r.internal);
      // The IPv6 and VPN tables: a capture's facts name the family and RD (absent for IPv4 unicast).
      f.set(`${k}.addressFamily`, r.addressFamily).set(`${k}.routeDistinguisher`, r.routeDistinguisher).set(`${k}.vrf`, r.vrf);
    });
    return f.set('path.count', records.length);
  },
};

/** `show ip bgp neighbors`: per neighbour, what both sides read. */
const bgpNeighbors: Mapper = {
  ntc(rows: NtcRow[]) {
    const f = new Facts();
    for (const r of rows) {
      // The vpnv4 template leaves a neighbour's head unread now and then (cisco_ios_show_ip_bgp_vpnv4_all_neighbors_desc1):
      // its TCP section's foreign host is the same address.
      const k = `nbr[${text(r.neighbor) || text(r.remote_ip)}]`;
      f.set(`${k}.remoteAs`, num(r.remote_as) ?? text(r.remote_as)).set(`${k}.remoteRouterId`, text(r.remote_router_id) || undefined);
      f.set(`${k}.state`, text(r.bgp_state).toLowerCase()).set(`${k}.vrf`, text(r.vrf) || undefined);
      f.set(`${k}.routeMapIn`, text(r.inbound_routemap) || undefined).set(`${k}.routeMapOut`, text(r.outbound_routemap) || undefined);
    }
    return f.set('nbr.count', rows.length);
  },
  ours(records: BgpNeighborDetail[]) {
    const f = new Facts();
    for (const r of records) {
      const k = `nbr[${r.neighbor}]`;
      f.set(`${k}.remoteAs`, r.remoteAs)
        .set(`${k}.remoteRouterId`, r.remoteRouterId)
        .set(`${k}.state`, r.stateRaw.toLowerCase())
        .set(`${k}.vrf`, r.vrf);
      f.set(`${k}.routeMapIn`, r.routeMapIn).set(`${k}.routeMapOut`, r.routeMapOut);
    }
    return f.set('nbr.count', records.length);
  },
};

/** `show route-map`: entries with their clauses as printed. */
const routeMap: Mapper = {
  ntc(rows: NtcRow[]) {
    const f = new Facts();
    for (const r of rows) {
      const k = `entry[${text(r.name)}/${text(r.seq)}]`;
      f.set(`${k}.action`, text(r.action))
        .set(`${k}.match`, [r.match_clauses ?? []].flat().join('|'))
        .set(`${k}.set`, [r.set_clauses ?? []].flat().join('|'));
    }
    return f.set('entry.count', rows.length);
  },
  ours(records: RouteMapEntry[]) {
    const f = new Facts();
    for (const r of records) {
      const k = `entry[${r.name}/${r.sequence}]`;
      f.set(`${k}.action`, r.action).set(`${k}.match`, r.match.join('|')).set(`${k}.set`, r.set.join('|'));
    }
    return f.set('entry.count', records.length);
  },
};

export const bgpMappers: Record<string, Mapper> = {
  'show ip bgp': bgpTable,
  'show ip bgp neighbors': bgpNeighbors,
  'show route-map': routeMap,
};
