/**
 * The dashboard's SQLite file: each spoke's last retained status and state
 * (so a restart shows the fleet at once), quality samples at telemetry
 * resolution for 7 days, events for 30 days, the command record, and the
 * access tokens (hashed). History is bounded by age and by a per-spoke cap,
 * pruned on a timer by the server.
 */
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';

export type FleetDb = Database.Database;

export const SAMPLE_RETENTION_MS = 7 * 86_400_000;
export const EVENT_RETENTION_MS = 30 * 86_400_000;
/** Per spoke: a week of 10 s telemetry for 4 candidates is ~240k; beyond this the oldest go first. */
export const MAX_SAMPLES_PER_SPOKE = 250_000;
export const MAX_EVENTS_PER_SPOKE = 20_000;

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
  db.exec(SCHEMA);
  return db;
}

export interface SpokeRow {
  key: string; site: string; node: string; status: string | null; state: string | null;
  path: string | null; path_since: number | null; online_since: number | null; updated: number;
}

export interface SampleRow { ts: number; candidate: string; loss: number | null; rtt: number | null; jitter: number | null }
export interface EventRow { id: string; spoke: string; ts: number; kind: string; body: string }
export interface CommandRow {
  tx: string; spoke: string; sent_ms: number; sent_by: string; cmd: string; args: string; reply: string | null; reply_ms: number | null;
}

/** Prepared statements, made once: the message path runs them thousands of times a second at fleet scale. */
export class FleetStore {
  private readonly upsertSpoke;
  private readonly insertSample;
  private readonly insertEvent;
  private readonly insertCommand;
  private readonly replyCommand;

  constructor(readonly db: FleetDb) {
    this.upsertSpoke = db.prepare(`INSERT INTO spoke (key, site, node, status, state, path, path_since, online_since, updated)
      VALUES (@key, @site, @node, @status, @state, @path, @path_since, @online_since, @updated)
      ON CONFLICT(key) DO UPDATE SET status=excluded.status, state=excluded.state, path=excluded.path,
        path_since=excluded.path_since, online_since=excluded.online_since, updated=excluded.updated`);
    this.insertSample = db.prepare('INSERT INTO sample (spoke, ts, candidate, loss, rtt, jitter) VALUES (?, ?, ?, ?, ?, ?)');
    this.insertEvent = db.prepare('INSERT OR IGNORE INTO event (id, spoke, ts, kind, body) VALUES (?, ?, ?, ?, ?)');
    this.insertCommand = db.prepare('INSERT INTO command (tx, spoke, sent_ms, sent_by, cmd, args) VALUES (?, ?, ?, ?, ?, ?)');
    this.replyCommand = db.prepare('UPDATE command SET reply = ?, reply_ms = ? WHERE tx = ? AND reply IS NULL');
  }

  saveSpoke(row: SpokeRow): void { this.upsertSpoke.run(row); }

  spokes(): SpokeRow[] { return this.db.prepare('SELECT * FROM spoke').all() as SpokeRow[]; }

  addSamples(spoke: string, ts: number, samples: { candidate: string; loss?: number; rtt?: number; jitter?: number }[]): void {
    for (const s of samples) this.insertSample.run(spoke, ts, s.candidate, s.loss ?? null, s.rtt ?? null, s.jitter ?? null);
  }

  /** Returns false for an event already stored (the same id from another broker, or replayed). */
  addEvent(id: string, spoke: string, ts: number, kind: string, body: string): boolean {
    return this.insertEvent.run(id, spoke, ts, kind, body).changes === 1;
  }

  events(spoke: string | undefined, limit: number, kinds?: string[]): EventRow[] {
    const where = [spoke ? 'spoke = @spoke' : '', kinds?.length ? `kind IN (${kinds.map((_, i) => `@k${i}`).join(',')})` : ''].filter(Boolean);
    const params: Record<string, unknown> = { limit, ...(spoke ? { spoke } : {}) };
    kinds?.forEach((k, i) => { params[`k${i}`] = k; });
    return this.db.prepare(`SELECT * FROM event ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY ts DESC LIMIT @limit`).all(params) as EventRow[];
  }

  /** Mean loss/RTT/jitter per candidate in `buckets` equal slices of [from, to]: a chart needs no more points than pixels. */
  series(spoke: string, fromMs: number, toMs: number, buckets: number): { candidate: string; t: number; loss: number | null; rtt: number | null; jitter: number | null }[] {
    const width = Math.max(1, Math.ceil((toMs - fromMs) / buckets));
    return this.db.prepare(`SELECT candidate, CAST((ts - @from) / @width AS INTEGER) AS b, AVG(loss) AS loss, AVG(rtt) AS rtt, AVG(jitter) AS jitter
      FROM sample WHERE spoke = @spoke AND ts >= @from AND ts <= @to GROUP BY candidate, b ORDER BY candidate, b`)
      .all({ spoke, from: fromMs, to: toMs, width })
      .map((r) => {
        const row = r as { candidate: string; b: number; loss: number | null; rtt: number | null; jitter: number | null };
        return { candidate: row.candidate, t: fromMs + row.b * width, loss: row.loss, rtt: row.rtt, jitter: row.jitter };
      });
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

  /** Drops history past its retention and past the per-spoke caps; returns how many rows went. */
  prune(nowMs: number): number {
    let removed = 0;
    removed += this.db.prepare('DELETE FROM sample WHERE ts < ?').run(nowMs - SAMPLE_RETENTION_MS).changes;
    removed += this.db.prepare('DELETE FROM event WHERE ts < ?').run(nowMs - EVENT_RETENTION_MS).changes;
    removed += this.db.prepare('DELETE FROM command WHERE sent_ms < ?').run(nowMs - EVENT_RETENTION_MS).changes;
    removed += this.capPerSpoke('sample', MAX_SAMPLES_PER_SPOKE);
    removed += this.capPerSpoke('event', MAX_EVENTS_PER_SPOKE);
    return removed;
  }

  private capPerSpoke(table: 'sample' | 'event', cap: number): number {
    let removed = 0;
    const over = this.db.prepare(`SELECT spoke FROM ${table} GROUP BY spoke HAVING COUNT(*) > ?`).all(cap) as { spoke: string }[];
    for (const { spoke } of over) {
      const cut = this.db.prepare(`SELECT ts FROM ${table} WHERE spoke = ? ORDER BY ts DESC LIMIT 1 OFFSET ?`).get(spoke, cap) as { ts: number };
      removed += this.db.prepare(`DELETE FROM ${table} WHERE spoke = ? AND ts <= ?`).run(spoke, cut.ts).changes;
    }
    return removed;
  }
}
