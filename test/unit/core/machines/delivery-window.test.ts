/**
 * The publisher's delivery window, pure: (state, event) -> (state, effects),
 * with a window of 2, read-ahead of 4, a 1 s retry pause and a 20 ms ack
 * batch. The publisher's integration tests (test/integration/mqtt/) drive the
 * same machine against aedes, mosquitto and a real SQLite outbox.
 */
import { describe, expect, it } from 'vitest';
import {
  deliveryIdle,
  excludedRows,
  initialDelivery,
  stepDelivery,
  type DeliveryEffect,
  type DeliveryEvent,
  type DeliveryLimits,
  type DeliveryRow,
  type DeliveryState,
} from '../../../../agent/core/machines/delivery-window.js';

const LIMITS: DeliveryLimits = { window: 2, readAhead: 4, retryMs: 1_000, ackFlushMs: 20 };
const row = (id: number, createdMs = 5_000): DeliveryRow => ({ id, createdMs });
/** Made at t=1 s, connected once, nothing sent. */
const BASE: DeliveryState<DeliveryRow> = { ...initialDelivery(1_000), everConnected: true };
const ids = (...n: number[]) => new Set(n);

const rows: {
  name: string;
  state: DeliveryState<DeliveryRow>;
  event: DeliveryEvent<DeliveryRow>;
  next: Partial<DeliveryState<DeliveryRow>>;
  effects: DeliveryEffect<DeliveryRow>[];
}[] = [
  {
    name: 'first connect: the birth, then a drain; rows made since start stay live',
    state: initialDelivery(1_000),
    event: { kind: 'connected', nowMs: 2_000 },
    next: { everConnected: true, historicalBeforeMs: 1_000, drainScheduled: true },
    effects: [{ kind: 'publish-birth' }, { kind: 'schedule-drain' }],
  },
  {
    name: 'a reconnect: what is left waited across it (historical from now)',
    state: BASE,
    event: { kind: 'connected', nowMs: 9_000 },
    next: { historicalBeforeMs: 9_000 },
    effects: [{ kind: 'publish-birth' }, { kind: 'schedule-drain' }],
  },
  {
    name: 'kicks coalesce into one scheduled drain',
    state: { ...BASE, drainScheduled: true },
    event: { kind: 'kick' },
    next: { drainScheduled: true },
    effects: [],
  },
  {
    name: 'drain while disconnected: nothing',
    state: { ...BASE, drainScheduled: true },
    event: { kind: 'drain', nowMs: 3_000, connected: false },
    next: { drainScheduled: false },
    effects: [],
  },
  {
    name: 'drain once stopping: nothing new is sent',
    state: { ...BASE, stopping: true, readAhead: [row(1)] },
    event: { kind: 'drain', nowMs: 3_000, connected: true },
    next: { inFlight: ids() },
    effects: [],
  },
  {
    name: 'drain during a pause: resume at its end',
    state: { ...BASE, pausedUntilMs: 3_500 },
    event: { kind: 'drain', nowMs: 3_000, connected: true },
    next: {},
    effects: [{ kind: 'kick-after', delayMs: 500 }],
  },
  {
    name: 'drain with nothing read ahead: read, skipping what is excluded',
    state: { ...BASE, ackBatch: [7] },
    event: { kind: 'drain', nowMs: 3_000, connected: true },
    next: {},
    effects: [{ kind: 'read', limit: 4, exclude: ids(7) }],
  },
  {
    name: 'drain fills the window from the read-ahead, historical by creation time',
    state: { ...BASE, historicalBeforeMs: 4_000, readAhead: [row(1, 3_000), row(2), row(3)] },
    event: { kind: 'drain', nowMs: 6_000, connected: true },
    next: { inFlight: ids(1, 2), readAt: 2 },
    effects: [
      { kind: 'publish', row: row(1, 3_000), historical: true },
      { kind: 'publish', row: row(2), historical: false },
      { kind: 'settled' },
    ],
  },
  {
    name: 'the window full: no send, no read',
    state: { ...BASE, inFlight: ids(1, 2), readAhead: [row(1), row(2), row(3)], readAt: 2 },
    event: { kind: 'drain', nowMs: 6_000, connected: true },
    next: { readAt: 2 },
    effects: [{ kind: 'settled' }],
  },
  {
    name: 'rows read: sent up to the window',
    state: { ...BASE, inFlight: ids(1) },
    event: { kind: 'rows-read', rows: [row(2), row(3)] },
    next: { inFlight: ids(1, 2), readAt: 1 },
    effects: [{ kind: 'publish', row: row(2), historical: false }, { kind: 'settled' }],
  },
  {
    name: 'rows read, fewer than the window: read again, the sent ones excluded',
    state: BASE,
    event: { kind: 'rows-read', rows: [row(2)] },
    next: { inFlight: ids(2), readAt: 1 },
    effects: [
      { kind: 'publish', row: row(2), historical: false },
      { kind: 'read', limit: 4, exclude: ids(2) },
    ],
  },
  { name: 'nothing to read: settled', state: BASE, event: { kind: 'rows-read', rows: [] }, next: {}, effects: [{ kind: 'settled' }] },
  {
    name: 'a read fails: pause, resume after the retry',
    state: BASE,
    event: { kind: 'read-failed', nowMs: 3_000 },
    next: { pausedUntilMs: 4_000 },
    effects: [{ kind: 'kick-after', delayMs: 1_000 }, { kind: 'settled' }],
  },
  {
    name: 'PUBACK with others in flight: batched for 20 ms, and the window has room',
    state: { ...BASE, inFlight: ids(1, 2) },
    event: { kind: 'published', id: 1 },
    next: { inFlight: ids(2), ackBatch: [1], ackFlush: 'waiting', drainScheduled: true },
    effects: [{ kind: 'flush-acks-after', delayMs: 20 }, { kind: 'schedule-drain' }],
  },
  {
    name: 'the last PUBACK: deleted at once',
    state: { ...BASE, inFlight: ids(2) },
    event: { kind: 'published', id: 2 },
    next: { inFlight: ids(), ackBatch: [2], ackFlush: 'waiting' },
    effects: [{ kind: 'flush-acks-after', delayMs: 0 }, { kind: 'schedule-drain' }],
  },
  {
    name: 'a full batch: deleted at once',
    state: { ...BASE, inFlight: ids(2, 3), ackBatch: Array.from({ length: 1023 }, (_, i) => 100 + i) },
    event: { kind: 'published', id: 2 },
    next: { ackFlush: 'waiting' },
    effects: [{ kind: 'flush-acks-after', delayMs: 0 }, { kind: 'schedule-drain' }],
  },
  {
    name: 'PUBACK while a flush waits: joins its batch',
    state: { ...BASE, inFlight: ids(2), ackBatch: [1], ackFlush: 'waiting', drainScheduled: true },
    event: { kind: 'published', id: 2 },
    next: { ackBatch: [1, 2], ackFlush: 'waiting' },
    effects: [],
  },
  {
    name: 'the flush falls due: the batch deleted, still excluded meanwhile',
    state: { ...BASE, ackBatch: [1, 2], ackFlush: 'waiting' },
    event: { kind: 'flush-acks' },
    next: { ackBatch: [], deleting: [1, 2], ackFlush: 'deleting' },
    effects: [{ kind: 'delete', ids: [1, 2] }],
  },
  {
    name: 'deleted, nothing more batched: settled, drain',
    state: { ...BASE, deleting: [1, 2], ackFlush: 'deleting' },
    event: { kind: 'deleted' },
    next: { deleting: [], ackFlush: 'idle' },
    effects: [{ kind: 'settled' }, { kind: 'schedule-drain' }],
  },
  {
    name: 'deleted, more batched meanwhile: flush those next',
    state: { ...BASE, inFlight: ids(4), ackBatch: [3], deleting: [1, 2], ackFlush: 'deleting' },
    event: { kind: 'deleted' },
    next: { ackFlush: 'waiting' },
    effects: [{ kind: 'flush-acks-after', delayMs: 20 }, { kind: 'schedule-drain' }],
  },
  {
    name: 'a delete fails: the rows are sent again after a pause',
    state: { ...BASE, deleting: [1, 2], ackFlush: 'deleting' },
    event: { kind: 'delete-failed', nowMs: 3_000 },
    next: { deleting: [], pausedUntilMs: 4_000 },
    effects: [{ kind: 'settled' }, { kind: 'schedule-drain' }],
  },
  {
    name: 'a publish fails: the row and the read-ahead dropped, to be read again in order',
    state: { ...BASE, inFlight: ids(1, 2), readAhead: [row(1), row(2), row(3)], readAt: 2 },
    event: { kind: 'publish-failed', id: 1 },
    next: { inFlight: ids(2), readAhead: [], readAt: 0 },
    effects: [{ kind: 'settled' }],
  },
  {
    name: 'a disconnect drops the read-ahead',
    state: { ...BASE, readAhead: [row(1), row(2)], readAt: 1 },
    event: { kind: 'disconnected' },
    next: { readAhead: [], readAt: 0 },
    effects: [],
  },
  { name: 'stop: no new sends', state: BASE, event: { kind: 'stop' }, next: { stopping: true }, effects: [] },
];

