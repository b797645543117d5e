/**
 * Payload types of every topic leaf, one typed map (`TopicPayloads`). The JSON
 * Schemas in proto/schemas describe the same shapes; test/unit/proto checks
 * examples built from these types against them so the two cannot drift.
 * Conventions: camelCase, units in names, times in epoch milliseconds (UTC).
 */
import type { CommandPayload, ReplyPayload } from './commands.js';
import type { SlaReturnCode } from './records/health.js';
import type { Leaf } from './topics.js';

/** Bumped on a change a consumer must know about; additive fields do not bump it. */
export const PROTO_VERSION = 1;

/** Carried by every payload. */
export interface Envelope {
  v: typeof PROTO_VERSION;
  /** Unique per message (also across restarts): consumers drop duplicates by it. */
  id: string;
  /** When the agent produced it, epoch ms. Kept when replayed from the outbox. */
  ts: number;
  /** Present (true) when the message waited in the outbox across a disconnect or restart. */
  historical?: true;
}

// ---------------------------------------------------------------- status

/**
 * Retained. `online` is the birth, published on every connect; the MQTT Will
 * publishes `offline` with the session of the connection that set it. A
 * consumer that sees `offline` with a session lower than the newest `online`
 * it knows holds a stale Will (and the agent re-publishes its birth when it sees one).
 */
export interface StatusPayload extends Envelope {
  state: 'online' | 'offline';
  /** Increments on every connection attempt, persisted across restarts; gaps are normal. */
  session: number;
  /** offline only: the broker published the Will, or the agent said goodbye. */
  reason?: 'connection-lost' | 'shutdown';
  /**
   * offline with reason shutdown: whether the router was left on its own
   * configuration (every candidate allowed), as read back from the router.
   * Anything but verified or skipped means the router may still be steered.
   */
  restore?: 'verified' | 'skipped' | 'failed' | 'timeout' | 'unverified';
  /** With a failed, timed-out or unverified restore: why (ROUTER_UNREACHABLE, RESTORE_TIMEOUT, ...). */
  restoreCode?: string;
  /** online only. */
  agentVersion?: string;
  /**
   * Random per agent process (absent from agents before 0.2). Another instance's
   * birth for the same site/node, live, means two agents claim one spoke (DUPLICATE_NODE).
   */
  instance?: string;
}

// ---------------------------------------------------------------- state

export type VerdictPayload = 'unknown' | 'good' | 'bad';
export type QualityMetricName = 'lossPct' | 'rttMs' | 'jitterMs';

export type BadCausePayload =
  /** `via: 'tunnel'`: measured by probes through the tunnel; `sustained`: shown by each of the latest probes, not by the window. */
  | { kind: 'quality'; breaches: { metric: QualityMetricName; value: number; threshold: number }[]; via?: 'tunnel'; sustained?: true }
  | { kind: 'interface-down'; interface: string }
  | { kind: 'unreachable'; consecutiveTimeouts: number; via?: 'tunnel' }
  /** Dual-cloud: the iBGP session to this hub (neighbour address) is not established. */
  | { kind: 'bgp-down'; neighbor: string }
  /** Dual-cloud: the router's own quality track for this hub (`qualityTrack`) is Down; `confirmedBy`: what the agent's latest probes showed of it. */
  | { kind: 'router-track-down'; track: number; confirmedBy?: { metric: QualityMetricName; value: number; threshold: number }[] };

