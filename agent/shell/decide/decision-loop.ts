import type { ActuationPlan, ActuationTargets, Strategy } from '../../core/actuation/plan.js';
import type { PathRepairReason } from '../../core/path-repair.js';
import type { PolicyConfig } from '../../core/policy/config.js';
import {
  INITIAL_RECONCILE,
  intentOf,
  reconcile,
  repairPlan,
  steeringHeld,
  type DriftView,
  type Intent,
  type ReconcileConfig,
  type ReconcileState,
  type TrackSeen,
} from '../../core/reconcile.js';
import {
  INITIAL_STEERING_RECONCILE,
  reconcileSteering,
  type SteeringReconcileConfig,
  type SteeringReconcileState,
} from '../../core/dual-cloud/reconcile.js';
import { stepMany } from '../../core/policy/step.js';
import {
  dispatch,
  INITIAL_STATE,
  type Action,
  type Decision,
  type Effect,
  type HandlerMap,
  type Observation,
  type PolicyState,
  type Report,
} from '../../core/policy/types.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { Supersede, type ActuationOutcome, type Steering } from '../act/actuator.js';

export interface JournalSink {
  (kind: string, subject: string | undefined, data: unknown): void;
}

export interface DecisionLoopOptions {
  policy: PolicyConfig;
  clock: Clock;
  actuator: Steering;
  log: Logger;
  journal: JournalSink;
  onDecision?: (d: Decision) => void;
  onHealth?: (e: Extract<Report, { kind: 'health-changed' }>) => void;
  onActuation?: (outcome: ActuationOutcome, effect: Effect) => void;
  /** Decision latency samples (ms): observation in to configuration command out. */
  onLatency?: (ms: number) => void;
  /**
   * A mode change is applied to the router without reconciliation (a dual-cloud spoke's route-maps):
   * into dry-run the steering is released, back to enforce the selected candidate is steered to.
   */
  applyModeChanges?: boolean;
  /** Reconciliation: what the agent owns on the router, how it is steered, how repairs are paced. Absent: no reconciliation (unit tests). */
  reconcile?: { targets: ActuationTargets; strategy: Strategy; config: ReconcileConfig };
  /** A dual-cloud spoke's reconciliation of its route-maps (reconcileSteeringAfterRead): how repairs are paced. */
  steeringReconcile?: SteeringReconcileConfig;
  /** The drift view changed (appeared, changed status or repairs, cleared). */
  onDrift?: (now: DriftView | undefined, was: DriftView | undefined) => void;
  /** A repair ran: its outcome, and the intent it put back. */
  onRepair?: (outcome: ActuationOutcome, intent: Intent) => void;
  /**
   * Path repair: a reselect sent (`path-reselect`, with `outcome` of sending it) or judged by the
   * next read (`path-reselected`, `path-reselect-failed`).
   */
  onPathRepair?: (reason: PathRepairReason, sent?: ActuationOutcome) => void;
  /** The mode changed and the agent applied it to the router: forbids released (dry-run) or the selected candidate steered to (enforce). */
  onModeApplied?: (mode: 'enforce' | 'dry-run', action: 'release' | 'steer' | 'none', intent: Intent) => void;
}

type Actuation =
  | { effect: Action; observedAt: number; token: Supersede }
  /** Reconciliation's repair: the intent's plan applied again. */
  | { repair: ActuationPlan; intent: Intent; token: Supersede }
  /** Path repair: the active peer's SA cleared so the client reselects. */
  | { reselect: ActuationPlan; reason: Extract<PathRepairReason, { code: 'path-reselect' }>; token: Supersede };

/**
 * Runs the pure policy on each observation and the effects it returns:
 * decisions are journaled, actuations run one at a time (a newer one waiting
 * replaces an older one), and their outcome comes back as an observation.
 */
export class DecisionLoop {
  state: PolicyState = INITIAL_STATE;
  private pending: Actuation | undefined;
  private running: Promise<void> | undefined;
  private runningToken: Supersede | undefined;
  /** Moves when an actuation starts or ends: a read that spans a change is not compared. */
  private epoch = 0;
  private reconcileState: ReconcileState = INITIAL_RECONCILE;
  private steeringReconcileState: SteeringReconcileState = INITIAL_STEERING_RECONCILE;
  /** What differs from the intent now; undefined while the router matches it. */
  drift: DriftView | undefined;
  /** When a read last found the agent's tracks and the router's path as intended (presence hangs on it). */
  inSyncAtMs: number | undefined;

