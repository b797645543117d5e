import type { MeteredConfig } from './config.js';
import { counterDelta, type CounterReading, type DeltaKind } from './counters.js';
import { dayKey, periodStartMs } from './period.js';

/** What is counted on one metered WAN: kept in SQLite across restarts (adapters/sqlite/metered-usage.ts). */
export interface MeteredUsage {
  interface: string;
  /** The billing period counted in `periodBytes`. */
  periodStartMs: number;
  periodBytes: number;
  /** The UTC day counted in `dayBytes` (`2026-12-06`). */
  day: string;
  dayBytes: number;
  /** Thresholds (percent) already raised this period: each once. */
  raisedPct: readonly number[];
  /** The newest counter reading: the baseline of the next delta, across restarts too. */
  last?: CounterReading;
}

export type MeteredEvent =
  | { kind: 'threshold'; interface: string; pct: number; periodBytes: number; budget: number; periodStartMs: number }
  /** A new billing period began; `previousBytes` is what the one before counted. */
  | { kind: 'period-start'; interface: string; periodStartMs: number; previousStartMs: number; previousBytes: number }
  /** The counters were cleared or the router reloaded (bytes since are counted; the moments before, lost). */
  | { kind: 'counters-reset'; interface: string; atMs: number };

export interface AccountResult {
  usage: MeteredUsage;
  /** Bytes this reading added. */
  bytes: number;
  delta: DeltaKind;
  events: MeteredEvent[];
}

export function emptyUsage(iface: string, cfg: MeteredConfig, nowMs: number): MeteredUsage {
  return {
    interface: iface,
    periodStartMs: periodStartMs(nowMs, cfg.billingDay),
    periodBytes: 0,
    day: dayKey(nowMs),
    dayBytes: 0,
    raisedPct: [],
  };
}

/**
 * Adds one counter reading. The bytes since the last reading go to the period
 * and day of this reading: a reading across midnight or the billing day puts
 * at most one poll interval's worth on the wrong side.
 */
export function account(usage: MeteredUsage, reading: CounterReading, cfg: MeteredConfig, maxBytesPerSec: number): AccountResult {
  const events: MeteredEvent[] = [];
  const nowMs = reading.atMs;
  let u = usage;
  const start = periodStartMs(nowMs, cfg.billingDay);
  if (start !== u.periodStartMs) {
    // Also on a billing day changed in the configuration: the period is the one the file now says.
    if (start > u.periodStartMs)
      events.push({
        kind: 'period-start',
        interface: u.interface,
        periodStartMs: start,
        previousStartMs: u.periodStartMs,
        previousBytes: u.periodBytes,
      });
    u = { ...u, periodStartMs: start, periodBytes: 0, raisedPct: [] };
  }
  const day = dayKey(nowMs);
  if (day !== u.day) u = { ...u, day, dayBytes: 0 };
  // A reading older than the baseline (the wall clock stepped back) moves the baseline only.
  const d = u.last && reading.atMs < u.last.atMs ? { bytes: 0, kind: 'baseline' as const } : counterDelta(u.last, reading, maxBytesPerSec);
  if (d.kind === 'reset') events.push({ kind: 'counters-reset', interface: u.interface, atMs: nowMs });
  u = { ...u, periodBytes: u.periodBytes + d.bytes, dayBytes: u.dayBytes + d.bytes, last: reading };
  const crossed = cfg.thresholdsPct.filter((pct) => !u.raisedPct.includes(pct) && u.periodBytes * 100 >= cfg.budget * pct);
  for (const pct of crossed)
    events.push({
      kind: 'threshold',
      interface: u.interface,
      pct,
      periodBytes: u.periodBytes,
      budget: cfg.budget,
      periodStartMs: u.periodStartMs,
    });
  if (crossed.length > 0) u = { ...u, raisedPct: [...u.raisedPct, ...crossed] };
  return { usage: u, bytes: d.bytes, delta: d.kind, events };
}

/** The budget of the period is used up: the policy's `whenSpent` applies. */
export const budgetSpent = (u: MeteredUsage, cfg: MeteredConfig): boolean => u.periodBytes >= cfg.budget;

/** Share of the budget used, in percent, one decimal. */
export const usedPct = (u: MeteredUsage, cfg: MeteredConfig): number => Math.round((u.periodBytes / cfg.budget) * 1000) / 10;
