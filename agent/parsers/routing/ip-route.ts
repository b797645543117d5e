import type { ParseResult } from '../../../proto/records/common.js';
import type { NextHop, Route } from '../../../proto/records/routing.js';
import type { CommandArgs } from '../command-spec.js';
import { cidrOf, classfulLength, netmaskLength } from '../address.js';
import { Warnings } from '../lines.js';
import { isCaptureNoise } from './capture-noise.js';
import { cleanOutput } from './output-lines.js';
import { addBracketLine, addIsLine, addViaLine, BRACKET_FRAGMENT, bracketHop, exactHops, NextHopStrings } from './next-hop.js';
import { CodeResolver, IPV4_CODE_FRAGMENT, type RouteCode } from './route-codes.js';

// Code column, IPv4 prefix with or without its length, then either the bracket
// form (groups 3-8, see BRACKET_FRAGMENT) or any other rest (group 9). One regex
// run for the common line: irregexp's native code beat a hand-written charCodeAt
// scanner here (the lines are slices of the whole output), so this stays a regex.
// `O IA     10.255.0.0/24 [110/2000] via 10.64.0.1, 00:03:05, Tunnel100`, `i*L1  0.0.0.0/0 ...`,
// `S   %    10.34.0.1 [1/0] via 192.168.16.1` (ShowIpRouteDistributor golden_output3),
// `C        10.64.0.0/24 is directly connected, Tunnel100`,
// `O E2    192.168.10.168` (rest wrapped onto the next line, ntc cisco_ios_show_ip_route).
// The mask as `ip netmask-format` prints it: `/24`, ` 255.255.255.0` or ` 0xFFFFFF00`
// (`D       172.16.0.21 255.255.255.255` with its next hop wrapped, ipspace.net's blog).
const MASK_FRAGMENT = String.raw`\/\d{1,2}|\s\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}|\s0x[0-9A-Fa-f]{8}`;
const ROUTE_V4 = new RegExp(
  String.raw`^\s*(${IPV4_CODE_FRAGMENT})` +
    String.raw`\s+(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(?:${MASK_FRAGMENT})?)(?:\s+(?:${BRACKET_FRAGMENT}\s*$|(\S.*)))?\s*$`,
);
// `C   2001:DB8::/64 [0/0]`, `B 2001:192:168:2::1/128 [20/0], tag 1`; next hops follow on `via` lines.
// Codes may hold digits: `I1`, `I2` (IS-IS levels), `OE2`, `ON1` (OSPFv3 externals).
const ROUTE_V6 =
  /^\s*([A-Za-z][A-Za-z0-9]{0,3}\*?(?:\s+[+%&p]{1,3})?)\s+([0-9A-Fa-f:.]*:[0-9A-Fa-f:.]*\/\d{1,3})(?:\s+\[(\d+)\/(\d+)\])?(?:,\s*tag\s+(\d+))?\s*$/;
// `10.0.0.0/8 is variably subnetted, 5 subnets, 2 masks`, `12.0.0.0/32 is subnetted, 1 subnets`,
// `172.16.0.0 255.255.0.0 is variably subnetted, ...` (ip netmask-format decimal; or hexadecimal).
const SUBNET_HEADER = new RegExp(
  String.raw`^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}(${MASK_FRAGMENT}) is (?:variably )?subnetted, \d+ subnets(?:, \d+ masks)?$`,
);
const ROUTING_TABLE = /^Routing Table: (\S+)$/;
// IOS 12.x/15.0 print no table name (`IPv6 Routing Table - 9 entries`, Cisco IPv6 Command Reference, show ipv6 route).
const IPV6_TABLE = /^IPv6 Routing Table - (?:(\S+) - )?\d+ entr(?:ies|y)$/;
const GATEWAY = /^Gateway of last resort is (?:\S+ to network \S+|not set)$/;
// Legend lines, indented or not (`B - BGP, R - RIP, ...` at column 0 in ShowIpv6Route golden_output8).
const LEGEND = /^(?:Codes:\s+)?\S{1,4} - \S/;
const NOTICE = /^% (?:Network not in table|Subnet not in table|IP(?:v6)? routing table .* does not exist)$/;

interface State {
  vrf: string | undefined;
  /** Length from the last "is subnetted" header: IOS omits it on the entries below. */
  headerLength: number | undefined;
  /** The route whose next hops may continue on the following lines... */
  current: Route | undefined;
  /** ...collected here, and moved into it by `settle` once the route is complete. */
  hops: NextHop[];
}

/** Placeholder until `settle` gives the route its own array. */
const UNSETTLED: NextHop[] = [];

/**
 * `show ip route [vrf {NAME | *}] [PROTOCOL]` and `show ipv6 route [vrf {NAME | *}]`: one
 * record per route. One pass; each line is classified by its first non-blank
 * character before any regex runs, the common route line costs one regex, and
 * only lines that are not routes reach the header and noise checks.
 */
