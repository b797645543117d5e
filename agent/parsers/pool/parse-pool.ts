import { Worker } from 'node:worker_threads';
import type { ParseResult } from '../../../proto/records/common.js';
import {
  CommandMismatchError,
  parseAs,
  parseCommandOutput,
  resolveCommand,
  UnsupportedCommandError,
  type CommandId,
  type ParseErrorCode,
  type RecordOf,
} from '../registry.js';
import type { ParseReply, ParseRequest } from './messages.js';
import { resolveWorkerEntry, type WorkerEntry } from '../../workers/worker-entry.js';
import { CodedError } from '../../../proto/coded-error.js';

export interface ParsePoolOptions {
  /** Worker threads; small, the router gives an app one or two cores. */
  size?: number;
  /** Outputs shorter than this are parsed inline: a worker round trip costs more. */
  inlineBelowBytes?: number;
  /** Jobs waiting for a worker before `parse` rejects with POOL_QUEUE_FULL. */
  maxQueue?: number;
  entry?: WorkerEntry;
}

export class ParsePoolError extends CodedError<ParseErrorCode> {}

interface Job {
  req: Extract<ParseRequest, { kind: 'parse' }>;
  records: unknown[];
  resolve(r: ParseResult<unknown>): void;
  reject(e: Error): void;
}

interface Slot {
  worker: Worker;
  job?: Job;
}

/**
 * A small `worker_threads` pool so a huge routing table never blocks the
 * agent's loop. Small outputs are parsed inline; big ones go to an idle worker,
 * or wait in a bounded queue.
 */
export class ParsePool {
  private readonly slots: Slot[] = [];
  private readonly queue: Job[] = [];
  private nextId = 1;
  private closed = false;
  private readonly size: number;
  private readonly inlineBelowBytes: number;
  private readonly maxQueue: number;
  private readonly entry: WorkerEntry;

  constructor(options: ParsePoolOptions = {}) {
    this.size = Math.max(1, options.size ?? 1);
    this.inlineBelowBytes = options.inlineBelowBytes ?? 64 * 1024;
    this.maxQueue = options.maxQueue ?? 16;
    this.entry = options.entry ?? resolveWorkerEntry(import.meta.url, 'parse-worker');
  }

  parse(command: string, text: string): Promise<ParseResult<unknown>> {
    if (this.closed) return Promise.reject(new ParsePoolError('POOL_CLOSED', 'parse pool is closed'));
    if (!resolveCommand(command)) return Promise.reject(new UnsupportedCommandError(command));
    if (text.length < this.inlineBelowBytes) {
      try {
        return Promise.resolve(parseCommandOutput(command, text));
      } catch (err) {
        return Promise.reject(err as Error);
      }
    }
    if (this.queue.length >= this.maxQueue) {
      return Promise.reject(new ParsePoolError('POOL_QUEUE_FULL', `parse queue full (${this.maxQueue} waiting)`));
    }
    return new Promise((resolve, reject) => {
      this.queue.push({ req: { kind: 'parse', id: this.nextId++, command, text }, records: [], resolve, reject });
      this.dispatch();
    });
  }

  /**
   * `parse`, typed by the command's id (see `parseAs` in the registry): `line`
   * is what was sent to the router, and must resolve to `id`.
   */
  async parseAs<Id extends CommandId>(id: Id, text: string, line: string = id): Promise<ParseResult<RecordOf<Id>>> {
    const resolved = resolveCommand(line);
    if (resolved && resolved.spec.id !== id) throw new CommandMismatchError(id, line);
    if (!this.closed && resolved && text.length < this.inlineBelowBytes) return parseAs(id, text, line);
    const result = await this.parse(line, text);
    // Crossed from a worker: it ran the same spec (the line resolves to id, checked above), and
    // structured clone keeps plain records as they were. The one place the type is taken on trust.
    return result as ParseResult<RecordOf<Id>>;
  }

  /** Stops the workers; queued and running jobs reject with POOL_CLOSED. */
  async close(): Promise<void> {
    this.closed = true;
    const err = new ParsePoolError('POOL_CLOSED', 'parse pool closed');
    for (const job of this.queue.splice(0)) job.reject(err);
    await Promise.all(
      this.slots.splice(0).map((s) => {
        s.job?.reject(err);
        return s.worker.terminate();
      }),
    );
  }

  private dispatch(): void {
    while (this.queue.length > 0) {
      const slot = this.slots.find((s) => !s.job) ?? this.spawn();
      if (!slot) return;
      const job = this.queue.shift()!;
      slot.job = job;
      slot.worker.ref(); // a running job keeps the process alive; an idle worker does not
      slot.worker.postMessage(job.req);
    }
  }

  private spawn(): Slot | undefined {
    if (this.slots.length >= this.size) return undefined;
    const worker = new Worker(this.entry.file, { workerData: this.entry.workerData });
    const slot: Slot = { worker };
    worker.on('message', (reply: ParseReply) => this.onReply(slot, reply));
    worker.on('error', (err) => this.onExit(slot, err));
    worker.on('exit', (code) => this.onExit(slot, new Error(`parse worker exited with code ${code}`)));
    worker.unref();
    this.slots.push(slot);
    return slot;
  }

  private onReply(slot: Slot, reply: ParseReply): void {
    const job = slot.job;
    if (!job || job.req.id !== reply.id) return;
    if (reply.kind === 'chunk') {
      for (const r of reply.records) job.records.push(r);
      // Ask for the next chunk only after the loop has had a turn.
      setImmediate(() => {
        if (slot.job === job) slot.worker.postMessage({ kind: 'next', id: job.req.id } satisfies ParseRequest);
      });
      return;
    }
    slot.job = undefined;
    slot.worker.unref();
    if (reply.kind === 'done') job.resolve({ records: job.records, warnings: reply.warnings });
    else job.reject(new ParsePoolError(reply.code, reply.message));
    this.dispatch();
  }

  private onExit(slot: Slot, err: Error): void {
    const i = this.slots.indexOf(slot);
    if (i < 0) return;
    this.slots.splice(i, 1);
    slot.job?.reject(new ParsePoolError('POOL_WORKER_EXITED', err.message));
    if (!this.closed) this.dispatch();
  }
}
