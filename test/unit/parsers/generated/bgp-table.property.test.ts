import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { BgpPathEntry } from '../../../../proto/records/routing.js';
import { Gen } from './grammar-gen.js';

/**
 * `show ip bgp` / `show bgp ipv4 unicast`: generated tables in both header
 * layouts (IOS 15's three-character status column, IOS-XE's with the RPKI
 * column), every status combination, blank or oversized metric and LocPrf,
 * networks too long for their column (wrapped), classful networks printed
 * without a mask, AS paths of any length, each origin; read back exactly.
 * Also `show bgp all`: the table under `For address family: IPv4 Unicast`, then
 * the other families' headings with no table under them (CSR1000v 16.9,
 * corpus pyats-examples/show_bgp_all), and a VPNv4 family's table after it, read
 * with its family and route distinguisher. Then the IPv6 and VPN tables (BGP
 * Command Reference): route distinguisher lines (with the VRF, the IOS-XE VRF
 * router ID, an EVPN import count), IPv6 networks and next hops too long for their
 * columns on lines of their own, IPv4-mapped next hops.
 */
const EMPTY_FAMILIES = ['IPv6 Unicast', 'IPv4 Multicast', 'L2VPN E-VPN', 'MVPNv4 Unicast', 'MVPNv6 Unicast'];
const LEGEND_OLD = [
  'Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,',
  '              r RIB-failure, S Stale',
  'Origin codes: i - IGP, e - EGP, ? - incomplete',
  '',
  '   Network          Next Hop            Metric LocPrf Weight Path',
];
const LEGEND_XE = [
  'Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,',
  '              r RIB-failure, S Stale, m multipath, b backup-path, f RT-Filter,',
  '              x best-external, a additional-path, c RIB-compressed,',
  '              t secondary path, L long-lived-stale,',
  'Origin codes: i - IGP, e - EGP, ? - incomplete',
  'RPKI validation codes: V valid, I invalid, N Not found',
  '',
  '     Network          Next Hop            Metric LocPrf Weight Path',
];

