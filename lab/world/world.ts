/**
 * The world outside the router: its WAN links, the hubs, and the quality of
 * each (WAN, target) path. The router asks it what a packet sent from a WAN
 * towards an address would experience; scenarios change it.
 */
import { defaultDnsRecords, Dns } from './dns.js';
import type { SeededRandom } from './random.js';

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
  bgp?: { remoteAs: number; prefixes: number };
}

export interface PathQuality {
  latencyMs: number;
  jitterMs: number;
  lossPct: number;
  up: boolean;
}

/** Target name for destinations that are not hubs (public anchors such as 8.8.8.8). */
export const INTERNET = 'internet';

export interface WorldSpec {
  wans: WanSpec[];
  hubs: HubSpec[];
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
}

const BASE_QUALITY: Record<string, PathQuality> = {
  fibre: { latencyMs: 12, jitterMs: 2, lossPct: 0, up: true },
  lte: { latencyMs: 45, jitterMs: 10, lossPct: 0, up: true },
};

export class World {
  private readonly wanMap = new Map<string, WanSpec>();
  private readonly hubMap = new Map<string, HubSpec>();
  private readonly paths = new Map<string, PathQuality>();
  /** Name resolution for FQDN peers; scenarios fail it with `dns.setFailing(name | '*', true)`. */
  readonly dns: Dns;

  constructor(spec: WorldSpec) {
    this.dns = new Dns(defaultDnsRecords(spec.hubs, spec.dns));
    for (const w of spec.wans) this.wanMap.set(w.interface, { ...w });
    for (const h of spec.hubs) this.hubMap.set(h.name, { ...h, pushedRoutes: [...h.pushedRoutes] });
    for (const w of spec.wans) {
      for (const target of [INTERNET, ...spec.hubs.map((h) => h.name)]) {
        const base = spec.defaultQuality?.[w.kind] ?? BASE_QUALITY[w.kind]!;
        this.paths.set(key(w.interface, target), { ...base, ...spec.paths?.[key(w.interface, target)] });
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

  hubByAddress(address: string): HubSpec | undefined {
    return this.hubs().find((h) => h.address === address);
  }

  /** The path from a WAN to a destination address: the hub's path, else the internet one. */
  targetOf(address: string): string {
    return this.hubByAddress(address)?.name ?? INTERNET;
  }

  path(wan: string, target: string): PathQuality {
    const p = this.paths.get(key(wan, target));
    if (!p) throw new RangeError(`no path ${wan} -> ${target}`);
    return { ...p };
  }

  /** Whether packets could pass at all (ignoring random loss). */
  reachable(wan: string, address: string): boolean {
    const w = this.wanMap.get(wan);
    if (!w?.up) return false;
    const target = this.targetOf(address);
    if (target !== INTERNET && !this.hubMap.get(target)?.up) return false;
    return this.paths.get(key(wan, target))?.up ?? false;
  }

  /** One round trip from `wan` to `address`: lost or delivered with an RTT of latency ± jitter. */
  probe(wan: string, address: string, rng: SeededRandom): ProbeOutcome {
    if (!this.reachable(wan, address)) return { delivered: false, rttMs: 0 };
    const p = this.paths.get(key(wan, this.targetOf(address)))!;
    const rttMs = Math.max(1, Math.round(p.latencyMs + rng.between(-p.jitterMs, p.jitterMs)));
    return { delivered: !rng.chance(p.lossPct), rttMs };
  }

  // ---------------------------------------------------------------- changes (scenarios)

  /** Changes a path; `target` `*` changes the WAN's paths to every hub and the internet. */
  setPath(wan: string, target: string, patch: Partial<PathQuality>): void {
    if (!this.wanMap.has(wan)) throw new RangeError(`unknown WAN ${wan}`);
    const targets = target === '*' ? [INTERNET, ...this.hubMap.keys()] : [target];
    for (const t of targets) {
      const p = this.paths.get(key(wan, t));
      if (!p) throw new RangeError(`unknown path target ${t}`);
      Object.assign(p, patch);
    }
  }

  setWanUp(wan: string, up: boolean): void {
    const w = this.wanMap.get(wan);
    if (!w) throw new RangeError(`unknown WAN ${wan}`);
    w.up = up;
  }

  setHubUp(hub: string, up: boolean): void {
    const h = this.hubMap.get(hub);
    if (!h) throw new RangeError(`unknown hub ${hub}`);
    h.up = up;
  }

  /** Adds prefixes to what a hub pushes (a rogue route is just one nobody expected). */
  pushRoutes(hub: string, prefixes: readonly string[]): void {
    const h = this.hubMap.get(hub);
    if (!h) throw new RangeError(`unknown hub ${hub}`);
    for (const p of prefixes) if (!h.pushedRoutes.includes(p)) h.pushedRoutes.push(p);
  }

  withdrawRoutes(hub: string, prefixes: readonly string[]): void {
    const h = this.hubMap.get(hub);
    if (!h) throw new RangeError(`unknown hub ${hub}`);
    h.pushedRoutes = h.pushedRoutes.filter((p) => !prefixes.includes(p));
  }
}

function key(wan: string, target: string): string {
  return `${wan}|${target}`;
}
