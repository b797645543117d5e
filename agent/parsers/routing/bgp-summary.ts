import type { ParseResult } from '../../../proto/records/common.js';
import type { BgpNeighborState, BgpNeighborSummary } from '../../../proto/records/routing.js';
import type { CommandArgs } from '../command-spec.js';
import { parseDuration } from '../duration.js';
import { splitLines, Warnings, type Line } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact, lookup } from './record-helpers.js';

const FAMILY = /^For address family: (.+)$/;
const ROUTER = /^BGP router identifier (\S+), local AS number (\S+)$/;
const TABLE = /^BGP table version is (\d+), main routing table version (\d+)$/;
const COLUMNS = /^Neighbor\s+V\s+AS\s+MsgRcvd\s+MsgSent\s+TblVer\s+InQ\s+OutQ\s+Up\/Down\s+State\/PfxRcd$/;
// Neighbor V AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd; the state may be two words (`Idle (Admin)`).
const ROW = /^(\*?\S+)\s+(\d+)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S.*)$/;
// The same row without its neighbour, below an address too long for its column
// (`2001:DB8:20:4:6::6`, genieparser ShowBgpAllSummary golden_output2).
const WRAPPED_ROW = /^(\d+)\s+(\d+(?:\.\d+)?)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\d+)\s+(\S+)\s+(\S.*)$/;
const LONE_ADDRESS = /^\*?[0-9A-Fa-f:.]+$/;

// BGP dynamic neighbours (IP Routing: BGP Configuration Guide, BGP Dynamic Neighbors): a `*` before
// the address marks a neighbour a `bgp listen range` created; the table ends with the legend and
// counts below, and each peer group's ranges under its heading. Understood, not recorded.
const DYNAMIC_NOTES: readonly RegExp[] = [
  /^\* Dynamically created based on a listen range command$/,
  // Older releases print the limit on this line (`1/(200 max)`), later ones on the Total line.
  /^(?:Total d|D)ynamically created neighbors: \d+(?:\/\(\d+ max\))?, Subnet ranges: \d+$/,
];
const LISTEN_RANGE_HEADING = /^BGP peergroup \S+ listen range group members:$/;
const LISTEN_RANGE = /^[0-9A-Fa-f:.]+\/\d{1,3}$/;

// Memory and activity statistics: understood, not recorded.
const STATISTICS: readonly RegExp[] = [
  /^\d+(?:\/\d+)? .*entries using \d+ bytes of memory$/,
  /^BGP using \d+ total bytes of memory$/,
  /^BGP activity \d+\/\d+ prefixes, \d+\/\d+ paths, scan interval \d+ secs$/,
  /^\d+ networks peaked at .+$/,
  /^\d+ multipath network entries and \d+ multipath paths$/,
  /^\d+ received paths for inbound soft reconfiguration$/,
  /^Dampening enabled\. \d+ history paths, \d+ dampened paths$/,
  /^% BGP not active$/,
];

const STATE: Record<string, BgpNeighborState> = {
  idle: 'idle',
  active: 'active',
  connect: 'connect',
  opensent: 'opensent',
  openconfirm: 'openconfirm',
  'idle (admin)': 'idle-admin',
  // Idle for a reason IOS names: prefix limit reached, capability not negotiated.
  'idle (pfxct)': 'idle',
  'idle (noneg)': 'idle',
};

interface Family {
  addressFamily: string;
  routerId?: string;
  localAs?: number | string;
  tableVersion?: number;
  mainTableVersion?: number;
}

/**
 * `show ip bgp summary` and the `show bgp ... summary` family: one record per
 * neighbour row, carrying its address family's header. Without a
 * `For address family:` line the family comes from the command.
 */
