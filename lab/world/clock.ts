import type { Clock } from '../../agent/ports/clock.js';

/**
 * Time for the lab. Everything in the lab reads time and sets timers through
 * a Clock so that tests drive it by hand and a demo can run faster than life.
 * Times are epoch milliseconds (the router prints wall-clock timestamps).
 * One shape for the lab and the agent (agent/ports/clock.ts), so the agent runs on a lab clock as it is.
 */
export type { Clock };

interface PendingTimer {
  id: number;
  at: number;
  fn: () => void;
}

/** A clock that only moves when told to; timers fire in time order, ties in creation order. */
export class ManualClock implements Clock {
  private current: number;
  private nextId = 1;
  private timers: PendingTimer[] = [];

  constructor(startMs: number = Date.UTC(2025, 2, 3, 9, 0, 0)) {
    this.current = startMs;
  }

  // Bound, as the agent's clocks are object literals: `clock.now` is handed around detached.
  readonly now = (): number => this.current;

  readonly setTimer = (fn: () => void, delayMs: number): (() => void) => {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  };

  readonly sleep = (ms: number): Promise<void> => new Promise((resolve) => this.setTimer(resolve, ms));

  /** Moves time forward by `ms`, firing every timer that falls due on the way (including ones they set). */
  advance(ms: number): void {
    const end = this.current + ms;
    for (;;) {
      const due = this.earliestDue(end);
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = due.at;
      due.fn();
    }
    this.current = end;
  }

  pendingTimers(): number {
    return this.timers.length;
  }

  /** When the next timer falls due, or undefined when none is pending. */
  nextDueAt(): number | undefined {
    let at: number | undefined;
    for (const t of this.timers) if (at === undefined || t.at < at) at = t.at;
    return at;
  }

  private earliestDue(end: number): PendingTimer | undefined {
    let best: PendingTimer | undefined;
    for (const t of this.timers) {
      if (t.at > end) continue;
      if (!best || t.at < best.at || (t.at === best.at && t.id < best.id)) best = t;
    }
    return best;
  }
}

/**
 * Real time scaled by `speed`: at speed 10 one lab second lasts 100 ms.
 * Lab time starts at `startMs` (or now) and runs `speed` times faster than the host clock.
 */
export class ScaledClock implements Clock {
  private readonly hostStart = performance.now();
  private readonly labStart: number;
  private nextId = 1;
  private readonly handles = new Map<number, NodeJS.Timeout>();

  constructor(
    readonly speed: number = 1,
    startMs: number = Date.now(),
  ) {
    if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
    this.labStart = startMs;
  }

  // Bound, as the agent's clocks are object literals: `clock.now` is handed around detached.
  readonly now = (): number => this.labStart + Math.floor((performance.now() - this.hostStart) * this.speed);

  readonly setTimer = (fn: () => void, delayMs: number): (() => void) => {
    const id = this.nextId++;
    const handle = setTimeout(
      () => {
        this.handles.delete(id);
        fn();
      },
      Math.max(0, delayMs) / this.speed,
    );
    this.handles.set(id, handle);
    return () => {
      clearTimeout(handle);
      this.handles.delete(id);
    };
  };

  readonly sleep = (ms: number): Promise<void> => new Promise((resolve) => this.setTimer(resolve, ms));

  /** Cancels every pending timer (so a stopped lab lets the process exit). */
  clearAll(): void {
    for (const h of this.handles.values()) clearTimeout(h);
    this.handles.clear();
  }
}
