import { openDatabase, type SqliteDb } from './database.js';
import { SqliteJournal } from './journal.js';
import { METERED_DAYS_KEPT, SqliteMeteredUsage } from './metered-usage.js';
import { dayKey } from '../../core/metered/period.js';
import { SqliteOutbox } from './outbox.js';
import { RouteIngester } from './route-ingester.js';
import { WriteQueue } from './write-queue.js';
import { SqliteCommandNonces } from './command-nonces.js';
import { SqliteRouteQueries } from './route-queries.js';
import { sqliteCommandLog, sqliteOutboxStore } from './reporting-store.js';
import type { RouteExpectations } from '../../core/route-expectations.js';
import type { Logger } from '../../ports/logger.js';
import type { AgentStore, IngestOutcome, JournalEntry, MeteredUsageStore, ReportingStore } from '../../ports/store.js';
import { StoreError } from './store-error.js';
import { perTurnBatch } from '../../shell/report/per-turn-batch.js';
import { describeError, errorCode } from '../../../proto/coded-error.js';

export type { AgentStore };

/** The SQLite objects behind the store, for tools and tests that look at the file itself. */
export interface SqliteParts {
  db: SqliteDb;
  outbox: SqliteOutbox;
  journal: SqliteJournal;
  writes: WriteQueue;
}

export interface SqliteAgentStoreOptions {
  /** `:memory:` keeps journal and outbox in memory (the file could not be used) and caches no routes. */
  path: string;
  /** Runs SQLite's quick_check at open, so a damaged file is found at start, not mid-write (STORE_CORRUPT). */
  checkIntegrity?: boolean;
  journalMaxAgeMs: number;
  journalMaxRows: number;
  routeHistoryMs: number;
  outboxMaxBytes: number;
  outboxMaxAgeMs: number;
  expectations: RouteExpectations;
  maxTableRoutes?: number;
  log: Logger;
  nativeBinding?: string;
}

export class SqliteAgentStore implements AgentStore {
  private readonly db: SqliteDb;
  private readonly journalTable: SqliteJournal;
  private readonly writes = new WriteQueue();
  /** Absent in memory: the route worker needs a file of its own to share. */
  private readonly ingester: RouteIngester | undefined;
  private readonly outbox: SqliteOutbox;
  /**
   * Written on the next turn of the loop, in one transaction: the fsync of a
   * FULL-synchronous commit stays off the path from observation to configuration command.
   */
  private readonly appendJournal = perTurnBatch<JournalEntry>(async (batch) => {
    await this.writes.run(() => this.journalTable.append(batch));
  });
  private errors = 0;
  private lastError: string | undefined;

  constructor(private readonly o: SqliteAgentStoreOptions) {
    const binding = o.nativeBinding ? { nativeBinding: o.nativeBinding } : {};
    // The main thread never sleeps on SQLite's lock (busy_timeout 0 + WriteQueue) nor checkpoints.
    this.db = openDatabase(o.path, { busyTimeoutMs: 0, checkpoints: false, ...binding });
    if (o.checkIntegrity) assertIntact(this.db, o.path);
    this.journalTable = new SqliteJournal(this.db, { maxAgeMs: o.journalMaxAgeMs, maxRows: o.journalMaxRows });
    this.outbox = new SqliteOutbox(this.db, { maxBytes: o.outboxMaxBytes, maxAgeMs: o.outboxMaxAgeMs });
    this.ingester =
      o.path === ':memory:'
        ? undefined
        : new RouteIngester({
            dbPath: o.path,
            expectations: o.expectations,
            ...binding,
            ...(o.maxTableRoutes !== undefined ? { maxTableLines: o.maxTableRoutes } : {}),
          });
  }

  sqlite(): SqliteParts {
    return { db: this.db, outbox: this.outbox, journal: this.journalTable, writes: this.writes };
  }

  reporting(o: { nonceKeepMs: number }): ReportingStore {
    return {
      outbox: sqliteOutboxStore(this.outbox, this.writes),
      journal: this.journalTable,
      commands: sqliteCommandLog(this.journalTable, new SqliteCommandNonces(this.db, o.nonceKeepMs), this.writes),
      routes: new SqliteRouteQueries(this.db),
    };
  }

  private meteredTable: SqliteMeteredUsage | undefined;

  metered(): MeteredUsageStore {
    const table = (this.meteredTable ??= new SqliteMeteredUsage(this.db));
    return {
      load: (iface) => table.load(iface),
      // Through the write queue: the route worker may hold the write lock (busy_timeout 0 here).
      save: (usage) => {
        this.writes.run(() => table.save(usage)).catch((err: unknown) => this.failed('metered usage', err));
      },
    };
  }

  journal(tsMs: number, kind: string, subject: string | undefined, data: unknown): void {
    this.appendJournal([{ tsMs, kind, ...(subject !== undefined ? { subject } : {}), data }]).catch((err: unknown) =>
      this.failed('journal', err),
    );
  }

  busy(): boolean {
    return this.ingester?.busy ?? false;
  }

  ingestRoutes(command: string, text: string, tsMs: number): Promise<IngestOutcome> {
    if (!this.ingester) return Promise.reject(new StoreError('STORE_FAILED', 'routes are not cached while the store runs in memory'));
    return this.ingester.ingestText(command, text, tsMs).catch((err: unknown) => {
      if (errorCode(err) !== 'STORE_SUPERSEDED') this.failed(`routes (${command})`, err); // shown in /status
      throw err;
    });
  }

  health() {
    return { pendingWrites: this.writes.pending, errors: this.errors, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  prune(nowMs: number): void {
    this.writes
      .run(() => {
        this.journalTable.prune(nowMs);
        this.outbox.expire(nowMs);
        this.meteredTable?.prune(dayKey(nowMs - METERED_DAYS_KEPT * 86_400_000));
      })
      .catch((err: unknown) => this.failed('prune', err));
    this.ingester?.prune(nowMs - this.o.routeHistoryMs).catch((err: unknown) => this.failed('prune', err));
  }

  async close(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // the last journal batch is queued
    await this.writes.run(() => undefined).catch(() => undefined); // only waits for the queue; each write reported its own failure
    await this.ingester?.close();
    this.db.close();
  }

  private failed(what: string, err: unknown): void {
    const { code, message } = describeError(err);
    this.errors++;
    this.lastError = `${code ?? 'STORE_FAILED'}: ${message}`;
    this.o.log.warn('store-write-failed', { what, code, error: message });
  }
}

function assertIntact(db: SqliteDb, path: string): void {
  let verdict: unknown;
  try {
    verdict = db.pragma('quick_check(1)', { simple: true });
  } catch (err) {
    db.close();
    throw new StoreError('STORE_CORRUPT', `checking ${path}: ${(err as Error).message}`);
  }
  if (verdict !== 'ok') {
    db.close();
    throw new StoreError('STORE_CORRUPT', `${path} fails SQLite's quick_check: ${String(verdict)}`);
  }
}

/** Used when the database cannot be opened: the agent goes on deciding, and says so. */
export class UnavailableStore implements AgentStore {
  constructor(private readonly reason: string) {}
  journal(): void {}
  busy(): boolean {
    return false;
  }
  ingestRoutes(): Promise<IngestOutcome> {
    return Promise.reject(new StoreError('STORE_UNAVAILABLE', `store unavailable: ${this.reason}`));
  }
  health() {
    return { pendingWrites: 0, errors: 1, lastError: this.reason };
  }
  prune(): void {}
  async close(): Promise<void> {}
  reporting(): undefined {
    return undefined;
  }

  sqlite(): undefined {
    return undefined;
  }
}