/** Mirrors the policy core's Reason (agent/core/policy/types.ts); a unit test checks assignability. */
export type ReasonPayload =
  | { code: 'adopted'; candidate: string }
  | { code: 'adopted-unknown-path'; peer?: string; source?: string }
  | { code: 'current-bad'; candidate: string; cause: BadCausePayload; sinceMs: number }
  | { code: 'current-suppressed'; candidate: string; penalty: number }
  /** The router's own tracks forbid the candidate's hub or WAN (a layered configuration's IOS judgement). */
  | { code: 'router-forbids'; candidate: string; peer?: string; source?: string }
  | { code: 'preempt'; candidate: string; over: string; goodSinceMs: number; preemptDelaySec: number }
  | { code: 'override'; by: string; untilMs: number; peer?: string; source?: string }
  | { code: 'override-ended'; by: string }
  | { code: 'all-down'; behaviour: 'hold' | 'release' | 'least-bad' }
  | { code: 'steer-failed'; candidate: string; errorCode: string }
  /** Back from a metered path as soon as the preferred one has been clean for the preemption delay. */
  | { code: 'metered-failback'; candidate: string; over: string; goodSinceMs: number; preemptDelaySec: number }
  /** The metered WAN's budget is spent: `candidate` (on `source`) is not taken, or is left, while an unmetered path is alive. */
  | { code: 'metered-budget-spent'; candidate: string; source: string }
  /** The path in use (`candidate`) fails these critical service classes; the path moved to meets every one. */
  | { code: 'class-noncompliant'; candidate: string; failed: ClassBreachesPayload[] }
  /**
   * No path meets every critical class: `candidate` is the least far from their levels (`excess`: its
   * worst measure over its level, as a ratio), lower than `over`'s (`overExcess`) by more than `bandPct`.
   * Loss counts as measured in `excess`, by its confident lower bound in `overExcess` (the path left).
   */
  | { code: 'class-best-of-worst'; candidate: string; excess: number; over: string; overExcess: number; bandPct: number };

/** A service class a path fails, and what is beyond the class's level. */
export interface ClassBreachesPayload {
  class: string;
  breaches: { metric: QualityMetricName; value: number; threshold: number }[];
}

export interface DecisionPayload {
  atMs: number;
  action: 'adopt' | 'switch' | 'release' | 'hold';
  from?: string;
  to?: string;
  reason: ReasonPayload;
  dryRun: boolean;
  deferredUntilMs?: number;
}

/** One (peer, source) path. Volatile metrics are in telemetry, so state changes only on news. */
export interface CandidateState {
  id: string;
  peer: string;
  source: string;
  verdict: VerdictPayload;
  sinceMs: number;
  cause?: BadCausePayload;
  /** Damped (flapping): not eligible until the penalty decays. */
  suppressed: boolean;
  /** Dual-cloud: this hub's router quality track is Down, but the agent's latest probes do not show the fault: not acted on. */
  trackUnconfirmed?: number;
}

export interface TunnelState {
  interface?: string;
  lineProtocol: 'up' | 'down' | 'unknown';
  /** IKEv2 SA towards the active peer; `none` when there is none. */
  ikeSa: 'ready' | 'in-negotiation' | 'deleted' | 'unknown' | 'none';
  /** IPsec SAs up (inbound + outbound) on the tunnel. */
  ipsecSas: number;
}

export type DegradedComponentPayload = 'store' | 'router' | 'drift' | 'preflight' | 'identity';

/** A part of the agent running degraded: it still serves, with less (agent/shell/observe/degradations.ts). */
export interface DegradationPayload {
  /**
   * `drift`: the router differs from what the agent intends and repairs did not cure it (see DriftPayload);
   * `identity`: another agent publishes as the same site/node (DUPLICATE_NODE).
   */
  component: DegradedComponentPayload;
  /**
   * STORE_RECREATED, STORE_IN_MEMORY, STORE_WRITE_FAILED, STORE_UNAVAILABLE, ROUTER_UNREACHABLE, ROUTER_HOSTKEY_MISMATCH, ROUTER_AUTH_FAILED;
   * DRIFT_UNREPAIRED (agent-owned stub tracks not as intended after the repairs), DRIFT_PATH (tracks right, the router on another path);
   * DUPLICATE_NODE (another agent instance publishes as this site/node).
   */
  code: string;
  message: string;
  sinceMs: number;
}

/** An agent-owned stub track not in the state the intent gives it. */
export interface TrackDriftPayload {
  track: number;
  want: 'up' | 'down';
  /** As `show track brief` shows it: another kind of object (`not-stub`), or no such track (`missing`). */
  seen: 'up' | 'down' | 'not-stub' | 'missing';
}

/**
 * Reconciliation (agent/core/reconcile.ts): the router differs from what the
 * agent intends. Mirrors the core's DriftView; a unit test checks assignability.
 */
