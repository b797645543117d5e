import { describe, expect, it } from 'vitest';
import { parseIpSlaSummary } from '../../../../agent/parsers/health/ip-sla-summary.js';
import { seededRandom } from '../../../support/random.js';
import { IP_SLA_SUMMARY_IOS15_HEAD as HEAD } from '../../../support/ip-sla-summary-ios15.js';

/**
 * Issue 18 item 3 for `show ip sla summary`: random valid tables in IOS 15's
 * layout (two-line header, 80 columns), cells too wide for their column cut
 * and continued under it on the next line as IOS does, read back exactly.
 */
const STARTS = [0, 13, 25, 43, 55, 67];
const WIDTH = 80;
const TYPES = ['icmp-echo', 'udp-jitter', 'tcp-connect', 'icmp-jitter', 'dns', 'http', 'path-echo'];
// The RttResponseSense codes too (CISCO-RTTMON-TC-MIB), several words and wider than their column,
// cut over two or three lines.
const CODES = [
  'OK',
  'Timeout',
  'Unknown',
  'NoConnection',
  'OverThreshold',
  'Busy',
  'Over threshold',
  'No connection',
  'Not connected',
  'Sequence error',
  'Verify error',
  'DNS query error',
  'DNS server timeout',
  'TCP connect timeout',
  'HTTP transaction timeout',
  'Application specific error',
  'HTTP error',
];

/** Lays cells out from their column starts; a cell longer than its column continues on following lines. */
function render(cells: string[]): string[] {
  const widths = STARTS.map((s, i) => (STARTS[i + 1] ?? WIDTH) - s - (i + 1 < STARTS.length ? 1 : 0));
  const chunks = cells.map((c, i) => c.match(new RegExp(`.{1,${widths[i]}}`, 'g')) ?? ['']);
  const lines: string[] = [];
  for (let row = 0; row < Math.max(...chunks.map((c) => c.length)); row++) {
    let line = '';
    chunks.forEach((c, i) => {
      if (c[row] !== undefined) line = line.padEnd(STARTS[i]!) + c[row];
    });
    lines.push(line);
  }
  return lines;
}

describe('ip sla summary property: generated tables read back', () => {
  const rand = seededRandom(1818);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
  const int = (n: number) => Math.floor(rand() * n);
  const ipv4 = () => `${1 + int(223)}.${int(256)}.${int(256)}.${1 + int(254)}`;
  const ipv6 = () => `2001:db8:${int(65536).toString(16)}:${int(65536).toString(16)}::${1 + int(65535)}`;

  it('holds for 300 generated tables', () => {
    for (let n = 0; n < 300; n++) {
      const rows = Array.from({ length: 1 + int(6) }, (_, i) => {
        const code = pick(['*', '^', '~']);
        const rtt = int(3) === 0 ? undefined : int(2000);
        const ago = 1 + int(100000);
        return {
          id: i * 10 + 1 + int(9),
          code,
          type: pick(TYPES),
          destination: int(3) === 0 ? ipv6() : ipv4(),
          stats: rtt === undefined ? '-' : `RTT=${rtt}`,
          rtt,
          returnCode: pick(CODES),
          lastRun: `${ago} seconds ago`,
          ago,
        };
      });
      const text = [
        ...HEAD,
        ...rows.flatMap((r) => render([`${r.code}${r.id}`, r.type, r.destination, r.stats, r.returnCode, r.lastRun])),
      ].join('\n');
      const { records, warnings } = parseIpSlaSummary(text);
      expect(warnings, text).toEqual([]);
      expect(
        records.map((r) => [r.operationId, r.stateRaw, r.type, r.destination, r.rttMs, r.returnCodeRaw, r.lastRunAgoSec]),
        text,
      ).toEqual(rows.map((r) => [r.id, r.code, r.type, r.destination, r.rtt, r.returnCode, r.ago]));
    }
  });
});
