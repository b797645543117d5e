/**
 * Fault injection: the host's wall clock jumps (an NTP step, a bad RTC at boot).
 *
 * The agent runs on a clock whose `now()` can be stepped an hour forward or
 * back while its timers keep running at the lab's pace (as Date.now() jumps
 * and setTimeout does not); the lab router's own time never jumps. Through a
 * jump forward and back the agent must not crash, must not change path while
 * nothing changed on the router, must keep ticking and reading, and must still
 * refuse expired commands by its own clock. An override must not outlive its
 * length because the clock went back.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { RunningAgent } from '../../agent/compose/start-agent.js';
import type { Decision } from '../../agent/core/policy/types.js';
import { agentClockFrom } from '../../lab/harness/clock-bridge.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { jumpingClock, type JumpingClock } from '../support/jumping-clock.js';
import { startOperator, type Operator } from '../support/fault-operator.js';
import {
  assertStillRunning,
  faultAgentConfig,
  HUB1,
  LTE,
  startFaultAgent,
  startFaultLab,
  waitFor,
  type FaultLab,
} from '../support/fault-rig.js';
import { tempDir } from '../support/temp-dir.js';

const HOUR = 3600_000;
const tmp = tempDir('spokepilot-faults-clock-');
let lab: FaultLab;
let broker: EmbeddedBroker;
let operator: Operator;
let clock: JumpingClock;
let agent: RunningAgent;
let decisions: Decision[];

beforeEach(async (ctx) => {
  lab = await startFaultLab({ speed: 10, seed: 41 });
  broker = await startEmbeddedBroker();
  const node = `clock-${ctx.task.id}`.slice(0, 40);
  operator = await startOperator(broker.url, 'lab', node);
  clock = jumpingClock(agentClockFrom(lab.clock));
  const config = faultAgentConfig(lab, tmp.dir, { name: node, mqttUrl: broker.url, commandKeys: [operator.key] });
  // A half-life of an hour: the shipped 300 s decays a penalty to nothing (below 1) across the
  // hour's forward step whenever the flapping path is evaluated inside it, and then there is
  // nothing left to show decay resuming after the backward step.
  config.policy = { ...config.policy, damping: { ...config.policy.damping, halfLifeSec: 3600 } };
  agent = await startFaultAgent(lab, config, { clock });
  decisions = [];
  agent.runtime.onDecision((d) => decisions.push(d));
  await waitFor(
    'the agent to adopt fibre-hub1 and judge every candidate',
    () =>
      agent.runtime.loop.state.selected === 'fibre-hub1' &&
      Object.values(agent.runtime.loop.state.health).filter((h) => h.verdict === 'good').length === 4,
  );
});
afterEach(async () => {
  await agent.stop('test over', 5000);
  await operator.close();
  await broker.stop();
  await lab.stop();
});
afterAll(() => tmp.cleanup());

/** `n` lab seconds of the agent's life (its loop ticks every one). */
const runFor = async (labSec: number) => {
  const until = lab.clock.now() + labSec * 1000;
  await waitFor(`${labSec} lab seconds`, () => lab.clock.now() >= until, 60_000, 20);
};

const pathChanges = () => decisions.filter((d) => d.action === 'switch' || d.action === 'release');

describe('wall clock jumps under a running agent (lab over real SSH)', () => {
  it("an hour forward, then back: no crash, no path change, still reading and ticking; expired commands refused by the agent's clock", async () => {
    const reads = () => Object.values(agent.runtime.pollerStats()).reduce((n, p) => n + p.reads, 0);
    const expired = (agentNow: number) => operator.command('get-state', {}, { nowMs: agentNow - 5 * 60_000, ttlSec: 60 });

    expect(await expired(clock.now())).toMatchObject({ ok: false, error: { code: 'expired' } });
    clock.jump(+HOUR);
    const readsAfterForward = reads();
    await runFor(20);
    expect(reads()).toBeGreaterThan(readsAfterForward);
    await assertStillRunning(agent);
    // The operator's clock did not jump: its fresh command is an hour old to the agent.
    expect(await operator.command('get-state', {}, { nowMs: lab.clock.now() })).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await expired(clock.now())).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await operator.command('get-state', {}, { nowMs: clock.now() })).toMatchObject({ ok: true });

    clock.jump(-2 * HOUR); // an hour behind true time
    const readsAfterBack = reads();
    await runFor(20);
    expect(reads()).toBeGreaterThan(readsAfterBack);
    await assertStillRunning(agent);
    expect(await operator.command('get-state', {}, { nowMs: lab.clock.now() })).toMatchObject({
      ok: false,
      error: { code: 'not-yet-valid' },
    });
    expect(await expired(clock.now())).toMatchObject({ ok: false, error: { code: 'expired' } });
    expect(await operator.command('get-state', {}, { nowMs: clock.now() })).toMatchObject({ ok: true });

    clock.jump(+HOUR); // right again
    await runFor(10);
    await assertStillRunning(agent);
    expect(pathChanges()).toEqual([]);
    expect(agent.runtime.metrics.actuationFailures).toBe(0);
    expect(lab.router.state().clients[0]).toMatchObject({ phase: 'connected', peer: HUB1, source: 'GigabitEthernet0/0' });
    expect(agent.runtime.loop.state.selected).toBe('fibre-hub1');
  }, 90_000);

  it('a flapping path is damped through both jumps, and damping still decays (not frozen)', async () => {
    // Interface flaps on the LTE (not the path in use): its penalty must decay after the jumps.
    for (let i = 0; i < 2; i++) {
      lab.router.world.setWanUp(LTE, false);
      await waitFor('LTE judged bad', () => agent.runtime.loop.state.health['lte-hub1']?.verdict === 'bad', 20_000);
      lab.router.world.setWanUp(LTE, true);
      await waitFor('LTE judged good', () => agent.runtime.loop.state.health['lte-hub1']?.verdict === 'good', 30_000);
    }
    const penalty = () => agent.runtime.loop.state.health['lte-hub1']!.damping.penalty;
    const before = penalty();
    expect(before).toBeGreaterThan(0);
    clock.jump(+HOUR);
    await runFor(10);
    clock.jump(-HOUR);
    await runFor(10);
    // Decay resumes at once after the backward step instead of waiting for the wall clock to catch up.
    const atBack = penalty();
    expect(atBack).toBeGreaterThan(0);
    await runFor(30);
    expect(penalty()).toBeLessThan(atBack);
    expect(pathChanges()).toEqual([]);
    await assertStillRunning(agent);
  }, 120_000);

  // Was a product bug: an override ended when the wall clock passed its absolute `untilMs`, so a clock
  // stepped back by an hour kept a 60 s override for an hour and a minute. The runtime now tells a step
  // from time passing (wall against monotonic time) and the policy moves its times with it.
  it('a backward jump does not extend an override beyond its length', async () => {
    const forced = await operator.command('force-path', { peer: HUB1, source: LTE, forSec: 60 }, { nowMs: clock.now() });
    expect(forced).toMatchObject({ ok: true });
    await waitFor('the override applied', () => lab.router.state().clients[0]?.source === LTE, 20_000);
    clock.jump(-HOUR);
    // 60 lab seconds of override, plus room for the return (rate limit 5 s, verification).
    await waitFor(
      'the override to end and the tunnel back on fibre',
      () => agent.runtime.loop.state.override === undefined && lab.router.state().clients[0]?.source === 'GigabitEthernet0/0',
      12_000,
    );
    await assertStillRunning(agent);
  }, 60_000);
});
