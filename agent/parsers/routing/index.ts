import { command, commandFamily, refusal } from '../command-spec.js';
import { parseBgpSummary } from './bgp-summary.js';
import { parseBgpTable } from './bgp-table.js';
import { parseBgpNeighbors } from './bgp-neighbors.js';
import { parseRouteMap } from './route-map.js';
import { parseDmvpn } from './dmvpn.js';
import { parseIpRoute } from './ip-route.js';
import { parseNhrp } from './nhrp.js';

// Protocol filters IOS accepts after `show ip route [vrf NAME]`; the output format is the same.
const PROTOCOLS = [
  'bgp',
  'ospf',
  'eigrp',
  'rip',
  'isis',
  'static',
  'connected',
  'local',
  'nhrp',
  'odr',
  'lisp',
  'mobile',
  'application',
  'omp',
];
const ROUTE_FILTER = String.raw`(?: (?<protocol>${PROTOCOLS.join('|')})(?: (?<process>\d+))?)?`;
// In the usage text as keywords, so that their abbreviations resolve as IOS's do (`sh ip ro conn`).
const PROTOCOL_USAGE = `{${PROTOCOLS.join(' | ')}} [ID]`;
const VRF_NAME = String.raw`[\w.:-]+`;
// `vrf *` asks for every table: the global one first, unheaded, then `Routing Table: NAME` per VRF.
const VRF_OR_ALL = String.raw`${VRF_NAME}|\*`;
const IPV4 = String.raw`\d{1,3}(?:\.\d{1,3}){3}`;
const IPV6_PREFIX = String.raw`[0-9A-Fa-f:]*:[0-9A-Fa-f:.]*\/\d{1,3}`;
const INTERFACE_NAME = String.raw`[A-Za-z][A-Za-z-]*\s?\d[\d/.:]*`;
// Subsets of the table in the table's own layout (Cisco IP Routing: Protocol-Independent Command
// Reference, show ip route): a filtered view, like a protocol filter, never the whole table.
// `subset` holds the whole filter: any subset, like `protocol`, is a partial view.
const ROUTE_SUBSET = String.raw`(?: (?<subset>${IPV4} ${IPV4} longer-prefixes|supernets-only|list \S+))?`;
const IPV6_SUBSET = String.raw`(?: (?<subset>${IPV6_PREFIX} longer-prefixes|interface ${INTERFACE_NAME}))?`;
// A BGP table in the `Network Next Hop Metric LocPrf Weight Path` layout: IPv4 or IPv6, unicast or
// multicast, or a VPN table (paths under `Route Distinguisher:` lines); `[ip] bgp all` prints each
// family under a `For address family:` line (suzieq's IOS-XE command). Cisco IP Routing: BGP Command
// Reference, show bgp ipv6 unicast, show bgp vpnv4 unicast, show ip bgp vpnv4.
const BGP_TABLE =
  String.raw`(?:ip )?bgp(?: (?<afi>ipv4|ipv6) (?<safi>unicast|multicast)| all` +
  String.raw`| (?<vpn>vpnv4|vpnv6)(?: unicast)? (?:all|vrf (?<vrf>${VRF_NAME})|rd (?<rd>[\d.:]+)))?`;
// Filters that print the table's own rows (Cisco IP Routing: BGP Command Reference, show ip bgp).
const BGP_TABLE_FILTER =
  String.raw`(?: (?:neighbors(?: (?<neighbor>[\da-fA-F.:]+))? (?<view>advertised-routes|received-routes|routes)` +
  String.raw`|(?<subset>regexp .+|quote-regexp .+|community-list \S+(?: exact-match)?|community(?: \S+)*|filter-list \S+|prefix-list \S+` +
  String.raw`|route-map \S+|cidr-only|inconsistent-as|${IPV4}(?:\/\d{1,2}| ${IPV4}) longer-prefixes|${IPV6_PREFIX} longer-prefixes)))?`;
