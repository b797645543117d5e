/**
 * FlexVPN spoke-to-spoke shortcuts (Cisco "FlexVPN Spoke to Spoke"): the
 * spoke's LAN sends to another spoke's LAN through the hub (the summary's
 * route over TunnelN); the hub, seeing traffic leave by the interface it came
 * in on (`ip nhrp redirect`), sends an NHRP redirect; the spoke (`ip nhrp
 * shortcut virtual-template N`) resolves the destination through the hub
 * and, on the other spoke's reply, clones a Virtual-Access interface and
 * installs the shortcut: an `H` route to the remote LAN and one to its
 * overlay address, both via the Virtual-Access. The cache entries live for
 * the hold time of the answer (7200 s by default) whatever happens to the
 * hub that brokered them: a hub's loss leaves shortcuts in place.
 */
import { longestMatch, type NhrpInput } from '../dynamics/routes.js';
import { emit, now, type RouterModel } from '../model.js';
import { NHRP_DEFAULT_HOLDTIME_SEC } from './config.js';

export interface NhrpCacheEntry {
  /** CIDR. */
  target: string;
  via: string;
  interface: string;
  nbma: string;
  createdAt: number;
  expiresAt: number;
  flags: string[];
  /** DMVPN attributes: `DT1` route installed, `DT2` next-hop override. */
  attributes: string;
  /** The tunnel the resolution went through (the cloud it belongs to). */
  cloud: string;
  remoteSpoke: string;
}

export interface NhrpRuntime {
  entries: NhrpCacheEntry[];
  /** Destinations the LAN is sending to, by address. */
  flows: Set<string>;
  /** Resolutions under way, by remote spoke name: when the reply arrives and through which tunnel. */
  pending: Map<string, { answerAt: number; tunnel: string }>;
  nextVirtualAccess: number;
}

export function newNhrpRuntime(): NhrpRuntime {
  return { entries: [], flows: new Set(), pending: new Map(), nextVirtualAccess: 1 };
}

/** Redirect from the hub, then the resolution request and the remote spoke's reply: about one round trip each way. */
const RESOLUTION_MS = 1000;

/** The tunnel a route leaves by (recursively through its next hop once). */
function exitTunnel(m: RouterModel, address: string): string | undefined {
  const r = longestMatch(m.rt.routes, address);
  if (!r) return undefined;
  if (r.interface !== undefined) return r.interface;
  return r.via !== undefined ? longestMatch(m.rt.routes, r.via)?.interface : undefined;
}

export function stepNhrp(m: RouterModel): void {
  const rt = m.rt.nhrp;
  const t = now(m);
  const expired = rt.entries.filter((e) => t >= e.expiresAt);
  if (expired.length) {
    rt.entries = rt.entries.filter((e) => t < e.expiresAt);
    for (const e of expired.filter((x) => x.target.endsWith('/32')))
      emit(m, { kind: 'world', at: t, description: `NHRP shortcut to ${e.remoteSpoke} via ${e.interface} expired` });
  }
  for (const destination of rt.flows) {
    const remote = m.world.remoteSpokeFor(destination);
    if (!remote || rt.entries.some((e) => e.remoteSpoke === remote.name)) continue;
    const pending = rt.pending.get(remote.name);
    if (pending) {
      if (t >= pending.answerAt) {
        rt.pending.delete(remote.name);
        install(m, remote.name, pending.tunnel);
      }
      continue;
    }
    const tunnel = exitTunnel(m, destination);
    const cfg = tunnel ? m.config.interfaces.get(tunnel) : undefined;
    if (!tunnel || cfg?.nhrp?.shortcutTemplate === undefined || cfg.nhrp.networkId === undefined) continue;
    const sa = m.rt.sas.find((s) => s.tunnelInterface === tunnel);
    const hub = sa ? m.world.hubByAddress(sa.peerAddress) : undefined;
    // The hub must be alive to redirect and relay; the remote spoke registered with it and reachable to answer.
    if (!sa || !hub?.up || !remote.up || remote.overlay[hub.name] === undefined || !m.world.reachable(sa.sourceInterface, remote.nbma))
      continue;
    rt.pending.set(remote.name, { answerAt: t + RESOLUTION_MS, tunnel });
  }
}

function install(m: RouterModel, remoteName: string, tunnel: string): void {
  const remote = m.world.remoteSpokes().find((s) => s.name === remoteName)!;
  const sa = m.rt.sas.find((s) => s.tunnelInterface === tunnel);
  const hub = sa ? m.world.hubByAddress(sa.peerAddress) : undefined;
  const overlay = hub ? remote.overlay[hub.name] : undefined;
  if (!overlay) return;
  const t = now(m);
  const holdSec = m.config.interfaces.get(tunnel)?.nhrp?.holdtimeSec ?? NHRP_DEFAULT_HOLDTIME_SEC;
  const va = `Virtual-Access${m.rt.nhrp.nextVirtualAccess++}`;
  const base = {
    via: overlay,
    interface: va,
    nbma: remote.nbma,
    createdAt: t,
    expiresAt: t + holdSec * 1000,
    cloud: tunnel,
    remoteSpoke: remote.name,
  };
  m.rt.nhrp.entries.push(
    { ...base, target: remote.lan, flags: ['router', 'rib', 'nho'], attributes: 'DT2' },
    { ...base, target: `${overlay}/32`, flags: ['router', 'nhop', 'rib', 'nho'], attributes: 'DT1' },
  );
  emit(m, { kind: 'world', at: t, description: `NHRP shortcut to ${remote.name} (${remote.lan}) via ${va} through ${tunnel}` });
}

/** The shortcut routes (`H`) the cache installs. */
export function nhrpRoutes(m: RouterModel): NhrpInput[] {
  return m.rt.nhrp.entries.map((e) => ({ prefix: e.target, via: e.via, interface: e.interface, installedAt: e.createdAt }));
}
