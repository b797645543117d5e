import type { PolicyConfig } from './config.js';
import { decay, flap, NO_DAMPING, type Damping } from './damping.js';
import { breaches, type Breach, type QualityMetrics } from './quality.js';

export type Verdict = 'unknown' | 'good' | 'bad';

/** Why a candidate is bad: a quality breach, or a hard fact that needs no statistics. */
export type BadCause =
  /**
   * `via: 'tunnel'`: measured by probes through the tunnel, what the users' traffic meets.
   * `sustained`: shown by each of the latest probes (sustainedBreaches), not by the window.
   */
  | { kind: 'quality'; breaches: Breach[]; via?: 'tunnel'; sustained?: true }
  | { kind: 'interface-down'; interface: string }
  | { kind: 'unreachable'; consecutiveTimeouts: number; via?: 'tunnel' }
  /** Dual-cloud: the iBGP session to this hub is not established (BGP itself gave up on it). */
  | { kind: 'bgp-down'; neighbor: string }
  /**
   * Dual-cloud: the router's own quality track for this hub (`qualityTrack`) is Down, with what
   * the agent's latest probes showed of the same fault (absent: a track trusted without them).
   */
  | { kind: 'router-track-down'; track: number; confirmedBy?: Breach[] };

export interface CandidateHealth {
  verdict: Verdict;
  /** When the current verdict began. */
  sinceMs: number;
  /** Evaluations in a row that breached the fail thresholds (while good). */
  failStreak: number;
  /** Evaluations in a row within the recover thresholds (while bad). */
  recoverStreak: number;
  cause?: BadCause;
  metrics?: QualityMetrics;
  /** Since when every metric has stayed within the recover thresholds (fail back waits on this). */
  cleanSinceMs?: number;
  /** The router's quality track for this hub is Down but the agent's latest probes show no breach: not acted on. */
  trackUnconfirmed?: number;
  damping: Damping;
}

export const INITIAL_HEALTH: CandidateHealth = { verdict: 'unknown', sinceMs: 0, failStreak: 0, recoverStreak: 0, damping: NO_DAMPING };

export interface Evidence {
  metrics: QualityMetrics;
  /** The WAN interface is down: bad at once, no streak needed. */
  interfaceDown?: string;
  /** Dual-cloud: the hub's BGP session is down: bad at once, as an interface down is. */
  sessionDown?: string;
  /**
   * Dual-cloud: the router's own quality track for the hub is Down. It makes a hub not already
   * bad bad at once when `trusted`, or when `agreeing` confirms it.
   */
  trackDown?: { track: number; trusted: boolean };
  /** What the latest probes show of a breach (agreeingBreaches): what confirms a router track. */
  agreeing?: Breach[];
  /** What the latest probes show on their own (sustainedBreaches): bad at once, with no track. */
  sustained?: Breach[];
  /** Consecutive unanswered probes at the end of the window. */
  trailingTimeouts: number;
  /** Probes through the tunnel while the router is on this candidate: they outrank the underlay's on loss. */
  tunnel?: { metrics: QualityMetrics; trailingTimeouts: number };
}

/**
 * The evidence the verdict rests on. Through the tunnel, probes meet what the
 * users' traffic meets: with enough of them, their loss replaces the WAN
 * probes' (ICMP deprioritised on the WAN is not the users' loss; data
 * black-holed while ICMP passes is), and RTT and jitter are the worse of the
 * two. A tunnel that answers makes the WAN probes' silence a probe problem,
 * not an unreachable path.
 */
function judged(e: Evidence, cfg: PolicyConfig): { metrics: QualityMetrics; trailingTimeouts: number; via?: 'tunnel' } {
  const t = e.tunnel;
  if (!t) return { metrics: e.metrics, trailingTimeouts: e.trailingTimeouts };
  const tunnelSilent = t.trailingTimeouts >= cfg.unreachableAfter;
  if (t.metrics.samples < cfg.minSamples) {
    return tunnelSilent
      ? { metrics: e.metrics, trailingTimeouts: t.trailingTimeouts, via: 'tunnel' }
      : { metrics: e.metrics, trailingTimeouts: e.trailingTimeouts };
  }
  const worse = (a?: number, b?: number) => (a === undefined ? b : b === undefined ? a : Math.max(a, b));
  const { samples, lossPct, runLossLowerPct } = t.metrics;
  const metrics: QualityMetrics = { samples, lossPct, ...(runLossLowerPct !== undefined ? { runLossLowerPct } : {}) };
  const rttMs = worse(e.metrics.rttMs, t.metrics.rttMs);
  const jitterMs = worse(e.metrics.jitterMs, t.metrics.jitterMs);
  if (rttMs !== undefined) metrics.rttMs = rttMs;
  if (jitterMs !== undefined) metrics.jitterMs = jitterMs;
  return { metrics, trailingTimeouts: t.trailingTimeouts, via: 'tunnel' };
}

/**
 * One evaluation of a candidate on fresh evidence. Fails fast on hard facts,
 * needs `failAfter` failing evaluations to fail on quality, and
 * `recoverAfter` evaluations within the stricter recover thresholds to recover.
 */
