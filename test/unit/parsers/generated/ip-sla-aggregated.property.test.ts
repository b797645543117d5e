import { describe, expect, it } from 'vitest';
import { parseCommandOutput } from '../../../../agent/parsers/registry.js';
import type { IpSlaAggregatedStatistics } from '../../../../proto/records/health.js';
import { Gen } from './grammar-gen.js';

/**
 * Issue 18 item 3 for `show ip sla statistics aggregated [N]`: random operations of
 * the kinds real IOS-XE output shows (http with its interval RTTs, tcp-connect and dns
 * with counts only, mcast with its receiver table and the type inside each interval,
 * icmp-jitter with the jitter blocks of `show ip sla statistics`, or in the 12.x / 15.x
 * layout: `Round Trip Time (RTT) for Index N`, untitled-colon blocks, voice scores), 1-7 intervals each,
 * in either order, with the blank and whitespace-only lines IOS leaves between them,
 * read back exactly: one record per operation and interval.
 */
const mam = (g: Gen) => {
  const min = g.int(50);
  const avg = min + g.int(50);
  return { minMs: min, avgMs: avg, maxMs: avg + g.int(100) };
};
const fmt = (v: { minMs: number; avgMs: number; maxMs: number }) => `${v.minMs}/${v.avgMs}/${v.maxMs}`;
const two = (n: number) => String(n).padStart(2, '0');

function operation(g: Gen, id: number): { lines: string[]; want: IpSlaAggregatedStatistics[] } {
  const kind = g.pick(['http', 'tcp-connect', 'dns', 'mcast', 'icmp-jitter', 'jitter'] as const);
  const lines = [kind === 'jitter' ? `Round Trip Time (RTT) for${' '.repeat(g.between(1, 7))}Index ${id}` : `IPSLA operation id: ${id}`];
  // mcast prints its type inside every interval; the others once, above the first.
  if (kind !== 'mcast') lines.push(`Type of operation: ${kind}`);
  const want: IpSlaAggregatedStatistics[] = [];
  const hour = g.int(24);
  for (let i = g.between(1, 7); i > 0; i--) {
    const startTimeIndex = `${two((hour + i) % 24)}:${two(g.int(60))}:${two(g.int(60))} ${g.pick(['UTC', 'CET'])} Mon Nov 22 2021`;
    const w: IpSlaAggregatedStatistics = { operationId: id, startTimeIndex, type: kind };
    lines.push(`Start Time Index: ${startTimeIndex}`);
    if (kind === 'mcast') {
      const responder = {
        operId: g.int(1e9),
        returnCode: 'ok' as const,
        returnCodeRaw: 'OK',
        lossSd: g.int(5),
        delayRaw: `${g.int(900)}/${g.int(900)}/${g.int(2000)}`,
        destination: g.ipv4(),
      };
      w.multicastResponders = [responder];
      lines.push(
        'Type of operation: mcast',
        g.pick(['', '          ']),
        'oper-id        status               lossSD       delay                  destination                             ',
        `${String(responder.operId).padEnd(15)}OK                   ${String(responder.lossSd).padEnd(13)}${responder.delayRaw.padEnd(18)}${responder.destination}`,
        '',
      );
    }
    if (kind === 'http') {
      w.dnsRttMs = g.int(50);
      w.tcpConnectRttMs = g.int(100);
      w.httpTransactionRttMs = g.int(500);
      lines.push(`DNS RTT: ${w.dnsRttMs}`, `TCP Connection RTT: ${w.tcpConnectRttMs}`, `HTTP Transaction RTT: ${w.httpTransactionRttMs}`);
    }
    if (kind === 'icmp-jitter') {
      w.rttSamples = g.int(2000);
      w.rtt = mam(g);
      w.jitterSdSamples = g.int(2000);
      w.jitterDsSamples = g.int(2000);
      w.jitterSourceToDestination = mam(g);
      w.jitterDestinationToSource = mam(g);
      w.packetLossUnknownDirection = g.int(50);
      lines.push(
        'RTT Values:',
        `\tNumber Of RTT: ${w.rttSamples}\t\tRTT Min/Avg/Max: ${fmt(w.rtt)} milliseconds`,
        'Jitter Time:',
        `\tNumber of SD Jitter Samples: ${w.jitterSdSamples}`,
        `\tNumber of DS Jitter Samples: ${w.jitterDsSamples}`,
        `\tSource to Destination Jitter Min/Avg/Max: ${fmt(w.jitterSourceToDestination)} milliseconds`,
        `\tDestination to Source Jitter Min/Avg/Max: ${fmt(w.jitterDestinationToSource)} milliseconds`,
        `Packet Loss: ${w.packetLossUnknownDirection}`,
      );
    }
    if (kind === 'jitter') {
      const mos = () => Number(`${g.between(1, 4)}.${String(g.int(100)).padStart(2, '0')}`);
      [w.icpifMin, w.icpifMax, w.mosMin, w.mosMax] = [g.int(10), 10 + g.int(30), mos(), mos()];
      w.rttSamples = g.int(70000);
      w.rtt = mam(g);
      w.jitterSdSamples = g.int(70000);
      w.lossSourceToDestination = g.int(50);
      w.lossDestinationToSource = g.int(50);
      const gap = () => ' '.repeat(g.between(1, 3));
      lines.push(
        'Voice Scores:',
        `        MinOfICPIF: ${w.icpifMin}${gap()}MaxOfICPIF: ${w.icpifMax}${gap()}MinOfMOS: ${w.mosMin}${gap()}MaxOfMOS: ${w.mosMax}`,
        'RTT Values',
        `        Number Of RTT: ${w.rttSamples}`,
        `        RTT Min/Avg/Max: ${fmt(w.rtt)} ms`,
        'Jitter time milliseconds',
        `        Number of SD Jitter Samples: ${w.jitterSdSamples}`,
        'Packet Loss Values',
        `        Loss Source to Destination: ${w.lossSourceToDestination}           Loss Destination to Source: ${w.lossDestinationToSource}`,
      );
    }
    w.successes = g.int(200);
    w.failures = g.int(200);
    lines.push(`Number of successes: ${w.successes}`, `Number of failures: ${w.failures}`, '');
    want.push(w);
  }
  lines.push(...Array.from({ length: g.int(4) }, () => g.pick(['', '          '])));
  return { lines, want };
}

describe('show ip sla statistics aggregated property: generated operations read back', () => {
  it('holds for 200 generated outputs of 1-5 operations', () => {
    const g = new Gen(18_517);
    for (let n = 0; n < 200; n++) {
      const ids = [...new Set(Array.from({ length: g.between(1, 5) }, () => g.between(1, 2147483647)))];
      const ops = ids.map((id) => operation(g, id));
      const text = [g.pick(['IPSLAs aggregated statistics\n', '']), ...ops.flatMap((o) => o.lines)].join('\n');
      const { records, warnings } = parseCommandOutput('show ip sla statistics aggregated', text);
      expect(warnings, text).toEqual([]);
      expect(records, text).toEqual(ops.flatMap((o) => o.want));
    }
  });
});
