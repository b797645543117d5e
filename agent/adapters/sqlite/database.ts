import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { MIGRATIONS } from './migrations.js';
import { guarded, StoreError } from './store-error.js';

export type SqliteDb = Database.Database;

export interface OpenOptions {
  readonly?: boolean;
  /**
   * How long a statement waits for another connection's write lock. SQLite
   * waits by sleeping the thread: the main thread's connection uses 0 and
   * retries through a WriteQueue instead.
   */
  busyTimeoutMs?: number;
  /**
   * Whether commits on this connection may run WAL checkpoints. The main
   * thread's connection says no: a checkpoint after a 100k-route ingest copies
   * megabytes and would stall the event loop; the route worker checkpoints.
   */
  checkpoints?: boolean;
  /**
   * `full` (default) where a lost commit would lose data (journal, outbox).
   * The route cache's connection uses `normal`: in WAL mode that never
   * corrupts, and a snapshot lost to a power cut is re-read from the router.
   */
  synchronous?: 'full' | 'normal';
  /** Path of better_sqlite3.node when it ships beside a single executable. */
  nativeBinding?: string;
}

/**
 * Opens (creating if needed) the agent's database: WAL so readers never block
 * the writer, synchronous=FULL because a lost commit would lose journal or
 * outbox rows (DESIGN §6), migrations by user_version.
 */
export function openDatabase(path: string, options: OpenOptions = {}): SqliteDb {
  return guarded(`opening ${path}`, () => {
    if (!options.readonly && path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path, {
      readonly: options.readonly ?? false,
      fileMustExist: options.readonly ?? false,
      ...(options.nativeBinding ? { nativeBinding: options.nativeBinding } : {}),
    });
    db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 2000}`);
    if (!options.readonly) {
      db.pragma('journal_mode = WAL');
      db.pragma(`synchronous = ${options.synchronous === 'normal' ? 'NORMAL' : 'FULL'}`);
      if (options.checkpoints === false) db.pragma('wal_autocheckpoint = 0');
      migrate(db);
    } else {
      const version = db.pragma('user_version', { simple: true }) as number;
      if (version > MIGRATIONS.length) {
        throw new StoreError('STORE_FAILED', `database schema ${version} is newer than this agent (${MIGRATIONS.length})`);
      }
    }
    return db;
  });
}

function migrate(db: SqliteDb): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version > MIGRATIONS.length) {
    throw new StoreError('STORE_FAILED', `database schema ${version} is newer than this agent (${MIGRATIONS.length})`);
  }
  for (let v = version; v < MIGRATIONS.length; v++) {
    db.transaction(() => {
      db.exec(MIGRATIONS[v]!);
      db.pragma(`user_version = ${v + 1}`);
    })();
  }
}
