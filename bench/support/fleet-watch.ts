/**
 * What the fleet bench watches: every simulated spoke's connection timeline
 * (connects and disconnects as they happen, attempts sampled), a consumer
 * counting what the fleet publishes, and a cold fleet view.
 */
import mqtt, { type MqttClient } from 'mqtt';
import { randomBytes } from 'node:crypto';
import { MqttBroker } from '../../agent/adapters/mqtt/mqtt-broker.js';
import { FleetModel } from '../../proto/fleet-view.js';
import { buildSnapshotRequest, snapshotTopic } from '../../proto/snapshot.js';
import { fleetFilter } from '../../proto/topics.js';
import type { SimFleet } from '../../lab/fleet-sim/fleet.js';
import { waitFor } from '../../test/integration/mqtt/wait.js';

export class ConnectionTimeline {
  readonly connects: number[][];
  readonly disconnects: number[][];
  /** [time, attempts so far] per spoke, sampled. */
  readonly attempts: [number, number][][];
  private sampler: NodeJS.Timeout | undefined;

  constructor(private readonly fleet: SimFleet) {
    this.connects = fleet.spokes.map(() => []);
    this.disconnects = fleet.spokes.map(() => []);
    this.attempts = fleet.spokes.map(() => []);
    fleet.spokes.forEach((s, i) => {
      s.broker.onConnect(() => this.connects[i]!.push(Date.now()));
      s.broker.onDisconnect(() => this.disconnects[i]!.push(Date.now()));
    });
  }

  sampleAttempts(everyMs = 200): void {
    this.sampler = setInterval(() => {
      const now = Date.now();
      this.fleet.spokes.forEach((s, i) => {
        const series = this.attempts[i]!;
        const n = s.broker.counts.attempts;
        if (series.at(-1)?.[1] !== n) series.push([now, n]);
      });
    }, everyMs);
  }

  stopSampling(): void {
    clearInterval(this.sampler);
  }

  /** Seconds from `sinceMs` to each spoke's first connect after it, for the spokes that lost their connection since then. */
  reconnectSec(sinceMs: number): number[] {
    const out: number[] = [];
    this.fleet.spokes.forEach((_, i) => {
      if (!this.disconnects[i]!.some((t) => t >= sinceMs)) return;
      const back = this.connects[i]!.find((t) => t >= sinceMs);
      out.push(back === undefined ? Infinity : (back - sinceMs) / 1000);
    });
    return out;
  }

  /** Seconds from `sinceMs` to each spoke's first connection attempt after it (sampled), for the spokes that made one. */
  firstAttemptSec(sinceMs: number): number[] {
    const out: number[] = [];
    for (const series of this.attempts) {
      const before = [...series].reverse().find(([t]) => t < sinceMs)?.[1] ?? 0;
      const first = series.find(([t, n]) => t >= sinceMs && n > before);
      if (first) out.push((first[0] - sinceMs) / 1000);
    }
    return out;
  }

  /** The most connections made in any one second since `sinceMs`, over the fleet: the broker's CONNECT rate. */
  peakConnectsPerSec(sinceMs: number): number {
    const buckets = new Map<number, number>();
    for (const series of this.connects)
      for (const t of series) if (t >= sinceMs) buckets.set(Math.floor(t / 1000), (buckets.get(Math.floor(t / 1000)) ?? 0) + 1);
    return Math.max(0, ...buckets.values());
  }

  /**
   * The most connection attempts in any one second since `sinceMs`, over the fleet: every try, those refused at TCP
   * or by a broker not yet ready included, so an upper bound on the CONNECTs the broker saw (sampled every 200 ms).
   */
  peakAttemptsPerSec(sinceMs: number): number {
    const buckets = new Map<number, number>();
    for (const series of this.attempts)
      for (let k = 1; k < series.length; k++) {
        const [t, n] = series[k]!;
        if (t < sinceMs) continue;
        const second = Math.floor(t / 1000);
        buckets.set(second, (buckets.get(second) ?? 0) + n - series[k - 1]![1]);
      }
    return Math.max(0, ...buckets.values());
  }

