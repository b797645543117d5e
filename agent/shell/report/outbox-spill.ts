import type { OutboxClass, OutboxMessage, OutboxRow } from '../../ports/store.js';
import type { PublisherOutbox } from './publisher.js';

const RANK: Record<OutboxClass, number> = { event: 0, state: 1, telemetry: 2 };

/**
 * Where reports go when the SQLite outbox cannot take them (a full disk): a
 * bounded queue in memory that the publisher sends from as it sends from the
 * outbox. The fault suite found a decision made while the disk was full
 * written nowhere: neither journal nor outbox, and the fleet never heard of
 * it. Spilled messages survive until delivered or the process ends (they
 * could not be made durable); over `maxBytes` the least important go first
 * (telemetry, then state, then the oldest events), counted.
 */
export class OutboxSpill {
  private rows: OutboxRow[] = [];
  private nextId = -1;
  private bytes = 0;
  /** Messages that could not be appended to the outbox and were kept here instead. */
  spilled = 0;
  evicted = 0;

  constructor(private readonly maxBytes = 1024 * 1024) {}

  get depth(): number {
    return this.rows.length;
  }

  add(messages: readonly OutboxMessage[]): void {
    for (const m of messages) {
      // Negative ids never meet the outbox's own (SQLite rowids are positive).
      this.rows.push({ ...m, id: this.nextId-- });
      this.bytes += size(m);
      this.spilled++;
    }
    while (this.bytes > this.maxBytes && this.rows.length > 0) this.evictOne();
  }

  peek(limit: number, exclude: ReadonlySet<number>): OutboxRow[] {
    const out: OutboxRow[] = [];
    for (const r of this.rows) {
      if (exclude.has(r.id)) continue;
      out.push(r);
      if (out.length === limit) break;
    }
    return out;
  }

  ack(ids: readonly number[]): void {
    const gone = new Set(ids);
    this.rows = this.rows.filter((r) => {
      if (!gone.has(r.id)) return true;
      this.bytes -= size(r);
      return false;
    });
  }

  private evictOne(): void {
    let victim = 0;
    for (let i = 1; i < this.rows.length; i++) if (RANK[this.rows[i]!.class] > RANK[this.rows[victim]!.class]) victim = i;
    this.bytes -= size(this.rows[victim]!);
    this.rows.splice(victim, 1);
    this.evicted++;
  }
}

const size = (m: OutboxMessage) => m.topic.length + m.payload.length;

/** Appends to the outbox; what it refuses is spilled to memory and `onFailure` told (counted as a store error); `onSuccess` after each append that took. */
export function spillingSink(
  append: (messages: OutboxMessage[]) => Promise<void>,
  spill: OutboxSpill,
  wake: () => void,
  onFailure: (err: unknown) => void,
  onSuccess: () => void = () => undefined,
): (messages: OutboxMessage[]) => Promise<void> {
  return async (messages) => {
    try {
      await append(messages);
      onSuccess();
    } catch (err) {
      onFailure(err);
      spill.add(messages);
      wake();
    }
  };
}

/**
 * The outbox and its spill as one, in delivery order: by class (events
 * first), then by age, so a spilled event is not sent after a newer one the
 * disk took once space came back.
 */
export function withSpill(outbox: PublisherOutbox, spill: OutboxSpill): PublisherOutbox {
  return {
    peek(limit, exclude) {
      const stored = outbox.peek(limit, exclude);
      if (spill.depth === 0) return stored;
      return [...stored, ...spill.peek(limit, exclude)]
        .sort((a, b) => RANK[a.class] - RANK[b.class] || a.createdMs - b.createdMs || Math.sign(b.id) - Math.sign(a.id))
        .slice(0, limit);
    },
    async ack(ids) {
      spill.ack(ids.filter((id) => id < 0));
      const stored = ids.filter((id) => id > 0);
      if (stored.length > 0) await outbox.ack(stored);
    },
  };
}
