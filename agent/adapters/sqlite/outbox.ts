import type { SqliteDb } from './database.js';
import { guarded, StoreError } from './store-error.js';
import type { ClassCount, Evictions, OutboxClass, OutboxMessage, OutboxRow } from '../../ports/store.js';
export type { ClassCount, Evictions, OutboxClass, OutboxMessage, OutboxRow };

const CLASS_RANK: Record<OutboxClass, number> = { event: 0, state: 1, telemetry: 2 };
const CLASSES: readonly OutboxClass[] = ['event', 'state', 'telemetry'];

export interface OutboxLimits {
  maxBytes: number;
  maxAgeMs: number;
}

const zeroCounts = (): Evictions => ({
  event: { messages: 0, bytes: 0 },
  state: { messages: 0, bytes: 0 },
  telemetry: { messages: 0, bytes: 0 },
});

/**
 * What the MQTT publisher owes the broker. A row leaves only on `ack` (the
 * broker's PUBACK) or by eviction, and every eviction is counted, persistently,
 * per class: when space or age runs out the lowest class goes first.
 */
export class SqliteOutbox {
  private readonly depthByClass: Evictions = zeroCounts();
  private readonly stmt;

  constructor(
    private readonly db: SqliteDb,
    private readonly limits: OutboxLimits,
  ) {
    if (!(limits.maxBytes > 0) || !(limits.maxAgeMs > 0)) {
      throw new StoreError('STORE_BAD_INPUT', 'outbox limits must be positive');
    }
    this.stmt = guarded('preparing outbox statements', () => ({
      insert: db.prepare('INSERT INTO outbox (class, topic, payload, bytes, retain, created_ms) VALUES (?, ?, ?, ?, ?, ?)'),
      peek: db.prepare('SELECT id, class, topic, payload, retain, created_ms FROM outbox ORDER BY class, id LIMIT ?'),
      remove: db.prepare('DELETE FROM outbox WHERE id = ? RETURNING class, bytes'),
      oldestOfClass: db.prepare('SELECT id, bytes FROM outbox WHERE class = ? ORDER BY id LIMIT ?'),
      expired: db.prepare('DELETE FROM outbox WHERE created_ms < ? RETURNING class, bytes'),
      countEviction: db.prepare(
        `INSERT INTO outbox_evictions (class, messages, bytes, last_ms) VALUES (?, ?, ?, ?)
         ON CONFLICT (class) DO UPDATE SET messages = messages + excluded.messages,
           bytes = bytes + excluded.bytes, last_ms = excluded.last_ms`,
      ),
      evictions: db.prepare('SELECT class, messages, bytes FROM outbox_evictions'),
      depth: db.prepare('SELECT class, COUNT(*) AS messages, COALESCE(SUM(bytes), 0) AS bytes FROM outbox GROUP BY class'),
    }));
    this.reloadDepth();
  }

  private reloadDepth(): void {
    guarded('reading outbox depth', () => {
      Object.assign(this.depthByClass, zeroCounts());
      for (const row of this.stmt.depth.all() as { class: number; messages: number; bytes: number }[]) {
        this.depthByClass[CLASSES[row.class]!] = { messages: row.messages, bytes: row.bytes };
      }
    });
  }

  /** Runs fn in a transaction; the in-memory depth follows the rollback when it fails. */
  private atomically<T>(doing: string, fn: () => T): T {
    try {
      return guarded(doing, () => this.db.transaction(fn).immediate());
    } catch (err) {
      try {
        this.reloadDepth();
      } catch {
        /* the original error is the one to report */
      }
      throw err;
    }
  }

  /** Appends messages in one transaction, then enforces the byte bound. Returns what it evicted. */
  enqueue(messages: readonly OutboxMessage[], nowMs: number): Evictions {
    for (const m of messages) {
      if (!(m.class in CLASS_RANK)) throw new StoreError('STORE_BAD_INPUT', `unknown outbox class "${String(m.class)}"`);
    }
    return this.atomically('enqueueing to outbox', () => {
      for (const m of messages) {
        const bytes = Buffer.byteLength(m.topic) + Buffer.byteLength(m.payload);
        this.stmt.insert.run(CLASS_RANK[m.class], m.topic, m.payload, bytes, m.retain ? 1 : 0, m.createdMs);
        const d = this.depthByClass[m.class];
        d.messages++;
        d.bytes += bytes;
      }
      return this.evictOverBytes(nowMs);
    });
  }

