import type { ParseResult } from '../../../proto/records/common.js';
import type { BgpOrigin, BgpPathEntry } from '../../../proto/records/routing.js';
import type { CommandArgs } from '../command-spec.js';
import { splitLines, Warnings, type Line } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact, lookup } from './record-helpers.js';

const HEADER = /^BGP table version is (\d+), local router ID is (\S+)$/;
const COLUMN_HEADER = /^Network\s+Next Hop\s+Metric\s+LocPrf\s+Weight\s+Path$/;
// Legends and the column header: understood, not recorded.
const LEGEND: readonly RegExp[] = [
  /^Status codes: /,
  /^Origin codes: /,
  /^RPKI validation codes: /,
  /^(?:[a-zA-Z]{1,2} [\w -]+,\s*)*[a-zA-Z]{1,2} [\w -]+,?$/,
  /^Total number of prefixes \d+$/,
  /^% BGP not active$/,
];
// `show bgp all`: each family's table under its name (CiscoTestAutomation/examples, CSR1000v 16.9).
const FAMILY = /^For address family: (.+)$/;
// Families printed in this layout: IPv4 or IPv6 networks, VPN ones under route distinguishers
// (Cisco IP Routing: BGP Command Reference, show bgp ipv6 unicast, show bgp vpnv4 unicast).
const READ_FAMILIES = new Set(['ipv4 unicast', 'ipv4 multicast', 'ipv6 unicast', 'ipv6 multicast', 'vpnv4 unicast', 'vpnv6 unicast']);
// `Route Distinguisher: 100:1 (default for vrf CUST)`, IOS-XE adds `VRF Router ID 10.1.1.1` (genieparser ShowBgpAll).
const ROUTE_DISTINGUISHER = /^Route Distinguisher: (\S+)(?: \(default for vrf (\S+)\))?(?: VRF Router ID \S+)?$/;
// A VRF's paths imported into another family (EVPN): a count, not a path (genieparser ShowBgpAll golden_output1).
const AF_IMPORT = /^AF-Private Import to Address-Family: .+, Pfx Count\/Limit: \d+\/\d+$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const NETWORK = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/;
// Groups of at most four hex digits, `::` anywhere, an IPv4 tail (`::FFFF:10.1.1.1`, a 6PE next hop).
const IPV6 = /^(?:[0-9A-Fa-f]{1,4}|:)(?::[0-9A-Fa-f]{0,4}){1,7}(?:\.\d{1,3}){0,3}$/;
const NETWORK6 = /^([0-9A-Fa-f:.]+)\/(\d{1,3})$/;
const ORIGINS: Record<string, BgpOrigin> = { i: 'igp', e: 'egp', '?': 'incomplete' };
// Status characters IOS puts before the network (Status codes legend, RPKI codes).
const STATUS_CHARS = new Set(' \t*>isdhrSmbfxactLVIN');

/**
 * Where the fields end, counted from the start of the next hop: IOS prints
 * the next hop in 15 columns, the metric right-aligned in 11 (a 10-digit MED
 * still fits: ntc cisco_ios_show_ip_bgp6), LocPrf and Weight in 7 each
 * (every corpus layout, IOS 12 to IOS-XE 17, whatever the status column's
 * width). A token is placed by where it ends. A next hop too long for its
 * column (IPv6) puts the fields on the next line, in the same columns.
 */
const METRIC_END = 26;
const LOCPREF_END = 33;
const WEIGHT_END = 40;

type Slot = 'metric' | 'localPref' | 'weight';
/** Which field a token ending at `end` is; undefined past the weight (the path). */
type Placer = (end: number) => Slot | undefined;

const relativeTo =
  (hopStart: number): Placer =>
  (end) => {
    const e = end - hopStart;
    return e <= METRIC_END ? 'metric' : e <= LOCPREF_END ? 'localPref' : e <= WEIGHT_END ? 'weight' : undefined;
  };

/**
 * A line of fields alone (below a next hop too long for its column) is printed in the column
 * header's columns, each field ending one column past its heading, whatever the status column's
 * width: IOS 15 puts the next hop of a path line one column left of where IOS-XE 16+ does, but
 * both print that line the same (a 15.x 6PE table pasted in FRRouting/frr#5572; IOS-XE: genieparser
 * ShowBgpAllNeighborsRoutes). Without the header, the next hop's column stands in for it.
 */
function headerColumns(text: string): Placer {
  const metric = text.indexOf('Metric') + 'Metric'.length + 1;
  const localPref = text.indexOf('LocPrf') + 'LocPrf'.length + 1;
  const weight = text.indexOf('Weight') + 'Weight'.length + 1;
  return (end) => (end <= metric ? 'metric' : end <= localPref ? 'localPref' : end <= weight ? 'weight' : undefined);
}

