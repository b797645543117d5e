import type { ServiceLevel } from '../scenario/schema.js';
import type { World } from '../world/world.js';

/**
 * How far a path is from the service level, from the world's ground truth:
 * 0 within it, the worst ratio of measure to level above it (1.4 = 40 % over
 * on its worst measure), Infinity when nothing passes (WAN down, hub dead).
 */
export function pathBadness(world: World, source: string, peer: string, level: ServiceLevel): number {
  const hub = world.hubByAddress(peer);
  if (!hub || !world.wan(source) || !world.reachable(source, peer)) return Infinity;
  const q = world.path(source, hub.name);
  // What users feel is the data traffic's loss (ICMP may be deprioritised, or spared, on the way).
  const lossPct = world.meanLossPct(source, peer, 'data');
  if (lossPct >= 100) return Infinity;
  const ratios = [lossPct / Math.max(level.lossPct, 1e-9), q.latencyMs / level.latencyMs, q.jitterMs / Math.max(level.jitterMs, 1e-9)];
  const worst = Math.max(...ratios);
  return worst <= 1 ? 0 : worst;
}

export function pathMeetsLevel(world: World, source: string, peer: string, level: ServiceLevel): boolean {
  return pathBadness(world, source, peer, level) === 0;
}
