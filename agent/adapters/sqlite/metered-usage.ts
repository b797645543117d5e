import type { CounterReading } from '../../core/metered/counters.js';
import type { MeteredUsage } from '../../core/metered/usage.js';
import type { SqliteDb } from './database.js';
import { guarded } from './store-error.js';

interface StateRow {
  interface: string;
  period_start_ms: number;
  period_bytes: number;
  day: string;
  day_bytes: number;
  raised_pct: string;
  last: string | null;
}

/** How long per-day counts are kept: a year and a month, to compare a period with last year's. */
export const METERED_DAYS_KEPT = 400;

/**
 * What each metered WAN counted (tables `metered_state` and `metered_day`,
 * migration 3). The state and the day's row are written in one transaction
 * per reading, so the baseline and the bytes it produced never disagree after
 * a crash: a restart neither loses nor counts a byte twice.
 */
export class SqliteMeteredUsage {
  private readonly stmt;

  constructor(private readonly db: SqliteDb) {
    this.stmt = guarded('preparing metered usage statements', () => ({
      load: db.prepare('SELECT * FROM metered_state WHERE interface = ?'),
      save: db.prepare(`INSERT INTO metered_state (interface, period_start_ms, period_bytes, day, day_bytes, raised_pct, last)
        VALUES (@interface, @period_start_ms, @period_bytes, @day, @day_bytes, @raised_pct, @last)
        ON CONFLICT (interface) DO UPDATE SET period_start_ms = excluded.period_start_ms, period_bytes = excluded.period_bytes,
          day = excluded.day, day_bytes = excluded.day_bytes, raised_pct = excluded.raised_pct, last = excluded.last`),
      saveDay: db.prepare(`INSERT INTO metered_day (interface, day, bytes) VALUES (?, ?, ?)
        ON CONFLICT (interface, day) DO UPDATE SET bytes = excluded.bytes`),
      days: db.prepare('SELECT day, bytes FROM metered_day WHERE interface = ? AND day >= ? ORDER BY day'),
      prune: db.prepare('DELETE FROM metered_day WHERE day < ?'),
    }));
  }

  /** The usage saved for an interface, or undefined (never counted, or a row this agent cannot read). */
  load(iface: string): MeteredUsage | undefined {
    const row = guarded('reading metered usage', () => this.stmt.load.get(iface) as StateRow | undefined);
    if (!row) return undefined;
    const raised = parseJson(row.raised_pct);
    const last = row.last === null ? undefined : parseJson(row.last);
    return {
      interface: row.interface,
      periodStartMs: row.period_start_ms,
      periodBytes: row.period_bytes,
      day: row.day,
      dayBytes: row.day_bytes,
      raisedPct: Array.isArray(raised) ? raised.filter((x): x is number => typeof x === 'number') : [],
      ...(isReading(last) ? { last } : {}),
    };
  }

  save(u: MeteredUsage): void {
    guarded('saving metered usage', () =>
      this.db
        .transaction(() => {
          this.stmt.save.run({
            interface: u.interface,
            period_start_ms: u.periodStartMs,
            period_bytes: u.periodBytes,
            day: u.day,
            day_bytes: u.dayBytes,
            raised_pct: JSON.stringify(u.raisedPct),
            last: u.last ? JSON.stringify(u.last) : null,
          });
          this.stmt.saveDay.run(u.interface, u.day, u.dayBytes);
        })
        .immediate(),
    );
  }

  /** Per-day counts from `fromDay` on (`2026-12-01`), oldest first. */
  days(iface: string, fromDay: string): { day: string; bytes: number }[] {
    return guarded('reading metered days', () => this.stmt.days.all(iface, fromDay) as { day: string; bytes: number }[]);
  }

  prune(beforeDay: string): number {
    return guarded('pruning metered days', () => this.stmt.prune.run(beforeDay).changes);
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

function isReading(v: unknown): v is CounterReading {
  const r = v as CounterReading | undefined;
  return (
    typeof r === 'object' && r !== null && typeof r.atMs === 'number' && typeof r.bytesIn === 'number' && typeof r.bytesOut === 'number'
  );
}