describe('show ip bgp property: generated tables read back', () => {
  it('holds for 300 generated tables of 1-12 prefixes', () => {
    const g = new Gen(15_301);
    for (let n = 0; n < 300; n++) {
      const xe = g.chance(0.5);
      const version = g.between(1, 999_999);
      const routerId = g.ipv4();
      const all = xe && g.chance(0.4);
      const lines = [
        ...(all ? ['For address family: IPv4 Unicast', ''] : []),
        `BGP table version is ${version}, local router ID is ${routerId}`,
        ...(xe ? LEGEND_XE : LEGEND_OLD),
      ];
      const want: BgpPathEntry[] = [];
      for (let p = g.between(1, 12); p > 0; p--) {
        const len = g.pick([8, 16, 24, 27, 32]);
        const classfulC = g.chance(0.15);
        const address = classfulC
          ? `${g.between(192, 223)}.${g.int(256)}.${g.int(256)}.0`
          : `${g.between(100, 126)}.${g.int(256)}.${len > 16 ? g.int(256) : 0}.${len > 24 ? g.int(8) * 32 : 0}`;
        const printed = classfulC ? address : `${address}/${len}`;
        const network = classfulC ? `${address}/24` : printed;
        const paths = g.between(1, 3);
        for (let i = 0; i < paths; i++) {
          const best = i === 0;
          const internal = g.chance(0.5);
          const extra = g.pick(['', '', 'm', 'b', 'r']);
          const statusText = `${extra === 'r' ? 'r' : '*'}${best ? '>' : extra === 'r' ? ' ' : extra || ' '}${internal ? 'i' : ' '}`;
          const hop = g.chance(0.2) ? '0.0.0.0' : g.ipv4();
          const metric = g.chance(0.3) ? undefined : g.pick([0, g.int(1000), g.between(1_000_000, 4_000_000_000)]);
          const localPref = internal ? g.pick([100, 200, g.int(1000)]) : undefined;
          const weight = hop === '0.0.0.0' ? 32768 : g.pick([0, 0, g.int(65536)]);
          const asPath = Array.from({ length: g.int(5) }, () => String(g.between(1, 4_294_967_295)));
          const origin = g.pick(['i', 'e', '?'] as const);
          const status = ` ${statusText}${xe ? ' ' : ''}`;
          const netCol = i === 0 ? printed : '';
          const width = 17;
          // IOS: next hop in 15, metric right-aligned in 11 (so a 10-digit MED still fits: ntc cisco_ios_show_ip_bgp6), LocPrf and Weight in 7.
          const fieldsText = `${hop.padEnd(15)}${String(metric ?? '').padStart(11)}${String(localPref ?? '').padStart(7)}${String(weight).padStart(7)} ${[...asPath, origin].join(' ')}`;
          if (netCol.length >= width) lines.push(`${status}${netCol}`, `${' '.repeat(status.length + width)}${fieldsText}`);
          else lines.push(`${status}${netCol.padEnd(width)}${fieldsText}`);
          const s = statusText.replace(/\s+/g, '');
          want.push({
            network,
            nextHop: hop,
            status: s,
            valid: s.includes('*'),
            best: s.includes('>'),
            internal,
            ...(metric !== undefined ? { metric } : {}),
            ...(localPref !== undefined ? { localPref } : {}),
            weight,
            asPath,
            origin: ({ i: 'igp', e: 'egp', '?': 'incomplete' } as const)[origin],
            routerId,
            tableVersion: version,
          });
        }
      }
      if (all) for (const f of EMPTY_FAMILIES) if (g.chance(0.7)) lines.push('', `For address family: ${f}`, '');
      // A VPN family's paths are another table: never read into this one, said once (genieparser ShowBgpAll).
      const vpn = all && g.chance(0.3);
      if (vpn) {
        const hop = g.ipv4();
        lines.push(
          '',
          'For address family: VPNv4 Unicast',
          '',
          `BGP table version is ${version}, local router ID is ${routerId}`,
          ...LEGEND_XE,
          'Route Distinguisher: 200:1 (default for vrf VRF1)',
          ` *>   10.1.1.0/24      ${hop.padEnd(15)}          0         32768 ?`,
        );
        want.push({
          network: '10.1.1.0/24',
          nextHop: hop,
          status: '*>',
          valid: true,
          best: true,
          internal: false,
          metric: 0,
          weight: 32768,
          asPath: [],
          origin: 'incomplete',
          routerId,
          tableVersion: version,
          addressFamily: 'vpnv4 unicast',
          routeDistinguisher: '200:1',
          vrf: 'VRF1',
        });
      }
      const text = lines.join('\n');
      const command = all
        ? g.pick(['show bgp all', 'show ip bgp all'])
        : g.pick(['show ip bgp', 'show bgp ipv4 unicast', 'show ip bgp ipv4 unicast']);
      const { records, warnings } = parseCommandOutput(command, text);
      expect(
        warnings.map((w) => w.reason),
        text,
      ).toEqual([]);
      expect(records, text).toEqual(want);
    }
  });
});

const FAMILIES = [
  { command: 'show bgp ipv6 unicast', family: 'ipv6 unicast', vpn: false, v6: true },
  { command: 'show bgp vpnv4 unicast all', family: 'vpnv4 unicast', vpn: true, v6: false },
  { command: 'show ip bgp vpnv4 all', family: 'vpnv4 unicast', vpn: true, v6: false },
  { command: 'show bgp vpnv6 unicast all', family: 'vpnv6 unicast', vpn: true, v6: true },
] as const;

const hex = (g: Gen) => g.int(0x10000).toString(16).toUpperCase();
/** Short and long IPv6 prefixes and next hops, so both fit their columns and wrap. */
function ipv6Network(g: Gen): string {
  const len = g.pick([32, 48, 56, 64, 128]);
  const groups = g.between(2, len === 128 ? 6 : 4);
  return g.chance(0.05) ? '::/0' : `2001:DB8:${Array.from({ length: groups - 2 }, () => hex(g)).join(':')}${groups > 2 ? ':' : ''}:/${len}`;
}
function ipv6Hop(g: Gen, vpn: boolean): string {
  return g.pick([
    () => '::',
    () => `FC00::${hex(g)}`,
    () => `FE80::${hex(g)}:${hex(g)}:${hex(g)}:${hex(g)}`,
    () => `2001:DB8:${hex(g)}::${hex(g)}`,
    () => (vpn ? `::FFFF:${g.ipv4()}` : `FC00::${hex(g)}`),
  ])();
}

