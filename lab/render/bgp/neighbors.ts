/**
 * `show ip bgp neighbors [X]` in IOS 15 / IOS-XE's layout (public captures:
 * "BGP neighbor is A,  remote AS N, internal link", ` Fall over configured
 * for session` right after it, state and timers, capabilities, message
 * statistics, the IPv4 Unicast section with its route-maps and prefix
 * activity, then address tracking, connections and the last reset).
 */
import type { RouterModel } from '../../router/model.js';
import type { BgpNeighborConfig } from '../../router/bgp/config.js';
import { hubOf, routeToPeer, routerId } from '../../router/bgp/speaker.js';
import { totalMessages, type IbgpNeighborRuntime } from '../../router/bgp/runtime.js';
import { iosElapsed, padLeft } from '../format.js';
import { elapsedSec } from '../view.js';

const ago = (m: RouterModel, at: number | undefined): string => (at === undefined ? 'never' : iosElapsed(elapsedSec(m, at)));

function messageTable(s: IbgpNeighborRuntime): string[] {
  const row = (label: string, sent: number, rcvd: number): string => `    ${label.padEnd(14)}${padLeft(sent, 11)}${padLeft(rcvd, 11)}`;
  return [
    '  Message statistics:',
    '    InQ depth is 0',
    '    OutQ depth is 0',
    '    ',
    '                         Sent       Rcvd',
    row('Opens:', s.sent.opens, s.rcvd.opens),
    row('Notifications:', s.sent.notifications, s.rcvd.notifications),
    row('Updates:', s.sent.updates, s.rcvd.updates),
    row('Keepalives:', s.sent.keepalives, s.rcvd.keepalives),
    row('Route Refresh:', s.sent.refresh, s.rcvd.refresh),
    row('Total:', totalMessages(s.sent), totalMessages(s.rcvd)),
  ];
}

