/**
 * Path repair: the agent's stub tracks are as intended, yet the FlexVPN client
 * sits on a less preferred peer (a hub drain ended, a hub came back on a
 * configuration without `peer reactivate`). IOS does not move back by itself
 * while its current peer is still a candidate (DESIGN §4), so an engineer
 * clears the active peer's IKEv2 SA: "when you clear the IKEv2 SA on the
 * primary peer, the clearance will trigger a new peer selection on the
 * client" (Cisco, Configuring the FlexVPN Client), and selection starts again
 * at the first possible peer, the intended one.
 *
 * A reselect costs the tunnel a renegotiation, so it is tried only when the
 * intended candidate is judged good and has been intended for a settle time,
 * never in dry-run, while steering is held, during an operator override, or
 * against the router's own judgement; it is verified on the next read, and a
 * try that left the router elsewhere (the preferred hub still refuses new
 * sessions) backs off exponentially, up to a bound. Pure: the decision loop
 * runs the exec command and feeds the next read back.
 */
import type { ActuationPlan, ActuationTargets, Strategy } from './actuation/plan.js';
import { configuredPeer } from './actuation/plan.js';
import type { PolicyState } from './policy/types.js';
import type { Intent } from './reconcile.js';

export interface PathRepairConfig {
  /** The intended candidate must have been good, and intended, this long before the first reselect. */
  settleMs: number;
  /** The wait after the first failed reselect; it doubles with each failure in a row. */
  backoffMs: number;
  /** The bound of that wait. */
  maxBackoffMs: number;
  /** How long the router may show no active peer after a reselect before the try counts as failed. */
  verifyMs: number;
}

/** A reselect sent, waiting for a read to show where the client went. */
export interface PendingReselect {
  candidate: string;
  /** The intended peer. */
  peer: string;
  /** The peer whose SA was cleared. */
  from: string;
  atMs: number;
  attempt: number;
}

export interface PathRepairState {
  /** The candidate the rest applies to; a new intent starts afresh. */
  candidate?: string;
  intendedSinceMs?: number;
  /** Reselects in a row that left the router elsewhere. */
  failures: number;
  /** No reselect before this time (backoff after a failure). */
  nextAtMs?: number;
  pending?: PendingReselect;
}

export const INITIAL_PATH_REPAIR: PathRepairState = { failures: 0 };

/** Why a path repair happened or how it ended: mirrors proto/payloads.ts PathRepairReasonPayload. */
export type PathRepairReason =
  /** The active peer's SA is cleared so the client selects the intended peer again. */
  | { code: 'path-reselect'; candidate: string; peer: string; from: string; goodSinceMs: number; settleSec: number; attempt: number }
  /** The next read found the client on the intended peer. */
  | { code: 'path-reselected'; candidate: string; peer: string; from: string; attempt: number; afterMs: number }
  /** The next read found it elsewhere (`landed`), or on no peer past the verify time: tried again at `retryAtMs`. */
  | { code: 'path-reselect-failed'; candidate: string; peer: string; from: string; landed?: string; attempt: number; retryAtMs: number };

/** Why the agent leaves a path difference alone. */
export type PathRefusal =
  'dry-run' | 'held' | 'peer-order' | 'tracks' | 'override' | 'source-only' | 'unknown-peer' | 'router-forbids' | 'not-good';

export type PathRepairStep =
  /** No path difference to act on. */
  | { kind: 'none' }
  | { kind: 'refrain'; why: PathRefusal }
  | { kind: 'wait'; why: 'settle' | 'backoff' | 'verify'; untilMs: number }
  /** Run `plan` (clear `reason.from`'s IKEv2 SA) now. */
  | { kind: 'reselect'; plan: ActuationPlan; reason: Extract<PathRepairReason, { code: 'path-reselect' }> };

export interface PathRepairInput {
  intent: Intent;
  active: { peer?: string; source?: string };
  /** Reconciliation's finding: the router has been on another path past the grace. */
  pathOff: boolean;
  /** The agent-owned tracks were read and every one is as intended. */
  tracksRight: boolean;
  mode: 'enforce' | 'dry-run';
  held: boolean;
  policy: PolicyState;
  targets: ActuationTargets;
  strategy: Strategy;
}

export interface PathRepairResult {
  state: PathRepairState;
  step: PathRepairStep;
  /** A pending reselect was judged by this read. */
  outcome?: Extract<PathRepairReason, { code: 'path-reselected' | 'path-reselect-failed' }>;
}

/** The wait after `failures` failed reselects in a row: backoff, doubled each time, bounded. */
export function backoffAfter(failures: number, cfg: PathRepairConfig): number {
  return Math.min(cfg.backoffMs * 2 ** Math.max(0, failures - 1), cfg.maxBackoffMs);
}

