import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from '../../../agent/parsers/system/syslog-line.js';
import type { SyslogDetail, SyslogRecord, SyslogTimestamp } from '../../../proto/records/system.js';

describe('syslog details', () => {
  const cases: Array<[string, SyslogDetail | undefined]> = [
    [
      '%TRACK-6-STATE: 1 ip sla 1 reachability Up -> Down',
      { kind: 'track-state', trackId: 1, object: 'ip sla 1 reachability', from: 'up', to: 'down' },
    ],
    [
      '%TRACK-6-STATE: 20 interface Cellular0/1/0 line-protocol Down -> Up',
      { kind: 'track-state', trackId: 20, object: 'interface Cellular0/1/0 line-protocol', from: 'down', to: 'up' },
    ],
    [
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Tunnel0, changed state to down',
      { kind: 'line-protocol', interface: 'Tunnel0', state: 'down', stateRaw: 'down' },
    ],
    [
      '%LINEPROTO-5-UPDOWN: Line protocol on Interface Gi0/0/1, changed state to up',
      { kind: 'line-protocol', interface: 'GigabitEthernet0/0/1', state: 'up', stateRaw: 'up' },
    ],
    [
      '%LINK-3-UPDOWN: Interface GigabitEthernet0/0, changed state to up',
      { kind: 'link', interface: 'GigabitEthernet0/0', state: 'up', stateRaw: 'up' },
    ],
    [
      '%LINK-5-CHANGED: Interface GigabitEthernet0/1, changed state to administratively down',
      { kind: 'link', interface: 'GigabitEthernet0/1', state: 'administratively-down', stateRaw: 'administratively down' },
    ],
    [
      '%LINK-5-CHANGED: Interface Virtual-Access2, changed state to deleted',
      { kind: 'link', interface: 'Virtual-Access2', state: 'deleted', stateRaw: 'deleted' },
    ],
    [
      '%LINK-3-UPDOWN: Interface Cellular0/1/0, changed state to reset',
      { kind: 'link', interface: 'Cellular0/1/0', state: 'unknown', stateRaw: 'reset' },
    ],
    [
      '%BGP-5-ADJCHANGE: neighbor 10.0.0.254 Down BGP Notification sent',
      { kind: 'bgp-adjacency', neighbor: '10.0.0.254', state: 'down', reason: 'BGP Notification sent' },
    ],
    ['%BGP-5-ADJCHANGE: neighbor 10.0.0.254 Up', { kind: 'bgp-adjacency', neighbor: '10.0.0.254', state: 'up' }],
    [
      '%BGP-5-ADJCHANGE: neighbor 10.1.1.1 vpn vrf CUST Down Peer closed the session',
      { kind: 'bgp-adjacency', neighbor: '10.1.1.1', vrf: 'CUST', state: 'down', reason: 'Peer closed the session' },
    ],
    ['%BGP-5-ADJCHANGE: neighbor *10.255.0.7 Up', { kind: 'bgp-adjacency', neighbor: '10.255.0.7', state: 'up' }],
    [
      '%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is UP.  Peer 198.51.100.1:500       Id: 198.51.100.1',
      { kind: 'crypto-session', session: 'ikev2', state: 'up', peerAddress: '198.51.100.1', peerPort: 500, peerId: '198.51.100.1' },
    ],
    [
      '%CRYPTO-5-IKEV2_SESSION_STATUS: Crypto tunnel v2 is DOWN.  Peer 203.0.113.9:4500       Id: hub2.example.net',
      { kind: 'crypto-session', session: 'ikev2', state: 'down', peerAddress: '203.0.113.9', peerPort: 4500, peerId: 'hub2.example.net' },
    ],
    [
      '%CRYPTO-5-SESSION_STATUS: Crypto tunnel is UP  .  Peer 10.1.1.2:500       Id: 10.1.1.2',
      { kind: 'crypto-session', session: 'crypto', state: 'up', peerAddress: '10.1.1.2', peerPort: 500, peerId: '10.1.1.2' },
    ],
    [
      '%CRYPTO-5-SESSION_STATUS: Crypto tunnel is DOWN. Peer 10.1.1.2:500 fvrf=INET ivrf=(none) Id: 10.1.1.2',
      {
        kind: 'crypto-session',
        session: 'crypto',
        state: 'down',
        peerAddress: '10.1.1.2',
        peerPort: 500,
        fvrf: 'INET',
        peerId: '10.1.1.2',
      },
    ],
    [
      '%IKEV2-5-SA_UP: SA UP: Local 192.0.2.10:4500 Remote 198.51.100.1:4500 FVRF: INET IVRF: none',
      {
        kind: 'ikev2-sa',
        state: 'up',
        localAddress: '192.0.2.10',
        localPort: 4500,
        remoteAddress: '198.51.100.1',
        remotePort: 4500,
        fvrf: 'INET',
      },
    ],
    [
      '%IKEV2-5-SA_DOWN: SA DOWN: Local 192.0.2.10:500 Remote 198.51.100.1:500 FVRF: none IVRF: none Reason: DPD timeout',
      {
        kind: 'ikev2-sa',
        state: 'down',
        localAddress: '192.0.2.10',
        localPort: 500,
        remoteAddress: '198.51.100.1',
        remotePort: 500,
        reason: 'DPD timeout',
      },
    ],
    ['%IKEV2-5-SA_DOWN: SA DOWN', { kind: 'ikev2-sa', state: 'down' }],
    [
      '%RTT-3-IPSLATHRESHOLD: IP SLAs(41): Threshold Occurred for rtt',
      { kind: 'sla-threshold', operation: 41, event: 'occurred', element: 'rtt' },
    ],
    [
      '%RTT-3-IPSLATHRESHOLD: IP SLAs(5): Threshold Cleared for packetLossSD',
      { kind: 'sla-threshold', operation: 5, event: 'cleared', element: 'packetLossSD' },
    ],
    // Not the form IOS prints: no detail (the line is still a syslog record).
    ['%RTT-3-IPSLATHRESHOLD: IP SLA 41 threshold crossed', undefined],
  ];
  it.each(cases)('%s', (line, detail) => {
    expect(parseSyslogLine(line)?.detail).toEqual(detail);
  });

  it('leaves messages without a known shape undetailed but keeps them', () => {
    const rec = parseSyslogLine('%SYS-5-CONFIG_I: Configured from console by admin on vty0 (10.0.0.5)');
    expect(rec).toMatchObject({ facility: 'SYS', severity: 5, severityName: 'notice', mnemonic: 'CONFIG_I' });
    expect(rec?.detail).toBeUndefined();
    // A known mnemonic with an unknown body: no detail rather than a wrong one.
    expect(parseSyslogLine('%TRACK-6-STATE: something else entirely')?.detail).toBeUndefined();
  });
});

