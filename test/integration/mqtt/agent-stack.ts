/**
 * The agent's MQTT side wired as the runtime will wire it: SQLite outbox and
 * journal (main connection: busy_timeout 0 + WriteQueue), session counter file,
 * broker adapter whose Will comes from the session, publisher, reporter,
 * command handler. Tests and the bench use it against real brokers.
 */
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { MqttBroker } from '../../../agent/adapters/mqtt/mqtt-broker.js';
import { maxPacketBytes, type MqttBrokerOptions } from '../../../agent/adapters/mqtt/mqtt-options.js';
import { SqliteCommandNonces } from '../../../agent/adapters/sqlite/command-nonces.js';
import { openDatabase, type SqliteDb } from '../../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../../agent/adapters/sqlite/journal.js';
import { SqliteOutbox } from '../../../agent/adapters/sqlite/outbox.js';
import { WriteQueue } from '../../../agent/adapters/sqlite/write-queue.js';
import { systemClock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { CommandHandler } from '../../../agent/shell/commands/command-handler.js';
import { commandJournal } from '../../../agent/shell/commands/command-journal.js';
import type { CommandTarget } from '../../../agent/shell/commands/command-target.js';
import type { RefusalBudget } from '../../../agent/shell/commands/refusal-throttle.js';
import { Publisher } from '../../../agent/shell/report/publisher.js';
import { outboxForPublisher, outboxSink } from '../../../agent/shell/report/publisher-outbox.js';
import { Reporter } from '../../../agent/shell/report/publisher-reporter.js';
import { fileSessionCounter, messageIds, PublisherSession } from '../../../agent/shell/report/publisher-session.js';
import { DEFAULT_ROOT, nodeTopics, type NodeAddress } from '../../../proto/topics.js';
import { sqliteOutboxStore, sqliteCommandLog } from '../../../agent/adapters/sqlite/reporting-store.js';

export interface AgentStackOptions {
  dir: string;
  at?: NodeAddress;
  root?: string;
  broker: Omit<MqttBrokerOptions, 'clientId' | 'will'> & { clientId?: string };
  window?: number;
  keys?: ReadonlyMap<string, KeyObject>;
  target?: CommandTarget;
  /** mqtt.maxPayloadBytes: the handler's limit and, on MQTT 5, the CONNECT's Maximum Packet Size. */
  maxPayloadBytes?: number;
  refusalBudget?: RefusalBudget;
}

export interface AgentStack {
  db: SqliteDb;
  outbox: SqliteOutbox;
  journal: SqliteJournal;
  writes: WriteQueue;
  broker: MqttBroker;
  session: PublisherSession;
  publisher: Publisher;
  reporter: Reporter;
  commands: CommandHandler | undefined;
  topics: ReturnType<typeof nodeTopics>;
  start(): Promise<void>;
  stop(): Promise<void>;
}

export function agentStack(o: AgentStackOptions): AgentStack {
  const at = o.at ?? { site: 'site-1', node: 'spoke-1' };
  const topics = nodeTopics(o.root ?? DEFAULT_ROOT, at);
  const clock = systemClock;
  const db = openDatabase(join(o.dir, 'agent.db'), { busyTimeoutMs: 0 });
  const writes = new WriteQueue();
  const outbox = new SqliteOutbox(db, { maxBytes: 512 * 1024 * 1024, maxAgeMs: 30 * 86_400_000 });
  const journal = new SqliteJournal(db, { maxAgeMs: 30 * 86_400_000, maxRows: 1_000_000 });
  const ids = messageIds();
  const session = new PublisherSession(fileSessionCounter(join(o.dir, 'mqtt-session')), topics.status, ids, clock, '0.1.0-test');
  const maxPayloadBytes = o.maxPayloadBytes ?? 65_536;
  const broker = new MqttBroker(
    {
      clientId: `spokepilot-${at.site}-${at.node}`,
      maxPacketBytes: maxPacketBytes(maxPayloadBytes),
      ...o.broker,
      will: () => session.nextWill(),
    },
    silentLogger,
    clock,
  );
  const publisher = new Publisher(
    broker,
    outboxForPublisher(sqliteOutboxStore(outbox, writes)),
    session,
    { statusTopic: topics.status, window: o.window ?? 32 },
    silentLogger,
    clock,
  );
  const reporter = new Reporter(
    outboxSink(sqliteOutboxStore(outbox, writes), () => publisher.kick(), clock.now),
    { topics, ids, clock },
  );
  const commands =
    o.keys && o.target
      ? new CommandHandler(
          {
            site: at.site,
            node: at.node,
            cmdTopic: topics.cmd,
            replyTopic: topics.reply,
            keys: o.keys,
            maxPayloadBytes,
            ...(o.refusalBudget ? { refusalBudget: o.refusalBudget } : {}),
          },
          {
            broker,
            target: o.target,
            ids,
            clock,
            log: silentLogger,
            ...commandJournal(sqliteCommandLog(journal, new SqliteCommandNonces(db, 30_000), writes)),
            report: (e) => {
              void reporter.events([e]).catch(() => {});
            },
          },
        )
      : undefined;
  return {
    db,
    outbox,
    journal,
    writes,
    broker,
    session,
    publisher,
    reporter,
    commands,
    topics,
    async start() {
      // Order: handlers and subscriptions first, then the connection, so the first birth and commands are not missed.
      publisher.start();
      await commands?.start();
      broker.start();
    },
    async stop() {
      await commands?.stop();
      await publisher.stop(AbortSignal.timeout(2_000));
      await broker.close(AbortSignal.timeout(1_000));
      db.close();
    },
  };
}
