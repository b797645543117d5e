import type { ParseResult } from '../../../proto/records/common.js';
import type { BgpNeighborDetail, BgpNeighborState } from '../../../proto/records/routing.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface } from '../interface-name.js';
import { splitLines, Warnings, type Line } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact, lookup } from './record-helpers.js';

// `BGP neighbor is 10.0.0.1,  vrf DEV, remote AS 65180, internal link` (ntc-templates cisco_ios_show_ip_bgp_neighbors*);
// with `neighbor local-as`, the local AS and its options before the link (`local AS 4200000101 no-prepend
// replace-as,`: genieparser ShowBgpAllNeighbors golden_output7, IOS-XE).
const HEAD =
  /^BGP neighbor is ([^,\s]+),\s+(?:vrf (\S+),\s+)?remote AS (\d+(?:\.\d+)?),\s*(?:local AS \d+(?:\.\d+)?(?: no-prepend| replace-as| dual-as)*,\s*)?(internal|external)? ?link/;
const STATE = /^BGP state = (\w+)(?: \(\w+\))?(?:, (?:up|down) for (\S+))?/;
// A multisession neighbour prints its session's state instead (`Session state = Closing`, genieparser ShowIpBgpNeighbors, IOS-XE).
const SESSION_STATE = /^Session state = (\w+)$/;
// `neighbor fall-over [route-map NAME]` (BGP Command Reference): `Fall over configured for session[, route-map NAME]`.
const FALL_OVER = /^Fall over configured for session(?:, route-map (\S+))?$/;
// The families a peer advertised before a restart, on a line of their own (`IPv4 Unicast, VPNv4 Unicast, L2VPN Vpls`).
// Its heading, under `Graceful Restart Capability:`; an empty list is printed `none` on the next line.
const FAMILY_HEADING = /^Address families advertised by peer:$/;
const FAMILY_LIST = /^(?:(?:IPv4|IPv6|VPNv4|VPNv6|L2VPN|MVPNv4|MVPNv6|NSAP|Link-State|RT Filter)(?: [A-Za-z-]+)*(?:, |$))+$/;
const READ = /^Last read (\S+), last write (\S+), hold time is (\d+), keepalive interval is (\d+) seconds$/;
const CONFIGURED = /^Configured hold time is (\d+), keepalive interval is (\d+) seconds$/;
const ROUTER_ID = /^BGP version \d+, remote router ID (\S+)$/;
const ROUTE_MAP = /^Route map for (incoming|outgoing) advertisements is (\S+)$/;
const PREFIXES = /^Prefixes Current:\s+(\d+)\s+(\d+)/;
const TOTAL = /^Total:\s+(\d+)\s+(\d+)$/;
const CONNECTIONS = /^Connections established (\d+); dropped (\d+)$/;
const RESET = /^Last reset (?:never|(\S+), due to (.+))$/;
const INTERFACE = /^Interface associated: (\S+)/;
const FAMILY = /^For address family: .+$/;
const TRACKING = /^Address tracking is enabled, the RIB (does|does not) have a route to \S+$/;

const STATES: Record<string, BgpNeighborState> = {
  established: 'established',
  idle: 'idle',
  active: 'active',
  connect: 'connect',
  opensent: 'opensent',
  openconfirm: 'openconfirm',
};

/**
 * The many lines of a neighbour block the agent does not read: capabilities,
 * message and prefix statistics, update-group and slow-peer lines, and the
 * TCP section that closes each block. Understood, not recorded.
 */