// Any address family's neighbours: the neighbour blocks are the same in each.
// Also the L2VPN and BGP-LS families (`show bgp l2vpn vpls all neighbors`, `show ip bgp link-state link-state neighbors`).
const BGP_ANY_FAMILY =
  String.raw`(?:ip )?bgp(?: all| (?:ipv4|ipv6) (?:unicast|multicast)| (?:vpnv4|vpnv6)(?: unicast)? (?:all|vrf (?<vrf>${VRF_NAME})|rd (?<rd>[\d.:]+))` +
  String.raw`| l2vpn (?:evpn|vpls)(?: all)?| link-state link-state)?`;

export const routingCommands = commandFamily({
  'show ip route': command({
    id: 'show ip route',
    usage: `show ip route [vrf {NAME | *}] [${PROTOCOL_USAGE} | A.B.C.D MASK longer-prefixes | supernets-only | list ACL]`,
    pattern: new RegExp(
      String.raw`^show ip route(?: vrf (?<vrf>${VRF_OR_ALL}))?(?:${ROUTE_FILTER.slice(0, -1)}|${ROUTE_SUBSET.slice(0, -1)})?$`,
      'i',
    ),
    parse: (text, args) => parseIpRoute(text, args),
  }),
  'show ipv6 route': command({
    id: 'show ipv6 route',
    usage: `show ipv6 route [vrf {NAME | *}] [${PROTOCOL_USAGE} | PREFIX/LEN longer-prefixes | interface NAME]`,
    pattern: new RegExp(
      String.raw`^show ipv6 route(?: vrf (?<vrf>${VRF_OR_ALL}))?(?:${ROUTE_FILTER.slice(0, -1)}|${IPV6_SUBSET.slice(0, -1)})?$`,
      'i',
    ),
    parse: (text, args) => parseIpRoute(text, args),
  }),
  'show ip bgp summary': command({
    // `show ip bgp summary`, `show bgp all summary`, `show bgp vrf NAME all summary`,
    // `show bgp vpnv4 unicast rd RD summary`, `show ip bgp vpnv4 vrf NAME summary`, ...
    id: 'show ip bgp summary',
    // The families as keywords, so that their abbreviations resolve as IOS's do (`sh bgp l2 evpn sum`:
    // a route reflector's table on a blog, held-out round 6); the pattern takes the same words.
    usage:
      'show [ip] bgp [{ipv4 | ipv6 | vpnv4 | vpnv6 | l2vpn} [{unicast | multicast | evpn | vpls | flowspec}]] [all] [vrf NAME] [rd RD] [all] summary',
    pattern: new RegExp(
      String.raw`^show (?:ip )?bgp(?: (?<afi>ipv4|ipv6|vpnv4|vpnv6|l2vpn)(?: (?<safi>unicast|multicast|evpn|vpls|flowspec))?)?` +
        String.raw`(?: all)?(?: vrf (?<vrf>${VRF_NAME}))?(?: rd (?<rd>[\d.:]+))?(?: all)? summary$`,
      'i',
    ),
    parse: (text, args) => parseBgpSummary(text, args),
  }),
  'show ip bgp': command({
    // The BGP table of any family in this layout, and a neighbour's view of it (the same layout).
    id: 'show ip bgp',
    // `[ip] bgp all` prints each address family under a `For address family:` line (suzieq's IOS-XE command).
    usage:
      'show [ip] bgp [{ipv4 | ipv6} {unicast | multicast} | {vpnv4 | vpnv6} [unicast] {all | vrf NAME | rd RD} | all] [neighbors [ADDR] {advertised-routes | received-routes | routes} | regexp RE | quote-regexp RE | community [COMMUNITY] | community-list LIST | filter-list N | prefix-list NAME | route-map NAME | cidr-only | inconsistent-as | A.B.C.D{/LEN | MASK} longer-prefixes | X:X::X/LEN longer-prefixes]',
    pattern: new RegExp(String.raw`^show ${BGP_TABLE}${BGP_TABLE_FILTER}$`, 'i'),
    parse: (text, args) => parseBgpTable(text, args),
  }),
  'show ip bgp neighbors': command({
    id: 'show ip bgp neighbors',
    usage:
      'show [ip] bgp [all | {ipv4 | ipv6} {unicast | multicast} | {vpnv4 | vpnv6} [unicast] {all | vrf NAME | rd RD} | l2vpn {evpn | vpls} [all] | link-state link-state] neighbors [ADDR]',
    pattern: new RegExp(String.raw`^show ${BGP_ANY_FAMILY} neighbors(?: (?<neighbor>[\da-fA-F.:]+))?$`, 'i'),
    parse: (text) => parseBgpNeighbors(text),
  }),
  'show route-map': command({
    id: 'show route-map',
    // `all`, `dynamic` and `static` are keywords (IOS-XE prints each group under its heading), not names.
    usage: 'show route-map [NAME | all | static | dynamic [NAME | application [NAME]]]',
    pattern: /^show route-map(?: (?:(?<scope>all|static|dynamic(?: application(?: \S+)?| \S+)?)|(?<name>\S+)))?$/i,
    parse: (text) => parseRouteMap(text),
  }),
  'show ip nhrp': command({
    id: 'show ip nhrp',
    // `show ip nhrp [vrf NAME] [dynamic | incomplete | local | shortcut | static] [ADDR | INTERFACE] [detail]`
    // (Cisco IOS IP Addressing Services Command Reference): the same entries, narrowed; `detail` adds entry
    // lines. Its examples print `local` (the networks this router answers for) and `shortcut` (phase 3
    // shortcut routes) in the entry layout too.
    usage: 'show ip nhrp [vrf NAME] [dynamic | incomplete | local | shortcut | static] [ADDR | NAME] [detail]',
    pattern: new RegExp(
      String.raw`^show ip nhrp(?: vrf (?<vrf>${VRF_NAME}))?(?: (?<entryType>dynamic|incomplete|local|shortcut|static))?` +
        String.raw`(?: (?<target>${IPV4}(?:\/\d{1,2})?|${INTERFACE_NAME}))?(?: (?<detail>detail))?$`,
      'i',
    ),
    parse: (text) => parseNhrp(text),
  }),
  'show dmvpn': command({
    id: 'show dmvpn',
    // `show dmvpn [ipv4 [vrf NAME] | ipv6 [vrf NAME]] [interface tunnel N | peer {nbma ADDR | network ADDR MASK
    // | tunnel ADDR}] [static] [detail]` (Cisco IOS Dynamic Multipoint VPN Command Reference): the same table,
    // narrowed; `detail` adds each interface's block, a Target Network column and the peers' crypto sessions.
    usage: 'show dmvpn [{ipv4 | ipv6} [vrf NAME]] [interface NAME | peer {nbma ADDR | network ADDR MASK | tunnel ADDR}] [static] [detail]',
    pattern: new RegExp(
      String.raw`^show dmvpn(?: (?<family>ipv4|ipv6)(?: vrf (?<vrf>${VRF_NAME}))?)?` +
        String.raw`(?: (?:interface (?<interface>${INTERFACE_NAME})|peer (?<peer>nbma \S+|tunnel \S+|network \S+ \S+)))?(?: (?<static>static))?(?: (?<detail>detail))?$`,
      'i',
    ),
    parse: (text) => parseDmvpn(text),
  }),
});

