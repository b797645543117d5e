import type { OutboxRow } from '../ports/store.js';
import type { Broker, IncomingMessage } from '../ports/broker.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { markHistorical, type StatusPayload } from '../../proto/payloads.js';
import type { Goodbye, PublisherSession } from './publisher-session.js';
import { describeError } from '../../proto/coded-error.js';

/** What the publisher needs of the outbox; `outboxForPublisher` adapts the SQLite one. */
export interface PublisherOutbox {
  peek(limit: number, exclude: ReadonlySet<number>): OutboxRow[];
  /** Deletes delivered rows (through the WriteQueue on the main thread). */
  ack(ids: readonly number[]): Promise<void>;
}

export interface PublisherOptions {
  statusTopic: string;
  /** Publishes awaiting PUBACK at most; default 32. */
  window?: number;
  /** Pause after a failed delete before sending again (the rows will be re-sent). */
  ackRetryMs?: number;
  /**
   * PUBACKed rows are deleted in one transaction at most this often (default
   * 20 ms): each commit is an fsync on the event loop. A crash in between
   * re-sends those rows: duplicates QoS 1 allows, recognisable by id.
   */
  ackFlushMs?: number;
  /** Rows read ahead from the outbox per read; default 4 windows. */
  readAhead?: number;
}

export interface PublisherStats {
  sent: number;
  acked: number;
  replayed: number;
  births: number;
  inFlight: number;
}

/**
 * Drains the outbox to the broker: QoS 1, FIFO within a class, at most
 * `window` unacknowledged, a row deleted only after its PUBACK. After a
 * reconnect or a restart the rows still there are sent again, flagged
 * historical with their original timestamp (not those merely enqueued before
 * the first CONNECT of this run); consumers drop the duplicates QoS 1 allows by `id`.
 * On every connect the birth goes first, before any backlog.
 */
export class Publisher {
  private readonly window: number;
  /** Awaiting PUBACK: what the window counts. */
  private readonly sending = new Set<number>();
  /** Sending, or acknowledged and waiting to be deleted: never peeked again meanwhile. */
  private readonly excluded = new Set<number>();
  /** Read ahead, in order, not yet sent. Cleared on disconnect so a resend starts from the oldest row. */
  private queue: OutboxRow[] = [];
  private queueAt = 0;
  private ackBuffer: number[] = [];
  private ackFlushing = false;
  private drainScheduled = false;
  /**
   * Rows older than this waited across a disconnect or restart (historical).
   * Until the first connection it is when this publisher was made: a row
   * enqueued since, before the first CONNECT, waited for no reconnect.
   */
  private historicalBeforeMs: number;
  private everConnected = false;
  private pausedUntilMs = 0;
  private stopping = false;
  private readonly unsubscribe: (() => void)[] = [];
  private idleWaiters: (() => void)[] = [];
  readonly stats: PublisherStats = { sent: 0, acked: 0, replayed: 0, births: 0, inFlight: 0 };

  constructor(
    private readonly broker: Broker,
    private readonly outbox: PublisherOutbox,
    private readonly session: PublisherSession,
    private readonly options: PublisherOptions,
    private readonly log: Logger,
    private readonly clock: Clock,
  ) {
    this.window = options.window ?? 32;
    this.historicalBeforeMs = clock.now();
  }

  /** Hooks into the broker; call before broker.start() so the first birth is not missed. */
  start(): void {
    this.unsubscribe.push(
      this.broker.onConnect(() => this.connected()),
      this.broker.onDisconnect(() => this.dropReadAhead()),
      this.broker.onMessage((m) => this.ownStatus(m)),
    );
    // A stale Will (a dead connection the broker noticed late) would overwrite our birth: watch for it.
    // A refusal is logged by the broker adapter, and it subscribes again on every connect.
    void this.broker.subscribe(this.options.statusTopic, 1).catch(() => undefined);
    if (this.broker.connected) this.connected();
  }

  private connected(): void {
    if (this.everConnected) this.historicalBeforeMs = this.clock.now();
    this.everConnected = true;
    // A birth lost to a dropped connection is sent again on the next connect; the Will covers the gap.
    void this.publishStatus(this.session.birth()).then(() => this.stats.births++, () => undefined);
    this.kick();
  }

  /** Publishes the birth again (the rebirth command; a stale Will seen). */
  async rebirth(): Promise<void> {
    await this.publishStatus(this.session.birth());
    this.stats.births++;
  }

  private publishStatus(status: StatusPayload): Promise<void> {
    return this.broker.publish({ topic: this.options.statusTopic, payload: JSON.stringify(status), qos: 1, retain: true });
  }

  private ownStatus(m: IncomingMessage): void {
    // Retained copies arrive on subscribe and are old news; a live Will arrives with retain clear.
    if (m.topic !== this.options.statusTopic || m.retain || !this.broker.connected) return;
    let status: Partial<StatusPayload>;
    try { status = JSON.parse(m.payload.toString('utf8')) as Partial<StatusPayload>; } catch { return; /* not a status any spokepilot wrote: nothing to answer */ }
    // Another process's status (its sessions count apart from ours): the duplicate-node watch's business.
    if (status.instance !== undefined && status.instance !== this.session.instance) return;
    if (status.state === 'offline' && typeof status.session === 'number' && status.session < this.session.session) {
      this.log.warn('publisher.stale-will', { staleSession: status.session, session: this.session.session });
      this.rebirth().catch(() => undefined); // a failed birth is sent again by the next connect
    }
  }