export function parseBgpSummary(text: string, args: CommandArgs): ParseResult<BgpNeighborSummary> {
  const warnings = new Warnings(
    "the router-id/table lines, then 'Neighbor V AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd' rows",
  );
  const records: BgpNeighborSummary[] = [];
  let family: Family = { addressFamily: commandFamily(args) };
  let pendingNeighbor: Line | undefined;
  let inListenRanges = false;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    if (inListenRanges && LISTEN_RANGE.test(t)) continue;
    inListenRanges = LISTEN_RANGE_HEADING.test(t);
    if (inListenRanges || DYNAMIC_NOTES.some((re) => re.test(t))) continue;
    if (pendingNeighbor !== undefined) {
      const w = WRAPPED_ROW.exec(t);
      const neighbor = pendingNeighbor;
      pendingNeighbor = undefined;
      if (w) {
        records.push(neighborRecord(family, args, neighbor.text.trim(), w.slice(1)));
        continue;
      }
      warnings.add(neighbor, 'neighbour address without its row');
    }
    const row = ROW.exec(t);
    if (row) {
      records.push(neighborRecord(family, args, row[1]!, row.slice(2)));
      continue;
    }
    if (LONE_ADDRESS.test(t) && t.includes(':')) {
      pendingNeighbor = line;
      continue;
    }
    let m = FAMILY.exec(t);
    if (m) {
      family = { addressFamily: m[1]!.trim().toLowerCase() };
      continue;
    }
    m = ROUTER.exec(t);
    if (m) {
      family.routerId = m[1]!;
      family.localAs = asNumber(m[2]!);
      continue;
    }
    m = TABLE.exec(t);
    if (m) {
      family.tableVersion = Number(m[1]);
      family.mainTableVersion = Number(m[2]);
      continue;
    }
    if (COLUMNS.test(t) || STATISTICS.some((re) => re.test(t)) || isCaptureNoise(t)) continue;
    warnings.add(line, 'unrecognised line');
  }
  if (pendingNeighbor !== undefined) warnings.add(pendingNeighbor, 'neighbour address without its row');
  return { records, warnings: warnings.list };
}

/** `show bgp vpnv4 unicast ...` -> `vpnv4 unicast`; `show ip bgp vpnv4 vrf X` -> `vpnv4 unicast`; else `ipv4 unicast`. */
function commandFamily(args: CommandArgs): string {
  const afi = args.afi?.toLowerCase();
  if (afi === undefined) return 'ipv4 unicast';
  if (afi === 'l2vpn') return `l2vpn ${args.safi?.toLowerCase() ?? 'evpn'}`;
  return `${afi} ${args.safi?.toLowerCase() ?? 'unicast'}`;
}

/** asdot `64000.2017` stays text; asplain becomes a number. */
function asNumber(text: string): number | string {
  return /^\d+$/.test(text) ? Number(text) : text;
}

/** `cols`: V, AS, MsgRcvd, MsgSent, TblVer, InQ, OutQ, Up/Down, State/PfxRcd. */
function neighborRecord(family: Family, args: CommandArgs, printed: string, cols: string[]): BgpNeighborSummary {
  const dynamic = printed.startsWith('*');
  const neighbor = dynamic ? printed.slice(1) : printed;
  const [version, remoteAs, msgRcvd, msgSent, tblVer, inQ, outQ, upDown, stateText] = cols as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const stateRaw = stateText.trim();
  const established = /^\d+$/.test(stateRaw);
  return compact<BgpNeighborSummary>({
    addressFamily: family.addressFamily,
    vrf: args.vrf,
    rd: args.rd,
    routerId: family.routerId,
    localAs: family.localAs,
    tableVersion: family.tableVersion,
    mainTableVersion: family.mainTableVersion,
    neighbor: neighbor.includes(':') ? neighbor.toLowerCase() : neighbor,
    dynamic: dynamic || undefined,
    version: Number(version),
    remoteAs: asNumber(remoteAs),
    msgRcvd: Number(msgRcvd),
    msgSent: Number(msgSent),
    tblVer: Number(tblVer),
    inQ: Number(inQ),
    outQ: Number(outQ),
    upDownSec: parseDuration(upDown),
    state: established ? 'established' : (lookup(STATE, stateRaw.toLowerCase().replace(/\s+/g, ' ')) ?? 'unknown'),
    stateRaw,
    prefixesReceived: established ? Number(stateRaw) : undefined,
  });
}
