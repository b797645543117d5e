/**
 * The path an IP SLA operation's packets take through the world.
 *
 * - Sourced from a WAN: out of that WAN in the clear, to the destination
 *   itself (the lab's stand-in for the host routes production configs add
 *   for each probe target); a private (RFC 1918) destination is unreachable
 *   that way.
 * - Routed into a FlexVPN tunnel (the hubs' pushed summaries, e.g. an
 *   address in the data centre behind the hubs, `icmp-echo 10.0.0.1
 *   source-interface Tunnel100`): ESP-encapsulated, so on the wire it is
 *   data traffic from the tunnel's current source WAN to its current hub. It
 *   sees that path's latency, jitter and data loss, follows every pivot, and
 *   times out while no SA carries it (tunnel down or re-negotiating: its
 *   routes are gone, or its source interface is down; or the hub cleared
 *   the SA and the spoke does not know yet).
 * - Anything else (a tunnel or LAN source whose destination is not behind
 *   the tunnel): sent, never answered.
 */
import type { TrafficKind } from '../world/world.js';
import { egressInterface, networkOf } from './dynamics/routes.js';
import { hubHoldsSa } from './ike-sa.js';
import { defaultRouteInterface, type RouterModel } from './model.js';

export type ProbePath =
  /** Nothing can be sent: the source interface is down (IOS's connectionLoss). */
  | { kind: 'unusable' }
  /** Sent out of `wan` towards `address` as `traffic`. */
  | { kind: 'wire'; wan: string; address: string; traffic: TrafficKind; tunnel?: string }
  /** Sent, but nothing on the way can deliver it. */
  | { kind: 'black-hole'; from: string };

/**
 * `source` is the configured source interface (undefined: none configured);
 * `clear` is the kind of traffic the operation is when it is not encapsulated.
 */
export function probePath(m: RouterModel, source: string | undefined, destination: string, clear: TrafficKind): ProbePath {
  if (source !== undefined && !m.rt.interfaces.get(source)?.protocolUp) return { kind: 'unusable' };
  if (source !== undefined && m.world.wan(source)) return inTheClear(m, source, destination, clear);
  const egress = egressInterface(m.rt.routes, destination);
  const sa = egress === undefined ? undefined : m.rt.sas.find((s) => s.tunnelInterface === egress);
  if (sa && !hubHoldsSa(m, sa)) return { kind: 'black-hole', from: sa.tunnelInterface };
  if (sa) return { kind: 'wire', wan: sa.sourceInterface, address: sa.peerAddress, traffic: 'data', tunnel: sa.tunnelInterface };
  if (source !== undefined) return { kind: 'black-hole', from: source };
  const wan = routedWan(m);
  return wan === undefined ? { kind: 'unusable' } : inTheClear(m, wan, destination, clear);
}

/** Out of a WAN unencrypted: nobody routes RFC 1918 space across the internet, so a data-centre address is unreachable that way. */
function inTheClear(m: RouterModel, wan: string, destination: string, traffic: TrafficKind): ProbePath {
  if (isPrivate(destination) && !m.world.hubByAddress(destination)) return { kind: 'black-hole', from: wan };
  return { kind: 'wire', wan, address: destination, traffic };
}

const PRIVATE: ReadonlyArray<[string, number]> = [
  ['10.0.0.0', 8],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
];

function isPrivate(address: string): boolean {
  return PRIVATE.some(([network, length]) => networkOf(address, length) === network);
}

/**
 * The WAN the default route leaves by. A route via a gateway carries no
 * interface in the lab's table, so it is the first WAN that is up, as the
 * static default routes are ordered (fibre first, LTE floating).
 */
function routedWan(m: RouterModel): string | undefined {
  return (
    defaultRouteInterface(m) ??
    m.world
      .wans()
      .map((w) => w.interface)
      .find((name) => m.rt.interfaces.get(name)?.protocolUp)
  );
}
