import type { BgpPathEntry, RouteMapEntry } from '../../../proto/records/routing.js';
import type { ActuationPlan } from '../../core/actuation/plan.js';
import type { DualCloudConfig } from '../../core/dual-cloud/config.js';
import { planBgpRelease, planBgpSteer, routeMapIntents } from '../../core/dual-cloud/plan.js';
import { bestHubs } from '../../core/dual-cloud/observe.js';
import { prefixesNotVia, routeMapDifferences } from '../../core/dual-cloud/verify.js';
import { Supersede, type ActuationOutcome, type Steering, type SteerTarget } from './actuator.js';
import { applyAndVerify, reapplyPlan, rollBackWith, type PlanSender } from './apply-plan.js';

/** What the router shows of BGP, re-read to verify a steer. */
export interface BgpView {
  paths: BgpPathEntry[];
  routeMaps: RouteMapEntry[];
}

export interface BgpSteeringOptions extends PlanSender {
  dualCloud: DualCloudConfig;
  /** Re-reads `show bgp ipv4 unicast` and `show route-map`. */
  readBgp: () => Promise<BgpView>;
}

/**
 * Steers a dual-cloud spoke through its agent-owned route-maps
 * (agent/core/dual-cloud/plan.ts) and checks the router followed by reading
 * BGP back: the steered prefixes' best path through the chosen hub, the
 * route-maps as intended. Retries, then puts the route-maps back as the last
 * verified steer left them (neutral if none), with a coded error.
 */
export class BgpSteering implements Steering {
  /** The hub the route-maps prefer as last applied and verified; undefined: neutral (released, or nothing applied yet). */
  private appliedHub: string | undefined;
  /** A steer or release has been verified: there is a state of the route-maps to reconcile against. */
  settled = false;

  /** The neighbour the last verified steer chose; undefined: neutral. */
  get applied(): string | undefined {
    return this.appliedHub;
  }

  /** The route-maps were read back as a steer to `neighbor` (undefined: neutral) before any steer of this run: that is the state to keep. */
  adopt(neighbor: string | undefined): void {
    this.appliedHub = neighbor;
    this.settled = true;
  }

  constructor(private readonly o: BgpSteeringOptions) {}

  async steer(target: SteerTarget, _previous: unknown, onCommandOut?: () => void, token = new Supersede()): Promise<ActuationOutcome> {
    const c = this.o.dualCloud;
    const intents = routeMapIntents(c, target.peer);
    const followed = (v: BgpView) =>
      bestHubs(c, v.paths).some((b) => b.nextHop === target.peer) &&
      prefixesNotVia(c, v.paths, target.peer).length === 0 &&
      routeMapDifferences(intents, v.routeMaps).length === 0;
    const outcome = await this.verified(planBgpSteer(c, target.peer), followed, onCommandOut, token);
    if (outcome.ok) {
      this.appliedHub = target.peer;
      this.settled = true;
    }
    if (outcome.ok || outcome.code === 'ACTUATE_SUPERSEDED') return outcome;
    const rolledBack = await this.rollBack();
    this.o.log.warn('actuation-failed', { target: target.peer, code: outcome.code, message: outcome.message, rolledBack });
    return { ...outcome, rolledBack };
  }

  /** Every route-map neutral: BGP decides alone. Verified by the route-maps reading back without a set clause. */
  async release(onCommandOut?: () => void, token = new Supersede()): Promise<ActuationOutcome> {
    const intents = routeMapIntents(this.o.dualCloud, undefined);
    const outcome = await this.verified(
      planBgpRelease(this.o.dualCloud),
      (v) => routeMapDifferences(intents, v.routeMaps).length === 0,
      onCommandOut,
      token,
    );
    if (outcome.ok) {
      this.appliedHub = undefined;
      this.settled = true;
    }
    return outcome;
  }

  /** Reconciliation's repair: the intent once more (apply-plan.ts, reapplyPlan). */
  reapply(plan: ActuationPlan, token = new Supersede()): Promise<ActuationOutcome> {
    return reapplyPlan(this.o, plan, token);
  }

  private verified(
    plan: ActuationPlan,
    followed: (v: BgpView) => boolean,
    onCommandOut: (() => void) | undefined,
    token: Supersede,
  ): Promise<ActuationOutcome> {
    const check = {
      read: () => this.o.readBgp(),
      check: followed,
      describe: (view: BgpView) =>
        `best paths ${
          bestHubs(this.o.dualCloud, view.paths)
            .map((b) => `${b.prefix} via ${b.nextHop}`)
            .join(', ') || 'none'
        }`,
      notFollowed: (seen: string | undefined) => `BGP did not follow within ${this.o.verifyTimeoutMs} ms${seen ? `: ${seen}` : ''}`,
    };
    return applyAndVerify(this.o, plan, check, onCommandOut, token);
  }

  /** The route-maps as the last verified steer left them: nothing half-applied stays. */
  private rollBack(): Promise<boolean> {
    const c = this.o.dualCloud;
    return rollBackWith(this.o, this.appliedHub !== undefined ? planBgpSteer(c, this.appliedHub) : planBgpRelease(c));
  }
}
