import type { CommandLog, OutboxStore } from '../../ports/store.js';
import type { SqliteCommandNonces } from './command-nonces.js';
import type { SqliteJournal } from './journal.js';
import type { SqliteOutbox } from './outbox.js';
import type { WriteQueue } from './write-queue.js';

/*
 * The store's reporting ports over SQLite. Reads go straight to the main
 * connection (WAL readers never wait); writes go through the WriteQueue,
 * because the main connection runs with busy_timeout 0 and the route worker
 * may hold the write lock.
 */

export function sqliteOutboxStore(outbox: SqliteOutbox, writes: WriteQueue): OutboxStore {
  return {
    peek: (limit, exclude) => outbox.peek(limit, exclude),
    ack: (ids) => writes.run(() => outbox.ack(ids)),
    append: async (messages, nowMs) => {
      await writes.run(() => outbox.enqueue(messages, nowMs));
    },
    depth: () => outbox.depth(),
    evictions: () => outbox.evictions(),
  };
}

/** An acceptance writes its journal row and its nonce in one transaction; a restart reloads every unexpired nonce. */
export function sqliteCommandLog(journal: SqliteJournal, nonces: SqliteCommandNonces, writes: WriteQueue): CommandLog {
  return {
    record: (entry, nonce) =>
      writes.run(() => {
        if (nonce) nonces.recordAccepted(journal, entry, nonce);
        else journal.append([entry]);
      }),
    unexpiredNonces: (nowMs) => nonces.unexpired(nowMs),
  };
}
