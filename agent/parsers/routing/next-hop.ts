import type { NextHop, Route } from '../../../proto/records/routing.js';
import { parseDuration } from '../duration.js';
import { canonicalInterface, looksLikeInterface } from '../interface-name.js';
import { isIpv4, isIpv6 } from '../address.js';

/**
 * Next hops of `show ip route` / `show ipv6 route`. Kept allocation-light: a
 * 100k-route table comes through here once per next hop, and the budget for the
 * whole table is 150 ms.
 */

/**
 * The bracket form, as a regex fragment shared with the route line so the common
 * case is one regex run: `[AD/metric]`, then optionally `via ADDRESS`, `(VRF)`,
 * `, AGE`, `, INTERFACE`. Forms seen: `[110/2] via 10.186.2.2, 06:46:59, GigabitEthernet0/1`,
 * `[200/0] via 10.0.0.2 (vrf-red), 00:04:47`, `[200/0], 3w4d, Null0` (no via,
 * ntc cisco_ios_show_ip_route_vrf), `[1/0] via 10.50.15.1`. Six groups.
 */
export const BRACKET_FRAGMENT = String.raw`\[(\d+)\/(\d+)\](?:\s+via\s+([^\s,(]+)(?:\s+\(([^)]*)\))?)?(?:,\s*(\d[^\s,]*))?(?:,\s*([A-Za-z][^\s,]*))?`;
const BRACKET_LINE = new RegExp(String.raw`^\s*${BRACKET_FRAGMENT}\s*$`);
const IS_LINE = /^\s*is (directly connected|a summary)(?:,\s*(\d[^\s,]*))?,\s*([A-Za-z][^\s,]*)\s*$/;
const VIA_LINE = /^\s*via\s+([^\s,]+)\s*(?:,(.*))?$/;

/**
 * Per-parse caches. Interface spellings and next-hop addresses repeat across
 * thousands of routes (every route via the same hub): records share one string
 * each, which keeps a 100k-route result small and cheap for the collector.
 */
export class NextHopStrings {
  private readonly names = new Map<string, string>();
  private readonly addresses = new Map<string, string>();

  canonical(name: string): string {
    let hit = this.names.get(name);
    if (hit === undefined) {
      hit = canonicalInterface(name);
      this.names.set(name, hit);
    }
    return hit;
  }

  /** IPv6 addresses lowercased, as common.ts asks. */
  address(text: string): string {
    let hit = this.addresses.get(text);
    if (hit === undefined) {
      hit = text.includes(':') ? text.toLowerCase() : text;
      this.addresses.set(text, hit);
    }
    return hit;
  }
}

/**
 * The route's next hops as an array of exactly their number. `hops` is the
 * parser's scratch list; the result comes from array literals, which V8
 * allocates straight into the old generation once it sees they all survive,
 * instead of copying them through the young one (a third of the parse when a
 * push-grown array per route was kept).
 */
export function exactHops(hops: readonly NextHop[]): NextHop[] {
  switch (hops.length) {
    case 0:
      return [];
    case 1:
      return [hops[0]!];
    case 2:
      return [hops[0]!, hops[1]!];
    default:
      return hops.slice();
  }
}

/**
 * Route ages without the general parser on the hot path: `hh:mm:ss` and the
 * compact `1d02h` / `2w3d` / `1y4w` forms are read character by character;
 * anything else goes through parseDuration.
 */
export function ageSeconds(text: string): number | undefined {
  if (text.length === 8 && text.charCodeAt(2) === 58 && text.charCodeAt(5) === 58) {
    const h = twoDigits(text, 0);
    const m = twoDigits(text, 3);
    const s = twoDigits(text, 6);
    if (h >= 0 && m >= 0 && s >= 0) return h * 3600 + m * 60 + s;
  }
  let total = 0;
  let value = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      value = (value < 0 ? 0 : value * 10) + (c - 48);
      continue;
    }
    const unit = UNIT_SEC[c];
    if (unit === undefined || value < 0) return parseDuration(text);
    total += value * unit;
    value = -1;
  }
  return value < 0 && text.length > 0 ? total : parseDuration(text);
}

// Seconds per unit letter, indexed by character code: y w d h m s.
const UNIT_SEC: Record<number, number> = { 121: 31536000, 119: 604800, 100: 86400, 104: 3600, 109: 60, 115: 1 };

