/**
 * The publisher's delivery window (issue 14 item 5): which outbox rows are in
 * flight, read ahead, acknowledged and waiting to be deleted, when deletes are
 * batched, and when sending pauses. A pure transition function: the shell
 * (agent/shell/report/publisher.ts) reads the outbox, publishes, deletes and sets
 * timers as the effects say, and feeds back what happened.
 *
 * QoS 1, FIFO within a class, at most `window` unacknowledged; a row is
 * deleted only after its PUBACK. Rows older than `historicalBeforeMs` waited
 * across a disconnect or restart and are sent flagged historical.
 */

export interface DeliveryRow {
  readonly id: number;
  readonly createdMs: number;
}

export interface DeliveryLimits {
  /** Publishes awaiting PUBACK at most. */
  readonly window: number;
  /** Rows read ahead from the outbox per read. */
  readonly readAhead: number;
  /** Pause after a failed read or delete before sending again. */
  readonly retryMs: number;
  /** PUBACKed rows are deleted in one transaction (one fsync) at most this often. */
  readonly ackFlushMs: number;
}

/** A batch this large is deleted at once: waiting would only grow the transaction. */
export const ACK_BATCH_NOW = 1024;

export interface DeliveryState<R extends DeliveryRow> {
  readonly stopping: boolean;
  readonly everConnected: boolean;
  /**
   * Rows older than this are historical. Until the first connection it is when
   * the publisher was made: a row enqueued since, before the first CONNECT,
   * waited for no reconnect.
   */
  readonly historicalBeforeMs: number;
  readonly pausedUntilMs: number;
  /** A drain is scheduled: kicks before it runs coalesce into it. */
  readonly drainScheduled: boolean;
  /** Published, awaiting PUBACK: what the window counts. */
  readonly inFlight: ReadonlySet<number>;
  /** Read ahead, in order; those from `readAt` on are not sent yet. Dropped on disconnect so a resend starts from the oldest row. */
  readonly readAhead: readonly R[];
  readonly readAt: number;
  /** PUBACKed, waiting for the batched delete. */
  readonly ackBatch: readonly number[];
  /** idle; a flush timer set (the batch still grows); a delete under way. */
  readonly ackFlush: 'idle' | 'waiting' | 'deleting';
  readonly deleting: readonly number[];
}

export function initialDelivery<R extends DeliveryRow>(nowMs: number): DeliveryState<R> {
  return {
    stopping: false,
    everConnected: false,
    historicalBeforeMs: nowMs,
    pausedUntilMs: 0,
    drainScheduled: false,
    inFlight: new Set(),
    readAhead: [],
    readAt: 0,
    ackBatch: [],
    ackFlush: 'idle',
    deleting: [],
  };
}

export type DeliveryEvent<R extends DeliveryRow> =
  | { readonly kind: 'connected'; readonly nowMs: number }
  | { readonly kind: 'disconnected' }
  /** Something was enqueued (or the window may have room): drain when the event loop allows. */
  | { readonly kind: 'kick' }
  | { readonly kind: 'drain'; readonly nowMs: number; readonly connected: boolean }
  /** What the `read` effect found; continues the drain. */
  | { readonly kind: 'rows-read'; readonly rows: readonly R[] }
  | { readonly kind: 'read-failed'; readonly nowMs: number }
  | { readonly kind: 'published'; readonly id: number }
  /** Connection lost or not up: the row stays in the outbox and goes again after the reconnect. */
  | { readonly kind: 'publish-failed'; readonly id: number }
  /** The flush timer fell due. */
  | { readonly kind: 'flush-acks' }
  | { readonly kind: 'deleted' }
  | { readonly kind: 'delete-failed'; readonly nowMs: number }
  | { readonly kind: 'stop' };

export type DeliveryEffect<R extends DeliveryRow> =
  | { readonly kind: 'publish-birth' }
  /** Run a `drain` once the event loop is free (setImmediate). */
  | { readonly kind: 'schedule-drain' }
  | { readonly kind: 'kick-after'; readonly delayMs: number }
  /** Read the next rows, skipping `exclude`, and answer `rows-read` or `read-failed`. Always a step's last effect. */
  | { readonly kind: 'read'; readonly limit: number; readonly exclude: ReadonlySet<number> }
  | { readonly kind: 'publish'; readonly row: R; readonly historical: boolean }
  | { readonly kind: 'flush-acks-after'; readonly delayMs: number }
  | { readonly kind: 'delete'; readonly ids: readonly number[] }
  /** A point where the publisher may have become idle: wake whoever waits for it. */
  | { readonly kind: 'settled' };

export interface DeliveryStep<R extends DeliveryRow> {
  readonly state: DeliveryState<R>;
  readonly effects: readonly DeliveryEffect<R>[];
}

/** Nothing in flight and every PUBACK turned into a delete. */
export function deliveryIdle(s: DeliveryState<DeliveryRow>): boolean {
  return s.inFlight.size === 0 && s.ackBatch.length === 0 && s.ackFlush === 'idle';
}

/** Rows never to be read again meanwhile: read ahead and unsent, in flight, or acknowledged and not yet deleted. */
export function excludedRows(s: DeliveryState<DeliveryRow>): ReadonlySet<number> {
  const out = new Set(s.inFlight);
  for (let i = s.readAt; i < s.readAhead.length; i++) out.add(s.readAhead[i]!.id);
  for (const id of s.ackBatch) out.add(id);
  for (const id of s.deleting) out.add(id);
  return out;
}

