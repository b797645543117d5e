import type { ParseResult } from '../../../proto/records/common.js';
import type { IpSlaMeasurements, IpSlaStatistics, MinAvgMaxMs, SlaMulticastResponder, SlaPathHop } from '../../../proto/records/health.js';
import { splitLines, Warnings } from '../lines.js';
import { isCaptureNoise, slaEntryState, slaReturnCode } from './common.js';

// `IPSLA operation id: 1` (IOS-XE); `Round Trip Time (RTT) for   Index 1` (older IOS).
const OPERATION = /^(?:IPSLA operation id:|Round Trip Time \(RTT\) for\s+Index)\s+(\d+)$/;
const BANNER = /^IPSLAs? Latest Operation Statistics$/i;
// Block titles of udp-jitter output; their lines follow indented.
// IOS 15 titles the voice block `Voice Scores:` and prints `ICPIF Value: N  MOS score: N` under it.
export const SECTION =
  /^(RTT Values|Latency one-way time|Jitter Time|Over Threshold|Packet Loss Values|Voice Score Values|Voice Scores):$/i;
// Multicast operations print a receiver table (corpus: genieparser ShowIpSlaStatistics golden_output_2).
export const MCAST_HEADER = /^oper-id\s+status\s+lossSD\s+delay\s+destination$/;
const MCAST_ROW = /^(\d+)\s+(\S+)\s+(\d+)\s+(\d+\/\d+\/\d+)\s+(\S+)$/;

/** Sets a field from a `Key: value` pair's value; false when the value does not parse. */
export type Setter<T> = (op: T, value: string) => boolean;

/** A number of milliseconds: `5 milliseconds`, `0 ms`, `250 microseconds`. */
export function ms(value: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*(milliseconds|ms|microseconds|usec)?$/i.exec(value);
  if (!m) return undefined;
  return /^(microseconds|usec)$/i.test(m[2] ?? '') ? Number(m[1]) / 1000 : Number(m[1]);
}

/**
 * `1/2/3 milliseconds` (or `ms`, or no unit); an operation with `precision microseconds`
 * prints `microseconds` (`usec`), kept here in milliseconds like `Latest RTT`.
 */
function minAvgMax(value: string): MinAvgMaxMs | undefined {
  const m = /^(\d+)\/(\d+)\/(\d+)(?:\s*(milliseconds|ms|microseconds|usec))?$/i.exec(value);
  if (!m) return undefined;
  const k = /^(microseconds|usec)$/i.test(m[4] ?? '') ? 1000 : 1;
  return { minMs: Number(m[1]) / k, avgMs: Number(m[2]) / k, maxMs: Number(m[3]) / k };
}

const bool = (value: string): boolean | undefined => (/^(TRUE|FALSE)$/i.test(value) ? /^TRUE$/i.test(value) : undefined);

const int = (value: string): number | undefined => (/^\d+$/.test(value) ? Number(value) : undefined);

/**
 * What is left of `ip sla schedule N life`: `Forever`, or seconds while a
 * bounded life runs (`3569 sec`, `3569 seconds`, `3569`, and `0` once it
 * ended). A capture cut at the terminal edge may end the unit early
 * (`3569 se`, genieparser ShowIpSlaStatistics): any prefix of `seconds` counts.
 */
function lifeLeft(value: string): number | 'forever' | undefined {
  if (/^forever\.?$/i.test(value)) return 'forever';
  const m = /^(\d+)(?:\s*(?:secs|s(?:e(?:c(?:o(?:n(?:ds?)?)?)?)?)?))?$/i.exec(value);
  return m ? Number(m[1]) : undefined;
}

/** Assigns when the value parses; false (so the line is warned about) otherwise. */
export function put<T, K extends keyof T>(op: T, key: K, value: T[K] | undefined): boolean {
  if (value === undefined) return false;
  op[key] = value;
  return true;
}

