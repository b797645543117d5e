/**
 * The running configuration the lab models, as data. Only what the lab's
 * commands can set lives here; `show running-config` prints it back.
 */
import type { BgpConfig } from './bgp/config.js';
import type { NhrpInterfaceConfig } from './nhrp/config.js';
import { emptyPolicy, type PolicyConfig } from './route-map/config.js';
import {
  emptyIpSlaGlobal,
  type IcmpJitterConfig,
  type IpSlaGlobalConfig,
  type TcpConnectConfig,
  type UdpJitterConfig,
} from './ip-sla-config.js';

export type UpDown = 'up' | 'down';

export interface TunnelConfig {
  /** `tunnel source dynamic` (FlexVPN source pivot) or a fixed interface. */
  source?: 'dynamic' | string;
  /** `tunnel destination dynamic` (the FlexVPN client sets it) or a fixed peer address (dual-cloud spokes, lab/router/static-tunnel.ts). */
  destination?: 'dynamic' | string;
  protectionProfile?: string;
}

export interface InterfaceConfig {
  name: string;
  description?: string;
  shutdown: boolean;
  /** Fixed address, `negotiated` (LTE, FlexVPN config exchange), or none. */
  address?: { address: string; prefixLength: number } | 'negotiated';
  tunnel?: TunnelConfig;
  /** `dampening [...]` (IP Event Dampening); see dynamics/dampening.ts. */
  dampening?: DampeningConfig;
  /** NHRP on a tunnel (lab/router/nhrp/). */
  nhrp?: NhrpInterfaceConfig;
  /** `interface Virtual-TemplateN type tunnel`. */
  virtualTemplate?: boolean;
}

/** IOS defaults: half-life 5 s, reuse 1000, suppress 2000, max-suppress 20 s (4 x half-life). */
export interface DampeningConfig {
  halfLifeSec: number;
  reuse: number;
  suppress: number;
  maxSuppressSec: number;
  /** Penalty applied when the router reloads; absent when not configured. */
  restartPenalty?: number;
  /** What was typed after `dampening` (IOS prints the command back as entered). */
  words: string[];
}

interface TrackCommon {
  id: number;
  delayUpSec?: number;
  delayDownSec?: number;
}

/** A member of a `list threshold weight|percentage` track: `object M [weight W]` (weight 10 by default). */
export interface WeightedMember {
  id: number;
  weight: number;
}

/** A member of a `list boolean` track: `object M [not]`. */
export interface ListMember {
  id: number;
  negated: boolean;
}

export type TrackConfig =
  | (TrackCommon & { kind: 'stub-object'; defaultState: UpDown })
  | (TrackCommon & { kind: 'ip-sla'; operation: number; parameter: 'state' | 'reachability' })
  | (TrackCommon & { kind: 'interface'; interface: string; parameter: 'line-protocol' | 'ip-routing' })
  | (TrackCommon & { kind: 'list'; operator: 'and' | 'or'; objects: ListMember[] })
  /** `list threshold percentage|weight` with `threshold ... up X [down Y]`; absent thresholds take IOS's defaults. */
  | (TrackCommon & { kind: 'threshold'; by: 'percentage' | 'weight'; objects: WeightedMember[]; up?: number; down?: number });

export interface IpSlaConfig {
  id: number;
  icmpEcho?: { destination: string; sourceInterface?: string };
  icmpJitter?: IcmpJitterConfig;
  udpJitter?: UdpJitterConfig;
  tcpConnect?: TcpConnectConfig;
  /**
   * `tos N` (0-255, IOS default 0): the IPv4 ToS byte of the operation's packets; its top six
   * bits are the DSCP (`tos 184` is EF, 46), so the probe meets what that class meets.
   */
  tos?: number;
  /** IOS defaults: frequency 60 s, threshold 5000 ms, timeout 5000 ms. */
  frequencySec: number;
  thresholdMs: number;
  timeoutMs: number;
}

export interface FlexPeer {
  seq: number;
  /** IPv4 address; for an FQDN peer the address resolved when configured, '' when unresolved (or `dynamic`). */
  address: string;
  /** `peer N fqdn NAME [dynamic]`: without `dynamic` the name is resolved once, at configuration time. */
  fqdn?: { name: string; dynamic: boolean };
  track?: number;
  /** State the track must be in for the peer to be a candidate (`up` by default). */
  trackState: UpDown;
}

