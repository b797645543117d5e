/**
 * The world outside the router: its WAN links, the hubs, and the quality of
 * each (WAN, target) path. The router asks it what a packet sent from a WAN
 * towards an address would experience; scenarios change it.
 */
import { advanceChain, gilbertFor, meanLoss, PACKET_SPACING_MS, stepChain, type ChainState, type LossSpec } from './loss-model.js';
import { applyPatch, classQuality, JITTER_HALF_WIDTH, lossOf, type PathPatch, type PathQuality, type TrafficKind } from './path-quality.js';
import { defaultDnsRecords, Dns } from './dns.js';
import type { SeededRandom } from './random.js';
import { isIPv4 } from 'node:net';

export type { LossSpec } from './loss-model.js';
export {
  JITTER_HALF_WIDTH,
  TRAFFIC_KINDS,
  type DscpImpairment,
  type KindLoss,
  type PathPatch,
  type PathQuality,
  type TrafficKind,
} from './path-quality.js';

export type WanKind = 'fibre' | 'lte';

export interface WanSpec {
  /** Canonical interface name: `GigabitEthernet0/0`, `Cellular0/1/0`. */
  interface: string;
  kind: WanKind;
  address: string;
  prefixLength: number;
  /** Next hop of the default route over this WAN; absent on point-to-point links (LTE). */
  gateway?: string;
  /** Carrier-grade NAT in front of the WAN: IKE floats to UDP 4500 (NAT-T detected inside). */
  natted: boolean;
  /** Physical link (carrier) state. */
  up: boolean;
  /** Link up but nothing passes (an LTE modem attached with a dead PDP context). */
  blackholed?: boolean;
}

export interface HubSpec {
  name: string;
  /** Public (peer) address the spoke's IKEv2 talks to. */
  address: string;
  /** The hub's tunnel-side address (BGP neighbour over the tunnel). */
  tunnelAddress: string;
  /** Address the hub pushes to the spoke's tunnel by IKEv2 config exchange. */
  pushedAddress: string;
  up: boolean;
  /** Summaries the hub pushes by IKEv2 routing, CIDR. */
  pushedRoutes: string[];
  /**
   * The hub's BGP speaker: `prefixes` numbered /24s for the failover lab's
   * eBGP sessions; for a dual-cloud spoke's iBGP (lab/router/bgp/) the routes
   * it `advertises` (its `aggregate-address ... summary-only`), its hold time
   * (IOS's 180 s unless given) and router ID.
   */
  bgp?: {
    remoteAs: number;
    prefixes: number;
    advertises?: HubBgpRoute[];
    holdSec?: number;
    routerId?: string;
    /** The hub's inbound policy toward spokes: a community a spoke tags its LAN with sets this local preference (`match community` / `set local-preference`). */
    communityLocalPref?: Record<string, number>;
  };
  /** How long the hub takes to answer each IKE exchange (overload, call admission); 0 when absent. */
  ikeDelayMs?: number;
  /** Maintenance drain: existing SAs live on, new IKE sessions are refused. */
  draining?: boolean;
  /** Bumped each time the hub's operator clears its sessions: an SA made before then is one the hub no longer holds. */
  sessionEpoch?: number;
}

/** A route a hub advertises over BGP, with the attributes it sends (IOS's defaults when absent). */
export interface HubBgpRoute {
  prefix: string;
  med?: number;
  localPref?: number;
  asPath?: number[];
  origin?: 'i' | 'e' | '?';
  communities?: string[];
}

/** A route a hub learned from a spoke over BGP, as the spoke sent it. */
export interface HubLearnedRoute {
  prefix: string;
  nextHop: string;
  med?: number;
  localPref?: number;
  asPath: number[];
  origin: 'i' | 'e' | '?';
  communities: string[];
}

/**
 * Target name for destinations that are not hubs (public anchors such as
 * 8.8.8.8). A scenario may also name one anchor by its address: it then has
 * a path of its own from every WAN, a copy of the internet one at that moment
 * (one operator rate-limiting ICMP does not make the others stop answering).
 */
export const INTERNET = 'internet';

/**
 * Another spoke of the same clouds (dual-cloud world): its LAN is reached
 * through the hubs' summary until NHRP builds a shortcut to it.
 */