describe('stepDelivery', () => {
  it.each(rows)('$name', ({ state, event, next, effects }) => {
    const step = stepDelivery(state, event, LIMITS);
    expect(step.state).toMatchObject(next);
    expect(step.effects).toEqual(effects);
  });

  it('excludes rows read ahead and unsent, in flight, batched and being deleted; not those already sent from the read-ahead', () => {
    const s: DeliveryState<DeliveryRow> = {
      ...BASE,
      readAhead: [row(1), row(2), row(3)],
      readAt: 1,
      inFlight: ids(9),
      ackBatch: [8],
      deleting: [7],
    };
    expect([...excludedRows(s)].sort()).toEqual([2, 3, 7, 8, 9]);
  });

  it('is idle only with nothing in flight, batched or being deleted', () => {
    expect(deliveryIdle(BASE)).toBe(true);
    expect(deliveryIdle({ ...BASE, inFlight: ids(1) })).toBe(false);
    expect(deliveryIdle({ ...BASE, ackBatch: [1] })).toBe(false);
    expect(deliveryIdle({ ...BASE, ackFlush: 'deleting' })).toBe(false);
  });

  it('never has more than the window in flight over a run of reads and PUBACKs', () => {
    let s = stepDelivery(BASE, { kind: 'drain', nowMs: 2_000, connected: true }, LIMITS).state;
    let next = 1;
    for (let turn = 0; turn < 20; turn++) {
      s = stepDelivery(s, { kind: 'rows-read', rows: [row(next++), row(next++), row(next++)] }, LIMITS).state;
      expect(s.inFlight.size).toBeLessThanOrEqual(LIMITS.window);
      s = stepDelivery(s, { kind: 'published', id: [...s.inFlight][0]! }, LIMITS).state;
    }
  });
});
