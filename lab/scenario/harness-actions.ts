/**
 * Scenario actions on what runs beside the router rather than on its world:
 * the agent's process and the router's management plane (SSH). The scenario
 * runner validates them and, at their time, hands them to whoever runs an
 * agent (`PlaybackHooks.onHarnessAction`); without one (IOS alone,
 * `spokepilot lab`) they change nothing.
 */
import type { ScenarioAction, TimedAction } from './schema.js';

export type HarnessAction =
  /** `agent: kill`: the agent's process dies as with kill -9 (nothing more from it, its presence listener gone); `agent: start`: a new agent process starts. */
  | { kind: 'agent'; op: 'kill' | 'start' }
  /** `router-management: refused | slow | ok`: SSH to the router refused, each command taking several seconds, or normal again. */
  | { kind: 'router-management'; state: 'refused' | 'slow' | 'ok' };

const VALUES = { agent: ['kill', 'start'], 'router-management': ['refused', 'slow', 'ok'] } as const;
export const HARNESS_ACTION_NAMES = Object.keys(VALUES) as Array<HarnessAction['kind']>;

export const isHarnessActionName = (kind: string): kind is HarnessAction['kind'] => Object.hasOwn(VALUES, kind);

export function isHarnessAction(a: ScenarioAction): a is HarnessAction {
  return isHarnessActionName(a.kind);
}

export function parseHarnessAction(kind: HarnessAction['kind'], v: unknown, where: string, problems: string[]): HarnessAction | undefined {
  const allowed: readonly string[] = VALUES[kind];
  if (typeof v !== 'string' || !allowed.includes(v)) {
    problems.push(`${where}: one of ${allowed.join(', ')}, found ${JSON.stringify(v)}`);
    return undefined;
  }
  return kind === 'agent' ? { kind, op: v as 'kill' | 'start' } : { kind, state: v as 'refused' | 'slow' | 'ok' };
}

export function describeHarnessAction(a: HarnessAction): string {
  if (a.kind === 'agent') return a.op === 'kill' ? 'the agent process is killed (kill -9)' : 'a new agent process starts';
  if (a.state === 'refused') return 'SSH to the router is refused';
  return a.state === 'slow' ? 'SSH to the router is slow (seconds per command)' : 'SSH to the router answers normally';
}

/**
 * The agent runs when a scenario starts: killing it when it is already dead,
 * or starting it while it runs, is a mistake in the file. `indexOf` gives
 * each action's place in the file, for the message.
 */
export function agentSequenceProblems(actions: readonly TimedAction[], indexOf: (a: TimedAction) => number): string[] {
  const problems: string[] = [];
  let alive = true;
  let since = 'the start';
  for (const t of [...actions].sort((a, b) => a.atSec - b.atSec)) {
    if (t.action.kind !== 'agent') continue;
    const wantsAlive = t.action.op === 'kill';
    if (alive !== wantsAlive)
      problems.push(`actions[${indexOf(t)}].agent: the agent is already ${alive ? 'running' : 'dead'} (since ${since})`);
    alive = !wantsAlive;
    since = `${t.atSec}s`;
  }
  return problems;
}
