import { describe, expect, it } from 'vitest';
import { parseCryptoSession } from '../../../agent/parsers/crypto/crypto-session.js';
import { parseFlowSelector } from '../../../agent/parsers/crypto/flow-selector.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// A spoke with two FlexVPN tunnels: fibre up, LTE still negotiating.
const DETAIL = [
  'spoke1#show crypto session detail',
  'Crypto session current status',
  '',
  'Code: C - IKE Configuration mode, D - Dead Peer Detection     ',
  'K - Keepalives, N - NAT-traversal, T - cTCP encapsulation     ',
  'X - IKE Extended Authentication, F - IKE Fragmentation',
  'R - IKE Auto Reconnect, U - IKE Dynamic Route Update',
  'S - SIP VPN',
  '',
  'Interface: Tu0',
  'Profile: FLEX-IKEV2',
  'Uptime: 1d02h',
  'Session status: UP-ACTIVE     ',
  'Peer: 198.51.100.1 port 4500 fvrf: INET ivrf: (none)',
  '      Phase1_id: hub1.example.net',
  '      Desc: hub1 primary',
  '  Session ID: 7  ',
  '  IKEv2 SA: local 192.0.2.10/4500 remote 198.51.100.1/4500 Active ',
  '          Capabilities:DNU connid:1021 lifetime:22:57:59',
  '  IPSEC FLOW: permit 47 host 192.0.2.10 host 198.51.100.1 ',
  '        Active SAs: 2, origin: crypto map',
  "        Inbound:  #pkts dec'ed 884213 drop 3 life (KB/Sec) 4471231/2489",
  "        Outbound: #pkts enc'ed 1021377 drop 0 life (KB/Sec) KB Vol Rekey Disabled/2489",
  '',
  'Interface: Tunnel1',
  'Session status: DOWN-NEGOTIATING',
  'Peer: 203.0.113.1 port 500 fvrf: LTE ivrf: CORP',
  '      Desc: (none)',
  '      Phase1_id: (none)',
  '  Session ID: 0  ',
  '  IKEv2 SA: local 100.64.12.9/500 remote 203.0.113.1/500 Inactive',
  '          Capabilities:(none) connid:0 lifetime:0',
  '  IPSEC FLOW: permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0',
  '        Active SAs: 0, origin: crypto map',
  '',
  'spoke1#',
].join('\n');

describe('show crypto session detail', () => {
  it('reads sessions with their IKE SAs, flows and counters', () => {
    const { records, warnings } = parseCryptoSession(DETAIL);
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        interface: 'Tunnel0', profile: 'FLEX-IKEV2', uptimeSec: 93600, status: 'up-active', statusRaw: 'UP-ACTIVE',
        peerAddress: '198.51.100.1', peerPort: 4500, fvrf: 'INET', phase1Id: 'hub1.example.net', description: 'hub1 primary',
        ikeSas: [{
          version: 'ikev2', localAddress: '192.0.2.10', localPort: 4500, remoteAddress: '198.51.100.1', remotePort: 4500,
          status: 'active', statusRaw: 'Active', sessionId: 7, capabilities: 'DNU', connId: 1021, lifetimeRemainingSec: 82679,
        }],
        flows: [{
          acl: 'permit 47 host 192.0.2.10 host 198.51.100.1', action: 'permit', protocol: '47',
          localPrefix: '192.0.2.10/32', remotePrefix: '198.51.100.1/32', activeSas: 2, origin: 'crypto map',
          inboundPktsDecrypted: 884213, inboundPktsDropped: 3, inboundLifeKb: 4471231, inboundLifeSec: 2489,
          outboundPktsEncrypted: 1021377, outboundPktsDropped: 0, outboundLifeSec: 2489,
        }],
      },
      {
        interface: 'Tunnel1', status: 'down-negotiating', statusRaw: 'DOWN-NEGOTIATING',
        peerAddress: '203.0.113.1', peerPort: 500, fvrf: 'LTE', ivrf: 'CORP',
        ikeSas: [{
          version: 'ikev2', localAddress: '100.64.12.9', localPort: 500, remoteAddress: '203.0.113.1', remotePort: 500,
          status: 'inactive', statusRaw: 'Inactive', sessionId: 0, connId: 0, lifetimeRemainingSec: 0,
        }],
        flows: [{
          acl: 'permit ip 0.0.0.0/0.0.0.0 0.0.0.0/0.0.0.0', action: 'permit', protocol: 'ip',
          localPrefix: '0.0.0.0/0', remotePrefix: '0.0.0.0/0', activeSas: 0, origin: 'crypto map',
        }],
      },
    ]);
  });
});