/** A classful network printed without its mask (`192.168.1.0`): A /8, B /16, C /24; `0.0.0.0` is the default. */
function classful(address: string): number {
  if (address === '0.0.0.0') return 0;
  const first = Number(address.split('.')[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

interface Token {
  text: string;
  start: number;
}

/** Where the paths being read belong: the table's header, its family and route distinguisher. */
interface Context {
  routerId?: string;
  tableVersion?: number;
  /** Lowercase, `ipv4 unicast` left off the records (the table most commands print). */
  family: string;
  routeDistinguisher?: string;
  vrf?: string;
}

/** A next hop printed alone: its metric, weight and path follow on the next line. */
interface HopAlone {
  network: string;
  status: string;
  hop: Token;
  line: Line;
}

/** The family the command asked for: `show bgp ipv6 unicast`, `show ip bgp vpnv4 all`, else IPv4 unicast. */
function commandFamily(args: CommandArgs): string {
  if (args.vpn) return `${args.vpn.toLowerCase()} unicast`;
  if (args.afi) return `${args.afi} ${args.safi ?? 'unicast'}`.toLowerCase();
  return 'ipv4 unicast';
}

/**
 * `show ip bgp` / `show bgp {ipv4 | ipv6} {unicast | multicast}` / `show bgp {vpnv4 | vpnv6} unicast
 * {all | vrf NAME | rd RD}` (and `... neighbors X advertised-routes`), and each such family of `show bgp
 * all`: one record per path line, with its family and route distinguisher when not IPv4 unicast.
 */
export function parseBgpTable(text: string, args: CommandArgs = {}): ParseResult<BgpPathEntry> {
  const warnings = new Warnings(
    "the 'BGP table version' header and legend, 'Route Distinguisher:' lines, then path lines 'status network next-hop metric locprf weight path origin'",
  );
  const records: BgpPathEntry[] = [];
  let ctx: Context = { family: commandFamily(args) };
  let network: string | undefined;
  let wrapped: { status: string; line: Line } | undefined;
  let hopAlone: HopAlone | undefined;
  let fieldsAlone: Placer | undefined;
  // A family this layout does not hold (`show bgp all`: L2VPN E-VPN, MVPN, flowspec): its lines are
  // never read into the table; said once, where they begin.
  let otherFamily: { name: string; said: boolean } | undefined;
  const unfinished = () => {
    if (wrapped) warnings.add(wrapped.line, 'network without its path line');
    if (hopAlone) warnings.add(hopAlone.line, 'next hop without its metric, weight and path');
    wrapped = undefined;
    hopAlone = undefined;
  };

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    const family = FAMILY.exec(t);
    if (family) {
      unfinished();
      const name = family[1]!.trim();
      otherFamily = READ_FAMILIES.has(name.toLowerCase()) ? undefined : { name, said: false };
      ctx = { family: name.toLowerCase() };
      network = undefined;
      continue;
    }
    if (otherFamily) {
      if (!otherFamily.said)
        warnings.add(line, `paths of address family ${otherFamily.name} are not read`, 'IPv4, IPv6, VPNv4 or VPNv6 paths');
      otherFamily.said = true;
      continue;
    }
    if (COLUMN_HEADER.test(t)) {
      fieldsAlone = headerColumns(line.text);
      continue;
    }
    const h = HEADER.exec(t);
    if (h) {
      ctx = { family: ctx.family, tableVersion: Number(h[1]), routerId: h[2]! };
      continue;
    }
    const rd = ROUTE_DISTINGUISHER.exec(t);
    if (rd) {
      unfinished();
      ctx = compact({ ...ctx, routeDistinguisher: rd[1]!, vrf: rd[2] });
      network = undefined;
      continue;
    }
    if (AF_IMPORT.test(t) || LEGEND.some((re) => re.test(t))) continue;
    const split = splitStatus(line.text);
    if (!split) {
      if (!isCaptureNoise(t)) warnings.add(line, 'unrecognised line');
      continue;
    }
    const { status, tokens } = split;
    if (hopAlone) {
      const pending = hopAlone;
      hopAlone = undefined;
      if (status.trim() === '' && !isAddress(tokens[0]!.text)) {
        const place = fieldsAlone ?? relativeTo(pending.hop.start);
        const entry = pathEntry(pending.network, pending.status, [pending.hop, ...tokens], ctx, place);
        if (entry) records.push(entry);
        else warnings.add(line, 'unrecognised path fields');
        continue;
      }
      warnings.add(pending.line, 'next hop without its metric, weight and path');
    }
    let hopIndex = 0;
    let pathStatus = status;
    if (wrapped && status.trim() === '') {
      // The next hop below a network too long for its column.
      pathStatus = wrapped.status;
      wrapped = undefined;
    } else {
      unfinished();
      if (status.trim() === '') {
        warnings.add(line, 'path line without a status');
        continue;
      }
      const net = cidr(tokens[0]!.text);
      if (tokens.length === 1 && net !== undefined) {
        network = net;
        wrapped = { status, line };
        continue;
      }
      const second = tokens[1]?.text;
      if (net !== undefined && second !== undefined && isAddress(second)) {
        network = net;
        hopIndex = 1;
      }
    }
    const rest = tokens.slice(hopIndex);
    if (network !== undefined && rest.length === 1 && isAddress(rest[0]!.text)) {
      hopAlone = { network, status: pathStatus, hop: rest[0]!, line };
      continue;
    }
    const entry = network === undefined ? undefined : pathEntry(network, pathStatus, rest, ctx);
    if (!entry) {
      warnings.add(line, network === undefined ? 'path line before any network' : 'unrecognised path fields');
      continue;
    }
    records.push(entry);
  }
  unfinished();
  return { records, warnings: warnings.list };
}

const isAddress = (token: string) => IPV4.test(token) || IPV6.test(token);

/** A network as CIDR (`10.0.0.0/8`, a classful `192.168.1.0` given its class's length, `2001:DB8::/32`), else undefined. */
function cidr(token: string): string | undefined {
  const m = NETWORK.exec(token);
  if (m) return `${m[1]}/${m[2] ?? classful(m[1]!)}`;
  const v6 = NETWORK6.exec(token);
  return v6 && IPV6.test(v6[1]!) && Number(v6[2]) <= 128 ? token : undefined;
}

/**
 * Splits a path line into its status column and the tokens after it. The status is as short as
 * can be: `*>i10.0.0.0` and `*>i2001:DB8::/32` glue it to the network (IOS 12/15), and status
 * letters are also hex digits (`d`, `b`, `f`, `a`, `c`), so the network starts at the first place
 * a network, an address or a number (a line of fields alone) does.
 */
function splitStatus(text: string): { status: string; tokens: Token[] } | undefined {
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/[0-9A-Fa-f:]/.test(ch)) {
      const end = text.indexOf(' ', i);
      const first = text.slice(i, end < 0 ? undefined : end);
      if (cidr(first) !== undefined || isAddress(first) || /^\d+$/.test(first)) {
        const tokens = [...text.slice(i).matchAll(/\S+/g)].map((m) => ({ text: m[0], start: i + m.index! }));
        return { status: text.slice(0, i), tokens };
      }
    }
    if (!STATUS_CHARS.has(ch)) return undefined;
  }
  return undefined;
}

