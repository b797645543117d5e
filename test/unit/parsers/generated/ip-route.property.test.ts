import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { NextHop, Route } from '../../../../proto/records/routing.js';
import { Gen, NETMASK_FORMATS, withMask, type NetmaskFormat } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show ip route [vrf NAME]`: random tables from the
 * documented line kinds (legend, gateway line, "is subnetted" headers, routes of
 * every code with bracket, connected and static forms, several next hops on
 * continuation lines, rows wrapped after the prefix, interfaces of every
 * platform, masks in any `ip netmask-format`), read back exactly.
 */
const LEGEND = `Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP
       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area
       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
       E1 - OSPF external type 1, E2 - OSPF external type 2, m - OMP
       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA
       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2
       ia - IS-IS inter area, * - candidate default, U - per-user static route
       H - NHRP, G - NHRP registered, g - NHRP registration summary
       o - ODR, P - periodic downloaded static route, l - LISP
       a - application route
       + - replicated route, % - next hop override, p - overrides from PfR
       & - replicated local route overrides by connected`;

/** The 12.x legend, with IGRP and EGP. */
const LEGEND_12 = `Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP
       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area
       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2
       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP
       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, ia - IS-IS inter area
       * - candidate default, U - per-user static route, o - ODR
       P - periodic downloaded static route`;

/** Codes with a bracket `[AD/metric] via` form, their distance and protocol. */
const VIA_CODES = [
  ['O', 110, 'ospf'],
  ['O IA', 110, 'ospf'],
  ['O E1', 110, 'ospf'],
  ['O E2', 110, 'ospf'],
  ['O N2', 110, 'ospf'],
  ['B', 20, 'bgp'],
  ['B', 200, 'bgp'],
  ['D', 90, 'eigrp'],
  ['D EX', 170, 'eigrp'],
  ['R', 120, 'rip'],
  ['i L1', 115, 'isis'],
  ['i L2', 115, 'isis'],
  ['i ia', 115, 'isis'],
  ['H', 250, 'nhrp'],
  ['o', 160, 'odr'],
  ['S', 1, 'static'],
  ['m', 251, 'omp'],
  ['l', 10, 'lisp'],
  ['n Ni', 6, 'nat'],
  ['a', 240, 'application'],
  ['M', 3, 'mobile'],
  ['I', 100, 'igrp'],
  ['E', 140, 'egp'],
  // The rest of the IOS 15 / IOS-XE 17 legend (issue 18 grammar audit: IP Routing Protocol-Independent
  // Command Reference, show ip route): NSSA type 1, IS-IS summary, per-user and periodic downloaded
  // statics, NHRP registered and registration summary, NAT outside and DIA.
  ['O N1', 110, 'ospf'],
  ['i su', 115, 'isis'],
  ['U', 1, 'static'],
  ['P', 1, 'static'],
  ['G', 250, 'nhrp'],
  ['g', 250, 'nhrp'],
  ['n No', 6, 'nat'],
  ['n Nd', 6, 'nat'],
] as const;

interface Expected {
  prefix: string;
  code: string;
  protocol: string;
  candidateDefault: boolean;
  distance?: number;
  metric?: number;
  nextHops: NextHop[];
}

function generate(g: Gen): { lines: string[]; routes: Expected[] } {
  const lines: string[] = [];
  const routes: Expected[] = [];
  const octet = () => g.between(1, 223);
  let next = 1;
  const route = (): string => `${octet()}.${next}.${next++ % 256}.0`;
  // The session's `ip netmask-format`: `/24`, ` 255.255.255.0` or ` 0xFFFFFF00` after every address.
  const format: NetmaskFormat = g.chance(0.7) ? 'bitcount' : g.pick(NETMASK_FORMATS);
  const masked = (prefix: string) => {
    const [address, length] = prefix.split('/');
    return withMask(address!, Number(length), format);
  };
  // The command echoed from a configuration mode (`do`), as a capture may begin.
  if (g.chance(0.1)) lines.push(`${g.pick(['R1', 'spoke-7'])}(config${g.pick(['', '-if', '-router'])})#do show ip route`);
  // Header lines: legend and the gateway line are optional (`show ip route bgp` prints both, a pipe neither).
  if (g.chance(0.8)) lines.push(g.pick([LEGEND, LEGEND_12]), '');
  if (g.chance(0.8))
    lines.push(g.chance(0.5) ? `Gateway of last resort is ${g.ipv4()} to network 0.0.0.0` : 'Gateway of last resort is not set', '');
  for (let n = g.between(1, 25); n > 0; n--) {
    const kind = g.int(6);
    if (kind === 0) {
      // Connected / local pair under an "is variably subnetted" header (lengths printed).
      const net = route();
      const intf = g.interfaceName();
      lines.push(`      ${masked(`${net}/8`)} is variably subnetted, 2 subnets, 2 masks`);
      const len = g.between(24, 30);
      lines.push(`C        ${masked(`${net}/${len}`)} is directly connected, ${intf}`);
      routes.push({
        prefix: `${net}/${len}`,
        code: 'C',
        protocol: 'connected',
        candidateDefault: false,
        nextHops: [{ interface: intf, kind: 'directly-connected' }],
      });
      const host = net.replace(/\.0$/, '.1');
      lines.push(`L        ${masked(`${host}/32`)} is directly connected, ${intf}`);
      routes.push({
        prefix: `${host}/32`,
        code: 'L',
        protocol: 'local',
        candidateDefault: false,
        nextHops: [{ interface: intf, kind: 'directly-connected' }],
      });
    } else if (kind === 1) {
      // Static default, candidate default, no interface or age.
      const hop = g.ipv4();
      lines.push(`S*       ${masked('0.0.0.0/0')} [1/0] via ${hop}`);
      routes.push({
        prefix: '0.0.0.0/0',
        code: 'S*',
        protocol: 'static',
        candidateDefault: true,
        distance: 1,
        metric: 0,
        nextHops: [{ address: hop }],
      });
    } else if (kind === 2) {
      // Static to an interface only.
      const prefix = `${route()}/${g.between(8, 24)}`;
      const intf = g.pick(['Null0', g.interfaceName()]);
      lines.push(`S        ${masked(prefix)} is directly connected, ${intf}`);
      routes.push({
        prefix,
        code: 'S',
        protocol: 'static',
        candidateDefault: false,
        nextHops: [{ interface: intf, kind: 'directly-connected' }],
      });
    } else {
      // A learned route: one or more `[AD/metric] via hop[, age][, interface]`, first on the route line or wrapped to the next.
      const [code, distance, protocol] = g.pick(VIA_CODES);
      const prefix = `${route()}/${g.between(8, 32)}`;
      const metric = g.int(100000);
      const hops: NextHop[] = [];
      for (let h = g.chance(0.7) ? 1 : g.between(2, 4); h > 0; h--) {
        const hop: NextHop = { address: g.ipv4() };
        let text = `[${distance}/${metric}] via ${hop.address}`;
        if (code !== 'S') {
          const age = g.age();
          hop.ageSec = age.sec;
          text += `, ${age.text}`;
        }
        if (g.chance(0.8)) {
          hop.interface = g.interfaceName();
          text += `, ${hop.interface}`;
        }
        hops.push(hop);
        const head = `${code.padEnd(8)} ${masked(prefix)}`;
        if (hops.length === 1) {
          if (g.chance(0.15))
            lines.push(head, `${' '.repeat(g.between(6, 20))}${text}`); // wrapped after the prefix
          else lines.push(`${head} ${text}`);
        } else {
          lines.push(`${' '.repeat(head.length + 1)}${text}`);
        }
      }
      routes.push({ prefix, code, protocol, candidateDefault: false, distance, metric, nextHops: hops });
    }
  }
  return { lines, routes };
}