export interface DriftPayload {
  /**
   * repairing: the intent is being applied again (at most once per verify timeout);
   * unrepaired: the repairs did not take, or only the path differs: raised (also a `drift` degradation), not retried until something changes;
   * dry-run: reported only; held: steering is held (router hung, candidate blocked), the policy moves first.
   */
  status: 'repairing' | 'unrepaired' | 'dry-run' | 'held';
  /** The candidate the agent steers to, or every candidate allowed (released, dry-run). */
  intended: { candidate?: string; released: boolean };
  tracks: TrackDriftPayload[];
  /** The router is on a path other than the intended candidate's (for longer than the verify timeout). */
  path: boolean;
  /** What the router uses, as last read. */
  active: { peer?: string; source?: string };
  /** Repairs tried on this difference. */
  repairs: number;
  sinceMs: number;
  /** A dual-cloud spoke: the agent-owned route-maps or neighbour route-map lines that differ, in words. */
  routeMaps?: string[];
}

/**
 * Why the agent made the FlexVPN client reselect its peer, and how it ended
 * (agent/core/path-repair.ts; agent/cli/human/reasons.ts puts each in words).
 * path-reselect: the agent's tracks are right but the client stays on `from`
 * while `candidate` (hub `peer`) has been good since `goodSinceMs` and intended
 * for the settle time, so `from`'s IKEv2 SA is cleared (`attempt` of this
 * difference); path-reselected: the next read found the client on `peer`
 * `afterMs` later; path-reselect-failed: it found it on `landed` (or on no peer),
 * tried again at `retryAtMs`.
 */
export type PathRepairReasonPayload =
  | { code: 'path-reselect'; candidate: string; peer: string; from: string; goodSinceMs: number; settleSec: number; attempt: number }
  | { code: 'path-reselected'; candidate: string; peer: string; from: string; attempt: number; afterMs: number }
  | { code: 'path-reselect-failed'; candidate: string; peer: string; from: string; landed?: string; attempt: number; retryAtMs: number };

/** Retained, exception-based: published when anything in it changes. */
export interface StatePayload extends Envelope {
  /** The agent's own health: `degraded` lists what is wrong (absent from agents before 0.2). */
  health?: { status: 'ok' | 'degraded'; degraded: DegradationPayload[] };
  /** The FlexVPN client block steered; absent on a dual-cloud spoke, which has none. */
  client?: string;
  mode: 'enforce' | 'dry-run';
  /** What the router uses now (show crypto ikev2 client flexvpn). */
  active: { peer?: string; source?: string; candidate?: string };
  /** Where the agent wants the tunnel; absent before adoption. */
  selected?: string;
  /** Every candidate allowed: IOS decides alone. */
  released: boolean;
  override?: { peer?: string; source?: string; untilMs: number; by: string };
  candidates: CandidateState[];
  tunnel: TunnelState;
  lastDecision?: DecisionPayload;
  /** Present while the router differs from what the agent intends; absent when it matches. */
  drift?: DriftPayload;
}

// ---------------------------------------------------------------- telemetry

export interface SlaTelemetry {
  operation: number;
  candidate?: string;
  returnCode: SlaReturnCode;
  samples: number;
  lossPct: number;
  rttMs?: number;
  jitterMs?: number;
}

export interface InterfaceTelemetry {
  name: string;
  status: 'up' | 'down' | 'administratively-down' | 'deleted' | 'reset' | 'unknown';
  lineProtocol: 'up' | 'down' | 'unknown';
  inBitsPerSec?: number;
  outBitsPerSec?: number;
  inErrors?: number;
  outErrors?: number;
  outDrops?: number;
}

export interface IpsecTelemetry {
  peer: string;
  interface: string;
  /** Inbound and outbound SAs active. */
  sasUp: number;
  pktsEncaps: number;
  pktsDecaps: number;
  sendErrors: number;
  recvErrors: number;
}

/**
 * A metered WAN's bytes (both directions) from the router's interface counters, per UTC
 * day and per billing period (README: Metered WANs).
 */
export interface MeteredTelemetry {
  interface: string;
  /** Start of the billing period counted (00:00 UTC on the billing day). */
  periodStartMs: number;
  periodBytes: number;
  /** The UTC day counted in `dayBytes`: `2026-12-06`. */
  day: string;
  dayBytes: number;
  budgetBytes: number;
  /** periodBytes / budgetBytes, percent, one decimal. */
  usedPct: number;
  /** The budget is used up: `whenSpent` applies. */
  spent: boolean;
  whenSpent: 'hard-failure-only' | 'ignore';
}

