import { readFileSync } from 'node:fs';
import type { BackoffOptions } from './backoff.js';
import type { WillMessage } from '../../ports/broker.js';

export interface MqttTls {
  /** CA bundle that signed the broker's certificate (PEM). */
  ca?: string | Buffer;
  /** Client certificate and key for mutual TLS (PEM). */
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Default true; false only for lab brokers with self-signed certificates and no CA. */
  rejectUnauthorized?: boolean;
  /** SNI / certificate name when the URL's host is an address. */
  servername?: string;
}

export interface MqttBrokerOptions {
  /** `mqtt://host:1883` or `mqtts://host:8883`. */
  url: string;
  /**
   * Every endpoint of a clustered broker (replaces `url` when given). Each
   * client starts at a random one, so a fleet spreads over the nodes, and moves
   * to the next after a failed attempt or a lost connection, still under the
   * jittered backoff.
   */
  urls?: readonly string[];
  clientId: string;
  /** 4 = MQTT 3.1.1 (default), 5 = MQTT 5. */
  protocolVersion?: 4 | 5;
  username?: string;
  password?: string;
  tls?: MqttTls;
  keepaliveSec?: number;
  connectTimeoutMs?: number;
  /**
   * Default true: commands are short-lived and signed with an expiry, so a
   * broker queue of them from while we were away is useless.
   */
  cleanSession?: boolean;
  backoff?: BackoffOptions;
  /** A connection up at least this long resets the backoff; shorter ones keep growing it. */
  stableAfterMs?: number;
  /**
   * MQTT 5: the Maximum Packet Size sent in CONNECT, so the broker drops larger
   * messages instead of delivering them (payload limit plus topic and header room).
   */
  maxPacketBytes?: number;
  /** Called before every connection attempt: the Will carries that attempt's session counter. */
  will?: () => WillMessage | undefined;
  /** Uniform [0, 1); injected so tests can pin the jitter. */
  random?: () => number;
}

export interface TlsFiles {
  caFile?: string;
  certFile?: string;
  keyFile?: string;
  rejectUnauthorized?: boolean;
  servername?: string;
}

/** Reads the PEM files named in configuration, once at start (certificates rotate with a restart). */
export function tlsFromFiles(files: TlsFiles): MqttTls {
  return {
    ...(files.caFile ? { ca: readFileSync(files.caFile) } : {}),
    ...(files.certFile ? { cert: readFileSync(files.certFile) } : {}),
    ...(files.keyFile ? { key: readFileSync(files.keyFile) } : {}),
    ...(files.rejectUnauthorized !== undefined ? { rejectUnauthorized: files.rejectUnauthorized } : {}),
    ...(files.servername ? { servername: files.servername } : {}),
  };
}

/**
 * MQTT 5 Maximum Packet Size for a payload limit: the fixed header (5), topic
 * (2 + its length, our topics are well under 1 KB) and packet id; room for
 * properties too, so an honest command is never dropped for its headers.
 */
export const maxPacketBytes = (maxPayloadBytes: number): number => maxPayloadBytes + 4096;
