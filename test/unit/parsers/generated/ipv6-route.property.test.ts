import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { NextHop, Route } from '../../../../proto/records/routing.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show ipv6 route [vrf NAME]`: random tables from the
 * documented line kinds (table header with its entry count, unnamed as IOS 12.x/15.0
 * print it or named, legend, routes of
 * every documented code with and without `[AD/metric]` and tag, next hops on
 * `via` lines: address, address with interface, interface only, directly
 * connected, receive, a VRF-qualified address), read back exactly.
 */
const CODES = [
  ['C', 'connected', 0],
  ['L', 'local', 0],
  ['S', 'static', 1],
  ['B', 'bgp', 20],
  ['B', 'bgp', 200],
  ['R', 'rip', 120],
  ['H', 'nhrp', 250],
  ['I1', 'isis', 115],
  ['I2', 'isis', 115],
  ['IA', 'isis', 115],
  ['D', 'eigrp', 90],
  ['EX', 'eigrp', 170],
  ['O', 'ospf', 110],
  ['OI', 'ospf', 110],
  ['OE1', 'ospf', 110],
  ['OE2', 'ospf', 110],
  ['ON1', 'ospf', 110],
  ['ON2', 'ospf', 110],
  ['ND', 'nd', 2],
  ['NDp', 'nd', 2],
  ['a', 'application', 1],
  ['m', 'omp', 251],
  ['U', 'static', 1],
  ['NM', 'mobile', 3],
  // The rest of the IOS 15 / IOS-XE 17 legend (issue 18 grammar audit: IPv6 Command Reference, show
  // ipv6 route): NHRP kinds, IS-IS summary, ND redirect and destination, RPL, LISP kinds, NAT,
  // mobile IPv6, local connected.
  ['HG', 'nhrp', 250],
  ['Hg', 'nhrp', 250],
  ['HE', 'nhrp', 250],
  ['IS', 'isis', 115],
  ['NDr', 'nd', 2],
  ['DCE', 'nd', 2],
  ['RL', 'rpl', 1],
  ['l', 'lisp', 10],
  ['la', 'lisp', 10],
  ['lr', 'lisp', 10],
  ['ld', 'lisp', 10],
  ['lA', 'lisp', 10],
  ['le', 'lisp', 10],
  ['lp', 'lisp', 10],
  ['ls', 'lisp', 10],
  ['n', 'nat', 6],
  ['Ni', 'nat', 6],
  ['No', 'nat', 6],
  ['Nd', 'nat', 6],
  ['HA', 'mobile', 3],
  ['MR', 'mobile', 3],
  ['M', 'mobile', 3],
  ['LC', 'local', 0],
] as const;

describe('show ipv6 route property: generated tables read back', () => {
  it('holds for 400 generated tables', () => {
    const g = new Gen(18_415);
    const h = () => g.int(0x10000).toString(16).toUpperCase();
    for (let n = 0; n < 400; n++) {
      const vrf = g.chance(0.3) ? g.pick(['red', 'INET']) : undefined;
      const body: string[] = [];
      const want: Array<Partial<Route>> = [];
      for (let r = g.between(1, 15); r > 0; r--) {
        const [code, protocol, distance] = g.pick(CODES);
        const len = g.pick([48, 56, 64, 128]);
        const prefix = `2001:DB8:${h()}:${h()}::/${len}`;
        const metric = g.int(100000);
        const tag = g.chance(0.2) ? g.int(1000) : undefined;
        body.push(`${code.padEnd(4)}${prefix} [${distance}/${metric}]${tag !== undefined ? `, tag ${tag}` : ''}`);
        const hops: NextHop[] = [];
        for (let k = g.chance(0.8) ? 1 : 2; k > 0; k--) {
          const kind = g.int(4);
          if (code === 'C') {
            const i = g.interfaceName();
            body.push(`     via ${i}, directly connected`);
            hops.push({ interface: i, kind: 'directly-connected' });
          } else if (code === 'L') {
            const i = g.interfaceName();
            body.push(`     via ${i}, receive`);
            hops.push({ interface: i, kind: 'receive' });
          } else if (kind === 0) {
            const a = `FE80::${h()}`;
            const i = g.interfaceName();
            body.push(`     via ${a}, ${i}`);
            hops.push({ address: a.toLowerCase(), interface: i });
          } else if (kind === 1) {
            const a = `2001:DB8::${h()}`;
            body.push(`     via ${a}`);
            hops.push({ address: a.toLowerCase() });
          } else if (kind === 2) {
            const i = g.interfaceName();
            body.push(`     via ${i}, directly connected`);
            hops.push({ interface: i, kind: 'directly-connected' });
          } else {
            const a = `10.${g.int(256)}.${g.int(256)}.${g.between(1, 254)}`;
            body.push(`     via ${a}%default, indirectly connected`);
            hops.push({ address: a, vrf: 'default', kind: 'indirectly-connected' });
          }
        }
        want.push({
          prefix: prefix.toLowerCase(),
          code,
          protocol,
          distance,
          metric,
          ...(tag !== undefined ? { tag } : {}),
          nextHops: hops,
          ...(vrf ? { vrf } : {}),
        });
      }
      const lines = [
        g.chance(0.2) ? `IPv6 Routing Table - ${want.length} entries` : `IPv6 Routing Table - ${vrf ?? 'default'} - ${want.length} entries`,
        'Codes: C - Connected, L - Local, S - Static, U - Per-user Static route',
        '       B - BGP, R - RIP, H - NHRP, I1 - ISIS L1',
        '       I2 - ISIS L2, IA - ISIS interarea, IS - ISIS summary, D - EIGRP',
        '       EX - EIGRP external, ND - ND Default, NDp - ND Prefix, DCE - Destination',
        '       NDr - Redirect, RL - RPL, O - OSPF Intra, OI - OSPF Inter',
        '       OE1 - OSPF ext 1, OE2 - OSPF ext 2, ON1 - OSPF NSSA ext 1',
        '       ON2 - OSPF NSSA ext 2, la - LISP alt, lr - LISP site-registrations',
        '       ld - LISP dyn-eid, a - Application, m - OMP',
        ...body,
      ];
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput(vrf ? `show ipv6 route vrf ${vrf}` : 'show ipv6 route', text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(want.length);
      (records as Route[]).forEach((r, i) => {
        const w = want[i]!;
        expect(fieldsOf(r, w), text).toEqual(w);
        expect(r.family).toBe('ipv6');
      });
    }
  });
});
