import { afterEach, beforeEach } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type OpenOptions, type SqliteDb } from '../../agent/adapters/sqlite/database.js';
import { tempDir } from './temp-dir.js';

export interface TempDatabase {
  readonly dir: string;
  readonly path: string;
  readonly db: SqliteDb;
  /** Closes the connection and opens the same file again (a restart). */
  reopen(options?: OpenOptions): SqliteDb;
}

/** A fresh real SQLite file per test, in its own temp directory, removed after. */
export function useTempDatabase(): TempDatabase {
  let tmp: ReturnType<typeof tempDir>;
  let db: SqliteDb;
  const t = {
    get dir() {
      return tmp.dir;
    },
    get path() {
      return join(tmp.dir, 'agent.db');
    },
    get db() {
      return db;
    },
    reopen(options?: OpenOptions) {
      db.close();
      db = openDatabase(t.path, options);
      return db;
    },
  };
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(t.path);
  });
  afterEach(() => {
    if (db.open) db.close();
    tmp.cleanup();
  });
  return t;
}
