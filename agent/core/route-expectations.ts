import type { Route, RouteProtocol } from '../../proto/records/routing.js';
import { hash53 } from './hash.js';
import { contains, parsePrefix, type ParsedPrefix } from './prefix.js';
import { PrefixIndex } from './route-lookup.js';

/** What the operator says the spoke's table must and may hold. */
export interface RouteExpectations {
  /** Prefixes that must be reachable, optionally only through a given interface kind (`Tunnel`). */
  required: readonly { prefix: string; viaInterface?: string; vrf?: string }[];
  /** Ranges learned routes may fall in; `maxLength` bounds how specific they may be (route injection). */
  allowed: readonly { prefix: string; maxLength?: number; vrf?: string }[];
  /** Protocols whose routes are checked against `allowed`; the spoke's own connected nets are not. */
  checkedProtocols?: readonly RouteProtocol[];
}

export type RouteViolation =
  | { kind: 'missing'; prefix: string; vrf?: string; detail: string }
  | { kind: 'unexpected'; prefix: string; vrf?: string; reason: 'outside-allowed' | 'too-specific'; protocol: RouteProtocol; detail: string };

const DEFAULT_CHECKED: readonly RouteProtocol[] = [
  'static', 'bgp', 'ospf', 'eigrp', 'rip', 'isis', 'nhrp', 'odr', 'lisp', 'application', 'mobile', 'omp', 'unknown',
];

export class ExpectationError extends Error {
  readonly code = 'CONFIG_BAD_PREFIX';
}

/** Parses the expectations once; throws ExpectationError naming every bad prefix. */
export function compileExpectations(e: RouteExpectations): CompiledExpectations {
  const bad: string[] = [];
  const parse = (text: string, where: string): ParsedPrefix => {
    const p = parsePrefix(text);
    if (!p || !text.includes('/')) bad.push(`${where}: "${text}" is not a CIDR prefix`);
    return p ?? { family: 'ipv4', bits: 0, length: 0 };
  };
  const required = e.required.map((r, i) => ({ ...r, parsed: parse(r.prefix, `required[${i}]`) }));
  const allowed = e.allowed.map((a, i) => {
    const parsed = parse(a.prefix, `allowed[${i}]`);
    if (a.maxLength !== undefined && (a.maxLength < parsed.length || a.maxLength > (parsed.family === 'ipv4' ? 32 : 128))) {
      bad.push(`allowed[${i}]: maxLength ${a.maxLength} outside ${parsed.length}..${parsed.family === 'ipv4' ? 32 : 128}`);
    }
    return { ...a, parsed };
  });
  if (bad.length > 0) throw new ExpectationError(bad.join('; '));
  return { required, allowed, checked: new Set(e.checkedProtocols ?? DEFAULT_CHECKED) };
}

export interface CompiledExpectations {
  required: (RouteExpectations['required'][number] & { parsed: ParsedPrefix })[];
  allowed: (RouteExpectations['allowed'][number] & { parsed: ParsedPrefix })[];
  checked: ReadonlySet<RouteProtocol>;
}

/** Checks one table (one VRF) against the expectations; pure, called after every read. */
export function checkRoutes(x: CompiledExpectations, routes: readonly Route[], vrf = ''): RouteViolation[] {
  const out: RouteViolation[] = [];
  const vrfOf = (v: string | undefined) => v ?? '';
  const index = new PrefixIndex(routes);
  for (const req of x.required) {
    if (vrfOf(req.vrf) !== vrf) continue;
    const net = req.prefix.slice(0, req.prefix.indexOf('/'));
    const hit = index.lookup(net);
    const hitParsed = hit && parsePrefix(hit.prefix);
    const covers = hit && hitParsed && contains(hitParsed, req.parsed);
    const via = req.viaInterface;
    const viaOk = !via || (hit?.nextHops.some((h) => h.interface?.startsWith(via)) ?? false);
    if (!covers) out.push({ kind: 'missing', prefix: req.prefix, ...(req.vrf ? { vrf: req.vrf } : {}), detail: 'no route covers it' });
    else if (!viaOk) out.push({ kind: 'missing', prefix: req.prefix, ...(req.vrf ? { vrf: req.vrf } : {}), detail: `covered by ${hit.prefix}, not via ${via}` });
  }
  const allowedHere = x.allowed.filter((a) => vrfOf(a.vrf) === vrf);
  for (const r of routes) {
    if (!x.checked.has(r.protocol)) continue;
    const p = parsePrefix(r.prefix);
    if (!p) continue;
    const ranges = allowedHere.filter((a) => contains(a.parsed, p));
    const base = { kind: 'unexpected' as const, prefix: r.prefix, ...(vrf ? { vrf } : {}), protocol: r.protocol };
    if (ranges.length === 0) out.push({ ...base, reason: 'outside-allowed', detail: 'in no allowed range' });
    else if (!ranges.some((a) => p.length <= (a.maxLength ?? a.parsed.length))) {
      out.push({ ...base, reason: 'too-specific', detail: `longer than /${Math.max(...ranges.map((a) => a.maxLength ?? a.parsed.length))} allowed in ${ranges[0]!.prefix}` });
    }
  }
  return out;
}

/**
 * Violations an event lists; the rest are counted. A hub pushing 10,000
 * injected /32s must not become a megabyte event, journal row and MQTT message.
 */
export const VIOLATIONS_LISTED = 50;

/** A table's violations as the worker hands them over: the first few, the count, and a digest of all. */
export interface ViolationSummary {
  listed: RouteViolation[];
  total: number;
  /** Changes when any violation does: the runtime reports a new set, not every read. */
  digest: number;
}

export function summariseViolations(all: readonly RouteViolation[], listed = VIOLATIONS_LISTED): ViolationSummary {
  return { listed: all.slice(0, listed), total: all.length, digest: hash53(JSON.stringify(all)) };
}
