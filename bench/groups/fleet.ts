/**
 * `npm run bench -- fleet`: 1,000 simulated spokes (lab/fleet-sim) on mosquitto
 * and on a 3-node RabbitMQ cluster (lab/brokers): steady rates, a cold fleet
 * view, one broker node killed, the whole broker restarted. The agent's own
 * backoff (DEFAULT_BACKOFF: a 10 s first window, 60 s cap, full jitter) is what is
 * measured. SPOKEPILOT_FLEET_NODES and SPOKEPILOT_FLEET_BROKERS override the
 * size and the brokers (mosquitto,rabbitmq3).
 */
import { join } from 'node:path';
import { DEFAULT_BACKOFF } from '../../agent/adapters/mqtt/backoff.js';
import { SimFleet } from '../../lab/fleet-sim/fleet.js';
import { startBroker, stopStartedClusters, type BrokerName, type MatrixBroker } from '../../test/integration/mqtt/broker-matrix.js';
import { waitFor } from '../../test/integration/mqtt/wait.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { round, type Metric } from '../metric.js';
import { coldStartSec, ConnectionTimeline, FleetConsumer, percentile } from '../support/fleet-watch.js';
import { OfflineWatch } from '../support/offline-watch.js';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const benchStart = Date.now();
/** Progress on stderr with the time since the bench started: where its minutes go. */
const log = (msg: string) => console.error(`fleet bench [+${((Date.now() - benchStart) / 1000).toFixed(0)} s]: ${msg}`);

export async function* fleetBench(): AsyncIterable<Metric> {
  const nodes = Number(process.env.SPOKEPILOT_FLEET_NODES ?? 1000);
  const brokers = (process.env.SPOKEPILOT_FLEET_BROKERS ?? 'mosquitto,rabbitmq3').split(',') as BrokerName[];
  let rssPerNode = 0;
  for (const name of brokers) {
    const tmp = tempDir(`spokepilot-fleet-bench-${name}-`);
    let broker: MatrixBroker | undefined;
    let fleet: SimFleet | undefined;
    try {
      const t0 = Date.now();
      broker = await startBroker(name, tmp.dir);
      log(`${name} up in ${((Date.now() - t0) / 1000).toFixed(1)} s (${broker.urls.join(',')})`);
      const metrics: Metric[] = [];
      fleet = await runFleet(name, broker, nodes, tmp.dir, metrics);
      rssPerNode = Math.max(rssPerNode, fleet.resources().rssMbPerNode);
      yield* metrics;
    } finally {
      await fleet?.stop().catch(() => {});
      // Nothing is measured past here: the nodes are killed, not stopped in order (an orderly RabbitMQ stop takes
      // tens of seconds on a busy machine, and the bench starts every broker on fresh data).
      if (broker) for (let i = 1; i <= broker.urls.length; i++) await broker.killNode(i).catch(() => {});
      await broker?.stop().catch(() => {});
      await stopStartedClusters();
      tmp.cleanup();
      log(`${name} torn down`);
    }
  }
  yield { metric: 'fleet.sim.rssMbPerNode', value: round(rssPerNode, 3), unit: 'MB' };
}

async function runFleet(name: BrokerName, broker: MatrixBroker, nodes: number, dir: string, out: Metric[]): Promise<SimFleet> {
  const root = 'bench/v1';
  const m = (metric: string, value: number, unit: string) => {
    const line = { metric: `fleet.${name}.${metric}`, value: round(value, 3), unit };
    log(JSON.stringify(line));
    out.push(line);
  };
  // Sim time runs 10 times faster (polls, heartbeats, flaps, the correlated events); connections and backoff in real time.
  const speed = 10;
  const fleet = new SimFleet({ nodes, urls: broker.urls, dir: join(dir, 'fleet'), root, backoff: DEFAULT_BACKOFF, speed });
  log(`${nodes} spokes built`);
  const timeline = new ConnectionTimeline(fleet);
  timeline.sampleAttempts();
  // The consumer sits on the node that survives the node kill (node 2); on mosquitto a persistent session survives the restart.
  const consumerUrl = broker.urls[Math.min(1, broker.urls.length - 1)]!;
  const consumer = await FleetConsumer.connect(consumerUrl, root, name === 'mosquitto');
  const view = new OfflineWatch(consumer.client, root);
  try {
    await fleet.start(nodes * 5); // 200 spokes a second
    await waitFor(() => fleet.counts().connected === nodes && fleet.counts().outboxDepth === 0, 120_000, 'the fleet connected');
    log(`${nodes} spokes connected; ${JSON.stringify(fleet.resources())}`);

    // Steady: what the spokes publish in five sim minutes (heartbeats, flaps, and the 10 % WAN loss and 30 % hub
    // death the stream puts at sim 120 s and 300 s), as a real-time rate: counted over 30 s, divided by the speed.
    await sleep(5_000);
    consumer.reset();
    const steadyMs = 30_000;
    const cpu0 = process.cpuUsage();
    await sleep(steadyMs);
    const cpu = process.cpuUsage(cpu0);
    m('steady.msgsPerSec', consumer.messages / (steadyMs / 1000) / speed, 'msg/s');
    m('steady.bytesPerSec', consumer.bytes / (steadyMs / 1000) / speed, 'B/s');
    // The simulator process's CPU per spoke per wall second with the stream at 10 times real time (the consumer's
    // share included): an upper bound for one spoke's MQTT stack in real time.
    m('steady.simCpuMsPerNodePerSec', (cpu.user + cpu.system) / 1000 / (steadyMs / 1000) / nodes, 'ms/s');

    m('coldStartSec', await coldStartSec(broker.urls, root, nodes, 2_000), 's');

    await nodeKill(broker, fleet, timeline, consumer, view, m);
    await restart(name, broker, fleet, timeline, m);
    return fleet;
  } finally {
    timeline.stopSampling();
    view.stop();
    await consumer.close().catch(() => {});
  }
}

