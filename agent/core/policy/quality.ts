import type { QualityThresholds } from './config.js';

/** One probe result of an IP SLA operation. */
export interface Sample {
  atMs: number;
  /** The probe got an answer (return code OK or OverThreshold). */
  answered: boolean;
  rttMs?: number;
}

export interface QualityMetrics {
  samples: number;
  lossPct: number;
  /** Median RTT of answered probes: the typical RTT, which one spike does not move. Absent when none answered. */
  rttMs?: number;
  /**
   * IP SLA's jitter (mean |RTT(i) − RTT(i−1)| between consecutive answered
   * probes), each difference clipped at OUTLIER_FACTOR times their median:
   * a single latency spike is two huge differences, not jitter, while real
   * jitter (differences of the same order) passes through unchanged.
   */
  jitterMs?: number;
}

/** Differences beyond this many times the median one are a spike's, not jitter's. */
export const OUTLIER_FACTOR = 3;

/**
 * Fewest pairs of successive measured probes jitter is judged on: one spike
 * makes two large differences, which the clipping can tell from jitter only
 * when they are a minority (IP SLA's jitter operations judge a run of many
 * packets). A poll slower than the probes yields few pairs: no jitter then.
 */
export const MIN_JITTER_PAIRS = 5;

/**
 * How sure the policy must be that loss is above the fail threshold before it
 * fails a path on loss: one-sided 99 % (z = 2.326). With 10 probes and a 5 %
 * threshold, 2 lost are not enough (a 2 % link loses 2 of 10 about once in
 * 60 windows) and 3 are; with 20 % it takes 5 of 10.
 */
const LOSS_CONFIDENCE_Z = 2.326;

export type Metric = keyof QualityThresholds;

/** A metric beyond its threshold: the machine-readable heart of every quality reason. */
export interface Breach {
  metric: Metric;
  value: number;
  threshold: number;
}

/** Appends a sample to a window of at most `size`, oldest dropped. Pure: returns a new array. */
export function pushSample(window: readonly Sample[], sample: Sample, size: number): Sample[] {
  const next = window.length >= size ? window.slice(window.length - size + 1) : window.slice();
  next.push(sample);
  return next;
}

export function measure(window: readonly Sample[]): QualityMetrics {
  const rtts: number[] = [];
  let answered = 0;
  for (const s of window) {
    if (!s.answered) continue;
    answered++;
    if (s.rttMs !== undefined) rtts.push(s.rttMs);
  }
  const samples = window.length;
  const m: QualityMetrics = { samples, lossPct: samples === 0 ? 0 : round2(((samples - answered) / samples) * 100) };
  if (rtts.length > 0) m.rttMs = round2(median(rtts));
  const diffs = successiveDifferences(window);
  if (diffs.length >= MIN_JITTER_PAIRS) m.jitterMs = round2(clippedMean(diffs));
  return m;
}

/**
 * |RTT difference| of each pair of successive probes both measured, as IP SLA
 * counts jitter between consecutive packets: a lost probe, or one a slow poll
 * credited without its RTT, breaks the pair (RTTs read 10 s apart measure
 * drift, not jitter, and one spike between two such reads counted as jitter
 * moved a healthy tunnel).
 */
function successiveDifferences(window: readonly Sample[]): number[] {
  const out: number[] = [];
  for (let i = 1; i < window.length; i++) {
    const a = window[i - 1]!, b = window[i]!;
    if (a.answered && b.answered && a.rttMs !== undefined && b.rttMs !== undefined) out.push(Math.abs(b.rttMs - a.rttMs));
  }
  return out;
}

function clippedMean(diffs: readonly number[]): number {
  const cap = OUTLIER_FACTOR * median(diffs);
  return diffs.reduce((sum, d) => sum + Math.min(d, cap), 0) / diffs.length;
}

function median(values: readonly number[]): number {
  const v = [...values].sort((a, b) => a - b);
  const mid = v.length >> 1;
  return v.length % 2 === 1 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

/**
 * The lowest loss, percent, consistent with the window at the policy's
 * confidence: the Wilson score interval's lower bound. A path fails on loss
 * only when even this is above the threshold, so a few unlucky probes on a
 * healthy link do not move a tunnel, while heavy loss still shows in a few.
 */
export function lossLowerBoundPct(m: Pick<QualityMetrics, 'samples' | 'lossPct'>): number {
  const n = m.samples;
  if (n === 0) return 0;
  const p = m.lossPct / 100;
  const z2 = LOSS_CONFIDENCE_Z * LOSS_CONFIDENCE_Z;
  const centre = p + z2 / (2 * n);
  const spread = LOSS_CONFIDENCE_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, ((centre - spread) / (1 + z2 / n)) * 100);
}

/** The worst of several windows, metric by metric (a path is as good as its worst probe). */
export function worstOf(all: readonly QualityMetrics[]): QualityMetrics {
  if (all.length === 0) return { samples: 0, lossPct: 0 };
  const out: QualityMetrics = { samples: Math.min(...all.map((m) => m.samples)), lossPct: Math.max(...all.map((m) => m.lossPct)) };
  const rtts = all.map((m) => m.rttMs).filter((v): v is number => v !== undefined);
  const jitters = all.map((m) => m.jitterMs).filter((v): v is number => v !== undefined);
  if (rtts.length) out.rttMs = Math.max(...rtts);
  if (jitters.length) out.jitterMs = Math.max(...jitters);
  return out;
}

/**
 * Metrics strictly above their thresholds, in a fixed order (loss, rtt,
 * jitter). `failing` judges loss by its confident lower bound (a path is
 * failed only on evidence); without it, by what was seen (a path recovers
 * only when it looks clean).
 */
export function breaches(m: QualityMetrics, t: QualityThresholds, judge: 'seen' | 'failing' = 'seen'): Breach[] {
  const out: Breach[] = [];
  const loss = judge === 'failing' ? lossLowerBoundPct(m) : m.lossPct;
  if (loss > t.lossPct) out.push({ metric: 'lossPct', value: m.lossPct, threshold: t.lossPct });
  if (m.rttMs !== undefined && m.rttMs > t.rttMs) out.push({ metric: 'rttMs', value: m.rttMs, threshold: t.rttMs });
  if (m.jitterMs !== undefined && m.jitterMs > t.jitterMs) out.push({ metric: 'jitterMs', value: m.jitterMs, threshold: t.jitterMs });
  return out;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