const ROUTE_VRF = String.raw`(?: vrf \S+)?`;
// Any address family and VRF in front of a keyword (a few words at most), not a neighbour's view.
const ANY_BGP = String.raw`(?:ip )?bgp(?: (?!neighbors\b)\S+){0,5}?`;

/** Documented forms of these commands whose output is another layout. */
export const routingRefusals = [
  refusal(
    'show {ip | ipv6} route [vrf NAME] summary',
    new RegExp(String.raw`^show (?:ip|ipv6) route${ROUTE_VRF} summary$`, 'i'),
    'route counts and memory per route source, not routes',
  ),
  refusal(
    'show ip route [vrf NAME] A.B.C.D [MASK]',
    new RegExp(String.raw`^show ip route${ROUTE_VRF} ${IPV4}(?: ${IPV4})?$`, 'i'),
    "one route's detail block (`Routing entry for ...`, `Known via ...`), not the table",
  ),
  refusal(
    'show ipv6 route [vrf NAME] {ADDR | PREFIX/LEN}',
    new RegExp(String.raw`^show ipv6 route${ROUTE_VRF} [0-9A-Fa-f:]*:[0-9A-Fa-f:.]*(?:\/\d{1,3})?$`, 'i'),
    // IOS-XE prints it like IPv4's (genieparser ShowIpv6RouteWord, 3 captures).
    "one route's detail block (`Routing entry for ...`, `Known via ...`), not the table",
  ),
  refusal(
    'show ip route [vrf NAME] {track-table | profile | static download | update-queue | repair-paths | next-hop-override}',
    new RegExp(
      String.raw`^show ip route${ROUTE_VRF} (?:track-table|profile|static download|update-queue|repair-paths|next-hop-override)(?: .+)?$`,
      'i',
    ),
    'tracked static routes, routing-table change profiles, queues or repair paths, not the table',
  ),
  refusal(
    'show ipv6 route [vrf NAME] {nd | nsf | repair | table ID | updated | watch}',
    new RegExp(String.raw`^show ipv6 route${ROUTE_VRF} (?:nd|nsf|repair|table \S+|updated|watch)(?: .+)?$`, 'i'),
    'neighbour-discovery, NSF or repair state, or the table with update times, not the plain table',
  ),
  refusal(
    'show [ip] bgp [AFI [SAFI]] {A.B.C.D[/LEN] [MASK] | X:X::X[/LEN]} [bestpath | multipaths]',
    new RegExp(
      String.raw`^show ${ANY_BGP} (?:${IPV4}(?:\/\d{1,2})?(?: ${IPV4})?|[0-9A-Fa-f]*:[0-9A-Fa-f]*:[0-9A-Fa-f:.]*(?:\/\d{1,3})?)(?: (?:bestpath|multipaths))?$`,
      'i',
    ),
    // An IPv6 address has two colons at least; a route distinguisher (`rd 65000:1`) one.
    "one prefix's paths in detail (`BGP routing table entry for ...`), not the table",
  ),
  refusal(
    'show [ip] bgp [AFI [SAFI]] {paths | dampening | flap-statistics | peer-group | update-group | rib-failure | replication | template | pending-prefixes | labels}',
    new RegExp(
      String.raw`^show ${ANY_BGP} (?:paths|dampening|flap-statistics|peer-group|update-group|rib-failure|replication|template|pending-prefixes|labels)(?: .+)?$`,
      'i',
    ),
    'AS paths, dampening, peer groups, update groups, RIB failures or labels, each its own table, not the BGP table',
  ),
  refusal(
    'show [ip] bgp [AFI [SAFI]] neighbors ADDR {policy | paths | dampened-routes | flap-statistics | received prefix-filter}',
    new RegExp(
      String.raw`^show ${ANY_BGP} neighbors \S+ (?:policy|paths|dampened-routes|flap-statistics|received prefix-filter)(?: .+)?$`,
      'i',
    ),
    "a neighbour's policies, AS paths, dampened routes or ORF prefix filter, not its routes or its neighbour block",
  ),
  refusal(
    'show route-map [NAME | all | dynamic [NAME]] detailed',
    /^show route-map(?: .+)? detailed$/i,
    "match clauses with each access list's and prefix list's entries expanded under them",
  ),
  refusal(
    'show ip nhrp [FILTER] brief',
    /^show ip nhrp(?: .+)? brief$/i,
    'one row per entry (target, via, NBMA, mode, interface), not the entry blocks',
  ),
  refusal(
    'show ip nhrp {nhs | traffic | summary | multicast | redirect | cache | stats | group-map | purge-requests}',
    /^show ip nhrp(?: vrf \S+)? (?:nhs|traffic|summary|multicast|redirect|cache|stats|group-map|purge-requests)(?: .+)?$/i,
    "the next-hop servers, NHRP counters, multicast map or redirect table, not the cache's entries",
  ),
  refusal('show dmvpn debug-condition', /^show dmvpn(?: .+)? debug-condition$/i, 'the DMVPN debug conditions, not peers'),
];
