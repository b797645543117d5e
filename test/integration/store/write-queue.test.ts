import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { openDatabase, type SqliteDb } from '../../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../../agent/adapters/sqlite/journal.js';
import { WriteQueue } from '../../../agent/adapters/sqlite/write-queue.js';
import { tempDir } from '../../support/temp-dir.js';

describe('write queue against a locked database (two real connections)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let main: SqliteDb;
  let other: SqliteDb;
  beforeEach(() => {
    tmp = tempDir();
    const path = join(tmp.dir, 'agent.db');
    main = openDatabase(path, { busyTimeoutMs: 0, checkpoints: false });
    other = openDatabase(path);
  });
  afterEach(() => {
    main.close();
    other.close();
    tmp.cleanup();
  });

  it('retries writes while another connection holds the lock, in order, without blocking the loop', async () => {
    const journal = new SqliteJournal(main, { maxAgeMs: 1e12, maxRows: 1e9 });
    const queue = new WriteQueue();
    other.exec('BEGIN IMMEDIATE');
    const done: number[] = [];
    const writes = [1, 2, 3].map((n) =>
      queue.run(() => journal.append([{ tsMs: n, kind: 'observation', data: n }])).then(() => done.push(n)),
    );
    // The loop keeps turning while the writes wait.
    let ticks = 0;
    await new Promise<void>((resolve) => {
      const t = setInterval(() => {
        if (++ticks === 5) {
          clearInterval(t);
          resolve();
        }
      }, 2);
    });
    expect(done).toEqual([]);
    expect(queue.pending).toBe(3);
    other.exec('COMMIT');
    await Promise.all(writes);
    expect(done).toEqual([1, 2, 3]);
    expect(queue.retries).toBeGreaterThan(0);
    expect(journal.query().map((e) => e.data)).toEqual([1, 2, 3]);
  });

  it('gives up with STORE_BUSY after its wait bound, and goes on with later writes', async () => {
    const journal = new SqliteJournal(main, { maxAgeMs: 1e12, maxRows: 1e9 });
    const queue = new WriteQueue({ maxWaitMs: 20 });
    other.exec('BEGIN IMMEDIATE');
    const first = queue.run(() => journal.append([{ tsMs: 1, kind: 'observation', data: 1 }]));
    await expect(first).rejects.toMatchObject({ code: 'STORE_BUSY' });
    other.exec('COMMIT');
    await queue.run(() => journal.append([{ tsMs: 2, kind: 'observation', data: 2 }]));
    expect(journal.query().map((e) => e.data)).toEqual([2]);
  });
});
