import {
  configuredPath,
  planPeerOrder,
  planRelease,
  planStubTracks,
  steerClearOf,
  type ActuationPlan,
  type ActuationTargets,
  type Strategy,
} from '../../core/actuation/plan.js';
import type { Clock } from '../../ports/clock.js';
import { applyAndVerify, reapplyPlan, rollBackWith, type PlanSender } from './apply-plan.js';

/** What the router says it uses now (re-read for verification). */
export interface ActivePath {
  peer?: string;
  source?: string;
  /** The crypto session to `peer` is up (UP-ACTIVE). */
  sessionUp: boolean;
}

export interface ActuatorOptions extends PlanSender {
  targets: ActuationTargets;
  strategy: Strategy;
  /** Re-reads `show crypto ikev2 client flexvpn` and `show crypto session`. */
  readActivePath: () => Promise<ActivePath>;
}

export type ActuationOutcome =
  | { ok: true; attempts: number; verifiedAfterMs: number }
  /** `routerCode`: for ACTUATE_ROUTER_ERROR, the router error of the last attempt (ROUTER_TIMEOUT: it never answered). */
  | {
      ok: false;
      code: 'ACTUATE_VERIFY_FAILED' | 'ACTUATE_ROUTER_ERROR';
      message: string;
      attempts: number;
      rolledBack: boolean;
      routerCode?: string;
    }
  /** A newer decision arrived while this one was being verified: its own actuation takes over. */
  | { ok: false; code: 'ACTUATE_SUPERSEDED'; message: string; attempts: number; rolledBack: false };

/** Lets the decision loop cut a verification short when a newer decision is waiting. */
export class Supersede {
  superseded = false;
  private wakeUp: (() => void) | undefined;

  supersede(): void {
    this.superseded = true;
    this.wakeUp?.();
  }

  /** Sleeps `ms` on the clock, or less if superseded meanwhile. */
  sleep(clock: Clock, ms: number): Promise<void> {
    if (this.superseded) return Promise.resolve();
    return Promise.race([clock.sleep(ms), new Promise<void>((resolve) => (this.wakeUp = resolve))]);
  }
}

export interface SteerTarget {
  peer: string;
  source: string;
  clearSaOf?: string;
}

/**
 * What the decision loop steers through: the FlexVPN client's stub tracks
 * (Actuator, below) or, on a dual-cloud spoke, the agent's BGP route-maps
 * (bgp-steering.ts). Each applies, verifies by reading the router back, and
 * rolls back on failure.
 */
export interface Steering {
  steer(
    target: SteerTarget,
    previous: { peer?: string; source?: string } | undefined,
    onCommandOut?: () => void,
    token?: Supersede,
  ): Promise<ActuationOutcome>;
  release(onCommandOut?: () => void, token?: Supersede): Promise<ActuationOutcome>;
  reapply(plan: ActuationPlan, token?: Supersede): Promise<ActuationOutcome>;
}

/**
 * Turns steering effects into IOS configuration through the router port, then
 * checks the router followed by re-reading it. Retries, then rolls back to
 * where the router was, with a coded error, when the router disagrees.
 */
export class Actuator implements Steering {
  constructor(private readonly o: ActuatorOptions) {}

  /** `onCommandOut` is called just before the first configuration command (decision latency ends there). */
  async steer(
    target: SteerTarget,
    previous: { peer?: string; source?: string } | undefined,
    onCommandOut?: () => void,
    token = new Supersede(),
  ): Promise<ActuationOutcome> {
    const plan =
      this.o.strategy === 'stub-tracks'
        ? planStubTracks(
            this.o.targets,
            target.peer,
            target.source,
            steerClearOf(this.o.targets, target.peer, previous?.peer, target.clearSaOf),
          )
        : planPeerOrder(this.o.targets, target.peer, previous?.peer);
    const matches = (p: ActivePath) => p.peer === target.peer && p.source === target.source && p.sessionUp;
    const outcome = await this.verified(plan, matches, onCommandOut, token);
    if (outcome.ok || outcome.code === 'ACTUATE_SUPERSEDED') return outcome;
    const rolledBack = await this.rollBack(previous);
    this.o.log.warn('actuation-failed', { target, code: outcome.code, message: outcome.message, rolledBack });
    return { ...outcome, rolledBack };
  }

  /** Every candidate allowed: the router decides alone. Verified by the client being connected at all. */
  async release(onCommandOut?: () => void, token = new Supersede()): Promise<ActuationOutcome> {
    return this.verified(planRelease(this.o.targets), () => true, onCommandOut, token);
  }

  /** Reconciliation's repair: the intent once more (apply-plan.ts, reapplyPlan). */
  reapply(plan: ActuationPlan, token = new Supersede()): Promise<ActuationOutcome> {
    return reapplyPlan(this.o, plan, token);
  }

  private verified(
    plan: ActuationPlan,
    matches: (p: ActivePath) => boolean,
    onCommandOut: (() => void) | undefined,
    token: Supersede,
  ): Promise<ActuationOutcome> {
    const check = {
      read: () => this.o.readActivePath(),
      check: matches,
      notFollowed: () => `the router did not take the change within ${this.o.verifyTimeoutMs} ms`,
    };
    return applyAndVerify(this.o, plan, check, onCommandOut, token);
  }

  /** Back to where the router was, if that was a configured path; otherwise every candidate allowed. */
  private rollBack(previous: { peer?: string; source?: string } | undefined): Promise<boolean> {
    const path = configuredPath(this.o.targets, previous);
    const plan = path
      ? this.o.strategy === 'stub-tracks'
        ? planStubTracks(this.o.targets, path.peer, path.source)
        : planPeerOrder(this.o.targets, path.peer)
      : planRelease(this.o.targets);
    return rollBackWith(this.o, plan);
  }
}
