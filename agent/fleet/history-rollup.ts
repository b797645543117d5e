/**
 * The dashboard's quality history in three resolutions, so a week of 60 s
 * telemetry from 5,000 spokes is not ~100 M rows: raw samples for the last
 * hours, then per-5-minute and per-hour buckets. A bucket keeps counts and
 * sums (not averages) so buckets merge exactly: a sample arriving late, or in
 * a second flush, adds to its bucket instead of replacing it. Per metric what
 * an operator reads from it: loss its mean and worst, RTT its mean, best and
 * worst, jitter its mean and worst.
 */

export interface HistorySample {
  spoke: string;
  ts: number;
  candidate: string;
  loss: number | null;
  rtt: number | null;
  jitter: number | null;
}

export interface Bucket {
  spoke: string;
  candidate: string;
  ts: number;
  n: number;
  lossN: number;
  lossSum: number;
  lossMax: number | null;
  rttN: number;
  rttSum: number;
  rttMin: number | null;
  rttMax: number | null;
  jitterN: number;
  jitterSum: number;
  jitterMax: number | null;
}

export type Resolution = 'raw' | '5m' | '1h';

export interface Tier {
  resolution: Resolution;
  table: string;
  widthMs: number;
  retentionMs: number;
}

const HOUR = 3_600_000;
/** Finest first. Raw covers the 1 h chart; 5-minute buckets the 24 h chart; hourly ones the week. */
export const TIERS: readonly Tier[] = [
  { resolution: 'raw', table: 'sample', widthMs: 0, retentionMs: 3 * HOUR },
  { resolution: '5m', table: 'sample_5m', widthMs: 5 * 60_000, retentionMs: 26 * HOUR },
  { resolution: '1h', table: 'sample_1h', widthMs: HOUR, retentionMs: 7 * 24 * HOUR },
];
export const ROLLUP_TIERS = TIERS.filter((t) => t.widthMs > 0);
/** A chart needs no more points per line than this; a finer tier that would give more is passed over. */
export const MAX_CHART_POINTS = 400;

/** Start of the bucket holding ts (timestamps are positive epoch ms). */
export const bucketStart = (ts: number, widthMs: number): number => ts - (ts % widthMs);

/** Whether a sample at ts still belongs in a tier at nowMs (older ones would only be pruned). */
export const keptBy = (tier: Tier, ts: number, nowMs: number): boolean => ts >= nowMs - tier.retentionMs - tier.widthMs;

/** The finest tier that holds the whole range at no more than MAX_CHART_POINTS per line. */
export function tierFor(rangeMs: number): Tier {
  return (
    TIERS.find((t) => t.retentionMs >= rangeMs && (t.widthMs === 0 || rangeMs / t.widthMs <= MAX_CHART_POINTS)) ?? TIERS[TIERS.length - 1]!
  );
}

function emptyBucket(spoke: string, candidate: string, ts: number): Bucket {
  return {
    spoke,
    candidate,
    ts,
    n: 0,
    lossN: 0,
    lossSum: 0,
    lossMax: null,
    rttN: 0,
    rttSum: 0,
    rttMin: null,
    rttMax: null,
    jitterN: 0,
    jitterSum: 0,
    jitterMax: null,
  };
}

const maxOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.max(a, b));
const minOf = (a: number | null, b: number | null) => (a === null ? b : b === null ? a : Math.min(a, b));
const ok = (v: number | null): v is number => v !== null && Number.isFinite(v);

/** Adds one sample to a bucket in place. Missing or non-finite metrics count for nothing. */
export function addTo(b: Bucket, s: Pick<HistorySample, 'loss' | 'rtt' | 'jitter'>): void {
  b.n++;
  if (ok(s.loss)) {
    b.lossN++;
    b.lossSum += s.loss;
    b.lossMax = maxOf(b.lossMax, s.loss);
  }
  if (ok(s.rtt)) {
    b.rttN++;
    b.rttSum += s.rtt;
    b.rttMin = minOf(b.rttMin, s.rtt);
    b.rttMax = maxOf(b.rttMax, s.rtt);
  }
  if (ok(s.jitter)) {
    b.jitterN++;
    b.jitterSum += s.jitter;
    b.jitterMax = maxOf(b.jitterMax, s.jitter);
  }
}

/** Two buckets of the same spoke, candidate and start as one (what the database's upsert does). */
export function mergeBuckets(a: Bucket, b: Bucket): Bucket {
  return {
    spoke: a.spoke,
    candidate: a.candidate,
    ts: a.ts,
    n: a.n + b.n,
    lossN: a.lossN + b.lossN,
    lossSum: a.lossSum + b.lossSum,
    lossMax: maxOf(a.lossMax, b.lossMax),
    rttN: a.rttN + b.rttN,
    rttSum: a.rttSum + b.rttSum,
    rttMin: minOf(a.rttMin, b.rttMin),
    rttMax: maxOf(a.rttMax, b.rttMax),
    jitterN: a.jitterN + b.jitterN,
    jitterSum: a.jitterSum + b.jitterSum,
    jitterMax: maxOf(a.jitterMax, b.jitterMax),
  };
}

/** The samples of a tier's retention at nowMs, summed into its buckets. */
export function rollup(samples: readonly HistorySample[], tier: Tier, nowMs: number): Bucket[] {
  // Nested maps, not a joined string key: a week replayed is millions of samples.
  const bySpoke = new Map<string, Map<string, Map<number, Bucket>>>();
  const out: Bucket[] = [];
  for (const s of samples) {
    if (!keptBy(tier, s.ts, nowMs)) continue;
    const start = bucketStart(s.ts, tier.widthMs);
    let byCandidate = bySpoke.get(s.spoke);
    if (!byCandidate) bySpoke.set(s.spoke, (byCandidate = new Map()));
    let byStart = byCandidate.get(s.candidate);
    if (!byStart) byCandidate.set(s.candidate, (byStart = new Map()));
    let b = byStart.get(start);
    if (!b) {
      byStart.set(start, (b = emptyBucket(s.spoke, s.candidate, start)));
      out.push(b);
    }
    addTo(b, s);
  }
  return out;
}

export interface SeriesPoint {
  candidate: string;
  t: number;
  loss: number | null;
  lossMax: number | null;
  rtt: number | null;
  rttMin: number | null;
  rttMax: number | null;
  jitter: number | null;
  jitterMax: number | null;
}

/** A bucket as a chart point: means where the bucket has values, null where it has none. */
export function pointOf(b: Bucket): SeriesPoint {
  const mean = (sum: number, n: number) => (n > 0 ? sum / n : null);
  return {
    candidate: b.candidate,
    t: b.ts,
    loss: mean(b.lossSum, b.lossN),
    lossMax: b.lossMax,
    rtt: mean(b.rttSum, b.rttN),
    rttMin: b.rttMin,
    rttMax: b.rttMax,
    jitter: mean(b.jitterSum, b.jitterN),
    jitterMax: b.jitterMax,
  };
}
