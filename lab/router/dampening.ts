/**
 * IP Event Dampening on the router's interfaces, once per lab second after
 * the links: counts each line-protocol down as a flap (dynamics/dampening.ts)
 * and marks the interface suppressed. A suppressed interface stays up in
 * `show interfaces` and to `line-protocol` tracks, but IP treats it as down:
 * its connected and static routes go (routing.ts) and `ip routing` tracks go
 * down (the guide: "the interface state is considered down by the routing
 * protocols"). IOS logs nothing when it suppresses or reuses an interface.
 */
import { newDampening, stepDampening } from './dynamics/dampening.js';
import { now, type RouterModel } from './model.js';

export function stepInterfaceDampening(m: RouterModel): void {
  const t = now(m);
  for (const [name, ifc] of m.rt.interfaces) {
    const cfg = m.config.interfaces.get(name);
    if (!cfg?.dampening) {
      delete ifc.dampening;
      continue;
    }
    // The restart penalty applies when the router (re)loads: the boot configuration.
    const state = ifc.dampening ?? newDampening(ifc.protocolUp, t, m.emitting ? 0 : (cfg.dampening.restartPenalty ?? 0));
    ifc.dampening = stepDampening(state, cfg.dampening, { up: ifc.protocolUp, adminDown: cfg.shutdown }, t).state;
  }
}
