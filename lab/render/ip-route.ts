/**
 * `show ip route [vrf NAME]` in IOS 15's layout (corpus:
 * samples/show_ip_route_spoke_tunnels): the codes legend, the gateway line,
 * then routes grouped under their classful network with `is subnetted` /
 * `is variably subnetted` headers; top-level lines put the prefix at column
 * 6, subnet lines at column 9.
 */
import type { RouterModel } from '../router/model.js';
import { splitPrefix, type LabRoute, type RouteCode } from '../router/dynamics/routes.js';
import { iosElapsed, pad } from './format.js';
import { elapsedSec } from './view.js';

export const ROUTE_CODES = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
  '       a - application route',
  '       + - replicated route, % - next hop override',
];

/**
 * A VRF table starts with `Routing Table: NAME` (corpus: genieparser
 * ShowIpRoute golden_output3, ntc-templates cisco_ios_show_ip_route_vrf). No
 * interface sits in a lab VRF, so a configured VRF's table is empty; an
 * unknown one gets IOS's `% IP routing table NAME does not exist`.
 */
export function renderIpRoute(m: RouterModel, vrf?: string, only?: readonly RouteCode[]): string {
  if (vrf !== undefined && !m.config.vrfs.has(vrf)) return `% IP routing table ${vrf} does not exist`;
  const routes = vrf === undefined ? m.rt.routes : [];
  const out = [...(vrf === undefined ? [] : [`Routing Table: ${vrf}`]), ...ROUTE_CODES, '', gatewayLine(routes), ''];
  for (const group of groupByMajorNetwork(routes)) out.push(...renderGroup(m, group, only));
  return out.join('\n');
}

function gatewayLine(routes: readonly LabRoute[]): string {
  const def = routes.find((r) => r.prefix === '0.0.0.0/0');
  if (!def) return 'Gateway of last resort is not set';
  return `Gateway of last resort is ${def.via ?? '0.0.0.0'} to network 0.0.0.0`;
}

/** The classful length of an address: A /8, B /16, C /24 (D/E never appear here). */
function classfulLength(address: number): number {
  const first = Math.floor(address / 2 ** 24);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}

interface Group {
  network?: string;
  classLength: number;
  routes: LabRoute[];
}

/** Supernets and the default are top-level; longer prefixes gather under their classful network. */
function groupByMajorNetwork(routes: readonly LabRoute[]): Group[] {
  const groups: Group[] = [];
  for (const r of routes) {
    const [addr, len] = splitPrefix(r.prefix);
    const classLength = classfulLength(addr);
    if (len < classLength) {
      groups.push({ classLength, routes: [r] });
      continue;
    }
    const size = 2 ** (32 - classLength);
    const major = Math.floor(addr / size) * size;
    const network = [24, 16, 8, 0].map((s) => Math.floor(major / 2 ** s) % 256).join('.');
    const last = groups[groups.length - 1];
    if (last?.network === network) last.routes.push(r);
    else groups.push({ network, classLength, routes: [r] });
  }
  return groups;
}

/**
 * A protocol filter (`show ip route static`) keeps the legend, the gateway
 * line and a group's header, which still describes the whole table (its
 * subnet count), and drops the other protocols' lines and empty groups.
 */
function renderGroup(m: RouterModel, g: Group, codes?: readonly RouteCode[]): string[] {
  const shown = codes === undefined ? g.routes : g.routes.filter((r) => codes.includes(r.code));
  if (shown.length === 0) return [];
  const only = g.routes[0]!;
  if (g.network === undefined || (g.routes.length === 1 && splitPrefix(only.prefix)[1] === g.classLength)) {
    return [routeLine(m, only, 6, true)];
  }
  const lengths = new Set(g.routes.map((r) => splitPrefix(r.prefix)[1]));
  const n = g.routes.length;
  const header =
    lengths.size === 1
      ? `      ${g.network}/${[...lengths][0]} is subnetted, ${n} subnets`
      : `      ${g.network}/${g.classLength} is variably subnetted, ${n} subnets, ${lengths.size} masks`;
  return [header, ...shown.map((r) => routeLine(m, r, 9, lengths.size > 1))];
}

function routeLine(m: RouterModel, r: LabRoute, column: number, withLength: boolean): string {
  const code = `${r.code}${r.candidateDefault ? '*' : ''}`;
  const prefix = withLength ? r.prefix : r.prefix.split('/')[0]!;
  const head = `${pad(code, column)}${prefix}`;
  const age = r.installedAt !== undefined ? `, ${iosElapsed(elapsedSec(m, r.installedAt))}` : '';
  if (r.via !== undefined)
    return `${head} [${r.distance}/${r.metric}] via ${r.via}${age}${r.interface && r.code !== 'S' ? `, ${r.interface}` : ''}`;
  return `${head} is directly connected${age}, ${r.interface}`;
}

/**
 * `show ipv6 route`: the lab's spoke runs IPv4 only, so the table holds only
 * IOS's multicast receive entry (legend as in corpus: ntc-templates
 * cisco_ios_show_ipv6_route).
 */
export function renderIpv6Route(): string {
  return [
    'IPv6 Routing Table - default - 1 entries',
    'Codes: C - Connected, L - Local, S - Static, U - Per-user Static route',
    '       B - BGP, HA - Home Agent, MR - Mobile Router, R - RIP',
    '       H - NHRP, D - EIGRP, EX - EIGRP external, ND - ND Default',
    '       NDp - ND Prefix, DCE - Destination, NDr - Redirect, O - OSPF Intra',
    '       OI - OSPF Inter, OE1 - OSPF ext 1, OE2 - OSPF ext 2, ON1 - OSPF NSSA ext 1',
    '       ON2 - OSPF NSSA ext 2, l - LISP',
    'L   FF00::/8 [0/0]',
    '     via Null0, receive',
  ].join('\n');
}
