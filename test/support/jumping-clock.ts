import type { Clock } from '../../agent/ports/clock.js';

export interface JumpingClock extends Clock {
  /** Steps `now()` by `ms` (negative: back), as an NTP step or an RTC fix does to Date.now(). */
  jump(ms: number): void;
  readonly offsetMs: number;
}

/**
 * `base` whose wall time can be stepped: `now()` jumps, timers and sleeps do
 * not (setTimeout is monotonic, Date.now() is not). The lab keeps true time.
 */
export function jumpingClock(base: Clock): JumpingClock {
  let offset = 0;
  return {
    now: () => base.now() + offset,
    setTimer: (fn, ms) => base.setTimer(fn, ms),
    sleep: (ms) => base.sleep(ms),
    // The time that does not step, as performance.now() beside Date.now().
    monotonicMs: () => base.now(),
    jump(ms) {
      offset += ms;
    },
    get offsetMs() {
      return offset;
    },
  };
}