const UNDERSTOOD: readonly RegExp[] = [
  /^BFD is configured\./,
  /^Member of peer-group \S+/,
  /^Inherits /,
  /^Neighbor sessions:$/,
  /^\d+ active, is (?:not )?multisession capable/,
  /^Neighbor capabilities:$/,
  // IOS-XE 17 names the state the counts were taken in (genieparser ShowBgpAllNeighbors golden_output5).
  /^Message statistics(?:, state \w+| for \S+ (?:active|passive))?:$/,
  // Multisession and per-feature lines of IOS-XE 16/17 (genieparser ShowIpBgpNeighbors): the sessions, an index
  // pending, allowas-in, the VxLAN/MPLS preference of an EVPN peer, a VPLS peer's signalling.
  /^BGP multisession with \d+ sessions?$/,
  /^Scheduled for new neighbor index allocation$/,
  /^My AS number is allowed for \d+ number of times$/,
  /^Prefers (?:VxLAN|MPLS) if VTEP is (?:UP|DOWN) else (?:MPLS|VxLAN)$/,
  /^Suppress LDP signaling protocol$/,
  // `neighbor ... advertise diverse-path` (BGP diverse paths, a VPLS route reflector's peer).
  /^BGP diverse-paths computation is (?:enabled|disabled)$/,
  /^[A-Z][\w -]*(?:\([\w -]+\))?(?: [\w-]+)*:(?: .*)?$/,
  /^InQ depth is \d+$/,
  /^OutQ depth is \d+$/,
  /^Sent\s+Rcvd$/,
  /^Default minimum time between advertisement runs/,
  /^For address family: .+$/,
  /^Session: \S+$/,
  /^BGP table version \d+/,
  /^Output queue size ?: \d+$/,
  /^Index \d+/,
  /^\d+ update-group member$/,
  /^session \d+ member$/,
  /^\S+ peer-group member$/,
  /^Inbound soft reconfiguration allowed$/,
  /^(?:In|Out)bound path policy configured$/,
  /^Community attribute sent to this neighbor$/,
  /^Extended-community attribute sent/,
  /^Slow-peer /,
  /^Prefix activity:\s+-+\s+-+$/,
  /^Outbound\s+Inbound$/,
  /^Number of NLRIs/,
  /^Last detected as dynamic slow peer/,
  /^Dynamic slow peer recovered/,
  /^Refresh Epoch/,
  /^Last (?:Sent|Received) Refresh/,
  /^Refresh activity:/,
  /^Refresh (?:Start|End)-of-RIB/,
  /^Route to peer address reachability/,
  /^Last notification/,
  /^External BGP neighbor/,
  /^Transport\(tcp\)/,
  /^Graceful-Restart/,
  /^SSO is /,
  /^Do log neighbor state changes/,
  /^Current session network count/,
  /^Highest network count/,
  /^NEXT_HOP is always this router/,
  /^Route-Reflector Client$/,
  /^Private AS number removed/,
  /^Stateful switchover support/,
  /^Minimum holdtime from neighbor/,
  /^Policy for incoming advertisements is \S+$/,
  /^Policy for outgoing advertisements is \S+$/,
  /^Maximum prefixes allowed/,
  /^Threshold for warning message/,
  /^(?:Incoming|Outgoing) update (?:network|prefix) filter list/,
  /^Minimum time between advertisement runs/,
  /^Refresh-(?:In|Out) took/,
  /^TCP session must be opened (?:actively|passively)$/,
  /^Address family unwanted by neighbor$/,
  /^Incoming update prefix filter list/,
  /^Outgoing update prefix filter list/,
  // Under `Graceful Restart Capability:`, the peer's timer and each family it keeps
  // (`IPv4 Unicast (was not preserved`, IOS prints no closing parenthesis).
  /^(?:Remote|Local) Restart timer is \d+ seconds$/,
  // A VPN neighbour's family imported into a VRF (`Translates address family IPv4 Unicast for VRF VRF100`),
  // and TCP-AO authentication (`AO keychain test1 include-tcp-options`): genieparser ShowBgpNeighbors, ShowIpBgpAllNeighbors.
  /^Translates address family .+ for VRF \S+$/,
  /^AO keychain \S+(?: include-tcp-options)?$/,
  // `neighbor shutdown` and `neighbor as-override` (genieparser ShowBgpAllNeighbors golden_output1, ShowBgpNeighbors).
  /^Administratively shut down$/,
  /^Overrides the neighbor AS with my AS before sending updates$/,
];
// One family the peer kept across a restart, or not.
const PRESERVED = /^[A-Za-z][\w -]* \(was (?:not )?preserved\)?$/;

/**
 * The families the peer advertised under `Graceful Restart Capability:`, one line for all
 * of them, comma-separated (`VPNv4 Unicast (was not preserved, VPNv6 Unicast (was not
 * preserved`: genieparser ShowBgpAllNeighbors golden_output1); IOS prints no closing parenthesis.
 */
function preservedFamilies(t: string): boolean {
  return t.split(/,\s*/).every((part) => PRESERVED.test(part));
}

// The TCP section after `Connection state is ...` / `No active TCP connection`, up to the next neighbour.
const TCP_START = /^(?:Connection state is|No active TCP connection)/;