describe('show ip route property: generated tables read back', () => {
  it('holds for 400 generated tables, global and per VRF', () => {
    const g = new Gen(18_402);
    for (let n = 0; n < 400; n++) {
      const vrf = g.chance(0.3) ? g.pick(['red', 'INET', 'MGMT-1']) : undefined;
      const { lines, routes } = generate(g);
      if (vrf !== undefined) lines.unshift('', `Routing Table: ${vrf}`);
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput(vrf === undefined ? 'show ip route' : `show ip route vrf ${vrf}`, text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(routes.length);
      (records as Route[]).forEach((r, i) => {
        const want = routes[i]!;
        expect(
          {
            prefix: r.prefix,
            code: r.code,
            protocol: r.protocol,
            candidateDefault: r.candidateDefault,
            distance: r.distance,
            metric: r.metric,
            nextHops: r.nextHops,
            vrf: r.vrf,
          },
          text,
        ).toEqual({ ...want, distance: want.distance, metric: want.metric, vrf });
      });
    }
  });

  it('holds for 100 generated `vrf *` outputs: the unheaded global table, then one per VRF', () => {
    const g = new Gen(18_403);
    for (let n = 0; n < 100; n++) {
      const global = generate(g);
      const vrf = g.pick(['red', 'INET', 'MGMT-1']);
      const named = generate(g);
      const text = [...global.lines, '', `Routing Table: ${vrf}`, ...named.lines].join('\n');
      const { records, warnings } = parseCommandOutput('show ip route vrf *', text);
      expect(warnings, text).toEqual([]);
      const want = [...global.routes.map((r) => [undefined, r.prefix]), ...named.routes.map((r) => [vrf, r.prefix])];
      expect(
        (records as Route[]).map((r) => [r.vrf, r.prefix]),
        text,
      ).toEqual(want);
    }
  });
});
