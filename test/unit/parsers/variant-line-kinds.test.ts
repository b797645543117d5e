import { describe, expect, it } from 'vitest';
import { parseAs } from '../../../agent/parsers/registry.js';

// Line kinds met in the real output of command variants (issue 18, grammar first): genieparser's
// ShowCryptoIpsecSaInterface / ShowCryptoIpsecSaPeer (Catalyst 9000, IOS-XE 17) and ShowIpNhrpVrf.
describe('show crypto ipsec sa interface NAME: IPv6 SAs and IOS-XE 17 lifetimes', () => {
  const ident = [
    'interface: FiveGigabitEthernet3/0/16',
    '    Crypto map tag: FiveGigabitEthernet3/0/16-OSPF-MAP, local addr FE80::B28B:D0FF:FE8D:BA75',
    '',
    '   IPsecv6 policy name: OSPFv3-2552',
    '',
    '   protected vrf: (none)',
    '   local  ident (addr/mask/prot/port): (FE80::/10/89/0)',
    '   remote ident (addr/mask/prot/port): (::/0/89/0)',
    '   current_peer FF02::5 port 500',
    '     local crypto endpt.: FE80::B28B:D0FF:FE8D:BA75,',
    '     remote crypto endpt.: FF02::5',
    '     plaintext mtu 1470, path mtu 1500, ipv6 mtu 1500, ipv6 mtu idb FiveGigabitEthernet3/0/16',
    '     inbound esp sas:',
    '      spi: 0x9F8(2552)',
  ];

  it('reads the policy line, the endpoints broken after the comma and the ipv6 MTU', () => {
    const { records, warnings } = parseAs('show crypto ipsec sa', ident.join('\n'), 'show crypto ipsec sa interface Fi3/0/16');
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      localEndpoint: 'FE80::B28B:D0FF:FE8D:BA75',
      remoteEndpoint: 'FF02::5',
      plaintextMtu: 1470,
      pathMtu: 1500,
      ipMtu: 1500,
    });
  });

  it.each([
    ['sa timing: remaining key lifetime 4 hours, 2 mins', 4 * 3600 + 2 * 60],
    ['sa timing: remaining key lifetime 1 hour, 10 mins', 3600 + 600],
    ['sa timing: remaining key lifetime 59 mins', 59 * 60],
  ])('reads the time left in words: %s', (line, sec) => {
    const { records, warnings } = parseAs('show crypto ipsec sa', [...ident, `        ${line}`].join('\n'));
    expect(warnings).toEqual([]);
    expect(records[0]!.sas[0]!.remainingLifetimeSec).toBe(sec);
  });

  it('understands `ekey has been disabled` in place of a lifetime', () => {
    const { records, warnings } = parseAs('show crypto ipsec sa', [...ident, '        ekey has been disabled'].join('\n'));
    expect(warnings).toEqual([]);
    expect(records[0]!.sas[0]!.remainingLifetimeSec).toBeUndefined();
  });
});

describe('show crypto ipsec sa ipv6 detailed: SAs whose keys the hardware holds', () => {
  it('keeps an SA printed with `spi: [Not Available]` and no lifetime', () => {
    const text = [
      'interface: Tunnel2002',
      '    Crypto map tag: Tunnel2002-vesen-head-0, local addr 4180::56:0:1',
      '   protected vrf: (none)',
      '   local  ident (addr/mask/prot/port): (4180::56:0:1/128/0/12346)',
      '   remote ident (addr/mask/prot/port): (4180::151:0:1/128/0/12426)',
      '     inbound esp sas:',
      '      spi: [Not Available]',
      '        transform: esp-gcm 256 ,',
      '        sa timing: remaining key lifetime is not applicable',
      '        Kilobyte Volume Rekey has been disabled',
      '        Status: ACTIVE(ACTIVE)',
    ].join('\n');
    const { records, warnings } = parseAs('show crypto ipsec sa detail', text, 'show crypto ipsec sa ipv6 detailed');
    expect(warnings).toEqual([]);
    expect(records[0]!.sas).toEqual([
      expect.objectContaining({ direction: 'inbound', spi: '[Not Available]', transform: 'esp-gcm 256', status: 'active' }),
    ]);
    expect(records[0]!.sas[0]!.remainingLifetimeSec).toBeUndefined();
  });
});

describe('show ip nhrp vrf NAME', () => {
  it("understands the entry's NHRP group", () => {
    const text = [
      '192.240.1.1/32 via 192.240.1.1',
      '   Tunnel11 created 00:00:21, never expire ',
      '   Type: static, Flags: bfd ',
      '   NBMA address: 14.13.1.1',
      '   Group: HUB',
    ].join('\n');
    const { records, warnings } = parseAs('show ip nhrp', text, 'show ip nhrp vrf VRF_CLOUD_11');
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ target: '192.240.1.1/32', nbmaAddress: '14.13.1.1', type: 'static' });
  });
});

