/**
 * The exec commands an engineer types on the lab spoke: `ping` driven by the
 * world, `show ip route ADDR` and protocol filters, `show clock`, `write memory`.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { CliSession } from '../../lab/cli/session.js';
import { pingReport } from '../../lab/router/commands/ping.js';
import { renderClock } from '../../lab/router/commands/operator-exec.js';
import type { LabRouter } from '../../lab/router/index.js';
import { labRouter, seconds } from './lab-helpers.js';

let router: LabRouter | undefined;
afterEach(() => router?.stop());

function spoke(options: Parameters<typeof labRouter>[0] = {}): { router: LabRouter; run(line: string): string[] } {
  router = labRouter(options).router;
  const session = new CliSession({ device: router, privilege: 15 });
  return { router, run: (line) => session.execute(line).lines };
}

describe('pingReport', () => {
  const cases: Array<[string, number, { marks: string; rttsMs: number[] }, string | undefined, string[]]> = [
    [
      '8.8.8.8',
      5,
      { marks: '!!!!!', rttsMs: [1, 2, 2, 4, 3] },
      undefined,
      ['!!!!!', 'Success rate is 100 percent (5/5), round-trip min/avg/max = 1/2/4 ms'],
    ],
    ['8.8.8.8', 5, { marks: '.....', rttsMs: [] }, undefined, ['.....', 'Success rate is 0 percent (0/5)']],
    [
      '8.8.8.8',
      3,
      { marks: '!.!', rttsMs: [10, 13] },
      undefined,
      ['!.!', 'Success rate is 66 percent (2/3), round-trip min/avg/max = 10/11/13 ms'],
    ],
    [
      '10.0.0.1',
      5,
      { marks: '!!!!!', rttsMs: [12, 12, 12, 12, 12] },
      '192.0.2.10',
      [
        'Packet sent with a source address of 192.0.2.10 ',
        '!!!!!',
        'Success rate is 100 percent (5/5), round-trip min/avg/max = 12/12/12 ms',
      ],
    ],
  ];
  it.each(cases)('%s x%i %j', (destination, count, result, source, tail) => {
    const lines = pingReport(destination, count, result, source).split('\n');
    expect(lines.slice(0, 2)).toEqual([
      'Type escape sequence to abort.',
      `Sending ${count}, 100-byte ICMP Echos to ${destination}, timeout is 2 seconds:`,
    ]);
    expect(lines.slice(2)).toEqual(tail);
  });

  it('wraps the marks at 70 to a row', () => {
    const lines = pingReport('8.8.8.8', 100, { marks: '!'.repeat(100), rttsMs: Array(100).fill(5) }).split('\n');
    expect(lines.slice(2, 4)).toEqual(['!'.repeat(70), '!'.repeat(30)]);
  });
});

describe('ping on the lab spoke', () => {
  it('answers over the routed WAN with the path RTT, and fails where the world fails', () => {
    const { router, run } = spoke();
    expect(run('ping 198.51.100.1').at(-1)).toMatch(/^Success rate is 100 percent \(5\/5\), round-trip min\/avg\/max = \d+\/\d+\/\d+ ms$/);
    // The data centre behind the hubs answers through the tunnel; out of a WAN in the clear it is unreachable.
    expect(run('ping 10.0.0.1').at(-1)).toMatch(/^Success rate is 100 percent/);
    expect(run('ping 10.0.0.1 source Gi0/0').slice(2)).toEqual([
      'Packet sent with a source address of 192.0.2.10 ',
      '.....',
      'Success rate is 0 percent (0/5)',
    ]);
    router.world.setHubUp('hub1', false);
    expect(run('ping 198.51.100.1 repeat 10').slice(2)).toEqual(['..........', 'Success rate is 0 percent (0/10)']);
    router.world.setPath('Cellular0/1/0', 'hub2', { lossPct: 50, latencyMs: 300 });
    const lossy = run('ping 203.0.113.1 source Cellular0/1/0 repeat 200');
    const rate = Number(/Success rate is (\d+) percent/.exec(lossy.at(-1)!)![1]);
    expect(rate).toBeGreaterThan(30);
    expect(rate).toBeLessThan(70);
    expect(Number(/= (\d+)\//.exec(lossy.at(-1)!)![1])).toBeGreaterThan(250);
  });

  it('refuses a source interface without an address, or down', () => {
    const { router, run } = spoke();
    const refused = ['% Invalid source interface - IP not enabled or interface is down'];
    expect(run('ping 8.8.8.8 source Loopback7')).toEqual(refused);
    router.world.setWanUp('Cellular0/1/0', false);
    router.step();
    expect(run('ping 8.8.8.8 source Cellular0/1/0')).toEqual(refused);
  });
});

describe('show ip route ADDR and protocol filters', () => {
  it('shows the covering entry in IOS layout', () => {
    const { run } = spoke();
    expect(run('show ip route 10.0.0.1')).toEqual([
      'Routing entry for 10.0.0.0/8',
      '  Known via "static", distance 1, metric 0 (connected)',
      '  Routing Descriptor Blocks:',
      '  * directly connected, via Tunnel100',
      '      Route metric is 0, traffic share count is 1',
    ]);
    expect(run('sh ip ro 192.0.2.11')).toEqual([
      'Routing entry for 192.0.2.8/29',
      '  Known via "connected", distance 0, metric 0 (connected, via interface)',
      '  Routing Descriptor Blocks:',
      '  * directly connected, via GigabitEthernet0/0',
      '      Route metric is 0, traffic share count is 1',
    ]);
    expect(run('show ip route 0.0.0.0').slice(0, 2)).toEqual([
      'Routing entry for 0.0.0.0/0, supernet',
      '  Known via "static", distance 1, metric 0, candidate default path',
    ]);
    // The default route does not answer for other addresses, as on IOS.
    expect(run('show ip route 8.8.8.8')).toEqual(['% Network not in table']);
    expect(run('show ip route 192.168.5.9')).toEqual(['% Subnet not in table']);
  });

  it('shows BGP entries with their age and neighbour', () => {
    const { run } = spoke({ bgp: { localAs: 65010 } });
    const entry = run('show ip route 10.100.0.1');
    expect(entry[0]).toBe('Routing entry for 10.100.0.0/24');
    // The hubs are AS 65000: external routes, distance 20, tagged with the neighbour's AS.
    expect(entry.slice(1, 3)).toEqual(['  Known via "bgp 65010", distance 20, metric 0', '  Tag 65000, type external']);
    expect(entry).toContain('  Routing Descriptor Blocks:');
    expect(entry.slice(-3)).toEqual(['      AS Hops 1', '      Route tag 65000', '      MPLS label: none']);
    expect(entry.some((l) => /^ {2}\* 10\.255\.0\.\d, from 10\.255\.0\.\d, \d\d:\d\d:\d\d ago$/.test(l))).toBe(true);
  });

  it('keeps the legend, gateway and group headers, and only the protocol asked for', () => {
    const { run } = spoke();
    const full = run('show ip route');
    const routeLines = (lines: string[]) => lines.filter((l) => /^[A-Z]\*? /.test(l)).map((l) => l.slice(0, 1));
    const statics = run('show ip route static');
    const connected = run('show ip route connected');
    expect(statics.slice(0, 12)).toEqual(full.slice(0, 12));
    expect(new Set(routeLines(statics))).toEqual(new Set(['S']));
    expect(new Set(routeLines(connected))).toEqual(new Set(['C', 'L']));
    expect(routeLines(statics).length + routeLines(connected).length).toBe(routeLines(full).length);
    expect(run('show ip route bgp').filter((l) => /^B/.test(l))).toEqual([]);
  });
});

describe('show clock and write memory', () => {
  const cases: Array<[number, string]> = [
    [Date.UTC(2026, 11, 6, 15, 4, 5, 123), '*15:04:05.123 UTC Sun Dec 6 2026'],
    [Date.UTC(2025, 2, 3, 9, 0, 0, 7), '*09:00:00.007 UTC Mon Mar 3 2025'],
  ];
  it.each(cases)('renderClock(%i)', (ms, expected) => expect(renderClock(ms)).toBe(expected));

  it('reads the lab clock, and write memory builds', () => {
    const { router, run } = spoke();
    expect(run('show clock')).toEqual([renderClock(router.model.opts.clock.now())]);
    expect(run('wr')).toEqual(['Building configuration...', '[OK]']);
    expect(run('write memory')).toEqual(['Building configuration...', '[OK]']);
  });
});

describe('clear counters (IOS asks first)', () => {
  it("zeroes every interface's counters after the confirm prompt, and show interfaces says when", () => {
    const { router, clock } = labRouter();
    seconds(clock, 30);
    const wan = 'GigabitEthernet0/0';
    expect(router.model.rt.interfaces.get(wan)!.counters.bytesOut).toBeGreaterThan(0);
    const s = new CliSession({ device: router, privilege: 15 });
    s.execute('clear counters');
    expect(s.prompt()).toBe('Clear "show interface" counters on all interfaces [confirm]');
    s.execute('n');
    expect(router.model.rt.interfaces.get(wan)!.counters.bytesOut).toBeGreaterThan(0);
    expect(s.prompt()).toBe('spoke1#');
    s.execute('clear counters');
    s.execute('');
    expect(router.model.rt.interfaces.get(wan)!.counters).toMatchObject({ bytesIn: 0, bytesOut: 0, packetsIn: 0, packetsOut: 0 });
    seconds(clock, 65);
    const text = s.execute(`show interfaces ${wan}`).lines.join('\n');
    expect(text).toContain('Last clearing of "show interface" counters 00:01:05');
    s.execute('clear counters Cellular0/1/0');
    expect(s.prompt()).toBe('Clear "show interface" counters on this interface [confirm]');
    s.execute('y');
    expect(s.execute('show interfaces Cellular0/1/0').lines.join('\n')).toContain('Last clearing of "show interface" counters 00:00:00');
  });
});
