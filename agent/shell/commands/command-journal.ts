import type { CommandLog, JournalEntry } from '../../ports/store.js';
import type { NonceSource, RememberedNonce } from './nonce-cache.js';

/**
 * The command handler's `journal` and `nonceSource` over the store: an
 * acceptance writes its journal row and its nonce in one transaction (the
 * store's CommandLog), and a restart reloads every unexpired nonce.
 */
export function commandJournal(log: CommandLog): {
  journal: (entry: JournalEntry, nonce?: RememberedNonce) => Promise<void>;
  nonceSource: NonceSource;
} {
  return {
    journal: (entry, nonce) => log.record(entry, nonce),
    nonceSource: (nowMs) => log.unexpiredNonces(nowMs),
  };
}
