/**
 * IP Event Dampening (Cisco IOS "IP Event Dampening" configuration guide):
 * each time the interface goes down it earns a penalty of 1000; the penalty
 * decays exponentially, halving every half-life; once it exceeds the suppress
 * threshold the interface is suppressed (down to IP routing) until it decays
 * below the reuse threshold. The penalty never grows past the maximum penalty,
 * reuse x 2^(max-suppress / half-life), so an interface that stops flapping is
 * back within max-suppress seconds. Administrative shutdown clears the
 * penalty (as the guide says administrative state changes are not dampened).
 */
import type { DampeningConfig } from '../config-model.js';

export const FLAP_PENALTY = 1000;
export const DAMPENING_DEFAULTS = { halfLifeSec: 5, reuse: 1000, suppress: 2000, maxSuppressSec: 20 } as const;

export interface DampeningState {
  /** Penalty as of `at` (ms); decay is computed from there. */
  penalty: number;
  at: number;
  suppressed: boolean;
  flaps: number;
  /** The interface's own state last seen, to count up -> down transitions. */
  lastUp: boolean;
}

export function newDampening(up: boolean, at: number, restartPenalty = 0): DampeningState {
  return { penalty: restartPenalty, at, suppressed: false, flaps: 0, lastUp: up };
}

/** The maximum penalty (IOS `show interfaces dampening` column MaxP). */
export function maxPenalty(cfg: DampeningConfig): number {
  return Math.round(cfg.reuse * 2 ** (cfg.maxSuppressSec / cfg.halfLifeSec));
}

export function decayedPenalty(s: DampeningState, cfg: DampeningConfig, now: number): number {
  return s.penalty * 2 ** (-(now - s.at) / 1000 / cfg.halfLifeSec);
}

/** Seconds until a suppressed interface is reused (column ReuseTm); 0 when not suppressed. */
export function reuseTimeSec(s: DampeningState, cfg: DampeningConfig, now: number): number {
  const p = decayedPenalty(s, cfg, now);
  if (!s.suppressed || p <= cfg.reuse) return 0;
  return Math.ceil(cfg.halfLifeSec * Math.log2(p / cfg.reuse));
}

export interface DampeningInput {
  /** The interface's state as the dampening sees it (line protocol). */
  up: boolean;
  adminDown: boolean;
}

export function stepDampening(
  s: DampeningState,
  cfg: DampeningConfig,
  input: DampeningInput,
  now: number,
): { state: DampeningState; change?: 'suppressed' | 'reused' } {
  if (input.adminDown) {
    const state = { penalty: 0, at: now, suppressed: false, flaps: s.flaps, lastUp: false };
    return s.suppressed ? { state, change: 'reused' } : { state };
  }
  let penalty = decayedPenalty(s, cfg, now);
  let flaps = s.flaps;
  if (s.lastUp && !input.up) {
    penalty = Math.min(maxPenalty(cfg), penalty + FLAP_PENALTY);
    flaps++;
  }
  const suppressed = s.suppressed ? penalty >= cfg.reuse : penalty > cfg.suppress;
  const state = { penalty, at: now, suppressed, flaps, lastUp: input.up };
  if (suppressed === s.suppressed) return { state };
  return { state, change: suppressed ? 'suppressed' : 'reused' };
}
