/**
 * The spoke-side configuration a dual-cloud agent file expects, for an
 * operator to review and paste (`spokepilot config ios`): probes through
 * each hub's tunnel (a candidate's first operation an icmp-echo, which a
 * quality track can follow; any further ones icmp-jitter runs, for loss and
 * jitter), the agent's route-maps (neutral: one empty `permit 10`
 * each, so BGP decides alone until the agent steers), and the neighbour lines
 * that apply them, with communities sent when the return path is tagged by
 * one. The tunnels, BGP sessions and timers are the operator's (Cisco's
 * dual-cloud example); the hub side is in the README. It passes the dual-cloud
 * preflight by construction. Pure.
 */
import type { DualCloudConfig } from './config.js';
import { probeTimeoutMs } from '../ios-config-probes.js';
import { ROUTE_MAP_SEQ } from './plan.js';

/**
 * An icmp-jitter run: packets, and milliseconds between them. Spread over 2 s of every few, so
 * that the lab's loss bursts (lasting in time) meet many runs: on its own windows the agent took
 * 78 s (median of 10 seeds, dual-cloud-hub1-loss-brownout) to judge 12 % loss with ten packets
 * 20 ms apart, 34 s with fifty 40 ms apart.
 */
const JITTER_PACKETS = 50;
const JITTER_INTERVAL_MS = 40;

export interface DualCloudIosInput {
  dualCloud: DualCloudConfig;
  candidates: readonly { id: string; peer: string; source: string; slaOperations: readonly number[] }[];
  /** How often the agent reads the probes (polling.slaSec): the probes need not run faster. */
  probeFrequencySec: number;
  /** policy.fail.rttMs: the service level, as the probes' threshold. */
  serviceLevelRttMs: number;
}

/**
 * A threshold reaction on every measurement over the level (a run's is its packets' average):
 * the `%RTT-3-IPSLATHRESHOLD` line wakes the agent's read of the probes as that probe lands. The
 * agent judges, not the reaction: one slow echo moves nothing; the latest echo and run both slow,
 * or two in a row of one, do (core/policy/latest-breaches.ts).
 */
const rttReaction = (op: number, thresholdMs: number): string =>
  `ip sla reaction-configuration ${op} react rtt threshold-value ${thresholdMs} ${thresholdMs} threshold-type immediate action-type trapOnly`;

export function dualCloudIos(i: DualCloudIosInput): string {
  const d = i.dualCloud;
  const out: string[] = ['! spokepilot: dual-cloud spoke, the pieces the agent steers and reads (review before pasting)'];
  out.push('!', "! Probes through each hub's tunnel: what the users' traffic to that hub meets.");
  // As the failover design's path probes (agent/core/ios-config-probes.ts): the service level as the
  // threshold, a timeout IP SLA accepts with it, and no faster than the agent reads them.
  const thresholdMs = Math.round(i.serviceLevelRttMs);
  const timeoutMs = probeTimeoutMs(thresholdMs);
  const frequency = Math.max(1, Math.round(i.probeFrequencySec), Math.ceil(timeoutMs / 1000));
  for (const c of i.candidates) {
    const [echo, ...runs] = c.slaOperations;
    if (echo !== undefined) {
      out.push(
        `ip sla ${echo}`,
        ` icmp-echo ${c.peer} source-interface ${c.source}`,
        ` threshold ${thresholdMs}`,
        ` timeout ${timeoutMs}`,
        ` frequency ${frequency}`,
        `ip sla schedule ${echo} life forever start-time now`,
        rttReaction(echo, thresholdMs),
      );
    }
    // Loss and jitter over many packets: ICMP timestamp packets per run ("IP SLAs ICMP Jitter
    // Operation", no responder needed), to the hub's overlay address, so by the route to it: the
    // hub's own tunnel. One echo every few seconds cannot tell 12 % loss from bad luck.
    // A run (its packets, then the timeout for the last) ends before the next starts.
    const runFrequency = Math.max(frequency, Math.ceil((JITTER_PACKETS * JITTER_INTERVAL_MS + timeoutMs) / 1000));
    for (const op of runs) {
      out.push(
        `ip sla ${op}`,
        ` icmp-jitter ${c.peer} interval ${JITTER_INTERVAL_MS} num-packets ${JITTER_PACKETS}`,
        ` threshold ${thresholdMs}`,
        ` timeout ${timeoutMs}`,
        ` frequency ${runFrequency}`,
        `ip sla schedule ${op} life forever start-time now`,
        rttReaction(op, thresholdMs),
      );
    }
  }
  out.push('ip sla logging traps');
  out.push('!', "! The agent's route-maps, neutral: it adds and removes their set lines, nothing else.");
  for (const h of d.hubs)
    out.push(`route-map ${h.routeMapIn} permit ${ROUTE_MAP_SEQ}`, `route-map ${h.routeMapOut} permit ${ROUTE_MAP_SEQ}`);
  out.push('!', `router bgp ${d.asn}`);
  for (const h of d.hubs) {
    out.push(` neighbor ${h.neighbor} route-map ${h.routeMapIn} in`, ` neighbor ${h.neighbor} route-map ${h.routeMapOut} out`);
    if ('community' in d.returnPath) out.push(` neighbor ${h.neighbor} send-community both`);
  }
  out.push('!', 'ip bgp-community new-format');
  return out.join('\n');
}
