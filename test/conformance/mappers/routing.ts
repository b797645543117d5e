import type { BgpNeighborSummary, DmvpnPeer, NhrpEntry, Route } from '../../../proto/records/routing.js';
import { flagChars } from '../../../agent/parsers/routing/route-codes.js';
import { parseDuration } from '../../../agent/parsers/duration.js';
import { canonicalInterface } from '../../../agent/parsers/interface-name.js';
import { Facts } from '../facts.js';
import type { Json, Mapper, NtcRow } from '../mapper.js';

/**
 * `show ip route` / `show ipv6 route`. Routes are keyed by table and prefix
 * (lowercase, as the comparator does not normalise keys); the global table is
 * `global` on both sides (genie calls it `default`).
 */
const routeKey = (vrf: string | undefined, prefix: string) =>
  `route[${vrf === undefined || vrf === 'default' || vrf === '' ? 'global' : vrf}/${prefix.toLowerCase()}]`;

// genie names the IPv6 `LC` code `local_connected`; for us it is a local route.
const GENIE_PROTOCOL: Record<string, string> = { local_connected: 'local' };

/** genie: `(default:ipv6)` keeps the family suffix, which we drop (see NextHop.vrf). */
const genieVrf = (vrf: unknown) => (typeof vrf === 'string' ? vrf.replace(/:ipv6$/, '') : undefined);

/**
 * genie splits next hops into `next_hop_list` (those with an address, indexed
 * from 1) and `outgoing_interface` (interface only, keyed by name). Ours are
 * mapped the same way so each side's facts line up.
 */
function genieRoutes(expected: Json): Facts {
  const f = new Facts();
  let routes = 0;
  let hops = 0;
  for (const [vrf, table] of Object.entries<Json>(expected?.vrf ?? {})) {
    for (const af of Object.values<Json>(table?.address_family ?? {})) {
      for (const r of Object.values<Json>(af?.routes ?? {})) {
        routes++;
        const k = routeKey(vrf, r.route);
        const codes = String(r.source_protocol_codes ?? '');
        f.set(`${k}.code`, codes).set(`${k}.candidateDefault`, codes.includes('*'));
        f.set(`${k}.protocol`, GENIE_PROTOCOL[r.source_protocol] ?? r.source_protocol);
        f.set(`${k}.distance`, r.route_preference).set(`${k}.metric`, r.metric);
        for (const hop of Object.values<Json>(r.next_hop?.next_hop_list ?? {})) {
          hops++;
          const h = `${k}.via[${hop.index}]`;
          f.set(`${h}.address`, hop.next_hop).set(`${h}.interface`, hop.outgoing_interface);
          f.set(`${h}.vrf`, genieVrf(hop.vrf)).set(`${h}.ageSec`, hop.updated && parseDuration(hop.updated));
        }
        for (const name of Object.keys(r.next_hop?.outgoing_interface ?? {})) {
          hops++;
          f.set(`${k}.interfaceOnly[${canonicalInterface(name)}]`, true);
        }
      }
    }
  }
  return f.set('route.count', routes).set('nextHop.count', hops);
}

