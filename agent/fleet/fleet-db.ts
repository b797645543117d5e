/**
 * The dashboard's SQLite file: each spoke's last retained status and state
 * (so a restart shows the fleet at once), quality history in three
 * resolutions (raw for hours, 5-minute and hourly buckets for days: see
 * history-rollup.ts), events for 30 days, the command record, and the access
 * tokens (hashed). History is bounded by age and raw samples also by a
 * per-spoke cap, pruned on a timer by the server.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import {
  bucketStart,
  keptBy,
  pointOf,
  ROLLUP_TIERS,
  rollup,
  TIERS,
  tierFor,
  type Bucket,
  type HistorySample,
  type Resolution,
  type SeriesPoint,
  type Tier,
} from './history-rollup.js';

export type FleetDb = Database.Database;

/** The longest history of quality kept (in hourly buckets). */
export const SAMPLE_RETENTION_MS = TIERS[TIERS.length - 1]!.retentionMs;
export const RAW_RETENTION_MS = TIERS[0]!.retentionMs;
export const EVENT_RETENTION_MS = 30 * 86_400_000;
/** Raw samples per spoke: 3 h of 10 s telemetry for 4 candidates is ~4,300; beyond this the oldest go first. */
export const MAX_SAMPLES_PER_SPOKE = 20_000;
export const MAX_EVENTS_PER_SPOKE = 20_000;
/** Rows one prune step deletes: a few milliseconds of work, so a request waits at most that long behind it. */
export const PRUNE_BATCH_ROWS = 1_000;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS spoke (
  key TEXT PRIMARY KEY, site TEXT NOT NULL, node TEXT NOT NULL,
  status TEXT, state TEXT, path TEXT, path_since INTEGER, online_since INTEGER, updated INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sample (
  spoke TEXT NOT NULL, ts INTEGER NOT NULL, candidate TEXT NOT NULL,
  loss REAL, rtt REAL, jitter REAL
);
CREATE INDEX IF NOT EXISTS sample_by_spoke ON sample (spoke, ts);
CREATE INDEX IF NOT EXISTS sample_by_ts ON sample (ts);
${ROLLUP_TIERS.map(
  (t) => `CREATE TABLE IF NOT EXISTS ${t.table} (
  spoke TEXT NOT NULL, candidate TEXT NOT NULL, ts INTEGER NOT NULL, n INTEGER NOT NULL,
  loss_n INTEGER NOT NULL, loss_sum REAL NOT NULL, loss_max REAL,
  rtt_n INTEGER NOT NULL, rtt_sum REAL NOT NULL, rtt_min REAL, rtt_max REAL,
  jitter_n INTEGER NOT NULL, jitter_sum REAL NOT NULL, jitter_max REAL,
  PRIMARY KEY (spoke, candidate, ts)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS ${t.table}_by_ts ON ${t.table} (ts);`,
).join('\n')}
CREATE TABLE IF NOT EXISTS event (
  id TEXT PRIMARY KEY, spoke TEXT NOT NULL, ts INTEGER NOT NULL, kind TEXT NOT NULL, body TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS event_by_spoke ON event (spoke, ts);
CREATE INDEX IF NOT EXISTS event_by_ts ON event (ts);
CREATE TABLE IF NOT EXISTS command (
  tx TEXT PRIMARY KEY, spoke TEXT NOT NULL, sent_ms INTEGER NOT NULL, sent_by TEXT NOT NULL,
  cmd TEXT NOT NULL, args TEXT NOT NULL, reply TEXT, reply_ms INTEGER
);
CREATE INDEX IF NOT EXISTS command_by_spoke ON command (spoke, sent_ms);
CREATE TABLE IF NOT EXISTS token (
  name TEXT PRIMARY KEY, hash TEXT NOT NULL UNIQUE, can_command INTEGER NOT NULL, created_ms INTEGER NOT NULL
);
`;

export function openFleetDb(path: string): FleetDb {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  let db: FleetDb;
  try {
    db = new Database(path);
  } catch (err) {
    throw new Error(`cannot open the dashboard database ${path}: ${(err as Error).message}`);
  }
  db.pragma('journal_mode = WAL');
  // A lost last second of history after a power cut is acceptable; the retained state comes back from the broker.
  db.pragma('synchronous = NORMAL');
  db.transaction(() => {
    db.exec(SCHEMA);
    if ((db.pragma('user_version', { simple: true }) as number) < 1) backfillRollups(db);
  })();
  return db;
}

/** A database from before the rollups holds a week of raw samples: sum them into the buckets once, so no history is lost when they are pruned. */
function backfillRollups(db: FleetDb): void {
  for (const t of ROLLUP_TIERS) {
    db.prepare(
      `INSERT OR IGNORE INTO ${t.table} SELECT spoke, candidate, ts - ts % ${t.widthMs}, COUNT(*),
      COUNT(loss), TOTAL(loss), MAX(loss), COUNT(rtt), TOTAL(rtt), MIN(rtt), MAX(rtt), COUNT(jitter), TOTAL(jitter), MAX(jitter)
      FROM sample GROUP BY spoke, candidate, ts - ts % ${t.widthMs}`,
    ).run();
  }
  db.pragma('user_version = 1');
}

export interface SpokeRow {
  key: string;
  site: string;
  node: string;
  status: string | null;
  state: string | null;
  path: string | null;
  path_since: number | null;
  online_since: number | null;
  updated: number;
}

export interface Series {
  resolution: Resolution;
  stepMs: number;
  points: SeriesPoint[];
}
const CHART_BUCKETS = 240;
const BUCKET_COLUMNS = `n, loss_n AS lossN, loss_sum AS lossSum, loss_max AS lossMax, rtt_n AS rttN, rtt_sum AS rttSum, rtt_min AS rttMin,
  rtt_max AS rttMax, jitter_n AS jitterN, jitter_sum AS jitterSum, jitter_max AS jitterMax`;
export interface EventRow {
  id: string;
  spoke: string;
  ts: number;
  kind: string;
  body: string;
}
export interface CommandRow {
  tx: string;
  spoke: string;
  sent_ms: number;
  sent_by: string;
  cmd: string;
  args: string;
  reply: string | null;
  reply_ms: number | null;
}

/** A key of several columns compared as a row value: `(a, b) IN (SELECT a, b ...)`. */
const rowKey = (columns: string) => (columns.includes(',') ? `(${columns})` : columns);

/** Prepared statements, made once: the message path runs them thousands of times a second at fleet scale. */
export class FleetStore {
  private readonly upsertSpoke;
  private readonly insertSample;
  private readonly mergeBucket: Map<Tier, Database.Statement>;
  private readonly insertEvent;
  private readonly insertCommand;
  private readonly replyCommand;

  constructor(readonly db: FleetDb) {
    this.upsertSpoke = db.prepare(`INSERT INTO spoke (key, site, node, status, state, path, path_since, online_since, updated)
      VALUES (@key, @site, @node, @status, @state, @path, @path_since, @online_since, @updated)
      ON CONFLICT(key) DO UPDATE SET status=excluded.status, state=excluded.state, path=excluded.path,
        path_since=excluded.path_since, online_since=excluded.online_since, updated=excluded.updated`);
    this.insertSample = db.prepare('INSERT INTO sample (spoke, ts, candidate, loss, rtt, jitter) VALUES (?, ?, ?, ?, ?, ?)');
    // Counts and sums add up, extremes keep the worse (SQLite's two-argument max() is NULL when either is).
    this.mergeBucket = new Map(
      ROLLUP_TIERS.map((t) => [
        t,
        db.prepare(`INSERT INTO ${t.table}
      (spoke, candidate, ts, n, loss_n, loss_sum, loss_max, rtt_n, rtt_sum, rtt_min, rtt_max, jitter_n, jitter_sum, jitter_max)
      VALUES (@spoke, @candidate, @ts, @n, @lossN, @lossSum, @lossMax, @rttN, @rttSum, @rttMin, @rttMax, @jitterN, @jitterSum, @jitterMax)
      ON CONFLICT (spoke, candidate, ts) DO UPDATE SET n = n + excluded.n,
        loss_n = loss_n + excluded.loss_n, loss_sum = loss_sum + excluded.loss_sum,
        loss_max = COALESCE(MAX(loss_max, excluded.loss_max), loss_max, excluded.loss_max),
        rtt_n = rtt_n + excluded.rtt_n, rtt_sum = rtt_sum + excluded.rtt_sum,
        rtt_min = COALESCE(MIN(rtt_min, excluded.rtt_min), rtt_min, excluded.rtt_min),
        rtt_max = COALESCE(MAX(rtt_max, excluded.rtt_max), rtt_max, excluded.rtt_max),
        jitter_n = jitter_n + excluded.jitter_n, jitter_sum = jitter_sum + excluded.jitter_sum,
        jitter_max = COALESCE(MAX(jitter_max, excluded.jitter_max), jitter_max, excluded.jitter_max)`),
      ]),
    );
    this.insertEvent = db.prepare('INSERT OR IGNORE INTO event (id, spoke, ts, kind, body) VALUES (?, ?, ?, ?, ?)');
    this.insertCommand = db.prepare('INSERT INTO command (tx, spoke, sent_ms, sent_by, cmd, args) VALUES (?, ?, ?, ?, ?, ?)');
    this.replyCommand = db.prepare('UPDATE command SET reply = ?, reply_ms = ? WHERE tx = ? AND reply IS NULL');
  }

  saveSpoke(row: SpokeRow): void {
    this.upsertSpoke.run(row);
  }

  spokes(): SpokeRow[] {
    return this.db.prepare('SELECT * FROM spoke').all() as SpokeRow[];
  }

  /**
   * Stores samples in every resolution whose retention still holds them at
   * nowMs (a week replayed late lands in the hourly buckets only), in one
   * transaction.
   */
  addSamples(samples: readonly HistorySample[], nowMs: number): void {
    const raw = TIERS[0]!;
    this.db.transaction(() => {
      for (const s of samples) if (keptBy(raw, s.ts, nowMs)) this.insertSample.run(s.spoke, s.ts, s.candidate, s.loss, s.rtt, s.jitter);
      for (const [tier, merge] of this.mergeBucket) for (const b of rollup(samples, tier, nowMs)) merge.run(b);
    })();
  }

  /** Row counts per resolution (the bench's and the metrics' view of the history's size). */
  historyRows(): Record<Resolution, number> {
    return Object.fromEntries(
      TIERS.map((t) => [t.resolution, (this.db.prepare(`SELECT COUNT(*) AS n FROM ${t.table}`).get() as { n: number }).n]),
    ) as Record<Resolution, number>;
  }

  /** Returns false for an event already stored (the same id from another broker, or replayed). */
  addEvent(id: string, spoke: string, ts: number, kind: string, body: string): boolean {
    return this.insertEvent.run(id, spoke, ts, kind, body).changes === 1;
  }

  events(spoke: string | undefined, limit: number, kinds?: string[]): EventRow[] {
    const where = [spoke ? 'spoke = @spoke' : '', kinds?.length ? `kind IN (${kinds.map((_, i) => `@k${i}`).join(',')})` : ''].filter(
      Boolean,
    );
    const params: Record<string, unknown> = { limit, ...(spoke ? { spoke } : {}) };
    kinds?.forEach((k, i) => {
      params[`k${i}`] = k;
    });
    return this.db
      .prepare(`SELECT * FROM event ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC LIMIT @limit`)
      .all(params) as EventRow[];
  }

  /**
   * Loss/RTT/jitter per candidate over [from, to], read from the finest
   * resolution that holds the range (tierFor): raw samples summed into 240
   * slices, or the stored 5-minute or hourly buckets as they are.
   */
  series(spoke: string, fromMs: number, toMs: number): Series {
    const tier = tierFor(toMs - fromMs);
    if (tier.widthMs === 0) {
      const width = Math.max(1, Math.ceil((toMs - fromMs) / CHART_BUCKETS));
      const rows = this.db
        .prepare(
          `SELECT candidate, CAST((ts - @from) / @width AS INTEGER) AS b, COUNT(*) AS n,
        COUNT(loss) AS lossN, TOTAL(loss) AS lossSum, MAX(loss) AS lossMax, COUNT(rtt) AS rttN, TOTAL(rtt) AS rttSum, MIN(rtt) AS rttMin,
        MAX(rtt) AS rttMax, COUNT(jitter) AS jitterN, TOTAL(jitter) AS jitterSum, MAX(jitter) AS jitterMax
        FROM sample WHERE spoke = @spoke AND ts >= @from AND ts <= @to GROUP BY candidate, b ORDER BY candidate, b`,
        )
        .all({ spoke, from: fromMs, to: toMs, width }) as (Bucket & { b: number })[];
      return { resolution: tier.resolution, stepMs: width, points: rows.map((r) => pointOf({ ...r, spoke, ts: fromMs + r.b * width })) };
    }
    const rows = this.db
      .prepare(
        `SELECT spoke, candidate, ts, ${BUCKET_COLUMNS} FROM ${tier.table}
      WHERE spoke = ? AND ts >= ? AND ts <= ? ORDER BY candidate, ts`,
      )
      .all(spoke, bucketStart(fromMs, tier.widthMs), toMs) as Bucket[];
    return { resolution: tier.resolution, stepMs: tier.widthMs, points: rows.map(pointOf) };
  }

  recordCommand(c: { tx: string; spoke: string; sentMs: number; sentBy: string; cmd: string; args: unknown }): void {
    this.insertCommand.run(c.tx, c.spoke, c.sentMs, c.sentBy, c.cmd, JSON.stringify(c.args));
  }

  /** Returns false for a reply to no command of ours (or a second reply). */
  recordReply(tx: string, reply: string, atMs: number): boolean {
    return this.replyCommand.run(reply, atMs, tx).changes === 1;
  }

  commands(spoke: string, limit: number): CommandRow[] {
    return this.db.prepare('SELECT * FROM command WHERE spoke = ? ORDER BY sent_ms DESC LIMIT ?').all(spoke, limit) as CommandRow[];
  }

  /** Drops history past its resolution's retention (a bucket once it ends before it) and past the per-spoke caps; returns how many rows went. */
  prune(nowMs: number): number {
    let removed = 0;
    for (const n of this.pruneSteps(nowMs, -1)) removed += n;
    return removed;
  }

  /**
   * The prune as steps of bounded work, each yielding the rows it removed: a
   * DELETE of at most `batchRows` rows (-1: no bound), or one spoke's cap
   * checked. A week of 5,000 spokes expires hundreds of thousands of rows per
   * schedule, 4-5 s in one go, which held up every request (issue 17): the
   * server runs these steps in slices between which it serves (sliced-run.ts).
   */
  *pruneSteps(nowMs: number, batchRows = PRUNE_BATCH_ROWS): Generator<number, void, undefined> {
    for (const t of TIERS)
      yield* this.deleteBefore(
        t.table,
        t.widthMs === 0 ? 'rowid' : 'spoke, candidate, ts',
        'ts',
        nowMs - t.retentionMs - t.widthMs,
        batchRows,
      );
    yield* this.deleteBefore('event', 'id', 'ts', nowMs - EVENT_RETENTION_MS, batchRows);
    yield* this.deleteBefore('command', 'rowid', 'sent_ms', nowMs - EVENT_RETENTION_MS, batchRows);
    yield* this.capPerSpoke('sample', 'rowid', MAX_SAMPLES_PER_SPOKE, batchRows);
    yield* this.capPerSpoke('event', 'id', MAX_EVENTS_PER_SPOKE, batchRows);
  }

  /** Rows with `column` before `cut`, `batchRows` at a time, chosen through the column's index and deleted by key (its columns). */
  private *deleteBefore(table: string, key: string, column: string, cut: number, batchRows: number): Generator<number, void, undefined> {
    const del = this.db.prepare(`DELETE FROM ${table} WHERE ${rowKey(key)} IN (SELECT ${key} FROM ${table} WHERE ${column} < ? LIMIT ?)`);
    for (;;) {
      const n = del.run(cut, batchRows).changes;
      yield n;
      if (batchRows < 0 || n < batchRows) return;
    }
  }

  /**
   * The oldest rows of each spoke over `cap`. Spokes are walked one index seek
   * at a time (the next key after the last), not grouped over the whole table.
   */
  private *capPerSpoke(table: 'sample' | 'event', key: string, cap: number, batchRows: number): Generator<number, void, undefined> {
    const next = this.db.prepare(`SELECT spoke FROM ${table} WHERE spoke > ? ORDER BY spoke LIMIT 1`).pluck();
    const cutOf = this.db.prepare(`SELECT ts FROM ${table} WHERE spoke = ? ORDER BY ts DESC LIMIT 1 OFFSET ?`).pluck();
    const del = this.db.prepare(
      `DELETE FROM ${table} WHERE ${rowKey(key)} IN (SELECT ${key} FROM ${table} WHERE spoke = ? AND ts <= ? LIMIT ?)`,
    );
    for (let spoke = next.get('') as string | undefined; spoke !== undefined; spoke = next.get(spoke) as string | undefined) {
      const cut = cutOf.get(spoke, cap) as number | undefined;
      if (cut === undefined) {
        yield 0;
        continue;
      }
      for (;;) {
        const n = del.run(spoke, cut, batchRows).changes;
        yield n;
        if (batchRows < 0 || n < batchRows) break;
      }
    }
  }
}