describe('syslog timestamps', () => {
  const cases: Array<[string, SyslogTimestamp]> = [
    [
      '*Mar  1 00:01:23.456 UTC: %SYS-5-RESTART: x',
      { text: 'Mar  1 00:01:23.456 UTC', clock: 'unsynchronised', month: 3, day: 1, time: '00:01:23.456', timezone: 'UTC' },
    ],
    [
      '.Jan  2 10:00:01.003 CET: %SYS-5-RESTART: x',
      { text: 'Jan  2 10:00:01.003 CET', clock: 'sync-lost', month: 1, day: 2, time: '10:00:01.003', timezone: 'CET' },
    ],
    ['Nov 23 10:00:01: %SYS-5-RESTART: x', { text: 'Nov 23 10:00:01', month: 11, day: 23, time: '10:00:01' }],
    [
      'Dec 31 2024 23:59:59.999 UTC+2: %SYS-5-RESTART: x',
      { text: 'Dec 31 2024 23:59:59.999 UTC+2', month: 12, day: 31, year: 2024, time: '23:59:59.999', timezone: 'UTC+2' },
    ],
    ['1d02h: %SYS-5-RESTART: x', { text: '1d02h', uptimeSec: 93600 }],
    ['2w3d: %SYS-5-RESTART: x', { text: '2w3d', uptimeSec: 17 * 86400 }],
    ['1y4w: %SYS-5-RESTART: x', { text: '1y4w', uptimeSec: 365 * 86400 + 28 * 86400 }],
    ['00:01:23: %SYS-5-RESTART: x', { text: '00:01:23', uptimeSec: 83 }],
    ['*00:00:42.123: %SYS-5-RESTART: x', { text: '00:00:42.123', clock: 'unsynchronised', uptimeSec: 42 }],
  ];
  it.each(cases)('%s', (line, ts) => {
    expect(parseSyslogLine(line)?.timestamp).toEqual(ts);
  });

  it('has no timestamp when the router prints none', () => {
    const rec = parseSyslogLine('000042: %LINK-3-UPDOWN: Interface Tunnel1, changed state to down');
    expect(rec?.timestamp).toBeUndefined();
    expect(rec?.sequence).toBe(42);
  });

  it('does not take an impossible date or clock for a timestamp', () => {
    expect(parseSyslogLine('Foo 12 10:00:01: plain text')).toBeUndefined();
    expect(parseSyslogLine('Mar 32 10:00:01: plain text')).toBeUndefined();
    expect(parseSyslogLine('Mar  1 24:00:01: plain text')).toBeUndefined();
    expect(parseSyslogLine('Mar  1 10:61:01: plain text')).toBeUndefined();
  });
});

