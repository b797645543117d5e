/**
 * Time for the shell. The core never reads a clock: the shell passes `now()`
 * in. A scaled clock lets the agent and the lab run a 10-minute scenario in
 * seconds, in step with each other.
 */
export interface Clock {
  now(): number;
  /** Runs `fn` after `ms` of this clock's time; returns a cancel function. */
  setTimer(fn: () => void, ms: number): () => void;
  sleep(ms: number): Promise<void>;
  /**
   * Time that never steps (a monotonic clock), for telling a step of `now()`
   * (NTP, an RTC fix) from time passing. Absent: steps are not detected (a
   * scaled lab clock never steps).
   */
  monotonicMs?(): number;
}

/** Wall-clock time. */
export const systemClock: Clock = {
  now: () => Date.now(),
  setTimer(fn, ms) {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  monotonicMs: () => performance.now(),
};

/** Time running `speed` times faster than real time, from `startMs`. */
export function scaledClock(speed: number, startMs = Date.now()): Clock {
  if (!(speed > 0)) throw new RangeError(`clock speed must be positive, not ${speed}`);
  const realStart = performance.now();
  return {
    now: () => startMs + Math.floor((performance.now() - realStart) * speed),
    setTimer(fn, ms) {
      const t = setTimeout(fn, Math.max(0, ms / speed));
      return () => clearTimeout(t);
    },
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms / speed))),
  };
}
