/**
 * Red-team finding 17: the first `state` after a fresh start was published
 * `historical: true`, because it is enqueued before the first CONNECT. The
 * contract: historical means it waited across a disconnect or a restart.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fleetFilter, DEFAULT_ROOT } from '../../../proto/topics.js';
import { tempDir } from '../../support/temp-dir.js';
import { startAedes, type AedesBroker } from './aedes-harness.js';
import { agentStack } from './agent-stack.js';
import { Observer } from './observer.js';
import { FAST_BACKOFF, SAMPLE_STATE } from './scenarios.js';

describe('historical flag (aedes)', () => {
  let broker: AedesBroker;
  let tmp: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    broker = await startAedes();
    tmp = tempDir('spokepilot-historical-');
  });
  afterAll(async () => {
    await broker?.stop();
    tmp?.cleanup();
  });

  it('the state enqueued before the first CONNECT of a fresh start is live', async () => {
    const stack = agentStack({
      dir: join(tmp.dir, 'fresh'),
      at: { site: 'h', node: 'fresh' },
      broker: { url: broker.url, backoff: FAST_BACKOFF },
    });
    const observer = await Observer.connect(broker.url, fleetFilter(DEFAULT_ROOT));
    try {
      await stack.reporter.state(SAMPLE_STATE); // as the agent does: its first state, before the broker answered
      await stack.start();
      const state = await observer.waitFor((s) => s.topic === stack.topics.state, 'the first state');
      expect(state.body.historical).toBeUndefined();
    } finally {
      await stack.stop();
      await observer.close();
    }
  });

  it('a state left in the outbox by the previous run is historical', async () => {
    const dir = join(tmp.dir, 'restart');
    const at = { site: 'h', node: 'restarted' };
    const before = agentStack({ dir, at, broker: { url: broker.url, backoff: FAST_BACKOFF } });
    await before.reporter.state(SAMPLE_STATE); // never connected: the row stays for the next run
    await before.stop();
    const observer = await Observer.connect(broker.url, fleetFilter(DEFAULT_ROOT));
    const after = agentStack({ dir, at, broker: { url: broker.url, backoff: FAST_BACKOFF } });
    try {
      await after.start();
      const state = await observer.waitFor((s) => s.topic === after.topics.state, 'the state from the previous run');
      expect(state.body.historical).toBe(true);
    } finally {
      await after.stop();
      await observer.close();
    }
  });
});
