/**
 * Whether a spoke-to-spoke flow works now, from the lab's ground truth: the
 * route the spoke forwards the destination by (IOS's longest match) and where
 * it leads. An NHRP shortcut (`H`, via a Virtual-Access) goes straight to the
 * other spoke: it works while that spoke is up and reachable over the WAN,
 * whatever became of the hub that brokered it. Any other route goes through
 * a hub (the summary's next hop, the hub's overlay address): it works while
 * that hub's path meets the service level and the other spoke is up.
 */
import type { LabRouter } from '../router/index.js';
import { longestMatch } from '../router/dynamics/routes.js';
import type { ServiceLevel } from '../scenario/schema.js';
import { pathMeetsLevel } from './service-level.js';

export interface FlowSample {
  ok: boolean;
  /** `shortcut`, a hub's name, or `none` (no route). */
  via: string;
}

export function flowSample(router: LabRouter, wan: string, to: string, level: ServiceLevel): FlowSample {
  const w = router.world;
  const remote = w.remoteSpokeFor(to);
  const route = longestMatch(router.model.rt.routes, to);
  if (!route) return { ok: false, via: 'none' };
  if (route.code === 'H') return { ok: remote?.up === true && w.reachable(wan, remote.nbma), via: 'shortcut' };
  const hub = w.hubs().find((h) => h.tunnelAddress === route.via);
  if (!hub) return { ok: false, via: 'none' };
  return { ok: remote?.up === true && pathMeetsLevel(w, wan, hub.address, level), via: hub.name };
}
