/**
 * BGP paths and IOS's best-path selection for the attributes the lab models
 * (Cisco "BGP Best Path Selection Algorithm"): highest weight, highest local
 * preference, locally originated, shortest AS path, lowest origin (IGP <
 * EGP < incomplete), lowest MED (compared only between paths from the same
 * neighbouring AS; a missing MED is 0), eBGP over iBGP, then lowest router
 * ID and lowest neighbour address.
 */

export type Origin = 'i' | 'e' | '?';

export interface BgpPath {
  prefix: string;
  /** `0.0.0.0` for a locally originated path. */
  nextHop: string;
  /** Neighbour address the path came from; `0.0.0.0` when local. */
  from: string;
  fromRouterId: string;
  local: boolean;
  internal: boolean;
  weight: number;
  localPref: number;
  med?: number;
  asPath: number[];
  origin: Origin;
  communities: string[];
  /** When the path was received (IOS ages routes from it). */
  receivedAt: number;
}

const ORIGIN_RANK: Record<Origin, number> = { i: 0, e: 1, '?': 2 };

function ipKey(a: string): number {
  return a.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

/** Negative when `a` is better than `b`, with the step that decided it. */
export function comparePaths(a: BgpPath, b: BgpPath): { order: number; step: string } {
  const steps: Array<[string, number]> = [
    ['weight', b.weight - a.weight],
    ['local preference', b.localPref - a.localPref],
    ['locally originated', Number(b.local) - Number(a.local)],
    ['AS path length', a.asPath.length - b.asPath.length],
    ['origin', ORIGIN_RANK[a.origin] - ORIGIN_RANK[b.origin]],
    ['MED', a.asPath[0] === b.asPath[0] ? (a.med ?? 0) - (b.med ?? 0) : 0],
    ['eBGP over iBGP', Number(a.internal) - Number(b.internal)],
    ['router ID', ipKey(a.fromRouterId) - ipKey(b.fromRouterId)],
    ['neighbor address', ipKey(a.from) - ipKey(b.from)],
  ];
  for (const [step, order] of steps) if (order !== 0) return { order, step };
  return { order: 0, step: 'equal' };
}

/** The best of one prefix's paths; undefined for none. */
export function bestPath(paths: readonly BgpPath[]): BgpPath | undefined {
  let best: BgpPath | undefined;
  for (const p of paths) if (!best || comparePaths(p, best).order < 0) best = p;
  return best;
}

/** Every prefix's paths, grouped, in IOS's table order (by address, then length). */
export function groupByPrefix(paths: readonly BgpPath[]): Array<[string, BgpPath[]]> {
  const groups = new Map<string, BgpPath[]>();
  for (const p of paths) groups.set(p.prefix, [...(groups.get(p.prefix) ?? []), p]);
  const key = (prefix: string): [number, number] => {
    const [a, l] = prefix.split('/');
    return [ipKey(a!), Number(l)];
  };
  return [...groups].sort(([a], [b]) => key(a)[0] - key(b)[0] || key(a)[1] - key(b)[1]);
}
