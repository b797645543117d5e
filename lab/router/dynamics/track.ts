/**
 * Tracked objects (DESIGN §4): `ip sla N state` is up only on OK;
 * `ip sla N reachability` is up on OK or OverThreshold and down on Timeout
 * or No connection (a tcp-connect refused);
 * `interface IF line-protocol` follows the line protocol, `ip routing` also
 * needs an IP address; a stub object is whatever `default-state` says; a
 * `list boolean and|or` combines its members' (delayed) states, each
 * inverted by `not`. `delay up|down` holds a change back and cancels it if
 * the object returns to its state first; on a list it applies to the list's
 * own result, as IOS applies it to any object. Threshold lists are in
 * track-threshold.ts.
 */
import type { ListMember, TrackConfig, UpDown } from '../config-model.js';
import { completed, type SlaCode } from './ip-sla.js';
import { thresholdTarget } from './track-threshold.js';

export interface TrackRuntime {
  state: UpDown;
  changes: number;
  lastChangeAt: number;
  /** A change held back by `delay`. */
  pending?: { to: UpDown; at: number };
}

export interface TrackChange {
  from: UpDown;
  to: UpDown;
}

/** What a track's object reads from the rest of the router. */
export interface TrackEnv {
  /** Latest return code; undefined when the operation has not run. */
  slaCode(operation: number): SlaCode | undefined;
  /** Undefined for an interface the router does not have. */
  interfaceState(name: string): { protocolUp: boolean; hasAddress: boolean; suppressed?: boolean } | undefined;
  /** Current state of another track; undefined when it is not configured. */
  trackState(id: number): UpDown | undefined;
  /** A stub object's state as an EEM `action track set` last set it (default-state otherwise). */
  stubState?(id: number): UpDown | undefined;
}

/** `and`: every member up; `or`: any member up; `not` inverts a member. An absent member counts as down, an empty list is down. */
export function listTarget(operator: 'and' | 'or', objects: readonly ListMember[], stateOf: (id: number) => UpDown | undefined): UpDown {
  if (objects.length === 0) return 'down';
  const up = objects.map((o) => (stateOf(o.id) === 'up') !== o.negated);
  return (operator === 'and' ? up.every(Boolean) : up.some(Boolean)) ? 'up' : 'down';
}

/** What the object itself says now, before any delay. */
export function trackTarget(cfg: TrackConfig, env: TrackEnv): UpDown {
  switch (cfg.kind) {
    case 'stub-object':
      return env.stubState?.(cfg.id) ?? cfg.defaultState;
    case 'ip-sla': {
      const code = env.slaCode(cfg.operation);
      if (code === undefined) return 'down';
      if (cfg.parameter === 'state') return code === 'ok' ? 'up' : 'down';
      return completed(code) ? 'up' : 'down';
    }
    case 'interface': {
      const i = env.interfaceState(cfg.interface);
      if (!i?.protocolUp) return 'down';
      // IP Event Dampening: a suppressed interface is down to IP routing, not to its line protocol.
      return cfg.parameter === 'line-protocol' || (i.hasAddress && !i.suppressed) ? 'up' : 'down';
    }
    case 'list':
      return listTarget(cfg.operator, cfg.objects, env.trackState);
    case 'threshold':
      return thresholdTarget(cfg, env.trackState, env.trackState(cfg.id) ?? 'down');
  }
}

/**
 * The order in which to evaluate tracks within one step: every list after
 * its members, so a change propagates through lists in the same second. A
 * cycle of lists reads the other members' states of the previous step.
 */
export function evaluationOrder(tracks: readonly TrackConfig[]): TrackConfig[] {
  const byId = new Map(tracks.map((t) => [t.id, t]));
  const done = new Set<number>();
  const visiting = new Set<number>();
  const out: TrackConfig[] = [];
  const visit = (t: TrackConfig): void => {
    if (done.has(t.id) || visiting.has(t.id)) return;
    visiting.add(t.id);
    if (t.kind === 'list' || t.kind === 'threshold')
      for (const o of t.objects) {
        const m = byId.get(o.id);
        if (m) visit(m);
      }
    visiting.delete(t.id);
    done.add(t.id);
    out.push(t);
  };
  for (const t of [...tracks].sort((a, b) => a.id - b.id)) visit(t);
  return out;
}

export function stepTrack(rt: TrackRuntime, cfg: TrackConfig, target: UpDown, now: number): { rt: TrackRuntime; change?: TrackChange } {
  if (target === rt.state) {
    if (!rt.pending) return { rt };
    const { pending: _cancelled, ...rest } = rt;
    return { rt: rest };
  }
  const delaySec = (target === 'up' ? cfg.delayUpSec : cfg.delayDownSec) ?? 0;
  const pending = rt.pending?.to === target ? rt.pending : { to: target, at: now + delaySec * 1000 };
  if (now < pending.at) return { rt: { ...rt, pending } };
  return {
    rt: { state: target, changes: rt.changes + 1, lastChangeAt: now },
    change: { from: rt.state, to: target },
  };
}
