import { untilAborted } from '../../../proto/abort.js';
import type { OutboxRow } from '../../ports/store.js';
import type { Broker, IncomingMessage } from '../../ports/broker.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { markHistorical, type StatusPayload } from '../../../proto/payloads.js';
import type { Goodbye, PublisherSession } from './publisher-session.js';
import { describeError } from '../../../proto/coded-error.js';
import {
  deliveryIdle,
  initialDelivery,
  stepDelivery,
  type DeliveryEffect,
  type DeliveryEvent,
  type DeliveryLimits,
  type DeliveryState,
} from '../../core/machines/delivery-window.js';

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
 * What to send, delete and wait for is decided by core/machines/delivery-window.ts;
 * this reads the outbox, publishes, deletes and runs the timers it asks for.
 */
export class Publisher {
  private readonly limits: DeliveryLimits;
  private state: DeliveryState<OutboxRow>;
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
    const window = options.window ?? 32;
    this.limits = {
      window,
      readAhead: options.readAhead ?? window * 4,
      retryMs: options.ackRetryMs ?? 1000,
      ackFlushMs: options.ackFlushMs ?? 20,
    };
    this.state = initialDelivery(clock.now());
  }

  /** Hooks into the broker; call before broker.start() so the first birth is not missed. */
  start(): void {
    this.unsubscribe.push(
      this.broker.onConnect(() => this.dispatch({ kind: 'connected', nowMs: this.clock.now() })),
      this.broker.onDisconnect(() => this.dispatch({ kind: 'disconnected' })),
      this.broker.onMessage((m) => this.ownStatus(m)),
    );
    // A stale Will (a dead connection the broker noticed late) would overwrite our birth: watch for it.
    // A refusal is logged by the broker adapter, and it subscribes again on every connect.
    void this.broker.subscribe(this.options.statusTopic, 1).catch(() => undefined);
    if (this.broker.connected) this.dispatch({ kind: 'connected', nowMs: this.clock.now() });
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
    try {
      status = JSON.parse(m.payload.toString('utf8')) as Partial<StatusPayload>;
    } catch {
      return; /* not a status any spokepilot wrote: nothing to answer */
    }
    // Another process's status (its sessions count apart from ours): the duplicate-node watch's business.
    if (status.instance !== undefined && status.instance !== this.session.instance) return;
    if (status.state === 'offline' && typeof status.session === 'number' && status.session < this.session.session) {
      this.log.warn('stale-will', { staleSession: status.session, session: this.session.session });
      this.rebirth().catch(() => undefined); // a failed birth is sent again by the next connect
    }
  }

  /** Something was enqueued: send it when the window allows. Cheap to call often. */
  kick(): void {
    this.dispatch({ kind: 'kick' });
  }

  private dispatch(event: DeliveryEvent<OutboxRow>): void {
    const { state, effects } = stepDelivery(this.state, event, this.limits);
    this.state = state;
    for (const effect of effects) this.execute(effect);
  }

  private execute(effect: DeliveryEffect<OutboxRow>): void {
    switch (effect.kind) {
      case 'publish-birth':
        // A birth lost to a dropped connection is sent again on the next connect; the Will covers the gap.
        void this.publishStatus(this.session.birth()).then(
          () => this.stats.births++,
          () => undefined,
        );
        return;
      case 'schedule-drain':
        setImmediate(() => this.dispatch({ kind: 'drain', nowMs: this.clock.now(), connected: this.broker.connected }));
        return;
      case 'kick-after':
        this.clock.setTimer(() => this.kick(), effect.delayMs);
        return;
      case 'read':
        this.read(effect.limit, effect.exclude);
        return;
      case 'publish':
        this.send(effect.row, effect.historical);
        return;
      case 'flush-acks-after':
        this.clock.setTimer(() => this.dispatch({ kind: 'flush-acks' }), effect.delayMs);
        return;
      case 'delete':
        this.delete(effect.ids);
        return;
      case 'settled':
        this.settled();
        return;
    }
  }

  /** One outbox read serves several windows; always a step's last effect, so answering it at once is safe. */
  private read(limit: number, exclude: ReadonlySet<number>): void {
    let rows: OutboxRow[];
    try {
      rows = this.outbox.peek(limit, exclude);
    } catch (err) {
      // A read that fails (I/O error, database closed under us) is retried after a pause, never thrown into the loop.
      const { code, message } = describeError(err);
      this.log.error('read-failed', { code, error: message });
      this.dispatch({ kind: 'read-failed', nowMs: this.clock.now() });
      return;
    }
    this.dispatch({ kind: 'rows-read', rows });
  }

  private send(row: OutboxRow, historical: boolean): void {
    if (historical) this.stats.replayed++;
    this.stats.sent++;
    this.broker
      .publish({ topic: row.topic, payload: historical ? markHistorical(row.payload) : row.payload, qos: 1, retain: row.retain ?? false })
      .then(
        () => this.dispatch({ kind: 'published', id: row.id }),
        () => this.dispatch({ kind: 'publish-failed', id: row.id }),
      );
  }

  private delete(ids: readonly number[]): void {
    this.outbox.ack(ids).then(
      () => {
        this.stats.acked += ids.length;
        this.dispatch({ kind: 'deleted' });
      },
      (err: unknown) => {
        const { code, message } = describeError(err);
        this.log.error('ack-failed', { code, error: message, rows: ids.length });
        this.dispatch({ kind: 'delete-failed', nowMs: this.clock.now() });
      },
    );
  }

  get inFlight(): number {
    return this.state.inFlight.size;
  }

  private settled(): void {
    this.stats.inFlight = this.state.inFlight.size;
    if (!deliveryIdle(this.state)) return;
    const waiters = this.idleWaiters;
    this.idleWaiters = [];
    for (const w of waiters) w();
  }

  /** Resolves when nothing is in flight and every PUBACK has been turned into a delete. */
  idle(): Promise<void> {
    if (deliveryIdle(this.state)) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops sending new rows, waits (until `signal` aborts, 5 s by default) for
   * in-flight ones, then says goodbye (offline, retained). Close the broker after this.
   */
  async stop(signal: AbortSignal = AbortSignal.timeout(5_000), goodbye?: Goodbye): Promise<void> {
    this.dispatch({ kind: 'stop' });
    await untilAborted(this.idle(), signal);
    // No goodbye (the connection dropped meanwhile): the broker publishes our Will instead.
    if (this.broker.connected) await this.publishStatus(this.session.offline('shutdown', goodbye)).catch(() => undefined);
    for (const u of this.unsubscribe.splice(0)) u();
  }
}
