/** Options of one lab router; every field but the clock has a default. */
import type { Clock } from '../world/clock.js';
import type { WorldSpec } from '../world/world.js';
import { defaultWorldSpec } from '../world/default-world.js';
import { dualCloudWorldSpec } from '../world/dual-cloud-world.js';

/**
 * Which of Cisco's two FlexVPN redundant-hub designs the spoke runs:
 * `failover` (one tunnel, the FlexVPN client picks the hub) or `dual-cloud`
 * (a tunnel to each hub, iBGP chooses; lab/router/dual-cloud-config.ts).
 */
export type LabTopology = 'failover' | 'dual-cloud';
import { IOS_IKE_RETRANSMIT, type RetransmitTiming } from './dynamics/ike-exchange.js';

export interface SyslogTarget {
  host: string;
  port: number;
}

/** Packets per second through the tunnel while an SA is up; inbound arrives only if the path delivers. */
export interface TrafficRates {
  outPps: number;
  inPps: number;
  packetBytes: number;
}

export interface LabRouterOptions {
  clock: Clock;
  hostname?: string;
  /** `failover` unless given; picks the default world and boot configuration. */
  topology?: LabTopology;
  /** Seed of every random draw (jitter, loss, SPIs): same seed, same run. */
  seed?: number;
  world?: WorldSpec;
  /** IOS configuration text applied at boot; defaults to `defaultLabConfig()`. */
  config?: string;
  /**
   * R-U-THERE retransmissions after the first miss, one every retry interval.
   * IOS documents five and no knob (`crypto isakmp keepalive`: "retransmitting
   * R-U-THERE messages every <retry-interval> seconds with a maximum of five
   * retransmissions", blog.williampeters.com/?p=54). Not verified for IKEv2 on
   * IOS-XE, whose retransmissions might follow IKEv2's own backoff (audit D2).
   */
  dpdRetries?: number;
  /** IKEv2 request retransmission: IOS's (lab/router/dynamics/ike-exchange.ts) unless given. */
  ikeRetransmit?: RetransmitTiming;
  /**
   * Lab time each EEM `action cli command` takes (EEM writes it to a vty and reads the output back,
   * as any vty client does); 0, instant, unless given. The benches give it what a command of the
   * agent's costs, so both sides pay the same per command.
   */
  eemCliCommandMs?: number;
  /** `route accept any distance N` of the IKEv2 authorization policy. */
  routeAcceptDistance?: number;
  /** BGP neighbours over the tunnel (the hubs' tunnel addresses). */
  bgp?: { localAs: number; routerId?: string } | false;
  /** Traffic the LAN sends and receives through the tunnel (on-demand DPD probes only while it sends). */
  traffic?: TrafficRates;
  /** Where the router sends syslog (`logging host`); none when absent. */
  syslog?: SyslogTarget;
  /** Start converged (SLAs run, tracks settled, tunnel up) as a router that booted `uptimeSec` ago. */
  warmStart?: boolean;
  uptimeSec?: number;
}

export interface ResolvedOptions {
  clock: Clock;
  hostname: string;
  topology: LabTopology;
  seed: number;
  world: WorldSpec;
  config?: string;
  dpdRetries: number;
  eemCliCommandMs: number;
  ikeRetransmit: RetransmitTiming;
  routeAcceptDistance: number;
  bgp: { localAs: number; routerId?: string } | false;
  traffic: TrafficRates;
  syslog?: SyslogTarget;
  warmStart: boolean;
  uptimeSec: number;
}

export function resolveOptions(o: LabRouterOptions): ResolvedOptions {
  const resolved: ResolvedOptions = {
    clock: o.clock,
    hostname: o.hostname ?? 'spoke1',
    topology: o.topology ?? 'failover',
    seed: o.seed ?? 1,
    world: o.world ?? (o.topology === 'dual-cloud' ? dualCloudWorldSpec() : defaultWorldSpec()),
    dpdRetries: o.dpdRetries ?? 5,
    eemCliCommandMs: o.eemCliCommandMs ?? 0,
    ikeRetransmit: o.ikeRetransmit ?? IOS_IKE_RETRANSMIT,
    routeAcceptDistance: o.routeAcceptDistance ?? 1,
    bgp: o.bgp ?? false,
    traffic: o.traffic ?? { outPps: 20, inPps: 25, packetBytes: 420 },
    warmStart: o.warmStart ?? true,
    uptimeSec: o.uptimeSec ?? 3 * 86400 + 4 * 3600 + 17 * 60,
  };
  if (o.config !== undefined) resolved.config = o.config;
  if (o.syslog !== undefined) resolved.syslog = o.syslog;
  return resolved;
}
