import { describeError } from '../../proto/coded-error.js';
import type { Logger } from '../ports/logger.js';

/**
 * The one shape of every long-lived part (issue 14): started in order, stopped
 * in reverse by one loop. `stop` gets the signal of the whole stop's deadline;
 * a part with a budget of its own keeps within it.
 */
export interface Service {
  readonly name: string;
  start?(): Promise<void> | void;
  stop(signal: AbortSignal): Promise<void> | void;
}

/** Starts services in order; stops the started ones in reverse, each within what is left of the deadline. */
export class Lifecycle {
  private readonly started: Service[] = [];

  constructor(private readonly log: Logger) {}

  /** A service that fails to start stops those started before it (in reverse) and the failure is thrown. */
  async start(services: readonly Service[]): Promise<void> {
    for (const s of services) {
      try {
        await s.start?.();
      } catch (err) {
        const { code, message } = describeError(err);
        this.log.error('service-start-failed', { service: s.name, code, error: message });
        await this.stop(5_000);
        throw err;
      }
      this.started.push(s);
    }
  }

  /**
   * Stops every started service, last started first. A stop that fails is
   * logged and the next goes on; one that outlives the deadline is left behind.
   */
  async stop(deadlineMs: number): Promise<void> {
    const signal = AbortSignal.timeout(Math.max(0, deadlineMs));
    const endAt = Date.now() + deadlineMs;
    for (const s of this.started.splice(0).reverse()) {
      const stopped = Promise.resolve()
        .then(() => s.stop(signal))
        .catch((err: unknown) => {
          const { code, message } = describeError(err);
          this.log.warn('service-stop-failed', { service: s.name, code, error: message });
        });
      await within(stopped, Math.max(0, endAt - Date.now()));
    }
  }
}

/** Waits for `p` at most `ms` (its failure still reaches the caller); past that, stop goes on without it. */
export function within(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.then(() => undefined),
    new Promise<void>((r) => {
      timer = setTimeout(r, ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
