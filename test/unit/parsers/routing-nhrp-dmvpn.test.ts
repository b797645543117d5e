import { describe, expect, it } from 'vitest';
import { parseDmvpn } from '../../../agent/parsers/routing/dmvpn.js';
import { parseNhrp } from '../../../agent/parsers/routing/nhrp.js';

describe('show ip nhrp', () => {
  it('reads IOS-XE entries: static hub, dynamic spoke with a route, no-socket and NAT details', () => {
    const { records, warnings } = parseNhrp([
      'spoke1#show ip nhrp',
      '10.64.0.1/32 via 10.64.0.1',
      '   Tunnel100 created 2w3d, never expire ',
      '   Type: static, Flags: used ',
      '   NBMA address: 198.51.100.1 ',
      '10.64.0.7/32 via 10.64.0.7',
      '   Tunnel100 created 00:00:32, expire 00:02:27',
      '   Type: dynamic, Flags: router nhop rib',
      '   NBMA address: 203.0.113.7',
      '    (Claimed NBMA address: 192.168.1.7)',
      '    (no-socket)',
      '192.168.7.0/24 via 10.64.0.7',
      '   Tunnel100 created 00:00:32, expire 00:02:27',
      '   Type: dynamic, Flags: router rib',
      '   NBMA address: 203.0.113.7',
      'spoke1#',
    ].join('\n'));
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        target: '10.64.0.1/32', via: '10.64.0.1', interface: 'Tunnel100', createdSec: 17 * 86400,
        type: 'static', typeRaw: 'static', flags: ['used'], nbmaAddress: '198.51.100.1',
      },
      {
        target: '10.64.0.7/32', via: '10.64.0.7', interface: 'Tunnel100', createdSec: 32, expireSec: 147,
        type: 'dynamic', typeRaw: 'dynamic', flags: ['router', 'nhop', 'rib'], nbmaAddress: '203.0.113.7',
        claimedNbmaAddress: '192.168.1.7', noSocket: true,
      },
      {
        target: '192.168.7.0/24', via: '10.64.0.7', interface: 'Tunnel100', createdSec: 32, expireSec: 147,
        type: 'dynamic', typeRaw: 'dynamic', flags: ['router', 'rib'], nbmaAddress: '203.0.113.7',
      },
    ]);
  });

  it('reads the older one-line form and incomplete entries', () => {
    const { records, warnings } = parseNhrp([
      '10.0.0.2/32 via 10.0.0.2, Tunnel0 created 00:17:20, expire 01:42:39',
      '  Type: dynamic, Flags: authoritative unique registered used',
      '  NBMA address: 172.17.0.2',
      '10.0.0.3/32',
      '  Tunnel0 created 00:00:03, expire 00:02:56',
      '  Type: incomplete, Flags: negative',
      '  Cache hits: 2',
    ].join('\n'));
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.target, r.via, r.interface, r.expireSec, r.type, r.flags])).toEqual([
      ['10.0.0.2/32', '10.0.0.2', 'Tunnel0', 6159, 'dynamic', ['authoritative', 'unique', 'registered', 'used']],
      ['10.0.0.3/32', undefined, 'Tunnel0', 176, 'incomplete', ['negative']],
    ]);
  });

  it('warns on what it does not understand and keeps the entries', () => {
    const { records, warnings } = parseNhrp([
      'Type: dynamic, Flags: router',
      '10.0.0.2/32 via 10.0.0.2',
      '   Tunnel0 created yesterday',
      '   Type: weird, Flags:',
    ].join('\n'));
    expect(records).toHaveLength(1);
    expect(records[0]?.type).toBe('unknown');
    expect(records[0]?.typeRaw).toBe('weird');
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'line outside any entry'],
      [3, 'unrecognised entry detail'],
    ]);
  });
});

const LEGEND = [
  'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
  '        N - NATed, L - Local, X - No Socket',
  '        T1 - Route Installed, T2 - Nexthop-override',
  '        C - CTS Capable',
  '        # Ent --> Number of NHRP entries with same NBMA peer',
  '        NHS Status: E --> Expecting Replies, R --> Responding, W --> Waiting',
  '        UpDn Time --> Up or Down Time for a Tunnel',
  '==========================================================================',
  '',
];

