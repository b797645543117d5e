import { Validator } from 'ip-num';

/** An address or prefix as numbers: what lookups and containment work on. */
export interface ParsedPrefix {
  family: 'ipv4' | 'ipv6';
  /** The address bits; a number for IPv4 (unsigned 32-bit), a bigint for IPv6. */
  bits: number | bigint;
  length: number;
}

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p)) return undefined;
    const v = Number(p);
    if (v > 255) return undefined;
    n = n * 256 + v;
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
  const [head, tail] = t.includes('::') ? t.split('::') as [string, string] : [t, undefined];
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
  const addr = slash < 0 ? text : text.slice(0, slash);
  const lenText = slash < 0 ? undefined : text.slice(slash + 1);
  if (lenText !== undefined && !/^\d{1,3}$/.test(lenText)) return undefined;
  const v4 = parseIpv4(addr);
  if (v4 !== undefined) {
    const length = lenText === undefined ? 32 : Number(lenText);
    return length <= 32 ? { family: 'ipv4', bits: v4, length } : undefined;
  }
  const v6 = parseIpv6(addr);
  if (v6 !== undefined) {
    const length = lenText === undefined ? 128 : Number(lenText);
    return length <= 128 ? { family: 'ipv6', bits: v6, length } : undefined;
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
  return networkKey(outer) === networkKey({ ...inner, length: outer.length });
}