  /** The next rows to send, highest class first, FIFO within a class, skipping those in flight. */
  peek(limit: number, inFlight: ReadonlySet<number> = new Set()): OutboxRow[] {
    const rows = guarded('reading outbox', () => this.stmt.peek.all(limit + inFlight.size)) as {
      id: number;
      class: number;
      topic: string;
      payload: string;
      retain: number;
      created_ms: number;
    }[];
    const out: OutboxRow[] = [];
    for (const r of rows) {
      if (inFlight.has(r.id)) continue;
      out.push({ id: r.id, class: CLASSES[r.class]!, topic: r.topic, payload: r.payload, retain: r.retain === 1, createdMs: r.created_ms });
      if (out.length === limit) break;
    }
    return out;
  }

  /** Removes delivered rows (the broker acknowledged them). Unknown ids are ignored. */
  ack(ids: readonly number[]): void {
    this.atomically('acknowledging outbox rows', () => {
      for (const id of ids) {
        const row = this.stmt.remove.get(id) as { class: number; bytes: number } | undefined;
        if (row) this.shrink(CLASSES[row.class]!, 1, row.bytes);
      }
    });
  }

  /** Evicts rows older than the age bound; counted like every eviction. */
  expire(nowMs: number): Evictions {
    return this.atomically('expiring outbox rows', () => {
      const evicted = zeroCounts();
      for (const row of this.stmt.expired.all(nowMs - this.limits.maxAgeMs) as { class: number; bytes: number }[]) {
        const c = CLASSES[row.class]!;
        evicted[c].messages++;
        evicted[c].bytes += row.bytes;
        this.shrink(c, 1, row.bytes);
      }
      this.recordEvictions(evicted, nowMs);
      return evicted;
    });
  }

  depth(): Evictions & { total: ClassCount } {
    const d = this.depthByClass;
    const total = {
      messages: d.event.messages + d.state.messages + d.telemetry.messages,
      bytes: d.event.bytes + d.state.bytes + d.telemetry.bytes,
    };
    return { event: { ...d.event }, state: { ...d.state }, telemetry: { ...d.telemetry }, total };
  }

  /** Evictions since the database was created, per class. */
  evictions(): Evictions {
    const out = zeroCounts();
    for (const r of guarded('reading evictions', () => this.stmt.evictions.all()) as { class: number; messages: number; bytes: number }[]) {
      out[CLASSES[r.class]!] = { messages: r.messages, bytes: r.bytes };
    }
    return out;
  }

  private totalBytes(): number {
    return this.depthByClass.event.bytes + this.depthByClass.state.bytes + this.depthByClass.telemetry.bytes;
  }

  // Runs inside enqueue's transaction.
  private evictOverBytes(nowMs: number): Evictions {
    const evicted = zeroCounts();
    for (let rank = CLASSES.length - 1; rank >= 0 && this.totalBytes() > this.limits.maxBytes; rank--) {
      const c = CLASSES[rank]!;
      while (this.totalBytes() > this.limits.maxBytes && this.depthByClass[c].messages > 0) {
        const batch = this.stmt.oldestOfClass.all(rank, 256) as { id: number; bytes: number }[];
        for (const row of batch) {
          if (this.totalBytes() <= this.limits.maxBytes) break;
          this.stmt.remove.run(row.id);
          evicted[c].messages++;
          evicted[c].bytes += row.bytes;
          this.shrink(c, 1, row.bytes);
        }
      }
    }
    this.recordEvictions(evicted, nowMs);
    return evicted;
  }

  private recordEvictions(evicted: Evictions, nowMs: number): void {
    CLASSES.forEach((c, rank) => {
      if (evicted[c].messages > 0) this.stmt.countEviction.run(rank, evicted[c].messages, evicted[c].bytes, nowMs);
    });
  }

  private shrink(c: OutboxClass, messages: number, bytes: number): void {
    this.depthByClass[c].messages -= messages;
    this.depthByClass[c].bytes -= bytes;
  }
}
