/**
 * Tracked objects (DESIGN §4): `ip sla N state` is up only on OK;
 * `ip sla N reachability` is up on OK or OverThreshold and down on Timeout;
 * a stub object is whatever `default-state` says. `delay up|down` holds a
 * change back and cancels it if the object returns to its state first.
 */
import type { TrackConfig, UpDown } from '../config-model.js';
import type { SlaCode } from './ip-sla.js';

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

/** What the object itself says now, before any delay. `code` undefined: the operation has not run. */
export function trackTarget(cfg: TrackConfig, code: SlaCode | undefined): UpDown {
  switch (cfg.kind) {
    case 'stub-object':
      return cfg.defaultState;
    case 'ip-sla':
      if (code === undefined) return 'down';
      if (cfg.parameter === 'state') return code === 'ok' ? 'up' : 'down';
      return code === 'timeout' ? 'down' : 'up';
  }
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
