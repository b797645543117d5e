import { openDatabase, type SqliteDb } from '../adapters/sqlite/database.js';
import { SqliteJournal, type JournalEntry } from '../adapters/sqlite/journal.js';
import { METERED_DAYS_KEPT, SqliteMeteredUsage } from '../adapters/sqlite/metered-usage.js';
import type { MeteredUsage } from '../core/metered/usage.js';
import { dayKey } from '../core/metered/period.js';
import { SqliteOutbox } from '../adapters/sqlite/outbox.js';
import { RouteIngester, type IngestOutcome } from '../adapters/sqlite/route-ingester.js';
import { WriteQueue } from '../adapters/sqlite/write-queue.js';
import type { RouteExpectations } from '../core/route-expectations.js';
import type { Logger } from '../ports/logger.js';
import { StoreError } from '../adapters/sqlite/store-error.js';
import { perTurnBatch } from './per-turn-batch.js';

/** What the runtime needs of the store. Nothing here may stop the agent deciding. */
export interface AgentStore {
  /** Fire and forget: a failure is counted and logged, never thrown. */
  journal(tsMs: number, kind: string, subject: string | undefined, data: unknown): void;
  ingestRoutes(command: string, text: string, tsMs: number): Promise<IngestOutcome>;
  /** Journal writes pending, and failures so far. */
  health(): { pendingWrites: number; errors: number; lastError?: string };
  prune(nowMs: number): void;
  /** Work still running off the main thread (a route table being stored): a lab run on a manual clock waits for it. */
  busy(): boolean;
  close(): Promise<void>;
  /** What the MQTT side needs: the outbox, the journal and the main thread's write queue. Undefined without a database. */
  mqttParts(): { db: SqliteDb; outbox: SqliteOutbox; journal: SqliteJournal; writes: WriteQueue } | undefined;
  /** Bytes counted on metered WANs (agent/shell/metered-accounting.ts); absent without a database. */
  metered?(): MeteredUsageStore | undefined;
}

/** A metered WAN's usage across restarts. `save` is fire and forget: a failure is counted and logged. */
export interface MeteredUsageStore {
  load(iface: string): MeteredUsage | undefined;
  save(usage: MeteredUsage): void;
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
  private readonly appendJournal = perTurnBatch<JournalEntry>(async (batch) => { await this.writes.run(() => this.journalTable.append(batch)); });
  private errors = 0;
  private lastError: string | undefined;

  constructor(private readonly o: SqliteAgentStoreOptions) {
    const binding = o.nativeBinding ? { nativeBinding: o.nativeBinding } : {};
    // The main thread never sleeps on SQLite's lock (busy_timeout 0 + WriteQueue) nor checkpoints.
    this.db = openDatabase(o.path, { busyTimeoutMs: 0, checkpoints: false, ...binding });
    if (o.checkIntegrity) assertIntact(this.db, o.path);
    this.journalTable = new SqliteJournal(this.db, { maxAgeMs: o.journalMaxAgeMs, maxRows: o.journalMaxRows });
    this.outbox = new SqliteOutbox(this.db, { maxBytes: o.outboxMaxBytes, maxAgeMs: o.outboxMaxAgeMs });
    this.ingester = o.path === ':memory:' ? undefined : new RouteIngester({
      dbPath: o.path, expectations: o.expectations, ...binding, ...(o.maxTableRoutes !== undefined ? { maxTableLines: o.maxTableRoutes } : {}),
    });
  }

  mqttParts() {
    return { db: this.db, outbox: this.outbox, journal: this.journalTable, writes: this.writes };
  }

  private meteredTable: SqliteMeteredUsage | undefined;

  metered(): MeteredUsageStore {
    const table = (this.meteredTable ??= new SqliteMeteredUsage(this.db));
    return {
      load: (iface) => table.load(iface),
      // Through the write queue: the route worker may hold the write lock (busy_timeout 0 here).
      save: (usage) => { this.writes.run(() => table.save(usage)).catch((err: Error & { code?: string }) => this.failed('metered usage', err)); },
    };
  }

  journal(tsMs: number, kind: string, subject: string | undefined, data: unknown): void {
    this.appendJournal([{ tsMs, kind, ...(subject !== undefined ? { subject } : {}), data }])
      .catch((err: Error & { code?: string }) => this.failed('journal', err));
  }

  busy(): boolean {
    return this.ingester?.busy ?? false;
  }

  ingestRoutes(command: string, text: string, tsMs: number): Promise<IngestOutcome> {
    if (!this.ingester) return Promise.reject(new StoreError('STORE_FAILED', 'routes are not cached while the store runs in memory'));
    return this.ingester.ingestText(command, text, tsMs).catch((err: Error & { code?: string }) => {
      if (err.code !== 'STORE_SUPERSEDED') this.failed(`routes (${command})`, err); // shown in /status
      throw err;
    });
  }

  health() {
    return { pendingWrites: this.writes.pending, errors: this.errors, ...(this.lastError ? { lastError: this.lastError } : {}) };
  }

  prune(nowMs: number): void {
    this.writes.run(() => {
      this.journalTable.prune(nowMs);
      this.outbox.expire(nowMs);
      this.meteredTable?.prune(dayKey(nowMs - METERED_DAYS_KEPT * 86_400_000));
    }).catch((err: Error & { code?: string }) => this.failed('prune', err));
    this.ingester?.prune(nowMs - this.o.routeHistoryMs).catch((err: Error & { code?: string }) => this.failed('prune', err));
  }

  async close(): Promise<void> {
    await new Promise((resolve) => setImmediate(resolve)); // the last journal batch is queued
    await this.writes.run(() => undefined).catch(() => undefined);
    await this.ingester?.close();
    this.db.close();
  }

  private failed(what: string, err: Error & { code?: string }): void {
    this.errors++;
    this.lastError = `${err.code ?? 'STORE_FAILED'}: ${err.message}`;
    this.o.log.warn('store-write-failed', { what, code: err.code, error: err.message });
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
    return Promise.reject(Object.assign(new Error(`store unavailable: ${this.reason}`), { code: 'STORE_UNAVAILABLE' }));
  }
  health() {
    return { pendingWrites: 0, errors: 1, lastError: this.reason };
  }
  prune(): void {}
  async close(): Promise<void> {}
  mqttParts(): undefined {
    return undefined;
  }
}
