/**
 * Records read from the health show commands: IP SLA operations, tracked
 * objects, interfaces. See common.ts for the conventions.
 */

/**
 * The completion codes of an IP SLA operation: those CISCO-RTTMON-TC-MIB's RttResponseSense
 * documents (the CLI prints them as words: `Over threshold`, `Sequence error`, `DNS query error`),
 * and `No connection`, the CLI's word for a probe that could not connect; `unknown` for IOS's
 * `Unknown` (an operation not yet run) and for any word not listed here. `OverThreshold`
 * still counts as reachable for a `reachability` track.
 */
export const SLA_RETURN_CODES = [
  'ok',
  'timeout',
  'over-threshold',
  'no-connection',
  'busy',
  'disconnected',
  'not-connected',
  'dropped',
  'sequence-error',
  'verify-error',
  'application-specific',
  'dns-server-timeout',
  'tcp-connect-timeout',
  'http-transaction-timeout',
  'dns-query-error',
  'http-error',
  'error',
  'mpls-lsp-echo-tx-error',
  'mpls-lsp-unreachable',
  'mpls-lsp-malformed-request',
  'mpls-lsp-reachable-not-fec',
  'unknown',
] as const;
export type SlaReturnCode = (typeof SLA_RETURN_CODES)[number];

/** `*` active, `^` inactive, `~` pending in `show ip sla summary`; the words in `... details`. */
export type SlaEntryState = 'active' | 'pending' | 'inactive' | 'unknown';

export interface MinAvgMaxMs {
  minMs: number;
  avgMs: number;
  maxMs: number;
}

/** One receiver row of a multicast operation (`oper-id status lossSD delay destination`). */
export interface SlaMulticastResponder {
  operId: number;
  returnCode: SlaReturnCode;
  returnCodeRaw: string;
  lossSd: number;
  /** `min/avg/max` as IOS prints it; IOS does not say the unit. */
  delayRaw: string;
  destination: string;
}

/**
 * What an IP SLA operation counted and measured, over its latest run (`show ip sla
 * statistics`) or over one aggregation interval (`show ip sla statistics aggregated`):
 * both print the same `Key: value` lines.
 */
export interface IpSlaMeasurements {
  /** `Type of operation:` as printed (`udp-jitter`, `mcast`); absent when IOS omits the line. */
  type?: string;
  successes?: number;
  failures?: number;
  /** udp-jitter / icmp-jitter blocks. */
  rttSamples?: number;
  rtt?: MinAvgMaxMs;
  oneWayLatencySamples?: number;
  latencySourceToDestination?: MinAvgMaxMs;
  latencyDestinationToSource?: MinAvgMaxMs;
  jitterSamples?: number;
  jitterSdSamples?: number;
  jitterDsSamples?: number;
  jitterSourceToDestination?: MinAvgMaxMs;
  jitterDestinationToSource?: MinAvgMaxMs;
  rttOverThreshold?: number;
  lossSourceToDestination?: number;
  lossDestinationToSource?: number;
  outOfSequence?: number;
  tailDrop?: number;
  packetLateArrival?: number;
  packetSkipped?: number;
  packetLossUnknownDirection?: number;
  icpif?: number;
  mos?: number;
  multicastResponders?: SlaMulticastResponder[];
}

/** One hop of a path-jitter operation (`Hop IP 10.1.1.2:` and the blocks under it). */
export interface SlaPathHop {
  address: string;
  latestRttMs?: number;
  rttSamples?: number;
  rtt?: MinAvgMaxMs;
  jitterSamples?: number;
  jitter?: MinAvgMaxMs;
  /** `Packet Loss (Timeout):` */
  packetLoss?: number;
  outOfSequence?: number;
  discardedSamples?: number;
}

