import { Listeners } from '../../../proto/listeners.js';
import { Socket } from 'node:net';
import mqtt, { type IClientOptions, type MqttClient } from 'mqtt';
import { systemClock, type Clock } from '../../ports/clock.js';
import { silentLogger, type Logger } from '../../ports/logger.js';
import { DEFAULT_BACKOFF, fullJitterDelay } from './backoff.js';
import {
  BrokerError,
  type Broker,
  type ConnectInfo,
  type IncomingMessage,
  type OutgoingMessage,
  type SubscribeOptions,
} from '../../ports/broker.js';
import type { MqttBrokerOptions } from './mqtt-options.js';

type Listener<T> = (value: T) => void;

/**
 * The Broker port over mqtt.js (DESIGN §5). One mqtt.js client per connection
 * attempt, with its own reconnect disabled: we reconnect with full-jitter
 * backoff, and a dead client takes its queues with it, so nothing is ever
 * sent from mqtt.js's memory after a reconnect; the outbox re-sends instead.
 */
export class MqttBroker implements Broker {
  private readonly detach = new WeakMap<MqttClient, () => void>();
  private client: MqttClient | undefined;
  private up = false;
  private upSinceMs = 0;
  private attempt = 0;
  private connections = 0;
  private attempts = 0;
  private readonly endpoints: readonly string[];
  private endpointAt: number;
  private started = false;
  private closed = false;
  private cancelRetry: (() => void) | undefined;
  private readonly subscriptions = new Map<string, { qos: 0 | 1; options: SubscribeOptions }>();
  private readonly pending = new Set<(err: BrokerError) => void>();
  /** Subscriptions sent on the current connection and not yet acknowledged (or refused). */
  private readonly unacked = new Set<string>();
  private readonly messageHandlers = new Listeners<IncomingMessage>();
  private readonly connectHandlers = new Listeners<ConnectInfo>();
  private readonly disconnectHandlers = new Listeners<string>();

  constructor(
    private readonly options: MqttBrokerOptions,
    private readonly log: Logger = silentLogger,
    private readonly clock: Clock = systemClock,
  ) {
    this.endpoints = options.urls && options.urls.length > 0 ? options.urls : [options.url];
    // One endpoint: no draw, so a pinned random source gives the same jitter as before endpoints existed.
    this.endpointAt = this.endpoints.length > 1 ? Math.floor((options.random ?? Math.random)() * this.endpoints.length) : 0;
  }

  /** The endpoint of the connection up or being attempted. */
  get endpoint(): string {
    return this.endpoints[this.endpointAt]!;
  }

  /** Connection attempts (CONNECTs tried) and connections made, since start. */
  get counts(): { attempts: number; connections: number } {
    return { attempts: this.attempts, connections: this.connections };
  }

  get connected(): boolean {
    return this.up;
  }

  /**
   * Connected and every subscription acknowledged on this connection. Between CONNACK and SUBACK a
   * command published on a clean session is lost (nothing queues it for us): this is when it is not.
   */
  get listening(): boolean {
    return this.up && this.unacked.size === 0;
  }

  /** Publishes awaiting PUBACK on the current connection. */
  get inFlight(): number {
    return this.pending.size;
  }

  start(): void {
    if (this.started || this.closed) return;
    this.started = true;
    this.connectNow();
  }

  private clientOptions(): IClientOptions {
    const o = this.options;
    const will = o.will?.();
    return {
      clientId: o.clientId,
      protocolVersion: o.protocolVersion ?? 4,
      clean: o.cleanSession ?? true,
      keepalive: o.keepaliveSec ?? 30,
      connectTimeout: o.connectTimeoutMs ?? 10_000,
      reconnectPeriod: 0,
      queueQoSZero: false,
      resubscribe: false,
      ...(o.username !== undefined ? { username: o.username } : {}),
      ...(o.password !== undefined ? { password: o.password } : {}),
      ...(will ? { will: { topic: will.topic, payload: Buffer.from(will.payload), qos: will.qos, retain: will.retain } } : {}),
      // MQTT 5: the broker must not send us a packet larger than this (it drops it instead); mosquitto's own limit is 256 MB.
      ...(o.protocolVersion === 5 && o.maxPacketBytes ? { properties: { maximumPacketSize: o.maxPacketBytes } } : {}),
      ...(o.tls ?? {}),
    };
  }

