import { describe, expect, it } from 'vitest';
import { counterDelta, type CounterReading } from '../../../../agent/core/metered/counters.js';

const LTE = 50_000_000 / 8; // 50 Mbit/s, as `BW 50000 Kbit/sec`
const at = (s: number, bytesIn: number, bytesOut: number, clearedAgoSec: number | 'never' = 'never'): CounterReading => ({
  atMs: s * 1000,
  bytesIn,
  bytesOut,
  clearedAgoSec,
});

describe('byte deltas from interface counters', () => {
  it.each([
    ['the first reading is a baseline', undefined, at(30, 5000, 7000), 0, 'baseline'],
    ['counts both directions', at(0, 1000, 2000), at(30, 1500, 2600), 1100, 'normal'],
    ['counts nothing when nothing moved', at(0, 1000, 2000), at(30, 1000, 2000), 0, 'normal'],
    ['a 32-bit counter past 2^32 wrapped', at(0, 2 ** 32 - 100, 5000), at(30, 400, 5100), 600, 'wrap'],
    ['a decrease from low values is a reset (reload: never cleared, counting again)', at(0, 9000, 9000), at(30, 300, 200), 500, 'reset'],
    ['a "wrap" larger than the link carries is a reset', at(0, 2 ** 32 - 1e9, 5000), at(1, 2e9, 10), 2e9 + 10, 'reset'],
    ['a 64-bit counter above 2^32 that went down was reset', at(0, 2 ** 40, 0), at(30, 10, 0), 10, 'reset'],
    [
      'cleared since, already past the old value: everything counted since the clear',
      at(0, 100, 100, 3600),
      at(30, 5000, 6000, 10),
      11000,
      'reset',
    ],
    ['an old clear is no reset', at(0, 100, 100, 3600), at(30, 200, 300, 3630), 300, 'normal'],
  ] as const)('%s', (_what, prev, next, bytes, kind) => {
    expect(counterDelta(prev, next, LTE)).toEqual({ bytes, kind });
  });
});
