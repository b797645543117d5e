import type { ManualClock } from '../world/clock.js';

export interface DriverOptions {
  /**
   * Work the host does outside the event loop's reach of the clock (a worker
   * thread storing a route table): the driver waits for it, in real time,
   * before it moves lab time on, so its finishing time never depends on the host.
   */
  backgroundBusy?: () => boolean;
}

const turn = () => new Promise<void>((resolve) => setImmediate(resolve));
const realPause = () => new Promise<void>((resolve) => setTimeout(resolve, 1));

/**
 * Runs everything on one manual clock, one due instant at a time: fire the
 * timers due next, then let every promise they started run to where it waits
 * on the clock again, then move on. Nothing waits on real time, so the same
 * seed gives the same run, and a 30-minute scenario takes as long as its work.
 */
export class ManualDriver {
  constructor(
    private readonly clock: ManualClock,
    private readonly o: DriverOptions = {},
  ) {}

  /** Lets the work started so far settle without moving the clock. */
  async settle(): Promise<void> {
    await turn();
    await turn();
    while (this.o.backgroundBusy?.()) {
      await realPause();
      await turn();
    }
  }

  /** Moves lab time to `untilMs`, settling after each due instant. */
  async runUntil(untilMs: number): Promise<void> {
    await this.settle();
    while (await this.stepBefore(untilMs));
    if (untilMs > this.clock.now()) this.clock.advance(untilMs - this.clock.now());
    await this.settle();
  }

  /** Advances the clock until `p` settles (a start-up that talks to the router); fails past `limitMs` of lab time. */
  async drive<T>(p: Promise<T>, limitMs = 600_000): Promise<T> {
    let done = false;
    const watched = p.finally(() => {
      done = true;
    });
    watched.catch(() => undefined);
    const limit = this.clock.now() + limitMs;
    await this.settle();
    while (!done) {
      if (!(await this.stepBefore(limit)))
        throw new Error(`lab clock ran out of timers (or past ${limitMs} ms) before the awaited work finished`);
    }
    return watched;
  }

  /** Fires the timers due next, if they fall due by `limitMs`, and settles; false when none does. */
  private async stepBefore(limitMs: number): Promise<boolean> {
    const due = this.clock.nextDueAt();
    if (due === undefined || due > limitMs) return false;
    this.clock.advance(Math.max(0, due - this.clock.now()));
    await this.settle();
    return true;
  }
}
