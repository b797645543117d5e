import type { ClassStates, Compliance } from './classes.js';
import type { AllDownBehaviour } from './config.js';
import type { BadCause, CandidateHealth, Verdict } from './health.js';
import type { Breach, RunPackets, Sample } from './quality.js';

/** What the policy learns, from collectors, commands and the actuator. Time is the step's argument. */
export type Observation =
  /**
   * New probe results of IP SLA operations, one per operation that ran since the
   * last read (a new "latest operation" in show ip sla statistics). One read is
   * one batch, so paths that fail together are judged together. A jitter
   * operation's run carries its packet counts.
   */
  | { kind: 'sla-samples'; samples: readonly { operation: number; answered: boolean; rttMs?: number; packets?: RunPackets }[] }
  /** A WAN interface's line protocol. */
  | { kind: 'interface'; name: string; up: boolean }
  /** What the router's FlexVPN client is using now, and peers active in other clients of its backup group. */
  | { kind: 'flexvpn'; activePeer?: string; activeSource?: string; peersActiveElsewhere: readonly string[] }
  /** Time passes: preemption delays, override expiry, damping decay. */
  | { kind: 'tick' }
  /** The wall clock stepped by `deltaMs` (negative: back) while real time went on: times in the state move with it. */
  | { kind: 'clock-step'; deltaMs: number }
  /** An operator forces a peer and/or a source until a time. */
  | { kind: 'override'; peer?: string; source?: string; untilMs: number; by: string }
  | { kind: 'clear-override'; by: string }
  /**
   * The hubs and WANs the router's own judgement forbids now (agent/core/router-judgement.ts):
   * its tracks, not the agent's stubs. The agent cannot give back what the router takes away.
   */
  | { kind: 'router-judgement'; peersForbidden: readonly string[]; sourcesForbidden: readonly string[] }
  /**
   * The actuator could not make the router follow a steer (after its retries and rollback).
   * `routerCode`: the router error behind ACTUATE_ROUTER_ERROR (ROUTER_TIMEOUT: it never answered).
   */
  | { kind: 'steer-failed'; candidate: string; code: string; routerCode?: string }
  /**
   * IP SLA operations stopped on purpose (a metered WAN's full-rate probes, back in standby):
   * their windows are forgotten, so stale samples neither hold up nor condemn a path judged on
   * the operations that still run.
   */
  | { kind: 'sla-stopped'; operations: readonly number[] }
  /** A metered WAN's budget for the billing period is spent (or, in a new period, no longer). */
  | { kind: 'metered-budget'; source: string; spent: boolean }
  /**
   * Dual-cloud: the hubs (BGP neighbour addresses, a candidate's `peer`) whose iBGP session is
   * not established now. BGP's own verdict (fall-over, hold timer): a hard fact, as a WAN down is.
   */
  | { kind: 'bgp-sessions'; down: readonly string[] }
  /**
   * Dual-cloud: the hubs whose router-side quality track (`qualityTrack`) is Down now, with the
   * track. The router's own verdict on the tunnel's probes: the hub is bad at once when the
   * agent's latest probes confirm it, or without them when `trusted` (`qualityTrackDown: trust`);
   * recovery is the agent's own windows (the track's `delay up` is IOS's care, not the agent's).
   */
  | { kind: 'hub-tracks'; down: readonly HubTrackDown[] };

/** A hub's router-side quality track read Down. */
export interface HubTrackDown {
  peer: string;
  track: number;
  /** Acted on without the agent's own probes confirming it. */
  trusted?: boolean;
}

/** Why the policy did what it did: which metric crossed which threshold, on which candidate, since when. */
export type Reason =
  | { code: 'adopted'; candidate: string }
  | { code: 'adopted-unknown-path'; peer?: string; source?: string }
  | { code: 'current-bad'; candidate: string; cause: BadCause; sinceMs: number }
  | { code: 'current-suppressed'; candidate: string; penalty: number }
  /** The router's own tracks forbid the candidate's hub or WAN (a layered configuration's IOS judgement). */
  | { code: 'router-forbids'; candidate: string; peer?: string; source?: string }
  | { code: 'preempt'; candidate: string; over: string; goodSinceMs: number; preemptDelaySec: number }
  | { code: 'override'; by: string; untilMs: number; peer?: string; source?: string }
  | { code: 'override-ended'; by: string }
  | { code: 'all-down'; behaviour: AllDownBehaviour }
  | { code: 'steer-failed'; candidate: string; errorCode: string }
  /** Back from a metered path as soon as the preferred one has been clean for the preemption delay (no coalescing wait). */
  | { code: 'metered-failback'; candidate: string; over: string; goodSinceMs: number; preemptDelaySec: number }
  /**
   * The metered WAN's budget is spent (`whenSpent: hard-failure-only`): `candidate` (on `source`) is not
   * taken while an unmetered path is alive, or is left for one. The tunnel stays on a degraded unmetered path.
   */
  | { code: 'metered-budget-spent'; candidate: string; source: string }
  /** `candidate` (the path in use) fails these critical classes; the path moved to meets every one. */
  | { code: 'class-noncompliant'; candidate: string; failed: { class: string; breaches: Breach[] }[] }
  /**
   * No path meets every critical class: `candidate` is the least far from them (`excess`, its worst
   * measure over its level as a ratio), better than `over` (`overExcess`) by more than the band.
   */
  | { code: 'class-best-of-worst'; candidate: string; excess: number; over: string; overExcess: number; bandPct: number };

