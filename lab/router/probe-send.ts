/**
 * Sending an IP SLA operation's packets: along a probe path (probe-path.ts)
 * through the world, counted on the interfaces they cross.
 */
import type { ProbeOutcome, TrafficKind } from '../world/world.js';
import { addCounters } from './ike-sa.js';
import { interfaceAddress, type RouterModel } from './model.js';
import { probePath, type ProbePath } from './probe-path.js';

/** ESP and outer IP header per packet on the WAN, for a probe sent through a tunnel (as ike-sa.ts counts tunnel traffic). */
const ESP_OVERHEAD = 73;

/** The interface holding `address` (an operation's `source-ip`), if any does. */
function interfaceWith(m: RouterModel, address: string): string | undefined {
  for (const name of m.config.interfaces.keys()) if (interfaceAddress(m, name)?.address === address) return name;
  return undefined;
}

/** The path of an operation with an optional `source-ip`: from the interface holding it (none: nothing can be sent), else as routed. */
export function sourceIpPath(m: RouterModel, op: { sourceIp?: string; destination: string }, clear: TrafficKind): ProbePath {
  if (op.sourceIp === undefined) return probePath(m, undefined, op.destination, clear);
  const source = interfaceWith(m, op.sourceIp);
  return source === undefined ? { kind: 'unusable' } : probePath(m, source, op.destination, clear);
}

/**
 * One packet along `path`, marked `dscp` (an operation's `tos` >> 2; a tunnel copies
 * the inner ToS byte to the ESP header, so an in-tunnel probe keeps its class on the
 * wire): its fate, and the counters of the interfaces it crossed.
 */
export function send(m: RouterModel, path: ProbePath, bytes: number, t: number, dscp = 0): ProbeOutcome {
  if (path.kind === 'unusable') return { delivered: false, rttMs: 0 };
  if (path.kind === 'black-hole') {
    addCounters(m, path.from, 0, 0, 1, bytes, t);
    return { delivered: false, rttMs: 0 };
  }
  const probe = m.world.probe(path.wan, path.address, m.rng.sla, path.traffic, dscp);
  const back = probe.delivered ? 1 : 0;
  const overhead = path.tunnel === undefined ? 0 : ESP_OVERHEAD;
  if (path.tunnel !== undefined) addCounters(m, path.tunnel, back, back * bytes, 1, bytes, t);
  addCounters(m, path.wan, back, back * (bytes + overhead), 1, bytes + overhead, t);
  return probe;
}
