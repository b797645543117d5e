/**
 * Schema migrations, applied in order by `user_version`. Append only: never
 * edit a migration that has shipped.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: outbox, journal, route history
  `
  CREATE TABLE outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    class INTEGER NOT NULL,          -- 0 events/decisions, 1 state, 2 telemetry
    topic TEXT NOT NULL,
    payload TEXT NOT NULL,
    bytes INTEGER NOT NULL,          -- topic + payload, UTF-8, what the byte bound counts
    retain INTEGER NOT NULL DEFAULT 0,
    created_ms INTEGER NOT NULL
  );
  CREATE INDEX outbox_by_class ON outbox (class, id);
  CREATE TABLE outbox_evictions (
    class INTEGER PRIMARY KEY,
    messages INTEGER NOT NULL DEFAULT 0,
    bytes INTEGER NOT NULL DEFAULT 0,
    last_ms INTEGER
  );

  CREATE TABLE journal (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    ts_ms INTEGER NOT NULL,
    kind TEXT NOT NULL,
    subject TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX journal_by_time ON journal (ts_ms);
  CREATE INDEX journal_by_kind ON journal (kind, ts_ms);

  -- One row per read of a routing table. A snapshot is visible once complete = 1.
  CREATE TABLE route_snapshot (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    table_key TEXT NOT NULL,         -- 'ipv4/<vrf>' or 'ipv6/<vrf>', '' vrf = global
    ts_ms INTEGER NOT NULL,
    complete INTEGER NOT NULL DEFAULT 0,
    route_count INTEGER NOT NULL DEFAULT 0,
    added INTEGER NOT NULL DEFAULT 0,
    removed INTEGER NOT NULL DEFAULT 0,
    changed INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX route_snapshot_by_table ON route_snapshot (table_key, ts_ms);

  -- Temporal route versions: valid from snapshot from_snap until to_snap (NULL = current).
  CREATE TABLE route_version (
    table_key TEXT NOT NULL,
    prefix TEXT NOT NULL,
    from_snap INTEGER NOT NULL,
    from_ms INTEGER NOT NULL,        -- time of from_snap, kept here because old snapshots are pruned
    to_snap INTEGER,
    route TEXT NOT NULL,             -- JSON of the route as first read (readers drop per-hop ages)
    age_sec INTEGER,
    PRIMARY KEY (table_key, prefix, from_snap)
  ) WITHOUT ROWID;
  -- No secondary indexes: every read is a range of the primary key by table, and
  -- each index would roughly double the cost of storing a 100k-route first read.
  `,
  // 2: nonces of accepted commands, apart from the journal, so that no number of
  // refusals can push them out of the rebuild after a restart (red-team finding 2).
  // Filled from the journal's accepted rows so an upgrade opens no replay window.
  `
  CREATE TABLE command_nonce (
    nonce TEXT PRIMARY KEY,
    exp_ms INTEGER NOT NULL          -- the command's exp: a replay after it is refused as expired anyway
  ) WITHOUT ROWID;
  CREATE INDEX command_nonce_by_exp ON command_nonce (exp_ms);
  INSERT OR IGNORE INTO command_nonce (nonce, exp_ms)
    SELECT json_extract(data, '$.nonce'), json_extract(data, '$.exp') FROM journal
    WHERE kind = 'command' AND json_valid(data) AND json_extract(data, '$.outcome') = 'accepted'
      AND json_type(data, '$.nonce') = 'text' AND json_type(data, '$.exp') IN ('integer', 'real');
  `,
  // 3: bytes through metered WANs (agent/core/metered): what each day and the billing period
  // counted, and the last counter reading, so a restart neither loses nor recounts a byte.
  `
  CREATE TABLE metered_state (
    interface TEXT PRIMARY KEY,
    period_start_ms INTEGER NOT NULL,
    period_bytes INTEGER NOT NULL,
    day TEXT NOT NULL,               -- UTC day, 2026-12-06
    day_bytes INTEGER NOT NULL,
    raised_pct TEXT NOT NULL,        -- JSON list of the thresholds raised this period
    last TEXT                        -- JSON of the last counter reading (the next delta's baseline)
  ) WITHOUT ROWID;
  CREATE TABLE metered_day (
    interface TEXT NOT NULL,
    day TEXT NOT NULL,
    bytes INTEGER NOT NULL,
    PRIMARY KEY (interface, day)
  ) WITHOUT ROWID;
  `,
];
