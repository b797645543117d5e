/**
 * Reconciliation: what the agent intends the router to run (the selected
 * candidate, the state of every agent-owned stub track) against what the
 * router shows, and what to do about a difference. Pure: the shell reads the
 * router (`show track brief` with the FlexVPN poll), calls `reconcile` and
 * runs the repair it asks for through the actuator.
 *
 * Why it exists (issue 13, item 1): a stub track flipped by hand, or left down
 * by a mode change, made the router stay on a path the agent did not want,
 * while the agent said nothing.
 */
import {
  planRelease,
  planTrackStates,
  releasedTrackStates,
  stubTrackStates,
  type ActuationPlan,
  type ActuationTargets,
  type StubTrackState,
  type Strategy,
} from './actuation/plan.js';
import {
  INITIAL_PATH_REPAIR,
  pathRepair,
  type PathRepairConfig,
  type PathRepairInput,
  type PathRepairResult,
  type PathRepairState,
} from './path-repair.js';
import type { PolicyConfig } from './policy/config.js';
import type { PolicyState } from './policy/types.js';

/** What the agent wants the router to run. */
export type Intent =
  /** Nothing claimed yet: the router's state has not been adopted, or it matched no candidate. */
  | { kind: 'none' }
  /** Steered to a candidate: the ones preferred over it forbidden, itself and the rest allowed. */
  | { kind: 'steer'; candidate: string; peer: string; source: string; tracks: readonly StubTrackState[] }
  /** Every candidate allowed (released after all paths went down, or dry-run). */
  | { kind: 'release'; tracks: readonly StubTrackState[] };

/**
 * The intent that follows from the policy's state. Dry-run never holds a forbid
 * (the agent releases them when the mode changes), so its intent is release.
 * Peer-order routers carry no stub tracks: only the path is compared.
 */
export function intentOf(s: PolicyState, cfg: PolicyConfig, targets: ActuationTargets, strategy: Strategy): Intent {
  const tracks = (x: StubTrackState[]) => (strategy === 'stub-tracks' ? x : []);
  if (cfg.mode === 'dry-run' || s.released) return { kind: 'release', tracks: tracks(releasedTrackStates(targets)) };
  const c = s.selected === undefined ? undefined : cfg.candidates.find((x) => x.id === s.selected);
  if (!s.adopted || !c) return { kind: 'none' };
  return { kind: 'steer', candidate: c.id, peer: c.peer, source: c.source, tracks: tracks(stubTrackStates(targets, c.peer, c.source)) };
}

/** The configuration that puts the router back on the intent (no SA is cleared: that is the policy's call when it steers). */
export function repairPlan(intent: Intent, targets: ActuationTargets, strategy: Strategy): ActuationPlan | undefined {
  if (strategy !== 'stub-tracks') return undefined;
  switch (intent.kind) {
    case 'none':
      return undefined;
    case 'release':
      return planRelease(targets);
    case 'steer':
      return planTrackStates(targets, intent.tracks);
  }
}

/** A stub track as `show track brief` shows it: a stub object up or down, another kind of object, or absent. */
export type TrackSeen = 'up' | 'down' | 'unknown' | 'not-stub' | 'missing';

export interface TrackDiff {
  track: number;
  want: 'up' | 'down';
  seen: Exclude<TrackSeen, 'unknown'>;
}

export type DriftStatus =
  /** The router differs; a repair is under way (at most once per `retryAfterMs`), or a path reselect is due or being verified. */
  | 'repairing'
  /**
   * `maxRepairs` repairs did not cure it (raised, no more tries until something changes); or the path alone
   * differs and a reselect failed (tried again after a bounded backoff) or is not the agent's to make.
   */
  | 'unrepaired'
  /** Dry-run: reported, never repaired. */
  | 'dry-run'
  /** Steering is held (the router hung in a config session) or the intended candidate is blocked: the policy moves first. */
  | 'held';

/** What differs, for /status, /healthz, the MQTT state and events. Absent while in sync. */
export interface DriftView {
  status: DriftStatus;
  intended: { candidate?: string; released: boolean };
  tracks: TrackDiff[];
  /** The router has an active path and it is not the intended candidate's (past the grace). */
  path: boolean;
  active: { peer?: string; source?: string };
  /** Repairs tried for this difference (for the path alone: reselects). */
  repairs: number;
  sinceMs: number;
  /** A dual-cloud spoke: agent-owned route-maps or their neighbour lines that differ, in words (agent/core/dual-cloud/reconcile.ts). */
  routeMaps?: string[];
}

