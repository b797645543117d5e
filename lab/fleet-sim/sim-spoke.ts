/**
 * One simulated spoke: the agent's real MQTT side (SQLite outbox and journal
 * in its own database, session counter file, broker adapter with mqtt.urls
 * failover and the session's Will, publisher, reporter, signed-command
 * handler, snapshot responder), fed by a SpokeStream instead of a router.
 */
import { mkdirSync } from 'node:fs';
import type { KeyObject } from 'node:crypto';
import { join } from 'node:path';
import { MqttBroker } from '../../agent/adapters/mqtt/mqtt-broker.js';
import type { BackoffOptions } from '../../agent/adapters/mqtt/backoff.js';
import { maxPacketBytes } from '../../agent/adapters/mqtt/mqtt-options.js';
import { SqliteCommandNonces } from '../../agent/adapters/sqlite/command-nonces.js';
import { openDatabase, type SqliteDb } from '../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../agent/adapters/sqlite/journal.js';
import { SqliteOutbox } from '../../agent/adapters/sqlite/outbox.js';
import { WriteQueue } from '../../agent/adapters/sqlite/write-queue.js';
import type { Clock } from '../../agent/ports/clock.js';
import { silentLogger } from '../../agent/ports/logger.js';
import { CommandHandler } from '../../agent/shell/commands/command-handler.js';
import { commandJournal } from '../../agent/shell/commands/command-journal.js';
import type { CommandTarget } from '../../agent/shell/commands/command-target.js';
import { Publisher } from '../../agent/shell/report/publisher.js';
import { outboxForPublisher, outboxSink } from '../../agent/shell/report/publisher-outbox.js';
import { Reporter } from '../../agent/shell/report/publisher-reporter.js';
import { SnapshotResponder } from '../../agent/shell/report/publisher-snapshot.js';
import { fileSessionCounter, memorySessionCounter, messageIds, PublisherSession } from '../../agent/shell/report/publisher-session.js';
import type { PayloadValidators } from '../../proto/schemas/index.js';
import { snapshotTopic } from '../../proto/snapshot.js';
import { nodeTopics, type NodeAddress } from '../../proto/topics.js';
import { SpokeStream, type SpokePath } from './synthetic.js';
import { sqliteOutboxStore, sqliteCommandLog } from '../../agent/adapters/sqlite/reporting-store.js';

export type SimStore = 'file' | 'memory';

export interface SimSpokeOptions {
  dir: string;
  at: NodeAddress;
  root: string;
  urls: readonly string[];
  stream: SpokeStream;
  clock: Clock;
  keys: ReadonlyMap<string, KeyObject>;
  backoff?: BackoffOptions;
  random?: () => number;
  keepaliveSec?: number;
  /**
   * `file` (default): the agent's SQLite database in `dir`, as on a router.
   * `memory`: the same schema and code in an in-memory SQLite database and
   * session counter, for tests that need a thousand spokes quickly: creating
   * a thousand database files costs 40-70 s under load, most of it the
   * journal-mode switch and the migrations' commits waiting on the disk.
   */
  store?: SimStore;
  /** Telemetry heartbeat (default the agent's 5 minutes), scaled with the sim's speed. */
  heartbeatMs?: number;
  /**
   * The command schemas, compiled once for the whole fleet: each agent
   * compiles its own once, but compiling them per simulated spoke took
   * 0.2-0.4 s each, most of a 1,000-spoke fleet's start.
   */
  validators?: PayloadValidators;
}

export class SimSpoke {
  readonly db: SqliteDb;
  readonly outbox: SqliteOutbox;
  readonly broker: MqttBroker;
  readonly publisher: Publisher;
  readonly reporter: Reporter;
  readonly snapshots: SnapshotResponder;
  readonly topics: ReturnType<typeof nodeTopics>;
  private readonly writes = new WriteQueue();
  private readonly commands: CommandHandler;
  private path: SpokePath | undefined;
  /** Events the reporter accepted, in order (the bench checks none is lost). */
  eventsQueued = 0;

