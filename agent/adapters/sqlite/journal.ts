import type { SqliteDb } from './database.js';
import { guarded, StoreError } from './store-error.js';
import type { JournalEntry, JournalQuery, JournalRow } from '../../ports/store.js';
export type { JournalEntry, JournalQuery, JournalRow };

export interface JournalLimits {
  maxAgeMs: number;
  maxRows: number;
}

const KIND = /^[a-z][a-z0-9.-]{0,63}$/;

/** The agent's timestamped record of what it saw and did; bounded by age and size. */
export class SqliteJournal {
  private readonly stmt;

  constructor(
    private readonly db: SqliteDb,
    private readonly limits: JournalLimits,
  ) {
    this.stmt = guarded('preparing journal statements', () => ({
      insert: db.prepare('INSERT INTO journal (ts_ms, kind, subject, data) VALUES (?, ?, ?, ?)'),
      pruneAge: db.prepare('DELETE FROM journal WHERE ts_ms < ?'),
      pruneRows: db.prepare('DELETE FROM journal WHERE id <= (SELECT MAX(id) FROM journal) - ?'),
    }));
  }

  /** Appends entries in one transaction; returns their ids. */
  append(entries: readonly JournalEntry[]): number[] {
    for (const e of entries) {
      if (!KIND.test(e.kind)) throw new StoreError('STORE_BAD_INPUT', `bad journal kind "${e.kind}"`);
      if (!Number.isFinite(e.tsMs)) throw new StoreError('STORE_BAD_INPUT', `bad journal time for ${e.kind}`);
    }
    return guarded('appending to journal', () =>
      this.db
        .transaction(() =>
          entries.map((e) =>
            Number(this.stmt.insert.run(e.tsMs, e.kind, e.subject ?? null, JSON.stringify(e.data ?? null)).lastInsertRowid),
          ),
        )
        .immediate(),
    );
  }

  query(q: JournalQuery = {}): JournalRow[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.sinceMs !== undefined) {
      where.push('ts_ms >= ?');
      params.push(q.sinceMs);
    }
    if (q.untilMs !== undefined) {
      where.push('ts_ms <= ?');
      params.push(q.untilMs);
    }
    if (q.kinds && q.kinds.length > 0) {
      where.push(`kind IN (${q.kinds.map(() => '?').join(',')})`);
      params.push(...q.kinds);
    }
    const sql = `SELECT id, ts_ms, kind, subject, data FROM journal ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY id ${q.newest ? 'DESC ' : ''}LIMIT ?`;
    params.push(q.limit ?? 1000);
    const rows = guarded('querying journal', () => this.db.prepare(sql).all(...params)) as {
      id: number;
      ts_ms: number;
      kind: string;
      subject: string | null;
      data: string;
    }[];
    if (q.newest) rows.reverse();
    return rows.map((r) => ({
      id: r.id,
      tsMs: r.ts_ms,
      kind: r.kind,
      ...(r.subject !== null ? { subject: r.subject } : {}),
      data: JSON.parse(r.data),
    }));
  }

  /** The kinds of entry the journal holds (one index scan). */
  kinds(): string[] {
    return guarded('listing journal kinds', () =>
      (this.db.prepare('SELECT DISTINCT kind FROM journal ORDER BY kind').all() as { kind: string }[]).map((r) => r.kind),
    );
  }

  /** Drops entries older than the age bound and beyond the row bound; returns how many. */
  prune(nowMs: number): number {
    return guarded('pruning journal', () =>
      this.db
        .transaction(
          () => this.stmt.pruneAge.run(nowMs - this.limits.maxAgeMs).changes + this.stmt.pruneRows.run(this.limits.maxRows).changes,
        )
        .immediate(),
    );
  }
}
