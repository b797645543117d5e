import { describe, expect, it } from 'vitest';
import { parseIpSlaStatistics } from '../../../agent/parsers/health/ip-sla-statistics.js';
import { parseIpSlaSummary } from '../../../agent/parsers/health/ip-sla-summary.js';
import { parseTrack } from '../../../agent/parsers/health/track.js';
import { IP_SLA_SUMMARY_IOS15_HEAD as HEAD } from '../../support/ip-sla-summary-ios15.js';

/**
 * Line kinds and codes Cisco documents for `show ip sla statistics [details]` / `summary`
 * that the parsers did not read (issue 18, documentation audit). Sources: CISCO-RTTMON-TC-MIB
 * RttResponseSense (the completion codes), the IP SLAs Configuration Guide's UDP jitter,
 * ICMP path jitter and HTTP operation chapters and the IP SLAs Command Reference
 * (`show ip sla statistics`, `show ip sla monitor statistics`). Values invented.
 */
const stats = (...lines: string[]) => parseIpSlaStatistics(['IPSLA operation id: 5', ...lines].join('\n'));

describe('IP SLA return codes: every RttResponseSense code, as the CLI words it', () => {
  it.each([
    ['Sequence error', 'sequence-error'],
    ['Verify error', 'verify-error'],
    ['Not connected', 'not-connected'],
    ['Disconnected', 'disconnected'],
    ['Dropped', 'dropped'],
    ['Busy', 'busy'],
    ['Application specific error', 'application-specific'],
    ['DNS server timeout', 'dns-server-timeout'],
    ['TCP connect timeout', 'tcp-connect-timeout'],
    ['HTTP transaction timeout', 'http-transaction-timeout'],
    ['DNS query error', 'dns-query-error'],
    ['HTTP error', 'http-error'],
    ['Error', 'error'],
    ['Unknown', 'unknown'],
  ])('Latest operation return code: %s', (raw, code) => {
    const { records, warnings } = stats(`Latest operation return code: ${raw}`);
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ returnCode: code, returnCodeRaw: raw });
  });

  it('show track reads the same codes from an IP SLA object', () => {
    const { records } = parseTrack(
      ['Track 1', '  IP SLA 1 state', '  State is Down', '  Latest operation return code: DNS query error'].join('\n'),
    );
    expect(records[0]).toMatchObject({ latestReturnCode: 'dns-query-error' });
  });

  it('show ip sla summary folds a code cut over three lines, the last column cut too', () => {
    const { records, warnings } = parseIpSlaSummary(
      [
        ...HEAD,
        '*12          http        192.0.2.12        -           HTTP transa 51307 seconds',
        '                                                       ction timeo  ago',
        '                                                       ut',
        '*13          icmp-echo   192.0.2.13        RTT=1       OK          3 seconds ago',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.operationId, r.returnCode, r.returnCodeRaw, r.lastRunAgoSec])).toEqual([
      [12, 'http-transaction-timeout', 'HTTP transaction timeout', 51307],
      [13, 'ok', 'OK', 3],
    ]);
  });

  it('show ip sla summary takes a code of up to three words, wrapped or not', () => {
    const { records, warnings } = parseIpSlaSummary(
      [
        ...HEAD,
        '*10          http        192.0.2.10        RTT=0       DNS query e 25 seconds ag',
        '                                                       rror        o',
        '*11          udp-jitter  192.0.2.11        RTT=4       Sequence error 3 seconds ago',
        '*12          http        192.0.2.12        -           HTTP transaction timeout 9 seconds ago',
        '*13          tcp-connect 192.0.2.13        -           Not connected never',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.returnCode, r.lastRunRaw])).toEqual([
      ['dns-query-error', '25 seconds ago'],
      ['sequence-error', '3 seconds ago'],
      ['http-transaction-timeout', '9 seconds ago'],
      ['not-connected', 'never'],
    ]);
  });
});