export interface ReconcileState {
  /** The difference being worked on: a change of it starts the count again. */
  key?: string;
  repairs: number;
  lastRepairAtMs?: number;
  sinceMs?: number;
  /** When the path was first seen off the intent (it takes the router a while to follow). */
  pathOffSinceMs?: number;
  pathOffKey?: string;
  /** Path repair (agent/core/path-repair.ts), when configured. */
  path?: PathRepairState;
}

export const INITIAL_RECONCILE: ReconcileState = { repairs: 0 };

export interface ReconcileConfig {
  /** Fewest ms between two repairs (the actuator's verify timeout: the router is given that long to follow). */
  retryAfterMs: number;
  /** Repairs after which the difference is raised and no longer repaired. */
  maxRepairs: number;
  /** How long the path may differ, with the tracks right, before it counts (IOS renegotiates). */
  pathGraceMs: number;
  /** Path repair's pacing; absent: a path-only difference is raised, never repaired. */
  path?: PathRepairConfig;
}

export interface ReconcileInput {
  intent: Intent;
  /** Agent-owned stub tracks as read; undefined when not read (peer-order, or the read failed). */
  tracks: ReadonlyMap<number, TrackSeen> | undefined;
  active: { peer?: string; source?: string };
  mode: 'enforce' | 'dry-run';
  /** Steering is held, or the intended candidate is blocked after a failed steer. */
  held: boolean;
  /** What path repair judges by (with `ReconcileConfig.path`). */
  path?: Pick<PathRepairInput, 'policy' | 'targets' | 'strategy'>;
}

export interface ReconcileResult {
  state: ReconcileState;
  /** Undefined: the router matches the intent. */
  drift: DriftView | undefined;
  /** Apply the intent's plan again (the shell runs it through the actuator). */
  repair: boolean;
  /** Path repair's step and the outcome of a reselect this read judged. */
  path?: PathRepairResult;
}

/** The tracks that differ from the intent. `unknown` tells nothing (a garbled row) and is never a difference. */
export function trackDiffs(intent: Intent, seen: ReadonlyMap<number, TrackSeen> | undefined): TrackDiff[] {
  if (intent.kind === 'none' || !seen) return [];
  const out: TrackDiff[] = [];
  for (const t of intent.tracks) {
    const s = seen.get(t.track) ?? 'missing';
    const want = t.up ? 'up' : 'down';
    if (s !== 'unknown' && s !== want) out.push({ track: t.track, want, seen: s });
  }
  return out;
}

/**
 * One comparison, after a poll. Never called while an actuation is in flight
 * (the shell checks): its reads would see a change half made.
 */
