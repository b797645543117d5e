import type { RefusalCode } from '../../../proto/commands.js';
import { TokenBucket } from '../../core/token-bucket.js';

/**
 * Refusals of messages that were never authenticated: anyone allowed to
 * publish on `cmd` can make these at any rate.
 */
export const UNAUTHENTICATED_REFUSALS: ReadonlySet<RefusalCode> = new Set<RefusalCode>([
  'too-large',
  'retained',
  'malformed',
  'unsigned',
  'unknown-key',
  'bad-signature',
]);

/**
 * Refusals that are throttled: the unauthenticated ones, and those anyone can
 * make at will from one captured command (its signature verifies, but sent
 * again it is `replayed`, later `expired`, to another node `wrong-target`).
 * What stays unthrottled needs a fresh nonce, so the operator's own key.
 */
export const THROTTLED_REFUSALS: ReadonlySet<RefusalCode> = new Set<RefusalCode>([
  ...UNAUTHENTICATED_REFUSALS,
  'wrong-target',
  'expired',
  'not-yet-valid',
  'lifetime-too-long',
  'replayed',
]);

export interface RefusalBudget {
  /** Throttled refusals journaled (row + event) one by one: sustained rate and burst. */
  journalPerSec: number;
  journalBurst: number;
  /** Throttled refusals answered: sustained rate and burst. */
  repliesPerSec: number;
  repliesBurst: number;
  /** Refusals over the journal budget are summed up in one row and event at most this often. */
  summaryEveryMs: number;
}

/*
 * Why replies have a budget of their own, larger than the journal's: a reply
 * costs no disk write and no outbox row, and it keeps "exactly one reply" for
 * an honest sender caught in a flood; but each is still a QoS 1 publish
 * holding an in-flight slot on the connection the outbox publisher shares, and
 * the red-team's 10,000-message burst made mosquitto drop 59% of its queue. So
 * a sustained flood is answered up to a rate, and the excess only counted.
 */
export const DEFAULT_REFUSAL_BUDGET: RefusalBudget = {
  journalPerSec: 5,
  journalBurst: 20,
  repliesPerSec: 50,
  repliesBurst: 200,
  summaryEveryMs: 10_000,
};

export interface RefusalSummary {
  count: number;
  codes: Partial<Record<RefusalCode, number>>;
  firstMs: number;
  lastMs: number;
}

/** Decides, per throttled refusal, whether it is journaled and answered; sums up the rest. */
export class RefusalThrottle {
  private readonly journal: TokenBucket;
  private readonly replies: TokenBucket;
  private pending: RefusalSummary | undefined;

  constructor(budget: RefusalBudget) {
    this.journal = new TokenBucket(budget.journalPerSec, budget.journalBurst);
    this.replies = new TokenBucket(budget.repliesPerSec, budget.repliesBurst);
  }

  /** `journal: false` means the refusal went into the pending summary. */
  admit(code: RefusalCode, nowMs: number): { journal: boolean; reply: boolean } {
    const journal = this.journal.take(nowMs);
    if (!journal) {
      const p = (this.pending ??= { count: 0, codes: {}, firstMs: nowMs, lastMs: nowMs });
      p.count++;
      p.codes[code] = (p.codes[code] ?? 0) + 1;
      p.lastMs = nowMs;
    }
    return { journal, reply: this.replies.take(nowMs) };
  }

  get hasPending(): boolean {
    return this.pending !== undefined;
  }

  /** The refusals summed up since the last call, if any. */
  takeSummary(): RefusalSummary | undefined {
    const p = this.pending;
    this.pending = undefined;
    return p;
  }
}