  /** Something was enqueued: send it when the window allows. Cheap to call often. */
  kick(): void {
    if (this.drainScheduled) return;
    this.drainScheduled = true;
    setImmediate(() => this.drain());
  }

  private drain(): void {
    this.drainScheduled = false;
    if (this.stopping || !this.broker.connected) return;
    const now = this.clock.now();
    if (now < this.pausedUntilMs) { this.clock.setTimer(() => this.kick(), this.pausedUntilMs - now); return; }
    try {
      while (this.sending.size < this.window && this.broker.connected) {
        if (this.queueAt === this.queue.length && !this.readAhead()) break;
        this.send(this.queue[this.queueAt++]!);
      }
    } catch (err) {
      // A read that fails (I/O error, database closed under us) is retried after a pause, never thrown into the loop.
      const { code, message } = describeError(err);
      this.log.error('publisher.read-failed', { code, error: message });
      this.pausedUntilMs = this.clock.now() + (this.options.ackRetryMs ?? 1000);
      this.clock.setTimer(() => this.kick(), this.options.ackRetryMs ?? 1000);
    }
    this.settleIdle();
  }

  /** One outbox read serves several windows. Returns false when there is nothing to send. */
  private readAhead(): boolean {
    const rows = this.outbox.peek(this.options.readAhead ?? this.window * 4, this.excluded);
    for (const r of rows) this.excluded.add(r.id);
    this.queue = rows;
    this.queueAt = 0;
    return rows.length > 0;
  }

  private dropReadAhead(): void {
    for (let i = this.queueAt; i < this.queue.length; i++) this.excluded.delete(this.queue[i]!.id);
    this.queue = [];
    this.queueAt = 0;
  }

  private send(row: OutboxRow): void {
    const historical = row.createdMs < this.historicalBeforeMs;
    if (historical) this.stats.replayed++;
    this.sending.add(row.id);
    this.excluded.add(row.id);
    this.stats.sent++;
    this.broker.publish({ topic: row.topic, payload: historical ? markHistorical(row.payload) : row.payload, qos: 1, retain: row.retain ?? false }).then(
      () => {
        this.sending.delete(row.id);
        this.ackBuffer.push(row.id);
        this.flushAcks();
        this.kick();
      },
      () => {
        // Connection lost or not up: the row stays in the outbox and goes again after the reconnect.
        this.sending.delete(row.id);
        this.excluded.delete(row.id);
        this.dropReadAhead();
        this.settleIdle();
      },
    );
  }

  private flushAcks(): void {
    if (this.ackFlushing || this.ackBuffer.length === 0) return;
    this.ackFlushing = true;
    // One transaction (one fsync) per burst of PUBACKs; sooner when many are waiting or nothing else is.
    const delay = this.ackBuffer.length >= 1024 || this.sending.size === 0 ? 0 : this.options.ackFlushMs ?? 20;
    this.clock.setTimer(() => {
      const ids = this.ackBuffer;
      this.ackBuffer = [];
      this.outbox.ack(ids).then(
        () => {
          for (const id of ids) this.excluded.delete(id);
          this.stats.acked += ids.length;
        },
        (err: unknown) => {
          const { code, message } = describeError(err);
          this.log.error('publisher.ack-failed', { code, error: message, rows: ids.length });
          for (const id of ids) this.excluded.delete(id);
          this.pausedUntilMs = this.clock.now() + (this.options.ackRetryMs ?? 1000);
        },
      ).finally(() => {
        this.ackFlushing = false;
        if (this.ackBuffer.length > 0) this.flushAcks();
        else this.settleIdle();
        this.kick();
      });
    }, delay);
  }

  get inFlight(): number {
    return this.sending.size;
  }

  private settleIdle(): void {
    this.stats.inFlight = this.sending.size;
    if (this.sending.size > 0 || this.ackBuffer.length > 0 || this.ackFlushing) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when nothing is in flight and every PUBACK has been turned into a delete. */
  idle(): Promise<void> {
    if (this.sending.size === 0 && this.ackBuffer.length === 0 && !this.ackFlushing) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops sending new rows, waits (up to the deadline) for in-flight ones,
   * then says goodbye (offline, retained). Close the broker after this.
   */
  async stop(deadlineMs = 5_000, goodbye?: Goodbye): Promise<void> {
    this.stopping = true;
    await Promise.race([this.idle(), new Promise<void>((r) => this.clock.setTimer(r, deadlineMs))]);
    // No goodbye (the connection dropped meanwhile): the broker publishes our Will instead.
    if (this.broker.connected) await this.publishStatus(this.session.offline('shutdown', goodbye)).catch(() => undefined);
    for (const u of this.unsubscribe.splice(0)) u();
  }
}