/** The counts and measurements both the latest statistics and each aggregated interval print. */
export const MEASUREMENT_SETTERS: Record<string, Setter<IpSlaMeasurements>> = {
  'type of operation': (op, v) => put(op, 'type', v),
  'number of successes': (op, v) => put(op, 'successes', int(v)),
  'number of failures': (op, v) => put(op, 'failures', int(v)),
  'number of rtt': (op, v) => put(op, 'rttSamples', int(v)),
  'rtt min/avg/max': (op, v) => put(op, 'rtt', minAvgMax(v)),
  'number of latency one-way samples': (op, v) => put(op, 'oneWayLatencySamples', int(v)),
  'source to destination latency one way min/avg/max': (op, v) => put(op, 'latencySourceToDestination', minAvgMax(v)),
  'destination to source latency one way min/avg/max': (op, v) => put(op, 'latencyDestinationToSource', minAvgMax(v)),
  'number of jitter samples': (op, v) => put(op, 'jitterSamples', int(v)),
  'number of sd jitter samples': (op, v) => put(op, 'jitterSdSamples', int(v)),
  'number of ds jitter samples': (op, v) => put(op, 'jitterDsSamples', int(v)),
  'source to destination jitter min/avg/max': (op, v) => put(op, 'jitterSourceToDestination', minAvgMax(v)),
  'destination to source jitter min/avg/max': (op, v) => put(op, 'jitterDestinationToSource', minAvgMax(v)),
  'number of rtt over threshold': (op, v) => put(op, 'rttOverThreshold', int(v.replace(/\s*\(\d+%\)$/, ''))),
  'loss source to destination': (op, v) => put(op, 'lossSourceToDestination', int(v)),
  'loss destination to source': (op, v) => put(op, 'lossDestinationToSource', int(v)),
  'out of sequence': (op, v) => put(op, 'outOfSequence', int(v)),
  'tail drop': (op, v) => put(op, 'tailDrop', int(v)),
  'packet late arrival': (op, v) => put(op, 'packetLateArrival', int(v)),
  'packet skipped': (op, v) => put(op, 'packetSkipped', int(v)),
  'packet loss (unknown direction)': (op, v) => put(op, 'packetLossUnknownDirection', int(v)),
  // icmp-jitter's one loss count: ICMP cannot tell which way a packet was lost.
  'packet loss': (op, v) => put(op, 'packetLossUnknownDirection', int(v)),
  // icmp-jitter's out-of-sequence split, `Source to Destination: 0        Destination to Source 0` (no colon after the second).
  'source to destination': (_op, v) => /^\d+ Destination to Source \d+$/.test(v),
  'calculated planning impairment factor (icpif)': (op, v) => put(op, 'icpif', int(v)),
  'mean opinion score (mos)': (op, v) => put(op, 'mos', /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined),
  'icpif value': (op, v) => put(op, 'icpif', int(v)),
  'mos score': (op, v) => put(op, 'mos', /^\d+(\.\d+)?$/.test(v) ? Number(v) : undefined),
};

const SETTERS: Record<string, Setter<IpSlaStatistics>> = {
  ...MEASUREMENT_SETTERS,
  'latest rtt': (op, v) => v === 'NoConnection/Busy/Timeout' || put(op, 'rttMs', ms(v)),
  // `Latest RTT (milliseconds): 4`, as `show ip sla monitor statistics details` (12.x) labels it.
  'latest rtt (milliseconds)': (op, v) => put(op, 'rttMs', int(v)),
  'latest operation start time': (op, v) => put(op, 'startTime', v),
  'latest operation return code': (op, v) => {
    op.returnCode = slaReturnCode(v);
    op.returnCodeRaw = v;
    return true;
  },
  'latest dns rtt': (op, v) => put(op, 'latestDnsRttMs', ms(v)),
  'latest tcp connection rtt': (op, v) => put(op, 'latestTcpConnectRttMs', ms(v)),
  'latest http transaction rtt': (op, v) => put(op, 'latestHttpTransactionRttMs', ms(v)),
  'operation time to live': (op, v) => put(op, 'operationTimeToLiveSec', lifeLeft(v)),
  // The same count as `show ip sla monitor statistics` / `show rtr operational-state` (12.x) name it.
  'current seconds left in life': (op, v) => put(op, 'operationTimeToLiveSec', lifeLeft(v)),
  'over thresholds occurred': (op, v) => put(op, 'overThresholdOccurred', bool(v)),
  'connection loss occurred': (op, v) => put(op, 'connectionLossOccurred', bool(v)),
  'timeout occurred': (op, v) => put(op, 'timeoutOccurred', bool(v)),
  'jitter avg': (op, v) => put(op, 'jitterAvgMs', ms(v)),
  'operational state of entry': (op, v) => {
    op.entryState = slaEntryState(v);
    op.entryStateRaw = v;
    return true;
  },
  'last time this entry was reset': (op, v) => put(op, 'lastReset', /^never$/i.test(v) ? 'never' : v),
};

// Understood, not recorded (nothing here acts on them): udp-jitter's loss periods, and with
// `details` its one-way latency sums, positive and negative jitter per direction and RFC 1889
// interarrival jitter (IP SLAs Configuration Guide, UDP jitter operation: show ip sla statistics
// details); icmp-jitter's loss periods, out-of-sequence split and unprocessed packets; the
// attempted / skipped counts of 12.x details.
const KNOWN_UNRECORDED =
  /^((source to destination|destination to source) (loss periods number|loss period length min\/max|inter loss period length min\/max|latency one way sum\/sum2|(positive|negative) jitter (min\/avg\/max|number\/sum\/sum2))|loss period length min\/max|in both directions|packet unprocessed|interarrival jitter(out|in)|number of operations (attempted|skipped))$/;