export function parseIpRoute(text: string, args: CommandArgs): ParseResult<Route> {
  const warnings = new Warnings(
    "the code legend, 'Gateway of last resort' and 'N.N.N.N/len is subnetted' headers, or a route '<code> <prefix> [AD/metric] via <hop>, <age>, <interface>'",
  );
  const records: Route[] = [];
  const codes = new CodeResolver();
  const names = new NextHopStrings();
  const state: State = { vrf: tableName(args.vrf), headerLength: undefined, current: undefined, hops: [] };
  const output = cleanOutput(text);
  let raw = '';
  let n = 0;
  const warn = (reason: string) => warnings.add({ n, text: raw }, reason);

  for (let start = 0; start <= output.length;) {
    let end = output.indexOf('\n', start);
    if (end < 0) end = output.length;
    raw = output.slice(start, end);
    start = end + 1;
    n++;
    let i = 0;
    while (i < raw.length && (raw.charCodeAt(i) === 32 || raw.charCodeAt(i) === 9)) i++;
    if (i === raw.length) continue;
    const c = raw.charCodeAt(i);

    if (c >= 48 && c <= 57) {
      const t = raw.trim();
      const h = SUBNET_HEADER.exec(t);
      if (h) state.headerLength = netmaskLength(h[1]!);
      else if (!isCaptureNoise(t)) warn('unrecognised line');
      continue;
    }
    if (c === 91 /* [ */ || (c === 105 /* i */ && raw.startsWith('is ', i)) || (c === 118 /* v */ && raw.startsWith('via ', i))) {
      const route = state.current;
      if (route === undefined) warn('next hop outside any route');
      else {
        const ok =
          c === 91
            ? addBracketLine(route, state.hops, raw, names)
            : c === 105
              ? addIsLine(state.hops, raw, names)
              : addViaLine(state.hops, raw, names);
        if (!ok) warn('unrecognised next hop');
      }
      continue;
    }
    const v4 = ROUTE_V4.exec(raw);
    if (v4) {
      settle(state);
      const distance = v4[3] === undefined ? undefined : Number(v4[3]);
      records.push(ipv4Route(state, v4[2]!, codes.ipv4(v4[1]!), distance, Number(v4[4])));
      if (distance !== undefined) state.hops.push(bracketHop(names, v4[5], v4[6], v4[7], v4[8]));
      if (v4[9] !== undefined && !(v4[9].startsWith('is ') && addIsLine(state.hops, v4[9], names))) warn('unrecognised next hop');
      else if (v4[7] !== undefined && state.hops[0]?.ageSec === undefined) warn('unrecognised age');
      continue;
    }
    const v6 = ROUTE_V6.exec(raw);
    if (v6) {
      settle(state);
      const code = codes.ipv6(v6[1]!);
      const prefix = v6[2]!.toLowerCase();
      const route =
        v6[3] === undefined
          ? newRoute('ipv6', state.vrf, prefix, code)
          : newRoute('ipv6', state.vrf, prefix, code, Number(v6[3]), Number(v6[4]));
      if (v6[5] !== undefined) route.tag = Number(v6[5]);
      records.push(route);
      state.current = route;
      continue;
    }
    if (!header(raw.trim(), state)) warn('unrecognised line');
  }
  settle(state);
  return { records, warnings: warnings.list };
}

/** Gives the current route its next hops; the next ones belong to another route. */
function settle(state: State): void {
  if (state.current === undefined) return;
  state.current.nextHops = exactHops(state.hops);
  // pop() is inlined by the optimiser; `length = 0` goes through a slow builtin.
  while (state.hops.length > 0) state.hops.pop();
  state.current = undefined;
}

/** A new IPv4 route, made current; a length IOS left out comes from the last "is subnetted" header, else the class. */
function ipv4Route(state: State, prefixText: string, code: RouteCode, distance: number | undefined, metric: number): Route {
  const masked = prefixText.indexOf('/') < 0 && /\s/.test(prefixText) ? cidrOf(prefixText) : undefined;
  const prefix =
    masked ?? (prefixText.indexOf('/') >= 0 ? prefixText : `${prefixText}/${state.headerLength ?? classfulLength(prefixText)}`);
  state.current =
    distance === undefined ? newRoute('ipv4', state.vrf, prefix, code) : newRoute('ipv4', state.vrf, prefix, code, distance, metric);
  return state.current;
}

function newRoute(
  family: Route['family'],
  vrf: string | undefined,
  prefix: string,
  code: RouteCode,
  distance?: number,
  metric?: number,
): Route {
  const nextHops = UNSETTLED;
  // Distance and metric go in the literal when known: V8 then keeps them in the
  // object itself, and both literals get pretenured (see exactHops).
  const route: Route =
    distance === undefined
      ? { family, prefix, code: code.code, protocol: code.protocol, candidateDefault: code.candidateDefault, nextHops }
      : { family, prefix, code: code.code, protocol: code.protocol, candidateDefault: code.candidateDefault, distance, metric, nextHops };
  if (vrf !== undefined) route.vrf = vrf;
  if (code.subtype !== undefined) route.subtype = code.subtype;
  if (code.flags !== undefined) route.flags = code.flags.slice();
  return route;
}

/** Headers, legend and session debris; true when understood. */
function header(t: string, state: State): boolean {
  const m = ROUTING_TABLE.exec(t) ?? IPV6_TABLE.exec(t);
  if (m) {
    settle(state);
    // An unnamed IPv6 header is the table the command asked for.
    if (m[1] !== undefined) state.vrf = tableName(m[1]);
    state.headerLength = undefined;
    return true;
  }
  // "Gateway of last resort" repeats what the candidate-default route (`*`) already says.
  return GATEWAY.test(t) || LEGEND.test(t) || NOTICE.test(t) || isCaptureNoise(t);
}

/**
 * `default` names the global table, which records leave unnamed; so does `*`
 * (`show ip route vrf *`), whose first table is the global one, printed with no
 * `Routing Table:` header before it (suzieq's IOSv and C9300 captures).
 */
function tableName(name: string | undefined): string | undefined {
  return name === undefined || name === '' || name === 'default' || name === '*' ? undefined : name;
}
