import type { Route, RouteProtocol } from '../../proto/records/routing.js';
import { Hash53 } from './hash.js';
import { contains, parsePrefix, type ParsedPrefix } from './prefix.js';
import { PrefixIndex } from './route-lookup.js';
import { CodedError } from '../../proto/coded-error.js';

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
  | {
      kind: 'unexpected';
      prefix: string;
      vrf?: string;
      reason: 'outside-allowed' | 'too-specific';
      protocol: RouteProtocol;
      detail: string;
    };

const DEFAULT_CHECKED: readonly RouteProtocol[] = [
  'static',
  'bgp',
  'ospf',
  'eigrp',
  'rip',
  'isis',
  'nhrp',
  'odr',
  'lisp',
  'application',
  'mobile',
  'omp',
  // 12.x legends' IGRP and EGP: learned routes as much as the others.
  'igrp',
  'egp',
  'unknown',
];

export class ExpectationError extends CodedError<'CONFIG_BAD_PREFIX'> {
  constructor(message: string) {
    super('CONFIG_BAD_PREFIX', message);
  }
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
  visitViolations(x, routes, vrf, out);
  return out;
}

/**
 * Checks one table and summarises as it goes: a hub pushing 100,000 injected
 * routes makes 100,000 violations, and holding them all costs the route worker
 * tens of megabytes.
 */
export function judgeRoutes(x: CompiledExpectations, routes: readonly Route[], vrf = '', listed = VIOLATIONS_LISTED): ViolationSummary {
  const summary = new ViolationSummariser(listed);
  visitViolations(x, routes, vrf, { push: (v) => summary.add(v) });
  return summary.result();
}

function visitViolations(x: CompiledExpectations, routes: readonly Route[], vrf: string, out: { push(v: RouteViolation): unknown }): void {
  const vrfOf = (v: string | undefined) => v ?? '';
  let index: PrefixIndex | undefined; // built only when this VRF has required prefixes
  for (const req of x.required) {
    if (vrfOf(req.vrf) !== vrf) continue;
    index ??= new PrefixIndex(routes);
    const net = req.prefix.slice(0, req.prefix.indexOf('/'));
    const hit = index.lookup(net);
    const hitParsed = hit && parsePrefix(hit.prefix);
    const covers = hit && hitParsed && contains(hitParsed, req.parsed);
    const via = req.viaInterface;
    const viaOk = !via || (hit?.nextHops.some((h) => h.interface?.startsWith(via)) ?? false);
    if (!covers) out.push({ kind: 'missing', prefix: req.prefix, ...(req.vrf ? { vrf: req.vrf } : {}), detail: 'no route covers it' });
    else if (!viaOk)
      out.push({
        kind: 'missing',
        prefix: req.prefix,
        ...(req.vrf ? { vrf: req.vrf } : {}),
        detail: `covered by ${hit.prefix}, not via ${via}`,
      });
  }
  const allowedHere = x.allowed.filter((a) => vrfOf(a.vrf) === vrf);
  // Most routes are fine: judging one allocates nothing but its parsed prefix.
  for (const r of routes) {
    if (!x.checked.has(r.protocol)) continue;
    const p = parsePrefix(r.prefix);
    if (!p) continue;
    let firstRange: (typeof allowedHere)[number] | undefined;
    let widest = -1;
    let fits = false;
    for (const a of allowedHere) {
      if (!contains(a.parsed, p)) continue;
      firstRange ??= a;
      const max = a.maxLength ?? a.parsed.length;
      if (p.length <= max) {
        fits = true;
        break;
      }
      widest = Math.max(widest, max);
    }
    if (fits) continue;
    const base = { kind: 'unexpected' as const, prefix: r.prefix, ...(vrf ? { vrf } : {}), protocol: r.protocol };
    if (!firstRange) out.push({ ...base, reason: 'outside-allowed', detail: 'in no allowed range' });
    else out.push({ ...base, reason: 'too-specific', detail: `longer than /${widest} allowed in ${firstRange.prefix}` });
  }
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

class ViolationSummariser {
  private readonly listed: RouteViolation[] = [];
  private total = 0;
  private readonly hash = new Hash53();

  constructor(private readonly limit: number) {}

  add(v: RouteViolation): void {
    this.total++;
    if (this.listed.length < this.limit) this.listed.push(v);
    this.hash
      .update(v.kind)
      .update('\0')
      .update(v.prefix)
      .update('\0')
      .update(v.vrf ?? '')
      .update('\0')
      .update(v.detail)
      .update('\0');
    if (v.kind === 'unexpected') this.hash.update(v.reason).update('\0').update(v.protocol).update('\0');
  }

  result(): ViolationSummary {
    return { listed: this.listed, total: this.total, digest: this.hash.digest() };
  }
}