export interface RemoteSpokeSpec {
  name: string;
  /** Its public (NBMA) address. */
  nbma: string;
  /** Its LAN, CIDR. */
  lan: string;
  /** Its overlay address in each cloud, by hub name (what the hub knows it by: its registration). */
  overlay: Record<string, string>;
  up: boolean;
}

export interface WorldSpec {
  wans: WanSpec[];
  hubs: HubSpec[];
  /** Other spokes the hubs serve (NHRP shortcuts); none unless given. */
  spokes?: RemoteSpokeSpec[];
  /** Keyed by `${wanInterface}|${hubName or 'internet'}`; missing paths use `defaultQuality`. */
  paths?: Record<string, Partial<PathQuality>>;
  defaultQuality?: Partial<Record<string, PathQuality>>;
  /** Name -> IPv4 address, over the default `<hub>.example.net` records (lab/world/dns.ts). */
  dns?: Record<string, string>;
}

export interface ProbeOutcome {
  delivered: boolean;
  /** Round-trip time the packet took (meaningful when delivered). */
  rttMs: number;
  /** The leg that lost it, when one-way loss did; absent when the round trip as a whole (or reachability) did. */
  lostOn?: 'upstream' | 'downstream';
}

// Jitters of exactly 2/3 of the uniform noise (±2 ms, ±10 ms) the lab had before jitter meant IP SLA's.
const BASE_QUALITY: Record<string, PathQuality> = {
  fibre: { latencyMs: 12, jitterMs: 4 / 3, lossPct: 0, up: true },
  lte: { latencyMs: 45, jitterMs: 20 / 3, lossPct: 0, up: true },
};

export class World {
  private readonly wanMap = new Map<string, WanSpec>();
  private readonly hubMap = new Map<string, HubSpec>();
  private readonly spokeMap = new Map<string, RemoteSpokeSpec>();
  private readonly paths = new Map<string, PathQuality>();
  /** Anchor addresses a scenario gave a path of their own (see INTERNET). */
  private readonly anchors = new Set<string>();
  /** Gilbert–Elliott states, keyed by path, kind and component, with when their last packet passed. */
  private readonly chains = new Map<string, { state: ChainState; atMs: number }>();
  /** `address:port` of every TCP endpoint accepting connections (the IOx app's presence port, a server an IP SLA tcp-connect probes). */
  private readonly tcpListeners = new Set<string>();
  /** What each hub learned by BGP, by hub name then spoke (router hostname). */
  private readonly learned = new Map<string, Map<string, HubLearnedRoute[]>>();
  /** Lab time, once a router runs the world: bursts then last in time (loss-model.ts). */
  private now?: () => number;
  /** Name resolution for FQDN peers; scenarios fail it with `dns.setFailing(name | '*', true)`. */
  readonly dns: Dns;

  constructor(spec: WorldSpec) {
    this.dns = new Dns(defaultDnsRecords(spec.hubs, spec.dns));
    for (const w of spec.wans) this.wanMap.set(w.interface, { ...w });
    for (const h of spec.hubs) this.hubMap.set(h.name, { ...h, pushedRoutes: [...h.pushedRoutes] });
    for (const s of spec.spokes ?? []) this.spokeMap.set(s.name, structuredClone(s));
    for (const w of spec.wans) {
      for (const target of [INTERNET, ...spec.hubs.map((h) => h.name)]) {
        const base = spec.defaultQuality?.[w.kind] ?? BASE_QUALITY[w.kind]!;
        this.paths.set(key(w.interface, target), structuredClone({ ...base, ...spec.paths?.[key(w.interface, target)] }));
      }
    }
  }

  wans(): readonly WanSpec[] {
    return [...this.wanMap.values()];
  }

  hubs(): readonly HubSpec[] {
    return [...this.hubMap.values()];
  }

  wan(name: string): WanSpec | undefined {
    return this.wanMap.get(name);
  }

  hub(name: string): HubSpec | undefined {
    return this.hubMap.get(name);
  }

  remoteSpokes(): readonly RemoteSpokeSpec[] {
    return [...this.spokeMap.values()];
  }

  /** The remote spoke whose LAN holds `address`. */
  remoteSpokeFor(address: string): RemoteSpokeSpec | undefined {
    const n = (a: string): number => a.split('.').reduce((x, o) => x * 256 + Number(o), 0);
    return this.remoteSpokes().find((s) => {
      const [net, len] = s.lan.split('/');
      const size = 2 ** (32 - Number(len));
      return Math.floor(n(address) / size) === Math.floor(n(net!) / size);
    });
  }

