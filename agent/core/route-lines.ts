/**
 * Whether a line of a routing table starts a route: its first character is not
 * blank. A route's other equal-cost paths, and an IPv6 route's next hop, are on
 * indented continuation lines, so routes are counted by the lines that are not.
 * `c` is the line's first character code (NaN past the end of the text).
 */
export function startsRoute(c: number): boolean {
  return !Number.isNaN(c) && c !== 0x20 && c !== 0x09 && c !== 0x0d && c !== 0x0a;
}
