import type { Broker, IncomingMessage } from '../../ports/broker.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { effectiveSpreadMs, parseSnapshotRequest, SNAPSHOT_LIMITS } from '../../../proto/snapshot.js';
import { describeError } from '../../../proto/coded-error.js';

export interface SnapshotStats {
  requests: number;
  answered: number;
  /** Requests folded into an answer already scheduled (or the next one, inside the interval). */
  coalesced: number;
  refused: number;
}

/**
 * Answers the fleet-wide snapshot request (proto/snapshot.ts) by publishing
 * the birth and current state again: after a random delay within the
 * request's spread, at most once per `minIntervalMs`, never for a retained
 * request (it would fire on every reconnect) nor one for another site.
 */
export class SnapshotResponder {
  readonly stats: SnapshotStats = { requests: 0, answered: 0, coalesced: 0, refused: 0 };
  private lastAnswerMs = Number.NEGATIVE_INFINITY;
  private cancelDue: (() => void) | undefined;
  private off: (() => void) | undefined;

  constructor(
    private readonly o: {
      broker: Broker;
      topic: string;
      site: string;
      /** Publishes the birth and current state again. */
      answer: () => Promise<void>;
      clock: Clock;
      log: Logger;
      random?: () => number;
      minIntervalMs?: number;
    },
  ) {}

  /** Call before broker.start(). */
  start(): void {
    this.off = this.o.broker.onMessage((m) => this.onMessage(m));
    // QoS 0: a request lost to a dropped connection is asked again by the consumer's next start or reconnect.
    // A refusal is logged by the broker adapter, and it subscribes again on every connect.
    void this.o.broker.subscribe(this.o.topic, 0).catch(() => undefined);
  }

  stop(): void {
    this.off?.();
    this.cancelDue?.();
    this.cancelDue = undefined;
  }

  private onMessage(m: IncomingMessage): void {
    if (m.topic !== this.o.topic) return;
    this.stats.requests++;
    const r = parseSnapshotRequest(m.payload);
    if ('error' in r || m.retain || (r.site !== undefined && r.site !== this.o.site)) {
      if ('error' in r) this.o.log.debug('refused', { error: r.error });
      this.stats.refused++;
      return;
    }
    if (this.cancelDue) {
      this.stats.coalesced++;
      return;
    }
    const now = this.o.clock.now();
    const jitter = Math.floor((this.o.random ?? Math.random)() * effectiveSpreadMs(r));
    const earliest = this.lastAnswerMs + (this.o.minIntervalMs ?? SNAPSHOT_LIMITS.minIntervalMs);
    if (earliest > now) this.stats.coalesced++;
    this.cancelDue = this.o.clock.setTimer(() => this.fire(), Math.max(jitter, earliest - now + jitter));
  }

  private fire(): void {
    this.cancelDue = undefined;
    this.lastAnswerMs = this.o.clock.now();
    this.stats.answered++;
    this.o.answer().catch((err: unknown) => {
      const { code, message } = describeError(err);
      this.o.log.warn('answer-failed', { code, error: message });
    });
  }
}
