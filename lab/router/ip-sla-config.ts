/**
 * IP SLA configuration beyond icmp-echo: the jitter and tcp-connect operations, proactive
 * threshold monitoring (`ip sla reaction-configuration`), reaction triggers,
 * `start-time pending` schedules and `ip sla logging traps`.
 */

/** `icmp-jitter DEST [interval MS] [num-packets N] [source-ip ADDR]` (IOS defaults: 20 ms, 10 packets). */
export interface IcmpJitterConfig {
  destination: string;
  sourceIp?: string;
  intervalMs: number;
  numPackets: number;
}

/** `udp-jitter DEST PORT [source-ip ADDR] [source-port P] [control enable|disable] [num-packets N] [interval MS]`. */
export interface UdpJitterConfig {
  destination: string;
  port: number;
  sourceIp?: string;
  sourcePort?: number;
  /** `control disable`: no IP SLA control message to the responder (enabled by default). */
  control: boolean;
  intervalMs: number;
  numPackets: number;
}

/**
 * `tcp-connect DEST PORT [source-ip ADDR] [source-port P] [control enable|disable]`:
 * one TCP handshake per run, its RTT the time to the SYN-ACK.
 */
export interface TcpConnectConfig {
  destination: string;
  port: number;
  sourceIp?: string;
  sourcePort?: number;
  /** `control disable`: connect straight to the port, no IP SLA control message to a responder first (enabled by default). */
  control: boolean;
}

export const JITTER_DEFAULTS = { intervalMs: 20, numPackets: 10 } as const;

export const REACTION_ELEMENTS = [
  'connectionLoss',
  'jitterAvg',
  'jitterDSAvg',
  'jitterSDAvg',
  'packetLossDS',
  'packetLossSD',
  'rtt',
  'timeout',
  'verifyError',
] as const;
export type ReactionElement = (typeof REACTION_ELEMENTS)[number];

/** Elements that are events (occurred or not) rather than values compared with thresholds. */
export const EVENT_ELEMENTS: ReadonlySet<ReactionElement> = new Set(['connectionLoss', 'timeout', 'verifyError']);

export type ThresholdType =
  | { kind: 'never' }
  | { kind: 'immediate' }
  | { kind: 'consecutive'; occurrences: number }
  | { kind: 'xofy'; x: number; y: number }
  | { kind: 'average'; measurements: number };

export type ReactionAction = 'none' | 'trapOnly' | 'triggerOnly' | 'trapAndTrigger';

export interface ReactionConfig {
  element: ReactionElement;
  thresholdType: ThresholdType;
  upper: number;
  lower: number;
  action: ReactionAction;
}

/** IOS's count default for consecutive, xofy and average (1-16). */
export const REACTION_COUNT_DEFAULT = 5;

/**
 * IOS's default threshold-value per element (IP SLA command reference,
 * "Default Threshold Values for Monitored Elements"): rtt 5000/3000 ms,
 * jitter 100/100 ms, packet loss 10000/10000 packets; events have none.
 */
export function defaultThresholds(element: ReactionElement): { upper: number; lower: number } {
  if (element === 'rtt') return { upper: 5000, lower: 3000 };
  if (element.startsWith('jitter')) return { upper: 100, lower: 100 };
  if (element.startsWith('packetLoss')) return { upper: 10000, lower: 10000 };
  return { upper: 0, lower: 0 };
}

export function defaultReaction(element: ReactionElement): ReactionConfig {
  return { element, thresholdType: { kind: 'never' }, ...defaultThresholds(element), action: 'none' };
}

export interface IpSlaGlobalConfig {
  /** Per operation, in the order configured (IOS numbers them `Index: 1, 2, ...`). */
  reactions: Map<number, ReactionConfig[]>;
  /** `ip sla reaction-trigger N TARGET`: the operations N's trigger actions start. */
  triggers: Map<number, number[]>;
  /** `ip sla schedule N [life L] start-time pending`: waiting for a trigger. */
  pending: Map<number, { lifeSec: number | 'forever' }>;
  /** `ip sla logging traps`: threshold events are also logged (`%RTT-3-IPSLATHRESHOLD`). */
  loggingTraps: boolean;
}

export function emptyIpSlaGlobal(): IpSlaGlobalConfig {
  return { reactions: new Map(), triggers: new Map(), pending: new Map(), loggingTraps: false };
}