  private connectNow(): void {
    this.cancelRetry = undefined;
    if (this.closed) return;
    let client: MqttClient;
    this.attempts++;
    try {
      client = mqtt.connect(this.endpoint, this.clientOptions());
    } catch (err) {
      this.log.error('connect-failed', { url: this.endpoint, error: (err as Error).message });
      this.nextEndpoint();
      this.attempt++; // backing off as after any other failed attempt, not four tries a second
      this.scheduleRetry();
      return;
    }
    this.client = client;
    const onConnect = (connack: { sessionPresent?: boolean }) => {
      if (this.client !== client) return;
      // Without it each QoS 1 round trip waits on Nagle + delayed ACK: ~20 ms instead of ~0.2 ms on loopback.
      if (client.stream instanceof Socket) client.stream.setNoDelay(true); // TLS sockets are Sockets; a WebSocket stream has no Nagle to turn off
      this.up = true;
      this.upSinceMs = this.clock.now();
      this.connections++;
      this.log.info('connected', { url: this.endpoint, connection: this.connections, sessionPresent: connack.sessionPresent });
      // A refusal is logged by sendSubscribe; a lost connection renews every subscription on the next connect.
      this.unacked.clear();
      for (const [filter, s] of this.subscriptions) this.sendSubscribe(client, filter, s.qos, s.options).catch(() => undefined);
      const info = { connection: this.connections, sessionPresent: connack.sessionPresent ?? false };
      this.connectHandlers.emit(info);
    };
    const onMessage = (topic: string, payload: Buffer, packet: { retain: boolean }) => {
      if (this.client !== client) return;
      const m = { topic, payload, retain: packet.retain };
      this.messageHandlers.emit(m);
    };
    const onError = (err: Error) => {
      if (this.client !== client) return;
      this.log.warn('client-error', { error: err.message, code: (err as { code?: unknown }).code });
      // A refused CONNACK or a TLS failure: mqtt.js may not close by itself without its reconnect.
      if (!this.up) this.lost(client, err.message);
    };
    const onClose = () => this.lost(client, 'connection closed');
    client.on('connect', onConnect).on('message', onMessage).on('error', onError).on('close', onClose);
    // Only ours: mqtt.js's own 'close' listener clears its CONNACK timer (10 s), which kept a CLI
    // that could not reach the broker, and a stopping agent, alive after close.
    this.detach.set(client, () => client.off('connect', onConnect).off('message', onMessage).off('error', onError).off('close', onClose));
  }

  private lost(client: MqttClient, reason: string): void {
    if (this.client !== client) return;
    this.client = undefined;
    const wasUp = this.up;
    this.up = false;
    this.failPending(new BrokerError('MQTT_CONNECTION_LOST', `connection lost before acknowledgement: ${reason}`));
    this.detach.get(client)?.();
    client.on('error', () => undefined); // a client being discarded: its late errors are about a connection already given up
    client.end(true);
    if (wasUp) {
      this.log.warn('disconnected', { reason });
      this.disconnectHandlers.emit(reason);
    }
    // The next attempt goes to the next endpoint: a dead cluster node is not retried first.
    this.nextEndpoint();
    const stable = wasUp && this.clock.now() - this.upSinceMs >= (this.options.stableAfterMs ?? 10_000);
    this.attempt = stable ? 0 : this.attempt + 1;
    this.scheduleRetry();
  }

  private nextEndpoint(): void {
    this.endpointAt = (this.endpointAt + 1) % this.endpoints.length;
  }

  private scheduleRetry(): void {
    if (this.closed) return;
    const delay = fullJitterDelay(this.attempt, this.options.backoff ?? DEFAULT_BACKOFF, this.options.random ?? Math.random);
    this.log.debug('retry', { attempt: this.attempt, delayMs: delay });
    this.cancelRetry = this.clock.setTimer(() => this.connectNow(), delay);
  }

