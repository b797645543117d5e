import { describe, expect, it } from 'vitest';
import { parseIpSlaStatistics } from '../../../agent/parsers/health/ip-sla-statistics.js';
import { parseIpSlaSummary } from '../../../agent/parsers/health/ip-sla-summary.js';

// Whole outputs read into their expected records are parser cases (test/unit/parsers/cases/show-ip-sla-statistics/, show-ip-sla-statistics-details/ and show-ip-sla-summary/).
describe('show ip sla statistics', () => {
  it('reads an icmp-jitter operation (IOS 15 layout): one loss count, out-of-sequence by direction', () => {
    const text = [
      'IPSLAs Latest Operation Statistics',
      '',
      'IPSLA operation id: 5',
      'Type of operation: icmp-jitter',
      '        Latest RTT: 17 milliseconds',
      'Latest operation start time: 13:54:02 UTC Tue Nov 14 2017',
      'Latest operation return code: OK',
      'RTT Values:',
      '        Number Of RTT: 9                RTT Min/Avg/Max: 8/17/28 milliseconds',
      'Latency one-way time:',
      '        Number of Latency one-way Samples: 0',
      '        Source to Destination Latency one way Min/Avg/Max: 0/0/0 milliseconds',
      '        Destination to Source Latency one way Min/Avg/Max: 0/0/0 milliseconds',
      'Jitter Time:',
      '        Number of SD Jitter Samples: 7',
      '        Number of DS Jitter Samples: 7',
      '        Source to Destination Jitter Min/Avg/Max: 0/9/17 milliseconds',
      '        Destination to Source Jitter Min/Avg/Max: 0/12/19 milliseconds',
      'Over Threshold:',
      '        Number Of RTT Over Threshold: 0 (0%)',
      'Packet Late Arrival: 0',
      'Out Of Sequence: 0',
      '        Source to Destination: 0        Destination to Source 0',
      '        In both Directions: 0',
      'Packet Skipped: 0       Packet Unprocessed: 0',
      'Packet Loss: 1',
      '        Loss Period Length Min/Max: 1/1',
      'Number of successes: 2',
      'Number of failures: 0',
      'Operation time to live: Forever',
    ].join('\n');
    const { records, warnings } = parseIpSlaStatistics(text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      operationId: 5,
      type: 'icmp-jitter',
      rttMs: 17,
      returnCode: 'ok',
      rttSamples: 9,
      rtt: { minMs: 8, avgMs: 17, maxMs: 28 },
      jitterSdSamples: 7,
      jitterDsSamples: 7,
      jitterSourceToDestination: { minMs: 0, avgMs: 9, maxMs: 17 },
      jitterDestinationToSource: { minMs: 0, avgMs: 12, maxMs: 19 },
      rttOverThreshold: 0,
      packetLateArrival: 0,
      outOfSequence: 0,
      packetSkipped: 0,
      packetLossUnknownDirection: 1,
      successes: 2,
    });
  });

  it('reads the udp-jitter blocks, two pairs per line included', () => {
    const text = [
      'IPSLAs Latest Operation Statistics',
      '',
      'IPSLA operation id: 20',
      'Type of operation: udp-jitter',
      '        Latest RTT: 23 milliseconds',
      'Latest operation start time: *10:02:11.512 UTC Wed Mar 5 2025',
      'Latest operation return code: OK',
      'RTT Values:',
      '        Number Of RTT: 10               RTT Min/Avg/Max: 21/23/27 milliseconds',
      'Latency one-way time:',
      '        Number of Latency one-way Samples: 10',
      '        Source to Destination Latency one way Min/Avg/Max: 10/11/13 milliseconds',
      '        Destination to Source Latency one way Min/Avg/Max: 11/12/14 milliseconds',
      'Jitter Time:',
      '        Number of SD Jitter Samples: 9',
      '        Number of DS Jitter Samples: 9',
      '        Source to Destination Jitter Min/Avg/Max: 0/1/3 milliseconds',
      '        Destination to Source Jitter Min/Avg/Max: 0/2/4 milliseconds',
      'Over Threshold:',
      '        Number Of RTT Over Threshold: 0 (0%)',
      'Packet Loss Values:',
      '        Loss Source to Destination: 1',
      '        Source to Destination Loss Periods Number: 1',
      '        Loss Destination to Source: 0',
      '        Out Of Sequence: 0      Tail Drop: 0',
      '        Packet Late Arrival: 0  Packet Skipped: 0',
      'Voice Score Values:',
      '        Calculated Planning Impairment Factor (ICPIF): 0',
      '        Mean Opinion Score (MOS): 0',
      'Number of successes: 40',
      'Number of failures: 0',
      'Operation time to live: 3569 sec',
    ].join('\n');
    const { records, warnings } = parseIpSlaStatistics(text);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      operationId: 20,
      type: 'udp-jitter',
      rttMs: 23,
      startTime: '*10:02:11.512 UTC Wed Mar 5 2025',
      returnCode: 'ok',
      rttSamples: 10,
      rtt: { minMs: 21, avgMs: 23, maxMs: 27 },
      oneWayLatencySamples: 10,
      latencySourceToDestination: { minMs: 10, avgMs: 11, maxMs: 13 },
      jitterSdSamples: 9,
      jitterDsSamples: 9,
      jitterDestinationToSource: { minMs: 0, avgMs: 2, maxMs: 4 },
      rttOverThreshold: 0,
      lossSourceToDestination: 1,
      lossDestinationToSource: 0,
      outOfSequence: 0,
      tailDrop: 0,
      packetLateArrival: 0,
      packetSkipped: 0,
      icpif: 0,
      mos: 0,
      successes: 40,
      operationTimeToLiveSec: 3569,
    });
  });

  it('keeps an unseen return code raw and maps it to unknown', () => {
    const { records } = parseIpSlaStatistics('IPSLA operation id: 54\nLatest operation return code: Socket connect error\n');
    expect(records[0]).toMatchObject({ returnCode: 'unknown', returnCodeRaw: 'Socket connect error' });
  });

  it('warns on garbage with its line number and keeps the operations around it', () => {
    const text = [
      'IPSLA operation id: 1',
      'Number of successes: 4',
      'Frobnication level: high',
      'IPSLA operation id: 2',
      'Number of failures: 1',
    ].join('\n');
    const { records, warnings } = parseIpSlaStatistics(text);
    expect(records.map((r) => r.operationId)).toEqual([1, 2]);
    expect(records[1]?.failures).toBe(1);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.line).toBe(3);
  });
});

