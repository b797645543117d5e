/** The fleet-wide snapshot request: its parsing (proto/snapshot.ts) and the agent's jittered, rate-limited answer. */
import { describe, expect, it } from 'vitest';
import { FakeMqttNetwork } from '../../../agent/adapters/mqtt/fake-broker.js';
import type { Clock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { SnapshotResponder } from '../../../agent/shell/report/publisher-snapshot.js';
import { buildSnapshotRequest, effectiveSpreadMs, parseSnapshotRequest, SNAPSHOT_LIMITS, snapshotTopic } from '../../../proto/snapshot.js';
import { parseTopic } from '../../../proto/topics.js';

/** A clock moved by hand: timers fire when `advance` passes them. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 1_000_000;
  const timers: { at: number; fn: () => void }[] = [];
  return {
    now: () => now,
    setTimer(fn, ms) {
      const t = { at: now + ms, fn };
      timers.push(t);
      return () => {
        timers.splice(timers.indexOf(t), 1);
      };
    },
    sleep: () => Promise.resolve(),
    advance(ms) {
      const until = now + ms;
      for (;;) {
        const due = timers.filter((t) => t.at <= until).sort((a, b) => a.at - b.at)[0];
        if (!due) break;
        timers.splice(timers.indexOf(due), 1);
        now = due.at;
        due.fn();
      }
      now = until;
    },
  };
}

describe('snapshot request (proto)', () => {
  it('lives outside the <root>/+/+/+ tree and round-trips', () => {
    expect(snapshotTopic('spokepilot/v1')).toBe('spokepilot/v1/_fleet/snapshot');
    expect(parseTopic('spokepilot/v1', snapshotTopic('spokepilot/v1'))).toBeUndefined();
    const r = buildSnapshotRequest({ id: 'a1', nowMs: 5, spreadMs: 2000, site: 'paris' });
    expect(parseSnapshotRequest(JSON.stringify(r))).toEqual(r);
  });

  it.each([
    ['not JSON', '{', 'not JSON'],
    ['wrong version', '{"v":2,"id":"a","ts":1}', 'v must be 1'],
    ['no id', '{"v":1,"ts":1}', 'id must be'],
    ['negative spread', '{"v":1,"id":"a","ts":1,"spreadMs":-5}', 'spreadMs'],
    ['too large', JSON.stringify({ v: 1, id: 'a', ts: 1, pad: 'x'.repeat(2000) }), 'over 1024'],
  ])('refuses %s, saying why', (_what, payload, why) => {
    const r = parseSnapshotRequest(payload);
    expect('error' in r && r.error).toContain(why);
  });

  it('clamps the spread', () => {
    expect(effectiveSpreadMs({})).toBe(SNAPSHOT_LIMITS.defaultSpreadMs);
    expect(effectiveSpreadMs({ spreadMs: 10_000_000 })).toBe(SNAPSHOT_LIMITS.maxSpreadMs);
  });
});

describe('SnapshotResponder', () => {
  const rig = (site = 'paris', randoms = [0.5]) => {
    const net = new FakeMqttNetwork();
    const agent = net.client('agent');
    const operator = net.client('operator');
    const clock = manualClock();
    let k = 0;
    const answers: number[] = [];
    const r = new SnapshotResponder({
      broker: agent,
      topic: snapshotTopic('r'),
      site,
      clock,
      log: silentLogger,
      random: () => randoms[k++ % randoms.length]!,
      answer: async () => {
        answers.push(clock.now());
      },
    });
    r.start();
    agent.start();
    operator.start();
    const ask = (body: object | string, retain = false) =>
      operator.publish({ topic: snapshotTopic('r'), payload: typeof body === 'string' ? body : JSON.stringify(body), qos: 1, retain });
    return { r, clock, answers, ask };
  };

  it('answers after the jitter within the spread, once for a burst of requests', async () => {
    const { r, clock, answers, ask } = rig('paris', [0.5]);
    const t0 = clock.now();
    await ask(buildSnapshotRequest({ id: '1', nowMs: t0, spreadMs: 4000 }));
    await ask(buildSnapshotRequest({ id: '2', nowMs: t0, spreadMs: 4000 }));
    clock.advance(1999);
    expect(answers).toEqual([]);
    clock.advance(1);
    expect(answers).toEqual([t0 + 2000]);
    clock.advance(60_000);
    expect(answers).toHaveLength(1);
    expect(r.stats).toMatchObject({ requests: 2, answered: 1, coalesced: 1 });
  });

  it('answers a request inside the interval when the interval ends, not before', async () => {
    const { clock, answers, ask } = rig('paris', [0]);
    const t0 = clock.now();
    await ask(buildSnapshotRequest({ id: '1', nowMs: t0, spreadMs: 0 }));
    clock.advance(1);
    await ask(buildSnapshotRequest({ id: '2', nowMs: t0, spreadMs: 0 }));
    clock.advance(SNAPSHOT_LIMITS.minIntervalMs * 2);
    expect(answers).toEqual([t0, t0 + SNAPSHOT_LIMITS.minIntervalMs]);
  });

  it('ignores other sites and garbage', async () => {
    const { r, clock, answers, ask } = rig('paris', [0]);
    await ask(buildSnapshotRequest({ id: '2', nowMs: clock.now(), site: 'lyon' }));
    await ask('nonsense');
    clock.advance(60_000);
    expect(answers).toEqual([]);
    expect(r.stats).toMatchObject({ requests: 2, refused: 2, answered: 0 });
    await ask(buildSnapshotRequest({ id: '3', nowMs: clock.now(), site: 'paris' }));
    clock.advance(60_000);
    expect(answers).toHaveLength(1);
  });

  it('ignores a request the broker kept retained (it would fire on every reconnect)', async () => {
    const net = new FakeMqttNetwork();
    const operator = net.client('operator');
    operator.start();
    await operator.publish({
      topic: snapshotTopic('r'),
      payload: JSON.stringify(buildSnapshotRequest({ id: 'x', nowMs: 0 })),
      qos: 1,
      retain: true,
    });
    const agent = net.client('agent');
    const clock = manualClock();
    const answers: number[] = [];
    const r = new SnapshotResponder({
      broker: agent,
      topic: snapshotTopic('r'),
      site: 's',
      clock,
      log: silentLogger,
      random: () => 0,
      answer: async () => {
        answers.push(1);
      },
    });
    r.start();
    agent.start();
    await new Promise((done) => setTimeout(done, 10));
    clock.advance(60_000);
    expect(r.stats).toMatchObject({ requests: 1, refused: 1 });
    expect(answers).toEqual([]);
  });
});
