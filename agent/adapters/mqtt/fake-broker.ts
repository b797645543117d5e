import { Listeners } from '../../../proto/listeners.js';
import {
  BrokerError,
  type Broker,
  type ConnectInfo,
  type IncomingMessage,
  type OutgoingMessage,
  type SubscribeOptions,
  type WillMessage,
} from '../../ports/broker.js';
import { topicMatches } from './topic-match.js';

/**
 * An in-memory MQTT network for unit tests: several FakeBroker clients, retained
 * messages, Wills published when a client is dropped. Delivery is synchronous
 * apart from PUBACK, which resolves on a microtask (or is held while `holdAcks`).
 */
export class FakeMqttNetwork {
  readonly retained = new Map<string, IncomingMessage>();
  readonly clients = new Set<FakeBroker>();
  /** Every message the "broker" accepted, in order. */
  readonly log: (IncomingMessage & { from: string })[] = [];
  up = true;

  route(from: string, m: OutgoingMessage): void {
    const payload = Buffer.isBuffer(m.payload) ? m.payload : Buffer.from(m.payload);
    const msg = { topic: m.topic, payload, retain: m.retain ?? false };
    this.log.push({ ...msg, from });
    if (msg.retain) {
      if (payload.length === 0) this.retained.delete(m.topic);
      else this.retained.set(m.topic, msg);
    }
    for (const c of this.clients) c.deliver(msg);
  }

  client(id: string, will?: () => WillMessage | undefined): FakeBroker {
    return new FakeBroker(this, id, will);
  }

  /** The broker goes away: every client is dropped, no Will published (a dying broker sends none). */
  outage(): void {
    this.up = false;
    for (const c of [...this.clients]) c.drop(false);
  }

  restore(): void {
    this.up = true;
    for (const c of [...this.clients]) c.reconnect();
  }
}

export class FakeBroker implements Broker {
  private up = false;
  private started = false;
  private closed = false;
  private connections = 0;
  private will: WillMessage | undefined;
  private readonly subs = new Map<string, SubscribeOptions>();
  private readonly pending = new Set<(e: BrokerError) => void>();
  private readonly onMsg = new Listeners<IncomingMessage>();
  private readonly onUp = new Listeners<ConnectInfo>();
  private readonly onDown = new Listeners<string>();
  /** Held PUBACKs, released by releaseAcks(). */
  holdAcks = false;
  private held: (() => void)[] = [];
  readonly published: OutgoingMessage[] = [];

  constructor(
    private readonly net: FakeMqttNetwork,
    readonly id: string,
    private readonly willOf?: () => WillMessage | undefined,
  ) {}

  get connected(): boolean {
    return this.up;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.reconnect();
  }

  reconnect(): void {
    if (this.closed || !this.started || this.up || !this.net.up) return;
    this.will = this.willOf?.();
    this.up = true;
    this.net.clients.add(this);
    this.connections++;
    for (const [filter] of this.subs) this.sendRetained(filter);
    this.onUp.emit({ connection: this.connections, sessionPresent: false });
  }

  /** The connection dies; with `publishWill` the broker publishes the Will. */
  drop(publishWill = true): void {
    if (!this.up) return;
    this.up = false;
    this.net.clients.delete(this);
    this.held = [];
    for (const reject of [...this.pending]) reject(new BrokerError('MQTT_CONNECTION_LOST', 'dropped'));
    this.pending.clear();
    if (publishWill && this.will) this.net.route(this.id, this.will);
    this.onDown.emit('dropped');
  }

  /** A live message: retain cleared, as a broker does, unless the subscription asked for retain-as-published. */
  deliver(m: IncomingMessage): void {
    if (!this.up) return;
    const matching = [...this.subs].filter(([f]) => topicMatches(f, m.topic));
    if (matching.length === 0) return;
    const retain = m.retain && matching.some(([, o]) => o.retainAsPublished === true);
    this.onMsg.emit({ ...m, retain });
  }

  private sendRetained(filter: string): void {
    for (const m of this.net.retained.values()) if (topicMatches(filter, m.topic)) this.onMsg.emit(m);
  }

  publish(m: OutgoingMessage): Promise<void> {
    if (!this.up) return Promise.reject(new BrokerError(this.closed ? 'MQTT_CLOSED' : 'MQTT_NOT_CONNECTED', 'not connected'));
    this.published.push(m);
    this.net.route(this.id, m);
    return new Promise((resolve, reject) => {
      this.pending.add(reject);
      const ack = () => {
        if (this.pending.delete(reject)) resolve();
      };
      if (this.holdAcks) this.held.push(ack);
      else queueMicrotask(ack);
    });
  }

  releaseAcks(): void {
    const acks = this.held;
    this.held = [];
    for (const a of acks) a();
  }

  async subscribe(filter: string, _qos: 0 | 1, options: SubscribeOptions = {}): Promise<void> {
    this.subs.set(filter, options);
    if (this.up) this.sendRetained(filter);
  }

  onMessage(h: (m: IncomingMessage) => void): () => void {
    return this.onMsg.on(h);
  }
  onConnect(h: (i: ConnectInfo) => void): () => void {
    return this.onUp.on(h);
  }
  onDisconnect(h: (r: string) => void): () => void {
    return this.onDown.on(h);
  }

  async close(): Promise<void> {
    this.up = false;
    this.closed = true;
    this.net.clients.delete(this);
    for (const reject of [...this.pending]) reject(new BrokerError('MQTT_CLOSED', 'closed'));
    this.pending.clear();
  }
}
