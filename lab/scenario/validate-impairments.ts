/**
 * Validation of the impairment parts of scenario files: bursty, one-way and
 * per-protocol loss in `set-path`, and the actions that play a slow or
 * draining hub (and its operator clearing its sessions), a latency ramp, a
 * link that passes nothing, and DNS failure.
 * Each problem names its place and what would be right.
 */
import { minimumBurst, type LossSpec } from '../world/loss-model.js';
import { TRAFFIC_KINDS, type DscpImpairment, type KindLoss, type PathPatch } from '../world/world.js';
import { parseTime, type ScenarioAction } from './schema.js';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Keys of `set-path` beyond wan, to, latency, jitter, loss and up. */
export const LOSS_KEYS = ['burst', 'loss-up', 'loss-down', ...TRAFFIC_KINDS] as const;
const KIND_KEYS = ['loss', 'burst', 'loss-up', 'loss-down'];

function percent(x: unknown, where: string, problems: string[]): number | undefined {
  if (typeof x === 'number' && x >= 0 && x <= 100) return x;
  problems.push(`${where}: a loss percentage from 0 to 100`);
  return undefined;
}

/** A mean burst for `pct` % loss (pct unknown: only the lower bound of 1 is checked). */
function burstOf(x: unknown, pct: number | undefined, where: string, problems: string[]): number | undefined {
  if (typeof x !== 'number' || !(x >= 1)) {
    problems.push(`${where}: a mean burst length in packets, at least 1`);
    return undefined;
  }
  if (pct !== undefined && x < minimumBurst(pct)) {
    problems.push(
      `${where}: bursts of ${x} packets on average cannot carry ${pct}% loss (needs at least ${Math.ceil(minimumBurst(pct) * 100) / 100})`,
    );
    return undefined;
  }
  return x;
}

/** `10` or `{ loss: 10, burst: 3 }`. */
function lossSpec(x: unknown, where: string, problems: string[]): LossSpec | undefined {
  if (!isObj(x)) {
    const pct = percent(x, where, problems);
    return pct === undefined ? undefined : { pct };
  }
  for (const key of Object.keys(x)) if (key !== 'loss' && key !== 'burst') problems.push(`${where}: unknown key "${key}" (loss, burst)`);
  const pct = percent(x.loss, `${where}.loss`, problems);
  const burst = x.burst === undefined ? undefined : burstOf(x.burst, pct, `${where}.burst`, problems);
  if (pct === undefined) return undefined;
  return burst === undefined ? { pct } : { pct, burst };
}

/** One kind's block: `{ loss, burst, loss-up, loss-down }`, each optional. */
function kindLoss(x: unknown, where: string, problems: string[]): KindLoss | undefined {
  if (!isObj(x)) {
    problems.push(`${where}: a mapping of loss, burst, loss-up, loss-down (or null to drop the override)`);
    return undefined;
  }
  for (const key of Object.keys(x)) if (!KIND_KEYS.includes(key)) problems.push(`${where}: unknown key "${key}" (${KIND_KEYS.join(', ')})`);
  if (x.burst !== undefined && x.loss === undefined) problems.push(`${where}.burst: needs loss beside it`);
  const out: KindLoss = {};
  if (x.loss !== undefined) {
    const pct = percent(x.loss, `${where}.loss`, problems);
    const burst = x.burst === undefined ? undefined : burstOf(x.burst, pct, `${where}.burst`, problems);
    if (pct !== undefined) out.roundTrip = burst === undefined ? { pct } : { pct, burst };
  }
  if (x['loss-up'] !== undefined) {
    const s = lossSpec(x['loss-up'], `${where}.loss-up`, problems);
    if (s) out.upstream = s;
  }
  if (x['loss-down'] !== undefined) {
    const s = lossSpec(x['loss-down'], `${where}.loss-down`, problems);
    if (s) out.downstream = s;
  }
  return out;
}

