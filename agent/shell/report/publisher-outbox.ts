import type { OutboxMessage, OutboxStore } from '../../ports/store.js';
import { perTurnBatch } from './per-turn-batch.js';
import type { PublisherOutbox } from './publisher.js';

/** The outbox as the publisher sees it: peek and ack. */
export function outboxForPublisher(outbox: OutboxStore): PublisherOutbox {
  return {
    peek: (limit, exclude) => outbox.peek(limit, exclude),
    ack: (ids) => outbox.ack(ids),
  };
}

/**
 * Appends to the outbox and wakes the publisher: what the Reporter is given as
 * its sink. What is reported in one turn of the loop is appended in one commit.
 */
export function outboxSink(outbox: OutboxStore, wake: () => void, now: () => number): (messages: OutboxMessage[]) => Promise<void> {
  return perTurnBatch(async (messages) => {
    await outbox.append(messages, now());
    wake();
  });
}
