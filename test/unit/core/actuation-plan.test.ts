import { describe, expect, it } from 'vitest';
import { planPeerOrder, planRelease, planStubTracks, steerClearOf } from '../../../agent/core/actuation/plan.js';

const targets = {
  client: 'FLEX',
  peers: [
    { address: '192.0.2.1', stubTrack: 101 },
    { address: '192.0.2.2', stubTrack: 102 },
  ],
  sources: [
    { interface: 'GigabitEthernet0/0', stubTrack: 111 },
    { interface: 'Cellular0/1/0', stubTrack: 112 },
  ],
};

describe('actuation plans', () => {
  it('allows the chosen peer and source, and those after them, before forbidding the ones before them', () => {
    expect(planStubTracks(targets, '192.0.2.2', 'Cellular0/1/0', '192.0.2.1')).toEqual({
      configLines: [
        'track 102 stub-object',
        'default-state up',
        'track 112 stub-object',
        'default-state up',
        'track 101 stub-object',
        'default-state down',
        'track 111 stub-object',
        'default-state down',
      ],
      execCommands: ['clear crypto ikev2 sa remote 192.0.2.1', 'clear crypto session remote 192.0.2.1'],
    });
  });

  it('leaves the less preferred peers and sources allowed, so IOS can still fail over if the agent dies', () => {
    const lines = planStubTracks(targets, '192.0.2.1', 'GigabitEthernet0/0').configLines;
    expect(lines.filter((l) => l.startsWith('default-state'))).toEqual(Array(4).fill('default-state up'));
  });

  it.each([
    { name: 'the policy named a bad hub: that one', peer: '192.0.2.2', active: '192.0.2.1', asked: '192.0.2.1', want: '192.0.2.1' },
    {
      name: 'a failback (on hub 2, back to hub 1): hub 2, or IOS stays there without peer reactivate',
      peer: '192.0.2.1',
      active: '192.0.2.2',
      want: '192.0.2.2',
    },
    {
      name: 'moving to a less preferred hub: nothing (forbidding the current one moves the client)',
      peer: '192.0.2.2',
      active: '192.0.2.1',
      want: undefined,
    },
    { name: 'the same hub (a source pivot): nothing', peer: '192.0.2.1', active: '192.0.2.1', want: undefined },
    { name: 'the router on no peer, or one not configured: nothing', peer: '192.0.2.1', active: '198.18.0.9', want: undefined },
    {
      name: 'a named hub that is not configured is never written',
      peer: '192.0.2.1',
      active: undefined,
      asked: '192.0.2.9 track 1',
      want: undefined,
    },
  ])('steerClearOf: $name', ({ peer, active, asked, want }) => {
    expect(steerClearOf(targets, peer, active, asked)).toBe(want);
  });

  it('releases by allowing every peer and source', () => {
    const lines = planRelease(targets).configLines;
    expect(lines.filter((l) => l.includes('default-state'))).toEqual(Array(4).fill('default-state up'));
  });

  it('reorders peers through spare seqs and clears the active SA for the peer-order strategy', () => {
    expect(planPeerOrder(targets, '192.0.2.2', '192.0.2.1')).toEqual({
      configLines: [
        'crypto ikev2 client flexvpn FLEX',
        'peer 3 192.0.2.1',
        'peer 4 192.0.2.2', // every hub kept while 1..N are rewritten
        'peer 1 192.0.2.2',
        'peer 2 192.0.2.1',
        'no peer 3',
        'no peer 4',
      ],
      execCommands: ['clear crypto ikev2 sa remote 192.0.2.1', 'clear crypto session remote 192.0.2.1'],
    });
  });

  it('peer-order: whatever line a session drops after, every hub is still in the client', () => {
    const hubs = ['192.0.2.1', '192.0.2.2', '192.0.2.3', '192.0.2.4', '192.0.2.5'];
    const t = { ...targets, peers: hubs.map((address, i) => ({ address, stubTrack: 101 + i })) };
    // IOS (and the lab): `peer <seq> <ip>` replaces that seq, `no peer <seq>` removes it.
    const apply = (start: Map<number, string>, lines: string[]) => {
      const peers = new Map(start);
      for (const l of lines) {
        const set = /^peer (\d+) (\S+)$/.exec(l);
        const del = /^no peer (\d+)$/.exec(l);
        if (set) peers.set(Number(set[1]), set[2]!);
        if (del) peers.delete(Number(del[1]));
      }
      return peers;
    };
    const layouts = [
      new Map(hubs.map((h, i) => [i + 1, h])),
      new Map([...hubs].reverse().map((h, i) => [i + 1, h])),
      new Map([...hubs.map((h, i) => [((i + 2) % 5) + 1, h] as const), [7, hubs[0]!], [9, hubs[3]!]]), // left over by an earlier drop
    ];
    for (const start of layouts) {
      for (const chosen of hubs) {
        const lines = planPeerOrder(t, chosen).configLines;
        for (let n = 0; n <= lines.length; n++) {
          expect(new Set(apply(start, lines.slice(0, n)).values()), `${chosen}, after ${n} lines`).toEqual(new Set(hubs));
        }
        const end = apply(start, lines);
        expect([...end].sort(([a], [b]) => a - b).map(([, a]) => a)).toEqual([chosen, ...hubs.filter((h) => h !== chosen)]);
      }
    }
  });

  it('peer-order writes only configured addresses: an unknown active peer is not cleared, an unknown target refused', () => {
    const plan = planPeerOrder(targets, '192.0.2.2', '192.0.2.99 track 7');
    expect(plan.execCommands).toEqual([]);
    expect([...plan.configLines, ...plan.execCommands].join('\n')).not.toContain('192.0.2.99');
    expect(() => planPeerOrder(targets, '192.0.2.99')).toThrow(/not one of the configured peers/);
    expect(planStubTracks(targets, '192.0.2.2', 'Cellular0/1/0', '192.0.2.99 track 7').execCommands).toEqual([]);
  });

  it('peer-order refuses more peers than IOS has spare seqs for (at most 5)', () => {
    const six = { ...targets, peers: Array.from({ length: 6 }, (_, i) => ({ address: `192.0.2.${i + 1}`, stubTrack: 101 + i })) };
    expect(() => planPeerOrder(six, '192.0.2.1')).toThrow(/at most 5 peers/);
  });
});

describe('actuation plans with EEM applets setting the stub tracks', () => {
  const eem = { ...targets, trackSetter: { kind: 'eem-applets' as const, prefix: 'SP' } };

  it('runs one applet per track, in the same order (allowed first), then clears: no configuration at all', () => {
    expect(planStubTracks(eem, '192.0.2.2', 'Cellular0/1/0', '192.0.2.1')).toEqual({
      configLines: [],
      execCommands: [
        'event manager run SP-102-UP',
        'event manager run SP-112-UP',
        'event manager run SP-101-DOWN',
        'event manager run SP-111-DOWN',
        'clear crypto ikev2 sa remote 192.0.2.1',
        'clear crypto session remote 192.0.2.1',
      ],
    });
  });

  it('releases by running every UP applet', () => {
    expect(planRelease(eem)).toEqual({
      configLines: [],
      execCommands: ['SP-101-UP', 'SP-102-UP', 'SP-111-UP', 'SP-112-UP'].map((a) => `event manager run ${a}`),
    });
  });

  it('an explicit default-state setter is the configuration strategy', () => {
    expect(planRelease({ ...targets, trackSetter: { kind: 'default-state' } })).toEqual(planRelease(targets));
  });
});
