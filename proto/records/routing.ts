/** Records read from the routing show commands. See common.ts for the conventions. */

import type { CryptoSessionFlow, CryptoSessionIkeSa, CryptoSessionStatus } from './crypto.js';

export type AddressFamily = 'ipv4' | 'ipv6';

/** The routing source, from the route's code letter(s) (`O` -> `ospf`, `LC` -> `local`). */
export type RouteProtocol =
  | 'connected'
  | 'local'
  | 'static'
  | 'bgp'
  | 'ospf'
  | 'eigrp'
  | 'rip'
  | 'isis'
  | 'nhrp'
  | 'odr'
  | 'lisp'
  | 'application'
  | 'mobile'
  | 'omp'
  | 'nat'
  | 'nd'
  | 'rpl'
  /** `I - IGRP` and `E - EGP` of the 12.x and earlier legends. */
  | 'igrp'
  | 'egp'
  | 'unknown';

/**
 * Refinement of the protocol printed beside or inside the code: `O IA` ->
 * `inter-area`, `O E2` / `OE2` -> `external-2`, `D EX` -> `external`, `i L1` /
 * `I1` -> `level-1`, `U` -> `per-user`, `NDp` -> `prefix`.
 */
export type RouteSubtype =
  | 'inter-area'
  | 'external-1'
  | 'external-2'
  | 'nssa-external-1'
  | 'nssa-external-2'
  | 'external'
  | 'level-1'
  | 'level-2'
  | 'summary'
  | 'per-user'
  | 'periodic'
  | 'registered'
  | 'registration-summary'
  | 'inside'
  | 'outside'
  | 'dia'
  | 'default'
  | 'prefix'
  | 'redirect'
  | 'destination'
  | 'home-agent'
  | 'mobile-router'
  | 'nemo'
  | 'alt'
  | 'site-registrations'
  | 'dyn-eid'
  | 'away'
  | 'extranet-policy'
  | 'publications'
  | 'destinations-summary'
  | 'unknown';

/**
 * Marks IOS prints between the code and the prefix: `+` replicated route,
 * `%` next hop override, `p` override from PfR, `&` replicated local route
 * overridden by connected.
 */
export type RouteFlag = 'replicated' | 'next-hop-override' | 'pfr-override' | 'connected-override';

/** How the next hop is reached when it is not simply `via <address>`. */
export type NextHopKind = 'directly-connected' | 'indirectly-connected' | 'receive' | 'summary';

export interface NextHop {
  address?: string;
  /** Canonical outgoing interface. */
  interface?: string;
  /**
   * Table the next hop is resolved in, when IOS names one: `via 10.0.0.2 (red)`,
   * `via 10.4.1.1%default`. `default` is the global table; the `:ipv6` suffix
   * of `(default:ipv6)` is dropped since the address shows the family.
   */
  vrf?: string;
  /** Time since the route was installed via this next hop (`00:03:05`, `1d02h`). */
  ageSec?: number;
  kind?: NextHopKind;
  /** Only when it differs from the route's metric (EIGRP unequal-cost load sharing). */
  metric?: number;
}

/** One route from `show ip route` or `show ipv6 route`. */
export interface Route {
  family: AddressFamily;
  /** VRF name; absent for the global table. */
  vrf?: string;
  /** CIDR; IPv4 lengths IOS omitted come from the "is subnetted" header or the class. */
  prefix: string;
  /** The code as printed, whitespace collapsed, flags left out: `O IA`, `S*`, `i*L1`, `NDp`. */
  code: string;
  protocol: RouteProtocol;
  subtype?: RouteSubtype;
  /** `*`: a candidate default route. */
  candidateDefault: boolean;
  flags?: RouteFlag[];
  /** Administrative distance. */
  distance?: number;
  metric?: number;
  /** IPv6 `, tag N`. */
  tag?: number;
  nextHops: NextHop[];
}

export type BgpNeighborState = 'established' | 'idle' | 'active' | 'connect' | 'opensent' | 'openconfirm' | 'idle-admin' | 'unknown';

/**
 * One neighbour row of `show ip bgp summary` / `show bgp ... summary`, with the
 * summary of its address family (router id, local AS, table versions) carried
 * on each row so a consumer needs nothing else.
 */
export interface BgpNeighborSummary {
  /** Lowercase, as printed after `For address family:`, else from the command: `ipv4 unicast`, `vpnv4 unicast`, `l2vpn e-vpn`. */
  addressFamily: string;
  vrf?: string;
  /** Route distinguisher, when the command named one. */
  rd?: string;
  routerId?: string;
  /** asdot (`64000.2017`) stays a string; asplain is a number. */
  localAs?: number | string;
  /** `BGP table version is N` of the address family. */
  tableVersion?: number;
  /** `main routing table version N`. */
  mainTableVersion?: number;
  neighbor: string;
  /** Created by a `bgp listen range` (IOS prints `*` before the address). */
  dynamic?: true;
  /** BGP version column (4). */
  version: number;
  remoteAs: number | string;
  msgRcvd: number;
  msgSent: number;
  /** The neighbour's TblVer column. */
  tblVer: number;
  inQ: number;
  outQ: number;
  /** Absent when IOS prints `never`. */
  upDownSec?: number;
  /** `established` when State/PfxRcd is a number. */
  state: BgpNeighborState;
  stateRaw: string;
  prefixesReceived?: number;
}