  setRemoteSpokeUp(name: string, up: boolean): void {
    const s = this.spokeMap.get(name);
    if (!s) throw new RangeError(`unknown spoke ${name}`);
    s.up = up;
  }

  hubByAddress(address: string): HubSpec | undefined {
    return this.hubs().find((h) => h.address === address);
  }

  /** The path from a WAN to a destination address: the hub's path, the anchor's own, else the internet one. */
  targetOf(address: string): string {
    return this.hubByAddress(address)?.name ?? (this.anchors.has(address) ? address : INTERNET);
  }

  path(wan: string, target: string): PathQuality {
    const p = this.paths.get(key(wan, target));
    if (!p) throw new RangeError(`no path ${wan} -> ${target}`);
    return structuredClone(p);
  }

  /** Whether packets could pass at all (ignoring random loss): link up and not black-holed, hub alive, path up. */
  reachable(wan: string, address: string): boolean {
    const w = this.wanMap.get(wan);
    if (!w?.up || w.blackholed) return false;
    const target = this.targetOf(address);
    const hub = this.hubMap.get(target);
    if (hub && !hub.up) return false;
    return this.paths.get(key(wan, target))?.up ?? false;
  }

  /**
   * One round trip of `kind` from `wan` to `address`, marked `dscp`: lost, or
   * delivered with an RTT around the latency (see PathQuality.jitterMs). The
   * RTT is drawn before the loss, one draw each for plain loss, as the lab
   * always did; a class impairment's loss is one more draw, only when the
   * path has one for that DSCP (so unmarked traffic draws as before).
   */
  probe(wan: string, address: string, rng: SeededRandom, kind: TrafficKind = 'icmp', dscp = 0): ProbeOutcome {
    if (!this.reachable(wan, address)) return { delivered: false, rttMs: 0 };
    const pathKey = key(wan, this.targetOf(address));
    const p = this.paths.get(pathKey)!;
    const q = classQuality(p, dscp);
    const a = q.jitterMs * JITTER_HALF_WIDTH;
    const spikes = p.delaySpikes;
    // Drawn only on a path with spikes, so every other path draws as before.
    const spikeMs = spikes && rng.chance(spikes.pct) ? rng.between(spikes.minMs, spikes.maxMs) : 0;
    const rttMs = Math.max(1, Math.round(q.latencyMs + rng.between(-a, a) + spikeMs));
    const loss = lossOf(p, kind);
    // The way out, the round trip as a whole, the way back: a packet lost early never meets the later components.
    const lostBy = (['upstream', 'roundTrip', 'downstream'] as const).find((c) => this.loses(`${pathKey}|${kind}|${c}`, loss[c], rng));
    if (lostBy === undefined)
      return q.extraLossPct > 0 && rng.chance(q.extraLossPct) ? { delivered: false, rttMs } : { delivered: true, rttMs };
    return lostBy === 'roundTrip' ? { delivered: false, rttMs } : { delivered: false, rttMs, lostOn: lostBy };
  }

  /** What data traffic marked `dscp` meets from `wan` to `address` on average: latency, jitter, loss (100 when unreachable). */
  classTruth(wan: string, address: string, dscp: number): { latencyMs: number; jitterMs: number; lossPct: number } {
    const base = this.meanLossPct(wan, address, 'data');
    if (base >= 100) return { latencyMs: Infinity, jitterMs: Infinity, lossPct: 100 };
    const q = classQuality(this.paths.get(key(wan, this.targetOf(address)))!, dscp);
    return { latencyMs: q.latencyMs, jitterMs: q.jitterMs, lossPct: 100 - (100 - base) * (1 - q.extraLossPct / 100) };
  }

  /** Mean share of `kind` round trips lost, percent: 100 when unreachable (what per-second counters need). */
  meanLossPct(wan: string, address: string, kind: TrafficKind): number {
    if (!this.reachable(wan, address)) return 100;
    const loss = lossOf(this.paths.get(key(wan, this.targetOf(address)))!, kind);
    if (!loss.upstream && !loss.downstream)
      return loss.roundTrip?.burst === undefined ? (loss.roundTrip?.pct ?? 0) : meanLoss(loss.roundTrip) * 100;
    return (1 - (1 - meanLoss(loss.upstream)) * (1 - meanLoss(loss.roundTrip)) * (1 - meanLoss(loss.downstream))) * 100;
  }

