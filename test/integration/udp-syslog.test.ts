import { afterEach, describe, expect, it } from 'vitest';
import { createSocket } from 'node:dgram';
import { listenSyslog, normaliseAddress, type SyslogListener } from '../../agent/adapters/udp-syslog.js';
import type { SyslogRecord } from '../../proto/records/system.js';
import { waitFor as pollUntil } from '../support/wait-for.js';

const LINE = '<189>42: *Mar  3 09:00:01.123: %TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down';

async function send(port: number, count: number, from = '127.0.0.1'): Promise<void> {
  const s = createSocket('udp4');
  await new Promise<void>((r) => s.bind(0, from, () => r()));
  for (let i = 0; i < count; i++) await new Promise<void>((r) => s.send(LINE, port, '127.0.0.1', () => r()));
  s.close();
}

const waitFor = (probe: () => boolean, what: string) => pollUntil(what, probe, 5000, 20);

describe('syslog listener: only the router, at a bounded rate (red-team finding 7)', () => {
  let listener: SyslogListener | undefined;
  afterEach(async () => {
    await listener?.close();
    listener = undefined;
  });

  it('drops datagrams from a source that is not allowed, unread', async () => {
    const got: SyslogRecord[] = [];
    listener = await listenSyslog({
      listen: '127.0.0.1:0',
      allowFrom: ['127.0.0.2'],
      maxPerSecond: 100,
      onRecord: (r) => got.push(r),
      onError: () => undefined,
    });
    await send(listener.port, 20, '127.0.0.1');
    await waitFor(() => listener!.dropped.source === 20, 'the drops');
    expect(got).toHaveLength(0);
  });

  it('reads the allowed source up to its rate and counts the rest', async () => {
    const got: SyslogRecord[] = [];
    let t = 0;
    listener = await listenSyslog({
      listen: '127.0.0.1:0',
      allowFrom: ['127.0.0.1'],
      maxPerSecond: 50,
      onRecord: (r) => got.push(r),
      onError: () => undefined,
      now: () => t,
    });
    await send(listener.port, 200);
    await waitFor(() => got.length + listener!.dropped.rate === 200, 'every datagram accounted for');
    expect(got).toHaveLength(50); // one second's burst, the clock standing still
    expect(got[0]?.detail?.kind).toBe('track-state');
    t = 1000; // a second later the bucket is full again
    await send(listener.port, 10);
    await waitFor(() => got.length === 60, 'the next second');
  });

  it('treats an IPv4-mapped IPv6 sender as its IPv4 address', () => {
    expect(normaliseAddress('::ffff:192.0.2.1')).toBe('192.0.2.1');
    expect(normaliseAddress('FE80::1')).toBe('fe80::1');
  });
});