describe('show crypto session', () => {
  it('reads remote-access fields, an unversioned IKE SA and a wrapped IPv6 SA', () => {
    const text = [
      'Crypto session current status',
      'Interface: Virtual-Access2',
      'Username: branch7',
      'Profile: RA',
      'Group: spokes',
      'Assigned address: 10.3.3.4',
      'Session status: UP-IDLE',
      'Peer: 2001:DB8:ACAD:1::2 port 500 ',
      '      System IP: 13.13.13.11  Interface: Tu1 ',
      '  IKE SA: local 2001:DB8:ACAD:1::1/500',
      '          remote 2001:DB8:ACAD:1::2/500 Active ',
      '  IPSEC FLOW: permit ipv6 ::/0 ::/0 ',
      '        Active SAs: 2, origin: crypto map',
    ].join('\n');
    const { records, warnings } = parseCryptoSession(text);
    expect(warnings).toEqual([]);
    expect(records).toEqual([{
      interface: 'Virtual-Access2', username: 'branch7', profile: 'RA', group: 'spokes', assignedAddress: '10.3.3.4',
      status: 'up-idle', statusRaw: 'UP-IDLE', peerAddress: '2001:DB8:ACAD:1::2', peerPort: 500, systemIp: '13.13.13.11',
      ikeSas: [{ localAddress: '2001:DB8:ACAD:1::1', localPort: 500, remoteAddress: '2001:DB8:ACAD:1::2', remotePort: 500, status: 'active', statusRaw: 'Active' }],
      flows: [{ acl: 'permit ipv6 ::/0 ::/0', action: 'permit', protocol: 'ipv6', localPrefix: '::/0', remotePrefix: '::/0', activeSas: 2, origin: 'crypto map' }],
    }]);
  });

  it('gives each peer of one interface its own record, sharing the session lines', () => {
    const text = [
      'Interface: GigabitEthernet0/0/0',
      'Profile: CMAP',
      'Session status: UP-NO-IKE',
      'Peer: 10.0.0.1 port 500',
      '  IKEv1 SA: local 10.0.0.9/500 remote 10.0.0.1/500 Active',
      'Peer: 10.0.0.2 port 500',
      '  IKEv1 SA: local 10.0.0.9/500 remote 10.0.0.2/500 Active',
    ].join('\n');
    const { records, warnings } = parseCryptoSession(text);
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.interface, r.profile, r.status, r.peerAddress, r.ikeSas.length])).toEqual([
      ['GigabitEthernet0/0/0', 'CMAP', 'up-no-ike', '10.0.0.1', 1],
      ['GigabitEthernet0/0/0', 'CMAP', 'up-no-ike', '10.0.0.2', 1],
    ]);
  });

  it('maps unseen session and SA states to unknown and keeps the raw text', () => {
    const { records } = parseCryptoSession('Interface: Tunnel5\nSession status: UP-STANDBY\nPeer: 10.0.0.1 port 500\n  IKEv2 SA: local 10.0.0.9/500 remote 10.0.0.1/500 Deleting\n');
    expect(records[0]).toMatchObject({ status: 'unknown', statusRaw: 'UP-STANDBY' });
    expect(records[0]?.ikeSas[0]).toMatchObject({ status: 'unknown', statusRaw: 'Deleting' });
    expect(parseCryptoSession('Interface: Tunnel5\nSession status: DOWN\n').records[0]?.status).toBe('down');
  });

  it('warns with the line number on garbage and keeps the rest', () => {
    const text = [
      'Tunnel7 is up',
      'Interface: Tunnel0',
      'Session status: UP-ACTIVE',
      'Frobnicate: yes',
      'Peer: 10.0.0.1 port 500',
      '  IKEv2 SA: local 10.0.0.9/500',
      '  IPSEC FLOW: permit ip whatever',
      '        Active SAs: 2, origin: crypto map',
    ].join('\n');
    const { records, warnings } = parseCryptoSession(text);
    expect(warnings.map((w) => w.line)).toEqual([1, 4, 6, 7]);
    expect(records[0]).toMatchObject({ interface: 'Tunnel0', status: 'up-active', peerAddress: '10.0.0.1' });
    expect(records[0]?.flows[0]).toMatchObject({ acl: 'permit ip whatever', activeSas: 2 });
  });

  it('resolves the filtered forms of the command to the same parsers', () => {
    expect(resolveCommand('show crypto session remote 198.51.100.1 detail')).toMatchObject({ spec: { id: 'show crypto session detail' }, args: { remote: '198.51.100.1' } });
    expect(resolveCommand('show crypto session interface Tunnel0')?.spec.id).toBe('show crypto session');
  });
});

describe('IPSEC FLOW selectors', () => {
  it('reads ports, any, and rejects what it does not know', () => {
    expect(parseFlowSelector('permit 17 host 10.0.0.1 port 500 host 10.0.0.2 port 4500')).toEqual({
      action: 'permit', protocol: '17', localPrefix: '10.0.0.1/32', remotePrefix: '10.0.0.2/32', localPort: 500, remotePort: 4500,
    });
    expect(parseFlowSelector('permit ip any 10.1.0.0/16')).toMatchObject({ localPrefix: '0.0.0.0/0', remotePrefix: '10.1.0.0/16' });
    expect(parseFlowSelector('permit ip 10.0.0.0/255.0.255.0 any')).toBeUndefined();
    expect(parseFlowSelector('permit ip any any trailing')).toBeUndefined();
  });
});
