import { hostname } from 'node:os';
import { join, dirname } from 'node:path';
import { describeError } from '../../proto/coded-error.js';
import { AGENT_VERSION } from '../version.js';
import { MqttBroker } from '../adapters/mqtt/mqtt-broker.js';
import { maxPacketBytes, tlsFromFiles } from '../adapters/mqtt/mqtt-options.js';
import { resolveSecret } from '../config/secrets.js';
import { mqttEndpoints, type AgentConfig, type MqttConfig } from '../config/types.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RouterCli } from '../ports/router-cli.js';
import type { AgentStore } from '../ports/store.js';
import type { StatusPayload } from '../../proto/payloads.js';
import { nodeTopics } from '../../proto/topics.js';
import { snapshotTopic } from '../../proto/snapshot.js';
import { parsePublicKey } from '../../proto/command-signing.js';
import { CommandHandler } from '../shell/commands/command-handler.js';
import { commandJournal } from '../shell/commands/command-journal.js';
import { DuplicateNodeWatch } from '../shell/report/duplicate-node-watch.js';
import type { MqttStack } from '../shell/report/mqtt-stack.js';
import { Publisher } from '../shell/report/publisher.js';
import { outboxForPublisher, outboxSink } from '../shell/report/publisher-outbox.js';
import { OutboxSpill, spillingSink, withSpill } from '../shell/report/outbox-spill.js';
import { Reporter } from '../shell/report/publisher-reporter.js';
import { SnapshotResponder } from '../shell/report/publisher-snapshot.js';
import { fileSessionCounter, messageIds, PublisherSession, type Goodbye } from '../shell/report/publisher-session.js';
import { eventBody, stateBody, telemetryBody } from '../shell/report/report-bodies.js';
import { runtimeCommandTarget } from '../shell/commands/runtime-command-target.js';
import type { Runtime } from '../shell/runtime.js';

export type { MqttStack };

/**
 * The agent's MQTT side: outbox publisher with birth and Will, reporter fed by
 * runtime events, signed command handler acting on the runtime.
 */
