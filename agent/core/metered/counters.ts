/**
 * Byte deltas from successive readings of an interface's counters
 * (`show interfaces X`: `N packets input, B bytes`, `N packets output, B bytes`,
 * `Last clearing of "show interface" counters T`). The counters are the
 * router's own count of what crossed the link: probes, IKE and DPD, tunnel
 * data, telemetry alike, which is what the carrier bills (less its own
 * framing), so nothing here estimates.
 */

export interface CounterReading {
  atMs: number;
  bytesIn: number;
  bytesOut: number;
  /**
   * Seconds since the counters were last cleared (`Last clearing ... 00:01:02`), `never`
   * when IOS says so, absent when the line was not read.
   */
  clearedAgoSec?: number | 'never';
}

export type DeltaKind =
  /** No earlier reading: this one is the baseline, nothing is counted. */
  | 'baseline'
  | 'normal'
  /** A 32-bit counter went past 2^32 and started again (older IOS trains count in 32 bits). */
  | 'wrap'
  /** `clear counters` or a reload: counting started again from zero. */
  | 'reset';

export interface CounterDelta {
  bytes: number;
  kind: DeltaKind;
}

const WRAP = 2 ** 32;

/**
 * The bytes that crossed the interface between two readings, both directions.
 * `maxBytesPerSec` bounds what the link can carry: a decrease is read as a
 * 32-bit wrap only when the wrapped difference fits it.
 */
export function counterDelta(prev: CounterReading | undefined, next: CounterReading, maxBytesPerSec: number): CounterDelta {
  if (!prev) return { bytes: 0, kind: 'baseline' };
  const elapsedMs = Math.max(0, next.atMs - prev.atMs);
  // Cleared since the last reading, and already counted past the old value: the age of the
  // clear is younger than the time between the readings. Everything counted since is new.
  // (A clear's age prints as hh:mm:ss for a day, then `1d02h`, rounded down: a false
  // positive would need the agent to have been away longer than the clear is old.)
  const clearedSince = typeof next.clearedAgoSec === 'number' && next.clearedAgoSec * 1000 < elapsedMs - 1000;
  if (clearedSince) return { bytes: next.bytesIn + next.bytesOut, kind: 'reset' };
  let bytes = 0;
  let kind: DeltaKind = 'normal';
  const budget = (maxBytesPerSec * elapsedMs) / 1000;
  for (const [a, b] of [
    [prev.bytesIn, next.bytesIn],
    [prev.bytesOut, next.bytesOut],
  ] as const) {
    if (b >= a) {
      bytes += b - a;
      continue;
    }
    // Went down. A 32-bit counter that wrapped was in its upper half and, wrapped, moved no
    // more than the link could carry; anything else is a restart from zero (`clear counters`
    // whose line we did not read, or a reload: the counters say `never` again), and the
    // bytes since the restart are what is counted. The bytes between the last reading and
    // the restart are lost: at most one poll interval's worth.
    const wrapped = b + WRAP - a;
    if (a < WRAP && a >= WRAP / 2 && wrapped <= budget) {
      bytes += wrapped;
      if (kind === 'normal') kind = 'wrap';
    } else {
      return { bytes: next.bytesIn + next.bytesOut, kind: 'reset' };
    }
  }
  return { bytes, kind };
}
