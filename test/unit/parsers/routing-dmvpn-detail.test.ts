import { describe, expect, it } from 'vitest';
import { explainParse } from '../../../agent/parsers/explain.js';
import { parseCommandOutput, resolveCommand } from '../../../agent/parsers/registry.js';
import type { DmvpnPeer } from '../../../proto/records/routing.js';

/**
 * `show dmvpn detail`, line kind by line kind (Cisco IOS Dynamic Multipoint VPN Command
 * Reference, `show dmvpn`; layouts as IOS 15.x and IOS-XE 16.x/17.x print them, values invented).
 */
const parse = (lines: string[]) => {
  const { records, warnings } = parseCommandOutput('show dmvpn detail', lines.join('\n'));
  return { records: records as DmvpnPeer[], warnings };
};

const HUB_BLOCK = [
  'Interface Tunnel100 is up/up, Addr. is 10.255.0.1, VRF "CORP"',
  '   Tunnel Src./Dest. addr: 192.0.2.1/MGRE, Tunnel VRF "INET"',
  '   Protocol/Transport: "multi-GRE/IP", Protect ""',
  '   Interface State Control: Enabled',
  '   nhrp event-publisher : Disabled',
  'Type:Hub, Total NBMA Peers (v4/v6): 1',
  '',
  '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
  '----- --------------- --------------- ----- -------- ----- -----------------',
  '    1 198.51.100.7        10.255.0.7    UP 00:08:57     D     10.255.0.7/32',
];

describe('show dmvpn detail: the interface block', () => {
  it('resolves to the show dmvpn parser', () => {
    expect(resolveCommand('show dmvpn detail')?.spec.id).toBe('show dmvpn');
    expect(resolveCommand('show dmvpn interface Tunnel100 detail')?.args.detail).toBe('detail');
  });

  it('reads state, address, VRFs, source, transport and protection; empty quotes are absent', () => {
    const { records, warnings } = parse(HUB_BLOCK);
    expect(warnings).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      interface: 'Tunnel100',
      family: 'ipv4',
      role: 'hub',
      interfacePeers: 1,
      nbmaAddress: '198.51.100.7',
      tunnelAddress: '10.255.0.7',
      targetNetwork: '10.255.0.7/32',
      type: 'dynamic',
    });
    expect(records[0]!.tunnel).toEqual({
      stateRaw: 'up/up',
      address: '10.255.0.1',
      vrf: 'CORP',
      source: '192.0.2.1',
      destination: 'MGRE',
      tunnelVrf: 'INET',
      transport: 'multi-GRE/IP',
      stateControl: 'Enabled',
      eventPublisher: 'Disabled',
    });
  });

  it('reads next-hop servers listed under `IPv4 NHS:` and on the same line, with their status letters', () => {
    const { records, warnings } = parse([
      'Interface Tunnel1 is up/down, Addr. is 10.1.0.9, VRF ""',
      '   Tunnel Src./Dest. addr: 203.0.113.9/MGRE, Tunnel VRF ""',
      '   Protocol/Transport: "multi-GRE/IP", Protect "DMVPN-PROFILE"',
      'IPv4 NHS:',
      '10.1.0.1  RE priority = 0 cluster = 0',
      '10.1.0.2  W priority = 1 cluster = 2',
      'IPv6 NHS: 2001:DB8:1::1 E',
      'Type:Spoke, Total NBMA Peers (v4/v6): 1',
      '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
      '----- --------------- --------------- ----- -------- ----- -----------------',
      '    1 198.51.100.1           10.1.0.1  NHRP    never     S       10.1.0.1/32',
    ]);
    expect(warnings).toEqual([]);
    expect(records[0]!.tunnel).toMatchObject({ stateRaw: 'up/down', protection: 'DMVPN-PROFILE' });
    expect(records[0]!.tunnel?.vrf).toBeUndefined();
    expect(records[0]!.tunnel?.nhs).toEqual([
      {
        family: 'ipv4',
        address: '10.1.0.1',
        statusRaw: 'RE',
        expectingReplies: true,
        responding: true,
        waiting: false,
        priority: 0,
        cluster: 0,
      },
      {
        family: 'ipv4',
        address: '10.1.0.2',
        statusRaw: 'W',
        expectingReplies: false,
        responding: false,
        waiting: true,
        priority: 1,
        cluster: 2,
      },
      { family: 'ipv6', address: '2001:DB8:1::1', statusRaw: 'E', expectingReplies: true, responding: false, waiting: false },
    ]);
  });
});

