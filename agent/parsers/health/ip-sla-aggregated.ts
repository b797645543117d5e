import type { ParseResult } from '../../../proto/records/common.js';
import type { IpSlaAggregatedStatistics } from '../../../proto/records/health.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise } from './common.js';
import { applyPairs, MCAST_HEADER, MEASUREMENT_SETTERS, ms, multicastResponder, put, SECTION, type Setter } from './ip-sla-statistics.js';

const BANNER = /^IPSLAs aggregated statistics$/i;
// `IPSLA operation id: 1` (IOS-XE); `Round Trip Time (RTT) for Index 3` (12.x and 15.x).
const OPERATION = /^(?:IPSLA operation id:|Round Trip Time \(RTT\) for\s+Index)\s+(\d+)$/i;
// 12.x and 15.x title the blocks without a colon and name the unit (`RTT Values`, `Latency
// one-way time milliseconds`) and give a jitter operation's voice scores as `Voice Scores:`
// (a Catalyst 3560G on 12.2(46)SE, `sh ip sla stat agg 3`, posted to Cisco's support forum; the
// post is cut before the jitter and loss blocks, taken to be titled the same way).
const OLD_SECTION = /^(RTT Values|Latency one-way time milliseconds|Jitter time milliseconds|Packet Loss Values|Voice Scores:)$/i;
const VOICE_SCORES = /^MinOfICPIF:\s*(\d+)\s+MaxOfICPIF:\s*(\d+)\s+MinOfMOS:\s*(\d+(?:\.\d+)?)\s+MaxOfMOS:\s*(\d+(?:\.\d+)?)$/i;
const INTERVAL = /^Start Time Index:\s+(\S.*)$/;
// Printed once under the operation (http, tcp-connect, dns) or in every interval (mcast).
const TYPE = /^Type of operation:\s+(\S+)$/;

// An interval's RTTs are named without `Latest` (corpus: genieparser ShowIpSlaStatisticsAggregated golden_output_1).
const SETTERS: Record<string, Setter<IpSlaAggregatedStatistics>> = {
  ...MEASUREMENT_SETTERS,
  'dns rtt': (op, v) => put(op, 'dnsRttMs', ms(v)),
  'tcp connection rtt': (op, v) => put(op, 'tcpConnectRttMs', ms(v)),
  'http transaction rtt': (op, v) => put(op, 'httpTransactionRttMs', ms(v)),
};

/**
 * `show ip sla statistics aggregated [N]` (IOS-XE): per operation, `IPSLA operation id: N`,
 * then one block per aggregation interval opened by `Start Time Index:`, holding the
 * same `Key: value` lines as `show ip sla statistics` summed over the interval's runs
 * (corpus: genieparser ShowIpSlaStatisticsAggregated, http, mcast, tcp-connect and dns
 * operations); 12.x and 15.x open an operation with `Round Trip Time (RTT) for Index N`.
 * One record per operation and interval. The `details` form adds
 * distribution tables and stays refused.
 */
export function parseIpSlaStatisticsAggregated(text: string): ParseResult<IpSlaAggregatedStatistics> {
  const warnings = new Warnings(
    "'IPSLA operation id: N', 'Type of operation: T', then per interval 'Start Time Index: TIME' and its 'Key: value' statistic lines",
  );
  const records: IpSlaAggregatedStatistics[] = [];
  let operation: { id: number; type?: string } | undefined;
  let interval: IpSlaAggregatedStatistics | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || BANNER.test(t) || SECTION.test(t) || OLD_SECTION.test(t) || MCAST_HEADER.test(t) || isCaptureNoise(t)) continue;
    const op = OPERATION.exec(t);
    if (op) {
      operation = { id: Number(op[1]) };
      interval = undefined;
      continue;
    }
    if (!operation) {
      warnings.add(line, 'line outside any IP SLA operation');
      continue;
    }
    const start = INTERVAL.exec(t);
    if (start) {
      interval = { operationId: operation.id, startTimeIndex: start[1]!.trim() };
      if (operation.type !== undefined) interval.type = operation.type;
      records.push(interval);
      continue;
    }
    const type = TYPE.exec(t);
    if (type) {
      operation.type = type[1]!;
      if (interval) interval.type = operation.type;
      continue;
    }
    if (!interval) {
      warnings.add(line, "statistic before the operation's first 'Start Time Index:'");
      continue;
    }
    const responder = multicastResponder(t);
    if (responder) {
      (interval.multicastResponders ??= []).push(responder);
      continue;
    }
    const voice = VOICE_SCORES.exec(t);
    if (voice) {
      [interval.icpifMin, interval.icpifMax, interval.mosMin, interval.mosMax] = voice.slice(1, 5).map(Number);
      continue;
    }
    if (!applyPairs(interval, t, SETTERS)) warnings.add(line, 'unrecognised IP SLA statistic');
  }
  return { records, warnings: warnings.list };
}
