import type { RouterCli } from '../../ports/router-cli.js';

interface Job {
  run: () => Promise<unknown>;
  settle: (outcome: { ok: true; value: unknown } | { ok: false; error: unknown }) => void;
}

/**
 * The router's one vty, with the agent's acting commands (configuration and
 * `clear ...`) ahead of the reads waiting for it: a steer never queues behind
 * the shows that pollers woken by the same syslog line asked for first (a
 * `show ip route` of a large table takes seconds). Between the two, the reads
 * a steer is decided on (`urgentReads`: a dual-cloud spoke's hub quality
 * tracks), so the read that calls for a steer does not wait either. What an
 * act or an urgent read leads to (a plan's next command, the steer a read
 * calls for) is queued on the event loop's same turn, behind the promise that
 * settles it: so the reads waiting, urgent ones too, are held one turn after
 * each, and a steer's commands reach the router back to back (a read between
 * the configuration and the soft clears cost the dual-cloud steer 150 ms in
 * the lab). One command at a time reaches the inner port; within each queue,
 * order is kept.
 */
export class ActingFirstRouter implements RouterCli {
  private readonly acts: Job[] = [];
  private readonly urgent: Job[] = [];
  private readonly reads: Job[] = [];
  private readonly urgentReads: ReadonlySet<string>;
  private busy = false;
  /** The job that just ended was an act or an urgent read: reads, urgent or not, wait one turn for what it leads to. */
  private readsWaitATurn = false;

  constructor(
    private readonly inner: RouterCli,
    urgentReads: readonly string[] = [],
  ) {
    this.urgentReads = new Set(urgentReads);
  }

  show(command: string): Promise<string> {
    return this.enqueue(this.urgentReads.has(command) ? this.urgent : this.reads, () => this.inner.show(command));
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
    const act = this.acts.shift();
    if (!act && this.readsWaitATurn && (this.urgent.length > 0 || this.reads.length > 0)) {
      this.readsWaitATurn = false;
      this.busy = true;
      setImmediate(() => {
        this.busy = false;
        this.next();
      });
      return;
    }
    const first = act ?? this.urgent.shift();
    const job = first ?? this.reads.shift();
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
        this.readsWaitATurn = job === first;
        this.next();
      });
  }
}
