import { describe, expect, it } from 'vitest';
import { isRouteTableCommand, routerOutputLimits, TABLE_BYTES_PER_LINE, TABLE_HEADER_LINES } from '../../../agent/adapters/router/output-limits.js';

describe('router output limits per command', () => {
  const limits = routerOutputLimits({ router: { maxOutputBytes: 2 * 1024 * 1024, maxOutputLines: 20_000 }, routes: { maxTableRoutes: 50_000 } });
  const table = { maxLines: 50_000 + TABLE_HEADER_LINES, maxBytes: (50_000 + TABLE_HEADER_LINES) * TABLE_BYTES_PER_LINE };

  it.each([
    'show ip route', 'show ip route vrf RED', 'show ipv6 route', 'show ipv6 route vrf RED', 'sh ip ro', 'show bgp ipv4 unicast', 'show ip bgp', 'SHOW IP ROUTE',
  ])('%s gets the route-table limit', (command) => {
    expect(isRouteTableCommand(command)).toBe(true);
    expect(limits(command)).toEqual(table);
  });

  it.each(['show version', 'show ip interface brief', 'show crypto ikev2 sa detailed', 'show iproute', 'show ip routers', 'configure terminal', 'login'])(
    '%s gets the ordinary limit', (command) => {
      expect(isRouteTableCommand(command)).toBe(false);
      expect(limits(command)).toEqual({ maxBytes: 2 * 1024 * 1024, maxLines: 20_000 });
    },
  );

  it('at the default 50,000 routes, a table may print about 8 MB', () => {
    expect(table.maxBytes).toBe(8_160_000);
  });
});
