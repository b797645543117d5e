import { describe, expect, it } from 'vitest';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { openDatabase } from '../../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../../agent/adapters/sqlite/journal.js';
import { SqliteOutbox } from '../../../agent/adapters/sqlite/outbox.js';
import { SqliteRouteHistory } from '../../../agent/adapters/sqlite/route-history.js';
import { SqliteRouteQueries } from '../../../agent/adapters/sqlite/route-queries.js';
import type { Route } from '../../../proto/records/routing.js';
import { useTempDatabase } from '../../support/temp-database.js';

const route = (i: number): Route => ({
  family: 'ipv4',
  prefix: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
  code: 'B',
  protocol: 'bgp',
  candidateDefault: false,
  nextHops: [{ address: '10.255.0.1' }],
});
const GLOBAL = { family: 'ipv4' as const, vrf: '' };

describe('store faults give coded errors and leave nothing half-applied', () => {
  const t = useTempDatabase();

  /** Caps the file at its current size plus a few pages: SQLite then answers SQLITE_FULL, as on a full disk. */
  const fillDisk = (extraPages = 2) => {
    const pages = t.db.pragma('page_count', { simple: true }) as number;
    t.db.pragma(`max_page_count = ${pages + extraPages}`);
  };

  it('outbox: STORE_DISK_FULL, depth and rows as before', () => {
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1e9, maxAgeMs: 1e12 });
    outbox.enqueue([{ class: 'event', topic: 't', payload: 'kept', createdMs: 1 }], 1);
    fillDisk();
    const big = Array.from({ length: 500 }, (_, i) => ({
      class: 'event' as const,
      topic: 't',
      payload: 'x'.repeat(400) + i,
      createdMs: 2,
    }));
    expect(() => outbox.enqueue(big, 2)).toThrow(expect.objectContaining({ code: 'STORE_DISK_FULL' }));
    expect(outbox.depth().total.messages).toBe(1);
    expect(outbox.peek(10).map((r) => r.payload)).toEqual(['kept']);
  });

  it('journal: STORE_DISK_FULL, nothing appended', () => {
    const journal = new SqliteJournal(t.db, { maxAgeMs: 1e12, maxRows: 1e9 });
    fillDisk();
    const many = Array.from({ length: 2000 }, (_, i) => ({ tsMs: i, kind: 'observation', data: 'y'.repeat(200) }));
    expect(() => journal.append(many)).toThrow(expect.objectContaining({ code: 'STORE_DISK_FULL' }));
    expect(journal.query()).toEqual([]);
  });

  it('route history: STORE_DISK_FULL mid-ingest, the previous table still current and whole', async () => {
    const history = new SqliteRouteHistory(t.db);
    await history.ingest(
      GLOBAL,
      Array.from({ length: 100 }, (_, i) => route(i)),
      1000,
    );
    fillDisk(20);
    await expect(
      history.ingest(
        GLOBAL,
        Array.from({ length: 20000 }, (_, i) => route(i)),
        2000,
        { sliceRows: 500 },
      ),
    ).rejects.toMatchObject({ code: 'STORE_DISK_FULL' });
    t.db.pragma('max_page_count = 1073741823');
    const current = new SqliteRouteQueries(t.db).tableAt(GLOBAL);
    expect(current.snapshot?.tsMs).toBe(1000);
    expect(current.routes).toHaveLength(100);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM route_version').get()).toEqual({ n: 100 });
    // and the next read, with space again, diffs against the last good table
    const next = await history.ingest(
      GLOBAL,
      Array.from({ length: 101 }, (_, i) => route(i)),
      3000,
    );
    expect(next).toMatchObject({ added: 1, removed: 0, changed: 0 });
  });

  it('a read-only database: STORE_READ_ONLY on every write', () => {
    t.reopen({ readonly: true });
    const outbox = new SqliteOutbox(t.db, { maxBytes: 1e9, maxAgeMs: 1e12 });
    expect(() => outbox.enqueue([{ class: 'event', topic: 't', payload: 'p', createdMs: 1 }], 1)).toThrow(
      expect.objectContaining({ code: 'STORE_READ_ONLY' }),
    );
    const journal = new SqliteJournal(t.db, { maxAgeMs: 1e12, maxRows: 1e9 });
    expect(() => journal.append([{ tsMs: 1, kind: 'observation', data: 1 }])).toThrow(expect.objectContaining({ code: 'STORE_READ_ONLY' }));
  });

  it('a file that is not a database: STORE_CORRUPT', () => {
    const bad = join(t.dir, 'garbage.db');
    writeFileSync(bad, 'this is not an SQLite file, it is a text file of some length'.repeat(100));
    expect(() => openDatabase(bad)).toThrow(expect.objectContaining({ code: 'STORE_CORRUPT' }));
  });
});
