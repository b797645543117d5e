/**
 * Red-team findings 13 and 14: every unauthenticated message cost a journal
 * row, an event and a reply, with no limit; and refusals whose journal write
 * failed (a full disk) were answered but neither journaled nor counted.
 */
import { describe, expect, it } from 'vitest';
import { FakeMqttNetwork } from '../../../agent/adapters/mqtt/fake-broker.js';
import type { JournalEntry } from '../../../agent/adapters/sqlite/journal.js';
import type { Clock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { CommandHandler } from '../../../agent/shell/commands/command-handler.js';
import { DEFAULT_REFUSAL_BUDGET, RefusalThrottle } from '../../../agent/shell/commands/refusal-throttle.js';
import { TokenBucket } from '../../../agent/core/token-bucket.js';
import type { ReplyPayload } from '../../../proto/commands.js';
import type { EventBody } from '../../../proto/payloads.js';
import { createPayloadValidators } from '../../../proto/schemas/index.js';
import { DEFAULT_ROOT, nodeTopics } from '../../../proto/topics.js';
import { AT, command, recordingTarget, testKeys } from './command-kit.js';

const keys = testKeys();
const topics = nodeTopics(DEFAULT_ROOT, AT);
const validators = createPayloadValidators();

/** Time that moves only when told; timers fire as it passes them. */
function manualClock(startMs = Date.now()) {
  let now = startMs;
  let timers: { at: number; fn: () => void }[] = [];
  const clock: Clock & { advance(ms: number): void } = {
    now: () => now,
    setTimer(fn, ms) {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => {
        timers = timers.filter((x) => x !== t);
      };
    },
    sleep: (ms) => new Promise((resolve) => clock.setTimer(resolve, ms)),
    advance(ms) {
      now += ms;
      const due = timers.filter((t) => t.at <= now);
      timers = timers.filter((t) => t.at > now);
      for (const t of due) t.fn();
    },
  };
  return clock;
}

function setup(journalFails = false) {
  const net = new FakeMqttNetwork();
  const agent = net.client('agent');
  const clock = manualClock();
  const journal: JournalEntry[] = [];
  const events: EventBody[] = [];
  let n = 0;
  const handler = new CommandHandler(
    { site: AT.site, node: AT.node, cmdTopic: topics.cmd, replyTopic: topics.reply, keys: keys.configured },
    {
      broker: agent,
      target: recordingTarget(),
      ids: () => `r${n++}`,
      clock,
      log: silentLogger,
      validators,
      journal: async (e) => {
        if (journalFails) throw Object.assign(new Error('database or disk is full'), { code: 'STORE_DISK_FULL' });
        journal.push(e);
      },
      report: (e) => events.push(e),
    },
  );
  const replies = () => net.log.filter((m) => m.topic === topics.reply).map((m) => JSON.parse(m.payload.toString()) as ReplyPayload);
  return { net, agent, clock, journal, events, handler, replies };
}

const garbage = (h: CommandHandler, count: number) =>
  Promise.all(Array.from({ length: count }, (_, i) => h.handle(Buffer.from(`garbage-${i}`))));

describe('token bucket', () => {
  it('allows a burst, then the sustained rate', () => {
    const b = new TokenBucket(5, 3);
    expect([b.take(0), b.take(0), b.take(0), b.take(0)]).toEqual([true, true, true, false]);
    expect(b.take(199)).toBe(false);
    expect(b.take(200)).toBe(true); // 5 per second: one more every 200 ms
    expect(b.take(10_000)).toBe(true);
    expect([b.take(10_000), b.take(10_000), b.take(10_000)]).toEqual([true, true, false]); // refilled to the burst, no more
  });

  it("refills again soon after the clock steps back (not an hour later for an hour's step)", () => {
    const b = new TokenBucket(5, 1);
    expect(b.take(3_600_000)).toBe(true);
    expect(b.take(0)).toBe(false); // stepped back an hour: empty, as it was
    expect(b.take(200)).toBe(true); // 200 ms later by the new clock: one more
  });

  it('sums up what is over the journal budget, per code', () => {
    const t = new RefusalThrottle({ ...DEFAULT_REFUSAL_BUDGET, journalBurst: 1, journalPerSec: 1 });
    expect(t.admit('malformed', 0).journal).toBe(true);
    t.admit('malformed', 0);
    t.admit('unsigned', 10);
    expect(t.takeSummary()).toEqual({ count: 2, codes: { malformed: 1, unsigned: 1 }, firstMs: 0, lastMs: 10 });
    expect(t.takeSummary()).toBeUndefined();
  });
});

describe('command handler under a flood of unauthenticated messages', () => {
  it('journals and reports a burst one by one, then one row and one event with the count; answers up to the reply budget', async () => {
    const s = setup();
    await s.handler.start();
    s.agent.start();
    const { journalBurst, repliesBurst, summaryEveryMs } = DEFAULT_REFUSAL_BUDGET;
    const answered = await garbage(s.handler, 1000);
    expect(answered.every((r) => r.ok === false && r.error.code === 'malformed')).toBe(true);

    expect(s.journal).toHaveLength(journalBurst);
    expect(s.events).toHaveLength(journalBurst);
    expect(s.replies()).toHaveLength(repliesBurst);
    for (const r of s.replies()) expect(validators.payload('reply', r)).toBeNull();
    expect(s.handler.stats()).toEqual({
      unauthenticatedRefusals: 1000,
      refusalsSummarised: 1000 - journalBurst,
      repliesDropped: 1000 - repliesBurst,
      journalFailures: 0,
      refusalsNotJournaled: 0,
    });

    s.clock.advance(summaryEveryMs);
    await expect.poll(() => s.journal.length).toBe(journalBurst + 1);
    expect(s.journal.at(-1)).toMatchObject({
      kind: 'command',
      data: { outcome: 'refused', code: 'malformed', count: 1000 - journalBurst, codes: { malformed: 1000 - journalBurst } },
    });
    expect(s.events.at(-1)).toEqual({
      kind: 'command',
      tx: null,
      outcome: 'refused',
      code: 'malformed',
      count: 1000 - journalBurst,
      codes: { malformed: 1000 - journalBurst },
    });
    expect(validators.payload('event', { v: 1, id: 'x', ts: 1, ...s.events.at(-1) })).toBeNull();

    // Over the flood, a signed command still runs, and the budget refills with time.
    const c = command(keys, 'get-state', {}, { nowMs: s.clock.now() });
    expect(await s.handler.handle(Buffer.from(JSON.stringify(c)))).toMatchObject({ ok: true, tx: c.tx });
    s.clock.advance(1000);
    await garbage(s.handler, 1);
    expect(s.journal.at(-1)).toMatchObject({ data: { outcome: 'refused', code: 'malformed' } });
  });

  it('throttles refusals anyone can make from one captured command (replayed) like unauthenticated ones, but counts only the latter', async () => {
    const s = setup();
    await s.handler.start();
    s.agent.start();
    const captured = command(keys, 'clear-override', {}, { nowMs: s.clock.now() });
    const raw = Buffer.from(JSON.stringify(captured));
    expect((await s.handler.handle(raw)).ok).toBe(true);
    for (let i = 0; i < 100; i++) await s.handler.handle(raw);
    expect(s.journal.filter((e) => (e.data as { code?: string }).code === 'replayed')).toHaveLength(DEFAULT_REFUSAL_BUDGET.journalBurst);
    expect(s.handler.stats()).toMatchObject({ unauthenticatedRefusals: 0, refusalsSummarised: 100 - DEFAULT_REFUSAL_BUDGET.journalBurst });
  });

  it('on a full disk, answers refusals, does not run commands, and counts every failed journal write', async () => {
    const s = setup(true);
    await s.handler.start();
    s.agent.start();
    await garbage(s.handler, 5);
    expect(s.replies().map((r) => (r.ok ? 'ok' : r.error.code))).toEqual(Array(5).fill('malformed'));
    const c = command(keys, 'rebirth', {}, { nowMs: s.clock.now() });
    expect(await s.handler.handle(Buffer.from(JSON.stringify(c)))).toMatchObject({ ok: false, error: { code: 'unavailable' } });
    expect(s.handler.stats()).toMatchObject({ journalFailures: 6, refusalsNotJournaled: 5 });
    expect(s.events).toEqual([]);
  });

  it('refuses a payload over the limit before decoding it, and a retained command, both as unauthenticated', async () => {
    const s = setup();
    await s.handler.start();
    s.agent.start();
    const big = await s.handler.handle(Buffer.alloc(65_537, '['));
    expect(big).toMatchObject({ tx: null, ok: false, error: { code: 'too-large' } });
    const c = command(keys, 'force-path', { source: 'Cellular0/1/0', forSec: 60 }, { nowMs: s.clock.now() });
    expect(await s.handler.handle(Buffer.from(JSON.stringify(c)), { retained: true })).toMatchObject({
      tx: c.tx,
      ok: false,
      error: { code: 'retained' },
    });
    expect(s.handler.stats().unauthenticatedRefusals).toBe(2);
    // Not remembered either: the same command, sent as it should be, runs.
    expect(await s.handler.handle(Buffer.from(JSON.stringify(c)))).toMatchObject({ ok: true });
  });
});