  /** The hub's IKE response delay, by hub name or address; 0 for an address that is no hub. */
  ikeDelayMs(hub: string): number {
    return this.hubNamed(hub)?.ikeDelayMs ?? 0;
  }

  /** False while the hub (name or address) is draining: it refuses new IKE sessions but keeps its SAs. */
  hubAcceptsNewSessions(hub: string): boolean {
    return !this.hubNamed(hub)?.draining;
  }

  /** The hub's (name or address) session generation; 0 for an address that is no hub. */
  hubSessionEpoch(hub: string): number {
    return this.hubNamed(hub)?.sessionEpoch ?? 0;
  }

  private hubNamed(nameOrAddress: string): HubSpec | undefined {
    return this.hubMap.get(nameOrAddress) ?? this.hubByAddress(nameOrAddress);
  }

  /** Gives the world lab time: a burst then covers time, not a count of one kind's packets. */
  attachClock(now: () => number): void {
    this.now = now;
  }

  /**
   * One packet through one loss component; bursty components advance their
   * chain, by the time since its last packet when the world has a clock
   * (one step per packet otherwise: back-to-back packets).
   */
  private loses(chainKey: string, spec: LossSpec | undefined, rng: SeededRandom): boolean {
    if (!spec || spec.pct <= 0) return false;
    if (spec.burst === undefined) return rng.chance(spec.pct);
    const ge = gilbertFor(spec);
    const atMs = this.now?.() ?? 0;
    const last = this.chains.get(chainKey);
    const idleSteps = last && this.now ? Math.floor((atMs - last.atMs) / PACKET_SPACING_MS) - 1 : 0;
    const { lost, next } = stepChain(ge, advanceChain(ge, last?.state ?? 'good', idleSteps, rng), rng);
    this.chains.set(chainKey, { state: next, atMs });
    return lost;
  }

  /** Whether a TCP connection to `address`:`port` would be accepted (a host that is not listening answers with a reset). */
  tcpListening(address: string, port: number): boolean {
    return this.tcpListeners.has(`${address}:${port}`);
  }

  // ---------------------------------------------------------------- changes (scenarios)

  /** Opens or closes a TCP listener: the harness maps the agent's presence port here, so the router's tcp-connect probe finds it. */
  setTcpListener(address: string, port: number, open: boolean): void {
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new RangeError(`bad TCP port ${port}`);
    if (open) this.tcpListeners.add(`${address}:${port}`);
    else this.tcpListeners.delete(`${address}:${port}`);
  }

  /** Changes a path; `target` `*` changes the WAN's paths to every hub and the internet (anchors with paths of their own included). */
  setPath(wan: string, target: string, patch: PathPatch): void {
    for (const t of this.targetsOf(wan, target)) applyPatch(this.paths.get(key(wan, t))!, patch);
  }

  /**
   * The targets `target` names from `wan` (`*`: every hub and the internet;
   * `internet`: every destination that is no hub); throws on unknown names.
   * An anchor's address gets its own paths the first time it is named.
   */
  targetsOf(wan: string, target: string): string[] {
    if (!this.wanMap.has(wan)) throw new RangeError(`unknown WAN ${wan}`);
    if (isIPv4(target) && !this.hubByAddress(target)) this.giveAnchorItsOwnPaths(target);
    const internet = [INTERNET, ...this.anchors];
    const targets = target === '*' ? [...internet, ...this.hubMap.keys()] : target === INTERNET ? internet : [target];
    for (const t of targets) if (!this.paths.has(key(wan, t))) throw new RangeError(`unknown path target ${t}`);
    return targets;
  }

  private giveAnchorItsOwnPaths(address: string): void {
    if (this.anchors.has(address)) return;
    this.anchors.add(address);
    for (const w of this.wanMap.keys()) this.paths.set(key(w, address), structuredClone(this.paths.get(key(w, INTERNET))!));
  }

  setWanUp(wan: string, up: boolean): void {
    this.wanNamed(wan).up = up;
  }

  /** An attached link that passes nothing: the interface stays up, every packet of every kind is lost. */
  setWanBlackholed(wan: string, blackholed: boolean): void {
    this.wanNamed(wan).blackholed = blackholed;
  }

  setHubUp(hub: string, up: boolean): void {
    this.hubOrThrow(hub).up = up;
  }

