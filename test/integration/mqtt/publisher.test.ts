import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { FakeMqttNetwork, type FakeBroker } from '../../../agent/adapters/mqtt/fake-broker.js';
import { openDatabase, type SqliteDb } from '../../../agent/adapters/sqlite/database.js';
import { SqliteOutbox } from '../../../agent/adapters/sqlite/outbox.js';
import { WriteQueue } from '../../../agent/adapters/sqlite/write-queue.js';
import { systemClock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { Publisher, type PublisherOutbox } from '../../../agent/shell/report/publisher.js';
import { outboxForPublisher, outboxSink } from '../../../agent/shell/report/publisher-outbox.js';
import { Reporter } from '../../../agent/shell/report/publisher-reporter.js';
import { memorySessionCounter, messageIds, PublisherSession } from '../../../agent/shell/report/publisher-session.js';
import { DEFAULT_ROOT, nodeTopics } from '../../../proto/topics.js';
import { tempDir } from '../../support/temp-dir.js';
import { waitFor } from './wait.js';
import { sqliteOutboxStore } from '../../../agent/adapters/sqlite/reporting-store.js';

const topics = nodeTopics(DEFAULT_ROOT, { site: 's', node: 'n' });

describe('publisher (fake broker, real SQLite outbox)', () => {
  let tmp: ReturnType<typeof tempDir>;
  let db: SqliteDb;
  let outbox: SqliteOutbox;
  let writes: WriteQueue;
  let net: FakeMqttNetwork;
  let agent: FakeBroker;
  let session: PublisherSession;
  let counter: ReturnType<typeof memorySessionCounter>;
  let publisher: Publisher;
  let reporter: Reporter;
  let access: PublisherOutbox;

  beforeEach(() => {
    tmp = tempDir();
    db = openDatabase(join(tmp.dir, 'a.db'), { busyTimeoutMs: 0 });
    outbox = new SqliteOutbox(db, { maxBytes: 1e8, maxAgeMs: 1e12 });
    writes = new WriteQueue();
    net = new FakeMqttNetwork();
    counter = memorySessionCounter(41);
    const ids = messageIds();
    session = new PublisherSession(counter, topics.status, ids, systemClock, 'test');
    agent = net.client('agent', () => session.nextWill());
    access = outboxForPublisher(sqliteOutboxStore(outbox, writes));
    publisher = new Publisher(agent, access, session, { statusTopic: topics.status, window: 8 }, silentLogger, systemClock);
    reporter = new Reporter(
      outboxSink(sqliteOutboxStore(outbox, writes), () => publisher.kick(), Date.now),
      { topics, ids, clock: systemClock },
    );
  });
  afterEach(async () => {
    await publisher.stop(AbortSignal.timeout(100));
    db.close();
    tmp.cleanup();
  });

  const warnings = (from: number, n: number) =>
    Array.from({ length: n }, (_, i) => ({ kind: 'warning' as const, code: 'seq', message: String(from + i) }));
  const sentEvents = () => agent.published.filter((m) => m.topic === topics.event).map((m) => JSON.parse(String(m.payload)));

  it('sends the birth before any backlog, with the session the Will carries', async () => {
    await reporter.events(warnings(0, 3));
    publisher.start();
    agent.start();
    await waitFor(() => outbox.depth().total.messages === 0, 5000, 'drain');
    expect(agent.published[0]!.topic).toBe(topics.status);
    expect(JSON.parse(String(agent.published[0]!.payload))).toMatchObject({ state: 'online', session: 42 });
    expect(counter.value).toBe(42);
    expect(sentEvents().map((e) => e.message)).toEqual(['0', '1', '2']);
    // Enqueued before the first CONNECT of this run: they waited for no reconnect, so they are live.
    expect(sentEvents().some((e) => e.historical)).toBe(false);
  });

  it('flags rows left by the previous run historical, original time kept', async () => {
    await reporter.events(warnings(0, 3));
    await waitFor(() => outbox.depth().event.messages === 3, 5000, 'the rows stored');
    // Each row's own time: three rows stored on a busy machine need not share a millisecond.
    const stored = outbox.peek(3);
    const tsOf = new Map(stored.map((row) => JSON.parse(row.payload) as { id: string; ts: number }).map((p) => [p.id, p.ts]));
    await waitFor(() => Date.now() > Math.max(...stored.map((row) => row.createdMs)), 5000, 'the clock to move past them');
    // A restart: the first run stops without having connected; a new publisher over the same outbox.
    await publisher.stop(AbortSignal.abort());
    publisher = new Publisher(agent, access, session, { statusTopic: topics.status, window: 8 }, silentLogger, systemClock);
    publisher.start();
    agent.start();
    await waitFor(() => outbox.depth().total.messages === 0, 5000, 'drain');
    expect(sentEvents().map((e) => [e.historical, e.ts === tsOf.get(e.id)])).toEqual([
      [true, true],
      [true, true],
      [true, true],
    ]);
  });

  it('keeps at most a window unacknowledged, and deletes rows only on PUBACK', async () => {
    publisher.start();
    agent.start();
    agent.holdAcks = true;
    await reporter.events(warnings(0, 20));
    await waitFor(() => publisher.inFlight === 8, 5000, 'a full window');
    expect(sentEvents()).toHaveLength(8);
    expect(sentEvents().some((e) => e.historical)).toBe(false); // live, not replayed
    expect(outbox.depth().event.messages).toBe(20);
    agent.releaseAcks();
    await waitFor(() => publisher.inFlight === 8 && sentEvents().length === 16, 5000, 'the next window');
    agent.holdAcks = false;
    agent.releaseAcks();
    await waitFor(() => outbox.depth().total.messages === 0, 5000, 'drain');
    expect(sentEvents().map((e) => Number(e.message))).toEqual(Array.from({ length: 20 }, (_, i) => i));
  });

  it('re-sends unacknowledged rows after a reconnect, flagged historical, same id and timestamp', async () => {
    publisher.start();
    agent.start();
    agent.holdAcks = true;
    await reporter.events(warnings(0, 5));
    await waitFor(() => sentEvents().length === 5, 5000, 'first sends');
    const first = sentEvents();
    agent.drop();
    expect(outbox.depth().event.messages).toBe(5);
    agent.holdAcks = false;
    agent.reconnect();
    await waitFor(() => outbox.depth().total.messages === 0, 5000, 'drain after reconnect');
    const again = sentEvents().slice(5);
    expect(again.map((e) => e.id)).toEqual(first.map((e) => e.id));
    expect(again.map((e) => e.ts)).toEqual(first.map((e) => e.ts));
    expect(again.every((e) => e.historical === true)).toBe(true);
    const births = agent.published.filter((m) => m.topic === topics.status).map((m) => JSON.parse(String(m.payload)).session);
    expect(births).toEqual([42, 43]);
  });

  it('publishes the Will of the connection that died, and answers a stale Will with a rebirth', async () => {
    const watcher = net.client('watcher');
    watcher.start();
    await watcher.subscribe(topics.status, 1);
    const seen: { state: string; session: number }[] = [];
    watcher.onMessage((m) => seen.push(JSON.parse(m.payload.toString())));
    publisher.start();
    agent.start();
    await waitFor(() => seen.some((s) => s.state === 'online'), 5000, 'birth');
    agent.drop(true);
    expect(seen.at(-1)).toMatchObject({ state: 'offline', session: 42 });
    agent.reconnect();
    await waitFor(() => seen.at(-1)?.session === 43, 5000, 'rebirth');
    // The broker notices the old connection late and fires its Will over our birth.
    await watcher.publish({
      topic: topics.status,
      payload: JSON.stringify({ v: 1, id: 'w', ts: 1, state: 'offline', session: 42, reason: 'connection-lost' }),
      qos: 1,
      retain: true,
    });
    await waitFor(() => seen.at(-1)?.state === 'online', 5000, 'birth after the stale Will');
    expect(seen.at(-1)?.session).toBe(43);
    expect(JSON.parse(net.retained.get(topics.status)!.payload.toString())).toMatchObject({ state: 'online', session: 43 });
  });

  it('pauses and re-sends when a delete fails, and says goodbye on stop', async () => {
    let failures = 1;
    const flaky: PublisherOutbox = {
      peek: (l, e) => access.peek(l, e),
      ack: (ids) => (failures-- > 0 ? Promise.reject(Object.assign(new Error('disk full'), { code: 'STORE_DISK_FULL' })) : access.ack(ids)),
    };
    publisher = new Publisher(agent, flaky, session, { statusTopic: topics.status, window: 8, ackRetryMs: 20 }, silentLogger, systemClock);
    publisher.start();
    agent.start();
    await reporter.events(warnings(0, 3));
    await waitFor(() => outbox.depth().total.messages === 0, 5000, 'drain despite a failed delete');
    const ids = sentEvents().map((e) => e.id);
    expect(new Set(ids).size).toBe(3);
    expect(ids.length).toBeGreaterThan(3); // the rows whose delete failed went again: duplicates, same ids
    await publisher.stop(AbortSignal.timeout(1000));
    expect(JSON.parse(String(agent.published.at(-1)!.payload))).toMatchObject({ state: 'offline', reason: 'shutdown', session: 42 });
  });

  it('publishes state only on change and telemetry on change or heartbeat', async () => {
    let now = 1_000_000;
    const clock = { ...systemClock, now: () => now };
    const r = new Reporter(
      outboxSink(
        sqliteOutboxStore(outbox, writes),
        () => {},
        () => now,
      ),
      { topics, ids: messageIds(), clock, heartbeatMs: 300_000 },
    );
    const body = { sla: [{ operation: 1, returnCode: 'ok' as const, samples: 10, lossPct: 0, rttMs: 20 }], interfaces: [], ipsec: [] };
    expect(await r.telemetry(body)).toBe('change');
    now += 60_000;
    expect(await r.telemetry({ ...body, sla: [{ ...body.sla[0]!, rttMs: 22 }] })).toBeUndefined();
    now += 240_000;
    expect(await r.telemetry(body)).toBe('heartbeat');
    const rows = outbox.peek(10);
    expect(rows.map((x) => JSON.parse(x.payload).trigger)).toEqual(['change', 'heartbeat']);
    expect(rows.map((x) => x.createdMs)).toEqual([1_000_000, 1_300_000]);
  });
});
