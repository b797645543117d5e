import { describe, expect, it } from 'vitest';
import { parseIpRoute } from '../../../agent/parsers/routing/ip-route.js';

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-ipv6-route/).
describe('show ipv6 route', () => {
  it('reads a VRF table: its name, tags, next hops resolved in another table, ND and LC codes', () => {
    const { records, warnings } = parseIpRoute(
      [
        'IPv6 Routing Table - Red - 4 entries',
        'B - BGP, R - RIP, H - NHRP, I1 - ISIS L1',
        '    B 2001:192:168:2::1/128 [20/0], tag 1',
        '    via 33.33.33.33%default, Vlan100%default',
        'B   2001:db8:cdc9:1b9::/64 [200/2219]',
        '  via 10.4.1.1%default, indirectly connected',
        'NDp 2001:103::/64 [2/0]',
        '     via Ethernet0/0.103, directly connected',
        'LC  2001:103::1/128 [0/0]',
        '     via Loopback0, receive',
      ].join('\n'),
      { vrf: 'Red' },
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.vrf, r.code, r.protocol, r.subtype, r.tag])).toEqual([
      ['Red', 'B', 'bgp', undefined, 1],
      ['Red', 'B', 'bgp', undefined, undefined],
      ['Red', 'NDp', 'nd', 'prefix', undefined],
      ['Red', 'LC', 'local', undefined, undefined],
    ]);
    expect(records[0]?.nextHops).toEqual([{ address: '33.33.33.33', vrf: 'default', interface: 'Vlan100' }]);
    expect(records[1]?.nextHops).toEqual([{ address: '10.4.1.1', vrf: 'default', kind: 'indirectly-connected' }]);
  });

  it('warns on a next hop it cannot read and on one outside any route, keeping the routes', () => {
    const { records, warnings } = parseIpRoute(
      [
        '     via FE80::9, Tunnel9',
        'C   2001:DB8:64::/64 [0/0]',
        '     via Tunnel100, mysteriously connected',
        'S   2001:DB8:65::/64 [1/0]',
        '     via 2001:DB8:1::1',
      ].join('\n'),
      {},
    );
    expect(records.map((r) => r.prefix)).toEqual(['2001:db8:64::/64', '2001:db8:65::/64']);
    expect(records[1]?.nextHops).toHaveLength(1);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'next hop outside any route'],
      [3, 'unrecognised next hop'],
    ]);
  });
});
