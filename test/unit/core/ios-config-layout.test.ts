import { describe, expect, it } from 'vitest';
import { trackLayout, type LayoutInput } from '../../../agent/core/ios-config-layout.js';

const stubs = (n: number, from: number) => Array.from({ length: n }, (_, k) => ({ stubTrack: from + k }));
const LAB: LayoutInput = {
  base: 500,
  presence: false,
  candidates: 4,
  peers: stubs(2, 101),
  sources: stubs(2, 111),
  slaOperations: [11, 12, 21, 22],
};

describe('config ios: track numbering', () => {
  it('gives each kind a fixed offset from the base, and each object its place in the file', () => {
    const r = trackLayout({ ...LAB, presence: true });
    expect(r.ok && r.layout).toEqual({
      presence: 500,
      paths: [
        { state: 501, reachability: 601 },
        { state: 502, reachability: 602 },
        { state: 503, reachability: 603 },
        { state: 504, reachability: 604 },
      ],
      peers: [
        { judgement: 731, allow: 751, client: 781 },
        { judgement: 732, allow: 752, client: 782 },
      ],
      sources: [
        { routing: 701, paths: 711, judgement: 721, allow: 771, client: 801 },
        { routing: 702, paths: 712, judgement: 722, allow: 772, client: 802 },
      ],
    });
  });

  it.each([
    // name, input, problem codes
    ['the lab at the default base', LAB, []],
    ["the schema's largest file at the default base", { ...LAB, candidates: 64, peers: stubs(16, 1), sources: stubs(8, 20) }, []],
    [
      'the largest file, presence on, from base 1',
      { ...LAB, base: 1, presence: true, candidates: 64, peers: stubs(16, 900), sources: stubs(8, 920) },
      [],
    ],
    ['a base that pushes the client lines past 1000', { ...LAB, base: 800 }, ['TRACK_RANGE']],
    ['base 0 with presence (track 0)', { ...LAB, base: 0, presence: true, peers: stubs(2, 901), sources: stubs(2, 911) }, ['TRACK_RANGE']],
    ['base 0 without presence (tracks 1..)', { ...LAB, base: 0, peers: stubs(2, 901), sources: stubs(2, 911) }, []],
    ['stubs 101.. against base 0 (path reachability 101..)', { ...LAB, base: 0 }, ['TRACK_COLLISION']],
    ['stubs among the generated tracks', { ...LAB, peers: stubs(2, 601) }, ['TRACK_COLLISION']],
    ['a stub in a gap of the layout does not collide', { ...LAB, peers: stubs(2, 650) }, []],
    ['an allow track only exists with presence', { ...LAB, peers: stubs(2, 751) }, []],
    ['...and then collides', { ...LAB, presence: true, peers: stubs(2, 751) }, ['TRACK_COLLISION']],
    ["the presence probe takes a file's operation", { ...LAB, presence: true, slaOperations: [500] }, ['SLA_COLLISION']],
    ['more candidates than the path slots hold', { ...LAB, candidates: 100 }, ['TOO_MANY_OBJECTS']],
  ] as const)('%s', (_name, input, codes) => {
    const r = trackLayout(input as LayoutInput);
    expect(r.ok ? [] : r.problems.map((p) => p.code)).toEqual(codes);
  });

  it('names the bases that would fit when the range is exceeded', () => {
    const r = trackLayout({ ...LAB, base: 800 });
    expect(!r.ok && r.problems[0]!.message).toBe(
      "with track base 800 the configuration needs tracks 801-1102, outside IOS's 1-1000: choose --track-base between 0 and 698",
    );
  });
});