/**
 * One candidate's compliance with one service class (README: Service-level classes), judged on
 * the class's own probes (jitter operations marked with its DSCP) over the policy's window.
 */
export interface ClassTelemetry {
  candidate: string;
  class: string;
  /** `unknown` until enough packets were seen; the class's level and the policy's streaks decide the rest. */
  compliance: 'unknown' | 'meets' | 'fails';
  critical: boolean;
  /** Since when `compliance` holds. */
  sinceMs: number;
  /** Packets in the window, and what they measured. */
  samples: number;
  lossPct: number;
  rttMs?: number;
  jitterMs?: number;
  /** What is beyond the class's level now (empty when nothing is). */
  breaches: { metric: QualityMetricName; value: number; threshold: number }[];
}

/**
 * A dual-cloud spoke's NHRP shortcut (spoke to spoke, `H` route via a Virtual-Access
 * interface), from `show ip nhrp`. It outlives the hub that brokered it until its hold
 * time runs out (`expireSec`), so every shortcut listed survives a hub's loss until then.
 */
export interface ShortcutTelemetry {
  /** The other spoke's network, CIDR. */
  prefix: string;
  /** The other spoke's overlay address. */
  via: string;
  interface: string;
  nbmaAddress?: string;
  /** Seconds of hold time left, as last read. */
  expireSec?: number;
}

/** On a significant change (proto/publish-rules.ts) and on every heartbeat. */
export interface TelemetryPayload extends Envelope {
  /** Why it was published: a change, or the heartbeat interval elapsed. */
  trigger: 'change' | 'heartbeat';
  sla: SlaTelemetry[];
  interfaces: InterfaceTelemetry[];
  ipsec: IpsecTelemetry[];
  /** Present when a WAN is metered (absent from agents before 0.3). */
  metered?: MeteredTelemetry[];
  /** Present when service classes are configured: each (candidate, class) probed (absent from agents before 0.3). */
  classes?: ClassTelemetry[];
  /** Present on a dual-cloud spoke once NHRP has been read (absent from agents before 0.4). */
  shortcuts?: ShortcutTelemetry[];
}

// ---------------------------------------------------------------- event

export interface RouteViolationPayload {
  kind: 'missing' | 'unexpected';
  prefix: string;
  vrf?: string;
  reason?: 'outside-allowed' | 'too-specific';
  protocol?: string;
  detail: string;
}

