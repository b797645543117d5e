import { describe, expect, it } from 'vitest';
import {
  addTo,
  bucketStart,
  mergeBuckets,
  pointOf,
  rollup,
  TIERS,
  tierFor,
  type HistorySample,
} from '../../../agent/fleet/history-rollup.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const [raw, fiveMin, hourly] = TIERS;
const sample = (
  ts: number,
  loss: number | null,
  rtt: number | null = null,
  jitter: number | null = null,
  candidate = 'a',
): HistorySample => ({ spoke: 's/r', ts, candidate, loss, rtt, jitter });

describe('history rollups', () => {
  it('reads each chart range from the finest resolution that holds it', () => {
    expect(tierFor(HOUR).resolution).toBe('raw');
    expect(tierFor(3 * HOUR).resolution).toBe('raw');
    expect(tierFor(24 * HOUR).resolution).toBe('5m'); // raw keeps only 3 h
    expect(tierFor(7 * 24 * HOUR).resolution).toBe('1h'); // 2,016 five-minute points would be too many, and they are kept 26 h
    expect(tierFor(30 * 24 * HOUR).resolution).toBe('1h'); // past every retention: the coarsest, which has the most
  });

  it('sums samples into buckets with mean, best and worst as fits each metric', () => {
    const now = 10 * 24 * HOUR;
    const t0 = bucketStart(now - HOUR, fiveMin!.widthMs);
    const buckets = rollup(
      [
        sample(t0, 0, 20, 2),
        sample(t0 + MIN, 10, 40, null),
        sample(t0 + 2 * MIN, 2, null, 6),
        sample(t0 + 5 * MIN, 50, 30, 1), // the next bucket
        sample(t0, 5, 100, 9, 'b'),
      ],
      fiveMin!,
      now,
    );
    expect(buckets).toHaveLength(3);
    const first = pointOf(buckets.find((b) => b.candidate === 'a' && b.ts === t0)!);
    expect(first).toEqual({ candidate: 'a', t: t0, loss: 4, lossMax: 10, rtt: 30, rttMin: 20, rttMax: 40, jitter: 4, jitterMax: 6 });
    expect(pointOf(buckets.find((b) => b.ts === t0 + 5 * MIN)!)).toMatchObject({ loss: 50, lossMax: 50, rtt: 30 });
    expect(pointOf(buckets.find((b) => b.candidate === 'b')!)).toMatchObject({ loss: 5, rttMax: 100, jitterMax: 9 });
  });

  it('leaves out what the resolution no longer keeps, and counts nothing for a missing or non-finite metric', () => {
    const now = 10 * 24 * HOUR;
    expect(rollup([sample(now - 49 * HOUR - 5 * MIN, 1)], fiveMin!, now)).toEqual([]);
    expect(rollup([sample(now - 49 * HOUR - 5 * MIN, 1)], hourly!, now)).toHaveLength(1);
    const [b] = rollup([sample(now, null, Number.NaN, null), sample(now, 3, null, Number.POSITIVE_INFINITY)], hourly!, now);
    expect(b).toMatchObject({ n: 2, lossN: 1, rttN: 0, jitterN: 0, rttMin: null, jitterMax: null });
    expect(pointOf(b!)).toMatchObject({ loss: 3, rtt: null, jitter: null });
    expect(raw!.widthMs).toBe(0);
  });

  it('merges two partial buckets into exactly the bucket of all their samples', () => {
    const now = 5 * 24 * HOUR;
    const samples = Array.from({ length: 60 }, (_, i) =>
      sample(now - 2 * HOUR + i * MIN, i % 7, 20 + (i % 11), i % 5 === 0 ? null : i % 3),
    );
    const whole = rollup(samples, hourly!, now);
    const parts = [rollup(samples.slice(0, 23), hourly!, now), rollup(samples.slice(23), hourly!, now)];
    const merged = new Map<number, ReturnType<typeof mergeBuckets>>();
    for (const b of parts.flat()) merged.set(b.ts, merged.has(b.ts) ? mergeBuckets(merged.get(b.ts)!, b) : b);
    expect(whole.map(pointOf)).toEqual([...merged.values()].map(pointOf));
    const again = { ...whole[0]! };
    addTo(again, sample(0, 100, 1, 50));
    expect(pointOf(again)).toMatchObject({ lossMax: 100, rttMin: 1, jitterMax: 50 });
  });
});