/** One operation from `show ip sla statistics [N] [details]`. */
export interface IpSlaStatistics extends IpSlaMeasurements {
  operationId: number;
  /** Latest RTT; absent when IOS prints `NoConnection/Busy/Timeout`. */
  rttMs?: number;
  /** IOS's own text; a leading `*` means the clock was not authoritative. */
  startTime?: string;
  returnCode?: SlaReturnCode;
  returnCodeRaw?: string;
  operationTimeToLiveSec?: number | 'forever';
  overThresholdOccurred?: boolean;
  /** `Connection loss occurred:` / `Timeout occurred:` (details of 12.x and 15.x). */
  connectionLossOccurred?: boolean;
  timeoutOccurred?: boolean;
  /** udp-jitter details: `Jitter AVG:`, both directions together, in the operation's precision (ms). */
  jitterAvgMs?: number;
  /** path-jitter: one entry per `Hop IP` block, in path order. */
  pathHops?: SlaPathHop[];
  entryState?: SlaEntryState;
  entryStateRaw?: string;
  /** `never`, or IOS's time text. */
  lastReset?: string;
  latestDnsRttMs?: number;
  latestTcpConnectRttMs?: number;
  latestHttpTransactionRttMs?: number;
}

/**
 * One aggregation interval of one operation from `show ip sla statistics aggregated [N]`
 * (IOS-XE): the runs that started in it, an hour each unless `history hours-of-statistics-kept`
 * / `statistics` say otherwise. Its counts cover every run of the interval, not the latest.
 */
export interface IpSlaAggregatedStatistics extends IpSlaMeasurements {
  operationId: number;
  /** `Start Time Index:`, when the interval began: IOS's own text. */
  startTimeIndex: string;
  dnsRttMs?: number;
  tcpConnectRttMs?: number;
  httpTransactionRttMs?: number;
  /** A jitter operation's voice scores over the interval (`Voice Scores:` of 12.x and 15.x). */
  icpifMin?: number;
  icpifMax?: number;
  mosMin?: number;
  mosMax?: number;
}

/** One operation from `show ip sla summary`. */
export interface IpSlaSummary {
  operationId: number;
  type: string;
  destination: string;
  state: SlaEntryState;
  /** The code character (`*`) or the State column word (`Active`). */
  stateRaw: string;
  returnCode: SlaReturnCode;
  returnCodeRaw: string;
  /** Absent when the Stats column is `-`. */
  rttMs?: number;
  statsRaw: string;
  /** From `21 seconds ago`; absent when IOS prints a start time instead. */
  lastRunAgoSec?: number;
  lastRunRaw: string;
}

export type TrackType = 'ip-sla' | 'interface' | 'list' | 'stub-object' | 'route' | 'unknown';
export type TrackParameter =
  | 'state'
  | 'reachability'
  | 'line-protocol'
  | 'ip-routing'
  | 'metric-threshold'
  | 'boolean-and'
  | 'boolean-or'
  /** `show track brief` prints `boolean` without the operator. */
  | 'boolean'
  | 'threshold-weight'
  | 'threshold-percentage'
  | 'unknown';
export type TrackState = 'up' | 'down' | 'unknown';

/** A client of a track (`Tracked by:`), e.g. `HSRP Ethernet0/0 3`. */
export interface TrackClient {
  client: string;
  interface?: string;
  group?: string;
  raw: string;
}

/** An object of a track list (`object 2 not Down`). */
export interface TrackListObject {
  id: number;
  negated: boolean;
  /** `track N list threshold weight`: the object's weight (`object 1 weight 10 Up`). */
  weight?: number;
  state: TrackState;
}

