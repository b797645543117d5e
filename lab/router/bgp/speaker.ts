/**
 * The spoke's BGP speaker for `router bgp N` (the dual-cloud design's iBGP
 * to each hub over its tunnel), stepped once per lab second:
 * - a session opens a few seconds after the peer becomes reachable (a route
 *   to it in the RIB, its tunnel's SA up, the hub alive and holding the SA);
 * - timers are negotiated (the lower hold time; keepalive a third of it
 *   unless ours was the lower), keepalives go both ways, and the session is
 *   reset with a NOTIFICATION when nothing was read for the hold time;
 * - `neighbor X fall-over` resets it as soon as the RIB has no route to the
 *   peer (the default route does not count), as IOS's BGP fast peering
 *   session deactivation does (`%BGP-5-ADJCHANGE ... Down Route to peer lost`);
 * - the inbound route-map applies when routes arrive and the outbound one
 *   when updates are sent: a changed route-map takes effect on the next
 *   `clear ip bgp X soft in|out` (or a new session), as on IOS.
 */
import { applyRouteMap } from '../route-map/apply.js';
import { longestMatch } from '../dynamics/routes.js';
import { hubHoldsSa } from '../ike-sa.js';
import { emit, interfaceAddress, now, type RouterModel } from '../model.js';
import type { HubBgpRoute, HubSpec } from '../../world/world.js';
import { BGP_DEFAULT_TIMERS, type BgpNeighborConfig } from './config.js';
import { bestPath, groupByPrefix, type BgpPath } from './path.js';
import { zeroCounts, type IbgpNeighborRuntime } from './runtime.js';

/** TCP connect and the OPEN/KEEPALIVE exchange, once the peer is reachable. */
const OPEN_DELAY_MS = 3000;

export function stepBgpSpeaker(m: RouterModel, settle = false): void {
  const cfg = m.config.bgp;
  for (const [address, s] of m.rt.bgpSessions) {
    if (cfg?.neighbors.has(address)) continue;
    if (s.state === 'Established') sessionDown(m, s, 'Neighbor deleted');
    m.rt.bgpSessions.delete(address);
  }
  if (!cfg) return;
  const t = now(m);
  for (const n of cfg.neighbors.values()) {
    let s = m.rt.bgpSessions.get(n.address);
    if (!s) m.rt.bgpSessions.set(n.address, (s = newSession(n.address, m.rt.bootAt)));
    const hub = hubOf(m, n.address);
    const route = routeToPeer(m, n.address);
    if (route && !s.hadRoute) s.routeUpCount++;
    if (!route && s.hadRoute) s.routeDownCount++;
    s.hadRoute = route !== undefined;
    const heard = hub !== undefined && route !== undefined && peerHears(m, hub, route.interface);
    if (s.state === 'Established') {
      if (hub && !hub.up) s.peerRestarted = true;
      if (n.fallOver && !route) sessionDown(m, s, 'Route to peer lost');
      else if (heard && s.peerRestarted) sessionDown(m, s, 'Peer closed the session');
      else {
        keepalives(m, s, heard, t);
        if (s.state === 'Established' && heard) {
          receive(m, s, n, hub!, false);
          advertise(m, s, n, hub!, false);
        }
      }
      continue;
    }
    if (!heard) {
      s.state = route ? 'Active' : 'Idle';
      delete s.openDoneAt;
      continue;
    }
    s.openDoneAt ??= settle ? t : t + OPEN_DELAY_MS;
    s.state = 'Active';
    if (t >= s.openDoneAt) establish(m, s, n, hub!);
  }
}

function newSession(address: string, bootAt: number): IbgpNeighborRuntime {
  return {
    address,
    state: 'Idle',
    upDownAt: bootAt,
    holdSec: 0,
    keepaliveSec: 0,
    sent: zeroCounts(),
    rcvd: zeroCounts(),
    received: [],
    receivedRawKey: '',
    advertised: [],
    advertisedKey: '',
    deniedIn: 0,
    establishedCount: 0,
    droppedCount: 0,
    routeUpCount: 0,
    routeDownCount: 0,
    hadRoute: false,
    peerRestarted: false,
  };
}

export function hubOf(m: RouterModel, address: string): HubSpec | undefined {
  return m.world.hubs().find((h) => h.tunnelAddress === address && h.bgp !== undefined);
}

/** The RIB's route to the peer, the default route aside (IOS's fall-over ignores it). */
export function routeToPeer(m: RouterModel, address: string): { prefix: string; interface?: string } | undefined {
  const r = longestMatch(
    m.rt.routes.filter((x) => x.prefix !== '0.0.0.0/0'),
    address,
  );
  return r && { prefix: r.prefix, ...(r.interface !== undefined ? { interface: r.interface } : {}) };
}

