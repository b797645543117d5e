import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../agent/parsers/registry.js';

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
