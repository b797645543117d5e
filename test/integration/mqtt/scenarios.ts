/**
 * Scenarios run against every broker (mosquitto and aedes): the same
 * expectations, so the adapter's behaviour does not depend on the broker.
 */
import { expect } from 'vitest';
import type { StatePayload } from '../../../proto/payloads.js';
import type { StateBody } from '../../../proto/publish-rules.js';
import { fleetFilter, DEFAULT_ROOT } from '../../../proto/topics.js';
import type { MqttBrokerOptions } from '../../../agent/adapters/mqtt/mqtt-options.js';
import { agentStack, type AgentStack } from './agent-stack.js';
import { Observer, type Seen } from './observer.js';
import { waitFor } from './wait.js';

export type BrokerConn = Omit<MqttBrokerOptions, 'clientId' | 'will'>;

export const FAST_BACKOFF = { baseMs: 20, capMs: 200 };

export const SAMPLE_STATE: StateBody = {
  client: 'FLEX',
  mode: 'enforce',
  released: false,
  active: { peer: '192.0.2.1', source: 'GigabitEthernet0/0', candidate: 'fibre-hub1' },
  selected: 'fibre-hub1',
  candidates: [
    { id: 'fibre-hub1', peer: '192.0.2.1', source: 'GigabitEthernet0/0', verdict: 'good', sinceMs: 1000, suppressed: false },
    { id: 'lte-hub1', peer: '192.0.2.1', source: 'Cellular0/1/0', verdict: 'good', sinceMs: 1000, suppressed: false },
  ],
  tunnel: { interface: 'Tunnel0', lineProtocol: 'up', ikeSa: 'ready', ipsecSas: 2 },
};

/** Drops the agent's TCP connection without DISCONNECT, as a dead WAN would: the broker publishes the Will. */
export function cutAgentConnection(stack: AgentStack): void {
  (stack.broker as unknown as { client?: { stream: { destroy(): void } } }).client?.stream.destroy();
}

export async function birthWillAndRetained(conn: BrokerConn, dir: string, node: string): Promise<void> {
  const observer = await Observer.connect(conn.url, fleetFilter(DEFAULT_ROOT));
  const stack = agentStack({ dir, at: { site: 'site-1', node }, broker: { ...conn, backoff: FAST_BACKOFF } });
  try {
    await stack.start();
    const birth = await observer.waitFor((s) => s.topic === stack.topics.status && s.body.state === 'online', 'birth');
    const session1 = birth.body.session as number;
    expect(session1).toBeGreaterThan(0);
    await stack.reporter.state(SAMPLE_STATE);
    expect(await stack.reporter.state(SAMPLE_STATE)).toBe(false); // unchanged: not published again
    await observer.waitFor((s) => s.topic === stack.topics.state, 'state');

    // A consumer arriving later gets both from the retained store.
    const late = await Observer.connect(conn.url, fleetFilter(DEFAULT_ROOT));
    const retainedStatus = await late.waitFor((s) => s.topic === stack.topics.status, 'retained status');
    expect(retainedStatus).toMatchObject({ retain: true, body: { state: 'online', session: session1 } });
    const retainedState = await late.waitFor((s) => s.topic === stack.topics.state, 'retained state');
    expect(retainedState.retain).toBe(true);
    expect((retainedState.body as unknown as StatePayload).active.candidate).toBe('fibre-hub1');
    await late.close();

    // Connection lost: the Will says offline with the same session; the reconnect is a newer birth.
    cutAgentConnection(stack);
    const will = await observer.waitFor((s) => s.topic === stack.topics.status && s.body.state === 'offline', 'Will');
    expect(will.body).toMatchObject({ session: session1, reason: 'connection-lost', v: 1 });
    const rebirth = await observer.waitFor(
      (s) => s.topic === stack.topics.status && s.body.state === 'online' && (s.body.session as number) > session1,
      'rebirth',
    );
    expect(rebirth.body.id).not.toBe(birth.body.id);

    // A clean stop says goodbye itself (a clean DISCONNECT discards the Will).
    await stack.stop();
    const bye = await observer.waitFor((s) => s.topic === stack.topics.status && s.body.reason === 'shutdown', 'goodbye');
    expect(bye.body.session).toBe(rebirth.body.session);
  } finally {
    await observer.close();
  }
}

