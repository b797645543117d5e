import { describe, expect, it } from 'vitest';
import type { OutboxMessage, OutboxRow } from '../../../agent/adapters/sqlite/outbox.js';
import { OutboxSpill, spillingSink, withSpill } from '../../../agent/shell/report/outbox-spill.js';
import { errorCode } from '../../../proto/coded-error.js';

const msg = (cls: OutboxMessage['class'], createdMs: number, payload = 'x'): OutboxMessage => ({
  class: cls,
  topic: `t/${cls}`,
  payload,
  createdMs,
});

describe('outbox spill: what a full disk refuses is kept in memory and sent from there', () => {
  it('spills what the outbox refuses and counts it; what it takes is not spilled', async () => {
    const spill = new OutboxSpill();
    const failures: string[] = [];
    let full = true;
    const sink = spillingSink(
      async () => {
        if (full) throw Object.assign(new Error('database or disk is full'), { code: 'STORE_DISK_FULL' });
      },
      spill,
      () => undefined,
      (e) => failures.push(errorCode(e) ?? ''),
    );
    await sink([msg('event', 1), msg('state', 2)]);
    full = false;
    await sink([msg('event', 3)]);
    expect(spill.depth).toBe(2);
    expect(failures).toEqual(['STORE_DISK_FULL']);
  });

  it('merges spilled rows with the outbox in delivery order (class, then age) and acks each to its own place', async () => {
    const spill = new OutboxSpill();
    spill.add([msg('telemetry', 5), msg('event', 10)]);
    const stored: OutboxRow[] = [
      { ...msg('event', 20), id: 7 },
      { ...msg('state', 1), id: 8 },
    ];
    const acked: number[][] = [];
    const both = withSpill(
      {
        peek: () => stored,
        ack: async (ids) => {
          acked.push([...ids]);
        },
      },
      spill,
    );
    const rows = both.peek(10, new Set());
    expect(rows.map((r) => [r.class, r.createdMs])).toEqual([
      ['event', 10],
      ['event', 20],
      ['state', 1],
      ['telemetry', 5],
    ]);
    await both.ack(rows.map((r) => r.id));
    expect(acked).toEqual([[7, 8]]);
    expect(spill.depth).toBe(0);
  });

  it('over its bound drops telemetry first, then state, keeping events, and counts what it dropped', () => {
    const spill = new OutboxSpill(40);
    spill.add([
      msg('event', 1, 'e'.repeat(10)),
      msg('telemetry', 2, 't'.repeat(10)),
      msg('state', 3, 's'.repeat(10)),
      msg('event', 4, 'e'.repeat(10)),
    ]);
    expect(spill.peek(10, new Set()).map((r) => r.class)).toEqual(['event', 'event']);
    expect(spill.evicted).toBe(2);
  });
});