  constructor(private readonly o: DecisionLoopOptions) {}

  /**
   * A new policy (set-policy command, SIGHUP reload): state and evidence are kept.
   * A change of mode is applied to the router at once: into dry-run, the agent's
   * forbids are released (dry-run never leaves the router steered); back to
   * enforce, the router is steered to the candidate the policy selected meanwhile
   * (issue 13: a fibre track stayed down across dry-run and back, and nothing said so).
   */
  reconfigure(policy: PolicyConfig): void {
    const was = this.o.policy.mode;
    this.o.policy = policy;
    if (was === policy.mode) return;
    if (!this.o.reconcile) {
      if (this.o.applyModeChanges) this.applyModeAlone(policy);
      return;
    }
    this.reconcileState = INITIAL_RECONCILE;
    const { targets, strategy } = this.o.reconcile;
    const intent = intentOf(this.state, policy, targets, strategy);
    let action: 'release' | 'steer' | 'none' = 'none';
    if (policy.mode === 'dry-run') {
      // Peer-order routers hold no forbid: their peer order is their configuration.
      if (strategy === 'stub-tracks') action = 'release';
    } else if (!steeringHeld(this.state, this.o.clock.now())) {
      action = intent.kind === 'steer' ? 'steer' : intent.kind === 'release' ? 'release' : 'none';
    }
    this.o.log.info('mode-applied', { mode: policy.mode, action, ...(intent.kind === 'steer' ? { candidate: intent.candidate } : {}) });
    this.o.journal('mode', policy.mode, { action, intent });
    if (action !== 'none') {
      const effect: Action =
        action === 'steer' && intent.kind === 'steer'
          ? { kind: 'steer', candidate: intent.candidate, peer: intent.peer, source: intent.source }
          : { kind: 'release' };
      this.enqueue({ effect, observedAt: performance.now(), token: new Supersede() });
    }
    this.o.onModeApplied?.(policy.mode, action, intent);
  }

  /** A mode change without reconciliation's intent: release into dry-run, the selected candidate again into enforce. */
  private applyModeAlone(policy: PolicyConfig): void {
    this.steeringReconcileState = INITIAL_STEERING_RECONCILE;
    const selected = policy.candidates.find((c) => c.id === this.state.selected);
    const steer = policy.mode === 'enforce' && selected && !this.state.released && !steeringHeld(this.state, this.o.clock.now());
    const effect: Action | undefined =
      policy.mode === 'dry-run'
        ? { kind: 'release' }
        : steer
          ? { kind: 'steer', candidate: selected.id, peer: selected.peer, source: selected.source }
          : undefined;
    const action = effect?.kind ?? 'none';
    this.o.log.info('mode-applied', { mode: policy.mode, action, ...(effect?.kind === 'steer' ? { candidate: effect.candidate } : {}) });
    this.o.journal('mode', policy.mode, { action });
    if (effect) this.enqueue({ effect, observedAt: performance.now(), token: new Supersede() });
  }

  /** What the agent intends the router to run now (undefined without reconciliation). */
  intent(): Intent | undefined {
    const rc = this.o.reconcile;
    return rc ? intentOf(this.state, this.o.policy, rc.targets, rc.strategy) : undefined;
  }

  /** The actuation epoch to pass back to `reconcileAfterRead` (taken before the read starts). */
  get actuationEpoch(): number {
    return this.epoch;
  }

  /** An actuation is running or waiting: reads are not compared meanwhile. */
  get actuating(): boolean {
    return this.running !== undefined || this.pending !== undefined;
  }