// genieparser's IOS-XE `show bgp all neighbors` / `show ip bgp all neighbors` / `show bgp neighbors` captures.
describe('show bgp [AF] neighbors: IOS-XE neighbour lines', () => {
  const block = (...extra: string[]) =>
    [
      'BGP neighbor is 10.10.11.1,  vrf CustA-VPN1,  remote AS 4200000001,  local AS 4200000101 no-prepend replace-as, external link',
      ...extra,
      '  BGP version 4, remote router ID 10.0.0.1',
      '  BGP state = Established, up for 4d22h',
    ].join('\n');

  it('reads the head line with a local AS and its options', () => {
    const { records, warnings } = parseAs('show ip bgp neighbors', block(), 'show bgp all neighbors');
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ neighbor: '10.10.11.1', vrf: 'CustA-VPN1', remoteAs: 4200000001, link: 'external' });
  });

  it.each([
    '  Administratively shut down',
    '  Message statistics, state Established:',
    '  Translates address family IPv4 Unicast for VRF VRF100',
    '  Overrides the neighbor AS with my AS before sending updates',
    '  AO keychain test1 include-tcp-options',
    '        VPNv4 Unicast (was not preserved, VPNv6 Unicast (was not preserved',
  ])('understands %s', (line) => {
    expect(parseAs('show ip bgp neighbors', block(line), 'show bgp vpnv4 unicast vrf VRF200 neighbors').warnings).toEqual([]);
  });

  it('still warns on a comma list that is not all preserved families', () => {
    expect(parseAs('show ip bgp neighbors', block('  VPNv4 Unicast (was not preserved, something else')).warnings).toHaveLength(1);
  });

  // Multisession, allowas-in, EVPN and VPLS peers (genieparser ShowIpBgpNeighbors, IOS-XE 16/17).
  it.each([
    '  BGP multisession with 2 sessions',
    '  Message statistics for 192.168.10.253 active:',
    '  Message statistics for 192.168.10.253 passive:',
    '  session 0 member',
    '  Scheduled for new neighbor index allocation',
    '  My AS number is allowed for 2 number of times',
    '  Prefers VxLAN if VTEP is UP else MPLS ',
    '  Suppress LDP signaling protocol',
    '  BGP diverse-paths computation is enabled',
    '        IPv4 Unicast, VPNv4 Unicast, L2VPN Vpls',
  ])('understands %s', (line) => {
    expect(parseAs('show ip bgp neighbors', block(line)).warnings).toEqual([]);
  });

  it('reads the route map a fall-over is configured with', () => {
    const { records, warnings } = parseAs('show ip bgp neighbors', block(' Fall over configured for session, route-map FALL-OVER-RM'));
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ fallOver: true, fallOverRouteMap: 'FALL-OVER-RM' });
  });

  it("takes a multisession neighbour's session state when no BGP state line is printed", () => {
    const text = [
      'BGP neighbor is 192.168.10.253,  vrf CE1test,  remote AS 65555, external link',
      '  BGP version 4, remote router ID 192.168.10.253',
      '  Session state = Closing',
    ].join('\n');
    const { records, warnings } = parseAs('show ip bgp neighbors', text, 'show ip bgp vpnv4 vrf CE1test neighbors');
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ stateRaw: 'Closing', state: 'unknown' });
    expect(parseAs('show ip bgp neighbors', `${text}\n  BGP state = Established, up for 00:01:02`).records[0]).toMatchObject({
      stateRaw: 'Established',
    });
  });
});

describe('show bgp all: each family in the table layout is read, tagged, and no other', () => {
  it('reads IPv4 unicast untagged, VPNv4 under its route distinguisher, and says once that EVPN is not read', () => {
    const table = (network: string) => [
      'BGP table version is 56, local router ID is 10.64.4.4',
      '     Network          Next Hop            Metric LocPrf Weight Path',
      ` *>   ${network.padEnd(17)}0.0.0.0                  0         32768 ?`,
    ];
    const text = [
      'For address family: IPv4 Unicast',
      ...table('10.4.1.0/24'),
      'For address family: VPNv4 Unicast',
      ...table('10.9.1.0/24').slice(0, 2),
      'Route Distinguisher: 200:1 (default for vrf VRF1)',
      table('10.9.1.0/24')[2]!,
      'For address family: L2VPN E-VPN',
      ...table('10.9.1.0/24').slice(0, 2),
      'Route Distinguisher: 200:1 (default for vrf VRF1)',
      ' *>   [5][200:1][0][24][10.9.1.0]/17',
    ].join('\n');
    const { records, warnings } = parseAs('show ip bgp', text, 'show bgp all');
    expect(records.map((r) => [r.network, r.addressFamily, r.routeDistinguisher, r.vrf])).toEqual([
      ['10.4.1.0/24', undefined, undefined, undefined],
      ['10.9.1.0/24', 'vpnv4 unicast', '200:1', 'VRF1'],
    ]);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ line: 11, reason: 'paths of address family L2VPN E-VPN are not read' });
  });
});