/** One tracked object, from `show track [N]` or (fewer fields) `show track brief`. */
export interface Track {
  id: number;
  type: TrackType;
  typeRaw: string;
  /** SLA operation id, canonical interface name, or route prefix in CIDR. */
  instance?: string;
  parameter?: TrackParameter;
  parameterRaw?: string;
  state: TrackState;
  stateRaw?: string;
  /** Text IOS adds in parentheses after the state: `no ip route`, `RIP`, `hw down`. */
  stateDetail?: string;
  /** A change held back by `delay`: `delayed Up (1 sec remaining)`. */
  delayedState?: TrackState;
  delayedRemainingSec?: number;
  delayedDetail?: string;
  changes?: number;
  lastChangeSec?: number;
  delayUpSec?: number;
  delayDownSec?: number;
  /** Stub objects: the state set by `default-state`. */
  defaultState?: TrackState;
  latestReturnCode?: SlaReturnCode;
  latestReturnCodeRaw?: string;
  latestRttMs?: number;
  firstHopInterface?: string | 'unknown';
  previousFirstHopInterface?: string;
  metricThresholdDown?: number;
  metricThresholdUp?: number;
  /** A threshold list's down / up thresholds: a weight, or a percentage of its objects. */
  listThresholdDown?: number;
  listThresholdUp?: number;
  listObjects?: TrackListObject[];
  trackedBy?: TrackClient[];
}

export type InterfaceStatus = 'up' | 'down' | 'administratively-down' | 'deleted' | 'reset' | 'unknown';
export type LineProtocolState = 'up' | 'down' | 'unknown';

/** One row of `show ip interface brief`. */
export interface IpInterfaceBrief {
  name: string;
  /** Absent when IOS prints `unassigned`. */
  ipAddress?: string;
  ok: boolean;
  method: string;
  status: InterfaceStatus;
  statusRaw: string;
  protocol: LineProtocolState;
  protocolRaw: string;
}

export type FlowControl = 'on' | 'off' | 'unsupported' | 'unknown';
export type Duplex = 'full' | 'half' | 'auto' | 'unknown';

/** Counters of `show interfaces`; each is present only when IOS printed it. */
export interface InterfaceCounters {
  packetsInput?: number;
  bytesInput?: number;
  noBuffer?: number;
  broadcastsReceived?: number;
  /** The `(N IP multicasts)` / `(N multicasts)` part of `Received ... broadcasts`. */
  multicastsReceived?: number;
  runts?: number;
  giants?: number;
  throttles?: number;
  inputErrors?: number;
  crc?: number;
  frame?: number;
  overrun?: number;
  ignored?: number;
  abort?: number;
  watchdog?: number;
  /** The `N multicast` of the `watchdog` line. */
  multicast?: number;
  pauseInput?: number;
  dribble?: number;
  inputDrops?: number;
  packetsOutput?: number;
  bytesOutput?: number;
  underruns?: number;
  broadcastsSent?: number;
  multicastsSent?: number;
  outputErrors?: number;
  collisions?: number;
  interfaceResets?: number;
  unknownProtocolDrops?: number;
  babbles?: number;
  lateCollision?: number;
  deferred?: number;
  lostCarrier?: number;
  noCarrier?: number;
  pauseOutput?: number;
  outputBufferFailures?: number;
  outputBuffersSwappedOut?: number;
  outputDrops?: number;
  carrierTransitions?: number;
  /** `N restarts` of the controller (IOS 10-12.0 Ethernet). */
  restarts?: number;
  /** HSSI: unrecoverable errors of the applique. */
  applique?: number;
  /** ATM: `N OAM cells input, N OAM cells output`. */
  oamCellsInput?: number;
  oamCellsOutput?: number;
}

export interface InterfaceQueues {
  inputSize?: number;
  inputMax?: number;
  inputDrops?: number;
  inputFlushes?: number;
  totalOutputDrops?: number;
  strategy?: string;
  outputSize?: number;
  outputMax?: number;
  outputThreshold?: number;
  outputDrops?: number;
}

/** The `N minute input/output rate` lines. */
export interface InterfaceRates {
  intervalSec?: number;
  inputBitsPerSec?: number;
  inputPacketsPerSec?: number;
  outputBitsPerSec?: number;
  outputPacketsPerSec?: number;
}

