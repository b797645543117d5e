import { describe, expect, it } from 'vitest';
import { parseBgpSummary } from '../../../agent/parsers/routing/bgp-summary.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

const SPOKE = [
  'spoke1#show ip bgp summary',
  'BGP router identifier 10.64.0.2, local AS number 65102',
  'BGP table version is 57, main routing table version 57',
  '12 network entries using 2976 bytes of memory',
  '20 path entries using 2720 bytes of memory',
  '4/3 BGP path/bestpath attribute entries using 1184 bytes of memory',
  '1 BGP AS-PATH entries using 24 bytes of memory',
  '0 BGP route-map cache entries using 0 bytes of memory',
  '0 BGP filter-list cache entries using 0 bytes of memory',
  'BGP using 6904 total bytes of memory',
  'BGP activity 14/2 prefixes, 24/4 paths, scan interval 60 secs',
  '12 networks peaked at 09:18:03 Dec 8 2024 UTC (03:09:01.606 ago)',
  '',
  'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
  '10.64.0.1       4        65000    1021     987       57    0    0 14:03:11       10',
  '10.65.0.1       4        65000       0       0        1    0    0 never    Active',
  '10.66.0.1       4   64512.100    2000    2100       57    0    0 1d02h    Idle (Admin)',
  'spoke1#',
].join('\n');

describe('show ip bgp summary', () => {
  it('reads one record per neighbour, carrying router id, local AS and table versions', () => {
    const { records, warnings } = parseBgpSummary(SPOKE, {});
    expect(warnings).toEqual([]);
    const common = { addressFamily: 'ipv4 unicast', routerId: '10.64.0.2', localAs: 65102, tableVersion: 57, mainTableVersion: 57, version: 4 };
    expect(records).toEqual([
      {
        ...common, neighbor: '10.64.0.1', remoteAs: 65000, msgRcvd: 1021, msgSent: 987, tblVer: 57, inQ: 0, outQ: 0,
        upDownSec: 14 * 3600 + 3 * 60 + 11, state: 'established', stateRaw: '10', prefixesReceived: 10,
      },
      {
        ...common, neighbor: '10.65.0.1', remoteAs: 65000, msgRcvd: 0, msgSent: 0, tblVer: 1, inQ: 0, outQ: 0,
        state: 'active', stateRaw: 'Active',
      },
      {
        ...common, neighbor: '10.66.0.1', remoteAs: '64512.100', msgRcvd: 2000, msgSent: 2100, tblVer: 57, inQ: 0, outQ: 0,
        upDownSec: 93600, state: 'idle-admin', stateRaw: 'Idle (Admin)',
      },
    ]);
  });

  it('splits `show bgp all summary` by address family and joins a neighbour wrapped onto two lines', () => {
    const { records, warnings } = parseBgpSummary([
      'For address family: IPv4 Unicast',
      'BGP router identifier 192.0.2.1, local AS number 304.304',
      'BGP table version is 28, main routing table version 28',
      '',
      'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
      '10.64.0.1       4        65000      82      88       28    0    0 01:12:00       10',
      '',
      'For address family: IPv6 Unicast',
      'BGP router identifier 192.0.2.1, local AS number 304.304',
      'BGP table version is 3, main routing table version 3',
      'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
      '2001:DB8:20:4:6::6',
      '                4          400      67      73       66    0    0 01:03:11 OpenSent',
      '',
      'For address family: IPv4 Flowspec',
    ].join('\n'), {});
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.addressFamily, r.localAs, r.tableVersion, r.neighbor, r.state])).toEqual([
      ['ipv4 unicast', '304.304', 28, '10.64.0.1', 'established'],
      ['ipv6 unicast', '304.304', 3, '2001:db8:20:4:6::6', 'opensent'],
    ]);
  });

  it('takes family, vrf and rd from the command when the output does not name them', () => {
    const line = 'Neighbor V AS MsgRcvd MsgSent TblVer InQ OutQ Up/Down State/PfxRcd\n10.0.0.1 4 65000 1 1 1 0 0 never Idle\n';
    const cases = [
      ['show bgp vpnv4 unicast vrf CUST summary', { addressFamily: 'vpnv4 unicast', vrf: 'CUST' }],
      ['show bgp vpnv4 unicast rd 5918:51 summary', { addressFamily: 'vpnv4 unicast', rd: '5918:51' }],
      ['show ip bgp vpnv4 vrf L3VPN-1151 summary', { addressFamily: 'vpnv4 unicast', vrf: 'L3VPN-1151' }],
      ['show bgp ipv6 unicast summary', { addressFamily: 'ipv6 unicast' }],
      ['show bgp vrf VRF1 all summary', { addressFamily: 'ipv4 unicast', vrf: 'VRF1' }],
    ] as const;
    for (const [command, expected] of cases) {
      const resolved = resolveCommand(command);
      expect(resolved?.spec.id, command).toBe('show ip bgp summary');
      const { records, warnings } = resolved!.spec.parse(line, resolved!.args);
      expect(warnings).toEqual([]);
      expect(records[0], command).toMatchObject({ ...expected, state: 'idle', stateRaw: 'Idle' });
      expect(records[0]).not.toHaveProperty('upDownSec');
    }
  });

  it('warns on lines it does not understand and keeps the other neighbours', () => {
    const { records, warnings } = parseBgpSummary([
      'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
      '10.64.0.1       4        65000    1021     987       57    0    0 14:03:11       10',
      '10.64.0.9       4        65000    lots',
      '2001:DB8::9',
      'BGP is having a bad day',
      '10.65.0.1       4        65000    1021     987       57    0    0 14:03:11 Zombie',
      '10.66.0.1       4        65000    1021     987       57    0    0 14:03:11 constructor',
    ].join('\n'), {});
    expect(records.map((r) => [r.neighbor, r.state, r.stateRaw])).toEqual([
      ['10.64.0.1', 'established', '10'],
      ['10.65.0.1', 'unknown', 'Zombie'],
      ['10.66.0.1', 'unknown', 'constructor'],
    ]);
    expect(warnings.map((w) => [w.line, w.reason])).toEqual([
      [3, 'unrecognised line'],
      [4, 'neighbour address without its row'],
      [5, 'unrecognised line'],
    ]);
  });
});
