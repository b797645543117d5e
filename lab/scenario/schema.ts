/**
 * Scenario files: a YAML timeline of world changes at lab times, with the
 * outcome IOS alone should reach. Validation reports every problem at once,
 * each naming where it is (`actions[2].at: bad time "3x"`).
 */
import type { PathPatch } from '../world/world.js';
import type { HarnessAction } from './harness-actions.js';

/** A change to one path's quality (fields as in the world's PathQuality; `null` removes an optional one). */
export interface PathChange extends PathPatch {
  wan: string;
  /** Hub name, `internet`, one anchor's IPv4 address (its own path from then on), or `*` for every path of the WAN. */
  to: string;
}

export type ScenarioAction =
  | { kind: 'set-path'; change: PathChange }
  | { kind: 'cut-wan'; wan: string }
  | { kind: 'restore-wan'; wan: string }
  | { kind: 'flap-wan'; wan: string; periodSec: number; count: number }
  | { kind: 'kill-hub'; hub: string }
  | { kind: 'revive-hub'; hub: string }
  | { kind: 'push-routes'; hub: string; prefixes: string[] }
  | { kind: 'inject-route'; hub: string; prefix: string }
  | { kind: 'withdraw-routes'; hub: string; prefixes: string[] }
  | { kind: 'drop-sessions' }
  /** Configuration lines typed by an operator (full words). */
  | { kind: 'configure'; lines: string }
  /** Latency moving linearly to `toMs` over `overSec`, a step each lab second; from each path's own latency when `fromMs` is absent. */
  | { kind: 'ramp-latency'; wan: string; to: string; fromMs?: number; toMs: number; overSec: number }
  /** The link stays up but passes nothing (LTE attached, PDP context dead); `restore-wan` ends it. */
  | { kind: 'blackhole-wan'; wan: string }
  /** The hub answers each IKE exchange `delayMs` late (0 ends it). */
  | { kind: 'slow-ike'; hub: string; delayMs: number }
  /** Maintenance drain: the hub refuses new IKE sessions and keeps the SAs it has. */
  | { kind: 'drain-hub'; hub: string }
  | { kind: 'undrain-hub'; hub: string }
  /** The hub's operator clears its sessions: it forgets its SAs and sends each spoke a Delete. */
  | { kind: 'clear-hub-sessions'; hub: string }
  /** Name resolution of `name` (or of every name, `*`) fails, or works again. */
  | { kind: 'dns-fail'; name: string }
  | { kind: 'dns-restore'; name: string }
  /** The spoke's LAN starts or stops sending to `to` (an address on another spoke's LAN: NHRP shortcuts, dual-cloud). */
  | { kind: 'start-flow'; to: string }
  | { kind: 'stop-flow'; to: string }
  /** What a hub advertises by BGP from now on (dual-cloud: a hub-side drain by MED or AS path, say). */
  | { kind: 'hub-advertises'; hub: string; routes: HubAdvertisedRoute[] }
  /** The agent's process or the router's management plane (harness-actions.ts): acted on only by a harness running an agent. */
  | HarnessAction;

/** One route a hub advertises (`hub-advertises`): the prefix and the attributes it carries. */
export interface HubAdvertisedRoute {
  prefix: string;
  med?: number;
  /** AS numbers prepended (an iBGP hub's own routes carry none). */
  asPath?: number[];
}

export interface TimedAction {
  atSec: number;
  action: ScenarioAction;
}

export interface ScenarioExpectation {
  /** The active peer address at the end; `none` for no connection. */
  peer?: string;
  source?: string;
  routesInclude?: string[];
  routesExclude?: string[];
}

/**
 * What a user would accept from the tunnel's path in this scenario: the
 * ground truth the failover bench calls "working", and the level both the
 * tuned IOS and the agent are configured against. Loss counts data traffic.
 */
export interface ServiceLevel {
  lossPct: number;
  latencyMs: number;
  /** IP SLA jitter: mean inter-packet delay variation. */
  jitterMs: number;
}

/**
 * A class of traffic with its own level (issue 19): voice wants 1 % loss,
 * 150 ms and 30 ms jitter where bulk takes far worse. Its packets carry
 * `dscp`, and the world may treat them apart (set-path `dscp`). The bench
 * measures the time each class spent on a path outside its level.
 */
export interface ClassLevel extends ServiceLevel {
  name: string;
  dscp: number;
  critical: boolean;
}

/** Interactive traffic over a VPN: the level used where a scenario names none. */
export const DEFAULT_SERVICE_LEVEL: ServiceLevel = { lossPct: 5, latencyMs: 250, jitterMs: 50 };

/** When the trouble starts and, if it ends before the scenario does, when it ends. */
export interface FaultWindow {
  startSec: number;
  endSec?: number;
}

export interface Scenario {
  name: string;
  description: string;
  durationSec: number;
  seed?: number;
  actions: TimedAction[];
  expect?: ScenarioExpectation;
  serviceLevel?: ServiceLevel;
  fault?: FaultWindow;
  /** Classes of traffic judged apart (at most four, as the agent's `policy.classes`). */
  classes?: ClassLevel[];
}

/** The scenario's fault window; without one, the trouble starts at the first action and never ends. */
export function faultOf(s: Scenario): FaultWindow {
  return s.fault ?? { startSec: s.actions[0]?.atSec ?? 0 };
}

export const ACTION_NAMES = [
  'set-path',
  'cut-wan',
  'restore-wan',
  'flap-wan',
  'kill-hub',
  'revive-hub',
  'push-routes',
  'inject-route',
  'withdraw-routes',
  'drop-sessions',
  'configure',
  'ramp-latency',
  'blackhole-wan',
  'slow-ike',
  'drain-hub',
  'undrain-hub',
  'clear-hub-sessions',
  'dns-fail',
  'dns-restore',
  'start-flow',
  'stop-flow',
  'hub-advertises',
  'agent',
  'router-management',
] as const;

/** `90`, `90s`, `2m`, `1m30s`, `1h` -> seconds; undefined when malformed. */
export function parseTime(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = /^(?:(\d+)h)?(?:(\d+)m)?(?:(\d+(?:\.\d+)?)s?)?$/.exec(value.trim());
  if (!m || value.trim() === '' || (m[1] ?? m[2] ?? m[3]) === undefined) return undefined;
  return Number(m[1] ?? 0) * 3600 + Number(m[2] ?? 0) * 60 + Number(m[3] ?? 0);
}