/** Whether BGP's packets pass to and from the hub: through the tunnel the route uses, its SA up and held by a live hub. */
function peerHears(m: RouterModel, hub: HubSpec, tunnel: string | undefined): boolean {
  if (!hub.up) return false;
  const sa = m.rt.sas.find((x) => x.tunnelInterface === tunnel && x.peerAddress === hub.address);
  return (
    sa !== undefined &&
    m.rt.interfaces.get(sa.tunnelInterface)?.protocolUp === true &&
    hubHoldsSa(m, sa) &&
    m.world.reachable(sa.sourceInterface, hub.address)
  );
}

function keepalives(m: RouterModel, s: IbgpNeighborRuntime, heard: boolean, t: number): void {
  const period = s.keepaliveSec * 1000;
  if (heard && t - (s.lastReadAt ?? t) >= period) {
    s.rcvd.keepalives++;
    s.lastReadAt = t;
  }
  if (t - (s.lastWriteAt ?? t) >= period) {
    s.sent.keepalives++;
    s.lastWriteAt = t;
  }
  if (t - (s.lastReadAt ?? t) >= s.holdSec * 1000) {
    s.sent.notifications++;
    emit(m, { kind: 'bgp-notification', at: t, neighbor: s.address, code: '4/0', text: 'hold time expired' });
    // %BGP-5-ADJCHANGE says `Down BGP Notification sent`; show ip bgp neighbors adds the NOTIFICATION's error.
    sessionDown(m, s, 'BGP Notification sent', 'BGP Notification sent, hold time expired');
  }
}

function establish(m: RouterModel, s: IbgpNeighborRuntime, n: BgpNeighborConfig, hub: HubSpec): void {
  const t = now(m);
  const local = n.timers ?? BGP_DEFAULT_TIMERS;
  const peerHold = hub.bgp?.holdSec ?? BGP_DEFAULT_TIMERS.holdSec;
  s.holdSec = Math.min(local.holdSec, peerHold);
  s.keepaliveSec = s.holdSec === local.holdSec ? local.keepaliveSec : Math.floor(s.holdSec / 3);
  s.state = 'Established';
  s.upDownAt = t;
  s.lastReadAt = t;
  s.lastWriteAt = t;
  s.sent.opens++;
  s.rcvd.opens++;
  s.sent.keepalives++;
  s.rcvd.keepalives++;
  s.establishedCount++;
  s.peerRestarted = false;
  delete s.openDoneAt;
  emit(m, { kind: 'bgp', at: t, neighbor: s.address, state: 'up' });
  receive(m, s, n, hub, true);
  advertise(m, s, n, hub, true);
}

function sessionDown(m: RouterModel, s: IbgpNeighborRuntime, reason: string, resetText = reason): void {
  const t = now(m);
  s.state = 'Idle';
  s.upDownAt = t;
  s.droppedCount++;
  s.lastReset = { at: t, reason: resetText };
  s.received = [];
  s.receivedRawKey = '';
  s.advertised = [];
  s.advertisedKey = '';
  s.deniedIn = 0;
  s.peerRestarted = false;
  delete s.openDoneAt;
  const hub = hubOf(m, s.address);
  if (hub) m.world.setHubLearned(hub.name, m.config.hostname, []);
  emit(m, { kind: 'bgp', at: t, neighbor: s.address, state: 'down', reason });
}

function hubPath(m: RouterModel, hub: HubSpec, r: HubBgpRoute): BgpPath {
  const internal = hub.bgp!.remoteAs === m.config.bgp!.asn;
  return {
    prefix: r.prefix,
    nextHop: hub.tunnelAddress,
    from: hub.tunnelAddress,
    fromRouterId: hub.bgp!.routerId ?? hub.tunnelAddress,
    local: false,
    internal,
    weight: 0,
    localPref: internal ? (r.localPref ?? 100) : 100,
    med: r.med ?? 0,
    asPath: internal ? [...(r.asPath ?? [])] : [hub.bgp!.remoteAs, ...(r.asPath ?? [])],
    origin: r.origin ?? 'i',
    communities: [...(r.communities ?? [])],
    receivedAt: now(m),
  };
}

/** Takes the hub's routes through the inbound route-map: on a new session, an update, or a soft clear in (`force`). */
function receive(m: RouterModel, s: IbgpNeighborRuntime, n: BgpNeighborConfig, hub: HubSpec, force: boolean): void {
  const raw = hub.bgp?.advertises ?? [];
  const key = JSON.stringify(raw);
  if (!force && key === s.receivedRawKey) return;
  if (key !== s.receivedRawKey) s.rcvd.updates++;
  s.receivedRawKey = key;
  const kept = raw.map((r) => applyRouteMap(n.routeMapIn, hubPath(m, hub, r), m.config.policy));
  s.received = kept.filter((p): p is BgpPath => p !== undefined);
  s.deniedIn = kept.length - s.received.length;
}

