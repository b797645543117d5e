import { createSocket, type Socket } from 'node:dgram';
import { parseSyslogLine } from '../parsers/system/index.js';
import type { SyslogRecord } from '../../proto/records/system.js';

export interface SyslogListener {
  readonly port: number;
  close(): Promise<void>;
}

/**
 * Listens for the router's syslog (`logging host <app-ip> transport udp port P`).
 * Lines are hints that trigger an immediate re-read; `show` output stays the truth.
 */
export async function listenSyslog(listen: string, onRecord: (r: SyslogRecord) => void, onError: (e: Error) => void): Promise<SyslogListener> {
  const colon = listen.lastIndexOf(':');
  const host = listen.slice(0, colon).replace(/^\[|\]$/g, '');
  const port = Number(listen.slice(colon + 1));
  const socket: Socket = createSocket({ type: host.includes(':') ? 'udp6' : 'udp4', reuseAddr: true });
  socket.on('message', (msg) => {
    // One datagram is one message (RFC 5426); IOS never batches.
    const record = parseSyslogLine(msg.toString('latin1').replace(/[\r\n]+$/, ''));
    if (record) onRecord(record);
  });
  socket.on('error', onError);
  await new Promise<void>((resolve, reject) => {
    socket.once('error', reject);
    socket.bind(port, host, () => {
      socket.off('error', reject);
      resolve();
    });
  });
  return {
    port: socket.address().port,
    close: () => new Promise((resolve) => socket.close(() => resolve())),
  };
}
