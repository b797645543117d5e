/**
 * `show ip route A.B.C.D`: the most specific route covering the address, in
 * IOS 15's "Routing entry for" layout (captures of IOS 15 in public lab
 * write-ups: connected, static and BGP entries). As on IOS, the default route
 * answers only for 0.0.0.0 itself; an address nothing else covers is
 * "% Network not in table", or "% Subnet not in table" when its classful
 * network is in the table as subnets.
 */
import type { RouterModel } from '../router/model.js';
import { networkOf, numberToIp, splitPrefix, ipToNumber, type LabRoute } from '../router/dynamics/routes.js';
import { iosElapsed } from './format.js';
import { elapsedSec } from './view.js';

export function renderRouteEntry(m: RouterModel, address: string): string {
  const route = coveringRoute(m.rt.routes, address);
  if (!route) return notInTable(m.rt.routes, address);
  const [network, length] = splitPrefix(route.prefix);
  const supernet = length < classfulLength(network) ? ', supernet' : '';
  return [`Routing entry for ${route.prefix}${supernet}`, ...body(m, route)].join('\n');
}

/** Longest match, the host's own /32 included (IOS shows the `L` entry for an interface address). */
function coveringRoute(routes: readonly LabRoute[], address: string): LabRoute | undefined {
  let best: LabRoute | undefined;
  for (const r of routes) {
    const [network, length] = splitPrefix(r.prefix);
    if (length === 0 && address !== '0.0.0.0') continue;
    if (networkOf(address, length) !== numberToIp(network)) continue;
    if (!best || length > splitPrefix(best.prefix)[1]) best = r;
  }
  return best;
}

function body(m: RouterModel, r: LabRoute): string[] {
  const metric = `Route metric is ${r.metric}, traffic share count is 1`;
  switch (r.code) {
    case 'C':
    case 'L':
      return [
        `  Known via "connected", distance 0, metric 0 (connected${r.code === 'C' ? ', via interface' : ''})`,
        '  Routing Descriptor Blocks:',
        `  * directly connected, via ${r.interface}`,
        `      ${metric}`,
      ];
    case 'S': {
      const direct = r.via === undefined;
      const known = `  Known via "static", distance ${r.distance}, metric ${r.metric}${direct ? ' (connected)' : ''}${r.candidateDefault ? ', candidate default path' : ''}`;
      return [
        known,
        '  Routing Descriptor Blocks:',
        direct ? `  * directly connected, via ${r.interface}` : `  * ${r.via}`,
        `      ${metric}`,
      ];
    }
    case 'H': {
      // Modelled on the BGP entry's layout (no capture of an NHRP entry found; unverified).
      const ago = `${iosElapsed(r.installedAt === undefined ? 0 : elapsedSec(m, r.installedAt))} ago`;
      return [
        `  Known via "nhrp", distance ${r.distance}, metric ${r.metric}`,
        `  Last update from ${r.via} on ${r.interface}, ${ago}`,
        '  Routing Descriptor Blocks:',
        `  * ${r.via}, from ${r.via}, ${ago}, via ${r.interface}`,
        `      ${metric}`,
        '      MPLS label: none',
      ];
    }
    case 'B': {
      const as = m.config.bgp?.asn ?? (m.opts.bgp === false ? 0 : m.opts.bgp.localAs);
      const peerAs = m.world.hubs().find((h) => h.tunnelAddress === r.via)?.bgp?.remoteAs ?? as;
      const external = peerAs !== as;
      const ago = `${iosElapsed(r.installedAt === undefined ? 0 : elapsedSec(m, r.installedAt))} ago`;
      // eBGP routes carry the neighbour's AS as their tag (route-views: "Tag 3267, type external").
      return [
        `  Known via "bgp ${as}", distance ${r.distance}, metric ${r.metric}`,
        external ? `  Tag ${peerAs}, type external` : '  type internal',
        `  Last update from ${r.via} ${ago}`,
        '  Routing Descriptor Blocks:',
        `  * ${r.via}, from ${r.via}, ${ago}`,
        `      ${metric}`,
        `      AS Hops ${external ? 1 : 0}`,
        ...(external ? [`      Route tag ${peerAs}`] : []),
        '      MPLS label: none',
      ];
    }
  }
}

function notInTable(routes: readonly LabRoute[], address: string): string {
  const a = ipToNumber(address);
  const classLength = classfulLength(a);
  const major = networkOf(address, classLength);
  const subnetted = routes.some((r) => {
    const [network, length] = splitPrefix(r.prefix);
    return length > classLength && networkOf(numberToIp(network), classLength) === major;
  });
  return subnetted ? '% Subnet not in table' : '% Network not in table';
}

function classfulLength(address: number): number {
  const first = Math.floor(address / 2 ** 24);
  return first < 128 ? 8 : first < 192 ? 16 : 24;
}