// path-jitter (IP SLAs Configuration Guide, ICMP path jitter operation): a banner, then per hop
// `Hop IP ADDR:` and its blocks; the hop's lines are its own, not the operation's.
const PATH_BANNER = /^-+ ?Path Jitter Statistics ?-+$/i;
const HOP = /^Hop IP (\S+?):?$/i;
const HOP_SECTION = /^(Round Trip Time milliseconds|Jitter time milliseconds|Packet Values):$/i;
const HOP_SETTERS: Record<string, Setter<SlaPathHop>> = {
  'latest rtt': (h, v) => put(h, 'latestRttMs', ms(v)),
  'number of rtt': (h, v) => put(h, 'rttSamples', int(v)),
  'rtt min/avg/max': (h, v) => put(h, 'rtt', minAvgMax(v)),
  'number of jitter': (h, v) => put(h, 'jitterSamples', int(v)),
  'jitter min/avg/max': (h, v) => put(h, 'jitter', minAvgMax(v)),
  'packet loss (timeout)': (h, v) => put(h, 'packetLoss', int(v)),
  'out of sequence': (h, v) => put(h, 'outOfSequence', int(v)),
  'discarded samples': (h, v) => put(h, 'discardedSamples', int(v)),
};

/**
 * `show ip sla statistics [N] [details]`. Lines are `Key: value`; udp-jitter
 * prints two or three pairs on one line separated by runs of spaces or by a tab
 * (`Number Of RTT: 10      RTT Min/Avg/Max: 1/1/2 milliseconds`).
 */
export function parseIpSlaStatistics(text: string): ParseResult<IpSlaStatistics> {
  const warnings = new Warnings("'IPSLA operation id: N', then 'Key: value' statistic lines");
  const records: IpSlaStatistics[] = [];
  let current: IpSlaStatistics | undefined;
  let hop: SlaPathHop | undefined;

  for (const line of splitLines(text)) {
    const t = line.text.trim();
    if (t === '' || BANNER.test(t) || SECTION.test(t) || MCAST_HEADER.test(t) || isCaptureNoise(t)) continue;
    const op = OPERATION.exec(t);
    if (op) {
      current = { operationId: Number(op[1]) };
      records.push(current);
      hop = undefined;
      continue;
    }
    if (!current) {
      warnings.add(line, 'line outside any IP SLA operation');
      continue;
    }
    const hopHead = HOP.exec(t);
    if (hopHead) {
      hop = { address: hopHead[1]! };
      (current.pathHops ??= []).push(hop);
      continue;
    }
    if (PATH_BANNER.test(t) || (hop && HOP_SECTION.test(t))) continue;
    // A hop's block ends at the first line that is not one of a hop's (`Operation time to live`).
    if (hop && applyPairs(hop, t, HOP_SETTERS, false)) continue;
    hop = undefined;
    const responder = multicastResponder(t);
    if (responder) {
      (current.multicastResponders ??= []).push(responder);
      continue;
    }
    if (!applyPairs(current, t, SETTERS)) warnings.add(line, 'unrecognised IP SLA statistic');
  }
  return { records, warnings: warnings.list };
}

/** A receiver row of a multicast operation's table. */
export function multicastResponder(t: string): SlaMulticastResponder | undefined {
  const row = MCAST_ROW.exec(t);
  if (!row) return undefined;
  return {
    operId: Number(row[1]),
    returnCode: slaReturnCode(row[2]!),
    returnCodeRaw: row[2]!,
    lossSd: Number(row[3]),
    delayRaw: row[4]!,
    destination: row[5]!,
  };
}

/** Applies every `Key: value` pair of the line; false when any is not understood. */
export function applyPairs<T>(op: T, t: string, setters: Record<string, Setter<T>>, unrecordedToo = true): boolean {
  const pairs: Array<[string, string]> = [];
  for (const chunk of t.split(/\s{2,}|\t/)) {
    const kv = /^([A-Za-z][^:]*):\s*(.*)$/.exec(chunk);
    const last = pairs[pairs.length - 1];
    // A run of spaces inside a value (`Mon Jan  1 1900`) is not a new pair.
    if (!kv) {
      if (!last) return false;
      last[1] += ` ${chunk}`;
      continue;
    }
    pairs.push([kv[1]!.trim().replace(/\s+/g, ' ').toLowerCase(), kv[2]!]);
  }
  let ok = true;
  for (const [key, value] of pairs) {
    const setter = setters[key];
    if (setter) ok = setter(op, value.trim()) && ok;
    else if (!unrecordedToo || !KNOWN_UNRECORDED.test(key)) ok = false;
  }
  return ok;
}