describe('show dmvpn', () => {
  it('reads peer rows per tunnel, with continuation rows and decoded attributes', () => {
    const { records, warnings } = parseDmvpn([
      'spoke1#show dmvpn',
      ...LEGEND,
      'Interface: Tunnel100, IPv4 NHRP Details ',
      'Type:Spoke, NHRP Peers:2, ',
      '',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
      '     1 198.51.100.1          10.64.0.1    UP    2w3d     S',
      '     2 203.0.113.7           10.64.0.7    UP 00:29:40   DT1',
      '                             10.64.0.7    UP 00:29:40   DT2',
      '',
      'Interface: Tunnel200, IPv4 NHRP Details ',
      'Type:Spoke, NHRP Peers:1, ',
      '',
      ' # Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb',
      ' ----- --------------- --------------- ----- -------- -----',
      '     1 UNKNOWN               10.65.0.1  NHRP    never    IX',
    ].join('\n'));
    expect(warnings).toEqual([]);
    const tunnel100 = { interface: 'Tunnel100', family: 'ipv4', role: 'spoke', roleRaw: 'Spoke', interfacePeers: 2 };
    expect(records).toEqual([
      {
        ...tunnel100, entries: 1, nbmaAddress: '198.51.100.1', tunnelAddress: '10.64.0.1', state: 'up', stateRaw: 'UP',
        upDownSec: 17 * 86400, type: 'static', attributes: ['static'], attributesRaw: 'S',
      },
      {
        ...tunnel100, entries: 2, nbmaAddress: '203.0.113.7', tunnelAddress: '10.64.0.7', state: 'up', stateRaw: 'UP',
        upDownSec: 1780, type: 'dynamic', attributes: ['dynamic', 'route-installed'], attributesRaw: 'DT1',
      },
      {
        ...tunnel100, entries: 2, nbmaAddress: '203.0.113.7', tunnelAddress: '10.64.0.7', state: 'up', stateRaw: 'UP',
        upDownSec: 1780, type: 'dynamic', attributes: ['dynamic', 'nexthop-override'], attributesRaw: 'DT2',
      },
      {
        interface: 'Tunnel200', family: 'ipv4', role: 'spoke', roleRaw: 'Spoke', interfacePeers: 1, entries: 1,
        tunnelAddress: '10.65.0.1', state: 'nhrp', stateRaw: 'NHRP', attributes: ['incomplete', 'no-socket'], attributesRaw: 'IX',
      },
    ]);
  });

  it('reads a hub and maps states it has not seen to unknown', () => {
    const { records, warnings } = parseDmvpn([
      'Interface: Tunnel0, IPv4 NHRP Details',
      'Type:Hub, NHRP Peers:1,',
      'Ent Peer NBMA Addr Peer Tunnel Add State UpDn Tm Attrb',
      '----- --------------- --------------- ----- -------- -----',
      ' 1 192.0.2.10           10.0.0.10  WEIRD 00:00:05     D',
    ].join('\n'));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ role: 'hub', state: 'unknown', stateRaw: 'WEIRD', type: 'dynamic' });
  });

  it('warns on lines it does not understand and keeps the other peers', () => {
    const { records, warnings } = parseDmvpn([
      '     1 198.51.100.1          10.64.0.1    UP    2w3d     S',
      'Interface: Tunnel100, IPv4 NHRP Details',
      'Type:Spoke, NHRP Peers:2,',
      '     1 198.51.100.1          10.64.0.1    UP    2w3d     S',
      '     this row is broken',
      '     1 198.51.100.2          10.64.0.2  DOWN    1d02h    S',
    ].join('\n'));
    expect(records.map((r) => [r.tunnelAddress, r.state])).toEqual([['10.64.0.1', 'up'], ['10.64.0.2', 'down']]);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'line outside any tunnel interface'],
      [5, 'unrecognised line'],
    ]);
  });
});
