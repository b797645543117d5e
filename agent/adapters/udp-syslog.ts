import { createSocket, type Socket } from 'node:dgram';
import { TokenBucket } from '../core/token-bucket.js';
import { parseSyslogLine } from '../parsers/system/index.js';
import type { SyslogRecord } from '../../proto/records/system.js';
import type { SyslogListener } from '../ports/syslog-source.js';
export type { SyslogListener };

export interface SyslogListenerOptions {
  /** `host:port` to bind. */
  listen: string;
  /** Source addresses whose datagrams are read; every other source is dropped unread. */
  allowFrom: readonly string[];
  /** Datagrams per second accepted from one source (burst: one second's worth). */
  maxPerSecond: number;
  onRecord: (r: SyslogRecord) => void;
  onError: (e: Error) => void;
  now?: () => number;
}

/** A datagram is at most one IOS message; anything longer is not syslog from a router (RFC 5426 §3.2). */
const MAX_DATAGRAM_BYTES = 8192;
/** Sources remembered for rate limiting; only allowed sources get a bucket, so this bounds nothing an attacker controls. */
const MAX_BUCKETS = 64;

/**
 * Listens for the router's syslog (`logging host <app-ip> transport udp port P`).
 * Lines are hints that trigger an immediate re-read; `show` output stays the
 * truth. UDP is unauthenticated and spoofable: only the router's addresses are
 * read, each at a bounded rate, so a flood costs a dropped datagram, never a read.
 */
export async function listenSyslog(o: SyslogListenerOptions): Promise<SyslogListener> {
  const colon = o.listen.lastIndexOf(':');
  const host = o.listen.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(o.listen.slice(colon + 1));
  const allowed = new Set(o.allowFrom.map(normaliseAddress));
  const now = o.now ?? Date.now;
  const buckets = new Map<string, TokenBucket>();
  const dropped = { source: 0, rate: 0 };
  const socket: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: true });
  socket.on('message', (msg, rinfo) => {
    const source = normaliseAddress(rinfo.address);
    if (!allowed.has(source)) {
      dropped.source++;
      return;
    }
    if (!bucketFor(buckets, source, o.maxPerSecond).take(now())) {
      dropped.rate++;
      return;
    }
    if (msg.length > MAX_DATAGRAM_BYTES) return;
    // One datagram is one message (RFC 5426); IOS never batches.
    const record = parseSyslogLine(msg.toString('latin1').replace(/[\r\n]+$/, ''));
    if (record) o.onRecord(record);
  });
  socket.on('error', o.onError);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    dropped,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}

/** `::ffff:192.0.2.1` (a dual-stack socket's view of an IPv4 sender) is 192.0.2.1. */
export function normaliseAddress(a: string): string {
  const lower = a.toLowerCase();
  return lower.startsWith('::ffff:') && lower.includes('.') ? lower.slice(7) : lower;
}

/** One second's worth of burst per source; only allowed sources get a bucket, so the map stays small. */
function bucketFor(buckets: Map<string, TokenBucket>, source: string, perSecond: number): TokenBucket {
  let b = buckets.get(source);
  if (!b) {
    if (buckets.size >= MAX_BUCKETS) buckets.clear();
    b = new TokenBucket(perSecond, perSecond);
    buckets.set(source, b);
  }
  return b;
}
