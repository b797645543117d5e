/**
 * The quality of a (WAN, target) path: delay, jitter, and loss that may be
 * bursty, one-directional, or different per kind of traffic.
 */
import type { LossSpec } from './loss-model.js';

/** What a packet is, for loss that treats protocols differently (ICMP deprioritised, ESP black-holed). */
export type TrafficKind = 'icmp' | 'ike' | 'data';
export const TRAFFIC_KINDS: readonly TrafficKind[] = ['icmp', 'ike', 'data'];

/** One kind's loss: each component given replaces the path's own for that kind. */
export interface KindLoss {
  roundTrip?: LossSpec;
  upstream?: LossSpec;
  downstream?: LossSpec;
}

/**
 * The quality of one (WAN, target) path. A round trip is lost if its
 * upstream leg, the round trip as a whole, or its downstream leg loses it;
 * bursty components keep a Gilbert–Elliott state per path, kind and
 * component (see loss-model.ts).
 */
export interface PathQuality {
  /** Mean round-trip time. */
  latencyMs: number;
  /**
   * IP SLA's jitter: the mean inter-packet delay variation, i.e. the expected
   * |RTT(i) − RTT(i−1)| of consecutive packets on the path. RTTs are latency
   * plus uniform noise of half-width 1.5 × jitter, since for X1, X2 uniform
   * on [−a, a], E|X1 − X2| = 2a/3 (test/lab/world-model.test.ts checks it).
   */
  jitterMs: number;
  /** Round-trip loss of every kind of traffic, unless `byKind` overrides it. */
  lossPct: number;
  /** Mean burst length of `lossPct`, in packets (Gilbert–Elliott); absent: independent losses. */
  lossBurst?: number;
  /** Loss of the way out only, on top of `lossPct`. */
  upstreamLoss?: LossSpec;
  /** Loss of the way back only, on top of `lossPct`. */
  downstreamLoss?: LossSpec;
  /** Per kind of traffic, components that replace the ones above. */
  byKind?: Partial<Record<TrafficKind, KindLoss>>;
  /** Per DSCP (0-63), what packets so marked meet on top of all the above. */
  byDscp?: Record<number, DscpImpairment>;
  /** Single packets delayed far beyond the path's jitter (DelaySpikes). */
  delaySpikes?: DelaySpikes;
  up: boolean;
}

/**
 * A share of packets (`pct` %), each on its own, delayed by a further `minMs` to `maxMs`: a
 * router's control plane answering a ping to itself late, a microburst in a queue. What a
 * user meets on average is unchanged: the path's latency and jitter, from which the bench
 * judges the service level, stay as they are. One echo so delayed crosses a latency
 * threshold that a brownout crosses too; telling them apart takes a second witness.
 */
export interface DelaySpikes {
  pct: number;
  minMs: number;
  maxMs: number;
}

/**
 * What one class of traffic (its DSCP) meets beyond the path's own quality:
 * a congested or policed priority queue (a fibre fine for bulk, bad for
 * voice). Each figure adds to the path's: latency and jitter in ms, loss as
 * a further independent chance of loss.
 */
export interface DscpImpairment {
  latencyMs?: number;
  jitterMs?: number;
  lossPct?: number;
}

/** A change to a path: fields given replace the path's; `null` removes an optional one. */
export type PathPatch = Partial<Pick<PathQuality, 'latencyMs' | 'jitterMs' | 'lossPct' | 'up'>> & {
  lossBurst?: number | null;
  upstreamLoss?: LossSpec | null;
  downstreamLoss?: LossSpec | null;
  /** Per kind: a KindLoss replaces that kind's override, `null` removes it. */
  byKind?: Partial<Record<TrafficKind, KindLoss | null>>;
  /** Per DSCP: an impairment replaces that class's, `null` removes it. */
  byDscp?: Record<number, DscpImpairment | null>;
  delaySpikes?: DelaySpikes | null;
};

/** Noise half-width per unit of jitter (see PathQuality.jitterMs). */
export const JITTER_HALF_WIDTH = 1.5;

type Component = keyof KindLoss;

/** The loss components `kind` meets on a path. */
export function lossOf(p: PathQuality, kind: TrafficKind): KindLoss {
  const own = p.byKind?.[kind];
  const pick = (c: Component, fallback: LossSpec | undefined): LossSpec | undefined => (own && c in own ? own[c] : fallback);
  return {
    roundTrip: pick('roundTrip', p.lossBurst === undefined ? { pct: p.lossPct } : { pct: p.lossPct, burst: p.lossBurst }),
    upstream: pick('upstream', p.upstreamLoss),
    downstream: pick('downstream', p.downstreamLoss),
  };
}

export function applyPatch(p: PathQuality, patch: PathPatch): void {
  for (const f of ['latencyMs', 'jitterMs', 'lossPct', 'up'] as const) if (patch[f] !== undefined) Object.assign(p, { [f]: patch[f] });
  for (const f of ['lossBurst', 'upstreamLoss', 'downstreamLoss', 'delaySpikes'] as const) {
    if (patch[f] === null) delete p[f];
    else if (patch[f] !== undefined) Object.assign(p, { [f]: structuredClone(patch[f]) });
  }
  for (const [dscp, d] of Object.entries(patch.byDscp ?? {})) {
    if (d === null) delete p.byDscp?.[Number(dscp)];
    else p.byDscp = { ...p.byDscp, [Number(dscp)]: { ...d } };
  }
  for (const kind of TRAFFIC_KINDS) {
    const k = patch.byKind?.[kind];
    if (k === undefined) continue;
    if (k === null) delete p.byKind?.[kind];
    else p.byKind = { ...p.byKind, [kind]: structuredClone(k) };
  }
}

/** The quality packets marked `dscp` meet on a path: its own, plus that class's impairment. */
export function classQuality(p: PathQuality, dscp: number): { latencyMs: number; jitterMs: number; extraLossPct: number } {
  const d = p.byDscp?.[dscp];
  return { latencyMs: p.latencyMs + (d?.latencyMs ?? 0), jitterMs: p.jitterMs + (d?.jitterMs ?? 0), extraLossPct: d?.lossPct ?? 0 };
}
