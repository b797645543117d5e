import { describe, expect, it } from 'vitest';
import { parseIpRoute } from '../../../agent/parsers/routing/ip-route.js';

const HEADER = [
  'IPv6 Routing Table - default - 6 entries',
  'Codes: C - Connected, L - Local, S - Static, U - Per-user Static route',
  '       B - BGP, R - RIP, H - NHRP, I1 - ISIS L1',
  '       I2 - ISIS L2, IA - ISIS interarea, IS - ISIS summary, D - EIGRP',
  '       EX - EIGRP external, ND - ND Default, NDp - ND Prefix, DCE - Destination',
  '       NDr - Redirect, O - OSPF Intra, OI - OSPF Inter, OE1 - OSPF ext 1',
  '       OE2 - OSPF ext 2, ON1 - OSPF NSSA ext 1, ON2 - OSPF NSSA ext 2',
  '       la - LISP alt, lr - LISP site-registrations, ld - LISP dyn-eid, a - Application',
];

describe('show ipv6 route', () => {
  it('reads two-line entries into the same Route records as IPv4', () => {
    const { records, warnings } = parseIpRoute([
      'spoke1#show ipv6 route',
      ...HEADER,
      'C   2001:DB8:64::/64 [0/0]',
      '     via Tunnel100, directly connected',
      'L   2001:DB8:64::2/128 [0/0]',
      '     via Tunnel100, receive',
      'OI  2001:DB8:FF::/48 [110/2000]',
      '     via FE80::1, Tunnel100',
      '     via FE80::2, Tunnel200',
      'S   ::/0 [1/0]',
      '     via 2001:DB8:1::1',
      'L   FF00::/8 [0/0]',
      '     via Null0, receive',
    ].join('\n'), {});
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        family: 'ipv6', prefix: '2001:db8:64::/64', code: 'C', protocol: 'connected', candidateDefault: false,
        distance: 0, metric: 0, nextHops: [{ interface: 'Tunnel100', kind: 'directly-connected' }],
      },
      {
        family: 'ipv6', prefix: '2001:db8:64::2/128', code: 'L', protocol: 'local', candidateDefault: false,
        distance: 0, metric: 0, nextHops: [{ interface: 'Tunnel100', kind: 'receive' }],
      },
      {
        family: 'ipv6', prefix: '2001:db8:ff::/48', code: 'OI', protocol: 'ospf', subtype: 'inter-area',
        candidateDefault: false, distance: 110, metric: 2000,
        nextHops: [{ address: 'fe80::1', interface: 'Tunnel100' }, { address: 'fe80::2', interface: 'Tunnel200' }],
      },
      {
        family: 'ipv6', prefix: '::/0', code: 'S', protocol: 'static', candidateDefault: false,
        distance: 1, metric: 0, nextHops: [{ address: '2001:db8:1::1' }],
      },
      {
        family: 'ipv6', prefix: 'ff00::/8', code: 'L', protocol: 'local', candidateDefault: false,
        distance: 0, metric: 0, nextHops: [{ interface: 'Null0', kind: 'receive' }],
      },
    ]);
  });

  it('reads a VRF table: its name, tags, next hops resolved in another table, ND and LC codes', () => {
    const { records, warnings } = parseIpRoute([
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
    ].join('\n'), { vrf: 'Red' });
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
    const { records, warnings } = parseIpRoute([
      '     via FE80::9, Tunnel9',
      'C   2001:DB8:64::/64 [0/0]',
      '     via Tunnel100, mysteriously connected',
      'S   2001:DB8:65::/64 [1/0]',
      '     via 2001:DB8:1::1',
    ].join('\n'), {});
    expect(records.map((r) => r.prefix)).toEqual(['2001:db8:64::/64', '2001:db8:65::/64']);
    expect(records[1]?.nextHops).toHaveLength(1);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'next hop outside any route'],
      [3, 'unrecognised next hop'],
    ]);
  });
});
