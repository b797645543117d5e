import { describe, expect, it } from 'vitest';
import { forbiddenByRouter, judgementTracks, routerJudgement } from '../../../agent/core/router-judgement.js';

const TARGETS = {
  client: 'SPOKE',
  peers: [
    { address: '198.51.100.1', stubTrack: 101 },
    { address: '203.0.113.1', stubTrack: 102 },
  ],
  sources: [
    { interface: 'GigabitEthernet0/0', stubTrack: 111 },
    { interface: 'Cellular0/1/0', stubTrack: 112 },
  ],
};

const LAYERED = `track 91 list boolean or
 object 11
 object 21
track 101 stub-object
 default-state up
track 102 stub-object
 default-state up
track 111 stub-object
 default-state up
track 112 stub-object
 default-state up
track 150 ip sla 190 reachability
track 151 list boolean or
 object 111
 object 150 not
track 191 list boolean and
 object 91
 object 101
track 201 list boolean and
 object 81
 object 151
track 202 list boolean or
 object 82
 object 112
crypto ikev2 client flexvpn SPOKE
  peer 1 198.51.100.1 track 191
  peer 2 203.0.113.1 track 102
  source 1 GigabitEthernet0/0 track 201
  source 2 Cellular0/1/0 track 202
  client connect Tunnel100
`;

describe("the router's own judgement of hubs and WANs", () => {
  const j = routerJudgement(TARGETS, LAYERED);

  it("is the objects of the client line's AND list that do not lead to the agent's stub, directly or through a list", () => {
    expect(j.peers).toEqual([
      { address: '198.51.100.1', terms: [{ track: 91, negated: false }] },
      // The line names the stub itself: the router judges nothing of its own.
      { address: '203.0.113.1', terms: [] },
    ]);
    expect(j.sources).toEqual([
      { interface: 'GigabitEthernet0/0', terms: [{ track: 81, negated: false }] },
      // An OR list with the stub: the stub cannot forbid, and nothing here is a judgement the agent can read.
      { interface: 'Cellular0/1/0', terms: [] },
    ]);
    expect(judgementTracks(j).sort()).toEqual([81, 91]);
  });

  it.each([
    {
      states: [
        [91, 'up'],
        [81, 'up'],
      ],
      peers: [],
      sources: [],
    },
    {
      states: [
        [91, 'down'],
        [81, 'up'],
      ],
      peers: ['198.51.100.1'],
      sources: [],
    },
    { states: [[81, 'down']], peers: [], sources: ['GigabitEthernet0/0'] },
    // Not read: says nothing, forbids nothing.
    { states: [], peers: [], sources: [] },
  ] as const)('forbids what is known to be down: $states', ({ states, peers, sources }) => {
    expect(forbiddenByRouter(j, new Map(states))).toEqual({ peers, sources });
  });

  it('reads a negated object the other way round', () => {
    const negated = routerJudgement(
      TARGETS,
      LAYERED.replace('track 191 list boolean and\n object 91\n', 'track 191 list boolean and\n object 91 not\n'),
    );
    expect(forbiddenByRouter(negated, new Map([[91, 'up']]))).toEqual({ peers: ['198.51.100.1'], sources: [] });
    expect(forbiddenByRouter(negated, new Map([[91, 'down']]))).toEqual({ peers: [], sources: [] });
  });

  it('finds nothing to judge when the client is missing', () => {
    expect(routerJudgement({ ...TARGETS, client: 'OTHER' }, LAYERED)).toEqual({
      peers: TARGETS.peers.map((p) => ({ address: p.address, terms: [] })),
      sources: TARGETS.sources.map((s) => ({ interface: s.interface, terms: [] })),
    });
  });
});
