import type { PolicyConfig } from './config.js';
import { decay, flap, NO_DAMPING, type Damping } from './damping.js';
import { breaches, type Breach, type QualityMetrics } from './quality.js';

export type Verdict = 'unknown' | 'good' | 'bad';

/** Why a candidate is bad: a quality breach, or a hard fact that needs no statistics. */
export type BadCause =
  | { kind: 'quality'; breaches: Breach[] }
  | { kind: 'interface-down'; interface: string }
  | { kind: 'unreachable'; consecutiveTimeouts: number };

export interface CandidateHealth {
  verdict: Verdict;
  /** When the current verdict began. */
  sinceMs: number;
  /** Evaluations in a row that breached the fail thresholds (while good). */
  failStreak: number;
  /** Evaluations in a row within the recover thresholds (while bad). */
  recoverStreak: number;
  cause?: BadCause;
  metrics?: QualityMetrics;
  /** Since when every metric has stayed within the recover thresholds (fail back waits on this). */
  cleanSinceMs?: number;
  damping: Damping;
}

export const INITIAL_HEALTH: CandidateHealth = { verdict: 'unknown', sinceMs: 0, failStreak: 0, recoverStreak: 0, damping: NO_DAMPING };

export interface Evidence {
  metrics: QualityMetrics;
  /** The WAN interface is down: bad at once, no streak needed. */
  interfaceDown?: string;
  /** Consecutive unanswered probes at the end of the window. */
  trailingTimeouts: number;
}

/**
 * One evaluation of a candidate on fresh evidence. Fails fast on hard facts,
 * needs `failAfter` failing evaluations to fail on quality, and
 * `recoverAfter` evaluations within the stricter recover thresholds to recover.
 */
export function evaluate(h: CandidateHealth, e: Evidence, cfg: PolicyConfig, nowMs: number): CandidateHealth {
  const damping = decay(h.damping, nowMs, cfg.damping);
  const hard: BadCause | undefined = e.interfaceDown
    ? { kind: 'interface-down', interface: e.interfaceDown }
    : e.trailingTimeouts >= cfg.unreachableAfter
      ? { kind: 'unreachable', consecutiveTimeouts: e.trailingTimeouts }
      : undefined;
  const enough = e.metrics.samples >= cfg.minSamples;
  const recovered = enough && !hard && breaches(e.metrics, cfg.recover).length === 0;
  const base = { ...h, damping, metrics: e.metrics, cleanSinceMs: recovered ? (h.cleanSinceMs ?? nowMs) : undefined };

  if (hard) return toBad(base, hard, h.verdict === 'good', cfg, nowMs);
  if (!enough) return base;

  const failing = breaches(e.metrics, cfg.fail, 'failing');
  switch (h.verdict) {
    case 'unknown':
      return failing.length > 0
        ? toBad(base, { kind: 'quality', breaches: failing }, false, cfg, nowMs)
        : { ...base, verdict: 'good', sinceMs: nowMs, failStreak: 0, recoverStreak: 0, cause: undefined };
    case 'good': {
      if (failing.length === 0) return { ...base, failStreak: 0 };
      const failStreak = h.failStreak + 1;
      return failStreak >= cfg.failAfter
        ? toBad(base, { kind: 'quality', breaches: failing }, true, cfg, nowMs)
        : { ...base, failStreak };
    }
    case 'bad': {
      if (!recovered) {
        // Still bad: keep the original cause's time, refresh what is crossed now.
        const still = breaches(e.metrics, cfg.recover);
        return { ...base, recoverStreak: 0, cause: { kind: 'quality', breaches: failing.length > 0 ? failing : still } };
      }
      const recoverStreak = h.recoverStreak + 1;
      return recoverStreak >= cfg.recoverAfter
        ? { ...base, verdict: 'good', sinceMs: nowMs, failStreak: 0, recoverStreak: 0, cause: undefined }
        : { ...base, recoverStreak };
    }
  }
}

function toBad(h: CandidateHealth, cause: BadCause, isFlap: boolean, cfg: PolicyConfig, nowMs: number): CandidateHealth {
  if (h.verdict === 'bad') return { ...h, cause, recoverStreak: 0 };
  return {
    ...h,
    verdict: 'bad',
    sinceMs: nowMs,
    failStreak: 0,
    recoverStreak: 0,
    cause,
    damping: isFlap ? flap(h.damping, nowMs, cfg.damping) : h.damping,
  };
}

/** Time passing without evidence: only the damping penalty moves. */
export function age(h: CandidateHealth, cfg: PolicyConfig, nowMs: number): CandidateHealth {
  const damping = decay(h.damping, nowMs, cfg.damping);
  return damping === h.damping ? h : { ...h, damping };
}