function oursForGenie(records: Route[]): Facts {
  const f = new Facts();
  const routes = new Map<string, Route>();
  // genie's dict keeps one route per prefix; so do these facts (IOS prints each once).
  for (const r of records) routes.set(routeKey(r.vrf, r.prefix), r);
  let hops = 0;
  for (const [k, r] of routes) {
    const flags = flagChars(r.flags);
    f.set(`${k}.code`, flags ? `${r.code} ${flags}` : r.code).set(`${k}.candidateDefault`, r.candidateDefault);
    f.set(`${k}.protocol`, r.protocol).set(`${k}.distance`, r.distance).set(`${k}.metric`, r.metric);
    let index = 0;
    const interfaceOnly = new Set<string>();
    for (const hop of r.nextHops) {
      if (hop.address === undefined) {
        if (hop.interface !== undefined) interfaceOnly.add(hop.interface);
        continue;
      }
      const h = `${k}.via[${++index}]`;
      f.set(`${h}.address`, hop.address).set(`${h}.interface`, hop.interface);
      f.set(`${h}.vrf`, hop.vrf).set(`${h}.ageSec`, hop.ageSec);
    }
    for (const name of interfaceOnly) f.set(`${k}.interfaceOnly[${name}]`, true);
    hops += index + interfaceOnly.size;
  }
  return f.set('route.count', routes.size).set('nextHop.count', hops);
}

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/** ntc: one row per next hop, the route's fields repeated on each; IPv4 splits the code into protocol, flag and type. */
function ntcRoutes(rows: NtcRow[], family: 'ipv4' | 'ipv6'): Facts {
  const f = new Facts();
  const hopIndex = new Map<string, number>();
  for (const row of rows) {
    const prefix = family === 'ipv4' ? `${str(row.network)}/${str(row.prefix_length)}` : str(row.network);
    const k = routeKey(str(row.vrf), prefix);
    const index = (hopIndex.get(k) ?? 0) + 1;
    hopIndex.set(k, index);
    f.set(`${k}.protocolCode`, row.protocol).set(`${k}.type`, row.type);
    if (family === 'ipv4') f.set(`${k}.candidateDefault`, row.flag === '*');
    f.set(`${k}.distance`, row.distance).set(`${k}.metric`, row.metric);
    const h = `${k}.hop[${index}]`;
    f.set(`${h}.address`, row.nexthop_ip).set(`${h}.interface`, row.nexthop_if);
    f.set(`${h}.vrf`, row.nexthop_vrf).set(`${h}.ageSec`, str(row.uptime) && parseDuration(str(row.uptime)));
  }
  return f.set('route.count', hopIndex.size).set('nextHop.count', rows.length);
}

function oursForNtc(records: Route[]): Facts {
  const f = new Facts();
  let hops = 0;
  for (const r of records) {
    const k = routeKey(r.vrf, r.prefix);
    // `O*E2` -> protocol `O`, type `E2`; IPv6 codes are one token (`NDp`).
    const m = /^([A-Za-z]+)\*?\s*(\S*)$/.exec(r.code);
    f.set(`${k}.protocolCode`, r.family === 'ipv4' && m ? m[1] : r.code);
    if (r.family === 'ipv4') f.set(`${k}.type`, m?.[2]).set(`${k}.candidateDefault`, r.candidateDefault);
    f.set(`${k}.distance`, r.distance).set(`${k}.metric`, r.metric);
    r.nextHops.forEach((hop, i) => {
      const h = `${k}.hop[${i + 1}]`;
      f.set(`${h}.address`, hop.address).set(`${h}.interface`, hop.interface);
      f.set(`${h}.vrf`, hop.vrf).set(`${h}.ageSec`, hop.ageSec);
    });
    hops += r.nextHops.length;
  }
  return f.set('route.count', records.length).set('nextHop.count', hops);
}

const routes = (family: 'ipv4' | 'ipv6'): Mapper => ({
  genie: genieRoutes,
  ntc: (rows) => ntcRoutes(rows, family),
  ours: (records: Route[], _args, source) => (source === 'genie' ? oursForGenie(records) : oursForNtc(records)),
});

/**
 * BGP summary. genie nests neighbour under vrf and address family (its dict keeps
 * one row per key: the last of the twelve `192.168.10.253` rows in
 * ShowIpBgpAllSummary golden_output1), names the family `vpnv4` when the command
 * did, and `default` for the global table. ntc rows are in output order.
 */
const bgpKey = (vrf: string | undefined, af: string, neighbor: string) =>
  `nbr[${vrf === undefined || vrf === 'default' ? 'global' : vrf}/${af.includes(' ') ? af : `${af} unicast`}/${neighbor.toLowerCase()}]`;

/** State/PfxRcd: a number is an established session's prefix count, else the state as printed. */
function setBgpState(f: Facts, k: string, state: string): void {
  if (/^\d+$/.test(state)) f.set(`${k}.state`, 'established').set(`${k}.prefixesReceived`, state);
  else f.set(`${k}.stateRaw`, state.trim());
}

