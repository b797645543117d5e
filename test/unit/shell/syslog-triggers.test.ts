import { describe, expect, it } from 'vitest';
import { parseSyslogLine } from '../../../agent/parsers/system/index.js';
import { familiesFor, minTriggerSec } from '../../../agent/shell/observe/syslog-triggers.js';

/** Real IOS lines (the lab prints the same), each with the reads it wakes, in the order they are asked for. */
describe('familiesFor: which reads a syslog line wakes', () => {
  it.each([
    ['<189>41: *Jan  5 09:02:36.000: %TRACK-6-STATE: 141 list boolean and Up -> Down', 'failover', ['sla', 'flexvpn']],
    // A dual-cloud track is a hub's quality track, read alone: the probes and BGP wait for their own period.
    ['<189>41: *Jan  5 09:02:36.000: %TRACK-6-STATE: 141 list boolean and Up -> Down', 'dual-cloud', ['tracks']],
    [
      '<187>12: *Jan  5 09:02:36.000: %LINEPROTO-5-UPDOWN: Line protocol on Interface GigabitEthernet0/0, changed state to down',
      'dual-cloud',
      ['interfaces', 'flexvpn'],
    ],
    [
      '<189>13: *Jan  5 09:02:36.000: %BGP-5-ADJCHANGE: neighbor 172.31.1.1 Down BGP Notification sent',
      'dual-cloud',
      ['routes', 'flexvpn'],
    ],
    // An IP SLA threshold reaction fires as a run ends: a dual-cloud spoke reads the probes at once;
    // a failover spoke's own tracks act on it.
    ['<187>15: *Jan  5 09:02:35.000: %RTT-3-IPSLATHRESHOLD: IP SLAs(41): Threshold Occurred for rtt', 'dual-cloud', ['probes']],
    ['<187>16: *Jan  5 09:02:41.000: %RTT-3-IPSLATHRESHOLD: IP SLAs(51): Threshold Cleared for packetLossSD', 'failover', []],
    ['<190>14: *Jan  5 09:02:36.000: %SYS-6-LOGGINGHOST_STARTSTOP: Logging to host 192.168.5.2 port 514 started', 'failover', []],
  ] as const)('%s (%s) -> %j', (line, topology, families) => {
    const record = parseSyslogLine(line);
    expect(record).toBeDefined();
    expect(familiesFor(record!, topology)).toEqual(families);
  });
});

describe('minTriggerSec: how soon a syslog line may wake a family again', () => {
  const syslog = { minReadIntervalSec: 2, minRoutesReadIntervalSec: 30 };
  it.each([
    ['sla', syslog, 2],
    ['tracks', syslog, 2],
    ['routes', syslog, 30],
    // Each threshold line can be a hub's second witness: a dual-cloud spoke's probes a second apart.
    ['probes', syslog, 1],
    // An operator's shorter interval holds for them too; a longer one does not slow them.
    ['probes', { ...syslog, minReadIntervalSec: 0.5 }, 0.5],
    ['probes', { ...syslog, minReadIntervalSec: 10 }, 1],
  ] as const)('%s with %j -> %s s', (family, settings, sec) => {
    expect(minTriggerSec(family, settings)).toBe(sec);
  });
});
