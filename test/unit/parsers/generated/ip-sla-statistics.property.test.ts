import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { IpSlaStatistics } from '../../../../proto/records/health.js';
import { Gen, fieldsOf } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show ip sla statistics [details]`: random operations of
 * the documented kinds (icmp-echo, http with its DNS/TCP/HTTP RTTs, udp-jitter
 * with its sections and several `Key: value` pairs on one line), every return
 * code (the RttResponseSense ones too), path-jitter hops, udp-jitter detail lines, a measured or timed-out RTT, the life left in every spelling
 * (`Forever`, `N sec`, `N seconds`), with and without the details lines, read back exactly.
 */
const RETURN_CODES = [
  ['OK', 'ok'],
  ['Timeout', 'timeout'],
  ['Over threshold', 'over-threshold'],
  ['No connection', 'no-connection'],
  // CISCO-RTTMON-TC-MIB RttResponseSense, in the CLI's words.
  ['Busy', 'busy'],
  ['Not connected', 'not-connected'],
  ['Sequence error', 'sequence-error'],
  ['Verify error', 'verify-error'],
  ['DNS query error', 'dns-query-error'],
  ['HTTP transaction timeout', 'http-transaction-timeout'],
  ['Unknown', 'unknown'],
] as const;
const mam = (g: Gen) => {
  const min = g.int(50);
  const avg = min + g.int(50);
  return { minMs: min, avgMs: avg, maxMs: avg + g.int(100) };
};
const fmt = (v: { minMs: number; avgMs: number; maxMs: number }) => `${v.minMs}/${v.avgMs}/${v.maxMs}`;
const pairs = (g: Gen, items: string[]) => `\t${items.join(g.pick(['\t', '      ', '  ']))}`;

function operation(g: Gen, id: number, details: boolean): { lines: string[]; want: Partial<IpSlaStatistics> } {
  const kind = g.pick(['icmp-echo', 'http', 'udp-jitter', 'path-jitter'] as const);
  const [codeText, returnCode] = g.pick(RETURN_CODES);
  const timedOut = returnCode !== 'ok' && returnCode !== 'over-threshold';
  const want: Partial<IpSlaStatistics> = { operationId: id, returnCode, returnCodeRaw: codeText };
  const lines = [`IPSLA operation id: ${id}`];
  if (details || kind !== 'icmp-echo') {
    want.type = kind;
    lines.push(`Type of operation: ${kind}`);
  }
  if (timedOut) lines.push('\tLatest RTT: NoConnection/Busy/Timeout');
  else if (kind === 'path-jitter') {
    // No operation RTT: each hop has its own (IP SLAs Configuration Guide, ICMP path jitter).
  } else {
    want.rttMs = g.int(900);
    lines.push(`\tLatest RTT: ${want.rttMs} milliseconds`);
  }
  want.startTime = `${g.pick(['*', ''])}${String(g.int(24)).padStart(2, '0')}:${String(g.int(60)).padStart(2, '0')}:${String(g.int(60)).padStart(2, '0')}.${g.int(1000)} ${g.pick(['UTC', 'CET', 'EET'])} Mon Jun 21 2021`;
  lines.push(`Latest operation start time: ${want.startTime}`, `Latest operation return code: ${codeText}`);
  if (kind === 'http') {
    want.latestDnsRttMs = g.int(50);
    want.latestTcpConnectRttMs = g.int(50);
    want.latestHttpTransactionRttMs = g.int(500);
    lines.push(
      `Latest DNS RTT: ${want.latestDnsRttMs} ms`,
      `Latest TCP Connection RTT: ${want.latestTcpConnectRttMs} ms`,
      `Latest HTTP Transaction RTT: ${want.latestHttpTransactionRttMs} ms`,
    );
  }
  if (kind === 'udp-jitter' && !timedOut) {
    want.rttSamples = g.int(1000);
    want.rtt = mam(g);
    want.oneWayLatencySamples = g.int(1000);
    want.latencySourceToDestination = mam(g);
    want.latencyDestinationToSource = mam(g);
    want.jitterSamples = g.int(1000);
    want.jitterSourceToDestination = mam(g);
    want.jitterDestinationToSource = mam(g);
    want.lossSourceToDestination = g.int(10);
    want.lossDestinationToSource = g.int(10);
    want.outOfSequence = g.int(5);
    want.tailDrop = g.int(5);
    want.packetLateArrival = g.int(5);
    want.packetSkipped = g.int(5);
    lines.push(
      'RTT Values:',
      pairs(g, [`Number Of RTT: ${want.rttSamples}`, `RTT Min/Avg/Max: ${fmt(want.rtt)} milliseconds`]),
      'Latency one-way time:',
      pairs(g, [`Number of Latency one-way Samples: ${want.oneWayLatencySamples}`]),
      pairs(g, [`Source to Destination Latency one way Min/Avg/Max: ${fmt(want.latencySourceToDestination)} milliseconds`]),
      pairs(g, [`Destination to Source Latency one way Min/Avg/Max: ${fmt(want.latencyDestinationToSource)} milliseconds`]),
      'Jitter Time:',
      pairs(g, [`Number of Jitter Samples: ${want.jitterSamples}`]),
      pairs(g, [`Source to Destination Jitter Min/Avg/Max: ${fmt(want.jitterSourceToDestination)} milliseconds`]),
      pairs(g, [`Destination to Source Jitter Min/Avg/Max: ${fmt(want.jitterDestinationToSource)} milliseconds`]),
      'Packet Loss Values:',
      pairs(g, [`Loss Source to Destination: ${want.lossSourceToDestination}`]),
      pairs(g, [`Source to Destination Loss Periods Number: 0`]),
      pairs(g, [`Loss Destination to Source: ${want.lossDestinationToSource}`]),
      pairs(g, [`Out Of Sequence: ${want.outOfSequence}`, `Tail Drop: ${want.tailDrop}`]),
      pairs(g, [`Packet Late Arrival: ${want.packetLateArrival}`, `Packet Skipped: ${want.packetSkipped}`]),
    );
  }
  if (kind === 'path-jitter' && !timedOut) {
    lines.push('---- Path Jitter Statistics ----');
    want.pathHops = Array.from({ length: g.between(1, 3) }, () => {
      const hop = {
        address: g.ipv4(),
        latestRttMs: g.int(90),
        rttSamples: g.int(100),
        rtt: mam(g),
        jitterSamples: g.int(100),
        jitter: mam(g),
        packetLoss: g.int(5),
        outOfSequence: g.int(5),
        discardedSamples: g.int(5),
      };
      lines.push(
        `Hop IP ${hop.address}:`,
        'Round Trip Time milliseconds:',
        `\tLatest RTT: ${hop.latestRttMs} ms`,
        `\tNumber of RTT: ${hop.rttSamples}`,
        `\tRTT Min/Avg/Max: ${fmt(hop.rtt)} ms`,
        'Jitter time milliseconds:',
        `\tNumber of jitter: ${hop.jitterSamples}`,
        `\tJitter Min/Avg/Max: ${fmt(hop.jitter)} ms`,
        'Packet Values:',
        `\tPacket Loss (Timeout): ${hop.packetLoss}`,
        `\tOut of Sequence: ${hop.outOfSequence}`,
        `\tDiscarded Samples: ${hop.discardedSamples}`,
      );
      return hop;
    });
  }
  if (kind === 'udp-jitter' && !timedOut && g.chance(0.5)) {
    want.icpif = g.int(40);
    want.mos = g.pick([1, 3.5, 4.34]);
    lines.push(
      ...g.pick([
        [
          'Voice Score Values:',
          pairs(g, [`Calculated Planning Impairment Factor (ICPIF): ${want.icpif}`]),
          pairs(g, [`Mean Opinion Score (MOS): ${want.mos}`]),
        ],
        ['Voice Scores:', pairs(g, [`ICPIF Value: ${want.icpif}`, `MOS score: ${want.mos}`])],
      ]),
    );
  }
  if (kind === 'udp-jitter' && !timedOut && details) {
    want.jitterAvgMs = g.int(50);
    lines.push(
      'Jitter Time:',
      pairs(g, [`Source to destination positive jitter Min/Avg/Max: ${fmt(mam(g))} milliseconds`]),
      pairs(g, [`Destination to Source negative jitter Number/Sum/Sum2: ${g.int(9)}/${g.int(99)}/${g.int(999)}`]),
      pairs(g, [`Interarrival jitterout: ${g.int(9)}`, `Interarrival jitterin: ${g.int(9)}`]),
      pairs(g, [`Jitter AVG: ${want.jitterAvgMs}`]),
    );
  }
  want.successes = g.int(100000);
  want.failures = g.int(1000);
  lines.push(`Number of successes: ${want.successes}`, `Number of failures: ${want.failures}`);
  const life = g.pick<() => [string, number | 'forever']>([
    () => ['Forever', 'forever'],
    () => {
      const s = g.int(86400);
      return [`${s} sec`, s];
    },
    () => {
      const s = g.int(86400);
      return [`${s} seconds`, s];
    },
  ])();
  want.operationTimeToLiveSec = life[1];
  lines.push(`Operation time to live: ${life[0]}`);
  if (details) {
    const [stateText, state] = g.pick([
      ['Active', 'active'],
      ['Pending', 'pending'],
      ['Inactive', 'inactive'],
    ] as const);
    want.entryState = state;
    want.entryStateRaw = stateText;
    want.overThresholdOccurred = g.chance(0.5);
    want.connectionLossOccurred = g.chance(0.5);
    want.lastReset = g.pick(['Never', '10:00:00 UTC Mon Jun 21 2021']);
    lines.push(
      `Operational state of entry: ${stateText}`,
      `Last time this entry was reset: ${want.lastReset}`,
      `Over thresholds occurred: ${want.overThresholdOccurred ? 'TRUE' : 'FALSE'}`,
      `Connection loss occurred: ${want.connectionLossOccurred ? 'TRUE' : 'FALSE'}`,
    );
    if (want.lastReset === 'Never') want.lastReset = 'never';
  }
  return { lines, want };
}

describe('show ip sla statistics property: generated operations read back', () => {
  it('holds for 400 generated outputs, plain and details', () => {
    const g = new Gen(18_406);
    for (let n = 0; n < 400; n++) {
      const details = g.chance(0.5);
      const ops = Array.from({ length: g.between(1, 4) }, (_, i) => operation(g, i + 1 + g.int(50) * 10, details));
      const lines = ['IPSLAs Latest Operation Statistics', ''];
      for (const op of ops) lines.push(...op.lines, '');
      const text = lines.join('\n');
      const { records, warnings } = parseCommandOutput(`show ip sla statistics${details ? ' details' : ''}`, text);
      expect(warnings, text).toEqual([]);
      expect(records.length, text).toBe(ops.length);
      (records as IpSlaStatistics[]).forEach((r, i) => {
        const w = ops[i]!.want;
        const got = fieldsOf(r, w);
        expect(got, text).toEqual(w);
        if (w.rttMs === undefined) expect(r.rttMs, text).toBeUndefined();
      });
    }
  });
});