describe('show dmvpn detail: spellings of other releases', () => {
  it("reads the NHS's NBMA address (IOS-XE 17.x), an NHS list after the Type line and a Protect line ending in a comma", () => {
    const { records, warnings } = parse([
      'Interface Tunnel10 is up/up, Addr. is 10.9.0.2, VRF ""',
      '   Tunnel Src./Dest. addr: 192.0.2.2/MGRE, Tunnel VRF ""',
      '   Protocol/Transport: "multi-GRE/IP", Protect "VPN",',
      'Type:Spoke, Total NBMA Peers (v4/v6): 1',
      'IPv4 NHS:',
      '10.9.0.1  RE  NBMA Address: 198.51.100.9 priority = 0 cluster = 0',
      '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
      '----- --------------- --------------- ----- -------- ----- -----------------',
      '    1 198.51.100.9           10.9.0.1    UP 02:03:49     S        10.9.0.1/32',
    ]);
    expect(warnings).toEqual([]);
    expect(records[0]!.tunnel).toMatchObject({ protection: 'VPN' });
    expect(records[0]!.tunnel?.nhs).toEqual([
      {
        family: 'ipv4',
        address: '10.9.0.1',
        statusRaw: 'RE',
        expectingReplies: true,
        responding: true,
        waiting: false,
        nbmaAddress: '198.51.100.9',
        priority: 0,
        cluster: 0,
      },
    ]);
  });
});

describe('show dmvpn detail over IPv6', () => {
  it('takes the family from the interface address and reads the IPv6 NHS and peer blocks', () => {
    const { records, warnings } = parse([
      'Interface Tunnel1 is up/up, Addr. is 2001:DB8:0:FFFF::2, VRF ""',
      '   Tunnel Src./Dest. addr: 2001:DB8:0:ABCD::2/MGRE, Tunnel VRF ""',
      '   Protocol/Transport: "multi-GRE/IPv6", Protect "V6-PROFILE"',
      'IPv6 NHS: 2001:DB8:0:FFFF::1 RE',
      'Type:Spoke, Total NBMA Peers (v4/v6): 1',
      '',
      ' 1.Peer NBMA Address: 2001:DB8:0:ABCD::1',
      '   Tunnel IPv6 Address: 2001:DB8:0:FFFF::1',
      '   IPv6 Target Network: 2001:DB8:0:FFFF::1/128',
      '   # Ent: 1, Status: UP, UpDn Time: 00:01:33, Cache Attrib: S',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toMatchObject([
      {
        interface: 'Tunnel1',
        family: 'ipv6',
        nbmaAddress: '2001:DB8:0:ABCD::1',
        tunnelAddress: '2001:DB8:0:FFFF::1',
        targetNetwork: '2001:DB8:0:FFFF::1/128',
        tunnel: {
          source: '2001:DB8:0:ABCD::2',
          transport: 'multi-GRE/IPv6',
          nhs: [{ family: 'ipv6', address: '2001:DB8:0:FFFF::1', statusRaw: 'RE' }],
        },
      },
    ]);
  });
});

describe('show dmvpn detail: IPv6 NHRP on a tunnel with an IPv4 address', () => {
  it('records the IPv6 peer blocks as IPv6 whatever the interface address', () => {
    const { records, warnings } = parse([
      'Interface Tunnel2 is up/up, Addr. is 10.20.0.2, VRF ""',
      '   Tunnel Src./Dest. addr: 192.0.2.20/MGRE, Tunnel VRF ""',
      '   Protocol/Transport: "multi-GRE/IP", Protect ""',
      'Type:Spoke, Total NBMA Peers (v4/v6): 1',
      ' 1.Peer NBMA Address: 192.0.2.1',
      '   Tunnel IPv6 Address: 2001:DB8:20::1',
      '   IPv6 Target Network: 2001:DB8:20::1/128',
      '   # Ent: 1, Status: NHRP, UpDn Time: never, Cache Attrib: S',
    ]);
    expect(warnings).toEqual([]);
    expect(records).toMatchObject([{ family: 'ipv6', nbmaAddress: '192.0.2.1', tunnelAddress: '2001:DB8:20::1', state: 'nhrp' }]);
  });
});

describe('show dmvpn detail: peer rows with a Target Network', () => {
  it('reads rows, continuation rows with and without the NBMA address, and the I2 (temporary) attribute', () => {
    const { records, warnings } = parse([
      'Legend: Attrb --> S - Static, D - Dynamic, I - Incomplete',
      '        C - CTS Capable, I2 - Temporary',
      'Interface Tunnel0 is up/up, Addr. is 172.20.0.4, VRF ""',
      'Type:Spoke, Total NBMA Peers (v4/v6): 2',
      '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
      '----- --------------- --------------- ----- -------- ----- -----------------',
      '    2 198.51.100.1         172.20.0.1    UP 00:13:38     S     172.20.0.1/32',
      '      198.51.100.1         172.20.0.4    UP 00:00:06    I2     172.20.0.4/32',
      '    2 198.51.100.2         172.20.0.2    UP 00:00:17   DT1     172.20.0.2/32',
      '                           172.20.0.2    UP 00:00:17   DT1   192.168.2.0/24',
    ]);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.entries, r.nbmaAddress, r.tunnelAddress, r.attributes, r.targetNetwork])).toEqual([
      [2, '198.51.100.1', '172.20.0.1', ['static'], '172.20.0.1/32'],
      [2, '198.51.100.1', '172.20.0.4', ['temporary'], '172.20.0.4/32'],
      [2, '198.51.100.2', '172.20.0.2', ['dynamic', 'route-installed'], '172.20.0.2/32'],
      [2, '198.51.100.2', '172.20.0.2', ['dynamic', 'route-installed'], '192.168.2.0/24'],
    ]);
  });
});