  /**
   * After a poll: compares the intent with the router (agent-owned stub tracks as
   * read, the active path the policy has absorbed) and queues a repair if due.
   * Never while an actuation is running or waiting, nor with a read that started
   * before one: it would see a change half made.
   */
  reconcileAfterRead(tracks: ReadonlyMap<number, TrackSeen> | undefined, epochAtRead: number): void {
    const rc = this.o.reconcile;
    if (!rc || this.actuating || epochAtRead !== this.epoch) return;
    const now = this.o.clock.now();
    const intent = intentOf(this.state, this.o.policy, rc.targets, rc.strategy);
    const r = reconcile(
      this.reconcileState,
      {
        intent,
        tracks,
        active: this.state.routerActive ?? {},
        mode: this.o.policy.mode,
        held: steeringHeld(this.state, now),
        path: { policy: this.state, targets: rc.targets, strategy: rc.strategy },
      },
      rc.config,
      now,
    );
    this.reconcileState = r.state;
    const was = this.drift;
    this.drift = r.drift;
    if (tracks !== undefined && r.drift === undefined) this.inSyncAtMs = now;
    if (JSON.stringify(was) !== JSON.stringify(r.drift)) this.o.onDrift?.(r.drift, was);
    if (r.path?.outcome) {
      this.o.journal('path-repair', r.path.outcome.candidate, r.path.outcome);
      this.o.onPathRepair?.(r.path.outcome);
    }
    const step = r.path?.step;
    if (step?.kind === 'reselect') {
      this.o.log.info('path-reselect', { ...step.reason });
      this.o.journal('path-repair', step.reason.candidate, step.reason);
      this.enqueue({ reselect: step.plan, reason: step.reason, token: new Supersede() });
      return;
    }
    if (!r.repair) return;
    const plan = repairPlan(intent, rc.targets, rc.strategy);
    if (!plan) return;
    this.o.journal('repair', intent.kind === 'steer' ? intent.candidate : 'all', { intent, drift: r.drift });
    this.enqueue({ repair: plan, intent, token: new Supersede() });
  }

  /**
   * A dual-cloud spoke's reconciliation (agent/core/dual-cloud/reconcile.ts): its route-maps and
   * their neighbour lines, read between steers, against the last verified steer (`intended`); the
   * steer's configuration queued again as a repair when due. As reconcileAfterRead, never while an
   * actuation runs or waits, nor with a read that started before one.
   */
  reconcileSteeringAfterRead(
    read: {
      differences: readonly string[];
      plan: ActuationPlan;
      intended: { candidate?: string; released: boolean };
      active: { peer?: string; source?: string };
    },
    epochAtRead: number,
  ): void {
    const cfg = this.o.steeringReconcile;
    if (!cfg || this.actuating || epochAtRead !== this.epoch) return;
    const now = this.o.clock.now();
    const r = reconcileSteering(
      this.steeringReconcileState,
      { differences: read.differences, intended: read.intended, mode: this.o.policy.mode, active: read.active },
      cfg,
      now,
    );
    this.steeringReconcileState = r.state;
    const was = this.drift;
    this.drift = r.drift;
    if (r.drift === undefined) this.inSyncAtMs = now;
    if (JSON.stringify(was) !== JSON.stringify(r.drift)) this.o.onDrift?.(r.drift, was);
    if (!r.repair) return;
    const c = this.o.policy.candidates.find((x) => x.id === read.intended.candidate);
    const intent: Intent = c
      ? { kind: 'steer', candidate: c.id, peer: c.peer, source: c.source, tracks: [] }
      : { kind: 'release', tracks: [] };
    this.o.log.info('steering-repair', { intended: read.intended.candidate ?? 'neutral', differences: read.differences.join('; ') });
    this.o.journal('repair', c?.id ?? 'all', { intent, drift: r.drift });
    this.enqueue({ repair: read.plan, intent, token: new Supersede() });
  }

  private enqueue(job: Actuation): void {
    this.pending = job;
    this.runningToken?.supersede();
    this.pump();
  }

  get policy(): PolicyConfig {
    return this.o.policy;
  }

  observe(obs: Observation): void {
    this.observeAll([obs]);
  }

  /** Observations from one read, decided on together. */
  observeAll(observations: readonly Observation[]): void {
    if (observations.length === 0) return;
    const observedAt = performance.now();
    const { state, actions, reports } = stepMany(this.state, observations, this.o.policy, this.o.clock.now());
    this.state = state;
    for (const obs of observations) if (obs.kind !== 'sla-samples' && obs.kind !== 'tick') this.o.journal('observation', obs.kind, obs);
    // The journal first (a cheap append, written on the next loop turn), then the actuation,
    // then logging and reporting (MQTT outbox): nothing slow sits between the observation and
    // the configuration command.
    for (const r of reports) dispatch(this.journalReport, r);
    // A verification still waiting for the router gives way to the newer decision.
    for (const a of actions) this.enqueue({ effect: a, observedAt, token: new Supersede() });
    for (const r of reports) dispatch(this.tellReport, r);
  }

  /** Each report in the journal, by kind. */
  private readonly journalReport: HandlerMap<Report> = {
    decision: (r) => this.o.journal('decision', r.decision.to ?? r.decision.from, r.decision),
    'health-changed': (r) => this.o.journal('health', r.candidate, r),
    'class-changed': (r) => this.o.journal('class', r.candidate, r),
  };

