/** `peer reactivate` and FQDN candidacy as pure selection rules (audit D3, D5). */
import { describe, expect, it } from 'vitest';
import type { FlexClientConfig, UpDown } from '../../lab/router/config-model.js';
import {
  candidates,
  isCandidate,
  peerOf,
  reactivationTarget,
  selectionOrder,
  trackedCandidacy,
} from '../../lab/router/dynamics/flexvpn-select.js';

const client: FlexClientConfig = {
  name: 'C',
  peerReactivate: true,
  sources: [],
  peers: [
    { seq: 1, address: '198.51.100.1', track: 101, trackState: 'up' },
    { seq: 2, address: '203.0.113.1', track: 102, trackState: 'up' },
    { seq: 3, address: '192.0.2.200', track: 103, trackState: 'down' },
    { seq: 4, address: '192.0.2.201', trackState: 'up' },
  ],
};
const tracks = (s: Record<number, UpDown>) => (id: number) => s[id];
const memory = (s: Record<number, boolean>) => new Map(Object.entries(s).map(([k, v]) => [Number(k), v]));

describe('peer reactivate is edge-triggered on a more preferred tracked peer becoming a candidate', () => {
  it.each([
    // name, client, active seq, candidacy last step, tracks now, busy, expected trigger
    [
      'track 101 came up while on peer 2: back to peer 1',
      client,
      2,
      { 1: false, 2: true, 3: false },
      { 101: 'up', 102: 'up', 103: 'up' },
      [],
      1,
    ],
    [
      'track 101 was already up (level, not edge): stay',
      client,
      2,
      { 1: true, 2: true, 3: false },
      { 101: 'up', 102: 'up', 103: 'up' },
      [],
      undefined,
    ],
    ['without peer reactivate: stay', { ...client, peerReactivate: false }, 2, { 1: false }, { 101: 'up', 102: 'up' }, [], undefined],
    [
      'the peer that came back is less preferred than the active one: stay',
      client,
      1,
      { 1: true, 2: false },
      { 101: 'up', 102: 'up' },
      [],
      undefined,
    ],
    [
      '`track 103 down`: the track going down makes peer 3 a candidate; on peer 4, back to peer 3',
      client,
      4,
      { 1: false, 2: false, 3: false },
      { 101: 'down', 102: 'down', 103: 'down' },
      [],
      3,
    ],
    [
      'an untracked preferred peer (4 while on 5) is always a candidate and never triggers',
      { ...client, peers: [...client.peers, { seq: 5, address: '192.0.2.202', trackState: 'up' as const }] },
      5,
      { 1: false, 2: false, 3: false },
      { 101: 'down', 102: 'down', 103: 'up' },
      [],
      undefined,
    ],
    ['no memory yet (first step, or a new block): stay', client, 2, undefined, { 101: 'up', 102: 'up' }, [], undefined],
    ['a peer newly configured is not an edge', client, 2, { 2: true }, { 101: 'up', 102: 'up' }, [], undefined],
    [
      'the returning peer is active in another block of the backup group: stay',
      client,
      2,
      { 1: false, 2: true },
      { 101: 'up', 102: 'up' },
      ['198.51.100.1'],
      undefined,
    ],
  ] as const)('%s', (_name, c, active, before, now, busy, expected) => {
    const r = reactivationTarget(c as FlexClientConfig, active, before ? memory(before) : undefined, tracks(now), new Set(busy));
    expect(r?.seq).toBe(expected);
  });

  it('remembers only tracked peers', () => {
    expect([...trackedCandidacy(client, tracks({ 101: 'up', 102: 'down', 103: 'down' }))]).toEqual([
      [1, true],
      [2, false],
      [3, true],
    ]);
  });
});

describe('FQDN peers as candidates', () => {
  const fqdn = (seq: number, address: string, dynamic: boolean) => ({
    seq,
    address,
    fqdn: { name: `hub${seq}.example.net`, dynamic },
    trackState: 'up' as const,
  });
  it.each([
    ['resolved at configuration time', fqdn(1, '198.51.100.1', false), true],
    ['not resolved at configuration time: never a candidate', fqdn(1, '', false), false],
    ['dynamic: a candidate, resolved when selected', fqdn(1, '', true), true],
  ] as const)('%s', (_name, peer, expected) => {
    expect(isCandidate(peer, tracks({}))).toBe(expected);
  });

  it('a dynamic FQDN peer owns the SA whatever address its name gave; a fixed one only its own', () => {
    const c: FlexClientConfig = { ...client, peers: [fqdn(1, '', true), fqdn(2, '203.0.113.1', false)] };
    expect(peerOf(c, 1, '198.51.100.77')?.seq).toBe(1);
    expect(peerOf(c, 2, '203.0.113.1')?.seq).toBe(2);
    expect(peerOf(c, 2, '203.0.113.9')).toBeUndefined();
    expect(candidates({ ...c, peers: [fqdn(1, '', false), fqdn(2, '203.0.113.1', false)] }, tracks({})).map((p) => p.seq)).toEqual([2]);
  });
});

describe('the order a (re)selection tries the candidates in', () => {
  const ts = tracks({ 101: 'up', 102: 'up', 103: 'down' });
  it.each([
    ['on connect: from the first', { kind: 'first' }, [1, 2, 3, 4]],
    ['after peer 2 failed (DPD, IKE, DNS): from the next, wrapping round', { kind: 'after', seq: 2 }, [3, 4, 1, 2]],
    ['after the last failed: from the first', { kind: 'after', seq: 4 }, [1, 2, 3, 4]],
    ['the same peer again (source pivot)', { kind: 'same', seq: 3 }, [3, 4, 1, 2]],
    ['the same peer, no longer a candidate: from the first', { kind: 'same', seq: 9 }, [1, 2, 3, 4]],
  ] as const)('%s', (_name, next, expected) => {
    expect(selectionOrder(client, next, ts).map((p) => p.seq)).toEqual(expected);
  });
});