export function stepDelivery<R extends DeliveryRow>(s: DeliveryState<R>, e: DeliveryEvent<R>, limits: DeliveryLimits): DeliveryStep<R> {
  switch (e.kind) {
    case 'connected': {
      const next = { ...s, everConnected: true, historicalBeforeMs: s.everConnected ? e.nowMs : s.historicalBeforeMs };
      // The birth goes first, before any backlog.
      return withEffects(kick(next), [{ kind: 'publish-birth' }]);
    }
    case 'disconnected':
      return { state: dropReadAhead(s), effects: [] };
    case 'kick':
      return kick(s);
    case 'drain': {
      const next = { ...s, drainScheduled: false };
      if (next.stopping || !e.connected) return { state: next, effects: [] };
      if (e.nowMs < next.pausedUntilMs) return { state: next, effects: [{ kind: 'kick-after', delayMs: next.pausedUntilMs - e.nowMs }] };
      return fill(next, limits);
    }
    case 'rows-read':
      return e.rows.length === 0 ? { state: s, effects: [{ kind: 'settled' }] } : fill({ ...s, readAhead: e.rows, readAt: 0 }, limits);
    case 'read-failed':
      return {
        state: { ...s, pausedUntilMs: e.nowMs + limits.retryMs },
        effects: [{ kind: 'kick-after', delayMs: limits.retryMs }, { kind: 'settled' }],
      };
    case 'published': {
      const next = { ...s, inFlight: without(s.inFlight, e.id), ackBatch: [...s.ackBatch, e.id] };
      const flushed = flushAcks(next, limits);
      const kicked = kick(flushed.state);
      return { state: kicked.state, effects: [...flushed.effects, ...kicked.effects] };
    }
    case 'publish-failed':
      return { state: dropReadAhead({ ...s, inFlight: without(s.inFlight, e.id) }), effects: [{ kind: 'settled' }] };
    case 'flush-acks':
      return { state: { ...s, ackBatch: [], ackFlush: 'deleting', deleting: s.ackBatch }, effects: [{ kind: 'delete', ids: s.ackBatch }] };
    case 'deleted':
      return afterDelete({ ...s, deleting: [], ackFlush: 'idle' }, limits);
    case 'delete-failed':
      // The rows will be re-sent (duplicates QoS 1 allows); pause before sending again.
      return afterDelete({ ...s, deleting: [], ackFlush: 'idle', pausedUntilMs: e.nowMs + limits.retryMs }, limits);
    case 'stop':
      return { state: { ...s, stopping: true }, effects: [] };
  }
}

/** Sends read-ahead rows while the window has room, reading ahead when they run out. */
function fill<R extends DeliveryRow>(s: DeliveryState<R>, limits: DeliveryLimits): DeliveryStep<R> {
  const effects: DeliveryEffect<R>[] = [];
  const inFlight = new Set(s.inFlight);
  let readAt = s.readAt;
  while (inFlight.size < limits.window) {
    if (readAt === s.readAhead.length) {
      const next = { ...s, inFlight, readAt };
      effects.push({ kind: 'read', limit: limits.readAhead, exclude: excludedRows(next) });
      return { state: next, effects };
    }
    const row = s.readAhead[readAt++]!;
    inFlight.add(row.id);
    effects.push({ kind: 'publish', row, historical: row.createdMs < s.historicalBeforeMs });
  }
  effects.push({ kind: 'settled' });
  return { state: { ...s, inFlight, readAt }, effects };
}

function kick<R extends DeliveryRow>(s: DeliveryState<R>): DeliveryStep<R> {
  return s.drainScheduled ? { state: s, effects: [] } : { state: { ...s, drainScheduled: true }, effects: [{ kind: 'schedule-drain' }] };
}

/** One transaction per burst of PUBACKs; sooner when many are waiting or nothing else is in flight. */
function flushAcks<R extends DeliveryRow>(s: DeliveryState<R>, limits: DeliveryLimits): DeliveryStep<R> {
  if (s.ackFlush !== 'idle' || s.ackBatch.length === 0) return { state: s, effects: [] };
  const delayMs = s.ackBatch.length >= ACK_BATCH_NOW || s.inFlight.size === 0 ? 0 : limits.ackFlushMs;
  return { state: { ...s, ackFlush: 'waiting' }, effects: [{ kind: 'flush-acks-after', delayMs }] };
}

function afterDelete<R extends DeliveryRow>(s: DeliveryState<R>, limits: DeliveryLimits): DeliveryStep<R> {
  const flushed: DeliveryStep<R> = s.ackBatch.length > 0 ? flushAcks(s, limits) : { state: s, effects: [{ kind: 'settled' }] };
  return withEffects(kick(flushed.state), flushed.effects);
}

function dropReadAhead<R extends DeliveryRow>(s: DeliveryState<R>): DeliveryState<R> {
  return s.readAhead.length === 0 ? s : { ...s, readAhead: [], readAt: 0 };
}

function without(set: ReadonlySet<number>, id: number): ReadonlySet<number> {
  const out = new Set(set);
  out.delete(id);
  return out;
}

function withEffects<R extends DeliveryRow>(step: DeliveryStep<R>, first: readonly DeliveryEffect<R>[]): DeliveryStep<R> {
  return { state: step.state, effects: [...first, ...step.effects] };
}
