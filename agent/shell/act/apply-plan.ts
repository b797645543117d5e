import { describeError } from '../../../proto/coded-error.js';
import type { ActuationPlan } from '../../core/actuation/plan.js';
import type { Clock } from '../../ports/clock.js';
import type { Logger } from '../../ports/logger.js';
import { RouterError, type RouterCli } from '../../ports/router-cli.js';
import type { ActuationOutcome, Supersede } from './actuator.js';
import { waitUntil } from './verify-wait.js';

/**
 * How a plan reaches the router and is checked, shared by the stub-track
 * actuator (failover design) and the BGP steering (dual-cloud design): they
 * differ in the plan, in what they read back and in what counts as followed,
 * not in how they send, retry, verify or report.
 */
export interface PlanSender {
  router: RouterCli;
  clock: Clock;
  log: Logger;
  verifyTimeoutMs: number;
  verifyPollMs: number;
  retries: number;
}

/** What the router shows back, and when that is the plan followed. */
export interface PlanCheck<V> {
  read: () => Promise<V>;
  check: (v: V) => boolean;
  /** What the last read showed, in words, for the error when it never passed. */
  describe?: (v: V) => string;
  /** The error of a check that never passed, from what was last seen (undefined: no read described). */
  notFollowed: (seen: string | undefined) => string;
}

/** The plan's configuration in one session, then its exec commands in order. */
export async function sendPlan(router: RouterCli, plan: ActuationPlan): Promise<void> {
  if (plan.configLines.length > 0) await router.configure(plan.configLines);
  for (const cmd of plan.execCommands) await router.exec(cmd);
}

const supersededAfter = (attempts: number): ActuationOutcome => ({
  ok: false,
  code: 'ACTUATE_SUPERSEDED',
  message: 'a newer decision took over',
  attempts,
  rolledBack: false,
});

/**
 * Sends the plan and re-reads until it is followed, up to `retries` more times
 * (a send the router refused, or a change it did not take in time). Stops at
 * once when a newer decision supersedes it. Rolling back is the caller's: only
 * it knows where the router was. `onCommandOut` fires as the first send starts.
 */
export async function applyAndVerify<V>(
  o: PlanSender,
  plan: ActuationPlan,
  verify: PlanCheck<V>,
  onCommandOut: (() => void) | undefined,
  token: Supersede,
): Promise<ActuationOutcome> {
  const started = o.clock.now();
  let failure: Extract<ActuationOutcome, { ok: false }> | undefined;
  for (let attempt = 1; attempt <= o.retries + 1; attempt++) {
    if (token.superseded) return supersededAfter(attempt - 1);
    try {
      if (attempt === 1) onCommandOut?.();
      await sendPlan(o.router, plan);
    } catch (err) {
      failure = routerFailure(err, attempt);
      o.log.warn('actuation-apply-failed', { attempt, error: failure.message });
      continue;
    }
    const seen = await waitUntil({
      clock: o.clock,
      log: o.log,
      timeoutMs: o.verifyTimeoutMs,
      pollMs: o.verifyPollMs,
      token,
      read: verify.read,
      check: verify.check,
      ...(verify.describe ? { describe: verify.describe } : {}),
    });
    if (seen.ok) return { ok: true, attempts: attempt, verifiedAfterMs: o.clock.now() - started };
    if (token.superseded) return supersededAfter(attempt);
    failure = { ok: false, code: 'ACTUATE_VERIFY_FAILED', message: verify.notFollowed(seen.seen), attempts: attempt, rolledBack: false };
  }
  return { ...failure!, attempts: o.retries + 1 };
}

/**
 * Reconciliation's repair: the intent's configuration once more, no retry, no
 * rollback (the intent is where the router belongs) and no verification here:
 * the next poll reads the router back, and reconciliation counts a repair that
 * did not take.
 */
export async function reapplyPlan(o: PlanSender, plan: ActuationPlan, token: Supersede): Promise<ActuationOutcome> {
  if (token.superseded) return supersededAfter(0);
  const started = o.clock.now();
  try {
    await sendPlan(o.router, plan);
    return { ok: true, attempts: 1, verifiedAfterMs: o.clock.now() - started };
  } catch (err) {
    const failure = routerFailure(err, 1);
    o.log.warn('repair-apply-failed', { error: failure.message });
    return failure;
  }
}

/** Puts the router back with `plan`, unverified (it is where the router was); false, logged, when the router refuses. */
export async function rollBackWith(o: PlanSender, plan: ActuationPlan): Promise<boolean> {
  try {
    await sendPlan(o.router, plan);
    return true;
  } catch (err) {
    o.log.error('rollback-failed', { error: describeActuationError(err) });
    return false;
  }
}

/** A send the router refused: its coded error in words, and the router's code for the status. */
function routerFailure(err: unknown, attempts: number): Extract<ActuationOutcome, { ok: false }> {
  return {
    ok: false,
    code: 'ACTUATE_ROUTER_ERROR',
    message: describeActuationError(err),
    attempts,
    rolledBack: false,
    ...(err instanceof RouterError ? { routerCode: err.code } : {}),
  };
}

export function describeActuationError(err: unknown): string {
  const { code, message } = describeError(err);
  return code ? `${code}: ${message}` : message;
}
