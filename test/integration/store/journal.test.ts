import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type SqliteDb } from '../../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../../agent/adapters/sqlite/journal.js';
import { tempDir } from '../../support/temp-dir.js';

describe('journal (real SQLite file)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: SqliteDb;
  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(join(tmp.dir, 'agent.db'));
  });
  afterEach(() => {
    db.close();
    tmp.cleanup();
  });

  it('records entries and answers by time and kind', () => {
    const j = new SqliteJournal(db, { maxAgeMs: 1e9, maxRows: 1000 });
    j.append([
      { tsMs: 100, kind: 'observation', subject: 'track 10', data: { state: 'down' } },
      { tsMs: 200, kind: 'decision', subject: 'peer', data: { reason: 'loss 30% > 5%' } },
      { tsMs: 300, kind: 'action', data: { command: 'track 10 stub-object' } },
    ]);
    expect(j.query({ sinceMs: 150 }).map((e) => e.kind)).toEqual(['decision', 'action']);
    expect(j.query({ kinds: ['decision'] })).toEqual([
      { id: 2, tsMs: 200, kind: 'decision', subject: 'peer', data: { reason: 'loss 30% > 5%' } },
    ]);
  });

  it('is bounded by age and by rows', () => {
    const j = new SqliteJournal(db, { maxAgeMs: 1700, maxRows: 3 }); // age drops 2 rows, the row bound 1 more
    j.append(Array.from({ length: 6 }, (_, i) => ({ tsMs: i * 500, kind: 'observation', data: i })));
    const removed = j.prune(2600);
    expect(removed).toBe(3);
    expect(j.query().map((e) => e.data)).toEqual([3, 4, 5]);
  });

  it('rejects a bad kind with a coded error and appends nothing', () => {
    const j = new SqliteJournal(db, { maxAgeMs: 1e9, maxRows: 1000 });
    expect(() =>
      j.append([
        { tsMs: 1, kind: 'ok', data: 1 },
        { tsMs: 2, kind: 'Bad Kind!', data: 2 },
      ]),
    ).toThrow(expect.objectContaining({ code: 'STORE_BAD_INPUT' }));
    expect(j.query()).toEqual([]);
  });
});
