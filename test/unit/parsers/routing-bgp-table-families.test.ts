import { describe, expect, it } from 'vitest';
import { parseAs } from '../../../agent/parsers/registry.js';

// The VPN and IPv6 BGP tables (Cisco IP Routing: BGP Command Reference, `show bgp ipv6 unicast`,
// `show bgp vpnv4 unicast`, `show ip bgp vpnv4`): the IPv4 table's columns, VPN paths under
// `Route Distinguisher:` lines, IPv6 networks and next hops too long for their columns on lines of
// their own. One test per line kind.
const HEAD = [
  'BGP table version is 21, local router ID is 10.0.0.1',
  'Status codes: s suppressed, d damped, h history, * valid, > best, i - internal,',
  '              r RIB-failure, S Stale, m multipath, b backup-path, f RT-Filter,',
  '              x best-external, a additional-path, c RIB-compressed,',
  'Origin codes: i - IGP, e - EGP, ? - incomplete',
  'RPKI validation codes: V valid, I invalid, N Not found',
  '',
  '     Network          Next Hop            Metric LocPrf Weight Path',
];
const read = (command: string, lines: string[]) => parseAs('show ip bgp', [...HEAD, ...lines].join('\n'), command);

describe('VPN tables: route distinguisher lines', () => {
  it('files each path under the RD above it, with the VRF whose default RD it is', () => {
    const { records, warnings } = read('show bgp vpnv4 unicast all', [
      'Route Distinguisher: 100:1 (default for vrf CUST-A)',
      ' *>   10.1.1.0/24      0.0.0.0                  0         32768 ?',
      ' *>i  10.2.2.0/24      10.0.0.2                 0    100      0 ?',
      'Route Distinguisher: 10.0.0.3:7',
      ' *>i  10.2.2.0/24      10.0.0.3                 0    100      0 65003 i',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.network, r.nextHop, r.addressFamily, r.routeDistinguisher, r.vrf, r.localPref])).toEqual([
      ['10.1.1.0/24', '0.0.0.0', 'vpnv4 unicast', '100:1', 'CUST-A', undefined],
      ['10.2.2.0/24', '10.0.0.2', 'vpnv4 unicast', '100:1', 'CUST-A', 100],
      ['10.2.2.0/24', '10.0.0.3', 'vpnv4 unicast', '10.0.0.3:7', undefined, 100],
    ]);
  });

  it('reads the IOS-XE RD line with the VRF router ID after it', () => {
    const { records, warnings } = read('show ip bgp vpnv4 vrf CUST-A', [
      'Route Distinguisher: 100:1 (default for vrf CUST-A) VRF Router ID 10.9.9.9',
      ' *>   10.1.1.0/24      0.0.0.0                  0         32768 ?',
    ]);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ routeDistinguisher: '100:1', vrf: 'CUST-A', addressFamily: 'vpnv4 unicast' });
  });

  it('understands the count of a VRF exported into another family', () => {
    const { records, warnings } = read('show bgp vpnv4 unicast all', [
      'Route Distinguisher: 65535:1 (default for vrf evpn1)',
      'AF-Private Import to Address-Family: L2VPN E-VPN, Pfx Count/Limit: 2/1000',
      ' *>   10.1.1.0/24      0.0.0.0                  0         32768 ?',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('keeps a network continued under the RD line apart from the previous RD (a new RD starts a new network)', () => {
    const { records, warnings } = read('show bgp vpnv4 unicast all', [
      'Route Distinguisher: 100:1',
      ' *>   10.1.1.0/24      0.0.0.0                  0         32768 ?',
      'Route Distinguisher: 100:2',
      ' *>                    10.0.0.9                 0             0 65009 ?',
    ]);
    expect(records).toHaveLength(1);
    expect(warnings.map((w) => w.reason)).toEqual(['path line before any network']);
  });
});

describe('IPv6 tables: networks and next hops on lines of their own', () => {
  it('reads a network too long for its column, its next hop and fields on the next line', () => {
    const { records, warnings } = read('show bgp ipv6 unicast', [
      ' *>   2001:DB8:AAAA:AAAA::1/128',
      '                      FC00::2                  0             0 200 i',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      expect.objectContaining({ network: '2001:DB8:AAAA:AAAA::1/128', nextHop: 'FC00::2', metric: 0, weight: 0, asPath: ['200'] }),
    ]);
    expect(records[0]!.addressFamily).toBe('ipv6 unicast');
  });

  it('reads a next hop too long for its column, the fields on the next line in their columns', () => {
    const { records, warnings } = read('show bgp ipv6 unicast', [
      '*  2001:618:3::/48  3FFE:C00:E:4::2          1             0 4554 1849 i',
      '*>                  3FFE:1100:0:CC00::1',
      '                                                           0 1849 i',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.network, r.nextHop, r.best, r.metric, r.weight, r.asPath.join(' ')])).toEqual([
      ['2001:618:3::/48', '3FFE:C00:E:4::2', false, 1, 0, '4554 1849'],
      ['2001:618:3::/48', '3FFE:1100:0:CC00::1', true, undefined, 0, '1849'],
    ]);
  });

  it('reads network, next hop and fields each on its own line', () => {
    const { records, warnings } = read('show bgp ipv6 unicast', [
      ' *>   2001:DB8:0:1234::/64',
      '                      FE80::A8BB:CCFF:FE00:200',
      '                                               0             0 65002 i',
    ]);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ network: '2001:DB8:0:1234::/64', nextHop: 'FE80::A8BB:CCFF:FE00:200', metric: 0, weight: 0 });
  });

  it("reads fields alone in the header's columns under an IOS 15 path line, whose next hop starts a column left", () => {
    // IOS 15: a five-wide status puts the next hop at column 22, but the line of fields below a next
    // hop too long for its column is printed in the header's columns as on IOS-XE.
    const { records, warnings } = read('show bgp ipv6 unicast', [
      ' *>i 2001:DB8:77::/48 ::FFFF:10.9.8.7',
      '                                                     200      0 65001 i',
      ' *>i 2001:DB8:78::/48 ::FFFF:10.9.8.8',
      '                                                0    300      0 i',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.network, r.nextHop, r.metric, r.localPref, r.weight, r.asPath.join(' ')])).toEqual([
      ['2001:DB8:77::/48', '::FFFF:10.9.8.7', undefined, 200, 0, '65001'],
      ['2001:DB8:78::/48', '::FFFF:10.9.8.8', 0, 300, 0, ''],
    ]);
  });

  it('reads a status glued to the network and an IPv4-mapped next hop (6PE, VPNv6)', () => {
    const { records, warnings } = read('show bgp vpnv6 unicast all', [
      'Route Distinguisher: 100:1 (default for vrf V6)',
      '*>i2001:DB8:5::/64  ::FFFF:10.0.0.5          0    100      0 ?',
      ' *>   ::/0             ::                       0         32768 i',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.network, r.nextHop, r.internal, r.routeDistinguisher])).toEqual([
      ['2001:DB8:5::/64', '::FFFF:10.0.0.5', true, '100:1'],
      ['::/0', '::', false, '100:1'],
    ]);
  });

  it('warns where a next hop is left without its fields', () => {
    const { records, warnings } = read('show bgp ipv6 unicast', [
      ' *>   2001:DB8:0:1234::/64',
      '                      FE80::A8BB:CCFF:FE00:200',
      // A network of 20 characters pushes the next hop right; the fields keep their places after it.
      ` *>   2001:DB8:0:1235::/64 ${'FC00::2'.padEnd(15)}${'0'.padStart(11)}${''.padStart(7)}${'0'.padStart(7)} 200 i`,
    ]);
    expect(records.map((r) => r.network)).toEqual(['2001:DB8:0:1235::/64']);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([[HEAD.length + 2, 'next hop without its metric, weight and path']]);
  });
});

describe('the family the command names', () => {
  it.each([
    ['show ip bgp ipv4 multicast', 'ipv4 multicast'],
    ['show bgp ipv6 multicast', 'ipv6 multicast'],
    ['show ip bgp vpnv4 all', 'vpnv4 unicast'],
    ['show bgp vpnv6 unicast rd 100:1', 'vpnv6 unicast'],
    ['show bgp ipv4 unicast', undefined],
    ['show ip bgp', undefined],
  ])('%s', (command, family) => {
    const { records, warnings } = read(command, [' *>   10.1.1.0/24      0.0.0.0                  0         32768 ?']);
    expect(warnings).toEqual([]);
    expect(records[0]!.addressFamily).toBe(family);
  });
});