const bgpSummary: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    const keys = new Set<string>();
    for (const [vrf, table] of Object.entries<Json>(expected?.vrf ?? {})) {
      for (const [neighbor, n] of Object.entries<Json>(table?.neighbor ?? {})) {
        for (const [af, a] of Object.entries<Json>(n?.address_family ?? {})) {
          const k = bgpKey(vrf, af, neighbor);
          keys.add(k);
          f.set(`${k}.remoteAs`, a.as).set(`${k}.localAs`, a.local_as).set(`${k}.routerId`, a.route_identifier);
          f.set(`${k}.tableVersion`, a.bgp_table_version).set(`${k}.mainTableVersion`, a.routing_table_version);
          f.set(`${k}.version`, a.version).set(`${k}.msgRcvd`, a.msg_rcvd).set(`${k}.msgSent`, a.msg_sent);
          f.set(`${k}.tblVer`, a.tbl_ver).set(`${k}.inQ`, a.input_queue).set(`${k}.outQ`, a.output_queue);
          f.set(`${k}.upDownSec`, parseDuration(String(a.up_down ?? '')));
          setBgpState(f, k, String(a.state_pfxrcd ?? ''));
        }
      }
    }
    return f.set('bgp.localAs', expected?.bgp_id).set('neighbor.count', keys.size);
  },
  ntc(rows) {
    const f = new Facts();
    rows.forEach((row, i) => {
      const k = `nbr[${i}]`;
      f.set(`${k}.addressFamily`, str(row.address_family).toLowerCase()).set(`${k}.neighbor`, row.bgp_neighbor);
      f.set(`${k}.routerId`, row.router_id).set(`${k}.localAs`, row.local_as).set(`${k}.remoteAs`, row.neighbor_as);
      f.set(`${k}.version`, row.bgp_version).set(`${k}.msgRcvd`, row.messages_received).set(`${k}.msgSent`, row.messages_sent);
      f.set(`${k}.tblVer`, row.table_version).set(`${k}.inQ`, row.input_queue).set(`${k}.outQ`, row.output_queue);
      f.set(`${k}.upDownSec`, parseDuration(str(row.up_down)));
      setBgpState(f, k, str(row.state_or_prefixes_received));
    });
    return f.set('neighbor.count', rows.length);
  },
  ours(records: BgpNeighborSummary[], _args, source) {
    const f = new Facts();
    const keys = new Set<string>();
    records.forEach((r, i) => {
      const k = source === 'genie' ? bgpKey(r.vrf, r.addressFamily, r.neighbor) : `nbr[${i}]`;
      keys.add(k);
      for (const [key, value] of Object.entries(r)) f.set(`${k}.${key}`, value);
    });
    return f.set('bgp.localAs', records[0]?.localAs).set('neighbor.count', keys.size);
  },
};

/** genie keys entries by target then via; `never expire` has no expiry. */
const nhrp: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    let count = 0;
    // `show ip nhrp vrf NAME` (ShowIpNhrpVrf): `entries` by target, one entry each, the tunnel as its number.
    for (const [target, e] of Object.entries<Json>(expected?.entries ?? {})) {
      count++;
      const k = `entry[${target}/${e.via ?? ''}]`;
      f.set(`${k}.interface`, e.tunnel === undefined ? undefined : `Tunnel${e.tunnel}`).set(
        `${k}.createdSec`,
        parseDuration(String(e.created ?? '')),
      );
      f.set(`${k}.expireSec`, e.expire === 'never expire' ? undefined : parseDuration(String(e.expire ?? '')));
      f.set(`${k}.type`, e.type)
        .set(`${k}.flags`, Array.isArray(e.flags) ? e.flags.join(' ') : e.flags)
        .set(`${k}.nbmaAddress`, e.nbma_address);
    }
    for (const [target, t] of Object.entries<Json>(expected ?? {})) {
      if (target === 'entries') continue;
      for (const [via, e] of Object.entries<Json>(t?.via ?? {})) {
        count++;
        const k = `entry[${target}/${via}]`;
        f.set(`${k}.interface`, e.tunnel?.tunnel_name).set(`${k}.createdSec`, parseDuration(String(e.tunnel?.created ?? '')));
        f.set(`${k}.expireSec`, e.tunnel?.expire === 'never expire' ? undefined : parseDuration(String(e.tunnel?.expire ?? '')));
        f.set(`${k}.type`, e.type).set(`${k}.flags`, e.flags).set(`${k}.nbmaAddress`, e.nbma_address);
      }
    }
    return f.set('entry.count', count);
  },
  ours(records: NhrpEntry[]) {
    const f = new Facts();
    for (const e of records) {
      const k = `entry[${e.target}/${e.via ?? ''}]`;
      f.set(`${k}.interface`, e.interface).set(`${k}.createdSec`, e.createdSec).set(`${k}.expireSec`, e.expireSec);
      f.set(`${k}.type`, e.type).set(`${k}.flags`, e.flags.join(' ')).set(`${k}.nbmaAddress`, e.nbmaAddress);
    }
    return f.set('entry.count', records.length);
  },
};