/** The spoke's `network` statements the RIB holds exactly, as locally originated paths. */
export function localPaths(m: RouterModel): BgpPath[] {
  const cfg = m.config.bgp;
  if (!cfg) return [];
  return cfg.networks.flatMap((prefix) => {
    const r = m.rt.routes.find((x) => x.prefix === prefix && x.code !== 'B' && x.code !== 'L');
    return r
      ? [
          {
            prefix,
            nextHop: '0.0.0.0',
            from: '0.0.0.0',
            fromRouterId: routerId(m),
            local: true,
            internal: false,
            weight: 32768,
            localPref: 100,
            med: 0,
            asPath: [],
            origin: 'i' as const,
            communities: [],
            receivedAt: r.installedAt ?? m.rt.bootAt,
          },
        ]
      : [];
  });
}

/** Sends the local paths through the outbound route-map: on a new session, a change of them, or a soft clear out (`force`). */
function advertise(m: RouterModel, s: IbgpNeighborRuntime, n: BgpNeighborConfig, hub: HubSpec, force: boolean): void {
  const local = localPaths(m);
  const key = JSON.stringify(local.map((p) => p.prefix));
  if (!force && key === s.advertisedKey) return;
  s.advertisedKey = key;
  s.sent.updates++;
  const route = routeToPeer(m, n.address);
  const self = (route?.interface !== undefined ? interfaceAddress(m, route.interface)?.address : undefined) ?? routerId(m);
  s.advertised = local
    .map((p) => applyRouteMap(n.routeMapOut, { ...p, nextHop: self }, m.config.policy))
    .filter((p): p is BgpPath => p !== undefined);
  m.world.setHubLearned(
    hub.name,
    m.config.hostname,
    s.advertised.map((p) => ({
      prefix: p.prefix,
      nextHop: p.nextHop,
      med: p.med ?? 0,
      localPref: p.localPref,
      asPath: [...p.asPath],
      origin: p.origin,
      communities: n.sendCommunity ? [...p.communities] : [],
    })),
  );
}

/** `clear ip bgp X soft in|out` (both when `direction` is absent): route refresh in, a full update out; the session stays up. */
export function softClear(m: RouterModel, address: string, direction?: 'in' | 'out'): boolean {
  const s = m.rt.bgpSessions.get(address);
  const n = m.config.bgp?.neighbors.get(address);
  const hub = hubOf(m, address);
  if (!s || !n || !hub || s.state !== 'Established') return false;
  if (direction !== 'out') {
    s.sent.refresh++;
    receive(m, s, n, hub, true);
  }
  if (direction !== 'in') advertise(m, s, n, hub, true);
  return true;
}

/** `clear ip bgp X`: a hard reset (the session closes and opens again). */
export function hardClear(m: RouterModel, address: string): boolean {
  const s = m.rt.bgpSessions.get(address);
  if (!s) return false;
  if (s.state === 'Established') {
    s.sent.notifications++;
    sessionDown(m, s, 'User reset');
  }
  return true;
}

/** IOS's router ID: `bgp router-id`, else the highest loopback address, else the highest address of an up interface. */
export function routerId(m: RouterModel): string {
  const configured = m.config.bgp?.routerId;
  if (configured) return configured;
  const num = (a: string): number => a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
  const addresses = (loopback: boolean): string[] =>
    [...m.config.interfaces.keys()]
      .filter((name) => name.startsWith('Loopback') === loopback && (loopback || m.rt.interfaces.get(name)?.protocolUp))
      .flatMap((name) => {
        const a = interfaceAddress(m, name);
        return a ? [a.address] : [];
      });
  const pick = (list: string[]): string | undefined => list.sort((a, b) => num(b) - num(a))[0];
  return pick(addresses(true)) ?? pick(addresses(false)) ?? '0.0.0.0';
}

/** The BGP table: every path, grouped by prefix, with its best. */
export function bgpTable(m: RouterModel): Array<{ prefix: string; paths: BgpPath[]; best: BgpPath | undefined }> {
  const all = [...localPaths(m), ...[...m.rt.bgpSessions.values()].filter((s) => s.state === 'Established').flatMap((s) => s.received)];
  return groupByPrefix(all).map(([prefix, paths]) => ({ prefix, paths, best: bestPath(paths) }));
}
