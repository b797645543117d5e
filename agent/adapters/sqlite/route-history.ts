import type { Route } from '../../../proto/records/routing.js';
import type { SqliteDb } from './database.js';
import { parseStoredRoute, routeAgeSec, routeFingerprint, storedRoute, tableKey, type TableId } from './route-key.js';
import { guarded, StoreError } from './store-error.js';
import type { IngestSummary } from '../../ports/store.js';
export type { IngestSummary };

export interface IngestOptions {
  /** Writes per transaction; keeps each write lock short for other connections. */
  sliceRows?: number;
  /** Called between slices; the worker yields here so other connections get the lock. */
  betweenSlices?: () => Promise<void>;
}

interface CurrentVersion {
  /** routeFingerprint of the stored version. */
  identity: number;
  fromSnap: number;
}

type Op = { kind: 'close'; prefix: string; fromSnap: number } | { kind: 'open'; prefix: string; route: Route; ageSec: number | undefined };

/**
 * Route tables as temporal versions: each route version is valid from the
 * snapshot that first saw it until the one that saw it change or go. A read
 * writes only what changed, in short slices; the snapshot becomes visible in one
 * final commit, so a crash mid-ingest leaves no half-written snapshot visible
 * (`recover` removes its rows on the next open).
 */
export class SqliteRouteHistory {
  private readonly current = new Map<string, Map<string, CurrentVersion>>();
  private readonly stmt;

  constructor(private readonly db: SqliteDb) {
    this.stmt = guarded('preparing route statements', () => ({
      newSnapshot: db.prepare('INSERT INTO route_snapshot (table_key, ts_ms) VALUES (?, ?)'),
      completeSnapshot: db.prepare(
        'UPDATE route_snapshot SET complete = 1, route_count = ?, added = ?, removed = ?, changed = ? WHERE id = ?',
      ),
      close: db.prepare('UPDATE route_version SET to_snap = ? WHERE table_key = ? AND prefix = ? AND from_snap = ?'),
      open: db.prepare(
        'INSERT INTO route_version (table_key, prefix, from_snap, from_ms, to_snap, route, age_sec) VALUES (?, ?, ?, ?, NULL, ?, ?)',
      ),
      currentRows: db.prepare('SELECT prefix, from_snap, route FROM route_version WHERE table_key = ? AND to_snap IS NULL'),
    }));
    this.recover();
  }

  /** Undoes a snapshot a crash left incomplete. */
  recover(): void {
    guarded('recovering incomplete route snapshots', () =>
      this.db
        .transaction(() => {
          const incomplete = this.db.prepare('SELECT id FROM route_snapshot WHERE complete = 0').all() as { id: number }[];
          for (const { id } of incomplete) {
            this.db.prepare('DELETE FROM route_version WHERE from_snap = ?').run(id);
            this.db.prepare('UPDATE route_version SET to_snap = NULL WHERE to_snap = ?').run(id);
            this.db.prepare('DELETE FROM route_snapshot WHERE id = ?').run(id);
          }
        })
        .immediate(),
    );
    this.current.clear();
  }

  /** Stores one read of a table, diffed against the last; returns the diff's size. */
  async ingest(table: TableId, routes: readonly Route[], tsMs: number, options: IngestOptions = {}): Promise<IngestSummary> {
    const key = tableKey(table);
    const before = this.loadCurrent(key);
    const after = new Map<string, { identity: number; route: Route; ageSec: number | undefined }>();
    for (const r of routes) {
      if (typeof r.prefix !== 'string' || r.prefix === '') throw new StoreError('STORE_BAD_INPUT', 'route without a prefix');
      if (!after.has(r.prefix)) after.set(r.prefix, { identity: routeFingerprint(r), route: r, ageSec: routeAgeSec(r) });
    }
    const ops: Op[] = [];
    let added = 0,
      removed = 0,
      changed = 0;
    for (const [prefix, old] of before) {
      const next = after.get(prefix);
      if (next === undefined) {
        removed++;
        ops.push({ kind: 'close', prefix, fromSnap: old.fromSnap });
      } else if (next.identity !== old.identity) {
        changed++;
        ops.push({ kind: 'close', prefix, fromSnap: old.fromSnap });
        ops.push({ kind: 'open', prefix, route: next.route, ageSec: next.ageSec });
      }
    }
    for (const [prefix, next] of after) {
      if (!before.has(prefix)) {
        added++;
        ops.push({ kind: 'open', prefix, route: next.route, ageSec: next.ageSec });
      }
    }

    const snap = Number(guarded('creating route snapshot', () => this.stmt.newSnapshot.run(key, tsMs).lastInsertRowid));
    const slice = Math.max(1, options.sliceRows ?? 2000);
    try {
      for (let i = 0; i < ops.length; i += slice) {
        const part = ops.slice(i, i + slice);
        guarded('writing route versions', () =>
          this.db
            .transaction(() => {
              for (const op of part) {
                if (op.kind === 'close') this.stmt.close.run(snap, key, op.prefix, op.fromSnap);
                else this.stmt.open.run(key, op.prefix, snap, tsMs, storedRoute(op.route), op.ageSec ?? null);
              }
            })
            .immediate(),
        );
        if (options.betweenSlices && i + slice < ops.length) await options.betweenSlices();
      }
      guarded('completing route snapshot', () => this.stmt.completeSnapshot.run(after.size, added, removed, changed, snap));
    } catch (err) {
      // Leave nothing half-applied: undo this snapshot now (or at next open, if this fails too).
      try {
        this.recover();
      } catch {
        /* recover runs again at the next open */
      }
      throw err;
    }
    const next = new Map<string, CurrentVersion>();
    for (const [prefix, v] of after) {
      const old = before.get(prefix);
      next.set(prefix, old && old.identity === v.identity ? old : { identity: v.identity, fromSnap: snap });
    }
    this.current.set(key, next);
    return { snapshotId: snap, table, tsMs, routeCount: after.size, added, removed, changed };
  }

  private loadCurrent(key: string): Map<string, CurrentVersion> {
    let map = this.current.get(key);
    if (!map) {
      map = new Map();
      const rows = guarded('loading current routes', () => this.stmt.currentRows.all(key)) as {
        prefix: string;
        from_snap: number;
        route: string;
      }[];
      for (const r of rows) map.set(r.prefix, { identity: routeFingerprint(parseStoredRoute(r.route)), fromSnap: r.from_snap });
      this.current.set(key, map);
    }
    return map;
  }
}
