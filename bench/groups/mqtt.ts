/**
 * MQTT figures. Drain: a 100,000-message backlog from the SQLite outbox to a
 * real mosquitto through the publisher (PUBACK-gated deletes included). Raw: a
 * plain mqtt.js QoS 1 loop with the same window, payloads and broker, in the
 * same run, alternating, medians of three. Traffic: a simulated day of a
 * typical spoke (mqtt-day.ts).
 */
import type { Socket } from 'node:net';
import { join } from 'node:path';
import mqtt from 'mqtt';
import { agentStack } from '../../test/integration/mqtt/agent-stack.js';
import { MOSQUITTO_BIN, startMosquitto } from '../../test/integration/mqtt/mosquitto-harness.js';
import { waitFor } from '../../test/integration/mqtt/wait.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { median, round, type Metric } from '../metric.js';
import { simulateDay } from './mqtt-day.js';

const TOTAL = 100_000;
const WINDOW = 32;
const ROUNDS = 3;

const payloadOf = (i: number) =>
  JSON.stringify({
    v: 1,
    id: `Zk3jQ8xP-${i.toString(36)}`,
    ts: 1_767_225_600_000 + i,
    kind: 'health-change',
    candidate: 'lte-hub1',
    from: 'good',
    to: 'bad',
    cause: { kind: 'quality', breaches: [{ metric: 'lossPct', value: 30, threshold: 20 }] },
  });

async function drainRate(url: string, dir: string): Promise<number> {
  const stack = agentStack({ dir, broker: { url, backoff: { baseMs: 20, capMs: 200 } }, window: WINDOW });
  const topic = stack.topics.event;
  for (let i = 0; i < TOTAL; i += 1000) {
    stack.outbox.enqueue(
      Array.from({ length: 1000 }, (_, k) => ({ class: 'event' as const, topic, payload: payloadOf(i + k), createdMs: Date.now() })),
      Date.now(),
    );
  }
  try {
    stack.publisher.start();
    let t0 = 0;
    stack.broker.onConnect(() => {
      t0 = performance.now();
    });
    stack.broker.start();
    await waitFor(() => stack.outbox.depth().total.messages === 0, 600_000, 'the backlog to drain');
    await stack.publisher.idle();
    return TOTAL / ((performance.now() - t0) / 1000);
  } finally {
    await stack.stop();
  }
}

async function rawRate(url: string, total = TOTAL): Promise<number> {
  const client = await mqtt.connectAsync(url, { clientId: `raw-${process.pid}`, reconnectPeriod: 0, queueQoSZero: false });
  (client.stream as unknown as Socket).setNoDelay(true);
  const topic = 'spokepilot/v1/bench/raw/event';
  const t0 = performance.now();
  await new Promise<void>((resolve, reject) => {
    let sent = 0;
    let acked = 0;
    const pump = () => {
      while (sent < total && sent - acked < WINDOW) {
        const i = sent++;
        client.publish(topic, payloadOf(i), { qos: 1 }, (err) => {
          if (err) return reject(err);
          if (++acked === total) resolve();
          else pump();
        });
      }
    };
    pump();
  });
  const rate = total / ((performance.now() - t0) / 1000);
  await client.endAsync();
  return rate;
}

export async function* mqttBench(): AsyncIterable<Metric> {
  const day = await simulateDay();
  yield { metric: 'mqtt.bytesPerDay.exception', value: day.exceptionBytes, unit: 'bytes/day' };
  yield { metric: 'mqtt.bytesPerDay.fullState', value: day.fullStateBytes, unit: 'bytes/day' };
  yield { metric: 'mqtt.bytesPerDay.ratio', value: round(day.exceptionBytes / day.fullStateBytes, 4), unit: 'ratio' };
  yield {
    metric: 'mqtt.messagesPerDay.exception',
    value: day.messages.state + day.messages.telemetry + day.messages.event,
    unit: 'messages/day',
  };

  if (!MOSQUITTO_BIN) {
    console.error('mqtt bench: no mosquitto binary, skipping the drain figures (apt-get install mosquitto)');
    return;
  }
  const tmp = tempDir('spokepilot-bench-mqtt-');
  const broker = (await startMosquitto(tmp.dir))!;
  try {
    // Loopback rates swing by tens of percent run to run: warm up, then alternate and take medians.
    await rawRate(broker.url, 10_000);
    const raws: number[] = [];
    const drains: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      raws.push(await rawRate(broker.url));
      drains.push(await drainRate(broker.url, join(tmp.dir, `drain-${round}`)));
    }
    const raw = median(raws);
    const drain = median(drains);
    yield { metric: 'mqtt.drain.msgsPerSec', value: Math.round(drain), unit: 'msgs/s' };
    yield { metric: 'mqtt.raw.msgsPerSec', value: Math.round(raw), unit: 'msgs/s' };
    yield { metric: 'mqtt.drain.ratio', value: round(drain / raw, 3), unit: 'ratio' };
  } finally {
    await broker.stop();
    tmp.cleanup();
  }
}