/** Where IOS starts a network's next hop, or a line of fields, printed on a line of its own. */
const CONTINUATION = 23;

describe('show bgp ipv6 unicast / vpnv4 / vpnv6 property: generated tables read back', () => {
  it('holds for 300 generated tables', () => {
    const g = new Gen(18_401);
    for (let n = 0; n < 300; n++) {
      const f = g.pick(FAMILIES);
      const ios15 = g.chance(0.5);
      const version = g.between(1, 999_999);
      const routerId = g.ipv4();
      const lines = [`BGP table version is ${version}, local router ID is ${routerId}`, ...LEGEND_XE];
      const want: BgpPathEntry[] = [];
      for (let d = f.vpn ? g.between(1, 3) : 1; d > 0; d--) {
        const rd = g.chance(0.5) ? `${g.between(1, 65535)}:${g.between(1, 9999)}` : `${g.ipv4()}:${g.between(1, 99)}`;
        const vrf = f.vpn && g.chance(0.7) ? g.pick(['CUST-A', 'VRF1', 'INET', 'mgmt_1']) : undefined;
        if (f.vpn) {
          lines.push(
            `Route Distinguisher: ${rd}${vrf ? ` (default for vrf ${vrf})` : ''}${vrf && g.chance(0.3) ? ` VRF Router ID ${g.ipv4()}` : ''}`,
          );
          if (vrf && g.chance(0.2)) lines.push(`AF-Private Import to Address-Family: L2VPN E-VPN, Pfx Count/Limit: ${g.int(9)}/1000`);
        }
        for (let p = g.between(1, 6); p > 0; p--) {
          const network = f.v6 ? ipv6Network(g) : `10.${g.int(256)}.${g.int(256)}.0/24`;
          const paths = g.between(1, 2);
          for (let i = 0; i < paths; i++) {
            const first = i === 0;
            const best = i === 0;
            const internal = g.chance(0.5);
            const statusText = `*${best ? '>' : ' '}${internal ? 'i' : ' '}`;
            const hop = f.v6 ? ipv6Hop(g, f.vpn) : g.ipv4();
            const metric = g.chance(0.3) ? undefined : g.pick([0, g.int(1000)]);
            const localPref = internal ? g.pick([100, 200]) : undefined;
            const weight = hop === '::' || hop === '0.0.0.0' ? 32768 : g.pick([0, g.int(65536)]);
            const asPath = Array.from({ length: g.int(4) }, () => String(g.between(1, 65535)));
            const origin = g.pick(['i', 'e', '?'] as const);
            // IOS 15 prints a five-wide status (next hop at column 22), IOS-XE 16+ a six-wide one (23).
            const status = ios15 ? ` ${statusText} ` : ` ${statusText}  `;
            const fields = `${String(metric ?? '').padStart(11)}${String(localPref ?? '').padStart(7)}${String(weight).padStart(7)} ${[...asPath, origin].join(' ')}`;
            const netCol = first ? network : '';
            // IOS: a network longer than its column, or a next hop longer than its 15, goes on a line of its own;
            // such lines start at column 23 on both, so a line of fields alone is in the header's columns.
            if (netCol.length >= 17) lines.push(`${status}${netCol}`);
            const lead = netCol.length >= 17 ? ' '.repeat(CONTINUATION) : `${status}${netCol.padEnd(17)}`;
            if (hop.length > 15) lines.push(`${lead}${hop}`, `${' '.repeat(CONTINUATION + 15)}${fields}`);
            else lines.push(`${lead}${hop.padEnd(15)}${fields}`);
            const s = statusText.replace(/\s+/g, '');
            want.push({
              network,
              nextHop: hop,
              status: s,
              valid: true,
              best,
              internal,
              ...(metric !== undefined ? { metric } : {}),
              ...(localPref !== undefined ? { localPref } : {}),
              weight,
              asPath,
              origin: ({ i: 'igp', e: 'egp', '?': 'incomplete' } as const)[origin],
              routerId,
              tableVersion: version,
              addressFamily: f.family,
              ...(f.vpn ? { routeDistinguisher: rd } : {}),
              ...(vrf ? { vrf } : {}),
            });
          }
        }
      }
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput(f.command, text);
      expect(warnings, text).toEqual([]);
      expect(records, text).toEqual(want);
    }
  });
});
