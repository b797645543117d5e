/**
 * Applies scenario actions to a lab router's world (or configuration), and
 * checks before the run that every name an action uses exists in that world.
 * A flap is expanded up front into timed steps, so that every change lands
 * at its own lab time like any other action.
 */
import type { LabRouter } from '../router/index.js';
import type { World } from '../world/world.js';
import { isIPv4 } from 'node:net';
import { INTERNET } from '../world/world.js';
import { describePathChange } from './describe-path.js';
import { describeHarnessAction, isHarnessAction, type HarnessAction } from './harness-actions.js';
import type { Scenario, ScenarioAction, TimedAction } from './schema.js';
import { ScenarioError } from './validate.js';

export function checkNames(scenario: Scenario, world: World, file = scenario.name): void {
  const problems: string[] = [];
  const wans = new Set(world.wans().map((w) => w.interface));
  const hubs = new Set(world.hubs().map((h) => h.name));
  const wan = (name: string, i: number) => {
    if (!wans.has(name)) problems.push(`actions[${i}]: unknown WAN "${name}" (known: ${[...wans].join(', ')})`);
  };
  const hub = (name: string, i: number) => {
    if (!hubs.has(name)) problems.push(`actions[${i}]: unknown hub "${name}" (known: ${[...hubs].join(', ')})`);
  };
  // A path's far end: every one (`*`), the internet, one anchor by its address, or a hub by name.
  const target = (name: string, i: number) => {
    if (name !== '*' && name !== INTERNET && !isIPv4(name)) hub(name, i);
  };
  scenario.actions.forEach(({ action: a }, i) => {
    switch (a.kind) {
      case 'set-path':
        wan(a.change.wan, i);
        target(a.change.to, i);
        break;
      case 'ramp-latency':
        wan(a.wan, i);
        target(a.to, i);
        break;
      case 'cut-wan':
      case 'restore-wan':
      case 'flap-wan':
      case 'blackhole-wan':
        wan(a.wan, i);
        break;
      case 'kill-hub':
      case 'revive-hub':
      case 'push-routes':
      case 'inject-route':
      case 'withdraw-routes':
        hub(a.hub, i);
        break;
      case 'slow-ike':
      case 'drain-hub':
      case 'undrain-hub':
      case 'clear-hub-sessions':
      case 'hub-advertises':
        hub(a.hub, i);
        break;
      case 'start-flow':
      case 'stop-flow':
        if (!world.remoteSpokeFor(a.to)) problems.push(`actions[${i}]: ${a.to} is on no other spoke's LAN`);
        break;
      case 'drop-sessions':
      case 'configure':
      case 'dns-fail':
      case 'dns-restore':
      case 'agent':
      case 'router-management':
        break;
    }
  });
  if (problems.length) throw new ScenarioError(file, problems);
}

/** A readable description of an action, for the timeline. */
export function describeAction(a: ScenarioAction): string {
  if (isHarnessAction(a)) return describeHarnessAction(a);
  switch (a.kind) {
    case 'set-path':
      return describePathChange(a.change);
    case 'ramp-latency':
      return `path ${a.wan} -> ${a.to === '*' ? 'all' : a.to}: latency ramps ${a.fromMs !== undefined ? `from ${a.fromMs} ms ` : ''}to ${a.toMs} ms over ${a.overSec}s`;
    case 'cut-wan':
      return `WAN ${a.wan} cut`;
    case 'restore-wan':
      return `WAN ${a.wan} restored`;
    case 'blackhole-wan':
      return `WAN ${a.wan} passes nothing (link up)`;
    case 'slow-ike':
      return a.delayMs > 0 ? `hub ${a.hub} answers IKE ${a.delayMs} ms late` : `hub ${a.hub} answers IKE promptly`;
    case 'drain-hub':
      return `hub ${a.hub} drains (refuses new IKE sessions)`;
    case 'undrain-hub':
      return `hub ${a.hub} accepts new IKE sessions again`;
    case 'clear-hub-sessions':
      return `hub ${a.hub}'s operator clears its IKE sessions`;
    case 'dns-fail':
      return a.name === '*' ? 'DNS fails for every name' : `DNS fails for ${a.name}`;
    case 'dns-restore':
      return a.name === '*' ? 'DNS works again' : `DNS works again for ${a.name}`;
    case 'flap-wan':
      return `WAN ${a.wan} flaps every ${a.periodSec}s, ${a.count} times`;
    case 'kill-hub':
      return `hub ${a.hub} dies (stops answering)`;
    case 'revive-hub':
      return `hub ${a.hub} returns`;
    case 'push-routes':
      return `hub ${a.hub} pushes ${a.prefixes.join(', ')}`;
    case 'inject-route':
      return `hub ${a.hub} pushes rogue route ${a.prefix}`;
    case 'withdraw-routes':
      return `hub ${a.hub} withdraws ${a.prefixes.join(', ')}`;
    case 'drop-sessions':
      return 'SSH sessions dropped';
    case 'start-flow':
      return `the LAN starts sending to ${a.to}`;
    case 'stop-flow':
      return `the LAN stops sending to ${a.to}`;
    case 'hub-advertises':
      return `hub ${a.hub} advertises ${a.routes
        .map((r) => `${r.prefix}${r.med !== undefined ? ` MED ${r.med}` : ''}${r.asPath?.length ? ` AS path ${r.asPath.join(' ')}` : ''}`)
        .join(', ')}`;
    case 'configure':
      return `operator configures: ${a.lines
        .trim()
        .split('\n')
        .map((l) => l.trim())
        .join(' / ')}`;
  }
}