function pathEntry(network: string, status: string, tokens: Token[], ctx: Context, place?: Placer): BgpPathEntry | undefined {
  const hop = tokens[0];
  if (!hop || !isAddress(hop.text)) return undefined;
  const slotOf = place ?? relativeTo(hop.start);
  const fields: { metric?: number; localPref?: number; weight?: number } = {};
  const path: string[] = [];
  for (const tok of tokens.slice(1)) {
    const slot = path.length === 0 ? slotOf(tok.start + tok.text.length) : undefined;
    const numeric = /^\d+$/.test(tok.text);
    if (slot) {
      if (!numeric) return undefined;
      if (fields[slot] !== undefined) return undefined;
      fields[slot] = Number(tok.text);
    } else {
      path.push(tok.text);
    }
  }
  const origin = lookup(ORIGINS, path.pop() ?? '');
  if (fields.weight === undefined || origin === undefined || !path.every((a) => /^(?:\d+(?:\.\d+)?|[{([][\d.,]+[})\]])$/.test(a)))
    return undefined;
  const s = status.replace(/\s+/g, '');
  return compact<BgpPathEntry>({
    network,
    nextHop: hop.text,
    status: s,
    valid: s.includes('*'),
    best: s.includes('>'),
    internal: s.includes('i'),
    metric: fields.metric,
    localPref: fields.localPref,
    weight: fields.weight,
    asPath: path,
    origin,
    routerId: ctx.routerId,
    tableVersion: ctx.tableVersion,
    addressFamily: ctx.family === 'ipv4 unicast' ? undefined : ctx.family,
    routeDistinguisher: ctx.routeDistinguisher,
    vrf: ctx.vrf,
  });
}
