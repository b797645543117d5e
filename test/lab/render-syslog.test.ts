/** Syslog lines: IOS's layout, parsed by the agent's syslog parser, sent over UDP. */
import { createSocket } from 'node:dgram';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from '../../agent/parsers/system/syslog-line.js';
import { bufferLine, udpLine } from '../../lab/syslog/format.js';
import { messageFor } from '../../lab/syslog/messages.js';
import type { RouterEvent } from '../../lab/router/events.js';
import { labRouter, seconds } from './lab-helpers.js';

const AT = Date.UTC(2025, 2, 3, 9, 0, 31, 123);

describe('IOS syslog messages', () => {
  const cases: Array<[RouterEvent, string, object]> = [
    [
      { kind: 'track', at: AT, trackId: 1, object: 'ip sla 1 reachability', from: 'up', to: 'down' },
      '%TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down',
      { kind: 'track-state', trackId: 1, object: 'ip sla 1 reachability', from: 'up', to: 'down' },
    ],
    [
      { kind: 'line-protocol', at: AT, interface: 'Tunnel100', state: 'down' },
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel100, changed state to down',
      { kind: 'line-protocol', interface: 'Tunnel100', state: 'down' },
    ],
    [
      { kind: 'link', at: AT, interface: 'GigabitEthernet0/0', state: 'administratively down' },
      '%LINK-5-CHANGED: Interface GigabitEthernet0/0, changed state to administratively down',
      { kind: 'link', state: 'administratively-down' },
    ],
    [
      { kind: 'ike-session', at: AT, state: 'up', peer: '198.51.100.1', port: 4500 },
      '%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.  Peer 198.51.100.1:4500 Id: 198.51.100.1',
      { kind: 'crypto-session', session: 'ikev2', state: 'up', peerAddress: '198.51.100.1', peerPort: 4500 },
    ],
    [
      { kind: 'bgp', at: AT, neighbor: '10.255.0.1', state: 'down', reason: 'Interface flap' },
      '%BGP-5-ADJCHANGE: neighbor 10.255.0.1 Down Interface flap',
      { kind: 'bgp-adjacency', neighbor: '10.255.0.1', state: 'down', reason: 'Interface flap' },
    ],
  ];

  it.each(cases)('%o', (event, text, detail) => {
    const msg = messageFor(event)!;
    const line = udpLine(42, event.at, msg);
    expect(line).toBe(`<${184 + msg.severity}>000042: Mar  3 09:00:31.123 UTC: ${text}`);
    const rec = parseSyslogLine(line)!;
    expect(rec).toMatchObject({
      priority: 184 + msg.severity,
      sequence: 42,
      timestamp: { month: 3, day: 3, time: '09:00:31.123', timezone: 'UTC' },
    });
    expect(rec.detail).toMatchObject(detail);
    expect(parseSyslogLine(bufferLine(42, event.at, msg))?.detail).toMatchObject(detail);
  });

  it('timeline-only events are not logged', () => {
    expect(messageFor({ kind: 'dpd-miss', at: AT, peer: '198.51.100.1', misses: 1 })).toBeUndefined();
  });
});

describe('syslog over UDP', () => {
  it('sends each state change to the configured collector with rising sequence numbers', async () => {
    const socket = createSocket('udp4');
    const received: string[] = [];
    await new Promise<void>((resolve) => socket.bind(0, '127.0.0.1', resolve));
    const port = (socket.address() as AddressInfo).port;
    const got = new Promise<void>((resolve) =>
      socket.on('message', (b) => {
        received.push(b.toString());
        if (received.length >= 4) resolve();
      }),
    );
    const { router, clock } = labRouter({ syslog: { host: '127.0.0.1', port } });
    router.world.setWanUp('Cellular0/1/0', false);
    seconds(clock, 1);
    router.world.setHubUp('hub1', false);
    seconds(clock, 12); // the next run of IP SLA 11 and 21 finds hub 1 gone
    await got;
    router.stop();
    socket.close();
    const recs = received.map((l) => parseSyslogLine(l)!);
    expect(recs.map((r) => r.sequence)).toEqual([...recs.map((r) => r.sequence)].sort((a, b) => a! - b!));
    expect(recs[0]).toMatchObject({
      facility: 'LINK',
      mnemonic: 'UPDOWN',
      detail: { kind: 'link', interface: 'Cellular0/1/0', state: 'down' },
    });
  });
});
