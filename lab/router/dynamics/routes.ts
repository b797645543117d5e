/**
 * The routing table the lab computes: connected and local routes of up
 * interfaces, static default routes over the WANs, the summaries hubs push by
 * IKEv2 routing (static routes via the tunnel at the `route accept any
 * distance`), and BGP routes. For each prefix the lowest distance wins.
 */
export type RouteCode = 'C' | 'L' | 'S' | 'B' | 'H';

export interface LabRoute {
  /** CIDR. */
  prefix: string;
  code: RouteCode;
  candidateDefault: boolean;
  distance: number;
  metric: number;
  via?: string;
  interface?: string;
  /** Set for routes IOS prints with an age (dynamic protocols). */
  installedAt?: number;
}

export interface ConnectedInput {
  interface: string;
  address: string;
  prefixLength: number;
}

export interface StaticInput {
  prefix: string;
  distance: number;
  via?: string;
  interface?: string;
}

export interface BgpInput {
  prefix: string;
  via: string;
  installedAt: number;
  /** iBGP-learned (distance 200) rather than eBGP (20). */
  internal?: boolean;
  /** The path's MED, which IOS shows as the route's metric. */
  metric?: number;
}

/** An NHRP shortcut route (`H`, distance 250, metric 1) via the remote spoke's overlay address on a Virtual-Access. */
export interface NhrpInput {
  prefix: string;
  via: string;
  interface: string;
  installedAt: number;
}

export interface RouteInputs {
  connected: ConnectedInput[];
  statics: StaticInput[];
  bgp: BgpInput[];
  nhrp?: NhrpInput[];
}

const DISTANCE = { connected: 0, ebgp: 20, ibgp: 200 } as const;

export function computeRoutes(input: RouteInputs): LabRoute[] {
  const all: LabRoute[] = [];
  for (const c of input.connected) {
    all.push({
      prefix: `${networkOf(c.address, c.prefixLength)}/${c.prefixLength}`,
      code: 'C',
      candidateDefault: false,
      distance: DISTANCE.connected,
      metric: 0,
      interface: c.interface,
    });
    if (c.prefixLength < 32)
      all.push({
        prefix: `${c.address}/32`,
        code: 'L',
        candidateDefault: false,
        distance: DISTANCE.connected,
        metric: 0,
        interface: c.interface,
      });
  }
  for (const s of input.statics) {
    const route: LabRoute = { prefix: s.prefix, code: 'S', candidateDefault: s.prefix === '0.0.0.0/0', distance: s.distance, metric: 0 };
    if (s.via !== undefined) route.via = s.via;
    if (s.interface !== undefined) route.interface = s.interface;
    all.push(route);
  }
  for (const b of input.bgp) {
    all.push({
      prefix: b.prefix,
      code: 'B',
      candidateDefault: false,
      distance: b.internal ? DISTANCE.ibgp : DISTANCE.ebgp,
      metric: b.metric ?? 0,
      via: b.via,
      installedAt: b.installedAt,
    });
  }
  for (const h of input.nhrp ?? []) {
    all.push({
      prefix: h.prefix,
      code: 'H',
      candidateDefault: false,
      distance: 250,
      metric: 1,
      via: h.via,
      interface: h.interface,
      installedAt: h.installedAt,
    });
  }
  const best = new Map<string, LabRoute>();
  for (const r of all) {
    // A local /32 and a route to the same /32 are different entries in IOS's table.
    const key = r.code === 'L' ? `L ${r.prefix}` : r.prefix;
    const incumbent = best.get(key);
    if (!incumbent || r.distance < incumbent.distance) best.set(key, r);
  }
  return [...best.values()].sort(compareRoutes);
}

/** IOS lists routes by address, then by prefix length. */
export function compareRoutes(a: LabRoute, b: LabRoute): number {
  const [pa, la] = splitPrefix(a.prefix);
  const [pb, lb] = splitPrefix(b.prefix);
  return pa - pb || la - lb || a.code.localeCompare(b.code);
}

export function splitPrefix(prefix: string): [number, number] {
  const [addr, len] = prefix.split('/');
  return [ipToNumber(addr!), Number(len)];
}

export function ipToNumber(address: string): number {
  return address.split('.').reduce((n, octet) => n * 256 + Number(octet), 0);
}

export function numberToIp(n: number): string {
  return [24, 16, 8, 0].map((s) => Math.floor(n / 2 ** s) % 256).join('.');
}

export function networkOf(address: string, prefixLength: number): string {
  const size = 2 ** (32 - prefixLength);
  return numberToIp(Math.floor(ipToNumber(address) / size) * size);
}

export function lengthToMask(prefixLength: number): string {
  return numberToIp(prefixLength === 0 ? 0 : 2 ** 32 - 2 ** (32 - prefixLength));
}

/** Changes between two tables, by prefix and code, for the timeline. */
export function diffRoutes(before: readonly LabRoute[], after: readonly LabRoute[]): { added: string[]; removed: string[] } {
  const id = (r: LabRoute) => `${r.code} ${r.prefix}${r.interface ? ` ${r.interface}` : ''}${r.via ? ` via ${r.via}` : ''}`;
  const b = new Set(before.map(id));
  const a = new Set(after.map(id));
  return { added: [...a].filter((x) => !b.has(x)), removed: [...b].filter((x) => !a.has(x)) };
}

/** The table's most specific route covering `address` (local /32s aside): what IOS forwards a packet by. */
export function longestMatch(routes: readonly LabRoute[], address: string): LabRoute | undefined {
  let best: LabRoute | undefined;
  for (const r of routes) {
    if (r.code === 'L') continue;
    const [network, length] = splitPrefix(r.prefix);
    if (networkOf(address, length) !== numberToIp(network)) continue;
    if (!best || length > splitPrefix(best.prefix)[1]) best = r;
  }
  return best;
}

/** The interface a packet to `address` leaves by, resolving a next hop recursively (IOS's recursive lookup), at most a few levels deep. */
export function egressInterface(routes: readonly LabRoute[], address: string, depth = 0): string | undefined {
  const route = longestMatch(routes, address);
  if (route?.interface !== undefined) return route.interface;
  if (route?.via === undefined || depth >= 3) return undefined;
  return egressInterface(routes, route.via, depth + 1);
}