type Emit = (metric: string, value: number, unit: string) => void;

/**
 * One node killed (SIGKILL) while every spoke queues a numbered event every 2 s: reconnection time, events lost,
 * order, and what a fleet view on a surviving node shows meanwhile (every spoke stays alive throughout).
 */
async function nodeKill(
  broker: MatrixBroker,
  fleet: SimFleet,
  timeline: ConnectionTimeline,
  consumer: FleetConsumer,
  view: OfflineWatch,
  m: Emit,
): Promise<void> {
  let seq = 0;
  const sent = () => seq;
  const markers = setInterval(() => {
    const n = seq++;
    for (const s of fleet.spokes) void s.marker(n).catch(() => {});
  }, 2_000);
  await sleep(5_000);
  const killedAt = Date.now();
  view.startAt(killedAt);
  await broker.killNode(1);
  log(`node 1 killed; connected ${fleet.counts().connected}`);
  // A single-node broker comes back (a process supervisor's restart); a cluster keeps its two others.
  if (broker.urls.length === 1) {
    await sleep(2_000);
    await broker.startNode(1);
  }
  await waitFor(() => fleet.counts().connected === fleet.spokes.length, 180_000, 'every spoke reconnected');
  await sleep(6_000);
  clearInterval(markers);
  await waitFor(() => fleet.counts().outboxDepth === 0, 120_000, 'the outboxes drained');
  // Every event is out (acknowledged by the broker): lost is what the consumer has not had a minute later, not
  // what it has not had yet. Under load it lags, so how long it took to have everything is a figure of its own.
  const drainedAt = Date.now();
  const missing = () =>
    fleet.spokes.reduce((n, s) => n + sent() - new Set(consumer.markers.get(s.topics.status.split('/').at(-2)!) ?? []).size, 0);
  await waitFor(() => missing() === 0, 60_000, 'every event at the consumer').catch(() => {});
  m('nodeKill.consumerCatchUpSec', (Date.now() - drainedAt) / 1000, 's');
  m('nodeKill.consumerReconnects', consumer.reconnects, 'connections');
  const reconnect = timeline.reconnectSec(killedAt);
  m('nodeKill.clientsCut', reconnect.length, 'clients');
  m('nodeKill.reconnectP95Sec', percentile(reconnect, 95), 's');
  const shown = [...view.report().values()];
  // Live spokes the view showed offline (only where some broker sent a Will), for how long; the rest of the cut were never shown at all.
  m('nodeKill.view.shownOfflineSpokes', shown.length, 'spokes');
  m('nodeKill.view.shownOfflineMaxSec', shown.length ? Math.max(...shown) : 0, 's');
  m('nodeKill.view.shownOfflineP95Sec', percentile(shown, 95), 's');
  m('nodeKill.view.cutNeverShownSpokes', Math.max(0, reconnect.length - shown.length), 'spokes');
  let lost = 0;
  let outOfOrder = 0;
  for (const s of fleet.spokes) {
    const seen = consumer.markers.get(s.topics.status.split('/').at(-2)!) ?? [];
    lost += sent() - new Set(seen).size;
    for (let k = 1; k < seen.length; k++) if (seen[k]! < seen[k - 1]!) outOfOrder++;
  }
  m('nodeKill.lostEvents', lost, 'events');
  m('nodeKill.outOfOrder', outOfOrder, 'events');
  if (broker.urls.length > 1) await broker.startNode(1);
}

/** The whole broker stopped and started again: the reconnect wave the backoff shapes. */
async function restart(name: BrokerName, broker: MatrixBroker, fleet: SimFleet, timeline: ConnectionTimeline, m: Emit): Promise<void> {
  await waitFor(() => fleet.counts().connected === fleet.spokes.length, 180_000, 'every spoke connected before the restart');
  const since = Date.now();
  for (let i = broker.urls.length; i >= 1; i--) await broker.killNode(i);
  log(`${name} down; restarting`);
  if (broker.urls.length === 1) {
    await sleep(10_000);
    await broker.startNode(1);
  } else await broker.startAll();
  const upAt = Date.now();
  await waitFor(() => fleet.counts().connected === fleet.spokes.length, 300_000, 'every spoke reconnected after the restart');
  m('restart.downSec', (upAt - since) / 1000, 's');
  m('restart.allBackSec', (Date.now() - upAt) / 1000, 's');
  await sleep(1_000);
  m('restart.maxConnectsPerClientPerMin', timeline.maxAttemptsPerClientPerMin(since), 'attempts');
  m('restart.peakConnectsPerSec', timeline.peakConnectsPerSec(since), 'connects/s');
  m('restart.peakAttemptsPerSec', timeline.peakAttemptsPerSec(since), 'attempts/s');
}
