import type { SqliteCommandNonces } from '../../adapters/sqlite/command-nonces.js';
import type { JournalEntry, SqliteJournal } from '../../adapters/sqlite/journal.js';
import type { WriteQueue } from '../../adapters/sqlite/write-queue.js';
import type { NonceSource, RememberedNonce } from './nonce-cache.js';

/**
 * The command handler's `journal` and `nonceSource` over the store: writes go
 * through the WriteQueue (the main connection never waits on SQLite's lock);
 * an acceptance writes its journal row and its nonce in one transaction, and
 * a restart reloads every unexpired nonce from their own table.
 */
export function commandJournal(journal: SqliteJournal, nonces: SqliteCommandNonces, writes: WriteQueue): {
  journal: (entry: JournalEntry, nonce?: RememberedNonce) => Promise<void>;
  nonceSource: NonceSource;
} {
  return {
    journal: (entry, nonce) => writes.run(() => {
      if (nonce) nonces.recordAccepted(journal, entry, nonce);
      else journal.append([entry]);
    }),
    nonceSource: (nowMs) => nonces.unexpired(nowMs),
  };
}
