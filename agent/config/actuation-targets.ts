import type { ActuationTargets } from '../core/actuation/plan.js';
import type { FailoverAgentConfig } from './types.js';

/** The router objects the actuator may touch, and how it sets their stub tracks, from a validated configuration. */
export function actuationTargets(c: FailoverAgentConfig): ActuationTargets {
  return {
    client: c.flexvpn.client,
    peers: c.flexvpn.peers,
    sources: c.flexvpn.sources,
    trackSetter:
      c.actuation.setTracksWith === 'eem-applets'
        ? { kind: 'eem-applets', prefix: c.actuation.eemAppletPrefix }
        : { kind: 'default-state' },
  };
}
