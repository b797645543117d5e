import type { SqliteDb } from './database.js';
import type { JournalEntry, SqliteJournal } from './journal.js';
import { guarded } from './store-error.js';

export interface StoredNonce {
  nonce: string;
  expMs: number;
}

/**
 * Nonces of accepted commands (table `command_nonce`, migration 2), kept until
 * their command expires. Only acceptances write here, so refusals, however
 * many, cannot push a nonce out of what the agent reloads after a restart.
 */
export class SqliteCommandNonces {
  private readonly stmt;

  /** @param keepAfterExpMs how long past `exp` a nonce is kept: the verifier's clock skew. */
  constructor(
    private readonly db: SqliteDb,
    private readonly keepAfterExpMs: number,
  ) {
    this.stmt = guarded('preparing command nonce statements', () => ({
      // A plain INSERT: a nonce already stored fails the acceptance, so even a
      // replay the in-memory cache missed is never run.
      insert: db.prepare('INSERT INTO command_nonce (nonce, exp_ms) VALUES (?, ?)'),
      unexpired: db.prepare('SELECT nonce, exp_ms AS expMs FROM command_nonce WHERE exp_ms >= ?'),
      prune: db.prepare('DELETE FROM command_nonce WHERE exp_ms < ?'),
    }));
  }

  /**
   * Records a command's acceptance: its journal row and its nonce in one
   * transaction, so a command is never run with its nonce unrecorded.
   * Expired nonces are pruned in the same commit (the table stays as small as
   * the number of live accepted commands).
   */
  recordAccepted(journal: SqliteJournal, entry: JournalEntry, nonce: StoredNonce): void {
    guarded('recording an accepted command', () =>
      this.db
        .transaction(() => {
          this.stmt.prune.run(entry.tsMs - this.keepAfterExpMs);
          journal.append([entry]);
          this.stmt.insert.run(nonce.nonce, nonce.expMs);
        })
        .immediate(),
    );
  }

  /** Every nonce whose command may still be replayed at `nowMs`, with no row limit. */
  unexpired(nowMs: number): StoredNonce[] {
    return guarded('reading command nonces', () => this.stmt.unexpired.all(nowMs - this.keepAfterExpMs) as StoredNonce[]);
  }

  prune(nowMs: number): number {
    return guarded('pruning command nonces', () => this.stmt.prune.run(nowMs - this.keepAfterExpMs).changes);
  }
}
