import type { SqliteOutbox } from '../adapters/sqlite/outbox.js';
import type { WriteQueue } from '../adapters/sqlite/write-queue.js';
import type { OutboxMessage } from '../adapters/sqlite/outbox.js';
import { perTurnBatch } from './per-turn-batch.js';
import type { PublisherOutbox } from './publisher.js';

/**
 * The SQLite outbox as the publisher sees it. Reads go straight to the main
 * connection (WAL readers never wait); deletes and appends go through the
 * WriteQueue, because the main connection runs with busy_timeout 0 and the
 * route worker may hold the write lock.
 */
export function outboxForPublisher(outbox: SqliteOutbox, writes: WriteQueue): PublisherOutbox {
  return {
    peek: (limit, exclude) => outbox.peek(limit, exclude),
    ack: (ids) => writes.run(() => outbox.ack(ids)),
  };
}

/**
 * Appends to the outbox and wakes the publisher: what the Reporter is given as
 * its sink. What is reported in one turn of the loop is appended in one commit.
 */
export function outboxSink(outbox: SqliteOutbox, writes: WriteQueue, wake: () => void, now: () => number): (messages: OutboxMessage[]) => Promise<void> {
  return perTurnBatch(async (messages) => {
    await writes.run(() => outbox.enqueue(messages, now()));
    wake();
  });
}