export type BgpOrigin = 'igp' | 'egp' | 'incomplete';

/**
 * One path line of `show ip bgp` / `show bgp ipv4 unicast` (and of `show ip
 * bgp neighbors X advertised-routes`), with the table's header carried on
 * each so a consumer needs nothing else. The IPv6 and VPN tables (`show bgp
 * ipv6 unicast`, `show bgp vpnv4 unicast all`) and those families of `show bgp
 * all` give the same records, with their family and route distinguisher.
 */
export interface BgpPathEntry {
  /** CIDR; a classful network IOS printed without its mask gets its class's length. */
  network: string;
  nextHop: string;
  /** The status column as printed, spaces removed: `*>i`, `*bi`, `r>`. */
  status: string;
  valid: boolean;
  best: boolean;
  /** Learned from an iBGP peer (`i` in the status column). */
  internal: boolean;
  /** MED; absent when the column is blank. */
  metric?: number;
  /** Absent when the column is blank (eBGP and local paths). */
  localPref?: number;
  weight: number;
  /** AS path tokens as printed (AS sets kept as `{1,2}`); empty for a local or iBGP-only path. */
  asPath: string[];
  origin: BgpOrigin;
  routerId?: string;
  tableVersion?: number;
  /** Lowercase, as `show bgp all` names it (`ipv6 unicast`, `vpnv4 unicast`); absent for IPv4 unicast. */
  addressFamily?: string;
  /** The `Route Distinguisher:` a VPN path is listed under. */
  routeDistinguisher?: string;
  /** The VRF whose default RD that is (`Route Distinguisher: 100:1 (default for vrf CUST)`). */
  vrf?: string;
}

/** One neighbour of `show ip bgp neighbors [X]`: what the agent checks (state, timers, fall-over, policy, prefixes). */
export interface BgpNeighborDetail {
  neighbor: string;
  vrf?: string;
  remoteAs: number | string;
  link: 'internal' | 'external' | 'unknown';
  /** ` Fall over configured for session`. */
  fallOver: boolean;
  /** The route map of `neighbor fall-over route-map NAME` (`Fall over configured for session, route-map NAME`). */
  fallOverRouteMap?: string;
  remoteRouterId?: string;
  state: BgpNeighborState;
  stateRaw: string;
  /** Up time while established, down time otherwise (absent when IOS prints none or `never`). */
  upDownSec?: number;
  lastReadSec?: number;
  lastWriteSec?: number;
  holdTimeSec?: number;
  keepaliveSec?: number;
  configuredHoldTimeSec?: number;
  configuredKeepaliveSec?: number;
  routeMapIn?: string;
  routeMapOut?: string;
  communitySent?: boolean;
  prefixesSent?: number;
  prefixesReceived?: number;
  messagesSent?: number;
  messagesReceived?: number;
  connectionsEstablished?: number;
  connectionsDropped?: number;
  lastResetSec?: number;
  lastResetReason?: string;
  /** `Interface associated: X`: the interface the route to the peer uses. */
  interface?: string;
  /** `the RIB does [not] have a route to X`. */
  ribHasRouteToPeer?: boolean;
}

/** One entry (sequence) of `show route-map [NAME]`. */
export interface RouteMapEntry {
  name: string;
  action: 'permit' | 'deny';
  sequence: number;
  /** The entry's `description` (IOS-XE prints it above the match clauses). */
  description?: string;
  /** Match clause lines as printed, trimmed: `ip address prefix-lists: LAN`. */
  match: string[];
  /** Set clause lines as printed, trimmed: `local-preference 200`. */
  set: string[];
  /** `local-preference N` among the set clauses. */
  setLocalPreference?: number;
  setWeight?: number;
  setMetric?: number;
  setCommunities?: string[];
  setCommunityAdditive?: boolean;
  setAsPathPrepend?: string[];
  policyMatchPackets?: number;
  policyMatchBytes?: number;
}

export type NhrpEntryType = 'static' | 'dynamic' | 'incomplete' | 'local' | 'unknown';

/** One entry of `show ip nhrp`. */
export interface NhrpEntry {
  /** Target network, CIDR. */
  target: string;
  /** Tunnel (protocol) address of the next hop; absent for incomplete entries. */
  via?: string;
  interface?: string;
  createdSec?: number;
  /** Seconds until expiry; absent when IOS prints `never expire`. */
  expireSec?: number;
  type: NhrpEntryType;
  typeRaw: string;
  /** As printed, lowercase: `router`, `nhop`, `rib`, `unique`, `registered`, `used`, `implicit`, `negative`... */
  flags: string[];
  nbmaAddress?: string;
  /** `(Claimed NBMA address: X)`: the address the peer claimed, behind NAT. */
  claimedNbmaAddress?: string;
  /** `(no-socket)` after the NBMA address: no IPsec socket towards the peer yet. */
  noSocket?: boolean;
}

