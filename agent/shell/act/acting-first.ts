import type { RouterCli } from '../../ports/router-cli.js';

interface Job {
  run: () => Promise<unknown>;
  settle: (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
}

/**
 * The router's one vty, with the agent's acting commands (configuration and
 * `clear ...`) ahead of the reads waiting for it: a steer never queues behind
 * the shows that pollers woken by the same syslog line asked for first (a
 * `show ip route` of a large table takes seconds). One command at a time
 * reaches the inner port; among themselves, acts and reads keep their order.
 */
export class ActingFirstRouter implements RouterCli {
  private readonly acts: Job[] = [];
  private readonly reads: Job[] = [];
  private busy = false;

  constructor(private readonly inner: RouterCli) {}

  show(command: string): Promise<string> {
    return this.enqueue(this.reads, () => this.inner.show(command));
  }

  configure(lines: readonly string[]): Promise<void> {
    return this.enqueue(this.acts, () => this.inner.configure(lines));
  }

  exec(command: string): Promise<string> {
    return this.enqueue(this.acts, () => this.inner.exec(command));
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  private enqueue<T>(queue: Job[], run: () => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      queue.push({ run, settle: (o) => (o.ok ? resolve(o.value as T) : reject(o.error)) });
      this.next();
    });
  }

  private next(): void {
    if (this.busy) return;
    const job = this.acts.shift() ?? this.reads.shift();
    if (!job) return;
    this.busy = true;
    job
      .run()
      .then(
        (value) => job.settle({ ok: true, value }),
        (error: unknown) => job.settle({ ok: false, error }),
      )
      .finally(() => {
        this.busy = false;
        this.next();
      });
  }
}