/** The loss fields of a `set-path` mapping, into `change`; `lossPct` is the already-checked `loss`. */
export function parseLossFields(v: Obj, lossPct: number | undefined, where: string, problems: string[], change: PathPatch): void {
  if (v.burst === null) change.lossBurst = null;
  else if (v.burst !== undefined) {
    const b = burstOf(v.burst, lossPct, `${where}.burst`, problems);
    if (b !== undefined) change.lossBurst = b;
  }
  for (const [key, field] of [
    ['loss-up', 'upstreamLoss'],
    ['loss-down', 'downstreamLoss'],
  ] as const) {
    if (v[key] === null) change[field] = null;
    else if (v[key] !== undefined) {
      const s = lossSpec(v[key], `${where}.${key}`, problems);
      if (s) change[field] = s;
    }
  }
  for (const kind of TRAFFIC_KINDS) {
    if (v[kind] === undefined) continue;
    const k = v[kind] === null ? null : kindLoss(v[kind], `${where}.${kind}`, problems);
    if (k !== undefined) change.byKind = { ...change.byKind, [kind]: k };
  }
}

/**
 * `dscp: { 46: { latency: 40, jitter: 45, loss: 3 } }`: what packets of one DSCP meet on top
 * of the path's own quality (a congested priority queue); `null` for a DSCP removes its impairment.
 */
export function parseDscpFields(v: unknown, where: string, problems: string[], change: PathPatch): void {
  if (!isObj(v)) {
    problems.push(`${where}: a mapping of DSCP (0-63) to { latency, jitter, loss } (or null)`);
    return;
  }
  const byDscp: Record<number, DscpImpairment | null> = {};
  for (const [key, x] of Object.entries(v)) {
    const dscp = Number(key);
    const at = `${where}.${key}`;
    if (!Number.isInteger(dscp) || dscp < 0 || dscp > 63) {
      problems.push(`${at}: a DSCP from 0 to 63 (EF is 46)`);
      continue;
    }
    if (x === null) {
      byDscp[dscp] = null;
      continue;
    }
    if (!isObj(x)) {
      problems.push(`${at}: a mapping of latency, jitter (ms, added) and loss (%, added)`);
      continue;
    }
    const d: DscpImpairment = {};
    for (const [k, field, max] of [
      ['latency', 'latencyMs', 60000],
      ['jitter', 'jitterMs', 60000],
      ['loss', 'lossPct', 100],
    ] as const) {
      const n = x[k];
      if (n === undefined) continue;
      if (typeof n !== 'number' || n < 0 || n > max) problems.push(`${at}.${k}: a number from 0 to ${max}`);
      else d[field] = n;
    }
    for (const k of Object.keys(x))
      if (!['latency', 'jitter', 'loss'].includes(k)) problems.push(`${at}: unknown key "${k}" (latency, jitter, loss)`);
    byDscp[dscp] = d;
  }
  change.byDscp = byDscp;
}

const IMPAIRMENTS = [
  'ramp-latency',
  'blackhole-wan',
  'slow-ike',
  'drain-hub',
  'undrain-hub',
  'clear-hub-sessions',
  'dns-fail',
  'dns-restore',
] as const;
export type ImpairmentKind = (typeof IMPAIRMENTS)[number];
export const isImpairment = (kind: string): kind is ImpairmentKind => (IMPAIRMENTS as readonly string[]).includes(kind);

export function parseImpairment(kind: ImpairmentKind, v: unknown, where: string, problems: string[]): ScenarioAction | undefined {
  const name = (x: unknown, what: string, at = where): string | undefined =>
    typeof x === 'string' && x !== '' ? x : (problems.push(`${at}: ${what} must be a name`), undefined);
  switch (kind) {
    case 'blackhole-wan': {
      const wan = name(v, 'the WAN');
      return wan ? { kind, wan } : undefined;
    }
    case 'drain-hub':
    case 'undrain-hub':
    case 'clear-hub-sessions': {
      const hub = name(v, 'the hub');
      return hub ? { kind, hub } : undefined;
    }
    case 'dns-fail':
    case 'dns-restore': {
      const n = name(v, 'the DNS name (or * for every name)');
      return n ? { kind, name: n } : undefined;
    }
    case 'slow-ike': {
      if (!isObj(v)) {
        problems.push(`${where}: needs hub and delay (milliseconds per IKE exchange)`);
        return undefined;
      }
      for (const key of Object.keys(v)) if (key !== 'hub' && key !== 'delay') problems.push(`${where}: unknown key "${key}" (hub, delay)`);
      const hub = name(v.hub, 'hub', `${where}.hub`);
      const ok = typeof v.delay === 'number' && v.delay >= 0 && v.delay <= 600000;
      if (!ok) problems.push(`${where}.delay: milliseconds from 0 to 600000 (0 ends the delay)`);
      return hub && ok ? { kind, hub, delayMs: v.delay as number } : undefined;
    }
    case 'ramp-latency':
      return parseRamp(v, where, problems);
  }
}