/**
 * The State column (Cisco's DMVPN troubleshooting guide): `UP` registered, `NHRP` not yet registered,
 * `IKE` no IKE SA yet, `IPsec` IKE up but no IPsec SA yet, `INTF` the tunnel's line protocol is down.
 */
export type DmvpnPeerState = 'up' | 'down' | 'nhrp' | 'ike' | 'ipsec' | 'intf' | 'unknown';
export type DmvpnRole = 'hub' | 'spoke' | 'hub-spoke' | 'unknown';
export type DmvpnAttribute =
  | 'static'
  | 'dynamic'
  | 'incomplete'
  | 'nated'
  | 'local'
  | 'no-socket'
  | 'route-installed'
  | 'nexthop-override'
  | 'cts-capable'
  | 'temporary'
  | 'unknown';

/** One peer row of `show dmvpn`, with its tunnel interface's header carried on it. */
export interface DmvpnPeer {
  interface: string;
  family: AddressFamily;
  /** `Type:Spoke` / `Type:Hub` of the interface. */
  role: DmvpnRole;
  roleRaw: string;
  /** `NHRP Peers:N` of the interface. */
  interfacePeers?: number;
  /** `# Ent`: NHRP entries with the same NBMA peer. */
  entries: number;
  /** Absent when IOS prints `UNKNOWN`. */
  nbmaAddress?: string;
  tunnelAddress: string;
  state: DmvpnPeerState;
  stateRaw: string;
  /** Absent when IOS prints `never`. */
  upDownSec?: number;
  /** From the Attrb column: `S` static, `D` dynamic. */
  type?: 'static' | 'dynamic';
  /** Every attribute of the Attrb column, decoded (`DT2` -> dynamic, nexthop-override). */
  attributes: DmvpnAttribute[];
  attributesRaw: string;
  /** IPv6 DMVPN, and the `Target Network` column of `show dmvpn detail`: the network this entry is for. */
  targetNetwork?: string;
  /** `show dmvpn detail` only: the tunnel interface's block above its peer table. */
  tunnel?: DmvpnTunnelDetail;
  /** `show dmvpn detail` only: the crypto session of this peer (matched by its NBMA address). */
  crypto?: DmvpnCryptoSession;
}

/** `show dmvpn detail`: what the tunnel interface's block says (carried on each of its peers). */
export interface DmvpnTunnelDetail {
  /** `Interface Tunnel0 is up/up`: line state / protocol state as printed. */
  stateRaw?: string;
  /** `Addr. is 10.0.0.1`: the tunnel interface's own address. */
  address?: string;
  /** `VRF "NAME"`; absent for `""`. */
  vrf?: string;
  /** `Tunnel Src./Dest. addr: 192.0.2.1/MGRE`. */
  source?: string;
  /** `MGRE` for a multipoint tunnel, else the destination address. */
  destination?: string;
  /** `Tunnel VRF "NAME"` (the front-door VRF); absent for `""`. */
  tunnelVrf?: string;
  /** `Protocol/Transport: "multi-GRE/IP"`. */
  transport?: string;
  /** `Protect "PROFILE"`: the IPsec profile; absent for `""` (no tunnel protection). */
  protection?: string;
  /** `Interface State Control: Disabled`. */
  stateControl?: string;
  /** `nhrp event-publisher : Disabled`. */
  eventPublisher?: string;
  /** `IPv4 NHS:` / `IPv6 NHS:` entries of a spoke. */
  nhs?: DmvpnNhs[];
}

/** A next-hop server of a spoke's tunnel: `172.16.123.1  RE priority = 0 cluster = 0`. */
export interface DmvpnNhs {
  family: AddressFamily;
  address: string;
  /** NHS status letters: E expecting replies, R responding, W waiting. */
  statusRaw: string;
  expectingReplies: boolean;
  responding: boolean;
  waiting: boolean;
  /** `NBMA Address: 192.0.2.1` (IOS-XE 17.x). */
  nbmaAddress?: string;
  priority?: number;
  cluster?: number;
}

/** A peer's block under `Crypto Session Details:` of `show dmvpn detail`. */
export interface DmvpnCryptoSession {
  /** `Session: [0x11708818]`. */
  handle?: string;
  /** `Crypto Session Status: UP-ACTIVE`. */
  status: CryptoSessionStatus;
  statusRaw: string;
  /** Absent for `(none)`. */
  fvrf?: string;
  phase1Id?: string;
  ikeSas: CryptoSessionIkeSa[];
  flows: CryptoSessionFlow[];
  /** `Outbound SPI : 0xBEB18ED0, transform : esp-des` (IOS pads a short SPI: `0x 623029E`). */
  outboundSpi?: string;
  transform?: string;
  /** `Socket State: Open`. */
  socketState?: string;
}