/** The two-digit number at `i`, or -1. */
function twoDigits(text: string, i: number): number {
  const a = text.charCodeAt(i) - 48;
  const b = text.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * A next hop from the parts of the bracket form (BRACKET_FRAGMENT groups 3-6, or
 * the fast scanner's fields). An age that is not a duration is left out;
 * callers warn when `ageSec` is missing.
 */
export function bracketHop(
  names: NextHopStrings,
  address: string | undefined,
  vrf: string | undefined,
  age: string | undefined,
  name: string | undefined,
): NextHop {
  const hop: NextHop = {};
  if (address !== undefined) {
    hop.address = names.address(address);
    // `(default:ipv6)`: the suffix repeats the next hop's family (genieparser ShowIpRoute golden_output13).
    if (vrf !== undefined) hop.vrf = vrf.endsWith(':ipv6') ? vrf.slice(0, -5) : vrf;
  }
  if (age !== undefined) {
    const sec = ageSeconds(age);
    if (sec !== undefined) hop.ageSec = sec;
  }
  if (name !== undefined) hop.interface = names.canonical(name);
  return hop;
}

/**
 * A `[AD/metric] via ...` line below the route: another next hop, or the first
 * one when the prefix was wrapped onto its own line. False when it is not one,
 * or when its age is not a duration (the hop is kept without it).
 */
export function addBracketLine(route: Route, hops: NextHop[], text: string, names: NextHopStrings): boolean {
  const m = BRACKET_LINE.exec(text);
  if (m === null) return false;
  const hop = bracketHop(names, m[3], m[4], m[5], m[6]);
  const metric = Number(m[2]);
  if (route.distance === undefined) {
    route.distance = Number(m[1]);
    route.metric = metric;
  } else if (metric !== route.metric) {
    // EIGRP unequal-cost load sharing: this path's own metric.
    hop.metric = metric;
  }
  hops.push(hop);
  return m[5] === undefined || hop.ageSec !== undefined;
}

/**
 * `is directly connected, Loopback0`, `is directly connected, 3w4d, Vlan5`,
 * `is a summary, 7w0d, Null0` (ntc cisco_ios_show_ip_route, _vrf), on the route
 * line or below it (a static route to two interfaces, genieparser ShowIpRoute golden_output_1).
 */
export function addIsLine(hops: NextHop[], text: string, names: NextHopStrings): boolean {
  const m = IS_LINE.exec(text);
  if (m === null) return false;
  const hop: NextHop = { kind: m[1] === 'a summary' ? 'summary' : 'directly-connected' };
  if (m[2] !== undefined) {
    const sec = ageSeconds(m[2]);
    if (sec === undefined) return false;
    hop.ageSec = sec;
  }
  hop.interface = names.canonical(m[3]!);
  hops.push(hop);
  return true;
}

/**
 * An IPv6 next-hop line: `via FE80::1, Serial6/0`, `via Vlan11, directly connected`,
 * `via Null0, receive`, `via 10.4.1.1%default, indirectly connected`,
 * `via 33.33.33.33%default, Vlan100%default` (genieparser ShowIpv6Route golden_output6/8).
 */
export function addViaLine(hops: NextHop[], text: string, names: NextHopStrings): boolean {
  const m = VIA_LINE.exec(text);
  if (m === null) return false;
  const hop: NextHop = {};
  const [first, table] = splitTable(m[1]!);
  if (isIpv4(first) || isIpv6(first)) {
    hop.address = names.address(first);
    if (table !== undefined) hop.vrf = table;
  } else if (looksLikeInterface(first)) hop.interface = names.canonical(first);
  else return false;
  if (m[2] !== undefined) {
    for (const raw of m[2].split(',')) {
      const part = raw.trim();
      if (part === 'directly connected') hop.kind = 'directly-connected';
      else if (part === 'indirectly connected') hop.kind = 'indirectly-connected';
      else if (part === 'receive') hop.kind = 'receive';
      else if (/^\d/.test(part)) {
        const sec = ageSeconds(part);
        if (sec === undefined) return false;
        hop.ageSec = sec;
      } else {
        // The interface's own `%vrf` is the table it sits in, already the route's or the hop's.
        const [name] = splitTable(part);
        if (!looksLikeInterface(name)) return false;
        hop.interface = names.canonical(name);
      }
    }
  }
  hops.push(hop);
  return true;
}

/** `10.4.1.1%default` -> [`10.4.1.1`, `default`]. */
function splitTable(text: string): [string, string | undefined] {
  const pct = text.indexOf('%');
  return pct < 0 ? [text, undefined] : [text.slice(0, pct), text.slice(pct + 1)];
}