  private failPending(err: BrokerError): void {
    const rejects = [...this.pending];
    this.pending.clear();
    for (const reject of rejects) reject(err);
  }

  publish(m: OutgoingMessage): Promise<void> {
    const client = this.client;
    if (!client || !this.up) return Promise.reject(new BrokerError(this.closed ? 'MQTT_CLOSED' : 'MQTT_NOT_CONNECTED', 'not connected'));
    return new Promise<void>((resolve, reject) => {
      this.pending.add(reject);
      client.publish(m.topic, m.payload, { qos: m.qos, retain: m.retain ?? false }, (err) => {
        if (!this.pending.delete(reject)) return; // already failed when the connection went down
        if (err) reject(new BrokerError('MQTT_CONNECTION_LOST', err.message));
        else resolve();
      });
    });
  }

  subscribe(filter: string, qos: 0 | 1, options: SubscribeOptions = {}): Promise<void> {
    this.subscriptions.set(filter, { qos, options });
    const client = this.client;
    return client && this.up ? this.sendSubscribe(client, filter, qos, options) : Promise.resolve();
  }

  private sendSubscribe(client: MqttClient, filter: string, qos: 0 | 1, options: SubscribeOptions): Promise<void> {
    const v5 = (this.options.protocolVersion ?? 4) === 5;
    // With a clean session nothing is redelivered across connections, so QoS 1 on a subscription buys
    // nothing over QoS 0 on one TCP connection; and RabbitMQ keeps a QoS 1 subscription in a durable
    // queue homed on the node it was made on: once that node dies the client id is refused on every
    // other node (NOT_FOUND, home node down) until it returns. Published messages stay QoS 1.
    const granted = (this.options.cleanSession ?? true) && !v5 ? 0 : qos;
    this.unacked.add(filter);
    return new Promise((resolve, reject) => {
      client.subscribe(filter, { qos: granted, ...(v5 && options.retainAsPublished ? { rap: true } : {}) }, (err, granted) => {
        const refused = granted?.some((g) => g.qos === 128);
        // A refused filter stays unacknowledged: the agent is not listening on it.
        if (this.client === client && !err && !refused) this.unacked.delete(filter);
        if (err || refused) {
          this.log.error('subscribe-refused', { filter, error: err?.message });
          reject(new BrokerError('MQTT_SUBSCRIBE_REFUSED', `subscription to ${filter} refused`));
        } else resolve();
      });
    });
  }

  onMessage(handler: Listener<IncomingMessage>): () => void {
    return this.messageHandlers.on(handler);
  }

  onConnect(handler: Listener<ConnectInfo>): () => void {
    return this.connectHandlers.on(handler);
  }

  onDisconnect(handler: Listener<string>): () => void {
    return this.disconnectHandlers.on(handler);
  }

  /** Waits for in-flight acknowledgements until `signal` aborts (5 s by default), then disconnects. */
  async close(signal: AbortSignal = AbortSignal.timeout(5_000)): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    this.cancelRetry?.();
    const client = this.client;
    if (!client) return;
    while (this.up && this.pending.size > 0 && !signal.aborted) await this.clock.sleep(5);
    this.client = undefined;
    this.up = false;
    this.failPending(new BrokerError('MQTT_CLOSED', 'broker adapter closed'));
    this.detach.get(client)?.();
    client.on('error', () => undefined); // closing: a late error is about a connection being given up
    // A clean DISCONNECT: the broker discards the Will (the publisher says goodbye itself). Forced once
    // the signal aborts, but not before 100 ms: the DISCONNECT gets its chance to leave.
    await new Promise<void>((resolve) => {
      let minimumPassed = false;
      const force = () => client.end(true, {}, () => resolve());
      const onAbort = () => {
        if (minimumPassed) force();
      };
      const minimum = setTimeout(() => {
        minimumPassed = true;
        if (signal.aborted) force();
      }, 100);
      signal.addEventListener('abort', onAbort, { once: true });
      client.end(false, {}, () => {
        clearTimeout(minimum);
        signal.removeEventListener('abort', onAbort);
        resolve();
      });
    });
  }
}
