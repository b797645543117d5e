import { describe, expect, it } from 'vitest';
import {
  isRouteTableCommand,
  routerOutputLimits,
  TABLE_BYTES_PER_LINE,
  TABLE_HEADER_LINES,
  TABLE_LINES_PER_ENTRY,
} from '../../../agent/adapters/router/output-limits.js';
import { OutputMeter } from '../../../agent/adapters/router/output-meter.js';

describe('router output limits per command', () => {
  const limits = routerOutputLimits({
    router: { maxOutputBytes: 2 * 1024 * 1024, maxOutputLines: 20_000 },
    routes: { maxTableRoutes: 50_000 },
  });
  const table = {
    maxEntries: 50_000 + TABLE_HEADER_LINES,
    maxLines: TABLE_LINES_PER_ENTRY * (50_000 + TABLE_HEADER_LINES),
    maxBytes: (50_000 + TABLE_HEADER_LINES) * TABLE_BYTES_PER_LINE,
  };

  it.each([
    'show ip route',
    'show ip route vrf RED',
    'show ipv6 route',
    'show ipv6 route vrf RED',
    'sh ip ro',
    'show bgp ipv4 unicast',
    'show ip bgp',
    'SHOW IP ROUTE',
  ])('%s gets the route-table limit', (command) => {
    expect(isRouteTableCommand(command)).toBe(true);
    expect(limits(command)).toEqual(table);
  });

  it.each([
    'show version',
    'show ip interface brief',
    'show crypto ikev2 sa detailed',
    'show iproute',
    'show ip routers',
    'configure terminal',
    'login',
  ])('%s gets the ordinary limit', (command) => {
    expect(isRouteTableCommand(command)).toBe(false);
    expect(limits(command)).toEqual({ maxBytes: 2 * 1024 * 1024, maxLines: 20_000 });
  });

  it('at the default 50,000 routes, a table may print about 8 MB', () => {
    expect(table.maxBytes).toBe(8_160_000);
  });

  it("counts a table's routes by the lines that start one: equal-cost paths and IPv6 next hops are indented continuations", () => {
    const limit = { maxEntries: 3, maxLines: 100, maxBytes: 10_000 };
    const ecmp =
      'O        10.1.0.0/24 [110/2] via 10.0.0.1, 00:01:02, Tunnel0\n                     [110/2] via 10.0.0.2, 00:01:02, Tunnel1\n';
    const v6 = 'O   2001:DB8:1::/64 [110/2]\n     via FE80::1, Tunnel0\n';
    const meter = new OutputMeter(limit, 'show ip route');
    // Cut mid-line and at line ends, as SSH chunks come: three routes, six lines, not refused.
    const text = ecmp + v6 + ecmp;
    for (let i = 0; i < text.length; i += 7) expect(meter.add(text.slice(i, i + 7))).toBeUndefined();
    expect(meter.add('S*       0.0.0.0/0 [1/0] via 192.0.2.1\n')?.code).toBe('ROUTER_OUTPUT_TOO_LARGE'); // the fourth route
  });
});
