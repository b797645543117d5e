import type { CandidateConfig, PolicyConfig } from './config.js';
import { age, evaluate, INITIAL_HEALTH, type CandidateHealth } from './health.js';
import { measure, pushSample, worstOf, type Sample } from './quality.js';
import type { Effect, Observation, PolicyState } from './types.js';

/** How long a candidate the router would not take is left out of selection. */
export const STEER_BLOCK_MS = 60_000;

/** Folds one observation into the state; reports candidates whose verdict changed. */
export function absorb(s: PolicyState, obs: Observation, cfg: PolicyConfig, nowMs: number, effects: Effect[]): PolicyState {
  switch (obs.kind) {
    case 'sla-samples': {
      const used = new Set(cfg.candidates.flatMap((c) => c.slaOperations));
      const fresh = obs.samples.filter((x) => used.has(x.operation));
      if (fresh.length === 0) return s;
      const windows = { ...s.windows };
      for (const x of fresh) {
        const sample: Sample = { atMs: nowMs, answered: x.answered, ...(x.rttMs !== undefined ? { rttMs: x.rttMs } : {}) };
        windows[x.operation] = pushSample(windows[x.operation] ?? [], sample, cfg.windowSamples);
      }
      const ops = new Set(fresh.map((x) => x.operation));
      return reevaluate({ ...s, windows }, cfg, nowMs, effects, (c) => c.slaOperations.some((op) => ops.has(op)));
    }
    case 'interface': {
      const down = s.interfacesDown.filter((n) => n !== obs.name);
      if (!obs.up) down.push(obs.name);
      if (down.length === s.interfacesDown.length && down.every((n) => s.interfacesDown.includes(n))) return s;
      return reevaluate({ ...s, interfacesDown: down }, cfg, nowMs, effects, (c) => c.source === obs.name);
    }
    case 'flexvpn':
      return {
        ...s,
        routerActive: { ...(obs.activePeer ? { peer: obs.activePeer } : {}), ...(obs.activeSource ? { source: obs.activeSource } : {}) },
        peersActiveElsewhere: [...obs.peersActiveElsewhere],
      };
    case 'tick': {
      const health: Record<string, CandidateHealth> = {};
      for (const [id, h] of Object.entries(s.health)) health[id] = age(h, cfg, nowMs);
      if (s.override && s.override.untilMs <= nowMs) return { ...s, health, override: undefined, overrideEnded: { by: s.override.by } };
      return { ...s, health };
    }
    case 'override':
      return { ...s, override: { ...(obs.peer ? { peer: obs.peer } : {}), ...(obs.source ? { source: obs.source } : {}), untilMs: obs.untilMs, by: obs.by } };
    case 'clear-override':
      return s.override ? { ...s, override: undefined, overrideEnded: { by: obs.by } } : s;
    case 'steer-failed':
      return { ...s, steerBlockedUntil: { ...s.steerBlockedUntil, [obs.candidate]: nowMs + STEER_BLOCK_MS } };
  }
}

function reevaluate(
  s: PolicyState, cfg: PolicyConfig, nowMs: number, effects: Effect[], affected: (c: CandidateConfig) => boolean,
): PolicyState {
  const health = { ...s.health };
  for (const c of cfg.candidates) {
    if (!affected(c)) continue;
    const windows = c.slaOperations.map((op) => s.windows[op] ?? []);
    const before = health[c.id] ?? INITIAL_HEALTH;
    const after = evaluate(before, {
      metrics: worstOf(windows.map(measure)),
      ...(s.interfacesDown.includes(c.source) ? { interfaceDown: c.source } : {}),
      trailingTimeouts: Math.max(0, ...windows.map(trailingTimeouts)),
    }, cfg, nowMs);
    health[c.id] = after;
    if (after.verdict !== before.verdict) {
      effects.push({ kind: 'health-changed', candidate: c.id, from: before.verdict, to: after.verdict, ...(after.cause ? { cause: after.cause } : {}), atMs: nowMs });
    }
  }
  return { ...s, health };
}

function trailingTimeouts(window: readonly Sample[]): number {
  let n = 0;
  for (let i = window.length - 1; i >= 0 && !window[i]!.answered; i--) n++;
  return n;
}