  /** Each report logged and told to the runtime's listeners, by kind. */
  private readonly tellReport: HandlerMap<Report> = {
    decision: (r) => {
      this.o.log.info('decision', { ...r.decision });
      this.o.onDecision?.(r.decision);
    },
    'health-changed': (r) => {
      this.o.log.info('health-changed', { ...r });
      this.o.onHealth?.(r);
    },
    // Per-class compliance reaches the fleet in telemetry (candidates[].classes), not as events.
    'class-changed': (r) => this.o.log.info('class-changed', { ...r }),
  };

  /** Resolves once no actuation is running or waiting (used at shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private pump(): void {
    if (this.running || !this.pending) return;
    const job = this.pending;
    this.pending = undefined;
    this.runningToken = job.token;
    this.epoch++;
    const run = 'repair' in job ? this.repair(job) : 'reselect' in job ? this.reselect(job) : this.actuate(job);
    this.running = run.finally(() => {
      this.epoch++;
      this.running = undefined;
      this.runningToken = undefined;
      this.pump();
    });
  }

  /**
   * Where the router is now, as the configured candidate it matches: the actuator
   * clears that SA and rolls back to it. What the router printed is never used
   * itself (it reached exec and config lines verbatim, red-team finding 9);
   * on no match, undefined, and a failed steer rolls back to the release plan.
   */
  private previousPath(): { peer: string; source: string } | undefined {
    const active = this.state.routerActive;
    const c = this.o.policy.candidates.find((x) => x.peer === active?.peer && x.source === active?.source);
    return c ? { peer: c.peer, source: c.source } : undefined;
  }

  private async repair({ repair, intent, token }: Extract<Actuation, { repair: ActuationPlan }>): Promise<void> {
    let outcome: ActuationOutcome;
    try {
      outcome = await this.o.actuator.reapply(repair, token);
    } catch (err) {
      outcome = { ok: false, code: 'ACTUATE_ROUTER_ERROR', message: (err as Error).message, attempts: 1, rolledBack: false };
    }
    this.o.journal('repair-outcome', intent.kind === 'steer' ? intent.candidate : 'all', outcome);
    this.o.onRepair?.(outcome, intent);
  }

  /** Sends the reselect; where the client went is judged on the next read (agent/core/path-repair.ts). */
  private async reselect({ reselect, reason, token }: Extract<Actuation, { reselect: ActuationPlan }>): Promise<void> {
    let outcome: ActuationOutcome;
    try {
      outcome = await this.o.actuator.reapply(reselect, token);
    } catch (err) {
      outcome = { ok: false, code: 'ACTUATE_ROUTER_ERROR', message: (err as Error).message, attempts: 1, rolledBack: false };
    }
    this.o.journal('repair-outcome', reason.candidate, outcome);
    this.o.onPathRepair?.(reason, outcome);
  }

  private async actuate({ effect, observedAt, token }: Extract<Actuation, { effect: unknown }>): Promise<void> {
    const previous = this.previousPath();
    this.o.journal('action', effect.kind === 'steer' ? effect.candidate : 'all', effect);
    const actuator = this.o.actuator;
    const onCommandOut = () => this.o.onLatency?.(performance.now() - observedAt);
    let outcome: ActuationOutcome;
    try {
      // No default: an action kind added to the core and not executed here is a lint error (switch-exhaustiveness-check).
      switch (effect.kind) {
        case 'steer':
          outcome = await actuator.steer(
            { peer: effect.peer, source: effect.source, ...(effect.clearSaOf ? { clearSaOf: effect.clearSaOf } : {}) },
            previous,
            onCommandOut,
            token,
          );
          break;
        case 'release':
          outcome = await actuator.release(onCommandOut, token);
          break;
      }
    } catch (err) {
      outcome = { ok: false, code: 'ACTUATE_ROUTER_ERROR', message: (err as Error).message, attempts: 0, rolledBack: false };
    }
    this.o.journal('verification', effect.kind === 'steer' ? effect.candidate : 'all', outcome);
    this.o.onActuation?.(outcome, effect);
    if (!outcome.ok && outcome.code !== 'ACTUATE_SUPERSEDED' && effect.kind === 'steer') {
      const routerCode = outcome.code === 'ACTUATE_ROUTER_ERROR' ? outcome.routerCode : undefined;
      this.observe({ kind: 'steer-failed', candidate: effect.candidate, code: outcome.code, ...(routerCode ? { routerCode } : {}) });
    }
  }
}
