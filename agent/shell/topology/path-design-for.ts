import { DualCloudDesign } from './dual-cloud-design.js';
import { FailoverDesign } from './failover-design.js';
import type { PathDesign, PathDesignDeps } from './path-design.js';

/** The design the configuration names: dual-cloud with its `dualCloud` section, failover otherwise. */
export function pathDesignFor(deps: PathDesignDeps): PathDesign {
  const dc = deps.config.dualCloud;
  return deps.config.topology === 'dual-cloud' && dc ? new DualCloudDesign(deps, dc) : new FailoverDesign(deps);
}
