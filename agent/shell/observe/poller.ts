import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { describeError } from '../../../proto/coded-error.js';
import { drawsInterval, INITIAL_POLL, stepPoll, type PollEffect, type PollEvent } from '../../core/machines/poll-schedule.js';

export interface PollerOptions {
  name: string;
  /** Infinity: no reads of its own, only those a trigger asks for. */
  intervalMs: number;
  /** Each interval varies by up to +/- this fraction: a fleet of spokes must not poll in lockstep. */
  jitter: number;
  read: () => Promise<void>;
  /**
   * Least time from the start of one read to a read a trigger asks for: syslog
   * is unauthenticated UDP, and a flood of hints must not become a flood of
   * `show` commands (a full table read costs the router CPU). Default 0.
   */
  minTriggerIntervalMs?: number;
  clock: Clock;
  log: Logger;
  random?: () => number;
}

/**
 * Reads one command family on an interval with jitter. `trigger()` reads now
 * (syslog woke us), or as soon as the minimum trigger interval allows;
 * triggers during a read or while waiting coalesce into one read.
 * A failing read is logged and retried at the next interval, never thrown.
 * When to read is decided by core/machines/poll-schedule.ts; this runs its timer and reads.
 */
export class Poller {
  private state = INITIAL_POLL;
  private cancelTimer: (() => void) | undefined;
  reads = 0;
  /** Triggers that did not start a read of their own (coalesced or held back). */
  triggersCoalesced = 0;
  failures = 0;

  constructor(private readonly o: PollerOptions) {}

  start(initialDelayMs = 0): void {
    this.dispatch({ kind: 'start', delayMs: initialDelayMs });
  }

  stop(): void {
    this.dispatch({ kind: 'stop' });
  }

  trigger(): void {
    this.dispatch({ kind: 'trigger' });
  }

  /** The next interval: uniform in [interval * (1 - jitter), interval * (1 + jitter)]. */
  nextIntervalMs(): number {
    if (!Number.isFinite(this.o.intervalMs)) return Infinity; // no draw: the seeded stream stays the other pollers'
    const r = (this.o.random ?? Math.random)();
    return Math.round(this.o.intervalMs * (1 + this.o.jitter * (2 * r - 1)));
  }

  private dispatch(event: PollEvent): void {
    const { state, effects } = stepPoll(this.state, event, this.o.clock.now(), this.o.minTriggerIntervalMs ?? 0);
    this.state = state;
    for (const effect of effects) this.execute(effect);
  }

  private execute(effect: PollEffect): void {
    switch (effect.kind) {
      case 'set-timer':
        this.cancelTimer?.();
        this.cancelTimer = this.o.clock.setTimer(() => {
          this.cancelTimer = undefined;
          this.dispatch({ kind: 'due' });
        }, effect.delayMs);
        return;
      case 'cancel-timer':
        this.cancelTimer?.();
        this.cancelTimer = undefined;
        return;
      case 'read':
        void this.read();
        return;
      case 'coalesced':
        this.triggersCoalesced++;
        return;
    }
  }

  private async read(): Promise<void> {
    try {
      this.reads++;
      await this.o.read();
    } catch (err) {
      this.failures++;
      const { code, message } = describeError(err);
      this.o.log.warn('read-failed', { family: this.o.name, code, error: message });
    }
    this.dispatch(drawsInterval(this.state) ? { kind: 'read-finished', intervalMs: this.nextIntervalMs() } : { kind: 'read-finished' });
  }
}
