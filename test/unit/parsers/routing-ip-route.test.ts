import { describe, expect, it } from 'vitest';
import { parseIpRoute } from '../../../agent/parsers/routing/ip-route.js';

const LEGEND = [
  'Codes: L - local, C - connected, S - static, R - RIP, M - mobile, B - BGP',
  '       D - EIGRP, EX - EIGRP external, O - OSPF, IA - OSPF inter area',
  '       N1 - OSPF NSSA external type 1, N2 - OSPF NSSA external type 2',
  '       E1 - OSPF external type 1, E2 - OSPF external type 2',
  '       i - IS-IS, su - IS-IS summary, L1 - IS-IS level-1, L2 - IS-IS level-2',
  '       ia - IS-IS inter area, * - candidate default, U - per-user static route',
  '       o - ODR, P - periodic downloaded static route, H - NHRP, l - LISP',
  '       a - application route',
  '       + - replicated route, % - next hop override, p - overrides from PfR',
  '',
];

const parse = (lines: string[], args: Record<string, string> = {}) => parseIpRoute(lines.join('\n'), args);

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-ip-route/).
describe('show ip route', () => {
  it('derives lengths IOS omits: from the "is subnetted" header, else from the class', () => {
    const { records, warnings } = parse([
      '      12.0.0.0/32 is subnetted, 1 subnets',
      'O        12.12.12.12 [110/1011] via 10.65.0.1, 01:03:08, Tunnel200',
      '     172.16.0.0/26 is subnetted, 1 subnets',
      'i L2    172.16.1.0 [115/10] via 10.0.1.2, Serial0/0',
      'O E2    10.63.184.0/23 [110/20] via 10.62.4.29, 12:55:19, Te1/15',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.prefix)).toEqual(['12.12.12.12/32', '172.16.1.0/26', '10.63.184.0/23']);
    expect(parse(['C    192.168.1.0 is directly connected, Ethernet0']).records[0]?.prefix).toBe('192.168.1.0/24');
    expect(records[2]?.nextHops[0]?.interface).toBe('TenGigabitEthernet1/15');
  });

  it('reads masks in any ip netmask-format: decimal and hexadecimal headers and routes, the next hop wrapped or not', () => {
    // Decimal: two IOS 12.x printouts on ipspace.net's blog (held-out round 6); hexadecimal as the
    // IP Addressing Services Command Reference documents `ip netmask-format hexadecimal`.
    const { records, warnings } = parse([
      '     172.16.0.0 255.255.0.0 is variably subnetted, 3 subnets, 2 masks',
      'D       172.16.0.21 255.255.255.255',
      '           [90/156160] via 192.168.0.5, 00:02:54, FastEthernet0/0',
      'O  172.16.0.22 255.255.255.255 [110/52] via 0.0.0.0, 00:11:06, Tunnel0',
      '                               [110/52] via 0.0.0.0, 00:11:06, Tunnel1',
      'C       172.16.1.0 255.255.255.252 is directly connected, Serial0/1/0',
      '     10.0.0.0 0xFFFFFF00 is subnetted, 1 subnets',
      'S       10.1.1.0 [1/0] via 192.168.0.5',
      'S       10.2.0.0 0xFFFF0000 [1/0] via 192.168.0.5',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.prefix)).toEqual(['172.16.0.21/32', '172.16.0.22/32', '172.16.1.0/30', '10.1.1.0/24', '10.2.0.0/16']);
    expect(records[0]).toMatchObject({ distance: 90, metric: 156160, nextHops: [{ address: '192.168.0.5', ageSec: 174 }] });
    expect(records[1]?.nextHops.map((h) => h.interface)).toEqual(['Tunnel0', 'Tunnel1']);
    expect(records[2]?.nextHops[0]).toMatchObject({ interface: 'Serial0/1/0', kind: 'directly-connected' });
  });

  it('reads every code form: candidate default, subtypes, flags between code and prefix', () => {
    const { records, warnings } = parse([
      'O*E2 0.0.0.0/0 [110/1] via 194.0.0.2, 00:05:35, FastEthernet0/0.100',
      'i*L1  10.0.0.0/8 [115/100] via 10.12.7.37, 3w6d, Vlan101',
      'D EX    5.5.5.0/24 [170/2297856] via 10.0.1.2, 00:12:01, Serial0/0',
      'i ia     10.12.6.1/32 [115/200] via 10.12.7.33, 1w1d, Vlan100',
      'S   %    10.34.0.1/32 [1/0] via 192.168.16.1',
      'C   p    10.34.0.2/32 is directly connected, Loopback0',
      'B   +    10.55.0.0/24 [20/0] via 10.144.0.1 (red), 00:00:09',
      'X        10.99.0.0/24 [1/0] via 10.0.0.1',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.code, r.protocol, r.subtype, r.candidateDefault, r.flags])).toEqual([
      ['O*E2', 'ospf', 'external-2', true, undefined],
      ['i*L1', 'isis', 'level-1', true, undefined],
      ['D EX', 'eigrp', 'external', false, undefined],
      ['i ia', 'isis', 'inter-area', false, undefined],
      ['S', 'static', undefined, false, ['next-hop-override']],
      ['C', 'connected', undefined, false, ['pfr-override']],
      ['B', 'bgp', undefined, false, ['replicated']],
      ['X', 'unknown', undefined, false, undefined],
    ]);
    expect(records[1]?.nextHops[0]?.ageSec).toBe((3 * 7 + 6) * 86400);
    expect(records[6]?.nextHops[0]).toEqual({ address: '10.144.0.1', vrf: 'red', ageSec: 9 });
  });

  it('joins multi-line entries: a wrapped prefix, more next hops, more connected interfaces', () => {
    const { records, warnings } = parse([
      'O E2    192.168.10.168/29',
      '           [110/20] via 7.7.7.170, 12:54:35, TenGigabitEthernet7/4',
      '           [110/20] via 7.7.7.174, 12:54:35, TenGigabitEthernet7/5',
      'S        10.36.3.3/32 is directly connected, GigabitEthernet0/3',
      '                 is directly connected, GigabitEthernet0/2',
      'D        10.1.0.0/16 [90/156160] via 10.0.0.1, 00:00:10, Tunnel100',
      '                     [90/158720] via 10.0.0.2, 00:00:10, Tunnel200',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(3);
    expect(records[0]).toMatchObject({ distance: 110, metric: 20 });
    expect(records[0]?.nextHops.map((h) => h.interface)).toEqual(['TenGigabitEthernet7/4', 'TenGigabitEthernet7/5']);
    expect(records[1]?.nextHops).toEqual([
      { kind: 'directly-connected', interface: 'GigabitEthernet0/3' },
      { kind: 'directly-connected', interface: 'GigabitEthernet0/2' },
    ]);
    // EIGRP unequal-cost load sharing: the second next hop keeps its own metric.
    expect(records[2]?.metric).toBe(156160);
    expect(records[2]?.nextHops[1]).toEqual({ address: '10.0.0.2', ageSec: 10, interface: 'Tunnel200', metric: 158720 });
  });

  it('reads summaries and routes to Null0 without a via', () => {
    const { records, warnings } = parse([
      'B        10.10.0.0/18 [200/0], 3w4d, Null0',
      'O        13.14.128.0/17 is a summary, 7w0d, Null0',
      'B        10.10.5.0/24 is directly connected, 3w4d, Vlan5',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => r.nextHops)).toEqual([
      [{ ageSec: (3 * 7 + 4) * 86400, interface: 'Null0' }],
      [{ kind: 'summary', ageSec: 7 * 7 * 86400, interface: 'Null0' }],
      [{ kind: 'directly-connected', ageSec: (3 * 7 + 4) * 86400, interface: 'Vlan5' }],
    ]);
  });

  it('takes the table from "Routing Table:", else from the command; next-hop tables from "(vrf)"', () => {
    const vrfTable = parse(['Routing Table: INET', ...LEGEND, 'S*    0.0.0.0/0 [1/0] via 198.51.100.1'], { vrf: 'other' });
    expect(vrfTable.records[0]?.vrf).toBe('INET');
    expect(parse(['S*    0.0.0.0/0 [1/0] via 198.51.100.1'], { vrf: 'INET' }).records[0]?.vrf).toBe('INET');
    expect(parse(['S*    0.0.0.0/0 [1/0] via 198.51.100.1'], { vrf: 'default' }).records[0]).not.toHaveProperty('vrf');
    const leaked = parse(['B        1.1.1.10/32 [200/0] via FC01:101:8:E007:: (default:ipv6), 16:48:31']);
    expect(leaked.records[0]?.nextHops[0]).toEqual({ address: 'fc01:101:8:e007::', vrf: 'default', ageSec: 60511 });
  });

  it('ignores capture debris: prompts, echoed commands, exec timestamps, pyATS banners, CRLF', () => {
    const { records, warnings } = parse([
      'PE1#',
      "943:  +++ PE1 with alias 'a': executing command 'show ip route' +++",
      'show ip route',
      'Load for five secs: 12%/0%; one minute: 8%; five minutes: 6%',
      'Time source is NTP, 16:14:07.495 EST Tue Jun 8 2016',
      'Tue May 22 22:32:30.765 UTC',
      'C        10.1.2.0/24 is directly connected, GigabitEthernet0/0\r',
      'PE1#',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
  });

  it('ignores a command echoed from a configuration mode through `do`', () => {
    const { records, warnings } = parse([
      'R7(config)#do show ip route',
      'C        10.1.2.0/24 is directly connected, GigabitEthernet0/0',
      'R7(config-if)#do sh ip route',
      'C        10.1.3.0/24 is directly connected, GigabitEthernet0/1',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(2);
  });

  it('warns on lines it does not understand, with their numbers, and keeps every route', () => {
    const { records, warnings } = parse([
      '                 [1/0] via 10.0.0.9',
      'S        10.0.0.0/8 [1/0] via 10.1.1.1, 00:00:01, Gi0/0, surprise',
      'this line is not IOS',
      '      10.0.0.0/8 is frobnicated',
      'O        10.2.0.0/16 [110/2] via 10.1.1.1, 99:9x, Gi0/0',
      '                     [110/2] via 10.1.1.2, soon, Gi0/1',
      '                     [110/2] via 10.1.1.3, 7x7, Gi0/2',
      'C        10.3.0.0/24 is directly connected, Tunnel1',
    ]);
    expect(records.map((r) => r.prefix)).toEqual(['10.0.0.0/8', '10.2.0.0/16', '10.3.0.0/24']);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'next hop outside any route'],
      [2, 'unrecognised next hop'],
      [3, 'unrecognised line'],
      [4, 'unrecognised line'],
      [5, 'unrecognised age'],
      [6, 'unrecognised next hop'],
      [7, 'unrecognised next hop'],
    ]);
    expect(records[1]?.nextHops).toEqual([
      { address: '10.1.1.1', interface: 'GigabitEthernet0/0' },
      { address: '10.1.1.3', interface: 'GigabitEthernet0/2' },
    ]);
  });
});
