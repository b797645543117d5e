/** Builds the route table from the interfaces, the WANs and the established SAs. */
import { computeRoutes, diffRoutes, networkOf, type StaticInput, type ConnectedInput, type BgpInput } from './dynamics/routes.js';
import { emit, interfaceAddress, now, type RouterModel } from './model.js';
import { bgpTable } from './bgp/speaker.js';
import { nhrpRoutes } from './nhrp/engine.js';

/**
 * Default routes of a dual-WAN spoke as production configs write them:
 * `ip route 0.0.0.0 0.0.0.0 <fibre gateway>` and a floating
 * `ip route 0.0.0.0 0.0.0.0 Cellular0/1/0 5`. IOS alone keeps the fibre one
 * while its link is up, however bad the path behind it.
 */
function defaultRoutes(m: RouterModel): StaticInput[] {
  return m.world.wans().map((w, i) => {
    const route: StaticInput = { prefix: '0.0.0.0/0', distance: i === 0 ? 1 : 5 * i, interface: w.interface };
    if (w.gateway !== undefined) route.via = w.gateway;
    return route;
  });
}

export function recomputeRoutes(m: RouterModel): void {
  const connected: ConnectedInput[] = [];
  for (const [name, ifc] of m.rt.interfaces) {
    const addr = interfaceAddress(m, name);
    // A suppressed (dampened) interface is down to IP routing.
    if (ifc.protocolUp && !ifc.dampening?.suppressed && addr) connected.push({ interface: name, ...addr });
  }
  const upInterfaces = new Set(connected.map((c) => c.interface));
  const statics: StaticInput[] = defaultRoutes(m).filter((r) => upInterfaces.has(r.interface!));
  for (const r of statics) if (r.via !== undefined) delete r.interface;
  const bgp: BgpInput[] = [];
  for (const sa of m.rt.sas) {
    if (!m.rt.interfaces.get(sa.tunnelInterface)?.protocolUp) continue;
    const hub = m.world.hubByAddress(sa.peerAddress);
    // IKEv2 routing: the hub's summaries as static routes via the tunnel (`route accept any distance`).
    for (const prefix of hub?.pushedRoutes ?? [])
      statics.push({ prefix, distance: m.opts.routeAcceptDistance, interface: sa.tunnelInterface });
    const neighbor = hub ? m.rt.bgp.get(hub.tunnelAddress) : undefined;
    if (hub && neighbor?.state === 'Established') {
      for (let i = 0; i < neighbor.prefixes; i++) {
        bgp.push({
          prefix: `${networkOf(`10.${100 + Math.floor(i / 256)}.${i % 256}.0`, 24)}/24`,
          via: hub.tunnelAddress,
          installedAt: neighbor.upDownAt,
        });
      }
    }
  }
  // `router bgp`'s best paths (lab/router/bgp/); locally originated ones are already in the table.
  for (const entry of bgpTable(m)) {
    const best = entry.best;
    if (!best || best.local) continue;
    bgp.push({ prefix: best.prefix, via: best.nextHop, installedAt: best.receivedAt, internal: best.internal, metric: best.med ?? 0 });
  }
  const routes = computeRoutes({ connected, statics, bgp, nhrp: nhrpRoutes(m) });
  const diff = diffRoutes(m.rt.routes, routes);
  if (diff.added.length + diff.removed.length > 0) {
    m.rt.tableVersion++;
    emit(m, { kind: 'routes', at: now(m), ...diff });
  }
  m.rt.routes = routes;
}
