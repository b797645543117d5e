import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';

export interface PollerOptions {
  name: string;
  intervalMs: number;
  /** Each interval varies by up to +/- this fraction: a fleet of spokes must not poll in lockstep. */
  jitter: number;
  read: () => Promise<void>;
  clock: Clock;
  log: Logger;
  random?: () => number;
}

/**
 * Reads one command family on an interval with jitter. `trigger()` reads now
 * (syslog woke us); triggers during a read coalesce into one read after it.
 * A failing read is logged and retried at the next interval, never thrown.
 */
export class Poller {
  private cancelTimer: (() => void) | undefined;
  private reading = false;
  private again = false;
  private stopped = true;
  reads = 0;
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
  }

  trigger(): void {
    if (this.stopped) return;
    if (this.reading) { this.again = true; return; }
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
    this.cancelTimer = this.o.clock.setTimer(() => void this.run(), delayMs);
  }

  private async run(): Promise<void> {
    this.reading = true;
    try {
      this.reads++;
      await this.o.read();
    } catch (err) {
      this.failures++;
      const e = err as Error & { code?: string };
      this.o.log.warn('read-failed', { family: this.o.name, code: e.code, error: e.message });
    } finally {
      this.reading = false;
    }
    if (this.again) {
      this.again = false;
      void this.run();
      return;
    }
    this.schedule(this.nextIntervalMs());
  }
}