function parseRamp(v: unknown, where: string, problems: string[]): ScenarioAction | undefined {
  if (!isObj(v)) {
    problems.push(`${where}: needs wan, to-ms and over (and to, from-ms)`);
    return undefined;
  }
  for (const key of Object.keys(v))
    if (!['wan', 'to', 'from-ms', 'to-ms', 'over'].includes(key))
      problems.push(`${where}: unknown key "${key}" (wan, to, from-ms, to-ms, over)`);
  const ms = (key: string, required: boolean): number | undefined => {
    const x = v[key];
    if (x === undefined && !required) return undefined;
    if (typeof x === 'number' && x >= 0 && x <= 60000) return x;
    problems.push(`${where}.${key}: ${required ? 'required, ' : ''}a latency in milliseconds from 0 to 60000`);
    return undefined;
  };
  const fromMs = ms('from-ms', false);
  const toMs = ms('to-ms', true);
  const overSec = parseTime(v.over);
  if (overSec === undefined || overSec < 1)
    problems.push(`${where}.over: bad time ${JSON.stringify(v.over)} (at least 1s, as 90, 90s, 2m)`);
  if (typeof v.wan !== 'string' || v.wan === '') problems.push(`${where}.wan: the WAN must be a name`);
  if (v.to !== undefined && (typeof v.to !== 'string' || v.to === ''))
    problems.push(`${where}.to: a hub name, internet, an anchor's IPv4 address, or * (the default)`);
  if (typeof v.wan !== 'string' || toMs === undefined || overSec === undefined || overSec < 1) return undefined;
  const to = typeof v.to === 'string' && v.to !== '' ? v.to : '*';
  return fromMs === undefined
    ? { kind: 'ramp-latency', wan: v.wan, to, toMs, overSec }
    : { kind: 'ramp-latency', wan: v.wan, to, fromMs, toMs, overSec };
}

/** Problems an action has with its time: a ramp must end by the scenario's end. */
export function timingProblem(action: ScenarioAction, atSec: number, durationSec: number, where: string): string | undefined {
  if (action.kind === 'ramp-latency' && atSec + action.overSec > durationSec) {
    return `${where}.ramp-latency.over: the ramp ends at ${atSec + action.overSec}s, after the scenario's end (${durationSec}s)`;
  }
  return undefined;
}

/**
 * `delay-spikes: { pct: 2, min: 100, max: 500 }`: that share of packets, each on its own,
 * delayed a further 100 to 500 ms (lab/world/path-quality.ts DelaySpikes); `null` removes them.
 */
export function parseDelaySpikes(v: unknown, where: string, problems: string[], change: PathPatch): void {
  if (v === null) {
    change.delaySpikes = null;
    return;
  }
  if (!isObj(v)) {
    problems.push(`${where}: a mapping of pct (% of packets), min and max (ms added), or null`);
    return;
  }
  for (const k of Object.keys(v)) if (!['pct', 'min', 'max'].includes(k)) problems.push(`${where}: unknown key "${k}" (pct, min, max)`);
  const num = (k: string, max: number): number | undefined => {
    const x = v[k];
    if (typeof x === 'number' && x >= 0 && x <= max) return x;
    problems.push(`${where}.${k}: a number from 0 to ${max}`);
    return undefined;
  };
  const pct = num('pct', 100);
  const min = num('min', 60000);
  const max = num('max', 60000);
  if (pct === undefined || min === undefined || max === undefined) return;
  if (min > max) {
    problems.push(`${where}: min (${min} ms) is above max (${max} ms)`);
    return;
  }
  change.delaySpikes = { pct, minMs: min, maxMs: max };
}
