import type { Route } from '../../proto/records/routing.js';
import { parseIpv4, parsePrefix } from './prefix.js';

/**
 * Longest-prefix match over a routing table. One map per prefix length, keyed
 * by the network bits; a lookup tries the lengths present, longest first. IPv4
 * keys are plain numbers, which keeps the common case allocation-free.
 */
export class PrefixIndex<T extends Pick<Route, 'prefix'> = Route> {
  private readonly v4 = new Map<number, Map<number, T>>();
  private readonly v6 = new Map<number, Map<bigint, T>>();
  private v4Lengths: number[] = [];
  private v6Lengths: number[] = [];
  /** Prefixes that did not parse; kept out of the index, reported to the caller. */
  readonly rejected: string[] = [];

  constructor(routes: Iterable<T>) {
    for (const r of routes) this.add(r);
    this.v4Lengths = [...this.v4.keys()].sort((a, b) => b - a);
    this.v6Lengths = [...this.v6.keys()].sort((a, b) => b - a);
  }

  private add(route: T): void {
    const p = parsePrefix(route.prefix);
    if (!p) {
      this.rejected.push(route.prefix);
      return;
    }
    if (p.family === 'ipv4') {
      const bits = p.bits as number;
      const key = ipv4Key(bits, p.length);
      let m = this.v4.get(p.length);
      if (!m) this.v4.set(p.length, (m = new Map()));
      if (!m.has(key)) m.set(key, route);
    } else {
      const key = (p.bits as bigint) >> BigInt(128 - p.length);
      let m = this.v6.get(p.length);
      if (!m) this.v6.set(p.length, (m = new Map()));
      if (!m.has(key)) m.set(key, route);
    }
  }

  /** The most specific route covering `address`, or undefined. */
  lookup(address: string): T | undefined {
    const v4 = parseIpv4(address);
    if (v4 !== undefined) return this.lookupIpv4(v4);
    const p = parsePrefix(address);
    if (!p || p.family !== 'ipv6' || p.length !== 128) return undefined;
    const bits = p.bits as bigint;
    for (const len of this.v6Lengths) {
      const hit = this.v6.get(len)!.get(bits >> BigInt(128 - len));
      if (hit) return hit;
    }
    return undefined;
  }

  lookupIpv4(address: number): T | undefined {
    for (const len of this.v4Lengths) {
      const hit = this.v4.get(len)!.get(ipv4Key(address, len));
      if (hit) return hit;
    }
    return undefined;
  }

  get size(): number {
    let n = 0;
    for (const m of this.v4.values()) n += m.size;
    for (const m of this.v6.values()) n += m.size;
    return n;
  }
}

// A shift by 32 is a shift by 0 in JavaScript, hence the /0 case.
const ipv4Key = (bits: number, length: number): number => (length === 0 ? 0 : bits >>> (32 - length));
