/**
 * Time for the lab. Everything in the lab reads time and sets timers through
 * a Clock so that tests drive it by hand and a demo can run faster than life.
 * Times are epoch milliseconds (the router prints wall-clock timestamps).
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Clock {
  now(): number;
  /** Calls `fn` once `delayMs` of lab time has passed. */
  setTimer(delayMs: number, fn: () => void): TimerHandle;
  clearTimer(handle: TimerHandle): void;
}

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

  now(): number {
    return this.current;
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const timer = { id: this.nextId++, at: this.current + Math.max(0, delayMs), fn };
    this.timers.push(timer);
    return { id: timer.id };
  }

  clearTimer(handle: TimerHandle): void {
    this.timers = this.timers.filter((t) => t.id !== handle.id);
  }

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

  constructor(readonly speed: number = 1, startMs: number = Date.now()) {
    if (!(speed > 0)) throw new RangeError(`speed must be positive, got ${speed}`);
    this.labStart = startMs;
  }

  now(): number {
    return this.labStart + Math.floor((performance.now() - this.hostStart) * this.speed);
  }

  setTimer(delayMs: number, fn: () => void): TimerHandle {
    const id = this.nextId++;
    const handle = setTimeout(() => {
      this.handles.delete(id);
      fn();
    }, Math.max(0, delayMs) / this.speed);
    this.handles.set(id, handle);
    return { id };
  }

  clearTimer(handle: TimerHandle): void {
    const h = this.handles.get(handle.id);
    if (h) clearTimeout(h);
    this.handles.delete(handle.id);
  }

  /** Cancels every pending timer (so a stopped lab lets the process exit). */
  clearAll(): void {
    for (const h of this.handles.values()) clearTimeout(h);
    this.handles.clear();
  }
}