  constructor(private readonly o: SimSpokeOptions) {
    const inMemory = o.store === 'memory';
    if (!inMemory) mkdirSync(o.dir, { recursive: true });
    this.topics = nodeTopics(o.root, o.at);
    // synchronous=NORMAL: a thousand spokes on one disk would measure the disk's fsyncs, not MQTT.
    this.db = openDatabase(inMemory ? ':memory:' : join(o.dir, 'spoke.db'), { busyTimeoutMs: 0, synchronous: 'normal' });
    this.outbox = new SqliteOutbox(this.db, { maxBytes: 16 * 1024 * 1024, maxAgeMs: 7 * 86_400_000 });
    const journal = new SqliteJournal(this.db, { maxAgeMs: 7 * 86_400_000, maxRows: 10_000 });
    const ids = messageIds();
    const counter = inMemory ? memorySessionCounter() : fileSessionCounter(join(o.dir, 'mqtt-session'));
    const session = new PublisherSession(counter, this.topics.status, ids, o.clock, 'fleet-sim');
    this.broker = new MqttBroker(
      {
        url: o.urls[0]!,
        urls: o.urls,
        clientId: `sim-${o.at.site}-${o.at.node}`,
        keepaliveSec: o.keepaliveSec ?? 30,
        will: () => session.nextWill(),
        maxPacketBytes: maxPacketBytes(65_536),
        ...(o.backoff ? { backoff: o.backoff } : {}),
        ...(o.random ? { random: o.random } : {}),
      },
      silentLogger,
      o.clock,
    );
    this.publisher = new Publisher(
      this.broker,
      outboxForPublisher(sqliteOutboxStore(this.outbox, this.writes)),
      session,
      { statusTopic: this.topics.status },
      silentLogger,
      o.clock,
    );
    this.reporter = new Reporter(
      outboxSink(sqliteOutboxStore(this.outbox, this.writes), () => this.publisher.kick(), o.clock.now),
      { topics: this.topics, ids, clock: o.clock, ...(o.heartbeatMs ? { heartbeatMs: o.heartbeatMs } : {}) },
    );
    this.commands = new CommandHandler(
      { site: o.at.site, node: o.at.node, cmdTopic: this.topics.cmd, replyTopic: this.topics.reply, keys: o.keys, maxPayloadBytes: 65_536 },
      {
        broker: this.broker,
        target: this.target(),
        ids,
        clock: o.clock,
        log: silentLogger,
        ...(o.validators ? { validators: o.validators } : {}),
        ...commandJournal(sqliteCommandLog(journal, new SqliteCommandNonces(this.db, 30_000), this.writes)),
        report: (e) => {
          void this.reporter.events([e]).catch(() => {});
        },
      },
    );
    this.snapshots = new SnapshotResponder({
      broker: this.broker,
      topic: snapshotTopic(o.root),
      site: o.at.site,
      clock: o.clock,
      log: silentLogger,
      answer: () => this.rebirth(),
      ...(o.random ? { random: o.random } : {}),
    });
  }

  private async rebirth(): Promise<void> {
    await this.publisher.rebirth();
    await this.reporter.republishState();
  }

  private target(): CommandTarget {
    return {
      getState: () => this.o.stream.state(this.simSec()),
      getRoutes: () => ({ family: 'ipv4', count: 0, truncated: false, routes: [] }),
      getEvents: () => [],
      forcePath: () => undefined,
      clearOverride: () => undefined,
      validatePolicy: () => ({ ok: true }),
      applyPolicy: () => ({ applied: [], unchanged: [] }),
      runShow: () => Promise.resolve('simulated spoke'),
      rebirth: () => this.rebirth(),
    };
  }

  private simSec = () => 0;

  async start(simSec: () => number): Promise<void> {
    this.simSec = simSec;
    this.publisher.start();
    this.snapshots.start();
    await this.commands.start();
    this.broker.start();
    await this.poll();
  }

  /** One SLA poll: telemetry (the Reporter decides whether it is news), state and a path-change event when the path moved. */
  async poll(): Promise<void> {
    const t = this.simSec();
    this.o.stream.tick(t);
    const path = this.o.stream.pathAt(t);
    if (this.path && (path.hub !== this.path.hub || path.wan !== this.path.wan)) {
      await this.reporter.events([SpokeStream.pathChange(this.path, path)]);
      this.eventsQueued++;
    }
    this.path = path;
    await this.reporter.state(this.o.stream.state(t));
    await this.reporter.telemetry(this.o.stream.telemetry(t));
  }

  /** An event of the bench's own, numbered, to check that none is lost and the order is kept. */
  async marker(seq: number): Promise<void> {
    await this.reporter.events([{ kind: 'warning', code: 'SIM_SEQ', message: String(seq), subject: this.o.at.node }]);
    this.eventsQueued++;
  }

  get outboxDepth(): number {
    return this.outbox.depth().total.messages;
  }

  async stop(signal: AbortSignal = AbortSignal.timeout(2_000)): Promise<void> {
    this.snapshots.stop();
    await this.commands.stop();
    await this.publisher.stop(signal);
    await this.broker.close(AbortSignal.any([signal, AbortSignal.timeout(1_000)]));
    this.db.close();
  }
}
