/**
 * The jitter block of `show ip sla statistics`, as IOS 15 prints it for the
 * latest run. IOS separates columns with tabs; captures show them expanded
 * to 8-column stops, which is what the lab prints.
 *
 * udp-jitter: a router's capture (IOS 15, `Type of operation: udp-jitter`,
 * Loss SD and DS on one line, Voice Score Values). icmp-jitter: a router's
 * capture published with its configuration walk-through (`Over Threshold:`,
 * then `Packet Late Arrival`, `Out Of Sequence` by direction, one `Packet
 * Loss` count with its loss period lengths; ICMP cannot tell which way a
 * packet was lost).
 */
import { spreadAvg, type JitterStats, type Spread } from '../router/dynamics/ip-sla-jitter.js';

/** Expands tabs to the next multiple of 8 columns. */
export function expandTabs(line: string): string {
  let out = '';
  for (const ch of line) out += ch === '\t' ? ' '.repeat(8 - (out.length % 8)) : ch;
  return out;
}

function mam(s: Spread): string {
  return `${Math.round(s.min)}/${spreadAvg(s)}/${Math.round(s.max)}`;
}

export function jitterBlock(j: JitterStats, kind: 'udp' | 'icmp'): string[] {
  const head = [
    'RTT Values:',
    `\tNumber Of RTT: ${j.rtt.count}\t\tRTT Min/Avg/Max: ${mam(j.rtt)} milliseconds`,
    // No NTP between the spoke and the target: IOS measures no one-way latency.
    'Latency one-way time:',
    '\tNumber of Latency one-way Samples: 0',
    '\tSource to Destination Latency one way Min/Avg/Max: 0/0/0 milliseconds',
    '\tDestination to Source Latency one way Min/Avg/Max: 0/0/0 milliseconds',
    'Jitter Time:',
    `\tNumber of SD Jitter Samples: ${j.jitterSd.count}`,
    `\tNumber of DS Jitter Samples: ${j.jitterDs.count}`,
    `\tSource to Destination Jitter Min/Avg/Max: ${mam(j.jitterSd)} milliseconds`,
    `\tDestination to Source Jitter Min/Avg/Max: ${mam(j.jitterDs)} milliseconds`,
  ];
  const tail =
    kind === 'udp'
      ? [
          'Packet Loss Values:',
          `\tLoss Source to Destination: ${j.lossSd}\t\tLoss Destination to Source: ${j.lossDs}`,
          '\tOut Of Sequence: 0\tTail Drop: 0',
          `\tPacket Late Arrival: ${j.lateArrival}\tPacket Skipped: ${j.skipped}`,
          'Voice Score Values:',
          '\tCalculated Planning Impairment Factor (ICPIF): 0',
          '\tMean Opinion Score (MOS): 0',
        ]
      : [
          'Over Threshold:',
          `\tNumber Of RTT Over Threshold: ${j.overThreshold} (${j.rtt.count === 0 ? 0 : Math.round((j.overThreshold * 100) / j.rtt.count)}%)`,
          `Packet Late Arrival: ${j.lateArrival}`,
          'Out Of Sequence: 0',
          '\tSource to Destination: 0\tDestination to Source 0',
          '\tIn both Directions: 0',
          `Packet Skipped: ${j.skipped}\tPacket Unprocessed: 0`,
          `Packet Loss: ${j.lossSd + j.lossDs}`,
          `\tLoss Period Length Min/Max: ${j.lossPeriodMin}/${j.lossPeriodMax}`,
        ];
  return [...head, ...tail].map(expandTabs);
}