export interface FlexSource {
  seq: number;
  interface: string;
  track: number;
}

export interface FlexClientConfig {
  name: string;
  peers: FlexPeer[];
  sources: FlexSource[];
  backupGroup?: number;
  peerReactivate: boolean;
  /** `client connect Tunnel<n>`. */
  connectInterface?: string;
  /** `connect auto|manual|track N [up|down]`; absent is IOS's default, `auto`. */
  connect?: ClientConnect;
}

export type ClientConnect = { mode: 'auto' } | { mode: 'manual' } | { mode: 'track'; track: number; state: UpDown };

export interface DpdConfig {
  intervalSec: number;
  retryIntervalSec: number;
  mode: 'periodic' | 'on-demand';
}

export interface LoggingHost {
  address: string;
  port: number;
}

export interface RouterConfig {
  hostname: string;
  interfaces: Map<string, InterfaceConfig>;
  tracks: Map<number, TrackConfig>;
  slas: Map<number, IpSlaConfig>;
  /** Operations with `ip sla schedule N life forever start-time now`. */
  scheduled: Set<number>;
  flexClients: Map<string, FlexClientConfig>;
  dpd?: DpdConfig;
  loggingHosts: LoggingHost[];
  /** `ip vrf NAME`: VRFs that exist (no interface is placed in one yet, so their tables are empty). */
  vrfs: Set<string>;
  /** Reactions, triggers, pending schedules, `ip sla logging traps` (ip-sla-config.ts). */
  ipSla: IpSlaGlobalConfig;
  /** `event manager applet NAME` (lab/router/commands/eem.ts, lab/router/eem.ts). */
  applets: Map<string, AppletConfig>;
  /** `router bgp N` (lab/router/bgp/): absent until configured. */
  bgp?: BgpConfig;
  /** Route-maps, prefix-lists, community-lists (lab/router/route-map/). */
  policy: PolicyConfig;
}

export type AppletEvent =
  | { kind: 'track'; track: number; state: 'up' | 'down' | 'any' }
  | { kind: 'syslog'; pattern: string; occurs?: number; periodSec?: number }
  | { kind: 'timer'; timer: 'watchdog' | 'countdown'; timeSec: number }
  | { kind: 'none' };

export type AppletAction =
  | { label: string; kind: 'track-set'; track: number; state: UpDown }
  | { label: string; kind: 'cli'; command: string }
  | { label: string; kind: 'syslog'; msg: string };

export interface AppletConfig {
  name: string;
  event?: AppletEvent;
  actions: AppletAction[];
  /** When the applet (or its event line) was last registered: timers start here. */
  registeredAt: number;
}

/**
 * IOS's defaults. The `timeout` command reference says the default varies
 * with the operation type (an HTTP operation's is 60000 ms in a capture);
 * the lab gives tcp-connect the common 5000 ms (unverified for it).
 */
export const SLA_DEFAULTS = { frequencySec: 60, thresholdMs: 5000, timeoutMs: 5000 } as const;

/** The operation's type-specific part, whichever type it is; undefined before a type is chosen. */
export function operationOf(cfg: IpSlaConfig): object | undefined {
  return cfg.icmpEcho ?? cfg.icmpJitter ?? cfg.udpJitter ?? cfg.tcpConnect;
}

export function hasOperationType(cfg: IpSlaConfig | undefined): cfg is IpSlaConfig {
  return cfg !== undefined && operationOf(cfg) !== undefined;
}

export function emptyConfig(hostname: string): RouterConfig {
  return {
    hostname,
    interfaces: new Map(),
    tracks: new Map(),
    slas: new Map(),
    scheduled: new Set(),
    flexClients: new Map(),
    loggingHosts: [],
    vrfs: new Set(),
    ipSla: emptyIpSlaGlobal(),
    applets: new Map(),
    policy: emptyPolicy(),
  };
}

/** Peers in preference order (lower seq first), DESIGN §4. */
export function sortedPeers(client: FlexClientConfig): FlexPeer[] {
  return [...client.peers].sort((a, b) => a.seq - b.seq);
}

export function sortedSources(client: FlexClientConfig): FlexSource[] {
  return [...client.sources].sort((a, b) => a.seq - b.seq);
}
