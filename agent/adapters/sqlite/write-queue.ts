import { StoreError } from './store-error.js';

export interface WriteQueueOptions {
  /** Give up on a write that found the database locked for this long. */
  maxWaitMs?: number;
  /** Writes waiting; beyond this `run` rejects with STORE_BUSY at once. */
  maxPending?: number;
}

interface Job<T> {
  fn: () => T;
  resolve(v: T): void;
  reject(e: Error): void;
  firstTryMs: number;
}

/**
 * Serialises the main thread's writes and retries them when another connection
 * (the route worker) holds the write lock. The main connection runs with
 * busy_timeout 0, so SQLite never sleeps on the event loop: a locked write is
 * retried on a timer instead, in order.
 */
export class WriteQueue {
  private readonly jobs: Job<unknown>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private delayMs = 1;
  retries = 0;

  constructor(private readonly options: WriteQueueOptions = {}) {}

  run<T>(fn: () => T): Promise<T> {
    if (this.jobs.length >= (this.options.maxPending ?? 10_000)) {
      return Promise.reject(new StoreError('STORE_BUSY', 'too many writes waiting for the database'));
    }
    return new Promise<T>((resolve, reject) => {
      this.jobs.push({ fn, resolve, reject, firstTryMs: Date.now() } as Job<unknown>);
      if (this.jobs.length === 1 && !this.timer) this.drain();
    });
  }

  get pending(): number {
    return this.jobs.length;
  }

  private drain(): void {
    this.timer = undefined;
    while (this.jobs.length > 0) {
      const job = this.jobs[0]!;
      try {
        const value = job.fn();
        this.jobs.shift();
        this.delayMs = 1;
        job.resolve(value);
      } catch (err) {
        const e = err as StoreError;
        if (e.code === 'STORE_BUSY' && Date.now() - job.firstTryMs < (this.options.maxWaitMs ?? 10_000)) {
          this.retries++;
          this.timer = setTimeout(() => this.drain(), this.delayMs);
          this.delayMs = Math.min(this.delayMs * 2, 16);
          return;
        }
        this.jobs.shift();
        job.reject(e);
      }
    }
  }
}
