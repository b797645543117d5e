import type { PolicyConfig } from '../core/policy/config.js';
import { stepMany } from '../core/policy/step.js';
import { INITIAL_STATE, type Decision, type Effect, type Observation, type PolicyState } from '../core/policy/types.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { Supersede, type ActuationOutcome, type Actuator } from './actuator.js';

export interface JournalSink {
  (kind: string, subject: string | undefined, data: unknown): void;
}

export interface DecisionLoopOptions {
  policy: PolicyConfig;
  clock: Clock;
  actuator: Actuator;
  log: Logger;
  journal: JournalSink;
  onDecision?: (d: Decision) => void;
  onHealth?: (e: Extract<Effect, { kind: 'health-changed' }>) => void;
  onActuation?: (outcome: ActuationOutcome, effect: Effect) => void;
  /** Decision latency samples (ms): observation in to configuration command out. */
  onLatency?: (ms: number) => void;
}

type Actuation = { effect: Extract<Effect, { kind: 'steer' | 'release' }>; observedAt: number; token: Supersede };

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

  constructor(private readonly o: DecisionLoopOptions) {}

  /** A new policy (set-policy command, SIGHUP reload): state and evidence are kept. */
  reconfigure(policy: PolicyConfig): void {
    this.o.policy = policy;
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
    const { state, effects } = stepMany(this.state, observations, this.o.policy, this.o.clock.now());
    this.state = state;
    for (const obs of observations) if (obs.kind !== 'sla-samples' && obs.kind !== 'tick') this.o.journal('observation', obs.kind, obs);
    // The journal first (a cheap append, written on the next loop turn), then the actuation,
    // then logging and reporting (MQTT outbox): nothing slow sits between the observation and
    // the configuration command.
    for (const e of effects) {
      if (e.kind === 'decision') this.o.journal('decision', e.decision.to ?? e.decision.from, e.decision);
      else if (e.kind === 'health-changed') this.o.journal('health', e.candidate, e);
    }
    for (const e of effects) {
      if (e.kind !== 'steer' && e.kind !== 'release') continue;
      this.pending = { effect: e, observedAt, token: new Supersede() };
      // A verification still waiting for the router gives way to the newer decision.
      this.runningToken?.supersede();
      this.pump();
    }
    for (const e of effects) {
      if (e.kind === 'decision') {
        this.o.log.info('decision', { ...e.decision });
        this.o.onDecision?.(e.decision);
      } else if (e.kind === 'health-changed') {
        this.o.log.info('health-changed', { ...e });
        this.o.onHealth?.(e);
      }
    }
  }

  /** Resolves once no actuation is running or waiting (used at shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  private pump(): void {
    if (this.running || !this.pending) return;
    const job = this.pending;
    this.pending = undefined;
    this.runningToken = job.token;
    this.running = this.actuate(job).finally(() => {
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

  private async actuate({ effect, observedAt, token }: Actuation): Promise<void> {
    const previous = this.previousPath();
    this.o.journal('action', effect.kind === 'steer' ? effect.candidate : 'all', effect);
    const actuator = this.o.actuator;
    const onCommandOut = () => this.o.onLatency?.(performance.now() - observedAt);
    let outcome: ActuationOutcome;
    try {
      outcome = effect.kind === 'steer'
        ? await actuator.steer({ peer: effect.peer, source: effect.source, ...(effect.clearSaOf ? { clearSaOf: effect.clearSaOf } : {}) }, previous, onCommandOut, token)
        : await actuator.release(onCommandOut, token);
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
