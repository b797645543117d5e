/** How much one command may print before the adapter refuses it (ROUTER_OUTPUT_TOO_LARGE). */
export interface OutputLimit {
  maxBytes: number;
  maxLines: number;
  /**
   * Lines that start a new entry (not indented), for route tables: a route
   * with several paths, or any IPv6 route, prints its paths on indented
   * continuation lines, so routes are counted by the lines that are not.
   */
  maxEntries?: number;
}

/** The limit for a given command line. */
export type OutputLimits = (command: string) => OutputLimit;

/** The slices of the agent's configuration the limits come from (agent/config/types.ts). */
export interface OutputLimitsConfig {
  router: { maxOutputBytes: number; maxOutputLines: number };
  routes: { maxTableRoutes: number };
}

/**
 * Lines a route table prints besides its routes: the legend (about 20 lines),
 * "Gateway of last resort", and one "is subnetted" header per classful network.
 * Beyond maxTableRoutes lines the route ingester refuses the table anyway
 * (STORE_TABLE_TOO_LARGE); this slack only leaves that check to it near the edge.
 */
export const TABLE_HEADER_LINES = 1_000;

/**
 * Bytes allowed per table line. `show ip route` lines are 40–90 bytes (a generated
 * 250,000-route table: 63 bytes a line on average), `show bgp` lines with long AS
 * paths reach 150–200; 160 is about 2.5 times the usual, and at the default
 * 50,000 routes gives 8.2 MB, which the packaged agent (64 MB heap) was measured
 * to hold and hand to the route worker (red-team report, finding 3: 8 and 12 MB fine,
 * 20 MB fatal).
 */
export const TABLE_BYTES_PER_LINE = 160;

/** Lines per route at most before the output is refused: an IPv6 route prints two, a route with four equal paths four. */
export const TABLE_LINES_PER_ENTRY = 4;

/** The config defaults (agent/config/schema.ts), for adapters built without a configuration. */
export const DEFAULT_OUTPUT_LIMITS_CONFIG: OutputLimitsConfig = {
  router: { maxOutputBytes: 2 * 1024 * 1024, maxOutputLines: 20_000 },
  routes: { maxTableRoutes: 50_000 },
};

/**
 * `show ip route ...`, `show ipv6 route ...`, `show bgp ...`, `show ip bgp ...`,
 * with the abbreviations IOS accepts (`sh ip ro`). A command not recognised here
 * gets the ordinary limit: the smaller one, so a miss errs on the safe side.
 */
const TABLE_COMMAND = /^sh(?:o|ow)?\s+(?:(?:ip|ipv6)\s+(?:ro(?:u|ut|ute)?|bgp)|bgp)(?:\s|$)/i;

export function isRouteTableCommand(command: string): boolean {
  return TABLE_COMMAND.test(command.trim());
}

/** Maps each command to its limit: route tables from routes.maxTableRoutes, everything else from router.maxOutput*. */
export function routerOutputLimits(config: OutputLimitsConfig): OutputLimits {
  const ordinary: OutputLimit = { maxBytes: config.router.maxOutputBytes, maxLines: config.router.maxOutputLines };
  const tableEntries = config.routes.maxTableRoutes + TABLE_HEADER_LINES;
  // Bytes bound the memory; entries bound the routes; lines only guard against output with no structure.
  const table: OutputLimit = {
    maxBytes: tableEntries * TABLE_BYTES_PER_LINE,
    maxLines: TABLE_LINES_PER_ENTRY * tableEntries,
    maxEntries: tableEntries,
  };
  return (command) => (isRouteTableCommand(command) ? table : ordinary);
}
