/**
 * The failover bench's arms on one manual clock (lab/harness/arm-run.ts):
 * a seed reproduces a run exactly, every baseline boots, the agent arm
 * steers, and the meter's figures mean what they say.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import { runArm } from '../../lab/harness/arm-run.js';
import { armByName, baselineConfig, fillServiceLevel } from '../../lab/harness/arms.js';
import { loadScenario, parseScenarioText } from '../../lab/scenario/load.js';
import { DEFAULT_SERVICE_LEVEL } from '../../lab/scenario/schema.js';
import { distribution } from '../../bench/support/distribution.js';
import { tempDir } from '../support/temp-dir.js';

const SCENARIOS = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const work = tempDir('spokepilot-arms-');
afterAll(() => work.cleanup());

const play = async (scenario: string, arm: string, seed = 1) =>
  runArm({ scenario: await loadScenario(`${SCENARIOS}${scenario}.yaml`), arm: armByName(arm), seed, workDir: work.dir });

const figures = ({ run: _r, decisions: _d, ...f }: Awaited<ReturnType<typeof play>>) => f;

describe('failover arms on a manual clock', () => {
  it('the same seed gives the same figures, decisions and router timeline, agent included', async () => {
    const a = await play('primary-wan-loss', 'agent', 3);
    const b = await play('primary-wan-loss', 'agent', 3);
    expect(figures(b)).toEqual(figures(a));
    expect(b.decisions.map((d) => [d.atMs, d.action, d.to])).toEqual(a.decisions.map((d) => [d.atMs, d.action, d.to]));
    expect(b.run.lines).toEqual(a.run.lines);
  }, 60_000);

  it('the agent arm steers through its stubs on top of ios-tuned (preflight passed, decisions made)', async () => {
    const r = await play('brownout', 'agent');
    expect(r.routerCommands).toBeGreaterThan(10);
    // Its own judgement, or following the router's tracks off the path first (then forbidding it too).
    expect(['current-bad', 'router-forbids']).toContain(r.decisions.find((d) => d.action === 'switch')?.reason.code);
    expect(r.run.lines.some((l) => /track 11[12] \(stub-object\) Up -> Down/.test(l))).toBe(true);
  }, 60_000);

  it('a run that never gets back to a working path is censored, not a time', async () => {
    const r = await play('brownout', 'ios-minimal');
    expect(r.neverRecovered).toBe(true);
    expect(r.timeToWorkingPathSec).toBeUndefined();
    expect(r.degradedSec).toBeGreaterThan(140);
    expect(r.pathChanges).toBe(0);
  });

  it('ios-tuned judges quality and holds a flapping WAN down; ios-minimal follows every flap', async () => {
    const tuned = await play('flapping-wan', 'ios-tuned');
    const minimal = await play('flapping-wan', 'ios-minimal');
    expect(tuned.pathChanges).toBeLessThanOrEqual(2);
    expect(minimal.pathChanges).toBeGreaterThanOrEqual(18);
    expect((await play('brownout', 'ios-tuned')).neverRecovered).toBe(false);
  });

  it('a failback to the preferred hub is a path change, not a false switch', async () => {
    const r = await play('hub1-returns', 'ios-tuned');
    expect(r.pathChanges).toBe(2);
    expect(r.falseSwitches).toBe(0);
    expect(r.run.outcome.clients[0]).toMatchObject({ peer: '198.51.100.1' });
  });

  it('degraded time is integrated over the run, not counted in drifting samples', async () => {
    const r = await play('hub1-dies', 'ios-minimal');
    // The tunnel is down or on the dead hub from the fault until DPD gives up: one outage, as long as the time to a working path.
    expect(r.outages).toBe(1);
    expect(r.longestOutageSec).toBe(r.degradedSec);
    expect(r.degradedSec).toBeCloseTo(r.timeToWorkingPathSec! - 0.5, 5);
  });
});

describe('baselines and bench statistics', () => {
  it('fills the service level into a baseline, and names an unknown placeholder', () => {
    const text = baselineConfig('ios-tuned.ios', { ...DEFAULT_SERVICE_LEVEL, latencyMs: 180 });
    expect(text).toMatch(/^ threshold 180$/m);
    expect(text).not.toMatch(/\{\{/);
    expect(() => fillServiceLevel(' threshold {{latncy}}', DEFAULT_SERVICE_LEVEL, 'mine.ios')).toThrow(
      'mine.ios: unknown placeholder {{latncy}} (known: latency, loss, jitter, loss_in_50)',
    );
  });

  it('median, nearest-rank p95 and max', () => {
    expect(distribution(Array.from({ length: 30 }, (_, i) => 30 - i))).toEqual({ median: 15.5, p95: 29, max: 30 });
    expect(distribution([7])).toEqual({ median: 7, p95: 7, max: 7 });
    expect(distribution([])).toBeUndefined();
  });

  it('a scenario states its service level and fault window, and bad ones are named', () => {
    const ok = parseScenarioText(
      'name: x\nduration: 60s\nservice-level: { loss: 1, latency: 150, jitter: 30 }\nfault: { start: 10s, end: 40s }\nactions: []\n',
    );
    expect(ok.serviceLevel).toEqual({ lossPct: 1, latencyMs: 150, jitterMs: 30 });
    expect(ok.fault).toEqual({ startSec: 10, endSec: 40 });
    expect(() =>
      parseScenarioText('name: x\nduration: 60s\nservice-level: { loss: 1, latency: 150 }\nfault: { start: 50s, end: 40s }\nactions: []\n'),
    ).toThrow(/service-level\.jitter: required[\s\S]*fault\.end: 40s is not after fault\.start \(50s\)/);
  });
});

describe('the in-process router port', () => {
  it('costs lab time per command, and a scenario can refuse or slow the management plane', async () => {
    const { ManualClock } = await import('../../lab/world/clock.js');
    const { createLabRouter } = await import('../../lab/router/index.js');
    const { InProcessRouterCli } = await import('../../lab/harness/in-process-router-cli.js');
    const { ManualDriver } = await import('../../lab/harness/manual-driver.js');
    const { agentClockFrom } = await import('../../lab/harness/clock-bridge.js');
    const clock = new ManualClock();
    const router = createLabRouter({ clock });
    const cli = new InProcessRouterCli({ router, clock: agentClockFrom(clock), commandLatencyMs: 150 });
    const driver = new ManualDriver(clock);
    const t0 = clock.now();
    expect(await driver.drive(cli.show('show track brief'))).toMatch(/^Track\s+Type/m);
    expect(clock.now() - t0).toBe(150);
    await expect(driver.drive(cli.configure(['track 101 stub-object', 'default-state down']))).resolves.toBeUndefined();
    expect(router.state().tracks[101]).toBe('down');
    await expect(driver.drive(cli.configure(['track 101 stub-objectt']))).rejects.toMatchObject({ code: 'ROUTER_CLI_ERROR' });
    cli.plane = { state: 'slow', latencyMs: 4000 };
    const t1 = clock.now();
    await driver.drive(cli.show('show clock'));
    expect(clock.now() - t1).toBe(4000);
    cli.plane = { state: 'refused' };
    await expect(driver.drive(cli.show('show track brief'))).rejects.toMatchObject({ code: 'ROUTER_CONNECT_FAILED' });
    router.stop();
  });
});
