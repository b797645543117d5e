/**
 * Plays a scenario on a router's clock: schedules its actions, records a
 * timeline of what the router did, and reports the end state against the
 * scenario's expected IOS-native outcome. Same seed, same timeline.
 *
 * An action at T takes effect at T: due steps are applied by their own
 * timer and, whichever comes first, just before the router's step, so the
 * router's one-second step at T already sees them (whatever the order the
 * clock fires timers due at the same time in).
 */
import { createLabRouter, type LabRouter, type LabRouterOptions, type RouterSnapshot } from '../router/index.js';
import { ManualClock, type Clock } from '../world/clock.js';
import { actionSteps, checkNames, describeAction } from './actions.js';
import type { HarnessAction } from './harness-actions.js';
import type { Scenario, ScenarioExpectation } from './schema.js';
import { timelineLine } from './timeline.js';

export interface ScenarioRun {
  scenario: string;
  lines: string[];
  outcome: RouterSnapshot;
  /** Differences from the scenario's `expect` block; empty when it was met (or absent). */
  unmet: string[];
}

export interface ScenarioPlayback {
  done: Promise<ScenarioRun>;
  cancel(): void;
}

export interface PlaybackHooks {
  /** Each timeline line as it happens (the CLI prints them live). */
  onLine?: (line: string) => void;
  /** Called synchronously at the scenario's end, before `done` settles. */
  onDone?: (run: ScenarioRun) => void;
  /**
   * The harness's actions (`agent: kill|start`, `router-management:
   * refused|slow|ok`), called synchronously at the action's time (`atMs`
   * after the scenario's start), before the router's step of that second;
   * start any asynchronous work yourself. Without this hook (IOS alone,
   * `spokepilot lab`) they do nothing and the timeline does not mention them.
   */
  onHarnessAction?: (action: HarnessAction, atMs: number) => void;
}

export function playScenario(router: LabRouter, clock: Clock, scenario: Scenario, hooks: PlaybackHooks = {}): ScenarioPlayback {
  checkNames(scenario, router.world);
  const start = clock.now();
  const lines: string[] = [];
  const unsubscribe = router.subscribe((e) => {
    const line = timelineLine(start, e);
    if (line === undefined) return;
    lines.push(line);
    hooks.onLine?.(line);
  });
  const steps = scenario.actions.flatMap(actionSteps).sort((a, b) => a.atMs - b.atMs);
  let next = 0;
  const applyDue = (dueMs: number): void => {
    while (next < steps.length && steps[next]!.atMs <= dueMs) {
      const step = steps[next++]!;
      step.apply(router);
      if (step.harness && hooks.onHarnessAction) {
        router.note(describeAction(step.harness));
        hooks.onHarnessAction(step.harness, step.atMs);
      }
    }
  };
  const unhook = router.beforeStep(() => applyDue(clock.now() - start));
  const times = [...new Set(steps.map((s) => s.atMs))];
  // A timer may fire a hair early on a scaled clock: it applies what is due at its own time.
  const timers = times.map((t) => clock.setTimer(() => applyDue(Math.max(t, clock.now() - start)), t));
  let resolve!: (run: ScenarioRun) => void;
  const done = new Promise<ScenarioRun>((r) => {
    resolve = r;
  });
  const end = clock.setTimer(() => {
    applyDue(scenario.durationSec * 1000);
    unhook();
    unsubscribe();
    const outcome = router.state();
    const run = { scenario: scenario.name, lines, outcome, unmet: unmetExpectations(scenario.expect, outcome) };
    hooks.onDone?.(run);
    resolve(run);
  }, scenario.durationSec * 1000);
  router.start();
  return {
    done,
    cancel() {
      for (const cancelTimer of [...timers, end]) cancelTimer();
      unhook();
      unsubscribe();
    },
  };
}

/**
 * Runs a whole scenario at once on a manual clock (tests, `--speed max`):
 * a fresh router, the scenario's seed unless the options give one.
 */
export function runScenarioNow(scenario: Scenario, options: Omit<LabRouterOptions, 'clock'> = {}): ScenarioRun {
  const clock = new ManualClock();
  const router = createLabRouter({ ...options, clock, seed: options.seed ?? scenario.seed ?? 1 });
  let result: ScenarioRun | undefined;
  playScenario(router, clock, scenario, {
    onDone: (r) => {
      result = r;
    },
  });
  clock.advance(scenario.durationSec * 1000);
  router.stop();
  if (!result) throw new Error(`scenario ${scenario.name} did not reach its end`);
  return result;
}

export function unmetExpectations(expect: ScenarioExpectation | undefined, s: RouterSnapshot): string[] {
  if (!expect) return [];
  const unmet: string[] = [];
  const client = s.clients.find((c) => c.phase === 'connected');
  const peer = client?.peer ?? 'none';
  if (expect.peer !== undefined && expect.peer !== peer) unmet.push(`peer: expected ${expect.peer}, got ${peer}`);
  if (expect.source !== undefined && expect.source !== (client?.source ?? 'none'))
    unmet.push(`source: expected ${expect.source}, got ${client?.source ?? 'none'}`);
  for (const r of expect.routesInclude ?? []) if (!s.routes.some((x) => x.startsWith(r))) unmet.push(`route missing: ${r}`);
  for (const r of expect.routesExclude ?? []) if (s.routes.some((x) => x.startsWith(r))) unmet.push(`route present: ${r}`);
  return unmet;
}
