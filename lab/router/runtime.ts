/** The router's moving state (what `show` commands print besides the configuration). */
import type { UpDown } from './config-model.js';
import type { DampeningState } from './dynamics/dampening.js';
import type { DpdState } from './dynamics/dpd.js';
import type { IkeExchange } from './dynamics/ike-exchange.js';
import type { SlaRuntime } from './dynamics/ip-sla.js';
import type { TrackRuntime } from './dynamics/track.js';
import type { LabRoute } from './dynamics/routes.js';
import type { IbgpNeighborRuntime } from './bgp/runtime.js';
import type { StaticTunnelRuntime } from './static-tunnel.js';
import { newNhrpRuntime, type NhrpRuntime } from './nhrp/engine.js';

export interface InterfaceCounters {
  packetsIn: number;
  bytesIn: number;
  packetsOut: number;
  bytesOut: number;
  broadcastsIn: number;
  interfaceResets: number;
  carrierTransitions: number;
}

export interface InterfaceRuntime {
  linkUp: boolean;
  protocolUp: boolean;
  lastChangeAt: number;
  lastInputAt?: number;
  lastOutputAt?: number;
  counters: InterfaceCounters;
  /** When `clear counters` last zeroed them; never when absent. */
  countersClearedAt?: number;
  /** IP Event Dampening, while `dampening` is configured. */
  dampening?: DampeningState;
}

export interface IpsecSaRuntime {
  inboundSpi: string;
  outboundSpi: string;
  inboundConnId: number;
  outboundConnId: number;
  createdAt: number;
  encaps: number;
  decaps: number;
  /** Kilobytes used, for `remaining key lifetime (k/sec)`. */
  kbUsed: number;
}

export interface IkeSaRuntime {
  tunnelId: number;
  sessionId: number;
  connId: number;
  client: string;
  tunnelInterface: string;
  peerSeq: number;
  peerAddress: string;
  sourceInterface: string;
  localAddress: string;
  /** 500, or 4500 once NAT-T floated the exchange. */
  port: number;
  natInside: boolean;
  createdAt: number;
  localSpi: string;
  remoteSpi: string;
  messageId: number;
  dpd: DpdState;
  ipsec: IpsecSaRuntime;
  pushedAddress: string;
  /** The hub's session generation when the SA was made (World.hubSessionEpoch): a later one means the hub no longer holds it. */
  hubEpoch: number;
}

export type NextChoice = { kind: 'first' } | { kind: 'after'; seq: number } | { kind: 'same'; seq: number };

export interface Negotiation {
  peerSeq: number;
  peerAddress: string;
  source: string;
  startedAt: number;
  /** IKE_SA_INIT, then IKE_AUTH: the second answered completes the SA. */
  exchange: 'IKE_SA_INIT' | 'IKE_AUTH';
  request: IkeExchange;
}

export interface ClientRuntime {
  phase: 'idle' | 'negotiating' | 'connected';
  negotiation?: Negotiation;
  /** The IKE SA of the connection, while connected. */
  tunnelId?: number;
  /** What the next selection starts from (DESIGN §4 reselection triggers). */
  next: NextChoice;
  /** Last source chosen, to report pivots. */
  lastSource?: string;
  /** Whether each tracked peer was a candidate at the last step, by seq: `peer reactivate` acts on a peer becoming one. */
  trackedCandidates?: ReadonlyMap<number, boolean>;
  /** Seqs of FQDN peers whose name did not resolve since the last connection (each reported once). */
  unresolved?: ReadonlySet<number>;
}

export interface BgpNeighborRuntime {
  address: string;
  remoteAs: number;
  state: 'Idle' | 'Active' | 'Established';
  upDownAt: number;
  msgRcvd: number;
  msgSent: number;
  prefixes: number;
  /** When an established SA lets the session come up. */
  establishAt?: number;
}

export interface LabRuntime {
  bootAt: number;
  slas: Map<number, SlaRuntime>;
  tracks: Map<number, TrackRuntime>;
  interfaces: Map<string, InterfaceRuntime>;
  clients: Map<string, ClientRuntime>;
  sas: IkeSaRuntime[];
  bgp: Map<string, BgpNeighborRuntime>;
  /** Sessions of `router bgp` (lab/router/bgp/speaker.ts), by neighbour address. */
  bgpSessions: Map<string, IbgpNeighborRuntime>;
  /** Fixed-peer tunnels (lab/router/static-tunnel.ts), by interface. */
  staticTunnels: Map<string, StaticTunnelRuntime>;
  /** NHRP cache, flows and resolutions (lab/router/nhrp/engine.ts). */
  nhrp: NhrpRuntime;
  routes: LabRoute[];
  nextTunnelId: number;
  nextSessionId: number;
  nextConnId: number;
  tableVersion: number;
  /** Stub objects' states set by EEM `action track set` (until `default-state` is entered again). */
  stubStates: Map<number, UpDown>;
}

export function newInterfaceRuntime(now: number, up: boolean): InterfaceRuntime {
  return {
    linkUp: up,
    protocolUp: up,
    lastChangeAt: now,
    counters: { packetsIn: 0, bytesIn: 0, packetsOut: 0, bytesOut: 0, broadcastsIn: 0, interfaceResets: 0, carrierTransitions: 0 },
  };
}

export function newRuntime(bootAt: number): LabRuntime {
  return {
    bootAt,
    slas: new Map(),
    tracks: new Map(),
    interfaces: new Map(),
    clients: new Map(),
    sas: [],
    bgp: new Map(),
    bgpSessions: new Map(),
    staticTunnels: new Map(),
    nhrp: newNhrpRuntime(),
    routes: [],
    nextTunnelId: 1,
    nextSessionId: 1,
    nextConnId: 2001,
    tableVersion: 1,
    stubStates: new Map(),
  };
}

export function trackStateOf(rt: LabRuntime): (id: number) => UpDown | undefined {
  return (id) => rt.tracks.get(id)?.state;
}
