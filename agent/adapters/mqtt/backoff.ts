/**
 * Reconnect delays with exponential backoff and full jitter (AWS architecture
 * blog, "Exponential Backoff And Jitter"): a uniform draw in [0, min(cap,
 * base * 2^attempt)], so 2,000 spokes cut off by the same outage do not come
 * back in lockstep and flatten the broker. Pure: the random source is an argument.
 *
 * `baseMs` is the first window, and it sets the reconnect wave: a fleet cut
 * at once (a broker restarted, a cluster node killed) sends its first tries
 * over that window, so the broker sees about clients / window CONNECTs a
 * second. With a 0.5 s first window 1,000 spokes measured 212-301 CONNECTs a
 * second (docs/fleet-scale.md); the window is derived from the rate instead
 * (firstWindowMs), which costs one spoke a reconnect of half the window on
 * average, well inside the cap + 10 s a cut spoke has to be back.
 */
import { CodedError } from '../../../proto/coded-error.js';

export interface BackoffOptions {
  /** The first window (attempt 0); each failed attempt doubles it up to `capMs`. */
  baseMs: number;
  capMs: number;
}

/**
 * The first window that keeps `clients` cut at once under `connectsPerSec`.
 * Twice clients / rate: under full jitter the first tries of the late clients
 * meet the second tries of the early ones (the rate peaks near 1.5 times the
 * mean at the end of the first window), and a second's count varies around it.
 */
export function firstWindowMs(clients: number, connectsPerSec: number): number {
  if (!(clients > 0) || !(connectsPerSec > 0))
    throw new CodedError(
      'MQTT_BACKOFF_INVALID',
      `a reconnect window for ${clients} clients at ${connectsPerSec} CONNECTs a second: both must be positive`,
    );
  return Math.ceil((2 * clients * 1000) / connectsPerSec);
}

/** Sized for the target of a fleet of 1,000 on one cluster: at most 200 CONNECTs a second (10 s). */
export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: firstWindowMs(1000, 200), capMs: 60_000 };

/** Delay before reconnect attempt `attempt` (0 = first retry). `random` in [0, 1). */
export function fullJitterDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
