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
import type { Logger } from '../../ports/logger.js';
import { RouterError, type RouterCli } from '../../ports/router-cli.js';
import { waitUntil } from './verify-wait.js';

/** What the router says it uses now (re-read for verification). */
export interface ActivePath {
  peer?: string;
  source?: string;
  /** The crypto session to `peer` is up (UP-ACTIVE). */
  sessionUp: boolean;
}

export interface ActuatorOptions {
  router: RouterCli;
  targets: ActuationTargets;
  strategy: Strategy;
  clock: Clock;
  log: Logger;
  /** Re-reads `show crypto ikev2 client flexvpn` and `show crypto session`. */
  readActivePath: () => Promise<ActivePath>;
  verifyTimeoutMs: number;
  verifyPollMs: number;
  retries: number;
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
    const outcome = await this.applyAndVerify(plan, matches, onCommandOut, token);
    if (outcome.ok || outcome.code === 'ACTUATE_SUPERSEDED') return outcome;
    const rolledBack = await this.rollBack(previous);
    this.o.log.warn('actuation-failed', { target, code: outcome.code, message: outcome.message, rolledBack });
    return { ...outcome, rolledBack };
  }

  /** Every candidate allowed: the router decides alone. Verified by the client being connected at all. */
  async release(onCommandOut?: () => void, token = new Supersede()): Promise<ActuationOutcome> {
    return this.applyAndVerify(planRelease(this.o.targets), () => true, onCommandOut, token);
  }

  /**
   * Reconciliation's repair: the intent's configuration once more, no retry, no rollback
   * (the intent is where the router belongs) and no verification here: the next poll
   * reads the tracks back, and reconciliation counts a repair that did not take.
   */
  async reapply(plan: ActuationPlan, token = new Supersede()): Promise<ActuationOutcome> {
    if (token.superseded)
      return { ok: false, code: 'ACTUATE_SUPERSEDED', message: 'a newer decision took over', attempts: 0, rolledBack: false };
    const started = this.o.clock.now();
    try {
      await this.apply(plan);
      return { ok: true, attempts: 1, verifiedAfterMs: this.o.clock.now() - started };
    } catch (err) {
      const routerCode = err instanceof RouterError ? err.code : undefined;
      this.o.log.warn('repair-apply-failed', { error: describe(err) });
      return {
        ok: false,
        code: 'ACTUATE_ROUTER_ERROR',
        message: describe(err),
        attempts: 1,
        rolledBack: false,
        ...(routerCode ? { routerCode } : {}),
      };
    }
  }

  private async applyAndVerify(
    plan: ActuationPlan,
    matches: (p: ActivePath) => boolean,
    onCommandOut: (() => void) | undefined,
    token: Supersede,
  ): Promise<ActuationOutcome> {
    const started = this.o.clock.now();
    let lastError = '';
    let code: 'ACTUATE_VERIFY_FAILED' | 'ACTUATE_ROUTER_ERROR' = 'ACTUATE_VERIFY_FAILED';
    let routerCode: string | undefined;
    const superseded = (attempts: number): ActuationOutcome => ({
      ok: false,
      code: 'ACTUATE_SUPERSEDED',
      message: 'a newer decision took over',
      attempts,
      rolledBack: false,
    });
    for (let attempt = 1; attempt <= this.o.retries + 1; attempt++) {
      if (token.superseded) return superseded(attempt - 1);
      try {
        if (attempt === 1) onCommandOut?.();
        await this.apply(plan);
      } catch (err) {
        code = 'ACTUATE_ROUTER_ERROR';
        routerCode = err instanceof RouterError ? err.code : undefined;
        lastError = describe(err);
        this.o.log.warn('actuation-apply-failed', { attempt, error: lastError });
        continue;
      }
      const seen = await waitUntil({
        clock: this.o.clock,
        log: this.o.log,
        timeoutMs: this.o.verifyTimeoutMs,
        pollMs: this.o.verifyPollMs,
        token,
        read: () => this.o.readActivePath(),
        check: matches,
      });
      if (seen.ok) return { ok: true, attempts: attempt, verifiedAfterMs: this.o.clock.now() - started };
      if (token.superseded) return superseded(attempt);
      code = 'ACTUATE_VERIFY_FAILED';
      routerCode = undefined;
      lastError = `the router did not take the change within ${this.o.verifyTimeoutMs} ms`;
    }
    return { ok: false, code, message: lastError, attempts: this.o.retries + 1, rolledBack: false, ...(routerCode ? { routerCode } : {}) };
  }

  private async apply(plan: ActuationPlan): Promise<void> {
    if (plan.configLines.length > 0) await this.o.router.configure(plan.configLines);
    for (const cmd of plan.execCommands) await this.o.router.exec(cmd);
  }

  /** Back to where the router was, if that was a configured path; otherwise every candidate allowed. */
  private async rollBack(previous: { peer?: string; source?: string } | undefined): Promise<boolean> {
    const path = configuredPath(this.o.targets, previous);
    const plan = path
      ? this.o.strategy === 'stub-tracks'
        ? planStubTracks(this.o.targets, path.peer, path.source)
        : planPeerOrder(this.o.targets, path.peer)
      : planRelease(this.o.targets);
    try {
      await this.apply(plan);
      return true;
    } catch (err) {
      this.o.log.error('rollback-failed', { error: describe(err) });
      return false;
    }
  }
}

const describe = (err: unknown) => (err instanceof RouterError ? `${err.code}: ${err.message}` : String((err as Error)?.message ?? err));
