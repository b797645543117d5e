/**
 * Reconnect delays with exponential backoff and full jitter (AWS architecture
 * blog, "Exponential Backoff And Jitter"): a uniform draw in [0, min(cap,
 * base * 2^attempt)], so 2,000 spokes cut off by the same outage do not come
 * back in lockstep and flatten the broker. Pure: the random source is an argument.
 *
 * `baseMs` is the first window W, and it sets the reconnect wave. N clients
 * cut at once (a broker restarted, a cluster node killed) make their first
 * tries uniformly over [0, W]: N / W a second. If the broker is back D s
 * after the cut (D < W), the N·D/W that tried before D try again, each
 * uniformly over the 2W after its failure, adding N·D / (2W²) a second over
 * [D, 2W]; third tries add N·D² / (16W³). From D to W the broker sees
 * (1 + D/2W + D²/16W²) · N/W a second, worst as D nears W: 1.56 · N/W.
 * A broker back later than W meets windows already doubled (below N / W);
 * after a long outage every window is at the cap: about N / (cap / 2).
 * The first window is therefore derived from the rate a cluster takes
 * (firstWindowMs): W = 2N / rate puts the worst expected peak at 0.78 of it,
 * the rest left for one second's chance (±√(peak)) and a cut that is not
 * instantaneous. What it costs one spoke: a reconnect within W (W/2 on
 * average) instead of within 0.5 s, inside the cap + 10 s a cut spoke has to
 * be back. Modelled in test/unit/mqtt/backoff.test.ts, measured in
 * docs/fleet-scale.md.
 */
import { CodedError } from '../../../proto/coded-error.js';

export interface BackoffOptions {
  /** The first window (attempt 0); each failed attempt doubles it up to `capMs`. */
  baseMs: number;
  capMs: number;
}

/**
 * The first window that keeps `clients` cut at once under `connectsPerSec`:
 * twice clients / rate, because the first tries of the late clients meet the
 * second tries of the early ones (a peak of up to 1.56 · clients / window,
 * see above), and a second's count varies around it.
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
