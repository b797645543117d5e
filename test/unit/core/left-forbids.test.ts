import { describe, expect, it } from 'vitest';
import { leftForbids, type LastSteering } from '../../../agent/core/actuation/left-forbids.js';
import type { ActuationTargets } from '../../../agent/core/actuation/plan.js';

const TARGETS: ActuationTargets = {
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
const steer = (peer: string, source: string): LastSteering => ({ kind: 'action', effect: { kind: 'steer', peer, source } });
const tracks = (down: number[]) => [101, 102, 111, 112].map((id) => ({ id, state: down.includes(id) ? 'down' : 'up' }));

describe('forbids an earlier run left on the router', () => {
  it.each<[string, LastSteering, number[], number[]]>([
    ['its last steer to hub 2 over the LTE, both forbids still down', steer('203.0.113.1', 'Cellular0/1/0'), [101, 111], [101, 111]],
    ['only the forbids the router still holds', steer('203.0.113.1', 'Cellular0/1/0'), [111], [111]],
    ["a track down that the last steer left up is someone else's", steer('198.51.100.1', 'Cellular0/1/0'), [102, 111], [111]],
    ['a last steer to the most preferred path forbade nothing', steer('198.51.100.1', 'GigabitEthernet0/0'), [112], []],
    ['released since (a release action)', { kind: 'action', effect: { kind: 'release' } }, [111], []],
    ['a mode change since (into dry-run it released them)', { kind: 'mode' }, [111], []],
    ['nothing journaled (a new database)', undefined, [111], []],
    ['a steer entry without its path (an older journal)', { kind: 'action', effect: { kind: 'steer' } }, [111], []],
  ])('%s', (_what, last, down, expected) => {
    expect(leftForbids(TARGETS, last, tracks(down))).toEqual(expected);
  });

  it('a track missing from the read is not released', () => {
    expect(leftForbids(TARGETS, steer('203.0.113.1', 'Cellular0/1/0'), [{ id: 101, state: 'down' }])).toEqual([101]);
  });
});
