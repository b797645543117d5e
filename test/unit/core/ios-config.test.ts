import { describe, expect, it } from 'vitest';
import { iosConfig, type IosConfigInput } from '../../../agent/core/ios-config.js';
import { preflight } from '../../../agent/core/preflight.js';

const INPUT: IosConfigInput = {
  site: 'paris', node: 'spoke-17', client: 'FLEX', tunnel: 'Tunnel100', probeFrequencySec: 10,
  peers: [{ address: '192.0.2.1', stubTrack: 101 }, { address: '192.0.2.2', stubTrack: 102 }],
  sources: [{ interface: 'GigabitEthernet0/0', stubTrack: 111 }],
  candidates: [
    { id: 'fibre-hub1', peer: '192.0.2.1', source: 'GigabitEthernet0/0', slaOperations: [11, 1] },
    { id: 'fibre-hub2', peer: '192.0.2.2', source: 'GigabitEthernet0/0', slaOperations: [12, 1] },
  ],
  syslogListen: '0.0.0.0:5514', username: 'spokepilot',
};

describe('config ios: the router configuration a file expects', () => {
  it('passes the preflight it is checked with, once pasted', () => {
    const text = iosConfig(INPUT);
    expect(preflight({ ...INPUT, strategy: 'stub-tracks' }, text)).toEqual([]);
  });

  it('says what it cannot know instead of inventing it', () => {
    const text = iosConfig(INPUT);
    expect(text).toMatch(/^! ip sla 1 is shared by fibre-hub1, fibre-hub2: a probe of WAN GigabitEthernet0\/0/m);
    expect(text).toMatch(/^! {3}logging host <app-address> transport udp port 5514$/m);
    expect(text).toMatch(/^! {3}username spokepilot privilege 15 secret </m);
    expect(text).not.toMatch(/^(logging|username) /m); // never a command with a made-up value
  });

  it('refuses to write one operation for two WANs', () => {
    const text = iosConfig({ ...INPUT, candidates: [...INPUT.candidates, { id: 'lte-hub1', peer: '192.0.2.1', source: 'Cellular0/1/0', slaOperations: [1] }] });
    expect(text).toMatch(/^! ip sla 1 is listed for candidates on GigabitEthernet0\/0 and Cellular0\/1\/0/m);
    expect(text).not.toMatch(/^ip sla 1$/m);
  });
});
