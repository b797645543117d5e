import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { describeError } from '../../proto/coded-error.js';

export interface PollerOptions {
  name: string;
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
 */
export class Poller {
  private cancelTimer: (() => void) | undefined;
  private reading = false;
  private again = false;
  private stopped = true;
  private lastReadStartMs = -Infinity;
  /** When the pending timer fires (the next read), for coalescing triggers. */
  private nextReadAtMs = Infinity;
  reads = 0;
  /** Triggers that did not start a read of their own (coalesced or held back). */
  triggersCoalesced = 0;
  failures = 0;

  constructor(private readonly o: PollerOptions) {}

  start(initialDelayMs = 0): void {
    this.stopped = false;
    this.schedule(initialDelayMs);
  }

  stop(): void {
    this.stopped = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    this.nextReadAtMs = Infinity;
  }

  trigger(): void {
    if (this.stopped) return;
    if (this.reading) { this.again = true; this.triggersCoalesced++; return; }
    const earliest = this.lastReadStartMs + (this.o.minTriggerIntervalMs ?? 0);
    const now = this.o.clock.now();
    if (earliest > now) {
      this.triggersCoalesced++;
      if (this.nextReadAtMs > earliest) { this.cancelTimer?.(); this.schedule(earliest - now); }
      return;
    }
    this.cancelTimer?.();
    void this.run();
  }

  /** The next interval: uniform in [interval * (1 - jitter), interval * (1 + jitter)]. */
  nextIntervalMs(): number {
    const r = (this.o.random ?? Math.random)();
    return Math.round(this.o.intervalMs * (1 + this.o.jitter * (2 * r - 1)));
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.nextReadAtMs = this.o.clock.now() + delayMs;
    this.cancelTimer = this.o.clock.setTimer(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.reading = true;
    this.nextReadAtMs = Infinity;
    this.lastReadStartMs = this.o.clock.now();
    try {
      this.reads++;
      await this.o.read();
    } catch (err) {
      this.failures++;
      const { code, message } = describeError(err);
      this.o.log.warn('read-failed', { family: this.o.name, code, error: message });
    } finally {
      this.reading = false;
    }
    if (this.again) {
      this.again = false;
      const wait = this.lastReadStartMs + (this.o.minTriggerIntervalMs ?? 0) - this.o.clock.now();
      if (wait > 0) this.schedule(wait);
      else void this.run();
      return;
    }
    this.schedule(this.nextIntervalMs());
  }
}