  /** The most connection attempts one spoke made in any 60 s since `sinceMs` (sampled). */
  maxAttemptsPerClientPerMin(sinceMs: number): number {
    let worst = 0;
    for (const series of this.attempts) {
      const base = [...series].reverse().find(([t]) => t < sinceMs)?.[1] ?? 0;
      const after = series.filter(([t]) => t >= sinceMs);
      for (let a = 0; a < after.length; a++) {
        const startCount = a === 0 ? base : after[a - 1]![1];
        const inWindow = after.filter(([t]) => t >= after[a]![0] && t < after[a]![0] + 60_000);
        worst = Math.max(worst, inWindow.at(-1)![1] - startCount);
      }
    }
    return worst;
  }
}

/** Counts what arrives on the fleet's topics: messages, payload bytes, and the sequence markers per spoke. */
export class FleetConsumer {
  messages = 0;
  bytes = 0;
  /** Per node: marker sequence numbers in the order first seen, and the ids seen (QoS 1 duplicates dropped by id). */
  readonly markers = new Map<string, number[]>();
  /** Connections after the first: a clean-session consumer misses what was published while it was away. */
  reconnects = 0;
  private readonly ids = new Set<string>();
  private constructor(readonly client: MqttClient) {
    client.on('connect', () => {
      this.reconnects++;
    });
    client.on('message', (topic, payload) => {
      this.messages++;
      this.bytes += payload.length + topic.length;
      if (!topic.endsWith('/event')) return;
      let body: { id?: string; code?: string; message?: string; subject?: string };
      try {
        body = JSON.parse(payload.toString());
      } catch {
        return;
      }
      if (body.code !== 'SIM_SEQ' || !body.id || this.ids.has(body.id)) return;
      this.ids.add(body.id);
      const list = this.markers.get(body.subject!) ?? [];
      list.push(Number(body.message));
      this.markers.set(body.subject!, list);
    });
  }

  /** `persistent`: a session the broker keeps across its own restart (mosquitto with persistence), so nothing sent while we reconnect is missed. */
  static async connect(url: string, root: string, persistent = false): Promise<FleetConsumer> {
    const client = await mqtt.connectAsync(url, {
      clientId: `bench-consumer-${randomBytes(4).toString('hex')}`,
      clean: !persistent,
      reconnectPeriod: 100,
      protocolVersion: 4,
    });
    const c = new FleetConsumer(client);
    await client.subscribeAsync(fleetFilter(root), { qos: 1 });
    return c;
  }

  reset(): void {
    this.messages = 0;
    this.bytes = 0;
  }

  async close(): Promise<void> {
    await this.client.endAsync(true);
  }
}

/** Seconds from a fleet view's start to every one of `expected` spokes shown online with its active path. */
export async function coldStartSec(urls: readonly string[], root: string, expected: number, spreadMs: number): Promise<number> {
  const t0 = Date.now();
  const model = new FleetModel(root);
  const broker = new MqttBroker({
    url: urls[0]!,
    urls,
    clientId: `bench-view-${randomBytes(4).toString('hex')}`,
    backoff: { baseMs: 200, capMs: 2000 },
  });
  broker.onMessage((m) => {
    model.apply(m.topic, m.payload, Date.now());
  });
  await broker.subscribe(fleetFilter(root), 1);
  broker.onConnect(() => {
    const request = buildSnapshotRequest({ id: randomBytes(6).toString('base64url'), nowMs: Date.now(), spreadMs });
    void broker.publish({ topic: snapshotTopic(root), payload: JSON.stringify(request), qos: 1 }).catch(() => {});
  });
  broker.start();
  try {
    await waitFor(
      () => model.nodes().filter((n) => n.status === 'online' && n.activeSource !== undefined).length >= expected,
      120_000,
      `${expected} spokes in the view`,
    );
    return (Date.now() - t0) / 1000;
  } finally {
    await broker.close(AbortSignal.timeout(500));
  }
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return 0;
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil((p / 100) * s.length) - 1)]!;
}
