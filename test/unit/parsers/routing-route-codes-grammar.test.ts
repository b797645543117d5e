import { describe, expect, it } from 'vitest';
import { parseAs, parseCommandOutput } from '../../../agent/parsers/registry.js';

// Route codes IOS-XE documents in its legends, one test per code kind (issue 18).
describe('show ipv6 route codes with digits and NAT codes', () => {
  it.each([
    ['I1', 'isis', 'level-1'],
    ['I2', 'isis', 'level-2'],
    ['IA', 'isis', 'inter-area'],
    ['IS', 'isis', 'summary'],
    ['OE1', 'ospf', 'external-1'],
    ['OE2', 'ospf', 'external-2'],
    ['ON1', 'ospf', 'nssa-external-1'],
    ['ON2', 'ospf', 'nssa-external-2'],
    ['OI', 'ospf', 'inter-area'],
    ['NDp', 'nd', 'prefix'],
    ['Nd', 'nat', 'dia'],
    ['Ni', 'nat', 'inside'],
    ['NM', 'mobile', 'nemo'],
  ])('%s', (code, protocol, subtype) => {
    const { records, warnings } = parseCommandOutput(
      'show ipv6 route',
      ['IPv6 Routing Table - default - 1 entries', `${code.padEnd(4)}2001:DB8:1::/64 [110/20]`, '     via FE80::1, GigabitEthernet1'].join(
        '\n',
      ),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ protocol, subtype });
  });
});

describe('show ip route IS-IS, NAT and OMP codes', () => {
  it.each([
    ['i L1', 'isis', 'level-1'],
    ['i L2', 'isis', 'level-2'],
    ['i ia', 'isis', 'inter-area'],
    ['i su', 'isis', 'summary'],
    ['Nd', 'nat', 'dia'],
    ['Ni', 'nat', 'inside'],
    ['No', 'nat', 'outside'],
    ['O*E2', 'ospf', 'external-2'],
    ['n*Nd', 'nat', 'dia'],
    ['n Ni', 'nat', 'inside'],
  ])('%s', (code, protocol, subtype) => {
    const { records, warnings } = parseCommandOutput(
      'show ip route',
      `${code.padEnd(6)}10.10.0.0/16 [115/20] via 10.0.0.2, 00:01:02, GigabitEthernet1\n`,
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ protocol, subtype });
  });
});