export type DecisionAction = 'adopt' | 'switch' | 'release' | 'hold';

export interface Decision {
  atMs: number;
  action: DecisionAction;
  from?: string;
  to?: string;
  reason: Reason;
  /** Decided in dry-run mode: reported, not applied. */
  dryRun: boolean;
  /** A change that is due but waits for the change rate limit. */
  deferredUntilMs?: number;
}

/** What the shell must do to the router. Plain data; the core never does I/O. */
export type Action =
  /** Make the FlexVPN client use this peer and source (strategy is the actuator's). */
  | { kind: 'steer'; candidate: string; peer: string; source: string; clearSaOf?: string }
  /** Allow every candidate: the router decides alone, as IOS natively would. */
  | { kind: 'release' };

/** What the shell must tell (journal, log, events): it changes nothing on the router. */
export type Report =
  | { kind: 'decision'; decision: Decision }
  | { kind: 'health-changed'; candidate: string; from: Verdict; to: Verdict; cause?: BadCause; atMs: number }
  /** A candidate's compliance with a service class changed (agent/core/policy/classes.ts). */
  | { kind: 'class-changed'; candidate: string; class: string; from: Compliance; to: Compliance; breaches: Breach[]; atMs: number };

/** Either, where both are listed together (a test's timeline, an actuation event). */
export type Effect = Action | Report;

/**
 * One handler per kind of `U`, typed by the kind: a kind added to Action or
 * Report and not handled is a compile error (the shell dispatches through these maps).
 */
export type HandlerMap<U extends { kind: string }> = { [K in U['kind']]: (item: Extract<U, { kind: K }>) => void };

/** Runs the handler of `item`'s kind. */
export function dispatch<U extends { kind: string }>(map: HandlerMap<U>, item: U): void {
  (map[item.kind as U['kind']] as (x: U) => void)(item);
}

export interface Override {
  peer?: string;
  source?: string;
  untilMs: number;
  by: string;
}

export interface PolicyState {
  health: Readonly<Record<string, CandidateHealth>>;
  /** Sliding window per SLA operation. */
  windows: Readonly<Record<number, readonly Sample[]>>;
  /**
   * Probes through the tunnel, all taken while the router was on `candidate`: started afresh
   * when it moves, and the first read after that only primes it (IP SLA's counters moved
   * while the tunnel was down or on the old path; those probes speak for no path).
   */
  tunnelWindow?: { candidate: string; samples: readonly Sample[]; primed: boolean };
  interfacesDown: readonly string[];
  peersActiveElsewhere: readonly string[];
  /** Where the agent wants the tunnel; undefined until the router's state is adopted. */
  selected?: string;
  /** The router's state has been taken over (once, at the first FlexVPN observation). */
  adopted: boolean;
  /** True while every candidate is allowed (released to native behaviour). */
  released: boolean;
  /** An all-paths-down hold has been reported; reset by the next change. */
  allDownReported: boolean;
  routerActive?: { peer?: string; source?: string };
  override?: Override;
  /** An override just expired or was cleared: the next decision returns to the policy's choice and says why. */
  overrideEnded?: { by: string };
  lastChangeMs?: number;
  /** The change waiting for the rate limit, so it is reported once, not on every tick. */
  deferred?: string;
  /** Candidates that failed to steer recently: not chosen again until this time. */
  steerBlockedUntil: Readonly<Record<string, number>>;
  /** The router hung in a config session: no steer or release at all until this time. */
  steeringHeldUntilMs?: number;
  /** Config sessions in a row the router hung in: each doubles the hold. */
  routerHangs?: number;
  /** Metered WANs (source interfaces) whose budget is spent this billing period. */
  meteredSpent?: readonly string[];
  /** Per candidate, per service class: its compliance (absent until a class operation reports). */
  classes?: ClassStates;
  /** Dual-cloud: hubs whose BGP session is down (absent: none read yet, or the failover design). */
  bgpDown?: readonly string[];
  /**
   * Dual-cloud: hubs whose quality track is Down, with the track and when it was first read Down
   * (absent: none read yet).
   */
  hubTracksDown?: readonly (HubTrackDown & {
    sinceMs?: number;
    /** A trusted track that has made its hub bad: it does not again until it comes back Up. */
    spent?: boolean;
  })[];
  /** What the router's own judgement forbids (never the agent's stubs); absent until read. */
  routerForbids?: { peers: readonly string[]; sources: readonly string[] };
}

export const INITIAL_STATE: PolicyState = {
  health: {},
  windows: {},
  interfacesDown: [],
  peersActiveElsewhere: [],
  adopted: false,
  released: false,
  allDownReported: false,
  steerBlockedUntil: {},
};

/** What a step produces besides the state: actions and reports apart, each in the order produced. */
export interface StepOutput {
  actions: Action[];
  reports: Report[];
}

export interface StepResult extends StepOutput {
  state: PolicyState;
}
