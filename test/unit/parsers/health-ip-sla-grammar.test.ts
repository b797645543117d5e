import { describe, expect, it } from 'vitest';
import { parseIpSlaSummary } from '../../../agent/parsers/health/ip-sla-summary.js';
import { parseIpSlaStatistics } from '../../../agent/parsers/health/ip-sla-statistics.js';
import { IP_SLA_SUMMARY_IOS15_HEAD as HEAD } from '../../support/ip-sla-summary-ios15.js';

describe('show ip sla summary two-line header (IOS 15)', () => {
  it('reads rows under a header split over two lines', () => {
    const { records, warnings } = parseIpSlaSummary(
      [
        ...HEAD,
        '*1           icmp-echo   198.51.100.1      RTT=3       OK          4 seconds ago',
        '^2           icmp-echo   203.0.113.1       -           Unknown     never',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records).toMatchObject([
      { operationId: 1, type: 'icmp-echo', destination: '198.51.100.1', state: 'active', rttMs: 3, returnCode: 'ok', lastRunAgoSec: 4 },
      { operationId: 2, state: 'inactive', returnCodeRaw: 'Unknown', lastRunRaw: 'never' },
    ]);
  });

  it('accepts rules that mark the column joins with +', () => {
    const { records, warnings } = parseIpSlaSummary(
      [
        'ID     Type        Destination       Stats       Return    Last',
        '                                     (ms)        Code      Run',
        '------+------------+-----------------+-----------+---------+----------',
        '*7     icmp-echo   192.0.2.7         RTT=12      OK        9 seconds ago',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ operationId: 7, rttMs: 12 });
  });
});

describe('show ip sla summary wrapped rows', () => {
  it('joins a last column cut at the terminal width, padding lines ignored', () => {
    const { records, warnings } = parseIpSlaSummary(
      [
        ...HEAD,
        '*1           icmp-echo   198.51.100.1      -           Timeout     14 seconds ag',
        '                                                                   o            ',
        '                                                                                ',
        '*2           icmp-echo   198.51.100.2      RTT=1       OK          3 seconds ago',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records.map((r) => [r.operationId, r.lastRunRaw, r.lastRunAgoSec])).toEqual([
      [1, '14 seconds ago', 14],
      [2, '3 seconds ago', 3],
    ]);
  });

  it('joins a destination cut under its own column', () => {
    const { records, warnings } = parseIpSlaSummary(
      [...HEAD, '*5           udp-jitter  2001:db8:130f:d1c RTT=2       OK          1 second ago', '                         8::222'].join(
        '\n',
      ),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ destination: '2001:db8:130f:d1c8::222', rttMs: 2, lastRunAgoSec: 1 });
  });

  it('still warns on a row it cannot read, once, with its first line number', () => {
    const { warnings } = parseIpSlaSummary([...HEAD, '*9           icmp-echo'].join('\n'));
    expect(warnings.map((w) => w.line)).toEqual([7]);
  });
});

describe('show ip sla statistics time-to-live line', () => {
  const stats = (line: string) => parseIpSlaStatistics(['IPSLA operation id: 1', 'Latest operation return code: OK', line].join('\n'));
  it.each([
    ['Operation time to live: Forever', 'forever'],
    ['Operation time to live: 3569 sec', 3569],
    ['Operation time to live: 3569 secs', 3569],
    ['Operation time to live: 3569 seconds', 3569],
    ['Operation time to live: 3569 se', 3569],
    ['Operation time to live: 0', 0],
    ['Current seconds left in Life: Forever', 'forever'],
    ['Current seconds left in Life: 3375', 3375],
  ])('%s', (line, ttl) => {
    const { records, warnings } = stats(line);
    expect(warnings).toEqual([]);
    expect(records[0]?.operationTimeToLiveSec).toBe(ttl);
  });

  it('warns on a life it cannot read', () => {
    expect(stats('Operation time to live: soon').warnings.map((w) => w.line)).toEqual([3]);
  });
});

describe('show ip sla statistics pairs on one line', () => {
  it('splits pairs separated by a single tab as well as by a run of spaces (found by the generated-variant test)', () => {
    const { records, warnings } = parseIpSlaStatistics(
      [
        'IPSLA operation id: 5',
        'Latest operation return code: OK',
        '\tOut Of Sequence: 1\tTail Drop: 3',
        '        Packet Late Arrival: 2      Packet Skipped: 4',
      ].join('\n'),
    );
    expect(warnings).toEqual([]);
    expect(records[0]).toMatchObject({ outOfSequence: 1, tailDrop: 3, packetLateArrival: 2, packetSkipped: 4 });
  });
});