export interface Restartable {
  kill(): Promise<void>;
  restart(): Promise<void>;
}

/**
 * Streams events and telemetry while the broker dies and comes back; the
 * subscriber (persistent session) must get all of them, in order within each
 * class, duplicates only as retransmissions recognisable by id.
 */
export async function backlogAcrossBrokerRestart(
  conn: BrokerConn,
  broker: Restartable,
  dir: string,
  /**
   * What the broker itself accepted, in arrival order, when the broker can tell
   * (aedes): ordering is checked there, because aedes interleaves a persistent
   * subscriber's stored messages with live ones when that subscriber comes back.
   */
  accepted?: Seen[],
  total = 10_000,
): Promise<{ duplicates: number; historical: number }> {
  const observer = await Observer.connect(conn.url, fleetFilter(DEFAULT_ROOT), {
    clean: false,
    clientId: 'backlog-observer',
    reconnectPeriod: 50,
  });
  const stack = agentStack({ dir, broker: { ...conn, backoff: FAST_BACKOFF } });
  const enqueue = async (from: number, to: number) => {
    for (let i = from; i < to; i += 100) {
      const n = Math.min(100, to - i);
      await stack.reporter.events(Array.from({ length: n }, (_, k) => ({ kind: 'warning' as const, code: 'seq', message: String(i + k) })));
      await stack.writes.run(() =>
        stack.outbox.enqueue(
          Array.from({ length: Math.ceil(n / 10) }, (_, k) => ({
            class: 'telemetry' as const,
            topic: stack.topics.telemetry,
            createdMs: Date.now(),
            payload: JSON.stringify({ v: 1, id: `t-${i + k}`, ts: Date.now(), seq: i / 10 + k }),
          })),
          Date.now(),
        ),
      );
      stack.publisher.kick();
    }
  };
  try {
    await stack.start();
    await waitFor(() => stack.broker.connected, 10_000, 'the agent to connect');
    const half = total / 2;
    await enqueue(0, half);
    await waitFor(() => observer.on('event').length >= 1000, 20_000, 'a first thousand events');
    await broker.kill();
    await waitFor(() => !stack.broker.connected, 10_000, 'the agent to notice');
    const seenBeforeRestart = observer.on('event').length;
    await enqueue(half, total); // the backlog builds in SQLite while the broker is away
    expect(stack.outbox.depth().event.messages).toBeGreaterThanOrEqual(half);
    await broker.restart();
    await waitFor(() => stack.outbox.depth().total.messages === 0, 60_000, 'the outbox to drain');
    const uniqueEvents = () => new Set(observer.on('event').map((s) => s.body.id)).size;
    await waitFor(
      () => uniqueEvents() === total,
      30_000,
      `all ${total} events (have ${uniqueEvents()}, ${seenBeforeRestart} before the restart)`,
    );
    await waitFor(() => new Set(observer.on('telemetry').map((s) => s.body.id)).size === total / 10, 30_000, 'all telemetry');

    const check = (leaf: string, seqOf: (b: Record<string, unknown>) => number, expected: number) => {
      const byId = new Map<unknown, Record<string, unknown>>();
      const order: number[] = [];
      let duplicates = 0;
      const seen = accepted ? accepted.filter((s) => s.topic.endsWith('/' + leaf)) : observer.on(leaf);
      for (const s of seen) {
        const { historical: _h, ...body } = s.body;
        const first = byId.get(s.body.id);
        if (first) {
          duplicates++;
          expect(body).toEqual(first); // a duplicate is the same message: same id, same content
          continue;
        }
        byId.set(s.body.id, body);
        order.push(seqOf(s.body));
      }
      expect(order).toEqual(Array.from({ length: expected }, (_, i) => i));
      return duplicates;
    };
    const duplicates = check('event', (b) => Number(b.message), total) + check('telemetry', (b) => b.seq as number, total / 10);
    const historical = observer.on('event').filter((s) => s.body.historical === true);
    expect(historical.length).toBeGreaterThanOrEqual(half);
    expect(observer.on('event')[0]!.body.historical).toBeUndefined(); // sent live, not replayed
    for (const h of historical.slice(0, 50)) expect(h.body.ts as number).toBeLessThan(Date.now());
    return { duplicates, historical: historical.length };
  } finally {
    await stack.stop().catch(() => {});
    await observer.close();
  }
}
