import { describe, expect, it } from 'vitest';
import { parseIpSlaStatisticsAggregated } from '../../../agent/parsers/health/ip-sla-aggregated.js';
import { refusedForm, resolveCommand, UnsupportedCommandError } from '../../../agent/parsers/registry.js';

// `show ip sla statistics aggregated [N]`, one test per line kind (issue 18). Whole outputs are
// parser cases (test/unit/parsers/cases/show-ip-sla-statistics-aggregated/).
const parse = (...lines: string[]) => parseIpSlaStatisticsAggregated(lines.join('\n'));

describe('show ip sla statistics aggregated', () => {
  it('opens a record per Start Time Index, carrying the operation and the type printed once above', () => {
    const { records, warnings } = parse(
      'IPSLAs aggregated statistics',
      '',
      'IPSLA operation id: 50',
      'Type of operation: tcp-connect',
      'Start Time Index: 04:12:47 UTC Mon Nov 22 2021',
      'Number of successes: 34',
      'Number of failures: 0',
      '',
      'Start Time Index: 03:12:47 UTC Mon Nov 22 2021',
      'Number of successes: 0',
      'Number of failures: 60',
    );
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      { operationId: 50, type: 'tcp-connect', startTimeIndex: '04:12:47 UTC Mon Nov 22 2021', successes: 34, failures: 0 },
      { operationId: 50, type: 'tcp-connect', startTimeIndex: '03:12:47 UTC Mon Nov 22 2021', successes: 0, failures: 60 },
    ]);
  });

  it('takes a type printed inside the interval (mcast) and its receiver rows', () => {
    const { records, warnings } = parse(
      'IPSLA operation id: 2',
      'Start Time Index: 00:13:17 UTC Mon Nov 22 2021',
      'Type of operation: mcast',
      '',
      'oper-id        status               lossSD       delay                  destination',
      '60988531       OK                   0            795993/902821/1057999             10.50.10.100',
      '',
      'Number of successes: 120',
      'Number of failures: 0',
    );
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        operationId: 2,
        startTimeIndex: '00:13:17 UTC Mon Nov 22 2021',
        type: 'mcast',
        multicastResponders: [
          {
            operId: 60988531,
            returnCode: 'ok',
            returnCodeRaw: 'OK',
            lossSd: 0,
            delayRaw: '795993/902821/1057999',
            destination: '10.50.10.100',
          },
        ],
        successes: 120,
        failures: 0,
      },
    ]);
  });

  it("reads an interval's RTTs, named without 'Latest'", () => {
    const { records, warnings } = parse(
      'IPSLA operation id: 1',
      'Type of operation: http',
      'Start Time Index: 04:21:11 UTC Thu Nov 18 2021',
      'DNS RTT: 0',
      'TCP Connection RTT: 56',
      'HTTP Transaction RTT: 360',
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ dnsRttMs: 0, tcpConnectRttMs: 56, httpTransactionRttMs: 360 });
  });

  it("reads a jitter operation's blocks in an interval with the lines of show ip sla statistics", () => {
    const { records, warnings } = parse(
      'IPSLA operation id: 11',
      'Type of operation: icmp-jitter',
      'Start Time Index: 10:00:00 UTC Mon Dec 7 2026',
      'RTT Values:',
      '        Number Of RTT: 1200             RTT Min/Avg/Max: 8/17/95 milliseconds',
      'Jitter Time:',
      '        Number of SD Jitter Samples: 1180',
      '        Source to Destination Jitter Min/Avg/Max: 0/9/40 milliseconds',
      'Packet Loss: 12',
      'Number of successes: 120',
      'Number of failures: 0',
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({
      rttSamples: 1200,
      rtt: { minMs: 8, avgMs: 17, maxMs: 95 },
      jitterSdSamples: 1180,
      jitterSourceToDestination: { minMs: 0, avgMs: 9, maxMs: 40 },
      packetLossUnknownDirection: 12,
      successes: 120,
    });
  });

  it('reads the 12.x / 15.x layout: RTT-for-Index header, block titles without colons, voice scores', () => {
    const { records, warnings } = parse(
      'Round Trip Time (RTT) for       Index 3',
      'Start Time Index: 16:00:00.000 MET Thu Feb 26 2009',
      'Type of operation: jitter',
      'Voice Scores:',
      '        MinOfICPIF: 1   MaxOfICPIF: 11  MinOfMOS: 3.91  MaxOfMOS: 4.34',
      'RTT Values',
      '        Number Of RTT: 5000',
      '        RTT Min/Avg/Max: 4/9/400 ms',
      'Latency one-way time milliseconds',
      '        Number of Latency one-way Samples: 2000',
      'Jitter time milliseconds',
      '        Number of SD Jitter Samples: 4990',
      'Packet Loss Values',
      '        Loss Source to Destination: 3           Loss Destination to Source: 1',
      'Number of successes: 50',
      'Number of failures: 0',
    );
    expect(warnings).toEqual([]);
    expect(records).toEqual([
      {
        operationId: 3,
        startTimeIndex: '16:00:00.000 MET Thu Feb 26 2009',
        type: 'jitter',
        icpifMin: 1,
        icpifMax: 11,
        mosMin: 3.91,
        mosMax: 4.34,
        rttSamples: 5000,
        rtt: { minMs: 4, avgMs: 9, maxMs: 400 },
        oneWayLatencySamples: 2000,
        jitterSdSamples: 4990,
        lossSourceToDestination: 3,
        lossDestinationToSource: 1,
        successes: 50,
        failures: 0,
      },
    ]);
  });

  it('warns about a statistic before the first interval, and about lines outside any operation', () => {
    const { records, warnings } = parse(
      'Number of successes: 3',
      'IPSLA operation id: 7',
      'Type of operation: dns',
      'Number of successes: 3',
    );
    expect(records).toEqual([]);
    expect(warnings.map((w) => w.line)).toEqual([1, 4]);
    expect(warnings[1]!.reason).toContain('Start Time Index');
  });

  it("warns about the details form's distribution lines instead of reading them", () => {
    const { warnings } = parse(
      'IPSLA operation id: 7',
      'Start Time Index: 04:12:47 UTC Mon Nov 22 2021',
      'Distribution Statistics:',
      'Bucket Range: 0-19 ms',
    );
    expect(warnings).toHaveLength(2);
  });
});

describe('show ip sla statistics aggregated [N] details', () => {
  it('is refused with a reason that names the form whose output is read', () => {
    for (const line of ['show ip sla statistics aggregated details', 'sh ip sla stat agg 7 details']) {
      expect(resolveCommand(line)).toBeUndefined();
      const refused = refusedForm(line);
      expect(refused?.usage).toBe('show ip sla statistics aggregated [N] details');
      expect(refused?.reason).toContain('ask for `show ip sla statistics aggregated [N]`');
      expect(new UnsupportedCommandError(line).message).toContain('ask for `show ip sla statistics aggregated [N]`');
    }
  });
});
