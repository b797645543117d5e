/**
 * A route-map applied to a BGP path, as IOS does: entries in sequence order;
 * the first whose match clauses all match decides (an entry without match
 * clauses matches everything); `permit` applies its set clauses, `deny`
 * drops the path; a path no entry matches is dropped (the implicit deny).
 * A route-map that is referenced but not defined also drops everything
 * (no capture of IOS doing so found; unverified).
 */
import type { BgpPath } from '../bgp/path.js';
import type { CommunityListEntry, PolicyConfig, PrefixListEntry, RouteMapEntry } from './config.js';
import { networkOf } from '../dynamics/routes.js';

function prefixListPermits(entries: readonly PrefixListEntry[] | undefined, prefix: string): boolean {
  if (!entries) return false;
  const [addr, lenText] = prefix.split('/');
  const len = Number(lenText);
  for (const e of entries) {
    const [eAddr, eLenText] = e.prefix.split('/');
    const eLen = Number(eLenText);
    if (networkOf(addr!, eLen) !== eAddr || len < eLen) continue;
    const exact = e.ge === undefined && e.le === undefined;
    const ok = exact ? len === eLen : len >= (e.ge ?? eLen) && len <= (e.le ?? 32);
    if (ok) return e.action === 'permit';
  }
  return false;
}

function communityListPermits(entries: readonly CommunityListEntry[] | undefined, communities: readonly string[]): boolean {
  if (!entries) return false;
  for (const e of entries) if (e.communities.every((c) => communities.includes(c))) return e.action === 'permit';
  return false;
}

function matches(entry: RouteMapEntry, path: BgpPath, policy: PolicyConfig): boolean {
  const { prefixLists, communityLists } = entry.match;
  if (prefixLists && !prefixLists.some((n) => prefixListPermits(policy.prefixLists.get(n), path.prefix))) return false;
  if (communityLists && !communityLists.some((n) => communityListPermits(policy.communityLists.get(n), path.communities))) return false;
  return true;
}

function applySet(entry: RouteMapEntry, path: BgpPath): BgpPath {
  const s = entry.set;
  const out: BgpPath = { ...path, asPath: [...path.asPath], communities: [...path.communities] };
  if (s.localPref !== undefined) out.localPref = s.localPref;
  if (s.weight !== undefined) out.weight = s.weight;
  if (s.metric !== undefined) out.med = s.metric;
  if (s.community) out.communities = [...new Set([...(s.community.additive ? out.communities : []), ...s.community.values])];
  if (s.prepend) out.asPath = [...s.prepend, ...out.asPath];
  return out;
}

/** The path as the route-map leaves it, or undefined when it denies it; no route-map named leaves the path as it is. */
export function applyRouteMap(name: string | undefined, path: BgpPath, policy: PolicyConfig): BgpPath | undefined {
  if (name === undefined) return path;
  const entries = policy.routeMaps.get(name);
  if (!entries) return undefined;
  for (const e of entries) {
    if (!matches(e, path, policy)) continue;
    return e.action === 'permit' ? applySet(e, path) : undefined;
  }
  return undefined;
}