function neighborBlock(m: RouterModel, n: BgpNeighborConfig, s: IbgpNeighborRuntime): string[] {
  const asn = m.config.bgp!.asn;
  const up = s.state === 'Established';
  const hub = hubOf(m, n.address);
  const timers = n.timers ?? { keepaliveSec: 60, holdSec: 180 };
  const route = routeToPeer(m, n.address);
  const out = [
    `BGP neighbor is ${n.address},  remote AS ${n.remoteAs}, ${n.remoteAs === asn ? 'internal' : 'external'} link`,
    ...(n.fallOver ? [' Fall over configured for session'] : []),
    `  BGP version 4, remote router ID ${up ? (hub?.bgp?.routerId ?? n.address) : '0.0.0.0'}`,
    up
      ? `  BGP state = Established, up for ${ago(m, s.upDownAt)}`
      : `  BGP state = ${s.state}${s.establishedCount ? `, down for ${ago(m, s.upDownAt)}` : ''}`,
  ];
  if (up) {
    out.push(
      `  Last read ${ago(m, s.lastReadAt)}, last write ${ago(m, s.lastWriteAt)}, hold time is ${s.holdSec}, keepalive interval is ${s.keepaliveSec} seconds`,
    );
    if (n.timers) out.push(`  Configured hold time is ${timers.holdSec}, keepalive interval is ${timers.keepaliveSec} seconds`);
    out.push(
      '  Neighbor sessions:',
      '    1 active, is not multisession capable (disabled)',
      '  Neighbor capabilities:',
      '    Route refresh: advertised and received(new)',
      '    Four-octets ASN Capability: advertised and received',
      '    Address family IPv4 Unicast: advertised and received',
      '    Enhanced Refresh Capability: advertised and received',
      '    Multisession Capability: ',
      '    Stateful switchover support enabled: NO for session 1',
    );
  } else {
    out.push(
      '  Neighbor sessions:',
      '    0 active, is not multisession capable (disabled)',
      '    Stateful switchover support enabled: NO for session 0',
    );
  }
  out.push(...messageTable(s), '  Default minimum time between advertisement runs is 0 seconds', '', ' For address family: IPv4 Unicast');
  out.push(
    `  Session: ${n.address}`,
    `  BGP table version ${m.rt.tableVersion}, neighbor version ${up ? m.rt.tableVersion : 1}/0`,
    '  Output queue size : 0',
    '  Index 1, Advertise bit 0',
    '  1 update-group member',
  );
  if (n.sendCommunity) out.push('  Community attribute sent to this neighbor');
  if (n.routeMapIn) out.push('  Inbound path policy configured');
  if (n.routeMapOut) out.push('  Outbound path policy configured');
  if (n.routeMapIn) out.push(`  Route map for incoming advertisements is ${n.routeMapIn}`);
  if (n.routeMapOut) out.push(`  Route map for outgoing advertisements is ${n.routeMapOut}`);
  const bestFrom = [...s.received].length;
  out.push(
    '  Slow-peer detection is disabled',
    '  Slow-peer split-update-group dynamic is disabled',
    '                                 Sent       Rcvd',
    '  Prefix activity:               ----       ----',
    `    Prefixes Current:     ${padLeft(s.advertised.length, 11)} ${padLeft(s.received.length, 10)}${s.received.length ? ` (Consumes ${s.received.length * 80} bytes)` : ''}`,
    `    Prefixes Total:       ${padLeft(s.advertised.length, 11)} ${padLeft(s.received.length, 10)}`,
    `    Implicit Withdraw:    ${padLeft(0, 11)} ${padLeft(0, 10)}`,
    `    Explicit Withdraw:    ${padLeft(0, 11)} ${padLeft(0, 10)}`,
    `    Used as bestpath:     ${padLeft('n/a', 11)} ${padLeft(bestFrom, 10)}`,
    `    Used as multipath:    ${padLeft('n/a', 11)} ${padLeft(0, 10)}`,
    '',
    '                                   Outbound    Inbound',
    '  Local Policy Denied Prefixes:    --------    -------',
    ...(s.deniedIn ? [`    route-map:                     ${padLeft('0', 8)} ${padLeft(s.deniedIn, 10)}`] : []),
    `    Total:                         ${padLeft('0', 8)} ${padLeft(s.deniedIn, 10)}`,
    '',
    `  Address tracking is enabled, the RIB ${route ? 'does' : 'does not'} have a route to ${n.address}`,
    `  Route to peer address reachability Up: ${s.routeUpCount}; Down: ${s.routeDownCount}`,
    `  Connections established ${s.establishedCount}; dropped ${s.droppedCount}`,
    s.lastReset ? `  Last reset ${ago(m, s.lastReset.at)}, due to ${s.lastReset.reason}` : '  Last reset never',
    `  Interface associated: ${route?.interface ?? '(none)'} (peering address NOT in same link)`,
    '  Transport(tcp) path-mtu-discovery is enabled',
    '  Graceful-Restart is disabled',
    '  SSO is disabled',
    up ? 'Connection state is ESTAB, I/O status: 1, unread input bytes: 0' : '  No active TCP connection',
  );
  if (up)
    out.push(
      `Local host: ${route?.interface ? routerIdOrTunnel(m, route.interface) : routerId(m)}, Local port: 179`,
      `Foreign host: ${n.address}, Foreign port: 179`,
    );
  return out;
}

function routerIdOrTunnel(m: RouterModel, tunnel: string): string {
  const sa = m.rt.sas.find((x) => x.tunnelInterface === tunnel);
  return sa?.pushedAddress ?? routerId(m);
}

export function renderBgpNeighbors(m: RouterModel, address?: string): string {
  const cfg = m.config.bgp;
  if (!cfg) return '% BGP not active';
  const list = [...cfg.neighbors.values()].filter((n) => address === undefined || n.address === address);
  if (address !== undefined && list.length === 0) return '% No such neighbor or address family';
  return list
    .flatMap((n) => {
      const s = m.rt.bgpSessions.get(n.address);
      return s ? [...neighborBlock(m, n, s), ''] : [];
    })
    .join('\n');
}
