import { CodedError } from '../../proto/coded-error.js';

/**
 * The Broker port: what the publisher and the command handler need from MQTT,
 * nothing more. MqttBroker implements it over mqtt.js; FakeBroker in memory.
 */
export interface OutgoingMessage {
  topic: string;
  payload: string | Buffer;
  qos: 0 | 1;
  retain?: boolean;
}

export interface IncomingMessage {
  topic: string;
  payload: Buffer;
  /**
   * The broker sent it from its retained store (on subscribe), or, with
   * `retainAsPublished` on MQTT 5, its publisher set retain.
   */
  retain: boolean;
}

export interface SubscribeOptions {
  /** MQTT 5 only: deliver live messages with the retain flag their publisher set (MQTT 3.1.1 brokers clear it). */
  retainAsPublished?: boolean;
}

export interface WillMessage {
  topic: string;
  payload: string;
  retain: boolean;
  qos: 0 | 1;
}

export interface ConnectInfo {
  /** Counts connections made by this broker object, from 1. */
  connection: number;
  sessionPresent: boolean;
}

export type BrokerErrorCode =
  /** publish() while no connection is up: the caller keeps the message (the outbox does). */
  | 'MQTT_NOT_CONNECTED'
  /** The connection went down before the broker acknowledged. The message may or may not have arrived. */
  | 'MQTT_CONNECTION_LOST'
  | 'MQTT_CLOSED'
  | 'MQTT_SUBSCRIBE_REFUSED';

export class BrokerError extends CodedError<BrokerErrorCode> {}

export interface Broker {
  /** Starts connecting and keeps reconnecting (with backoff) until close(). */
  start(): void;
  readonly connected: boolean;
  /** QoS 1 resolves on PUBACK, QoS 0 once written. Rejects with BrokerError when not connected or lost. */
  publish(message: OutgoingMessage): Promise<void>;
  /** Remembered and renewed on every connection; resolves once granted on the current one (or at once when offline). */
  subscribe(filter: string, qos: 0 | 1, options?: SubscribeOptions): Promise<void>;
  /** Returns a function that removes the handler. */
  onMessage(handler: (message: IncomingMessage) => void): () => void;
  /** Called after each CONNACK, before anything else is sent on that connection. */
  onConnect(handler: (info: ConnectInfo) => void): () => void;
  onDisconnect(handler: (reason: string) => void): () => void;
  /** Ends the connection (after in-flight acknowledgements, until `signal` aborts) and stops reconnecting. */
  close(signal?: AbortSignal): Promise<void>;
}