/** One change to make at `atMs` after the scenario's start. */
export interface TimedStep {
  atMs: number;
  apply(router: LabRouter): void;
  /** An action for the harness, not the router: `apply` does nothing, the runner hands it on. */
  harness?: HarnessAction;
}

/** An action as steps: one, for a ramp one a lab second, or for a flap its note and a down/up pair per period (down for the first half). */
export function actionSteps({ atSec, action: a }: TimedAction): TimedStep[] {
  const atMs = atSec * 1000;
  if (isHarnessAction(a)) return [{ atMs, apply: () => undefined, harness: a }];
  if (a.kind === 'ramp-latency') return rampSteps(atMs, a);
  if (a.kind !== 'flap-wan') return [{ atMs, apply: (r) => applyAction(r, a) }];
  const half = (a.periodSec * 1000) / 2;
  const steps: TimedStep[] = [{ atMs, apply: (r) => r.note(describeAction(a)) }];
  for (let i = 0; i < a.count; i++) {
    steps.push({ atMs: atMs + i * 2 * half, apply: (r) => r.world.setWanUp(a.wan, false) });
    steps.push({ atMs: atMs + i * 2 * half + half, apply: (r) => r.world.setWanUp(a.wan, true) });
  }
  return steps;
}

/** Applies one action now (a flap or a ramp only takes its first step: use actionSteps for the rest); the harness's actions are not the router's. */
export function applyAction(router: LabRouter, a: ScenarioAction): void {
  if (isHarnessAction(a)) return;
  const w = router.world;
  router.note(describeAction(a));
  switch (a.kind) {
    case 'set-path': {
      const { wan, to, ...patch } = a.change;
      w.setPath(wan, to, patch);
      return;
    }
    case 'ramp-latency':
      if (a.fromMs !== undefined) w.setPath(a.wan, a.to, { latencyMs: a.fromMs });
      return;
    case 'cut-wan':
      w.setWanUp(a.wan, false);
      return;
    case 'restore-wan':
      w.setWanUp(a.wan, true);
      w.setWanBlackholed(a.wan, false);
      return;
    case 'blackhole-wan':
      w.setWanBlackholed(a.wan, true);
      return;
    case 'slow-ike':
      w.setIkeDelay(a.hub, a.delayMs);
      return;
    case 'drain-hub':
      w.setHubDraining(a.hub, true);
      return;
    case 'undrain-hub':
      w.setHubDraining(a.hub, false);
      return;
    case 'clear-hub-sessions':
      w.clearHubSessions(a.hub);
      return;
    case 'dns-fail':
      w.dns.setFailing(a.name, true);
      return;
    case 'dns-restore':
      w.dns.setFailing(a.name, false);
      return;
    case 'flap-wan':
      w.setWanUp(a.wan, false);
      return;
    case 'kill-hub':
      w.setHubUp(a.hub, false);
      return;
    case 'revive-hub':
      w.setHubUp(a.hub, true);
      return;
    case 'push-routes':
      w.pushRoutes(a.hub, a.prefixes);
      return;
    case 'inject-route':
      w.pushRoutes(a.hub, [a.prefix]);
      return;
    case 'withdraw-routes':
      w.withdrawRoutes(a.hub, a.prefixes);
      return;
    case 'drop-sessions':
      router.dropSessions();
      return;
    case 'start-flow':
    case 'stop-flow':
      router.setFlow(a.to, a.kind === 'start-flow');
      return;
    case 'hub-advertises':
      w.setHubAdvertised(a.hub, a.routes);
      return;
    case 'configure':
      router.configure(a.lines);
      return;
  }
}

type Ramp = Extract<ScenarioAction, { kind: 'ramp-latency' }>;

/**
 * A latency ramp as one step per lab second and a last one at its end: each
 * path moves linearly from its start (`fromMs`, or its latency when the ramp
 * begins) to `toMs`.
 */
function rampSteps(atMs: number, a: Ramp): TimedStep[] {
  let start: Map<string, number> | undefined;
  const steps: TimedStep[] = [];
  const seconds = Math.ceil(a.overSec);
  for (let k = 0; k <= seconds; k++) {
    const share = Math.min(1, k / a.overSec);
    steps.push({
      atMs: atMs + Math.min(k * 1000, a.overSec * 1000),
      apply: (r) => {
        const w = r.world;
        if (!start) {
          r.note(describeAction(a));
          start = new Map(w.targetsOf(a.wan, a.to).map((t) => [t, a.fromMs ?? w.path(a.wan, t).latencyMs]));
        }
        for (const [t, from] of start) w.setPath(a.wan, t, { latencyMs: from + (a.toMs - from) * share });
      },
    });
  }
  return steps;
}
