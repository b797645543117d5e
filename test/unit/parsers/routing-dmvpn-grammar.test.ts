import { describe, expect, it } from 'vitest';
import { parseDmvpn } from '../../../agent/parsers/routing/dmvpn.js';

describe('show dmvpn role lines', () => {
  it.each([
    ['Type:Spoke, NHRP Peers:2,', 'spoke', 2],
    ['Type:Hub, Total NBMA Peers (v4/v6): 3', 'hub', 3],
    ['Type:Hub/Spoke, NHRP Peers:1,', 'hub-spoke', 1],
  ])('%s', (line, role, peers) => {
    const { records, warnings } = parseDmvpn(
      [
        'Interface: Tunnel0, IPv4 NHRP Details',
        line,
        '',
        ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
        ' ----- --------------- --------------- ----- -------- -----',
        '     1 198.51.100.1          10.0.0.1    UP 00:10:02     S',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ role, interfacePeers: peers });
  });
});

// 12.4T names the interface on its role line, with no `Interface: ..., IPv4 NHRP Details` above it.
describe('show dmvpn interface and role on one line', () => {
  it.each([
    ['Tunnel0, Type:Spoke, NHRP Peers:2,', 'Tunnel0', 'spoke', 2],
    ['Tunnel100, Type:Hub, NHRP Peers:1,', 'Tunnel100', 'hub', 1],
  ])('%s', (line, intf, role, peers) => {
    const { records, warnings } = parseDmvpn(
      [
        'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
        '        N - NATed, L - Local, X - No Socket',
        '        # Ent --> Number of NHRP entries with same NBMA peer',
        '',
        line,
        '',
        ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
        ' ----- --------------- --------------- ----- -------- -----',
        '     1 198.51.100.1          10.0.0.1    UP    1d02h     S',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ interface: intf, family: 'ipv4', role, interfacePeers: peers, nbmaAddress: '198.51.100.1' });
  });
});

describe('show dmvpn IPv6 peer blocks', () => {
  it('reads one record per target network of a peer, and IPv6 NBMA addresses in rows', () => {
    const { records, warnings } = parseDmvpn(
      [
        'Interface: Tunnel1, IPv6 NHRP Details',
        'Type:Spoke, Total NBMA Peers (v4/v6): 1',
        '',
        ' 1.Peer NBMA Address: 2001:DB8:0:ABCD::1',
        '   Tunnel IPv6 Address: 2001:DB8:0:FFFF::1',
        '   IPv6 Target Network: FE80::2/128',
        '   # Ent: 2, Status: UP, UpDn Time: 00:01:33, Cache Attrib: S',
        '   IPv6 Target Network: 2001:DB8:0:FFFF::/64',
        '   # Ent: 2, Status: UP, UpDn Time: 00:01:33, Cache Attrib: S',
        'Interface: Tunnel0, IPv4 NHRP Details',
        'Type:Spoke, NHRP Peers:1,',
        '     1 2001:db8:1::1         10.0.0.1    UP    1d02h     S',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toMatchObject([
      {
        interface: 'Tunnel1',
        family: 'ipv6',
        nbmaAddress: '2001:DB8:0:ABCD::1',
        tunnelAddress: '2001:DB8:0:FFFF::1',
        targetNetwork: 'FE80::2/128',
        entries: 2,
        state: 'up',
        upDownSec: 93,
        type: 'static',
      },
      { targetNetwork: '2001:DB8:0:FFFF::/64' },
      { interface: 'Tunnel0', family: 'ipv4', nbmaAddress: '2001:db8:1::1', tunnelAddress: '10.0.0.1', upDownSec: 93600 },
    ]);
  });

  it('warns on an entry line with no peer block above it', () => {
    const { warnings } = parseDmvpn(
      ['Interface: Tunnel1, IPv6 NHRP Details', '   # Ent: 2, Status: UP, UpDn Time: 00:01:33, Cache Attrib: S'].join('\n'),
    );
    expect(warnings.map((w) => w.line)).toEqual([2]);
  });
});

describe('show dmvpn states', () => {
  it.each([
    ['UP', 'up'],
    ['NHRP', 'nhrp'],
    ['IKE', 'ike'],
    ['IPsec', 'ipsec'],
    ['INTF', 'intf'],
  ])('%s', (stateRaw, state) => {
    const { records, warnings } = parseDmvpn(
      [
        'Interface: Tunnel0, IPv4 NHRP Details',
        'Type:Spoke, NHRP Peers:1,',
        `     1 198.51.100.1          10.0.0.1 ${stateRaw.padStart(5)} 00:10:02     S`,
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ state, stateRaw });
  });
});
