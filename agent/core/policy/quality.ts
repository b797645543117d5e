import type { QualityThresholds } from './config.js';

/**
 * One run of an IP SLA operation: a single probe (icmp-echo, udp-echo...), or
 * a jitter operation's run of many packets (`packets`), which is as much
 * evidence about loss as that many probes.
 */
export interface Sample {
  atMs: number;
  /** The run got an answer (return code OK or OverThreshold). */
  answered: boolean;
  /** The probe's RTT; a jitter run's average RTT. */
  rttMs?: number;
  packets?: RunPackets;
}

/** What a jitter operation's run (icmp-jitter, udp-jitter) counted. */
export interface RunPackets {
  sent: number;
  /** Lost either way, or back only after the timeout. */
  lost: number;
  /** IP SLA's jitterAvg: mean inter-packet delay variation over both directions. */
  jitterMs?: number;
}

export interface QualityMetrics {
  /** Probes the window holds: a jitter run counts its packets. */
  samples: number;
  /**
   * The lowest loss, percent, consistent with a window of jitter runs at the
   * policy's confidence, counting each run as one cluster (see
   * runLossLowerBoundPct). Absent: judged from `samples` as independent probes.
   */
  runLossLowerPct?: number;
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

/** Probes sent and lost in a window, a jitter run counting its packets. */
function lossCounts(window: readonly Sample[]): { sent: number; lost: number } {
  let sent = 0,
    lost = 0;
  for (const s of window) {
    if (s.packets) {
      sent += s.packets.sent;
      lost += s.packets.lost;
    } else {
      sent++;
      if (!s.answered) lost++;
    }
  }
  return { sent, lost };
}

/**
 * Loss comes in bursts: ten packets of one run lost together are one event,
 * not ten independent losses. So a window holding jitter runs is judged run
 * by run (each run a cluster; cluster-robust standard error of the ratio of
 * lost to sent, Student's t with one degree of freedom fewer than the runs):
 * two runs that lost half their packets among four read are a healthy 2 %
 * link's bursts as well as 25 % loss, and fail nothing, while runs losing
 * 30 % one after the other do. A run alone, or runs that all lost nothing or
 * everything, leave nothing to doubt but their count.
 */
function runLossLowerBoundPct(window: readonly Sample[], sent: number, lost: number): number | undefined {
  if (window.every((s) => !s.packets) || lost === 0 || lost === sent) return undefined;
  const runs = window.length;
  if (runs < 2) return 0;
  const p = lost / sent;
  const meanSize = sent / runs;
  let squares = 0;
  for (const s of window) {
    const size = s.packets?.sent ?? 1;
    const runLost = s.packets ? s.packets.lost : s.answered ? 0 : 1;
    squares += (runLost - p * size) ** 2;
  }
  const stdErr = Math.sqrt(squares / (runs * (runs - 1))) / meanSize;
  return Math.max(0, (p - studentT99(runs - 1) * stdErr) * 100);
}

/** One-sided 99 % quantile of Student's t: exact for 1-3 degrees of freedom, Cornish-Fisher beyond (within 0.5 % from 4). */
function studentT99(df: number): number {
  const exact = [31.821, 6.965, 4.541][df - 1];
  if (exact !== undefined) return exact;
  const z = LOSS_CONFIDENCE_Z;
  return (
    z +
    (z ** 3 + z) / (4 * df) +
    (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * df ** 2) +
    (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * df ** 3)
  );
}

function lossMetrics(window: readonly Sample[]): Pick<QualityMetrics, 'samples' | 'lossPct' | 'runLossLowerPct'> {
  const { sent, lost } = lossCounts(window);
  const lower = runLossLowerBoundPct(window, sent, lost);
  return {
    samples: sent,
    lossPct: sent === 0 ? 0 : round2((lost / sent) * 100),
    ...(lower !== undefined ? { runLossLowerPct: round2(lower) } : {}),
  };
}

export function measure(window: readonly Sample[]): QualityMetrics {
  const rtts: number[] = [];
  for (const s of window) if (s.answered && s.rttMs !== undefined) rtts.push(s.rttMs);
  const m: QualityMetrics = lossMetrics(window);
  if (rtts.length > 0) m.rttMs = round2(median(rtts));
  const jitter = runJitter(window) ?? probeJitter(window);
  if (jitter !== undefined) m.jitterMs = round2(jitter);
  return m;
}

/**
 * Jitter as the router's jitter runs measured it (each run's jitterAvg,
 * weighted by its packets): IP SLA paired packets 20 ms apart, which says
 * more than RTTs of probes seconds apart. Undefined when no run measured any.
 */
function runJitter(window: readonly Sample[]): number | undefined {
  let sum = 0,
    weight = 0;
  for (const s of window) {
    const j = s.packets?.jitterMs;
    if (j === undefined || !s.answered) continue;
    const pairs = Math.max(1, s.packets!.sent - s.packets!.lost - 1);
    sum += j * pairs;
    weight += pairs;
  }
  return weight === 0 ? undefined : sum / weight;
}

/** Jitter between single probes: enough pairs of successive measured ones, spikes clipped. */
function probeJitter(window: readonly Sample[]): number | undefined {
  const diffs = successiveDifferences(window);
  return diffs.length >= MIN_JITTER_PAIRS ? clippedMean(diffs) : undefined;
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
    const a = window[i - 1]!,
      b = window[i]!;
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
export function lossLowerBoundPct(m: Pick<QualityMetrics, 'samples' | 'lossPct' | 'runLossLowerPct'>): number {
  if (m.runLossLowerPct !== undefined) return m.runLossLowerPct;
  const n = m.samples;
  if (n === 0) return 0;
  const p = m.lossPct / 100;
  const z2 = LOSS_CONFIDENCE_Z * LOSS_CONFIDENCE_Z;
  const centre = p + z2 / (2 * n);
  const spread = LOSS_CONFIDENCE_Z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n));
  return Math.max(0, ((centre - spread) / (1 + z2 / n)) * 100);
}

/**
 * One path's quality from the windows of every operation that probes it.
 * Loss is pooled: the probes all cross the same path, so together they are
 * one larger sample (a probe every 3 s beside a jitter run of 100 packets
 * every 5 s is a 1 % share of the evidence, not a veto: alone, ten such
 * probes lose three on a healthy 2 % link a few times a day). RTT and
 * jitter are the worst operation's (a path is as slow as its slowest probe
 * says; different probe kinds do not average).
 */
export function pathQuality(windows: readonly (readonly Sample[])[]): QualityMetrics {
  if (windows.length === 0) return { samples: 0, lossPct: 0 };
  const all = windows.map(measure);
  const out: QualityMetrics = lossMetrics(windows.flat());
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