export function evaluate(h: CandidateHealth, evidence: Evidence, cfg: PolicyConfig, nowMs: number): CandidateHealth {
  const damping = decay(h.damping, nowMs, cfg.damping);
  const e = judged(evidence, cfg);
  const via = e.via ? { via: e.via } : {};
  const track = routerTrack(h, evidence);
  const hard: BadCause | undefined = evidence.interfaceDown
    ? { kind: 'interface-down', interface: evidence.interfaceDown }
    : evidence.sessionDown
      ? { kind: 'bgp-down', neighbor: evidence.sessionDown }
      : track?.confirmed
        ? track.cause
        : h.verdict !== 'bad' && evidence.sustained?.length
          ? { kind: 'quality', breaches: evidence.sustained, sustained: true }
          : e.trailingTimeouts >= cfg.unreachableAfter
            ? { kind: 'unreachable', consecutiveTimeouts: e.trailingTimeouts, ...via }
            : undefined;
  const enough = e.metrics.samples >= cfg.minSamples;
  const recovered = enough && !hard && breaches(e.metrics, cfg.recover).length === 0;
  const base = {
    ...h,
    damping,
    metrics: e.metrics,
    cleanSinceMs: recovered ? (h.cleanSinceMs ?? nowMs) : undefined,
    trackUnconfirmed: track && !track.confirmed ? track.cause.track : undefined,
  };

  if (hard) return toBad(base, hard, h.verdict === 'good', cfg, nowMs);
  if (!enough) return base;

  const failing = breaches(e.metrics, cfg.fail, 'failing');
  switch (h.verdict) {
    case 'unknown':
      return failing.length > 0
        ? toBad(base, { kind: 'quality', breaches: failing, ...via }, false, cfg, nowMs)
        : { ...base, verdict: 'good', sinceMs: nowMs, failStreak: 0, recoverStreak: 0, cause: undefined };
    case 'good': {
      if (failing.length === 0) return { ...base, failStreak: 0 };
      const failStreak = h.failStreak + 1;
      return failStreak >= cfg.failAfter
        ? toBad(base, { kind: 'quality', breaches: failing, ...via }, true, cfg, nowMs)
        : { ...base, failStreak };
    }
    case 'bad': {
      // Failed on what the tunnel carried, then left: the WAN probes cannot clear it (they were
      // clean all along). It may be tried again once the preemption delay has passed since
      // (data-loss-only: the two fibre paths, each clean over the WAN, were tried in turn five
      // times). How long its WAN probes have been clean still counts, so the retry is not
      // held for a second preemption delay after the first.
      const heldByTunnel =
        (h.cause?.kind === 'quality' || h.cause?.kind === 'unreachable') &&
        h.cause.via === 'tunnel' &&
        e.via === undefined &&
        nowMs - h.sinceMs < cfg.preemptDelaySec * 1000;
      if (heldByTunnel) return { ...base, recoverStreak: 0 };
      if (!recovered) {
        // Still bad: keep the original cause's time, refresh what is crossed now.
        const still = breaches(e.metrics, cfg.recover);
        return { ...base, recoverStreak: 0, cause: { kind: 'quality', breaches: failing.length > 0 ? failing : still, ...via } };
      }
      const recoverStreak = h.recoverStreak + 1;
      return recoverStreak >= cfg.recoverAfter
        ? { ...base, verdict: 'good', sinceMs: nowMs, failStreak: 0, recoverStreak: 0, cause: undefined }
        : { ...base, recoverStreak };
    }
  }
}

/**
 * The router's quality track, when it is Down for a hub not already bad:
 * confirmed when trusted or when the latest probes show a breach of their own
 * (a bad hub stays judged by its own windows: the track does not pin it).
 */
function routerTrack(h: CandidateHealth, e: Evidence): { confirmed: boolean; cause: BadCause & { kind: 'router-track-down' } } | undefined {
  if (!e.trackDown || h.verdict === 'bad') return undefined;
  const agreeing = e.agreeing ?? [];
  const cause = { kind: 'router-track-down' as const, track: e.trackDown.track, ...(agreeing.length > 0 ? { confirmedBy: agreeing } : {}) };
  return { confirmed: e.trackDown.trusted || agreeing.length > 0, cause };
}

function toBad(h: CandidateHealth, cause: BadCause, isFlap: boolean, cfg: PolicyConfig, nowMs: number): CandidateHealth {
  if (h.verdict === 'bad') return { ...h, cause, recoverStreak: 0 };
  return {
    ...h,
    verdict: 'bad',
    sinceMs: nowMs,
    failStreak: 0,
    recoverStreak: 0,
    cause,
    damping: isFlap ? flap(h.damping, nowMs, cfg.damping) : h.damping,
  };
}

/** Time passing without evidence: only the damping penalty moves. */
export function age(h: CandidateHealth, cfg: PolicyConfig, nowMs: number): CandidateHealth {
  const damping = decay(h.damping, nowMs, cfg.damping);
  return damping === h.damping ? h : { ...h, damping };
}