describe('syslog headers', () => {
  const base = {
    facility: 'LINK',
    severity: 3,
    severityName: 'error',
    mnemonic: 'UPDOWN',
    text: 'Interface Tunnel0, changed state to down',
  };
  const cases: Array<[string, Partial<SyslogRecord>]> = [
    ['%LINK-3-UPDOWN: Interface Tunnel0, changed state to down', {}],
    ['<187>%LINK-3-UPDOWN: Interface Tunnel0, changed state to down', { priority: 187 }],
    ['<187>000123: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down', { priority: 187, sequence: 123 }],
    ['<187>123: *Mar  1 00:01:23.456 UTC: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down', { priority: 187, sequence: 123 }],
    [
      '<187>123: spoke1: *Mar  1 00:01:23.456 UTC: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down',
      { priority: 187, sequence: 123, hostname: 'spoke1' },
    ],
    ['spoke-17.example.net: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down', { hostname: 'spoke-17.example.net' }],
    // A relay (rsyslog) put an RFC 3164 header in front of IOS's own.
    [
      '<187>Mar  1 00:01:24 10.20.0.17 123: Mar  1 00:01:23: %LINK-3-UPDOWN: Interface Tunnel0, changed state to down',
      { priority: 187, hostname: '10.20.0.17', sequence: 123 },
    ],
  ];
  it.each(cases)('%s', (line, head) => {
    expect(parseSyslogLine(line)).toMatchObject({ ...base, ...head });
  });

  it('takes the relay header as the timestamp when IOS printed none', () => {
    const rec = parseSyslogLine('<187>Mar  1 00:01:24 spoke1 %LINK-3-UPDOWN: Interface Tunnel0, changed state to down');
    expect(rec?.hostname).toBe('spoke1');
    expect(rec?.timestamp).toEqual({ text: 'Mar  1 00:01:24', month: 3, day: 1, time: '00:01:24' });
  });

  it('keeps a dated message without a mnemonic as plain text', () => {
    expect(parseSyslogLine('Jun  5 05:11:04.626 EST: Rollback:Acquired Configuration lock.')).toEqual({
      timestamp: { text: 'Jun  5 05:11:04.626 EST', month: 6, day: 5, time: '05:11:04.626', timezone: 'EST' },
      text: 'Rollback:Acquired Configuration lock.',
    });
  });
});

describe('syslog garbage', () => {
  it.each([
    [''],
    ['hello world'],
    ['Line protocol on Interface Tunnel0, changed state to down'],
    ['<999>%LINK-3-UPDOWN: Interface Tunnel0, changed state to down'],
    ['%LINK-9-UPDOWN: severity out of range'],
    ['12345'],
  ])('%j is not a syslog message', (line) => {
    expect(parseSyslogLine(line)).toBeUndefined();
  });

  // Many lines with one that is no message: parser case syslog/two-messages-and-garbage.
});