export interface TunnelDetail {
  /** Absent when IOS prints `UNKNOWN` (no usable source yet). */
  sourceAddress?: string;
  sourceInterface?: string;
  /** Absent when IOS prints none or `::`. */
  destinationAddress?: string;
  /** `GRE/IP`, `IPSEC/IP`, `AURP`, as printed. */
  protocolTransport?: string;
  ttl?: number;
  transportMtu?: number;
  transmitBandwidthKbps?: number;
  receiveBandwidthKbps?: number;
  /** `Tunnel protection via IPSec (profile "FLEX")`. */
  protectionProfile?: string;
  /** `Tunnel linestate evaluation up` / `down - no output interface`. */
  linestate?: LineProtocolState;
  linestateReason?: string;
  transmitOnly?: boolean;
  vrf?: string;
}

/** One interface from `show interfaces [NAME]`. */
export interface InterfaceDetail {
  name: string;
  /** `down` when IOS says `administratively down` or `deleted`. */
  adminState: 'up' | 'down';
  operState: InterfaceStatus;
  operStateRaw: string;
  /** Absent for interfaces that print none (pseudowires). */
  lineProtocol?: LineProtocolState;
  lineProtocolRaw?: string;
  /** The parenthesised word after the line protocol: `connected`, `notconnect`, `disabled`, `err-disabled`, `suspended`. */
  lineProtocolDetail?: string;
  autostate?: 'enabled' | 'disabled';
  hardware?: string;
  /** False when IOS says `Hardware is not present` (an empty slot of a stack member). */
  hardwarePresent?: boolean;
  macAddress?: string;
  burnedInAddress?: string;
  description?: string;
  /** Primary address in CIDR. */
  ipAddress?: string;
  unnumberedInterface?: string;
  unnumberedAddress?: string;
  mtu?: number;
  /** Absent when IOS prints `BW not configured`. */
  bandwidthKbps?: number;
  delayUsec?: number;
  /** Out of 255. */
  reliability?: number;
  txLoad?: number;
  rxLoad?: number;
  encapsulation?: string;
  vlanId?: number;
  outerVlanId?: number;
  innerVlanId?: number;
  loopbackSet?: boolean;
  keepalive?: 'set' | 'not-set' | 'not-supported';
  keepaliveSec?: number;
  /** Keepalives missed before the line protocol goes down, where printed (GRE tunnels: `retries 3`). */
  keepaliveRetries?: number;
  duplex?: Duplex;
  duplexRaw?: string;
  /** As printed: `1000Mb/s`, `100Mbps`, `Auto-speed`. */
  speed?: string;
  speedMbps?: number;
  linkType?: string;
  mediaType?: string;
  inputFlowControl?: FlowControl;
  outputFlowControl?: FlowControl;
  arpType?: string;
  arpTimeoutSec?: number;
  lastInputSec?: number | 'never';
  lastOutputSec?: number | 'never';
  outputHangSec?: number | 'never';
  countersClearedSec?: number | 'never';
  queues?: InterfaceQueues;
  rates?: InterfaceRates;
  counters?: InterfaceCounters;
  /** Port-channel: its members, canonical names. */
  members?: string[];
  activeMemberCount?: number;
  jumboCapableMemberCount?: number;
  /** Member interface: its Port-channel, when that channel is in the same output. */
  memberOf?: string;
  carrierDelayUpSec?: number;
  carrierDelayDownSec?: number;
  dtrPulseSec?: number;
  tunnel?: TunnelDetail;
  /** Pseudowire peer and VC. */
  peerAddress?: string;
  vcId?: number;
  /** PPP link control state (`LCP Open`) and the network control protocols open (`Open: IPCP, CDPCP`). */
  lcpState?: string;
  ncpOpen?: string[];
  /** Serial modem control leads: `DCD=up  DSR=up ...` -> `{ DCD: 'up', DSR: 'up' }`. */
  modemSignals?: Record<string, 'up' | 'down'>;
  /** `Clock mode is auto`, `Clock source is internal`. */
  clockSource?: string;
  /** Virtual-Access: the template or dialer it was cloned from, canonical name. */
  clonedFrom?: string;
  /** Dialer: `Dialer state is data link layer up`, and the interface it is bound to. */
  dialerState?: string;
  boundTo?: string;
  /** `Interface state transitions: 3` (IOS-XE). */
  stateTransitions?: number;
}
