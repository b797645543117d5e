/**
 * A day of a typical spoke (2 WANs x 2 hubs = 4 candidates, one IP SLA
 * operation each, polled every 10 s, 5-minute telemetry heartbeat) run through
 * the real policy core and the publishing rules, counting MQTT bytes two ways:
 * exception based (what the Reporter sends) and the full state and telemetry
 * on every poll. Deterministic (seeded).
 */
import { DEFAULT_POLICY, type PolicyConfig } from '../../agent/core/policy/config.js';
import { step } from '../../agent/core/policy/step.js';
import { INITIAL_STATE, type Effect, type PolicyState } from '../../agent/core/policy/types.js';
import { Reporter } from '../../agent/shell/report/publisher-reporter.js';
import { systemClock } from '../../agent/ports/clock.js';
import type { EventBody } from '../../proto/payloads.js';
import type { StateBody, TelemetryBody } from '../../proto/publish-rules.js';
import { DEFAULT_ROOT, nodeTopics } from '../../proto/topics.js';
import { seededRandom } from '../../test/support/random.js';

const POLL_MS = 10_000;
const DAY_MS = 86_400_000;
const topics = nodeTopics(DEFAULT_ROOT, { site: 'site-0042', node: 'spoke-0042' });
const WANS = { fibre: 'GigabitEthernet0/0', lte: 'Cellular0/1/0' } as const;
const HUBS = ['192.0.2.1', '192.0.2.2'] as const;

const cfg: PolicyConfig = {
  ...DEFAULT_POLICY,
  client: 'FLEX',
  candidates: [
    { id: 'fibre-hub1', peer: HUBS[0], source: WANS.fibre, slaOperations: [1] },
    { id: 'fibre-hub2', peer: HUBS[1], source: WANS.fibre, slaOperations: [2] },
    { id: 'lte-hub1', peer: HUBS[0], source: WANS.lte, slaOperations: [3] },
    { id: 'lte-hub2', peer: HUBS[1], source: WANS.lte, slaOperations: [4] },
  ],
};

/** MQTT 3.1.1 PUBLISH (QoS 1) plus its PUBACK, in bytes on the wire. */
export function publishBytes(topic: string, payload: string): number {
  const remaining = 2 + Buffer.byteLength(topic) + 2 + Buffer.byteLength(payload);
  const lengthBytes = remaining < 128 ? 1 : remaining < 16_384 ? 2 : remaining < 2_097_152 ? 3 : 4;
  return 1 + lengthBytes + remaining + 4;
}

function stateBody(s: PolicyState, lastDecision: StateBody['lastDecision']): StateBody {
  const active = cfg.candidates.find((c) => c.peer === s.routerActive?.peer && c.source === s.routerActive?.source);
  return {
    client: cfg.client,
    mode: cfg.mode,
    released: s.released,
    active: { ...s.routerActive, ...(active ? { candidate: active.id } : {}) },
    ...(s.selected ? { selected: s.selected } : {}),
    candidates: cfg.candidates.map((c) => {
      const h = s.health[c.id];
      return {
        id: c.id,
        peer: c.peer,
        source: c.source,
        verdict: h?.verdict ?? 'unknown',
        sinceMs: h?.sinceMs ?? 0,
        suppressed: h?.damping.suppressed ?? false,
        ...(h?.cause ? { cause: h.cause } : {}),
      };
    }),
    tunnel: { interface: 'Tunnel0', lineProtocol: 'up', ikeSa: 'ready', ipsecSas: 2 },
    ...(lastDecision ? { lastDecision } : {}),
  };
}

export interface DayTraffic {
  exceptionBytes: number;
  fullStateBytes: number;
  messages: { state: number; telemetry: number; event: number; fullState: number };
}