  setIkeDelay(hub: string, delayMs: number): void {
    if (!(delayMs >= 0)) throw new RangeError(`bad IKE delay ${delayMs}`);
    this.hubOrThrow(hub).ikeDelayMs = delayMs;
  }

  setHubDraining(hub: string, draining: boolean): void {
    this.hubOrThrow(hub).draining = draining;
  }

  /** The hub's operator clears every session (`clear crypto session` on the hub): the hub forgets its SAs and tells each spoke it can reach. */
  clearHubSessions(hub: string): void {
    const h = this.hubOrThrow(hub);
    h.sessionEpoch = (h.sessionEpoch ?? 0) + 1;
  }

  private hubOrThrow(hub: string): HubSpec {
    const h = this.hubMap.get(hub);
    if (!h) throw new RangeError(`unknown hub ${hub}`);
    return h;
  }

  private wanNamed(wan: string): WanSpec {
    const w = this.wanMap.get(wan);
    if (!w) throw new RangeError(`unknown WAN ${wan}`);
    return w;
  }

  /** Changes what a hub advertises by BGP (its sessions send the update on their next step). */
  setHubAdvertised(hub: string, routes: readonly HubBgpRoute[]): void {
    const h = this.hubOrThrow(hub);
    if (!h.bgp) throw new RangeError(`hub ${hub} runs no BGP`);
    h.bgp = { ...h.bgp, advertises: routes.map((r) => ({ ...r })) };
  }

  /** A spoke's BGP speaker records what it sent the hub (empty when the session is down). */
  setHubLearned(hub: string, spoke: string, routes: readonly HubLearnedRoute[]): void {
    const byHub = this.learned.get(hub) ?? new Map<string, HubLearnedRoute[]>();
    byHub.set(spoke, structuredClone([...routes]));
    this.learned.set(hub, byHub);
  }

  /** Routes the hub (name) holds from its spokes: what the spokes advertised to it. */
  hubLearned(hub: string): Array<HubLearnedRoute & { spoke: string }> {
    this.hubOrThrow(hub);
    return [...(this.learned.get(hub) ?? new Map<string, HubLearnedRoute[]>())].flatMap(([spoke, routes]) =>
      routes.map((r) => ({ ...structuredClone(r), spoke })),
    );
  }

  /**
   * The hub the rest of the network sends traffic for `prefix` back through
   * (return path): the hubs share what they learned from spokes by iBGP, so
   * the core picks as BGP does among the live hubs holding the prefix: the
   * highest local preference (a community the hub maps, else the one the
   * spoke sent, else 100), the shortest AS path, the lowest MED, then the
   * lowest hub router ID. Undefined when no live hub holds it.
   */
  returnHubFor(prefix: string): string | undefined {
    const candidates = this.hubs().flatMap((h) => {
      if (!h.up || !h.bgp) return [];
      const route = this.hubLearned(h.name).find((r) => r.prefix === prefix);
      if (!route) return [];
      const mapped = route.communities.map((c) => h.bgp!.communityLocalPref?.[c]).filter((x): x is number => x !== undefined);
      const localPref = mapped.length ? Math.min(...mapped) : (route.localPref ?? 100);
      return [
        { hub: h.name, localPref, asPath: route.asPath.length, med: route.med ?? 0, routerId: ipNumber(h.bgp.routerId ?? h.tunnelAddress) },
      ];
    });
    candidates.sort((a, b) => b.localPref - a.localPref || a.asPath - b.asPath || a.med - b.med || a.routerId - b.routerId);
    return candidates[0]?.hub;
  }

  /** Adds prefixes to what a hub pushes (a rogue route is just one nobody expected). */
  pushRoutes(hub: string, prefixes: readonly string[]): void {
    const h = this.hubOrThrow(hub);
    for (const p of prefixes) if (!h.pushedRoutes.includes(p)) h.pushedRoutes.push(p);
  }

  withdrawRoutes(hub: string, prefixes: readonly string[]): void {
    const h = this.hubOrThrow(hub);
    h.pushedRoutes = h.pushedRoutes.filter((p) => !prefixes.includes(p));
  }
}

function ipNumber(address: string): number {
  return address.split('.').reduce((n, o) => n * 256 + Number(o), 0);
}

function key(wan: string, target: string): string {
  return `${wan}|${target}`;
}
