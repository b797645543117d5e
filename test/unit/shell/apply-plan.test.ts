/**
 * How both steerings send a plan, retry and verify it (agent/shell/act/apply-plan.ts),
 * on a clock that only moves when it sleeps and a router that answers from a script.
 */
import { describe, expect, it } from 'vitest';
import type { ActuationPlan } from '../../../agent/core/actuation/plan.js';
import type { Clock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { RouterError, type RouterCli } from '../../../agent/ports/router-cli.js';
import { Supersede } from '../../../agent/shell/act/actuator.js';
import { applyAndVerify, reapplyPlan, rollBackWith, type PlanCheck } from '../../../agent/shell/act/apply-plan.js';

function steppingClock(): Clock {
  let now = 0;
  return {
    now: () => now,
    sleep: async (ms: number) => {
      now += ms;
    },
    setTimer: () => () => undefined,
  };
}

/** A router whose configure fails while `refusals` lasts, and records what it was sent. */
function scriptedRouter(refusals: RouterError[]): RouterCli & { sent: string[] } {
  const sent: string[] = [];
  return {
    sent,
    show: async () => '',
    configure: async (lines) => {
      const refusal = refusals.shift();
      if (refusal) throw refusal;
      sent.push(...lines);
    },
    exec: async (command) => {
      sent.push(command);
      return '';
    },
    close: async () => undefined,
  };
}

const plan: ActuationPlan = {
  configLines: ['track 11 stub-object', ' default-state up'],
  execCommands: ['clear crypto session remote 192.0.2.1'],
};
const sender = (router: RouterCli) => ({
  router,
  clock: steppingClock(),
  log: silentLogger,
  verifyTimeoutMs: 3000,
  verifyPollMs: 1000,
  retries: 2,
});
const followedAfter = (reads: number): PlanCheck<number> => {
  let n = 0;
  return { read: async () => ++n, check: (v) => v >= reads, describe: (v) => `read ${v}`, notFollowed: (seen) => `not followed (${seen})` };
};

describe('applyAndVerify', () => {
  it('sends the configuration in one session, then the exec commands, and passes on the read that follows', async () => {
    const router = scriptedRouter([]);
    let out = 0;
    const r = await applyAndVerify(sender(router), plan, followedAfter(2), () => out++, new Supersede());
    expect(r).toEqual({ ok: true, attempts: 1, verifiedAfterMs: 1000 });
    expect(router.sent).toEqual([...plan.configLines, ...plan.execCommands]);
    expect(out).toBe(1);
  });

  it('retries a send the router refused, and says the attempt that passed', async () => {
    const router = scriptedRouter([new RouterError('ROUTER_TIMEOUT', 'no prompt within 10000 ms')]);
    const r = await applyAndVerify(sender(router), plan, followedAfter(1), undefined, new Supersede());
    expect(r).toMatchObject({ ok: true, attempts: 2 });
  });

  it('gives up after the retries with what the last read showed, never a stale router code', async () => {
    const router = scriptedRouter([new RouterError('ROUTER_TIMEOUT', 'no prompt')]);
    const r = await applyAndVerify(sender(router), plan, followedAfter(99), undefined, new Supersede());
    expect(r).toEqual({
      ok: false,
      code: 'ACTUATE_VERIFY_FAILED',
      message: expect.stringMatching(/^not followed \(read \d+\)$/),
      attempts: 3,
      rolledBack: false,
    });
  });

  it('reports the router error of the last attempt with its code', async () => {
    const refusals = [1, 2, 3].map((i) => new RouterError('ROUTER_CLI_ERROR', `refused ${i}`, 'track 11 stub-object'));
    const r = await applyAndVerify(sender(scriptedRouter(refusals)), plan, followedAfter(1), undefined, new Supersede());
    expect(r).toEqual({
      ok: false,
      code: 'ACTUATE_ROUTER_ERROR',
      message: 'ROUTER_CLI_ERROR: refused 3',
      attempts: 3,
      rolledBack: false,
      routerCode: 'ROUTER_CLI_ERROR',
    });
  });

  it('sends nothing once superseded', async () => {
    const router = scriptedRouter([]);
    const token = new Supersede();
    token.supersede();
    const r = await applyAndVerify(sender(router), plan, followedAfter(1), undefined, token);
    expect(r).toMatchObject({ ok: false, code: 'ACTUATE_SUPERSEDED', attempts: 0 });
    expect(router.sent).toEqual([]);
  });
});

describe('reapplyPlan', () => {
  it('sends once, unverified; a refusal comes back with the router code', async () => {
    const ok = await reapplyPlan(sender(scriptedRouter([])), plan, new Supersede());
    expect(ok).toMatchObject({ ok: true, attempts: 1 });
    const refused = await reapplyPlan(sender(scriptedRouter([new RouterError('ROUTER_DISCONNECTED', 'gone')])), plan, new Supersede());
    expect(refused).toMatchObject({ ok: false, code: 'ACTUATE_ROUTER_ERROR', routerCode: 'ROUTER_DISCONNECTED', attempts: 1 });
  });
});

describe('rollBackWith', () => {
  it('sends the plan back unverified, and says false when the router refuses it', async () => {
    const router = scriptedRouter([]);
    expect(await rollBackWith(sender(router), plan)).toBe(true);
    expect(router.sent).toEqual([...plan.configLines, ...plan.execCommands]);
    expect(await rollBackWith(sender(scriptedRouter([new RouterError('ROUTER_TIMEOUT', 'no prompt')])), plan)).toBe(false);
  });
});