export async function simulateDay(seed = 42): Promise<DayTraffic> {
  const rand = seededRandom(seed);
  let now = Date.UTC(2026, 0, 5);
  const start = now;
  const clock = { ...systemClock, now: () => now };
  const counts = { state: 0, telemetry: 0, event: 0, fullState: 0 };
  let exceptionBytes = 0;
  let fullStateBytes = 0;
  let n = 0;
  const reporter = new Reporter(
    async (messages) => {
      for (const m of messages) {
        exceptionBytes += publishBytes(m.topic, m.payload);
        counts[m.topic === topics.state ? 'state' : m.topic === topics.telemetry ? 'telemetry' : 'event']++;
      }
    },
    { topics, ids: () => `Zk3jQ8xP-${(n++).toString(36)}`, clock, heartbeatMs: 300_000 },
  );
  // Counters that only grow: traffic rides the heartbeat, not every poll.
  const counters = { encaps: 0, decaps: 0, inBits: 0 };
  let state: PolicyState = INITIAL_STATE;
  let lastDecision: StateBody['lastDecision'];
  const run = async (effects: Effect[]) => {
    const events: EventBody[] = [];
    for (const e of effects) {
      if (e.kind === 'decision') {
        lastDecision = e.decision;
        events.push({ kind: 'decision', decision: e.decision });
      }
      if (e.kind === 'health-changed')
        events.push({ kind: 'health-change', candidate: e.candidate, from: e.from, to: e.to, ...(e.cause ? { cause: e.cause } : {}) });
      if (e.kind === 'steer')
        state = step(state, { kind: 'flexvpn', activePeer: e.peer, activeSource: e.source, peersActiveElsewhere: [] }, cfg, now).state;
    }
    await reporter.events(events);
    fullStateBytes += events.reduce(
      (sum, e) => sum + publishBytes(topics.event, JSON.stringify({ v: 1, id: 'Zk3jQ8xP-0', ts: now, ...e })),
      0,
    );
  };
  const feed = async (obs: Parameters<typeof step>[1]) => {
    const r = step(state, obs, cfg, now);
    state = r.state;
    await run([...r.reports, ...r.actions]);
  };
  await feed({ kind: 'flexvpn', activePeer: HUBS[0], activeSource: WANS.fibre, peersActiveElsewhere: [] });
  for (; now < start + DAY_MS; now += POLL_MS) {
    const hour = (now - start) / 3_600_000;
    const fibreDegraded = hour >= 9 && hour < 9 + 1 / 6; // 10 minutes of 40 % loss on the fibre
    const lteDown = hour >= 14 && hour < 14 + 1 / 30; // LTE drops for 2 minutes
    const probe = (op: number) => {
      const fibre = op <= 2;
      const lossP = fibre ? (fibreDegraded ? 0.4 : 0.0005) : lteDown ? 1 : 0.003;
      const base = (fibre ? 12 : 45) + (op % 2 === 0 ? 8 : 0);
      const rtt = base + (rand() - 0.5) * (fibre ? 4 : 24);
      return rand() < lossP ? { operation: op, answered: false } : { operation: op, answered: true, rttMs: Math.round(rtt * 10) / 10 };
    };
    if (hour >= 14 && now - POLL_MS < start + 14 * 3_600_000) await feed({ kind: 'interface', name: WANS.lte, up: false });
    if (hour >= 14 + 1 / 30 && now - POLL_MS < start + (14 + 1 / 30) * 3_600_000)
      await feed({ kind: 'interface', name: WANS.lte, up: true });
    await feed({ kind: 'sla-samples', samples: [1, 2, 3, 4].map(probe) });
    await feed({ kind: 'tick' });

    counters.encaps += 400 + Math.floor(rand() * 200);
    counters.decaps += 380 + Math.floor(rand() * 200);
    counters.inBits += 1;
    const sla = cfg.candidates.map((c) => {
      const w = state.windows[c.slaOperations[0]!] ?? [];
      const last = w.at(-1);
      const m = state.health[c.id]?.metrics;
      return {
        operation: c.slaOperations[0]!,
        candidate: c.id,
        returnCode: last && !last.answered ? ('timeout' as const) : ('ok' as const),
        samples: m?.samples ?? 0,
        lossPct: m?.lossPct ?? 0,
        ...(m?.rttMs !== undefined ? { rttMs: m.rttMs } : {}),
        ...(m?.jitterMs !== undefined ? { jitterMs: m.jitterMs } : {}),
      };
    });
    const wanUp = (name: string) => (name === WANS.lte && lteDown ? ('down' as const) : ('up' as const));
    const telemetry: TelemetryBody = {
      sla,
      interfaces: Object.values(WANS).map((name) => ({
        name,
        status: wanUp(name),
        lineProtocol: wanUp(name),
        inBitsPerSec: Math.floor(800_000 + rand() * 400_000),
        outBitsPerSec: Math.floor(300_000 + rand() * 200_000),
        inErrors: 0,
        outErrors: 0,
        outDrops: 3,
      })),
      ipsec: [
        {
          peer: state.routerActive?.peer ?? HUBS[0],
          interface: 'Tunnel0',
          sasUp: 2,
          pktsEncaps: counters.encaps,
          pktsDecaps: counters.decaps,
          sendErrors: 0,
          recvErrors: 0,
        },
      ],
    };
    const body = stateBody(state, lastDecision);
    await reporter.state(body);
    await reporter.telemetry(telemetry);
    // The baseline: everything, every poll.
    const env = { v: 1, id: 'Zk3jQ8xP-0', ts: now };
    fullStateBytes += publishBytes(topics.state, JSON.stringify({ ...env, ...body }));
    fullStateBytes += publishBytes(topics.telemetry, JSON.stringify({ ...env, trigger: 'change', ...telemetry }));
    counts.fullState += 2;
  }
  return { exceptionBytes, fullStateBytes, messages: counts };
}
