import { Validator } from 'ip-num';

/** An address or prefix as numbers: what lookups and containment work on. */
export interface ParsedPrefix {
  family: 'ipv4' | 'ipv6';
  /** The address bits; a number for IPv4 (unsigned 32-bit), a bigint for IPv6. */
  bits: number | bigint;
  length: number;
}

export function parseIpv4(text: string): number | undefined {
  return parseIpv4Span(text, 0, text.length);
}

/**
 * Dotted quad in text[start, end): four groups of one to three digits, each at
 * most 255. Reads char codes rather than splitting: a route read checks every
 * prefix, and split/slice/regex made ~0.5 kB of garbage per prefix.
 */
function parseIpv4Span(text: string, start: number, end: number): number | undefined {
  let n = 0;
  let octet = 0;
  let digits = 0;
  let dots = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 46 /* . */) {
      if (digits === 0 || dots === 3) return undefined;
      n = n * 256 + octet;
      octet = 0;
      digits = 0;
      dots++;
    } else if (c >= 48 && c <= 57) {
      if (++digits > 3) return undefined;
      octet = octet * 10 + (c - 48);
      if (octet > 255) return undefined;
    } else {
      return undefined;
    }
  }
  return dots === 3 && digits > 0 ? n * 256 + octet : undefined;
}

/** A prefix length of one to three digits in text[start, end), or undefined. */
function parseLength(text: string, start: number, end: number): number | undefined {
  if (end - start < 1 || end - start > 3) return undefined;
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return undefined;
    n = n * 10 + (c - 48);
  }
  return n;
}

export function parseIpv6(text: string): bigint | undefined {
  if (!Validator.isValidIPv6String(text)[0]) return undefined;
  let t = text.toLowerCase();
  // An embedded IPv4 tail (::ffff:192.0.2.1) becomes two hextets.
  const v4 = /(\d+\.\d+\.\d+\.\d+)$/.exec(t);
  if (v4) {
    const n = parseIpv4(v4[1]!);
    if (n === undefined) return undefined;
    t = t.slice(0, -v4[1]!.length) + `${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const [head, tail] = t.includes('::') ? (t.split('::') as [string, string]) : [t, undefined];
  const h = head === '' ? [] : head.split(':');
  const tl = tail === undefined || tail === '' ? [] : tail.split(':');
  const groups = tail === undefined ? h : [...h, ...Array(8 - h.length - tl.length).fill('0'), ...tl];
  if (groups.length !== 8) return undefined;
  let n = 0n;
  for (const g of groups) n = (n << 16n) | BigInt(parseInt(g, 16));
  return n;
}

/** Parses `10.0.0.0/8`, `2001:db8::/32`, or a bare address (full length). */
export function parsePrefix(text: string): ParsedPrefix | undefined {
  const slash = text.indexOf('/');
  const addrEnd = slash < 0 ? text.length : slash;
  const length = slash < 0 ? undefined : parseLength(text, slash + 1, text.length);
  if (slash >= 0 && length === undefined) return undefined;
  const v4 = parseIpv4Span(text, 0, addrEnd);
  if (v4 !== undefined) {
    const len = length ?? 32;
    return len <= 32 ? { family: 'ipv4', bits: v4, length: len } : undefined;
  }
  const v6 = parseIpv6(slash < 0 ? text : text.slice(0, slash));
  if (v6 !== undefined) {
    const len = length ?? 128;
    return len <= 128 ? { family: 'ipv6', bits: v6, length: len } : undefined;
  }
  return undefined;
}

/** The network part of a prefix as a map key: the top `length` bits. */
export function networkKey(p: ParsedPrefix): number | bigint {
  if (p.family === 'ipv4') return p.length === 0 ? 0 : (p.bits as number) >>> (32 - p.length); // >>> 32 would be >>> 0
  return (p.bits as bigint) >> BigInt(128 - p.length);
}

/** True when `outer` contains `inner` (same family, shorter or equal length, same leading bits). */
export function contains(outer: ParsedPrefix, inner: ParsedPrefix): boolean {
  if (outer.family !== inner.family || outer.length > inner.length) return false;
  if (outer.family === 'ipv4') {
    return outer.length === 0 || (outer.bits as number) >>> (32 - outer.length) === (inner.bits as number) >>> (32 - outer.length);
  }
  const shift = BigInt(128 - outer.length);
  return (outer.bits as bigint) >> shift === (inner.bits as bigint) >> shift;
}
