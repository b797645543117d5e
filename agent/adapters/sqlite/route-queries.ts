import type { Route } from '../../../proto/records/routing.js';
import type { SqliteDb } from './database.js';
import { parseStoredRoute, parseTableKey, tableKey, type TableId } from './route-key.js';
import { guarded } from './store-error.js';
import type { CachedRoute, SnapshotInfo } from '../../ports/store.js';
export type { CachedRoute, SnapshotInfo };

export type RouteChangeKind = 'added' | 'removed' | 'changed';

export interface RouteChange {
  tsMs: number;
  table: TableId;
  prefix: string;
  change: RouteChangeKind;
  before?: Route;
  after?: Route;
}

interface VersionRow {
  prefix: string;
  from_snap: number;
  to_snap: number | null;
  route: string;
  age_sec: number | null;
  from_ts: number;
}

/**
 * Read side of the route cache. Sees only complete snapshots, so it may run on
 * another connection while an ingest is half-way through.
 */
export class SqliteRouteQueries {
  private readonly stmt;

  constructor(private readonly db: SqliteDb) {
    this.stmt = guarded('preparing route queries', () => ({
      tables: db.prepare('SELECT DISTINCT table_key FROM route_snapshot WHERE complete = 1 ORDER BY table_key'),
      snapshotAt: db.prepare(
        'SELECT * FROM route_snapshot WHERE table_key = ? AND complete = 1 AND ts_ms <= ? ORDER BY ts_ms DESC, id DESC LIMIT 1',
      ),
      latestSnapshot: db.prepare('SELECT * FROM route_snapshot WHERE table_key = ? AND complete = 1 ORDER BY id DESC LIMIT 1'),
      snapshotsSince: db.prepare('SELECT * FROM route_snapshot WHERE complete = 1 AND ts_ms > ? ORDER BY ts_ms, id'),
      versionsAt: db.prepare(
        `SELECT prefix, from_snap, to_snap, route, age_sec, from_ms AS from_ts FROM route_version
          WHERE table_key = ? AND from_snap <= ? AND (to_snap IS NULL OR to_snap > ?)`,
      ),
      opened: db.prepare('SELECT prefix, route FROM route_version WHERE from_snap = ?'),
      closed: db.prepare('SELECT prefix, route FROM route_version WHERE to_snap = ?'),
      oldestKept: db.prepare(
        `SELECT table_key, MAX(id) AS keep FROM route_snapshot
          WHERE complete = 1 AND ts_ms < ? GROUP BY table_key`,
      ),
    }));
  }

  tables(): TableId[] {
    return (this.stmt.tables.all() as { table_key: string }[]).map((r) => parseTableKey(r.table_key));
  }

  /**
   * The latest complete snapshot of a table at or before `atMs`; without a
   * time, the last one written (whatever the clock did meanwhile).
   */
  snapshotAt(table: TableId, atMs?: number): SnapshotInfo | undefined {
    const row = guarded('reading route snapshot', () =>
      atMs === undefined ? this.stmt.latestSnapshot.get(tableKey(table)) : this.stmt.snapshotAt.get(tableKey(table), atMs),
    ) as SnapshotRow | undefined;
    return row && toSnapshot(row);
  }

  /** The table as it was at `atMs` (or now), sorted by prefix. */
  tableAt(table: TableId, atMs?: number): { snapshot?: SnapshotInfo; routes: CachedRoute[] } {
    const snapshot = this.snapshotAt(table, atMs);
    if (!snapshot) return { routes: [] };
    const rows = guarded('reading routes', () => this.stmt.versionsAt.all(tableKey(table), snapshot.id, snapshot.id)) as VersionRow[];
    const routes = rows.map((r) => {
      const cached: CachedRoute = { route: parseStoredRoute(r.route), firstSeenMs: r.from_ts };
      if (r.age_sec !== null) cached.ageSec = r.age_sec + Math.floor((snapshot.tsMs - r.from_ts) / 1000);
      return cached;
    });
    routes.sort((a, b) => (a.route.prefix < b.route.prefix ? -1 : a.route.prefix > b.route.prefix ? 1 : 0));
    return { snapshot, routes };
  }

  /** Every change after `sinceMs`, in time order, each with its snapshot's time. */
  diffSince(sinceMs: number, table?: TableId): RouteChange[] {
    const snaps = (guarded('reading snapshots', () => this.stmt.snapshotsSince.all(sinceMs)) as SnapshotRow[])
      .map(toSnapshot)
      .filter((s) => !table || tableKey(s.table) === tableKey(table));
    const out: RouteChange[] = [];
    for (const s of snaps) {
      if (s.added + s.removed + s.changed === 0) continue;
      const opened = new Map((this.stmt.opened.all(s.id) as { prefix: string; route: string }[]).map((r) => [r.prefix, r.route]));
      const closed = new Map((this.stmt.closed.all(s.id) as { prefix: string; route: string }[]).map((r) => [r.prefix, r.route]));
      for (const [prefix, route] of closed) {
        const after = opened.get(prefix);
        out.push(
          after === undefined
            ? { tsMs: s.tsMs, table: s.table, prefix, change: 'removed', before: parseStoredRoute(route) }
            : { tsMs: s.tsMs, table: s.table, prefix, change: 'changed', before: parseStoredRoute(route), after: parseStoredRoute(after) },
        );
      }
      for (const [prefix, route] of opened) {
        if (!closed.has(prefix)) out.push({ tsMs: s.tsMs, table: s.table, prefix, change: 'added', after: parseStoredRoute(route) });
      }
    }
    return out;
  }

  /**
   * Forgets history older than `keepSinceMs`: each table keeps the snapshot in
   * force at that time (so `tableAt(keepSinceMs)` still answers) and all after it.
   */
  prune(keepSinceMs: number): { snapshots: number; versions: number } {
    return guarded('pruning route history', () =>
      this.db
        .transaction(() => {
          let snapshots = 0,
            versions = 0;
          for (const { table_key, keep } of this.stmt.oldestKept.all(keepSinceMs) as { table_key: string; keep: number }[]) {
            versions += this.db
              .prepare('DELETE FROM route_version WHERE table_key = ? AND to_snap IS NOT NULL AND to_snap <= ?')
              .run(table_key, keep).changes;
            snapshots += this.db
              .prepare('DELETE FROM route_snapshot WHERE table_key = ? AND id < ? AND complete = 1')
              .run(table_key, keep).changes;
          }
          return { snapshots, versions };
        })
        .immediate(),
    );
  }
}

interface SnapshotRow {
  id: number;
  table_key: string;
  ts_ms: number;
  route_count: number;
  added: number;
  removed: number;
  changed: number;
}

function toSnapshot(r: SnapshotRow): SnapshotInfo {
  return {
    id: r.id,
    table: parseTableKey(r.table_key),
    tsMs: r.ts_ms,
    routeCount: r.route_count,
    added: r.added,
    removed: r.removed,
    changed: r.changed,
  };
}