/** `show ip bgp neighbors [X]` / `show bgp ipv4 unicast neighbors [X]`: one record per neighbour. */
export function parseBgpNeighbors(text: string): ParseResult<BgpNeighborDetail> {
  const warnings = new Warnings("'BGP neighbor is A, remote AS N, internal|external link' blocks");
  const records: BgpNeighborDetail[] = [];
  let current: BgpNeighborDetail | undefined;
  let inTcp = false;
  /** The line before was a family list's heading, which IOS follows with `none` when the list is empty. */
  let familyHeading = false;
  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    const afterHeading = familyHeading;
    familyHeading = FAMILY_HEADING.test(t);
    if (afterHeading && t === 'none') continue;
    const h = HEAD.exec(t);
    if (h) {
      current = compact<BgpNeighborDetail>({
        neighbor: h[1]!,
        vrf: h[2],
        remoteAs: /^\d+$/.test(h[3]!) ? Number(h[3]) : h[3]!,
        link: h[4] === 'internal' ? 'internal' : h[4] === 'external' ? 'external' : 'unknown',
        fallOver: false,
        state: 'unknown',
        stateRaw: '',
      });
      records.push(current);
      inTcp = false;
      continue;
    }
    if (!current) {
      // `show bgp all neighbors` names the family before its first block.
      if (FAMILY.test(t)) continue;
      if (!isCaptureNoise(t) && !/^% /.test(t)) warnings.add(line, 'line outside any neighbour block');
      continue;
    }
    if (inTcp) continue;
    if (TCP_START.test(t)) {
      inTcp = true;
      continue;
    }
    if (!apply(current, t, line, warnings)) {
      if (!UNDERSTOOD.some((re) => re.test(t)) && !preservedFamilies(t) && !FAMILY_LIST.test(t) && !isCaptureNoise(t))
        warnings.add(line, 'unrecognised neighbour detail');
    }
  }
  return { records, warnings: warnings.list };
}

function seconds(text: string | undefined): number | undefined {
  return text === undefined || text === 'never' ? undefined : parseDuration(text);
}

/** Reads one line into the record; false when it is not one the record carries. */
function apply(r: BgpNeighborDetail, t: string, _line: Line, _warnings: Warnings): boolean {
  let m = FALL_OVER.exec(t);
  if (m) {
    r.fallOver = true;
    if (m[1] !== undefined) r.fallOverRouteMap = m[1];
    return true;
  }
  if ((m = SESSION_STATE.exec(t)) && r.stateRaw === '') {
    r.stateRaw = m[1]!;
    r.state = lookup(STATES, m[1]!.toLowerCase()) ?? 'unknown';
    return true;
  }
  m = STATE.exec(t);
  if (m) {
    r.stateRaw = m[1]!;
    r.state = lookup(STATES, m[1]!.toLowerCase()) ?? 'unknown';
    const s = seconds(m[2]);
    if (s !== undefined) r.upDownSec = s;
    return true;
  }
  if ((m = ROUTER_ID.exec(t))) {
    r.remoteRouterId = m[1]!;
    return true;
  }
  if ((m = READ.exec(t))) {
    const read = seconds(m[1]);
    const write = seconds(m[2]);
    if (read !== undefined) r.lastReadSec = read;
    if (write !== undefined) r.lastWriteSec = write;
    r.holdTimeSec = Number(m[3]);
    r.keepaliveSec = Number(m[4]);
    return true;
  }
  if ((m = CONFIGURED.exec(t))) {
    r.configuredHoldTimeSec = Number(m[1]);
    r.configuredKeepaliveSec = Number(m[2]);
    return true;
  }
  if ((m = ROUTE_MAP.exec(t))) {
    if (m[1] === 'incoming') r.routeMapIn = m[2]!;
    else r.routeMapOut = m[2]!;
    return true;
  }
  if (t === 'Community attribute sent to this neighbor') {
    r.communitySent = true;
    return true;
  }
  if ((m = PREFIXES.exec(t))) {
    r.prefixesSent = Number(m[1]);
    r.prefixesReceived = Number(m[2]);
    return true;
  }
  // The message statistics' total comes before the policy-denied table's (which has n/a or two numbers too): the first one wins.
  if ((m = TOTAL.exec(t)) && r.messagesSent === undefined) {
    r.messagesSent = Number(m[1]);
    r.messagesReceived = Number(m[2]);
    return true;
  }
  if ((m = CONNECTIONS.exec(t))) {
    r.connectionsEstablished = Number(m[1]);
    r.connectionsDropped = Number(m[2]);
    return true;
  }
  if ((m = RESET.exec(t))) {
    const s = seconds(m[1]);
    if (s !== undefined) r.lastResetSec = s;
    if (m[2] !== undefined) r.lastResetReason = m[2].trim();
    return true;
  }
  if ((m = INTERFACE.exec(t))) {
    if (m[1] !== '(none)') r.interface = canonicalInterface(m[1]!);
    return true;
  }
  if ((m = TRACKING.exec(t))) {
    r.ribHasRouteToPeer = m[1] === 'does';
    return true;
  }
  return false;
}
