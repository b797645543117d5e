import { describe, expect, it } from 'vitest';
import { parseDmvpn } from '../../../agent/parsers/routing/dmvpn.js';
import { parseNhrp } from '../../../agent/parsers/routing/nhrp.js';

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-ip-nhrp/ and show-dmvpn/).
describe('show ip nhrp', () => {
  it('reads the older one-line form and incomplete entries', () => {
    const { records, warnings } = parseNhrp(
      [
        '10.0.0.2/32 via 10.0.0.2, Tunnel0 created 00:17:20, expire 01:42:39',
        '  Type: dynamic, Flags: authoritative unique registered used',
        '  NBMA address: 172.17.0.2',
        '10.0.0.3/32',
        '  Tunnel0 created 00:00:03, expire 00:02:56',
        '  Type: incomplete, Flags: negative',
        '  Cache hits: 2',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.target, r.via, r.interface, r.expireSec, r.type, r.flags])).toEqual([
      ['10.0.0.2/32', '10.0.0.2', 'Tunnel0', 6159, 'dynamic', ['authoritative', 'unique', 'registered', 'used']],
      ['10.0.0.3/32', undefined, 'Tunnel0', 176, 'incomplete', ['negative']],
    ]);
  });

  it('warns on what it does not understand and keeps the entries', () => {
    const { records, warnings } = parseNhrp(
      ['Type: dynamic, Flags: router', '10.0.0.2/32 via 10.0.0.2', '   Tunnel0 created yesterday', '   Type: weird, Flags:'].join('\n'),
    );
    expect(records).toHaveLength(1);
    expect(records[0]?.type).toBe('unknown');
    expect(records[0]?.typeRaw).toBe('weird');
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'line outside any entry'],
      [3, 'unrecognised entry detail'],
    ]);
  });
});

describe('show dmvpn', () => {
  it('reads a hub and maps states it has not seen to unknown', () => {
    const { records, warnings } = parseDmvpn(
      [
        'Interface: Tunnel0, IPv4 NHRP Details',
        'Type:Hub, NHRP Peers:1,',
        'Ent Peer NBMA Addr Peer Tunnel Add State UpDn Tm Attrb',
        '----- --------------- --------------- ----- -------- -----',
        ' 1 192.0.2.10           10.0.0.10  WEIRD 00:00:05     D',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ role: 'hub', state: 'unknown', stateRaw: 'WEIRD', type: 'dynamic' });
  });

  it('warns on lines it does not understand and keeps the other peers', () => {
    const { records, warnings } = parseDmvpn(
      [
        '     1 198.51.100.1          10.64.0.1    UP    2w3d     S',
        'Interface: Tunnel100, IPv4 NHRP Details',
        'Type:Spoke, NHRP Peers:2,',
        '     1 198.51.100.1          10.64.0.1    UP    2w3d     S',
        '     this row is broken',
        '     1 198.51.100.2          10.64.0.2  DOWN    1d02h    S',
      ].join('\n'),
    );
    expect(records.map((r) => [r.tunnelAddress, r.state])).toEqual([
      ['10.64.0.1', 'up'],
      ['10.64.0.2', 'down'],
    ]);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [1, 'line outside any tunnel interface'],
      [5, 'unrecognised line'],
    ]);
  });
});