/**
 * The exec command that makes the client reselect. `peer` is the configured
 * address equal to the active one (configuredPeer): text the router printed is
 * never written back to it.
 */
export function reselectPlan(peer: string): ActuationPlan {
  return { configLines: [], execCommands: [`clear crypto ikev2 sa remote ${peer}`] };
}

/** One read's worth of path repair. */
export function pathRepair(st: PathRepairState, input: PathRepairInput, cfg: PathRepairConfig, nowMs: number): PathRepairResult {
  const { intent, active } = input;
  const candidate = intent.kind === 'steer' ? intent.candidate : undefined;
  // A new intent (the policy moved, released, or dry-run) starts afresh; a reselect in flight for the old one says nothing.
  let s: PathRepairState = candidate === st.candidate ? st : { failures: 0, ...(candidate ? { candidate, intendedSinceMs: nowMs } : {}) };
  if (intent.kind !== 'steer') return { state: s, step: { kind: 'none' } };

  if (s.pending) {
    const p = s.pending;
    if (active.peer === intent.peer) {
      const outcome = {
        code: 'path-reselected' as const,
        candidate: p.candidate,
        peer: p.peer,
        from: p.from,
        attempt: p.attempt,
        afterMs: Math.round(nowMs - p.atMs),
      };
      return { state: { candidate: s.candidate!, intendedSinceMs: s.intendedSinceMs!, failures: 0 }, step: { kind: 'none' }, outcome };
    }
    if (active.peer === undefined && nowMs - p.atMs < cfg.verifyMs)
      return { state: s, step: { kind: 'wait', why: 'verify', untilMs: p.atMs + cfg.verifyMs } };
    const failures = s.failures + 1;
    const retryAtMs = Math.round(nowMs + backoffAfter(failures, cfg));
    const outcome = {
      code: 'path-reselect-failed' as const,
      candidate: p.candidate,
      peer: p.peer,
      from: p.from,
      attempt: p.attempt,
      retryAtMs,
      ...(active.peer !== undefined ? { landed: active.peer } : {}),
    };
    return {
      state: { candidate: s.candidate!, intendedSinceMs: s.intendedSinceMs!, failures, nextAtMs: retryAtMs },
      step: { kind: 'wait', why: 'backoff', untilMs: retryAtMs },
      outcome,
    };
  }

  // On the intended peer: whatever failed before is over.
  if (active.peer === intent.peer && s.failures > 0) s = { candidate: s.candidate!, intendedSinceMs: s.intendedSinceMs!, failures: 0 };
  if (!input.pathOff) return { state: s, step: { kind: 'none' } };

  const refuse = (why: PathRefusal): PathRepairResult => ({ state: s, step: { kind: 'refrain', why } });
  if (input.mode === 'dry-run') return refuse('dry-run');
  if (input.held) return refuse('held');
  // Peer-order routers carry no stub track to know the client's candidates by; their steer clears the SA itself.
  if (input.strategy !== 'stub-tracks') return refuse('peer-order');
  // The agent's own tracks first: a wrong one may be why the client is elsewhere.
  if (!input.tracksRight) return refuse('tracks');
  const o = input.policy.override;
  if (o && o.untilMs > nowMs) return refuse('override');
  // IOS pivots sources by itself (the lowest-numbered source whose track is up): a new selection changes nothing there.
  if (active.peer === intent.peer) return refuse('source-only');
  const from = configuredPeer(input.targets, active.peer);
  if (!from) return refuse('unknown-peer');
  const forbids = input.policy.routerForbids;
  if (forbids && (forbids.peers.includes(intent.peer) || forbids.sources.includes(intent.source))) return refuse('router-forbids');
  const h = input.policy.health[intent.candidate];
  if (!h || h.verdict !== 'good') return refuse('not-good');

  const settledAt = Math.max(h.sinceMs, s.intendedSinceMs ?? nowMs) + cfg.settleMs;
  if (nowMs < settledAt) return { state: s, step: { kind: 'wait', why: 'settle', untilMs: settledAt } };
  if (s.nextAtMs !== undefined && nowMs < s.nextAtMs) return { state: s, step: { kind: 'wait', why: 'backoff', untilMs: s.nextAtMs } };

  const attempt = s.failures + 1;
  const reason = {
    code: 'path-reselect' as const,
    candidate: intent.candidate,
    peer: intent.peer,
    from,
    goodSinceMs: Math.round(h.sinceMs),
    settleSec: Math.round(cfg.settleMs / 1000),
    attempt,
  };
  return {
    state: { ...s, pending: { candidate: intent.candidate, peer: intent.peer, from, atMs: nowMs, attempt } },
    step: { kind: 'reselect', plan: reselectPlan(from), reason },
  };
}