export type EventBody =
  | { kind: 'decision'; decision: DecisionPayload }
  /** One per switch; `to: {}` when the tunnel stays down (an outage); downForMs: how long it was down between the two paths. */
  | { kind: 'path-change'; from: { peer?: string; source?: string }; to: { peer?: string; source?: string }; downForMs?: number }
  | { kind: 'health-change'; candidate: string; from: VerdictPayload; to: VerdictPayload; cause?: BadCausePayload }
  | {
      kind: 'route-diff';
      table: string;
      added: number;
      removed: number;
      changed: number;
      prefixes?: { added: string[]; removed: string[]; changed: string[] };
    }
  /** `violations` lists the first 50; `total` counts them all. */
  | { kind: 'route-violation'; table: string; violations: RouteViolationPayload[]; total: number }
  | {
      kind: 'command';
      tx: string | null;
      cmd?: string;
      keyId?: string;
      outcome: 'done' | 'failed' | 'refused';
      code?: string;
      /** Present when the event sums up a burst of unauthenticated refusals: how many, and how many per code. */
      count?: number;
      codes?: Record<string, number>;
    }
  | { kind: 'warning'; code: string; message: string; subject?: string }
  /** A component became degraded, or recovered (`code` is what it had been). */
  | { kind: 'agent-health'; component: DegradedComponentPayload; status: 'degraded' | 'recovered'; code: string; message?: string }
  /**
   * Reconciliation: a difference `detected`, `raised` (repairs gave up) or `resolved` (with what it was);
   * a repair applied or refused (`code`: the router's error); a mode change applied to the router
   * (`applied`: forbids released for dry-run, the selected candidate steered to for enforce, or nothing);
   * a path repair (`reason`): a reselect sent (`path-reselect`), found to have taken (`path-reselected`)
   * or not (`path-reselect-failed`).
   */
  | {
      kind: 'drift';
      action:
        | 'detected'
        | 'raised'
        | 'resolved'
        | 'repair-applied'
        | 'repair-failed'
        | 'mode-applied'
        | 'path-reselect'
        | 'path-reselected'
        | 'path-reselect-failed';
      mode: 'enforce' | 'dry-run';
      drift?: DriftPayload;
      intended?: { candidate?: string; released: boolean };
      applied?: 'release' | 'steer' | 'none';
      code?: string;
      message?: string;
      reason?: PathRepairReasonPayload;
    }
  /**
   * A metered WAN: a share of its budget reached (`threshold`, once per period each), a new
   * billing period begun (`period-start`, with what the last one counted), its counters
   * cleared or the router reloaded (`counters-reset`: counting goes on from zero).
   */
  | {
      kind: 'metered';
      action: 'threshold' | 'period-start' | 'counters-reset';
      interface: string;
      pct?: number;
      periodBytes?: number;
      budgetBytes?: number;
      periodStartMs?: number;
      previousStartMs?: number;
      previousBytes?: number;
    }
  /** A dual-cloud spoke's NHRP shortcut appeared, went (hold time over, or flushed), or now ends at another spoke (`wasVia`). */
  | { kind: 'shortcut'; action: 'appeared' | 'gone' | 'moved'; shortcut: ShortcutTelemetry; wasVia?: string }
  /**
   * Shortcuts that take a protected prefix (`dualCloud.protectedPrefixes`: reached only
   * through a hub) straight to another spoke; sent when the set changes, empty once none is left.
   */
  | { kind: 'shortcut-violation'; violations: { prefix: string; via: string; protectedPrefix: string }[] };

export type EventKind = EventBody['kind'];
export type EventPayload = Envelope & EventBody;

// ---------------------------------------------------------------- routes

export interface RouteEntry {
  prefix: string;
  protocol: string;
  code: string;
  distance?: number;
  metric?: number;
  nextHops: { address?: string; interface?: string }[];
}

/** One routing table, on request and after a change; capped, `truncated` says so. */
export interface RoutesPayload extends Envelope {
  family: 'ipv4' | 'ipv6';
  vrf?: string;
  count: number;
  truncated: boolean;
  routes: RouteEntry[];
}

// ---------------------------------------------------------------- the map

/** One typed map from topic leaf to payload. */
export interface TopicPayloads {
  status: StatusPayload;
  state: StatePayload;
  telemetry: TelemetryPayload;
  event: EventPayload;
  routes: RoutesPayload;
  cmd: CommandPayload;
  reply: ReplyPayload;
}

/**
 * How each leaf is published. `class` is the outbox class (delivery priority);
 * leaves without one are published directly: status at connect, replies while
 * the command's connection is up (a command only arrives on a live connection).
 */
export const LEAF_RULES: {
  [L in Leaf]: { retain: boolean; qos: 0 | 1; outboxClass?: 'event' | 'state' | 'telemetry'; from: 'agent' | 'operator' };
} = {
  status: { retain: true, qos: 1, from: 'agent' },
  state: { retain: true, qos: 1, outboxClass: 'state', from: 'agent' },
  telemetry: { retain: false, qos: 1, outboxClass: 'telemetry', from: 'agent' },
  event: { retain: false, qos: 1, outboxClass: 'event', from: 'agent' },
  routes: { retain: false, qos: 1, outboxClass: 'state', from: 'agent' },
  cmd: { retain: false, qos: 1, from: 'operator' },
  reply: { retain: false, qos: 1, from: 'agent' },
};

/**
 * Marks a stored payload as replayed. The outbox keeps the JSON text as first
 * produced; splicing the flag in front avoids a parse and re-serialisation per
 * message on a 100k backlog.
 */
export function markHistorical(payloadJson: string): string {
  if (!payloadJson.startsWith('{') || payloadJson.startsWith('{"historical"')) return payloadJson;
  return payloadJson === '{}' ? '{"historical":true}' : '{"historical":true,' + payloadJson.slice(1);
}
