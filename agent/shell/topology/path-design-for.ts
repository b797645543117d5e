import type { AgentConfig } from '../../config/types.js';
import { confirmsQualityTracks, namesQualityTracks } from '../../core/dual-cloud/config.js';
import { DualCloudDesign } from './dual-cloud-design.js';
import { FailoverDesign } from './failover-design.js';
import type { PathDesign, PathDesignDeps } from './path-design.js';

/** The design the configuration names: dual-cloud with its `dualCloud` section, failover otherwise. */
export function pathDesignFor(deps: PathDesignDeps): PathDesign {
  const c = deps.config;
  return c.topology === 'dual-cloud' ? new DualCloudDesign(deps, c.dualCloud) : new FailoverDesign(deps, c);
}

/**
 * The reads a steer is decided on, which go before the other reads waiting for the vty
 * (ActingFirstRouter): a dual-cloud spoke's hub quality tracks, when hubs name them, and the
 * probes that confirm them.
 */
export function urgentReadsOf(config: AgentConfig): string[] {
  if (config.topology !== 'dual-cloud' || !namesQualityTracks(config.dualCloud)) return [];
  return confirmsQualityTracks(config.dualCloud) ? ['show ip sla statistics', 'show track brief'] : ['show track brief'];
}
