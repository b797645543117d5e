/**
 * Reconnect delays with exponential backoff and full jitter (AWS architecture
 * blog, "Exponential Backoff And Jitter"): a uniform draw in [0, min(cap,
 * base * 2^attempt)], so 2,000 spokes cut off by the same outage do not come
 * back in lockstep and flatten the broker. Pure: the random source is an argument.
 */
export interface BackoffOptions {
  baseMs: number;
  capMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { baseMs: 500, capMs: 60_000 };

/** Delay before reconnect attempt `attempt` (0 = first retry). `random` in [0, 1). */
export function fullJitterDelay(attempt: number, options: BackoffOptions, random: () => number): number {
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** Math.min(attempt, 30));
  return Math.floor(random() * ceiling);
}
