import { describe, expect, it } from 'vitest';
import { parseBgpSummary } from '../../../agent/parsers/routing/bgp-summary.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-ip-bgp-summary/).
describe('show ip bgp summary', () => {
  it('splits `show bgp all summary` by address family and joins a neighbour wrapped onto two lines', () => {
    const { records, warnings } = parseBgpSummary(
      [
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
      ].join('\n'),
      {},
    );
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
    const { records, warnings } = parseBgpSummary(
      [
        'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
        '10.64.0.1       4        65000    1021     987       57    0    0 14:03:11       10',
        '10.64.0.9       4        65000    lots',
        '2001:DB8::9',
        'BGP is having a bad day',
        '10.65.0.1       4        65000    1021     987       57    0    0 14:03:11 Zombie',
        '10.66.0.1       4        65000    1021     987       57    0    0 14:03:11 constructor',
      ].join('\n'),
      {},
    );
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
  it('reads listen-range neighbours (a star before the address), their legend, counts and ranges', () => {
    const { records, warnings } = parseBgpSummary(
      [
        'BGP router identifier 10.70.0.1, local AS number 65070',
        'BGP table version is 9, main routing table version 9',
        'Neighbor        V           AS MsgRcvd MsgSent   TblVer  InQ OutQ Up/Down  State/PfxRcd',
        '*10.71.0.5      4        65071      40      44        9    0    0 00:12:05        3',
        '10.72.0.1       4        65072       0       0        1    0    0 never    Active',
        '*2001:DB8:71::5',
        '                4        65071      40      44        9    0    0 00:12:05        2',
        '* Dynamically created based on a listen range command',
        'Dynamically created neighbors: 2, Subnet ranges: 2',
        '',
        'BGP peergroup SPOKES listen range group members: ',
        '  10.71.0.0/16 ',
        '  2001:DB8:71::/48',
        '',
        'Total dynamically created neighbors: 2/(100 max), Subnet ranges: 2',
        '10.73.0.0/16',
      ].join('\n'),
      {},
    );
    expect(records.map((r) => [r.neighbor, r.dynamic, r.prefixesReceived])).toEqual([
      ['10.71.0.5', true, 3],
      ['10.72.0.1', undefined, undefined],
      ['2001:db8:71::5', true, 2],
    ]);
    // A range outside its peer group's list is not understood.
    expect(warnings.map((w) => w.line)).toEqual([16]);
  });

  it('reads the dynamic neighbour count with its limit, as older releases print it', () => {
    const { warnings } = parseBgpSummary('Dynamically created neighbors: 1/(200 max), Subnet ranges: 1\n', {});
    expect(warnings).toEqual([]);
  });
});
