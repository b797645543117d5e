/**
 * One IP SLA tcp-connect run: a SYN to the destination's port and what comes
 * back (IOS measures the time to the SYN-ACK).
 *
 * - A host on a connected LAN (the IOx app, 192.168.5.2 behind
 *   GigabitEthernet5 192.168.5.1/30): no WAN in between, so about 1 ms and
 *   nothing lost. No random draw is made, so a router that also probes the
 *   agent's presence port draws every other probe's fate as one that does not
 *   (the agent arm's router and ios-tuned's see the same world for a seed).
 * - Anything else: along the path probe-path.ts picks (routed into the tunnel,
 *   or out of the WAN the routing table picks) as one data round trip.
 *
 * A SYN that arrives finds a listener (`world.tcpListening`): the handshake
 * completes, OK or Over threshold; or none, and the host answers with a
 * reset: No connection, known after that round trip (see SlaCode). A SYN
 * that is lost or not answered is a Timeout once the timeout has run.
 * `control enable` (IOS's default) first asks an IP SLA responder to open
 * the port; the world has no responders, so the lab connects as with
 * `control disable` (unverified what IOS returns when no responder answers).
 */
import type { IpSlaConfig } from './config-model.js';
import { judgeProbe, type RunOutcome } from './dynamics/ip-sla.js';
import { egressInterface } from './dynamics/routes.js';
import { addCounters } from './ike-sa.js';
import type { RouterModel } from './model.js';
import type { ProbePath } from './probe-path.js';
import { send, sourceIpPath } from './probe-send.js';
import type { TcpConnectConfig } from './ip-sla-config.js';

/** A tcp-connect's path: as any probe's, or to a host on a connected LAN. */
export type TcpPath = ProbePath | { kind: 'lan'; interface: string };

/** Round trip to a host on a directly connected LAN (the IOx app's virtual port). */
export const LAN_RTT_MS = 1;
/** A SYN or SYN-ACK/RST on the wire (IP and TCP headers with options), for the interface counters. */
const SEGMENT_BYTES = 60;

export function tcpConnectPath(m: RouterModel, tcp: TcpConnectConfig): TcpPath {
  const egress = egressInterface(m.rt.routes, tcp.destination);
  const onLan =
    egress !== undefined && !m.world.wan(egress) && !egress.startsWith('Tunnel') && m.rt.interfaces.get(egress)?.protocolUp === true;
  return onLan ? { kind: 'lan', interface: egress } : sourceIpPath(m, tcp, 'data');
}

export function runTcpConnect(
  m: RouterModel,
  cfg: IpSlaConfig,
  tcp: TcpConnectConfig,
  path: TcpPath,
  t: number,
): { outcome: RunOutcome; durationMs: number } {
  const timedOut = { outcome: { code: 'timeout' as const }, durationMs: cfg.timeoutMs };
  let rttMs: number;
  if (path.kind === 'lan') {
    addCounters(m, path.interface, 1, SEGMENT_BYTES, 1, SEGMENT_BYTES, t);
    rttMs = LAN_RTT_MS;
  } else {
    const syn = send(m, path, SEGMENT_BYTES, t);
    if (path.kind === 'unusable') return { ...timedOut, outcome: { code: 'timeout', connectionLost: true } };
    if (!syn.delivered) return timedOut;
    rttMs = syn.rttMs;
  }
  if (rttMs > cfg.timeoutMs) return timedOut;
  if (!m.world.tcpListening(tcp.destination, tcp.port))
    return { outcome: { code: 'no-connection', connectionLost: true }, durationMs: rttMs };
  return { outcome: judgeProbe(cfg, { delivered: true, rttMs }), durationMs: rttMs };
}
