import { describe, expect, it } from 'vitest';
import { INITIAL_PATH_CHANGES, nextPathChange, type PathChange, type PathSeen } from '../../../agent/core/observe/path-changes.js';

const A: PathSeen = { peer: '198.51.100.1', source: 'GigabitEthernet0/0' };
const B: PathSeen = { peer: '203.0.113.1', source: 'GigabitEthernet0/0' };
const C: PathSeen = { peer: '198.51.100.1', source: 'Cellular0/1/0' };
const DOWN: PathSeen = {};

/** Plays reads 5 s apart from the initial state; returns the changes reported. */
function play(reads: PathSeen[]): PathChange[] {
  let s = INITIAL_PATH_CHANGES;
  const out: PathChange[] = [];
  reads.forEach((seen, i) => {
    const r = nextPathChange(s, seen, i * 5000, i === 0);
    s = r.state;
    if (r.change) out.push(r.change);
  });
  return out;
}

describe('path changes from successive FlexVPN reads', () => {
  it.each<[string, PathSeen[], PathChange[]]>([
    ['the first read is where the tunnel is, not a change', [A, A], []],
    ['a move without going down', [A, B], [{ from: A, to: B }]],
    ['a switch seen mid-bounce is one change, with how long it was down', [A, DOWN, B], [{ from: A, to: B, downForMs: 5000 }]],
    ['a source pivot', [A, DOWN, C], [{ from: A, to: C, downForMs: 5000 }]],
    ['a bounce back onto the same path is nothing', [A, DOWN, A], []],
    [
      'an outage is news at its second read, and the return comes from nowhere',
      [A, DOWN, DOWN, DOWN, B],
      [
        { from: A, to: {} },
        { from: {}, to: B, downForMs: 15000 },
      ],
    ],
    [
      'an outage ending on the same path is still reported',
      [A, DOWN, DOWN, A],
      [
        { from: A, to: {} },
        { from: {}, to: A, downForMs: 10000 },
      ],
    ],
    ['down at start, then up: the tunnel came up', [DOWN, DOWN, A], [{ from: {}, to: A, downForMs: 10000 }]],
  ])('%s', (_, reads, changes) => {
    expect(play(reads)).toEqual(changes);
  });
});