export function buildMqttStack(o: {
  config: AgentConfig;
  mqtt: MqttConfig;
  runtime: Runtime;
  store: AgentStore;
  dbPath: string;
  router: RouterCli;
  clock: Clock;
  log: Logger;
  env: NodeJS.ProcessEnv;
  /** RunningAgent.reload: set-policy applies a configuration the way SIGHUP does. */
  reload: (next: AgentConfig) => unknown;
}): MqttStack | undefined {
  // The verifier's clock skew: a nonce is kept that long past its command's expiry.
  const skewMs = 30_000;
  const parts = o.store.reporting({ nonceKeepMs: skewMs });
  if (!parts) {
    o.log.error('mqtt-without-store', { message: 'the outbox needs the database; MQTT reporting is off' });
    return undefined;
  }
  const { outbox, journal, routes } = parts;
  const at = { site: o.config.site, node: o.config.node };
  const topics = nodeTopics(o.mqtt.root, at);
  const ids = messageIds();
  const log = o.log.child('mqtt');
  const counter = fileSessionCounter(join(dirname(o.dbPath), 'mqtt-session'), (e) =>
    log.warn('session-counter-not-saved', { error: e.message }),
  );
  const session = new PublisherSession(counter, topics.status, ids, o.clock, AGENT_VERSION);
  const broker = new MqttBroker(
    {
      url: mqttEndpoints(o.mqtt)[0]!,
      urls: mqttEndpoints(o.mqtt),
      clientId: o.mqtt.clientId ?? `spokepilot-${at.site}-${at.node}-${hostname()}`.slice(0, 64),
      protocolVersion: o.mqtt.protocolVersion,
      ...(o.mqtt.username ? { username: o.mqtt.username } : {}),
      ...(o.mqtt.password !== undefined ? { password: resolveSecret(o.mqtt.password, o.env) } : {}),
      ...(o.mqtt.tls ? { tls: tlsFromFiles(o.mqtt.tls) } : {}),
      will: () => session.nextWill(),
      maxPacketBytes: maxPacketBytes(o.mqtt.maxPayloadBytes),
      backoff: { baseMs: o.mqtt.reconnect.firstWindowSec * 1000, capMs: o.mqtt.reconnect.capSec * 1000 },
    },
    log,
    o.clock,
  );
  // A report the disk refuses is kept in memory and sent from there: news is never dropped for a full disk.
  const spill = new OutboxSpill();
  const publisher = new Publisher(
    broker,
    withSpill(outboxForPublisher(outbox), spill),
    session,
    { statusTopic: topics.status },
    log.child('publisher'),
    o.clock,
  );
  const duplicates = new DuplicateNodeWatch({
    instance: session.instance,
    startedAtMs: o.clock.now(),
    site: at.site,
    node: at.node,
    degradations: o.runtime.degradations,
    clock: o.clock,
    log,
    rebirth: () => publisher.rebirth(),
  });
  // The publisher subscribes to our status topic (for stale Wills); the same messages tell of a twin.
  const unwatch = broker.onMessage((m) => {
    if (m.topic !== topics.status) return;
    let status: Partial<StatusPayload>;
    try {
      status = JSON.parse(m.payload.toString('utf8')) as Partial<StatusPayload>;
    } catch {
      return; /* not a status any spokepilot wrote: no twin to tell of */
    }
    duplicates.see(status, m.retain, broker.connected);
  });
  const sink = spillingSink(
    outboxSink(
      outbox,
      () => publisher.kick(),
      () => o.clock.now(),
    ),
    spill,
    () => publisher.kick(),
    (err) => {
      const { code, message } = describeError(err);
      appendFailures++;
      log.warn('outbox-append-failed', { code, error: message, spilled: spill.depth });
      // Says so everywhere the store's health shows (/healthz, state, an agent-health event), unless it is already degraded for a deeper reason.
      if (!o.runtime.degradations.get('store')) {
        o.runtime.degradations.set({
          component: 'store',
          code: 'STORE_WRITE_FAILED',
          message: `${code ?? 'STORE_FAILED'}: ${message}; reports kept in memory until the disk takes them`,
          sinceMs: o.clock.now(),
        });
      }
    },
    () => {
      if (o.runtime.degradations.get('store')?.code === 'STORE_WRITE_FAILED') o.runtime.degradations.clear('store');
    },
  );
  let appendFailures = 0;
  const reporter = new Reporter(sink, {
    topics,
    ids,
    clock: o.clock,
    heartbeatMs: o.mqtt.heartbeatSec * 1000,
  });
  const report = (p: Promise<unknown>) =>
    void p.catch((err: unknown) => {
      const { code, message } = describeError(err);
      log.warn('report-failed', { code, error: message });
    });
  // One evaluation emits several events in one turn (a decision, each health verdict, the drift):
  // the retained state is published once they are all in, not once per event.
  let stateDue: NodeJS.Immediate | undefined;
  const publishState = () => {
    if (stateDue) clearImmediate(stateDue);
    stateDue = undefined;
    report(reporter.state(stateBody(o.runtime)));
  };
  const unsubscribe = o.runtime.events.on((e) => {
    const ev = eventBody(e);
    if (ev) report(reporter.events([ev]));
    if (e.kind !== 'route-diff' && e.kind !== 'route-violations') stateDue ??= setImmediate(publishState);
    if (e.kind === 'read' && (e.family === 'sla' || e.family === 'interfaces' || e.family === 'crypto'))
      report(reporter.telemetry(telemetryBody(o.runtime)));
  });
  const keys = new Map(o.mqtt.commandKeys.map((k) => [k.id, parsePublicKey(resolveSecret(k.publicKey, o.env))] as const));
  const commands = new CommandHandler(
    { site: at.site, node: at.node, cmdTopic: topics.cmd, replyTopic: topics.reply, keys, skewMs, maxPayloadBytes: o.mqtt.maxPayloadBytes },
    {
      broker,
      ids,
      clock: o.clock,
      log: log.child('commands'),
      target: runtimeCommandTarget({
        runtime: o.runtime,
        router: o.router,
        journal,
        routes,
        reload: o.reload,
        rebirth: async () => {
          await publisher.rebirth();
          await reporter.republishState();
        },
      }),
      ...commandJournal(parts.commands),
      report: (ev) => report(reporter.events([ev])),
    },
  );
  // The fleet-wide snapshot request: a cold consumer asks every agent for its birth and state (proto/snapshot.ts).
  const snapshots = new SnapshotResponder({
    broker,
    topic: snapshotTopic(o.mqtt.root),
    site: at.site,
    clock: o.clock,
    log: log.child('snapshot'),
    answer: async () => {
      await publisher.rebirth();
      await reporter.republishState();
    },
  });
  return {
    instance: session.instance,
    async start() {
      publisher.start();
      snapshots.start();
      await commands.start();
      broker.start();
      publishState();
    },
    async stop(signal: AbortSignal, goodbye?: Goodbye) {
      unsubscribe();
      if (stateDue) publishState();
      unwatch();
      snapshots.stop();
      duplicates.stop();
      await commands.stop();
      await publisher.stop(signal, goodbye);
      await broker.close(signal);
    },
    stats: () => ({
      connected: broker.connected,
      outboxDepth: outbox.depth().total.messages + spill.depth,
      evictions: sumEvictions(outbox.evictions()) + spill.evicted,
      commands: commands.stats(),
      spill: { depth: spill.depth, spilled: spill.spilled, evicted: spill.evicted, appendFailures },
    }),
  };
}

const sumEvictions = (e: Record<string, { messages: number }>) => Object.values(e).reduce((n, c) => n + c.messages, 0);
