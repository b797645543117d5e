import type { ParseResult } from '../../../proto/records/common.js';
import type { BgpOrigin, BgpPathEntry } from '../../../proto/records/routing.js';
import { splitLines, Warnings, type Line } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { compact, lookup } from './record-helpers.js';

const HEADER = /^BGP table version is (\d+), local router ID is (\S+)$/;
// Legends and the column header: understood, not recorded.
const LEGEND: readonly RegExp[] = [
  /^Status codes: /,
  /^Origin codes: /,
  /^RPKI validation codes: /,
  /^(?:[a-zA-Z]{1,2} [\w -]+,\s*)*[a-zA-Z]{1,2} [\w -]+,?$/,
  /^Network\s+Next Hop\s+Metric\s+LocPrf\s+Weight\s+Path$/,
  /^Total number of prefixes \d+$/,
  /^% BGP not active$/,
];
// `show bgp all`: each family's table under its name (CiscoTestAutomation/examples, CSR1000v 16.9).
const FAMILY = /^For address family: (.+)$/;
const IPV4 = /^\d{1,3}(?:\.\d{1,3}){3}$/;
const NETWORK = /^(\d{1,3}(?:\.\d{1,3}){3})(?:\/(\d{1,2}))?$/;
const ORIGINS: Record<string, BgpOrigin> = { i: 'igp', e: 'egp', '?': 'incomplete' };
// Status characters IOS puts before the network (Status codes legend, RPKI codes).
const STATUS = /^[\s*>isdhrSmbfxactLVIN]*$/;

/**
 * Where the fields end, counted from the start of the next hop: IOS prints
 * the next hop in 15 columns, the metric right-aligned in 11 (a 10-digit MED
 * still fits: ntc cisco_ios_show_ip_bgp6), LocPrf and Weight in 7 each
 * (every corpus layout, IOS 12 to IOS-XE 17, whatever the status column's
 * width). A token is placed by where it ends.
 */
const METRIC_END = 26;
const LOCPREF_END = 33;
const WEIGHT_END = 40;

/** A classful network printed without its mask (`192.168.1.0`): A /8, B /16, C /24; `0.0.0.0` is the default. */
function classful(address: string): number {
  if (address === '0.0.0.0') return 0;
  const first = Number(address.split('.')[0]);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

interface Header {
  routerId?: string;
  tableVersion?: number;
}

/** `show ip bgp` / `show bgp ipv4 unicast` (and `... neighbors X advertised-routes`): one record per path line. */
export function parseBgpTable(text: string): ParseResult<BgpPathEntry> {
  const warnings = new Warnings(
    "the 'BGP table version' header and legend, then path lines 'status network next-hop metric locprf weight path origin'",
  );
  const records: BgpPathEntry[] = [];
  const header: Header = {};
  let network: string | undefined;
  let wrapped: { status: string; line: Line } | undefined;
  // A family other than IPv4 unicast (`show bgp all`): its paths are another table (VPN paths under
  // route distinguishers, IPv6, EVPN), never mixed into this one; said once, where its lines begin.
  let otherFamily: { name: string; said: boolean } | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '') continue;
    const family = FAMILY.exec(t);
    if (family) {
      otherFamily = /^IPv4 Unicast$/i.test(family[1]!.trim()) ? undefined : { name: family[1]!.trim(), said: false };
      continue;
    }
    if (otherFamily) {
      if (!otherFamily.said)
        warnings.add(line, `paths of address family ${otherFamily.name} are not read`, 'IPv4 unicast paths only (show ip bgp)');
      otherFamily.said = true;
      continue;
    }
    const h = HEADER.exec(t);
    if (h) {
      header.tableVersion = Number(h[1]);
      header.routerId = h[2]!;
      continue;
    }
    if (LEGEND.some((re) => re.test(t))) continue;
    const first = line.text.search(/\d/);
    const status = first < 0 ? line.text : line.text.slice(0, first);
    if (first < 0 || !STATUS.test(status)) {
      if (!isCaptureNoise(t)) warnings.add(line, 'unrecognised line');
      continue;
    }
    const tokens = [...line.text.slice(first).matchAll(/\S+/g)].map((m) => ({ text: m[0], start: first + m.index! }));
    const second = tokens[1]?.text;
    let hopIndex = 0;
    let pathStatus = status;
    if (wrapped && status.trim() === '') {
      // The next hop below a network too long for its column.
      pathStatus = wrapped.status;
      wrapped = undefined;
    } else {
      if (wrapped) warnings.add(wrapped.line, 'network without its path line');
      wrapped = undefined;
      if (status.trim() === '') {
        warnings.add(line, 'path line without a status');
        continue;
      }
      if (tokens.length === 1 && NETWORK.test(tokens[0]!.text)) {
        network = cidr(tokens[0]!.text);
        wrapped = { status, line };
        continue;
      }
      if (second !== undefined && IPV4.test(second) && NETWORK.test(tokens[0]!.text)) {
        network = cidr(tokens[0]!.text);
        hopIndex = 1;
      }
    }
    const entry = network === undefined ? undefined : pathEntry(network, pathStatus, tokens.slice(hopIndex), header);
    if (!entry) {
      warnings.add(line, network === undefined ? 'path line before any network' : 'unrecognised path fields');
      continue;
    }
    records.push(entry);
  }
  if (wrapped) warnings.add(wrapped.line, 'network without its path line');
  return { records, warnings: warnings.list };
}

function cidr(token: string): string {
  const m = NETWORK.exec(token)!;
  return `${m[1]}/${m[2] ?? classful(m[1]!)}`;
}

function pathEntry(
  network: string,
  status: string,
  tokens: Array<{ text: string; start: number }>,
  header: Header,
): BgpPathEntry | undefined {
  const hop = tokens[0];
  if (!hop || !IPV4.test(hop.text)) return undefined;
  const fields: { metric?: number; localPref?: number; weight?: number } = {};
  const path: string[] = [];
  for (const tok of tokens.slice(1)) {
    const end = tok.start + tok.text.length - hop.start;
    const numeric = /^\d+$/.test(tok.text);
    if (end <= WEIGHT_END && path.length === 0) {
      if (!numeric) return undefined;
      const slot = end <= METRIC_END ? 'metric' : end <= LOCPREF_END ? 'localPref' : 'weight';
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
    routerId: header.routerId,
    tableVersion: header.tableVersion,
  });
}
