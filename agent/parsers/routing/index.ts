import { command, commandFamily } from '../command-spec.js';
import { parseBgpSummary } from './bgp-summary.js';
import { parseBgpTable } from './bgp-table.js';
import { parseBgpNeighbors } from './bgp-neighbors.js';
import { parseRouteMap } from './route-map.js';
import { parseDmvpn } from './dmvpn.js';
import { parseIpRoute } from './ip-route.js';
import { parseNhrp } from './nhrp.js';

// Protocol filters IOS accepts after `show ip route [vrf NAME]`; the output format is the same.
const ROUTE_FILTER = String.raw`(?: (?<protocol>bgp|ospf|eigrp|rip|isis|static|connected|local|nhrp|odr|lisp|mobile|application|omp)(?: (?<process>\d+))?)?`;
const VRF_NAME = String.raw`[\w.:-]+`;
// `vrf *` asks for every table: the global one first, unheaded, then `Routing Table: NAME` per VRF.
const VRF_OR_ALL = String.raw`${VRF_NAME}|\*`;

export const routingCommands = commandFamily({
  'show ip route': command({
    id: 'show ip route',
    usage: 'show ip route [vrf {NAME | *}] [PROTOCOL [ID]]',
    pattern: new RegExp(String.raw`^show ip route(?: vrf (?<vrf>${VRF_OR_ALL}))?${ROUTE_FILTER}$`, 'i'),
    parse: (text, args) => parseIpRoute(text, args),
  }),
  'show ipv6 route': command({
    id: 'show ipv6 route',
    usage: 'show ipv6 route [vrf {NAME | *}] [PROTOCOL [ID]]',
    pattern: new RegExp(String.raw`^show ipv6 route(?: vrf (?<vrf>${VRF_OR_ALL}))?${ROUTE_FILTER}$`, 'i'),
    parse: (text, args) => parseIpRoute(text, args),
  }),
  'show ip bgp summary': command({
    // `show ip bgp summary`, `show bgp all summary`, `show bgp vrf NAME all summary`,
    // `show bgp vpnv4 unicast rd RD summary`, `show ip bgp vpnv4 vrf NAME summary`, ...
    id: 'show ip bgp summary',
    usage: 'show [ip] bgp [AFI [SAFI]] [all] [vrf NAME] [rd RD] [all] summary',
    pattern: new RegExp(
      String.raw`^show (?:ip )?bgp(?: (?<afi>ipv4|ipv6|vpnv4|vpnv6|l2vpn)(?: (?<safi>unicast|multicast|evpn|vpls|flowspec))?)?` +
        String.raw`(?: all)?(?: vrf (?<vrf>${VRF_NAME}))?(?: rd (?<rd>[\d.:]+))?(?: all)? summary$`,
      'i',
    ),
    parse: (text, args) => parseBgpSummary(text, args),
  }),
  'show ip bgp': command({
    // The BGP table, and a neighbour's view of it (the same layout).
    id: 'show ip bgp',
    // `[ip] bgp all` prints each address family under a `For address family:` line (suzieq's IOS-XE command).
    usage: 'show {ip bgp | bgp ipv4 unicast | [ip] bgp all} [neighbors [A.B.C.D] {advertised-routes | received-routes | routes}]',
    pattern:
      /^show (?:ip bgp|bgp ipv4 unicast|(?:ip )?bgp all)(?: neighbors(?: (?<neighbor>[\d.]+))? (?<view>advertised-routes|received-routes|routes))?$/i,
    parse: (text) => parseBgpTable(text),
  }),
  'show ip bgp neighbors': command({
    id: 'show ip bgp neighbors',
    usage: 'show {ip bgp | bgp ipv4 unicast | [ip] bgp all} neighbors [A.B.C.D]',
    pattern:
      /^show (?:ip bgp|bgp ipv4 unicast|(?:ip )?bgp all)(?: vpnv4 (?:all|vrf (?<vrf>[\w.:-]+)))? neighbors(?: (?<neighbor>[\d.]+))?$/i,
    parse: (text) => parseBgpNeighbors(text),
  }),
  'show route-map': command({
    id: 'show route-map',
    // `all`, `dynamic` and `static` are keywords (IOS-XE prints each group under its heading), not names.
    usage: 'show route-map [NAME | all | dynamic | static]',
    pattern: /^show route-map(?: (?:(?<scope>all|dynamic|static)|(?<name>\S+)))?$/i,
    parse: (text) => parseRouteMap(text),
  }),
  'show ip nhrp': command({
    id: 'show ip nhrp',
    usage: 'show ip nhrp',
    pattern: /^show ip nhrp$/i,
    parse: (text) => parseNhrp(text),
  }),
  'show dmvpn': command({
    id: 'show dmvpn',
    usage: 'show dmvpn',
    pattern: /^show dmvpn$/i,
    parse: (text) => parseDmvpn(text),
  }),
});
