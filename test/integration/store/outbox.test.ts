import { describe, expect, it } from 'vitest';
import { SqliteOutbox, type OutboxMessage } from '../../../agent/adapters/sqlite/outbox.js';
import { useTempDatabase } from '../../support/temp-database.js';

const msg = (cls: OutboxMessage['class'], n: number, payload = `{"n":${n}}`): OutboxMessage => ({
  class: cls,
  topic: `spokepilot/v1/site/node/${cls}`,
  payload,
  createdMs: 1000 + n,
});

describe('outbox (real SQLite file)', () => {
  const t = useTempDatabase();

  it('delivers events before state before telemetry, FIFO within a class', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1e6, maxAgeMs: 1e9 });
    outbox.enqueue([msg('telemetry', 1), msg('state', 2), msg('event', 3), msg('telemetry', 4), msg('event', 5)], 0);
    const order = outbox.peek(10).map((r) => JSON.parse(r.payload).n);
    expect(order).toEqual([3, 5, 2, 1, 4]);
  });

  it('keeps rows until acknowledged, and skips those in flight', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1e6, maxAgeMs: 1e9 });
    outbox.enqueue([msg('event', 1), msg('event', 2), msg('event', 3)], 0);
    const first = outbox.peek(2);
    expect(outbox.peek(2, new Set(first.map((r) => r.id))).map((r) => JSON.parse(r.payload).n)).toEqual([3]);
    outbox.ack([first[0]!.id]);
    expect(outbox.peek(10).map((r) => JSON.parse(r.payload).n)).toEqual([2, 3]);
    expect(outbox.depth().total.messages).toBe(2);
  });

  it('survives a reopen with its rows, depth and eviction counts', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 400, maxAgeMs: 1e9 });
    for (let i = 0; i < 10; i++) outbox.enqueue([msg('telemetry', i)], 0);
    const before = { depth: outbox.depth(), evictions: outbox.evictions(), rows: outbox.peek(100) };
    t.reopen();
    const reopened = new SqliteOutbox(t.db, { maxBytes: 400, maxAgeMs: 1e9 });
    expect(reopened.depth()).toEqual(before.depth);
    expect(reopened.evictions()).toEqual(before.evictions);
    expect(reopened.peek(100)).toEqual(before.rows);
  });

  it('evicts the lowest class first when over its byte bound, and counts every eviction', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1000, maxAgeMs: 1e9 });
    const pad = 'x'.repeat(60);
    outbox.enqueue(
      Array.from({ length: 5 }, (_, i) => msg('event', i, pad)),
      0,
    );
    outbox.enqueue(
      Array.from({ length: 5 }, (_, i) => msg('state', 10 + i, pad)),
      0,
    );
    const evicted = outbox.enqueue(
      Array.from({ length: 5 }, (_, i) => msg('telemetry', 20 + i, pad)),
      0,
    );
    expect(evicted.telemetry.messages).toBeGreaterThan(0);
    expect(evicted.event.messages).toBe(0);
    expect(outbox.depth().total.bytes).toBeLessThanOrEqual(1000);
    // Pushing more events pushes out telemetry, then state, never events while others remain.
    const more = outbox.enqueue(
      Array.from({ length: 6 }, (_, i) => msg('event', 30 + i, pad)),
      0,
    );
    expect(outbox.depth().telemetry.messages).toBe(0);
    expect(more.state.messages).toBeGreaterThan(0);
    expect(outbox.depth().event.messages).toBe(11);
    const total = outbox.evictions();
    expect(total.telemetry.messages + total.state.messages).toBe(
      evicted.telemetry.messages + more.telemetry.messages + more.state.messages,
    );
  });

  it('evicts rows past the age bound, counted per class', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1e6, maxAgeMs: 100 });
    outbox.enqueue([msg('event', 0), msg('telemetry', 50), msg('telemetry', 500)], 0);
    const evicted = outbox.expire(1000 + 300);
    expect(evicted.event.messages).toBe(1);
    expect(evicted.telemetry.messages).toBe(1);
    expect(outbox.peek(10).map((r) => JSON.parse(r.payload).n)).toEqual([500]);
    expect(outbox.evictions().telemetry.messages).toBe(1);
  });

  it('refuses an unknown class with a coded error and writes nothing', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1e6, maxAgeMs: 1e9 });
    expect(() => outbox.enqueue([msg('event', 1), { ...msg('event', 2), class: 'bulk' as never }], 0)).toThrow(
      expect.objectContaining({ code: 'STORE_BAD_INPUT' }),
    );
    expect(outbox.depth().total.messages).toBe(0);
  });
});
