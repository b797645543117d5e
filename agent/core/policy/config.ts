/** The policy's slice of the configuration. Validated before it gets here (agent/config). */
import type { WhenSpent } from '../metered/config.js';
import type { ServiceClass } from './classes.js';

export interface CandidateConfig {
  /** Stable name used in reasons, metrics and overrides: `fibre-hub1`. */
  id: string;
  /** Hub peer address, as in the FlexVPN client's `peer <seq> <ip>` line. */
  peer: string;
  /** WAN source interface, canonical name, as in `source <n> <interface>`. */
  source: string;
  /** IP SLA operations that measure this path (probes from `source` towards the hub). */
  slaOperations: readonly number[];
  /**
   * Per service class (by name), the operations that judge the class on this path: jitter
   * operations marked with the class's DSCP (`tos`). A class without any here is not judged
   * on this candidate (agent/core/policy/classes.ts).
   */
  classOperations?: Readonly<Record<string, readonly number[]>>;
}

export interface QualityThresholds {
  lossPct: number;
  rttMs: number;
  jitterMs: number;
}

export type AllDownBehaviour =
  /** Keep steering to the current path; change nothing until something recovers. */
  | 'hold'
  /** Allow every candidate and let IOS choose on reachability alone (native behaviour). */
  | 'release'
  /** Steer to the candidate that is least bad (not down, best score). */
  | 'least-bad';

export interface PolicyConfig {
  /** The FlexVPN client block steered: `crypto ikev2 client flexvpn NAME` (failover design; none on a dual-cloud spoke). */
  client?: string;
  /** In preference order: the first healthy one is where the tunnel belongs. */
  candidates: readonly CandidateConfig[];
  /**
   * IP SLA operations sourced from the tunnel: evidence about the candidate the
   * router is on, from inside the encryption (ICMP deprioritised on the WAN does
   * not touch them; data black-holed with IKE still answered does). Optional.
   */
  tunnelSlaOperations?: readonly number[];
  /** Samples per SLA operation in the sliding window. */
  windowSamples: number;
  /** Minimum samples in the window before quality is judged. */
  minSamples: number;
  /** A candidate fails when any metric is above these... */
  fail: QualityThresholds;
  /** ...and recovers only when every metric is at or below these (stricter). */
  recover: QualityThresholds;
  /** Consecutive failing evaluations before a good candidate is declared bad. */
  failAfter: number;
  /** Consecutive passing evaluations before a bad candidate is declared good. */
  recoverAfter: number;
  /** Probes lost in a row that make a path unreachable at once, before the window's statistics say so. */
  unreachableAfter: number;
  /**
   * A path whose latest probes each show a breach (latest-breaches.ts) is bad at once, before
   * the window's median and `failAfter` say so. Set for a dual-cloud spoke's hubs, where the
   * agent would otherwise wait on the router's quality tracks; the failover design keeps its
   * windows (its bench is measured on them).
   */
  failOnSustainedBreach?: boolean;
  /** A better candidate must stay good this long before the tunnel moves back to it. */
  preemptDelaySec: number;
  damping: {
    /** Penalty added each time a candidate goes bad. */
    penalty: number;
    halfLifeSec: number;
    /** Suppressed (not eligible) at or above this... */
    suppressAt: number;
    /** ...until the decayed penalty falls below this. */
    reuseBelow: number;
    maxPenalty: number;
  };
  allDown: AllDownBehaviour;
  /** Fewest seconds between two steering changes (protects the router and the hubs). */
  minChangeIntervalSec: number;
  /** `dry-run` decides and reports, but never steers. */
  mode: 'enforce' | 'dry-run';
  /** Clear the old peer's SA when leaving a degraded path that is still up (DESIGN §4). */
  clearStaleSa: boolean;
  /**
   * WANs that cost money per byte, by source interface, with what to do once their budget is
   * spent (agent/core/policy/metered.ts). Absent: nothing is metered.
   */
  metered?: Readonly<Record<string, WhenSpent>>;
  /** Service-level classes (at most four), each judged per candidate on its own probes. Absent or empty: none. */
  classes?: readonly ServiceClass[];
  /**
   * When no path meets every critical class, the tunnel stays where it is unless another path's
   * worst excess over the critical levels is lower by more than this share (percent): the best of
   * the worst, without flapping between two paths that are equally bad.
   */
  classBandPct: number;
}

export const DEFAULT_POLICY: Omit<PolicyConfig, 'client' | 'candidates' | 'metered'> = {
  windowSamples: 10,
  minSamples: 3,
  fail: { lossPct: 20, rttMs: 300, jitterMs: 50 },
  recover: { lossPct: 5, rttMs: 200, jitterMs: 30 },
  failAfter: 2,
  recoverAfter: 3,
  unreachableAfter: 3,
  preemptDelaySec: 300,
  // Two flaps close together, or four a few minutes apart, suppress a path; once it is stable the
  // penalty falls below `reuseBelow` in at most 300 s × log2(4000 / 750) ≈ 12 min (under 8 min
  // after the slow-flap scenario's five flaps, so the fibre is back within the preemption delay
  // after that fault's end). A half-life of 15 min held it off for over half an hour.
  damping: { penalty: 1000, halfLifeSec: 300, suppressAt: 2000, reuseBelow: 750, maxPenalty: 4000 },
  allDown: 'release',
  minChangeIntervalSec: 10,
  mode: 'enforce',
  clearStaleSa: true,
  classBandPct: 25,
};
