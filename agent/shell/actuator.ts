import { planPeerOrder, planRelease, planStubTracks, type ActuationPlan, type ActuationTargets, type Strategy } from '../core/actuation/plan.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import { RouterError, type RouterCli } from '../ports/router-cli.js';

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
  | { ok: false; code: 'ACTUATE_VERIFY_FAILED' | 'ACTUATE_ROUTER_ERROR'; message: string; attempts: number; rolledBack: boolean };

export interface SteerTarget {
  peer: string;
  source: string;
  clearSaOf?: string;
}

/**
 * Turns steering effects into IOS configuration through the router port, then
 * checks the router followed by re-reading it. Retries, then rolls back to
 * where the router was, with a coded error, when the router disagrees.
 */
export class Actuator {
  constructor(private readonly o: ActuatorOptions) {}

  /** `onCommandOut` is called just before the first configuration command (decision latency ends there). */
  async steer(target: SteerTarget, previous: { peer?: string; source?: string } | undefined, onCommandOut?: () => void): Promise<ActuationOutcome> {
    const plan = this.o.strategy === 'stub-tracks'
      ? planStubTracks(this.o.targets, target.peer, target.source, target.clearSaOf)
      : planPeerOrder(this.o.targets, target.peer, previous?.peer);
    const matches = (p: ActivePath) => p.peer === target.peer && p.source === target.source && p.sessionUp;
    const outcome = await this.applyAndVerify(plan, matches, onCommandOut);
    if (outcome.ok) return outcome;
    const rolledBack = await this.rollBack(previous);
    this.o.log.warn('actuation-failed', { target, code: outcome.code, message: outcome.message, rolledBack });
    return { ...outcome, rolledBack };
  }

  /** Every candidate allowed: the router decides alone. Verified by the client being connected at all. */
  async release(onCommandOut?: () => void): Promise<ActuationOutcome> {
    const outcome = await this.applyAndVerify(planRelease(this.o.targets), () => true, onCommandOut);
    return outcome.ok ? outcome : { ...outcome, rolledBack: false };
  }

  private async applyAndVerify(plan: ActuationPlan, matches: (p: ActivePath) => boolean, onCommandOut?: () => void): Promise<ActuationOutcome> {
    const started = this.o.clock.now();
    let lastError = '';
    let code: 'ACTUATE_VERIFY_FAILED' | 'ACTUATE_ROUTER_ERROR' = 'ACTUATE_VERIFY_FAILED';
    for (let attempt = 1; attempt <= this.o.retries + 1; attempt++) {
      try {
        if (attempt === 1) onCommandOut?.();
        await this.apply(plan);
      } catch (err) {
        code = 'ACTUATE_ROUTER_ERROR';
        lastError = describe(err);
        this.o.log.warn('actuation-apply-failed', { attempt, error: lastError });
        continue;
      }
      if (await this.waitUntil(matches)) return { ok: true, attempts: attempt, verifiedAfterMs: this.o.clock.now() - started };
      code = 'ACTUATE_VERIFY_FAILED';
      lastError = `the router did not take the change within ${this.o.verifyTimeoutMs} ms`;
    }
    return { ok: false, code, message: lastError, attempts: this.o.retries + 1, rolledBack: false };
  }

  private async apply(plan: ActuationPlan): Promise<void> {
    if (plan.configLines.length > 0) await this.o.router.configure(plan.configLines);
    for (const cmd of plan.execCommands) await this.o.router.exec(cmd);
  }

  private async waitUntil(matches: (p: ActivePath) => boolean): Promise<boolean> {
    const deadline = this.o.clock.now() + this.o.verifyTimeoutMs;
    for (;;) {
      try {
        if (matches(await this.o.readActivePath())) return true;
      } catch (err) {
        this.o.log.debug('verify-read-failed', { error: describe(err) });
      }
      if (this.o.clock.now() >= deadline) return false;
      await this.o.clock.sleep(this.o.verifyPollMs);
    }
  }

  private async rollBack(previous: { peer?: string; source?: string } | undefined): Promise<boolean> {
    const plan = previous?.peer && previous.source
      ? (this.o.strategy === 'stub-tracks' ? planStubTracks(this.o.targets, previous.peer, previous.source) : planPeerOrder(this.o.targets, previous.peer))
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