describe('show ip sla summary', () => {
  it('reads the IOS-XE form with state codes and `N seconds ago`', () => {
    const text = [
      'IPSLAs Latest Operation Summary',
      'Codes: * active, ^ inactive, ~ pending',
      'All Stats are in milliseconds. Stats with u are in microseconds',
      '',
      'ID           Type        Destination       Stats       ReturnCode  LastRun',
      '-----------------------------------------------------------------------',
      '*1           icmp-echo   198.51.100.1      RTT=4       OK          12 seconds ago',
      '*2           icmp-echo   203.0.113.1       -           Timeout     7 seconds ago',
      '^3           udp-jitter  192.0.2.9         RTT=u850    Over threshold 1 minute ago',
      '~4           icmp-echo   192.0.2.10        -           Unknown     -',
    ].join('\n');
    const { records, warnings } = parseIpSlaSummary(text);
    expect(warnings).toEqual([]);
    expect(records[0]).toEqual({
      operationId: 1,
      type: 'icmp-echo',
      destination: '198.51.100.1',
      state: 'active',
      stateRaw: '*',
      returnCode: 'ok',
      returnCodeRaw: 'OK',
      rttMs: 4,
      statsRaw: 'RTT=4',
      lastRunRaw: '12 seconds ago',
      lastRunAgoSec: 12,
    });
    expect(records[1]).toMatchObject({ returnCode: 'timeout', statsRaw: '-', lastRunAgoSec: 7 });
    expect(records[1]?.rttMs).toBeUndefined();
    expect(records[2]).toMatchObject({ state: 'inactive', rttMs: 0.85, returnCode: 'over-threshold', lastRunAgoSec: 60 });
    expect(records[3]).toMatchObject({ state: 'pending', returnCode: 'unknown', lastRunRaw: '-' });
  });
});
