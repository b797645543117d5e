import { describe, expect, it } from 'vitest';
import { planPeerOrder, planRelease, planStubTracks } from '../../../agent/core/actuation/plan.js';

const targets = {
  client: 'FLEX',
  peers: [{ address: '192.0.2.1', stubTrack: 101 }, { address: '192.0.2.2', stubTrack: 102 }],
  sources: [{ interface: 'GigabitEthernet0/0', stubTrack: 111 }, { interface: 'Cellular0/1/0', stubTrack: 112 }],
};

describe('actuation plans', () => {
  it('allows the chosen peer and source, and those after them, before forbidding the ones before them', () => {
    expect(planStubTracks(targets, '192.0.2.2', 'Cellular0/1/0', '192.0.2.1')).toEqual({
      configLines: [
        'track 102 stub-object', 'default-state up',
        'track 112 stub-object', 'default-state up',
        'track 101 stub-object', 'default-state down',
        'track 111 stub-object', 'default-state down',
      ],
      execCommands: ['clear crypto ikev2 sa remote 192.0.2.1', 'clear crypto session remote 192.0.2.1'],
    });
  });

  it('leaves the less preferred peers and sources allowed, so IOS can still fail over if the agent dies', () => {
    const lines = planStubTracks(targets, '192.0.2.1', 'GigabitEthernet0/0').configLines;
    expect(lines.filter((l) => l.startsWith('default-state'))).toEqual(Array(4).fill('default-state up'));
  });

  it('releases by allowing every peer and source', () => {
    const lines = planRelease(targets).configLines;
    expect(lines.filter((l) => l.includes('default-state'))).toEqual(Array(4).fill('default-state up'));
  });

  it('reorders peers and clears the active SA for the peer-order strategy', () => {
    expect(planPeerOrder(targets, '192.0.2.2', '192.0.2.1')).toEqual({
      configLines: ['crypto ikev2 client flexvpn FLEX', 'peer 1 192.0.2.2', 'peer 2 192.0.2.1'],
      execCommands: ['clear crypto ikev2 sa remote 192.0.2.1', 'clear crypto session remote 192.0.2.1'],
    });
  });
});