describe('show ip sla statistics details: udp-jitter detail lines', () => {
  it('reads Jitter AVG and understands the sums, signed jitter and interarrival jitter', () => {
    const { records, warnings } = stats(
      'Type of operation: udp-jitter',
      'Latency one-way time:',
      '        Source to Destination Latency one way Sum/Sum2: 12/40',
      '        Destination to Source Latency one way Sum/Sum2: 11/38',
      'Jitter Time:',
      '        Source to destination positive jitter Min/Avg/Max: 1/2/3 milliseconds',
      '        Source to destination positive jitter Number/Sum/Sum2: 4/8/20',
      '        Source to destination negative jitter Min/Avg/Max: 1/1/2 milliseconds',
      '        Source to destination negative jitter Number/Sum/Sum2: 3/4/6',
      '        Destination to Source positive jitter Min/Avg/Max: 1/1/1 milliseconds',
      '        Destination to Source positive jitter Number/Sum/Sum2: 2/2/2',
      '        Destination to Source negative jitter Min/Avg/Max: 1/1/1 milliseconds',
      '        Destination to Source negative jitter Number/Sum/Sum2: 2/2/2',
      '        Interarrival jitterout: 0       Interarrival jitterin: 1',
      '        Jitter AVG: 2',
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ type: 'udp-jitter', jitterAvgMs: 2 });
  });

  it('reads min/avg/max in microseconds as milliseconds (precision microseconds)', () => {
    const { records, warnings } = stats('        Number Of RTT: 10       RTT Min/Avg/Max: 250/500/1250 microseconds');
    expect(warnings).toEqual([]);
    expect(records[0]!.rtt).toEqual({ minMs: 0.25, avgMs: 0.5, maxMs: 1.25 });
  });
});

describe('show ip sla statistics details: 12.x entry lines', () => {
  it('reads Latest RTT (milliseconds), the occurred flags and the attempt counts', () => {
    const { records, warnings } = stats(
      'Latest RTT (milliseconds): 4',
      'Connection loss occurred: FALSE',
      'Timeout occurred: TRUE',
      'Over thresholds occurred: FALSE',
      'Number of operations attempted: 12',
      'Number of operations skipped: 0',
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ rttMs: 4, connectionLossOccurred: false, timeoutOccurred: true, overThresholdOccurred: false });
  });
});

describe('show ip sla statistics: path-jitter hops', () => {
  it('reads each Hop IP block into its own hop, not into the operation', () => {
    const { records, warnings } = stats(
      'Latest operation return code: OK',
      '---- Path Jitter Statistics ----',
      'Hop IP 192.0.2.1:',
      'Round Trip Time milliseconds:',
      '        Latest RTT: 2 ms',
      '        Number of RTT: 10',
      '        RTT Min/Avg/Max: 1/2/4 ms',
      'Jitter time milliseconds:',
      '        Number of jitter: 9',
      '        Jitter Min/Avg/Max: 0/1/2 ms',
      'Packet Values:',
      '        Packet Loss (Timeout): 1',
      '        Out of Sequence: 0',
      '        Discarded Samples: 0',
      'Hop IP 198.51.100.9:',
      'Round Trip Time milliseconds:',
      '        Latest RTT: 7 ms',
      'Operation time to live: Forever',
    );
    expect(warnings).toEqual([]);
    const op = records[0]!;
    expect(op.rttMs).toBeUndefined();
    expect(op.rtt).toBeUndefined();
    expect(op.operationTimeToLiveSec).toBe('forever');
    expect(op.pathHops).toEqual([
      {
        address: '192.0.2.1',
        latestRttMs: 2,
        rttSamples: 10,
        rtt: { minMs: 1, avgMs: 2, maxMs: 4 },
        jitterSamples: 9,
        jitter: { minMs: 0, avgMs: 1, maxMs: 2 },
        packetLoss: 1,
        outOfSequence: 0,
        discardedSamples: 0,
      },
      { address: '198.51.100.9', latestRttMs: 7 },
    ]);
  });
});

describe('show ip sla statistics: IOS 15 voice scores', () => {
  it('reads ICPIF Value and MOS score under Voice Scores:', () => {
    const { records, warnings } = stats('Voice Scores:', '        ICPIF Value: 3  MOS score: 4.34');
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ icpif: 3, mos: 4.34 });
  });
});
