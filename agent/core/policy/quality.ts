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
  /** Mean RTT of answered probes; absent when none answered. */
  rttMs?: number;
  /** Mean absolute RTT difference between consecutive answered probes (RFC 3550's idea, unsmoothed). */
  jitterMs?: number;
}

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
  let answered = 0;
  let rttSum = 0;
  let jitterSum = 0;
  let jitterPairs = 0;
  let previous: number | undefined;
  for (const s of window) {
    if (!s.answered || s.rttMs === undefined) { if (s.answered) answered++; continue; }
    answered++;
    rttSum += s.rttMs;
    if (previous !== undefined) { jitterSum += Math.abs(s.rttMs - previous); jitterPairs++; }
    previous = s.rttMs;
  }
  const samples = window.length;
  const withRtt = window.filter((s) => s.answered && s.rttMs !== undefined).length;
  const m: QualityMetrics = { samples, lossPct: samples === 0 ? 0 : round2(((samples - answered) / samples) * 100) };
  if (withRtt > 0) m.rttMs = round2(rttSum / withRtt);
  if (jitterPairs > 0) m.jitterMs = round2(jitterSum / jitterPairs);
  return m;
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

/** Metrics strictly above their thresholds, in a fixed order (loss, rtt, jitter). */
export function breaches(m: QualityMetrics, t: QualityThresholds): Breach[] {
  const out: Breach[] = [];
  if (m.lossPct > t.lossPct) out.push({ metric: 'lossPct', value: m.lossPct, threshold: t.lossPct });
  if (m.rttMs !== undefined && m.rttMs > t.rttMs) out.push({ metric: 'rttMs', value: m.rttMs, threshold: t.rttMs });
  if (m.jitterMs !== undefined && m.jitterMs > t.jitterMs) out.push({ metric: 'jitterMs', value: m.jitterMs, threshold: t.jitterMs });
  return out;
}

const round2 = (v: number) => Math.round(v * 100) / 100;
