/** Turns parsed YAML into a Scenario, collecting every error with its path. */
import { isDualCloudAction, parseDualCloudAction } from './validate-dual-cloud.js';
import {
  ACTION_NAMES,
  parseTime,
  type FaultWindow,
  type PathChange,
  type ServiceLevel,
  type Scenario,
  type ScenarioAction,
  type ScenarioExpectation,
  type TimedAction,
} from './schema.js';
import { agentSequenceProblems, isHarnessActionName, parseHarnessAction } from './harness-actions.js';
import {
  isImpairment,
  LOSS_KEYS,
  parseDelaySpikes,
  parseDscpFields,
  parseImpairment,
  parseLossFields,
  timingProblem,
} from './validate-impairments.js';
import { parseClasses } from './validate-classes.js';

export class ScenarioError extends Error {
  readonly code = 'LAB_SCENARIO_INVALID';
  constructor(
    readonly file: string,
    readonly problems: string[],
  ) {
    super(`${file}: ${problems.length} problem${problems.length === 1 ? '' : 's'}:\n  ${problems.join('\n  ')}`);
  }
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const PREFIX = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

function checkPrefix(p: unknown): boolean {
  const m = typeof p === 'string' ? PREFIX.exec(p) : null;
  return m !== null && m.slice(1, 5).every((o) => Number(o) <= 255) && Number(m[5]) <= 32;
}

export function validateScenario(raw: unknown, file: string): Scenario {
  const problems: string[] = [];
  if (!isObj(raw)) throw new ScenarioError(file, ['the file must hold a mapping (name, description, duration, actions)']);
  for (const key of Object.keys(raw))
    if (!['name', 'description', 'duration', 'seed', 'actions', 'expect', 'service-level', 'fault', 'classes'].includes(key))
      problems.push(`unknown key "${key}"`);
  const name = typeof raw.name === 'string' && raw.name !== '' ? raw.name : (problems.push('name: required text'), '');
  const description = typeof raw.description === 'string' ? raw.description : '';
  const durationSec = parseTime(raw.duration);
  if (durationSec === undefined || durationSec <= 0)
    problems.push(`duration: bad time ${JSON.stringify(raw.duration)} (use 90, 90s, 2m, 1m30s)`);
  if (raw.seed !== undefined && !Number.isInteger(raw.seed)) problems.push('seed: must be an integer');
  const actions: TimedAction[] = [];
  const placeInFile = new Map<TimedAction, number>();
  if (!Array.isArray(raw.actions)) problems.push('actions: required list');
  else
    raw.actions.forEach((item, i) => {
      const where = `actions[${i}]`;
      if (!isObj(item)) {
        problems.push(`${where}: must be a mapping with "at" and one action`);
        return;
      }
      const atSec = parseTime(item.at);
      if (atSec === undefined) problems.push(`${where}.at: bad time ${JSON.stringify(item.at)}`);
      else if (durationSec !== undefined && atSec > durationSec)
        problems.push(`${where}.at: ${atSec}s is after the scenario's end (${durationSec}s)`);
      const keys = Object.keys(item).filter((k) => k !== 'at');
      if (keys.length !== 1) {
        problems.push(`${where}: needs exactly one action besides "at", found ${keys.length ? keys.join(', ') : 'none'}`);
        return;
      }
      const kind = keys[0]!;
      if (!(ACTION_NAMES as readonly string[]).includes(kind)) {
        problems.push(`${where}: unknown action "${kind}" (known: ${ACTION_NAMES.join(', ')})`);
        return;
      }
      const action = parseAction(kind, item[kind], `${where}.${kind}`, problems);
      const late =
        action && atSec !== undefined && durationSec !== undefined ? timingProblem(action, atSec, durationSec, where) : undefined;
      if (late) problems.push(late);
      if (action && atSec !== undefined) {
        const timed = { atSec, action };
        actions.push(timed);
        placeInFile.set(timed, i);
      }
    });
  problems.push(...agentSequenceProblems(actions, (a) => placeInFile.get(a)!));
  const expect = raw.expect === undefined ? undefined : parseExpect(raw.expect, problems);
  const serviceLevel = raw['service-level'] === undefined ? undefined : parseServiceLevel(raw['service-level'], problems);
  const fault = raw.fault === undefined ? undefined : parseFault(raw.fault, durationSec, problems);
  const classes = raw.classes === undefined ? undefined : parseClasses(raw.classes, problems);
  if (problems.length > 0) throw new ScenarioError(file, problems);
  const scenario: Scenario = { name, description, durationSec: durationSec!, actions: actions.sort((a, b) => a.atSec - b.atSec) };
  if (typeof raw.seed === 'number') scenario.seed = raw.seed;
  if (expect) scenario.expect = expect;
  if (serviceLevel) scenario.serviceLevel = serviceLevel;
  if (fault) scenario.fault = fault;
  if (classes) scenario.classes = classes;
  return scenario;
}

function parseServiceLevel(v: unknown, problems: string[]): ServiceLevel | undefined {
  if (!isObj(v)) {
    problems.push('service-level: a mapping of loss (%), latency (ms) and jitter (ms)');
    return undefined;
  }
  for (const key of Object.keys(v))
    if (!['loss', 'latency', 'jitter'].includes(key)) problems.push(`service-level: unknown key "${key}" (loss, latency, jitter)`);
  const number = (key: string, max: number): number | undefined => {
    const x = v[key];
    if (typeof x === 'number' && x >= 0 && x <= max) return x;
    problems.push(`service-level.${key}: required, a number from 0 to ${max}`);
    return undefined;
  };
  const lossPct = number('loss', 100);
  const latencyMs = number('latency', 60000);
  const jitterMs = number('jitter', 60000);
  return lossPct !== undefined && latencyMs !== undefined && jitterMs !== undefined ? { lossPct, latencyMs, jitterMs } : undefined;
}

function parseFault(v: unknown, durationSec: number | undefined, problems: string[]): FaultWindow | undefined {
  if (!isObj(v)) {
    problems.push('fault: a mapping with start (and end when the trouble ends before the scenario)');
    return undefined;
  }
  for (const key of Object.keys(v)) if (!['start', 'end'].includes(key)) problems.push(`fault: unknown key "${key}" (start, end)`);
  const startSec = parseTime(v.start);
  const endSec = v.end === undefined ? undefined : parseTime(v.end);
  if (startSec === undefined) problems.push(`fault.start: bad time ${JSON.stringify(v.start)}`);
  if (v.end !== undefined && endSec === undefined) problems.push(`fault.end: bad time ${JSON.stringify(v.end)}`);
  if (startSec !== undefined && endSec !== undefined && endSec <= startSec)
    problems.push(`fault.end: ${endSec}s is not after fault.start (${startSec}s)`);
  if (durationSec !== undefined && endSec !== undefined && endSec > durationSec)
    problems.push(`fault.end: ${endSec}s is after the scenario's end (${durationSec}s)`);
  if (startSec === undefined) return undefined;
  return endSec === undefined ? { startSec } : { startSec, endSec };
}

function parseAction(kind: string, v: unknown, where: string, problems: string[]): ScenarioAction | undefined {
  if (isImpairment(kind)) return parseImpairment(kind, v, where, problems);
  if (isHarnessActionName(kind)) return parseHarnessAction(kind, v, where, problems);
  if (isDualCloudAction(kind)) return parseDualCloudAction(kind, v, where, problems);
  const text = (x: unknown, what: string): string | undefined =>
    typeof x === 'string' && x !== '' ? x : (problems.push(`${where}: ${what} must be a name`), undefined);
  switch (kind) {
    case 'cut-wan':
    case 'restore-wan': {
      const wan = text(v, 'the WAN');
      return wan ? { kind, wan } : undefined;
    }
    case 'kill-hub':
    case 'revive-hub': {
      const hub = text(v, 'the hub');
      return hub ? { kind, hub } : undefined;
    }
    case 'drop-sessions':
      return { kind };
    case 'configure':
      return typeof v === 'string' ? { kind, lines: v } : (problems.push(`${where}: configuration lines as text`), undefined);
    case 'flap-wan': {
      if (!isObj(v)) {
        problems.push(`${where}: needs wan, period, count`);
        return undefined;
      }
      const periodSec = parseTime(v.period);
      if (periodSec === undefined || periodSec < 2) problems.push(`${where}.period: bad time ${JSON.stringify(v.period)} (at least 2s)`);
      if (!Number.isInteger(v.count) || (v.count as number) < 1) problems.push(`${where}.count: a positive integer`);
      const wan = text(v.wan, 'wan');
      return wan && periodSec !== undefined && Number.isInteger(v.count) ? { kind, wan, periodSec, count: v.count as number } : undefined;
    }
    case 'set-path':
      return parsePath(v, where, problems);
    case 'push-routes':
    case 'withdraw-routes': {
      if (!isObj(v) || !Array.isArray(v.prefixes)) {
        problems.push(`${where}: needs hub and prefixes`);
        return undefined;
      }
      const bad = v.prefixes.filter((p) => !checkPrefix(p));
      if (bad.length) problems.push(`${where}.prefixes: not IPv4 CIDR: ${bad.map((b) => JSON.stringify(b)).join(', ')}`);
      const hub = text(v.hub, 'hub');
      return hub && !bad.length ? { kind, hub, prefixes: v.prefixes as string[] } : undefined;
    }
    case 'inject-route': {
      if (!isObj(v) || !checkPrefix(v.prefix)) {
        problems.push(`${where}: needs hub and prefix (IPv4 CIDR)`);
        return undefined;
      }
      const hub = text(v.hub, 'hub');
      return hub ? { kind, hub, prefix: v.prefix as string } : undefined;
    }
  }
  return undefined;
}

function parsePath(v: unknown, where: string, problems: string[]): ScenarioAction | undefined {
  if (!isObj(v) || typeof v.wan !== 'string') {
    problems.push(`${where}: needs wan (and to, latency, jitter, loss, up)`);
    return undefined;
  }
  const change: PathChange = { wan: v.wan, to: typeof v.to === 'string' ? v.to : '*' };
  const number = (key: string, max: number): number | undefined => {
    const x = v[key];
    if (x === undefined) return undefined;
    if (typeof x !== 'number' || x < 0 || x > max) {
      problems.push(`${where}.${key}: a number from 0 to ${max}`);
      return undefined;
    }
    return x;
  };
  for (const key of Object.keys(v))
    if (!['wan', 'to', 'latency', 'jitter', 'loss', 'up', 'dscp', 'delay-spikes', ...LOSS_KEYS].includes(key))
      problems.push(`${where}: unknown key "${key}"`);
  const latency = number('latency', 60000);
  const jitter = number('jitter', 60000);
  const loss = number('loss', 100);
  if (latency !== undefined) change.latencyMs = latency;
  if (jitter !== undefined) change.jitterMs = jitter;
  if (loss !== undefined) change.lossPct = loss;
  if (v.up !== undefined) {
    if (typeof v.up !== 'boolean') problems.push(`${where}.up: true or false`);
    else change.up = v.up;
  }
  parseLossFields(v, loss, where, problems, change);
  if (v.dscp !== undefined) parseDscpFields(v.dscp, `${where}.dscp`, problems, change);
  if (v['delay-spikes'] !== undefined) parseDelaySpikes(v['delay-spikes'], `${where}.delay-spikes`, problems, change);
  return { kind: 'set-path', change };
}

function parseExpect(v: unknown, problems: string[]): ScenarioExpectation | undefined {
  if (!isObj(v)) {
    problems.push('expect: must be a mapping');
    return undefined;
  }
  const e: ScenarioExpectation = {};
  for (const [key, x] of Object.entries(v)) {
    if (key === 'peer' || key === 'source') {
      if (typeof x === 'string') e[key] = x;
      else problems.push(`expect.${key}: text`);
    } else if (key === 'routes-include' || key === 'routes-exclude') {
      if (!Array.isArray(x) || !x.every((p) => typeof p === 'string')) problems.push(`expect.${key}: list of route texts`);
      else e[key === 'routes-include' ? 'routesInclude' : 'routesExclude'] = x as string[];
    } else problems.push(`expect: unknown key "${key}"`);
  }
  return e;
}