export function reconcile(st: ReconcileState, input: ReconcileInput, cfg: ReconcileConfig, nowMs: number): ReconcileResult {
  const { intent } = input;
  const tracks = trackDiffs(intent, input.tracks);
  // While a reselect renegotiates, the router shows no peer: the difference is not over until a read says where it went.
  const reselecting = st.path?.pending !== undefined && input.active.peer === undefined;
  // The path counts only when the router is on some path (a tunnel down is the policy's news, not drift),
  // and only after the grace: IOS takes a while to renegotiate after a track changes.
  const pathOff =
    intent.kind === 'steer' &&
    input.active.peer !== undefined &&
    (input.active.peer !== intent.peer || input.active.source !== intent.source);
  const pathOffKey = pathOff ? `${intent.kind === 'steer' ? intent.candidate : ''}|${input.active.peer}|${input.active.source}` : undefined;
  const pathOffSinceMs = !pathOff ? undefined : st.pathOffKey === pathOffKey && st.pathOffSinceMs !== undefined ? st.pathOffSinceMs : nowMs;
  const path = reselecting || (pathOff && nowMs - pathOffSinceMs! >= cfg.pathGraceMs);
  const base: ReconcileState = reselecting
    ? { ...st }
    : { ...st, ...(pathOffSinceMs !== undefined ? { pathOffSinceMs, pathOffKey } : { pathOffSinceMs: undefined, pathOffKey: undefined }) };
  const pr =
    cfg.path && input.path
      ? pathRepair(
          st.path ?? INITIAL_PATH_REPAIR,
          {
            intent,
            active: input.active,
            pathOff: path && !reselecting,
            tracksRight: input.tracks !== undefined && tracks.length === 0,
            mode: input.mode,
            held: input.held,
            ...input.path,
          },
          cfg.path,
          nowMs,
        )
      : undefined;
  if (pr) base.path = pr.state;
  const withPath = <T extends ReconcileResult>(r: T): T => (pr ? { ...r, path: pr } : r);

  if (tracks.length === 0 && !path)
    return withPath({
      state: { ...base, key: undefined, repairs: 0, lastRepairAtMs: undefined, sinceMs: undefined },
      drift: undefined,
      repair: false,
    });

  const key = JSON.stringify([intent.kind === 'steer' ? intent.candidate : intent.kind, tracks, path ? pathOffKey : '']);
  const fresh = key !== st.key;
  const s: ReconcileState = fresh ? { ...base, key, repairs: 0, lastRepairAtMs: undefined, sinceMs: st.sinceMs ?? nowMs } : base;
  const view = (status: DriftStatus, repairs: number): DriftView => ({
    status,
    intended: intent.kind === 'steer' ? { candidate: intent.candidate, released: false } : { released: intent.kind === 'release' },
    tracks,
    path,
    active: { ...input.active },
    repairs,
    sinceMs: s.sinceMs!,
  });

  if (input.mode === 'dry-run') return withPath({ state: s, drift: view('dry-run', s.repairs), repair: false });
  if (input.held) return withPath({ state: s, drift: view('held', s.repairs), repair: false });
  // Only the path differs, the agent's tracks right: path repair clears the active SA when it is due
  // (agent/core/path-repair.ts); raised meanwhile when a reselect failed or is not the agent's to make.
  if (tracks.length === 0) {
    const step = pr?.step;
    const due = step?.kind === 'reselect' || (step?.kind === 'wait' && step.why !== 'backoff');
    const reselects = pr ? pr.state.failures + (pr.state.pending ? 1 : 0) : s.repairs;
    return withPath({ state: s, drift: view(due ? 'repairing' : 'unrepaired', reselects), repair: false });
  }
  // The router is given the verify timeout to follow a repair before the next one, or before giving up.
  if (s.lastRepairAtMs !== undefined && nowMs - s.lastRepairAtMs < cfg.retryAfterMs)
    return { state: s, drift: view('repairing', s.repairs), repair: false };
  if (s.repairs >= cfg.maxRepairs) return { state: s, drift: view('unrepaired', s.repairs), repair: false };
  const next = { ...s, repairs: s.repairs + 1, lastRepairAtMs: nowMs };
  return withPath({ state: next, drift: view('repairing', next.repairs), repair: true });
}

/** Steering is held after the router hung, or the intended candidate is blocked after a failed steer: the policy moves first. */
export function steeringHeld(s: PolicyState, nowMs: number): boolean {
  return (s.steeringHeldUntilMs ?? 0) > nowMs || (s.selected !== undefined && (s.steerBlockedUntil[s.selected] ?? 0) > nowMs);
}

/** The drift code raised (as a degradation) when a difference stays: the tracks, or only the path. */
export function driftCode(d: DriftView): 'DRIFT_UNREPAIRED' | 'DRIFT_PATH' {
  return d.tracks.length > 0 || (d.routeMaps?.length ?? 0) > 0 ? 'DRIFT_UNREPAIRED' : 'DRIFT_PATH';
}

/** One line saying what differs, for logs and the degradation message. */
export function describeDrift(d: DriftView): string {
  const want = d.intended.candidate ?? (d.intended.released ? 'every candidate allowed' : 'nothing');
  const parts = [...d.tracks.map((t) => `track ${t.track} ${t.seen}, want ${t.want}`), ...(d.routeMaps ?? [])];
  if (d.path) parts.push(`router on ${d.active.peer ?? '-'} via ${d.active.source ?? '-'}`);
  return `intended ${want}: ${parts.join('; ')}${d.repairs > 0 ? ` (${d.repairs} repair${d.repairs === 1 ? '' : 's'} tried)` : ''}`;
}

/**
 * The agent-owned tracks as `show track brief` rows show them. A track absent
 * from a read that parsed cleanly is `missing` (removed by hand); from a read
 * with warnings (garbled, truncated) it tells nothing, as a WAN missing from
 * `show ip interface brief` does (runtime, fault suite).
 */
export function tracksSeen(
  rows: readonly { id: number; type: string; state: string }[],
  owned: readonly number[],
  clean: boolean,
): Map<number, TrackSeen> {
  const out = new Map<number, TrackSeen>();
  for (const id of owned) {
    const row = rows.find((r) => r.id === id);
    if (!row) out.set(id, clean ? 'missing' : 'unknown');
    else if (row.type !== 'stub-object') out.set(id, row.type === 'unknown' ? 'unknown' : 'not-stub');
    else out.set(id, row.state === 'up' || row.state === 'down' ? row.state : 'unknown');
  }
  return out;
}