/** genie nests interface / # Ent / NBMA / tunnel address / attributes; ntc rows are in output order. */
const dmvpnKey = (iface: string, nbma: string | undefined, tunnel: string, attrb: string) =>
  `peer[${iface}/${nbma ?? 'UNKNOWN'}/${tunnel}/${attrb}]`;

function setScalars(f: Facts, prefix: string, o: object | undefined): void {
  for (const [key, value] of Object.entries(o ?? {})) if (typeof value !== 'object') f.set(`${prefix}.${key}`, value);
}

const dmvpn: Mapper = {
  genie(expected: Json) {
    const f = new Facts();
    let count = 0;
    for (const [name, i] of Object.entries<Json>(expected?.interfaces ?? {})) {
      f.set(`iface[${name}].role`, String(i.type ?? '').toLowerCase()).set(`iface[${name}].peers`, i.nhrp_peers);
      for (const [ent, e] of Object.entries<Json>(i.ent ?? {})) {
        for (const [nbma, p] of Object.entries<Json>(e?.peers ?? {})) {
          for (const [tunnel, t] of Object.entries<Json>(p?.tunnel_addr ?? {})) {
            for (const [attrb, a] of Object.entries<Json>(t?.attrb ?? {})) {
              count++;
              const k = dmvpnKey(name, nbma, tunnel, attrb);
              f.set(`${k}.entries`, ent)
                .set(`${k}.stateRaw`, a.state)
                .set(`${k}.upDownSec`, parseDuration(String(a.time ?? '')));
            }
          }
        }
      }
    }
    return f.set('peer.count', count);
  },
  ntc(rows) {
    const f = new Facts();
    rows.forEach((row, i) => {
      f.set(`peer[${i}].nbmaAddress`, row.peer_nbma).set(`peer[${i}].tunnelAddress`, row.peer_tunnel);
      f.set(`peer[${i}].stateRaw`, row.state).set(`peer[${i}].upDownSec`, parseDuration(str(row.uptime)));
      f.set(`peer[${i}].attributesRaw`, row.attribute);
    });
    return f.set('peer.count', rows.length);
  },
  ours(records: DmvpnPeer[], _args, source) {
    const f = new Facts();
    records.forEach((p, i) => {
      f.set(`iface[${p.interface}].role`, p.role).set(`iface[${p.interface}].peers`, p.interfacePeers);
      const k = source === 'genie' ? dmvpnKey(p.interface, p.nbmaAddress, p.tunnelAddress, p.attributesRaw) : `peer[${i}]`;
      for (const [key, value] of Object.entries(p)) f.set(`${k}.${key}`, value);
      // `show dmvpn detail`: the interface block and the crypto session, one fact per scalar.
      setScalars(f, `${k}.tunnel`, p.tunnel);
      p.tunnel?.nhs?.forEach((n, j) => setScalars(f, `${k}.tunnel.nhs[${j}]`, n));
      setScalars(f, `${k}.crypto`, p.crypto);
      p.crypto?.ikeSas.forEach((sa, j) => setScalars(f, `${k}.crypto.ikeSas[${j}]`, sa));
      p.crypto?.flows.forEach((fl, j) => setScalars(f, `${k}.crypto.flows[${j}]`, fl));
    });
    return f.set('peer.count', records.length);
  },
};

export const routingMappers: Record<string, Mapper> = {
  'show ip route': routes('ipv4'),
  'show ipv6 route': routes('ipv6'),
  'show ip bgp summary': bgpSummary,
  'show ip nhrp': nhrp,
  'show dmvpn': dmvpn,
};
