import type { PolicyConfig } from './config.js';

/** Flap damping as BGP route-flap damping (RFC 2439): a penalty per flap, decaying with a half-life. */
export interface Damping {
  penalty: number;
  /** When `penalty` was last brought up to date. */
  atMs: number;
  suppressed: boolean;
}

export const NO_DAMPING: Damping = { penalty: 0, atMs: 0, suppressed: false };

type DampingConfig = PolicyConfig['damping'];

export function decayed(d: Damping, nowMs: number, cfg: DampingConfig): number {
  if (d.penalty === 0) return 0;
  const elapsedSec = Math.max(0, nowMs - d.atMs) / 1000;
  const p = d.penalty * Math.pow(2, -elapsedSec / cfg.halfLifeSec);
  return p < 1 ? 0 : p;
}

/** A flap: decay, add the penalty (capped), suppress at or above the threshold. */
export function flap(d: Damping, nowMs: number, cfg: DampingConfig): Damping {
  const penalty = Math.min(decayed(d, nowMs, cfg) + cfg.penalty, cfg.maxPenalty);
  return { penalty, atMs: nowMs, suppressed: d.suppressed || penalty >= cfg.suppressAt };
}

/** Time passing: decay, and lift suppression once below the reuse threshold. */
export function decay(d: Damping, nowMs: number, cfg: DampingConfig): Damping {
  if (d.penalty === 0) return d;
  // The wall clock stepped back (NTP step, RTC reset): decay from now on. Kept at the later
  // `atMs`, the penalty would stay frozen until the clock caught up (an hour for an hour's step).
  if (nowMs < d.atMs) return { ...d, atMs: nowMs };
  const penalty = decayed(d, nowMs, cfg);
  const suppressed = d.suppressed && penalty >= cfg.reuseBelow;
  if (penalty === d.penalty && suppressed === d.suppressed) return d;
  return { penalty, atMs: nowMs, suppressed };
}

/** When a suppressed candidate becomes usable again, if nothing else happens. */
export function reuseAtMs(d: Damping, cfg: DampingConfig): number | undefined {
  if (!d.suppressed || d.penalty <= 0) return undefined;
  return d.atMs + Math.ceil(cfg.halfLifeSec * Math.log2(d.penalty / cfg.reuseBelow) * 1000);
}
