/**
 * Scenario actions for the harness (`agent: kill|start`,
 * `router-management: refused|slow|ok`): validated with the rest of the
 * file, handed to the runner's hook at their time, and nothing at all when
 * no hook is given (IOS alone). The shipped scenarios that use them say what
 * their descriptions say.
 */
import { describe, expect, it } from 'vitest';
import { fileURLToPath } from 'node:url';
import type { HarnessAction } from '../../lab/scenario/harness-actions.js';
import { loadScenario, parseScenarioText } from '../../lab/scenario/load.js';
import { playScenario, runScenarioNow } from '../../lab/scenario/runner.js';
import { ScenarioError } from '../../lab/scenario/validate.js';
import { createLabRouter } from '../../lab/router/index.js';
import { ManualClock } from '../../lab/world/clock.js';

const DIR = fileURLToPath(new URL('../../lab/scenarios/', import.meta.url));
const scenario = (actions: string, duration = '2m') => parseScenarioText(`name: t\nduration: ${duration}\nactions:\n${actions}`, 't.yaml');

function problems(actions: string): string[] {
  try {
    scenario(actions);
  } catch (err) {
    expect(err).toBeInstanceOf(ScenarioError);
    return (err as ScenarioError).problems;
  }
  throw new Error('accepted');
}

describe('validation', () => {
  it.each([
    ['agent: kill', { kind: 'agent', op: 'kill' }],
    ['router-management: refused', { kind: 'router-management', state: 'refused' }],
    ['router-management: slow', { kind: 'router-management', state: 'slow' }],
    ['router-management: ok', { kind: 'router-management', state: 'ok' }],
  ])('reads %s', (line, action) => {
    expect(scenario(`  - at: 10s\n    ${line}\n`).actions).toEqual([{ atSec: 10, action }]);
  });

  it('reads a kill then a start, in time order whatever the file order', () => {
    const s = scenario('  - at: 60s\n    agent: start\n  - at: 10s\n    agent: kill\n');
    expect(s.actions.map((a) => [a.atSec, a.action])).toEqual([
      [10, { kind: 'agent', op: 'kill' }],
      [60, { kind: 'agent', op: 'start' }],
    ]);
  });

  it.each([
    ['agent: restart', ['actions[0].agent: one of kill, start, found "restart"']],
    ['router-management: down', ['actions[0].router-management: one of refused, slow, ok, found "down"']],
    ['router-management: { state: slow }', ['actions[0].router-management: one of refused, slow, ok, found {"state":"slow"}']],
    // The agent runs when the scenario starts.
    ['agent: start', ['actions[0].agent: the agent is already running (since the start)']],
  ])('names the problem with %s', (line, expected) => {
    expect(problems(`  - at: 10s\n    ${line}\n`)).toEqual(expected);
  });

  it('names a second kill by its place in the file and the time of the first', () => {
    expect(problems('  - at: 50s\n    agent: kill\n  - at: 20s\n    agent: kill\n')).toEqual([
      'actions[0].agent: the agent is already dead (since 20s)',
    ]);
  });
});

describe('the runner hands them to the hook at their time', () => {
  const ACTIONS =
    '  - at: 5s\n    router-management: slow\n  - at: 10s\n    agent: kill\n  - at: 10s\n    cut-wan: Cellular0/1/0\n  - at: 20s\n    agent: start\n  - at: 25s\n    router-management: ok\n';

  it('each action once, in order, with its time, when the lab clock is at that time; the timeline says so', async () => {
    const clock = new ManualClock();
    const router = createLabRouter({ clock, seed: 1 });
    const start = clock.now();
    const seen: Array<[HarnessAction, number, number]> = [];
    const playback = playScenario(router, clock, scenario(ACTIONS, '30s'), {
      onHarnessAction: (a, atMs) => seen.push([a, atMs, clock.now() - start]),
    });
    clock.advance(30_000);
    const run = await playback.done;
    router.stop();
    expect(seen).toEqual([
      [{ kind: 'router-management', state: 'slow' }, 5000, 5000],
      [{ kind: 'agent', op: 'kill' }, 10_000, 10_000],
      [{ kind: 'agent', op: 'start' }, 20_000, 20_000],
      [{ kind: 'router-management', state: 'ok' }, 25_000, 25_000],
    ]);
    expect(run.lines.filter((l) => l.includes('>>'))).toEqual([
      '+    5.0s  >> SSH to the router is slow (seconds per command)',
      '+   10.0s  >> the agent process is killed (kill -9)',
      '+   10.0s  >> WAN Cellular0/1/0 cut',
      '+   20.0s  >> a new agent process starts',
      '+   25.0s  >> SSH to the router answers normally',
    ]);
  });

  it('without a hook they change nothing: the run is the same as without them', () => {
    const withThem = runScenarioNow(scenario(ACTIONS, '30s'));
    const without = runScenarioNow(scenario('  - at: 10s\n    cut-wan: Cellular0/1/0\n', '30s'));
    expect(withThem.lines).toEqual(without.lines);
    expect(withThem.outcome).toEqual(without.outcome);
  });
});

describe('the shipped scenarios with harness actions', () => {
  const harness = (s: Awaited<ReturnType<typeof loadScenario>>) =>
    s.actions.filter((a) => a.action.kind === 'agent' || a.action.kind === 'router-management').map((a) => [a.atSec, a.action]);

  it("agent-killed-mid-fault: the agent dies at 90 s, inside the fibre's fault, and nobody starts it", async () => {
    const s = await loadScenario(`${DIR}agent-killed-mid-fault.yaml`);
    expect(harness(s)).toEqual([[90, { kind: 'agent', op: 'kill' }]]);
    expect(s.fault).toEqual({ startSec: 30, endSec: 150 });
  });

  it('management-refused-mid-fault: SSH refused from 20 s to 5 min, around the whole fault', async () => {
    const s = await loadScenario(`${DIR}management-refused-mid-fault.yaml`);
    expect(harness(s)).toEqual([
      [20, { kind: 'router-management', state: 'refused' }],
      [300, { kind: 'router-management', state: 'ok' }],
    ]);
    expect(s.fault).toEqual({ startSec: 30, endSec: 180 });
  });
});