describe('show ipv6 route table header of IOS 12.x/15.0', () => {
  it.each([
    ['show ipv6 route', undefined],
    ['show ipv6 route vrf red', 'red'],
  ])('reads `IPv6 Routing Table - N entries` (no table name) as the table %s asked for', (command, vrf) => {
    const { records, warnings } = parseCommandOutput(
      command,
      [
        'IPv6 Routing Table - 2 entries',
        'Codes: C - Connected, L - Local, S - Static, R - RIP, B - BGP',
        '       I1 - ISIS L1, I2 - ISIS L2, IA - IIS interarea',
        'B   2001:DB8:4::2/48 [20/0]',
        '     via FE80::A8BB:CCFF:FE02:8B00, Serial6/0',
        'L   FE80::/10 [0/0]',
        '     via ::, Null0',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(2);
    expect((records as Array<{ vrf?: string }>).map((r) => r.vrf)).toEqual([vrf, vrf]);
  });
});

// 12.x and earlier legends: `I - IGRP`, `E - EGP` (IP Routing Protocol-Independent Command Reference, show ip route).
describe('show ip route codes of the 12.x legend', () => {
  const legend = [
    'Codes: C - connected, S - static, I - IGRP, R - RIP, M - mobile, B - BGP',
    '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
    '       E1 - OSPF external type 1, E2 - OSPF external type 2, E - EGP',
    '       i - IS-IS, L1 - IS-IS level-1, L2 - IS-IS level-2, * - candidate default',
    '',
    'Gateway of last resort is not set',
    '',
  ];

  it.each([
    ['I', 100, 'igrp'],
    ['E', 140, 'egp'],
    ['I*', 100, 'igrp'],
  ])('%s routes, with or without a mask', (code, distance, protocol) => {
    const { records, warnings } = parseAs(
      'show ip route',
      [
        ...legend,
        '     172.20.0.0/24 is subnetted, 1 subnets',
        `${code.padEnd(5)}   172.20.7.0 [${distance}/8576] via 172.20.1.2, 00:00:41, Serial0`,
        `${code.padEnd(5)}192.0.2.0/24 [${distance}/1200] via 172.20.1.2, 00:00:41, Serial0`,
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.prefix, r.code, r.protocol, r.candidateDefault])).toEqual([
      ['172.20.7.0/24', code, protocol, code.endsWith('*')],
      ['192.0.2.0/24', code, protocol, code.endsWith('*')],
    ]);
  });
});

// The marks between code and prefix: `+ - replicated route, % - next hop override, p - overrides from PfR,
// & - replicated local route overrides by connected` (IOS 15 and IOS-XE legends), alone or together.
describe('show ip route flag marks', () => {
  it.each([
    ['S   &', ['connected-override']],
    ['C   &', ['connected-override']],
    ['B   +%', ['replicated', 'next-hop-override']],
    ['O   %p', ['next-hop-override', 'pfr-override']],
  ])('%s', (code, flags) => {
    const { records, warnings } = parseAs('show ip route', `${code.padEnd(9)}10.40.0.0/16 [1/0] via 10.0.0.9\n`);
    expect(warnings).toEqual([]);
    expect(records[0]?.flags).toEqual(flags);
  });
});

// Issue 18, grammar first: every code the legends document resolves to a protocol (none `unknown`) and
// every legend line layout is understood. Legends as the IP Routing Protocol-Independent Command Reference
// (show ip route) and the IPv6 Command Reference (show ipv6 route) document them for IOS 12.x, 15 and
// IOS-XE 17; routes built from the grammar, values invented.
describe('documented legends: every code resolves, every legend line is understood', () => {
  it('the IPv4 legend of the command reference sample (`R - RIP derived`, trailing commas, `0:01:00` ages)', () => {
    const text = [
      'Codes: R - RIP derived, O - OSPF derived,',
      '       C - connected, S - static, B - BGP derived,',
      '       * - candidate default route, IA - OSPF inter area route,',
      '       i - IS-IS derived, ia - IS-IS, U - per-user static route,',
      '       o - on-demand routing, M - mobile, P - periodic downloaded static route,',
      '       D - EIGRP, EX - EIGRP external, E1 - OSPF external type 1 route,',
      '       E2 - OSPF external type 2 route, N1 - OSPF NSSA external type 1 route,',
      '       N2 - OSPF NSSA external type 2 route',
      '',
      'Gateway of last resort is 10.9.9.1 to network 10.0.0.0',
      '',
      'O E2 10.20.0.0 [160/5] via 10.9.9.6, 0:01:00, Ethernet2',
      'E    10.30.1.0 [200/128] via 10.9.9.4, 0:02:22, Ethernet2',
    ].join('\n');
    const { records, warnings } = parseAs('show ip route', text);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.prefix, r.protocol, r.subtype, r.nextHops[0]?.ageSec])).toEqual([
      ['10.20.0.0/8', 'ospf', 'external-2', 60],
      ['10.30.1.0/8', 'egp', undefined, 142],
    ]);
  });

  const v4Legend = [
    'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
    '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area ',
    '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
    '       E1 - OSPF external type 1, E2 - OSPF external type 2, m - OMP',
    '       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA',
    '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
    '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
    '       H - NHRP, G - NHRP registered, g - NHRP registration summary',
    '       o - ODR, P - periodic downloaded static route, l - LISP',
    '       a - application route',
    '       + - replicated route, % - next hop override, p - overrides from PfR',
    '       & - replicated local route overrides by connected',
  ];
  const v4Codes = [
    'L',
    'C',
    'S',
    'R',
    'M',
    'B',
    'D',
    'D EX',
    'O',
    'O IA',
    'O N1',
    'O N2',
    'O E1',
    'O E2',
    'm',
    'n',
    'n Ni',
    'n No',
    'n*Nd',
    'i',
    'i su',
    'i L1',
    'i L2',
    'i ia',
    'S*',
    'U',
    'H',
    'G',
    'g',
    'o',
    'P',
    'l',
    'a',
    'B   +',
    'S   %',
    'C   p',
    'S   &',
    'I',
    'E',
  ];
  it('the IOS-XE 17 IPv4 legend, a route for each of its codes', () => {
    const routes = v4Codes.map((code, i) => `${code.padEnd(9)}10.${i}.0.0/16 [1/0] via 10.255.0.1`);
    const { records, warnings } = parseAs(
      'show ip route',
      [...v4Legend, '', 'Gateway of last resort is not set', '', ...routes].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(v4Codes.length);
    expect(records.filter((r) => r.protocol === 'unknown' || r.subtype === 'unknown').map((r) => r.code)).toEqual([]);
  });

  const v6Legend = [
    'IPv6 Routing Table - default - 40 entries',
    'Codes: C - Connected, L - Local, S - Static, U - Per-user Static route',
    '       B - BGP, HA - Home Agent, MR - Mobile Router, R - RIP',
    '       H - NHRP, HG - NHRP registered, Hg - NHRP registration summary',
    '       HE - NHRP External, I1 - ISIS L1, I2 - ISIS L2, IA - ISIS interarea',
    '       IS - ISIS summary, D - EIGRP, EX - EIGRP external, NM - NEMO',
    '       ND - ND Default, NDp - ND Prefix, DCE - Destination, NDr - Redirect',
    '       RL - RPL, O - OSPF Intra, OI - OSPF Inter, OE1 - OSPF ext 1',
    '       OE2 - OSPF ext 2, ON1 - OSPF NSSA ext 1, ON2 - OSPF NSSA ext 2',
    '       la - LISP alt, lr - LISP site-registrations, ld - LISP dyn-eid',
    '       lA - LISP away, le - LISP extranet-policy, lp - LISP publications',
    '       ls - LISP destinations-summary, a - Application, m - OMP',
    '       n - NAT, Ni - NAT inside, No - NAT outside, Nd - NAT DIA',
  ];
  const v6Codes = [
    'C',
    'L',
    'LC',
    'S',
    'U',
    'B',
    'HA',
    'MR',
    'M',
    'R',
    'H',
    'HG',
    'Hg',
    'HE',
    'I1',
    'I2',
    'IA',
    'IS',
    'D',
    'EX',
    'NM',
    'ND',
    'NDp',
    'DCE',
    'NDr',
    'RL',
    'O',
    'OI',
    'OE1',
    'OE2',
    'ON1',
    'ON2',
    'l',
    'la',
    'lr',
    'ld',
    'lA',
    'le',
    'lp',
    'ls',
    'a',
    'm',
    'n',
    'Ni',
    'No',
    'Nd',
  ];
  it('the IOS 15 / IOS-XE 17 IPv6 legend, a route for each of its codes', () => {
    const routes = v6Codes.flatMap((code, i) => [
      `${code.padEnd(4)}2001:DB8:${i.toString(16)}::/64 [1/0]`,
      '     via FE80::1, GigabitEthernet1',
    ]);
    const { records, warnings } = parseAs('show ipv6 route', [...v6Legend, '', ...routes].join('\n'));
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(v6Codes.length);
    expect(records.filter((r) => r.protocol === 'unknown' || r.subtype === 'unknown').map((r) => r.code)).toEqual([]);
  });
});