describe('show dmvpn detail: crypto session details', () => {
  const table = [
    'Interface Tunnel0 is up/up, Addr. is 172.20.0.4, VRF ""',
    'Type:Spoke, Total NBMA Peers (v4/v6): 3',
    '# Ent  Peer NBMA Addr Peer Tunnel Add State  UpDn Tm Attrb    Target Network',
    '----- --------------- --------------- ----- -------- ----- -----------------',
    '    1 198.51.100.1         172.20.0.1    UP 00:13:38     S     172.20.0.1/32',
    '    1 198.51.100.2         172.20.0.2   IKE 00:00:17     D     172.20.0.2/32',
    '    1 198.51.100.3         172.20.0.3    UP 00:00:09     D     172.20.0.3/32',
    '',
    'Crypto Session Details:',
    '--------------------------------------------------------------------------------',
    '',
  ];

  it('gives each session to the peer whose NBMA address is its remote end, IKE SA and flow lines included', () => {
    const { records, warnings } = parse([
      ...table,
      'Interface: Tunnel0',
      'Session: [0x11708818]',
      '  Session ID: 2',
      '  IKEv2 SA: local 203.0.113.4/500 remote 198.51.100.1/500 Active',
      '          Capabilities:(none) connid:2 lifetime:23:59:12',
      '  Crypto Session Status: UP-ACTIVE',
      '  fvrf: (none), Phase1_id: 198.51.100.1',
      '  IPSEC FLOW: permit 47 host 203.0.113.4 host 198.51.100.1',
      '        Active SAs: 2, origin: crypto map',
      "        Inbound:  #pkts dec'ed 47 drop 0 life (KB/Sec) 4310556/3551",
      "        Outbound: #pkts enc'ed 45 drop 1 life (KB/Sec) 4310557/3551",
      '   Outbound SPI : 0x 623029E, transform : esp-aes esp-sha-hmac',
      '    Socket State: Open',
      '',
      // No IKE SA (`UP-NO-IKE`): the flow shares the fvrf line.
      'Interface: Tunnel0',
      'Session: [0xC21A4970]',
      '  Crypto Session Status: UP-NO-IKE',
      '  fvrf: INET,   IPSEC FLOW: permit 47 host 203.0.113.4 host 198.51.100.3',
      '        Active SAs: 2, origin: crypto map',
      '   Outbound SPI : 0xBEB18ED0, transform : esp-des',
      '    Socket State: Open',
      '',
      'Pending DMVPN Sessions:',
      '',
      'Interface: Tunnel0',
      'IKEv2 SA: local 203.0.113.4/500 remote 198.51.100.2/500 Inactive',
      ' Crypto Session Status: DOWN-NEGOTIATING',
      ' fvrf: (none), Phase1_id: 198.51.100.2',
      ' Socket State: Closed',
    ]);
    expect(warnings).toEqual([]);
    expect(records[0]!.crypto).toEqual({
      handle: '0x11708818',
      status: 'up-active',
      statusRaw: 'UP-ACTIVE',
      phase1Id: '198.51.100.1',
      ikeSas: [
        {
          version: 'ikev2',
          localAddress: '203.0.113.4',
          localPort: 500,
          remoteAddress: '198.51.100.1',
          remotePort: 500,
          status: 'active',
          statusRaw: 'Active',
          sessionId: 2,
          connId: 2,
          lifetimeRemainingSec: 86352,
        },
      ],
      flows: [
        {
          acl: 'permit 47 host 203.0.113.4 host 198.51.100.1',
          action: 'permit',
          protocol: '47',
          localPrefix: '203.0.113.4/32',
          remotePrefix: '198.51.100.1/32',
          activeSas: 2,
          origin: 'crypto map',
          inboundPktsDecrypted: 47,
          inboundPktsDropped: 0,
          inboundLifeKb: 4310556,
          inboundLifeSec: 3551,
          outboundPktsEncrypted: 45,
          outboundPktsDropped: 1,
          outboundLifeKb: 4310557,
          outboundLifeSec: 3551,
        },
      ],
      outboundSpi: '0x623029E',
      transform: 'esp-aes esp-sha-hmac',
      socketState: 'Open',
    });
    // A pending session is read, not given to the peer that is still negotiating.
    expect(records[1]!.crypto).toBeUndefined();
    expect(records[2]!.crypto).toMatchObject({
      status: 'up-no-ike',
      fvrf: 'INET',
      ikeSas: [],
      outboundSpi: '0xBEB18ED0',
      transform: 'esp-des',
    });
    expect(records[2]!.crypto?.flows[0]).toMatchObject({ remotePrefix: '198.51.100.3/32', activeSas: 2 });
  });

  it('a session block without a `Session:` line (older releases) is still one session', () => {
    const { records, warnings } = parse([
      ...table,
      'Interface: Tunnel0',
      'IKE SA: local 203.0.113.4/500 remote 198.51.100.1/500 Active',
      '  Crypto Session Status: UP-ACTIVE',
      '  fvrf: (none), Phase1_id: 198.51.100.1',
    ]);
    expect(warnings).toEqual([]);
    expect(records[0]!.crypto).toMatchObject({ status: 'up-active', ikeSas: [{ statusRaw: 'Active' }] });
    expect(records[0]!.crypto?.ikeSas[0]?.version).toBeUndefined();
  });

  it('warns about a line of the crypto section no rule reads', () => {
    const { warnings } = parse([...table, 'Interface: Tunnel0', 'Session: [0x1]', '  Something new: 42']);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toMatchObject({ text: 'Something new: 42', reason: 'unrecognised line of the crypto session details' });
  });
});

describe('show dmvpn detail under --explain', () => {
  it('shows the crypto section setting fields of the peers above it', () => {
    const text = [
      'Interface Tunnel0 is up/up, Addr. is 172.20.0.4, VRF ""',
      'Type:Spoke, Total NBMA Peers (v4/v6): 2',
      '    1 198.51.100.1         172.20.0.1    UP 00:13:38     S     172.20.0.1/32',
      '    1 198.51.100.2         172.20.0.2    UP 00:13:38     D     172.20.0.2/32',
      'Crypto Session Details:',
      'Interface: Tunnel0',
      'Session: [0x1A]',
      '  IKEv2 SA: local 203.0.113.4/500 remote 198.51.100.1/500 Active',
      '  Crypto Session Status: UP-ACTIVE',
    ].join('\n');
    const resolved = resolveCommand('show dmvpn detail')!;
    const lines = explainParse(resolved.spec, resolved.args, text).lines;
    expect(lines[7]).toMatchObject({ kind: 'record' });
    expect(lines[7]!.effect).toContain('record 1: crypto.');
    expect(lines[8]!.effect).toContain('crypto.statusRaw=UP-ACTIVE');
  });
});
