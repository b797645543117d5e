import { describe, expect, it } from 'vitest';
import { parseCryptoSession } from '../../../agent/parsers/crypto/crypto-session.js';
import { parseFlowSelector } from '../../../agent/parsers/crypto/flow-selector.js';
import { resolveCommand } from '../../../agent/parsers/registry.js';

// Two tunnels with flows and counters, and a remote-access session: parser cases
// show-crypto-session-detail/ and show-crypto-session/ (test/unit/parsers/cases).
describe('show crypto session', () => {
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
    const { records } = parseCryptoSession(
      'Interface: Tunnel5\nSession status: UP-STANDBY\nPeer: 10.0.0.1 port 500\n  IKEv2 SA: local 10.0.0.9/500 remote 10.0.0.1/500 Deleting\n',
    );
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
    expect(resolveCommand('show crypto session remote 198.51.100.1 detail')).toMatchObject({
      spec: { id: 'show crypto session detail' },
      args: { remote: '198.51.100.1' },
    });
    expect(resolveCommand('show crypto session interface Tunnel0')?.spec.id).toBe('show crypto session');
  });
});

describe('IPSEC FLOW selectors', () => {
  it('reads ports, any, and rejects what it does not know', () => {
    expect(parseFlowSelector('permit 17 host 10.0.0.1 port 500 host 10.0.0.2 port 4500')).toEqual({
      action: 'permit',
      protocol: '17',
      localPrefix: '10.0.0.1/32',
      remotePrefix: '10.0.0.2/32',
      localPort: 500,
      remotePort: 4500,
    });
    expect(parseFlowSelector('permit ip any 10.1.0.0/16')).toMatchObject({ localPrefix: '0.0.0.0/0', remotePrefix: '10.1.0.0/16' });
    expect(parseFlowSelector('permit ip 10.0.0.0/255.0.255.0 any')).toBeUndefined();
    expect(parseFlowSelector('permit ip any any trailing')).toBeUndefined();
  });
});
