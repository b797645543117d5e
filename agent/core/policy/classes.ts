/**
 * Service-level classes (issue 19, README: Service-level classes). A class
 * (voice, video, bulk...) has its own level and its own probes per candidate:
 * IP SLA jitter operations marked with the class's DSCP (`tos`), so each
 * probe meets what that class meets (a priority queue congested while
 * best effort flows). Each (candidate, class) pair is judged on its own
 * window as a path is: failing on evidence (loss by its confident lower
 * bound), after `failAfter` failing evaluations; meeting the level again
 * after `recoverAfter` clean ones (loss as seen).
 */
import type { CandidateConfig, PolicyConfig, QualityThresholds } from './config.js';
import { breaches, lossLowerBoundPct, pathQuality, type Breach, type QualityMetrics, type Sample } from './quality.js';

export interface ServiceClass extends QualityThresholds {
  /** `voice`: used in reasons, telemetry and `classOperations`. */
  name: string;
  /** The class's DSCP (0-63), which its probes carry (`tos` = DSCP × 4); for `config ios` and the reader. */
  dscp: number;
  /** The tunnel's path must meet it: the policy prefers a path meeting every critical class. */
  critical: boolean;
}

/** At most four classes: as many queues as a branch's WAN policy typically has. */
export const MAX_CLASSES = 4;

export type Compliance = 'unknown' | 'meets' | 'fails';

export interface ClassHealth {
  compliance: Compliance;
  /** When the current compliance began. */
  sinceMs: number;
  /** Evaluations in a row against the current compliance (failing while it meets, clean while it fails). */
  streak: number;
  metrics?: QualityMetrics;
  /** What is beyond the class's level now (empty when nothing is). */
  breaches: Breach[];
}

export const UNKNOWN_CLASS: ClassHealth = { compliance: 'unknown', sinceMs: 0, streak: 0, breaches: [] };

/** A class's operations on a candidate; none: the class is not probed there (counts as meeting it). */
export const classOperations = (c: CandidateConfig, cls: ServiceClass): readonly number[] => c.classOperations?.[cls.name] ?? [];

/**
 * Jitter runs a class's delay and jitter are judged on: the newest two of each operation.
 * IOS shows only the latest run, so a read every 10 s sees every other run of a 5 s
 * operation; a run is many packets (100 at 20 ms in a voice probe), so two measure delay
 * and jitter well, where the whole window of ten held a congested queue's verdict back by
 * some 40 s (the lab's fibre-bad-for-voice: 52 s of voice outside its level, 32 s on two
 * runs). Loss stays judged on the whole window: lost packets come in bursts, and telling a
 * burst from steady loss takes many runs (quality.ts). A window of single probes (no runs)
 * is judged whole.
 */
export const CLASS_RECENT_RUNS = 2;

function recentRuns(w: readonly Sample[]): readonly Sample[] {
  // A read may also credit the operation without its run's packets: those say nothing of the class.
  const runs = w.filter((s) => s.packets !== undefined);
  return runs.length > 0 ? runs.slice(-CLASS_RECENT_RUNS) : w;
}

/** One evaluation of a (candidate, class) on its windows. */
export function evaluateClass(
  h: ClassHealth,
  windows: readonly (readonly Sample[])[],
  cls: ServiceClass,
  cfg: PolicyConfig,
  nowMs: number,
): ClassHealth {
  const whole = pathQuality(windows);
  const recent = pathQuality(windows.map(recentRuns));
  const { rttMs: _rtt, jitterMs: _jitter, ...loss } = whole;
  const metrics: QualityMetrics = {
    ...loss,
    ...(recent.rttMs !== undefined ? { rttMs: recent.rttMs } : {}),
    ...(recent.jitterMs !== undefined ? { jitterMs: recent.jitterMs } : {}),
  };
  if (metrics.samples < cfg.minSamples) return { ...h, metrics };
  const failing = breaches(metrics, cls, 'failing');
  const seen = breaches(metrics, cls);
  const become = (compliance: Compliance): ClassHealth => ({
    compliance,
    sinceMs: nowMs,
    streak: 0,
    metrics,
    breaches: compliance === 'fails' ? failing : seen,
  });
  switch (h.compliance) {
    case 'unknown':
      return become(failing.length > 0 ? 'fails' : 'meets');
    case 'meets': {
      if (failing.length === 0) return { ...h, streak: 0, metrics, breaches: seen };
      return h.streak + 1 >= cfg.failAfter ? become('fails') : { ...h, streak: h.streak + 1, metrics, breaches: failing };
    }
    case 'fails': {
      if (seen.length > 0) return { ...h, streak: 0, metrics, breaches: failing.length > 0 ? failing : seen };
      return h.streak + 1 >= cfg.recoverAfter ? become('meets') : { ...h, streak: h.streak + 1, metrics, breaches: seen };
    }
  }
}

/** A class of `cfg` by name. */
const classNamed = (cfg: PolicyConfig, name: string) => cfg.classes?.find((k) => k.name === name);

export type ClassStates = Readonly<Record<string, Readonly<Record<string, ClassHealth>>>>;

/** The candidate's compliance with a class: unprobed classes count as met. */
export function complianceOf(states: ClassStates | undefined, c: CandidateConfig, cls: ServiceClass): ClassHealth | undefined {
  if (classOperations(c, cls).length === 0) return undefined;
  return states?.[c.id]?.[cls.name] ?? UNKNOWN_CLASS;
}

const critical = (cfg: PolicyConfig) => (cfg.classes ?? []).filter((k) => k.critical);

/** Critical classes the candidate is judged to fail now, with what is beyond their level. */
export function failedCritical(
  states: ClassStates | undefined,
  cfg: PolicyConfig,
  c: CandidateConfig,
): { class: string; breaches: Breach[] }[] {
  return critical(cfg).flatMap((k) => {
    const h = complianceOf(states, c, k);
    return h?.compliance === 'fails' ? [{ class: k.name, breaches: h.breaches }] : [];
  });
}

/**
 * The candidate meets every critical class, each for at least `forMs`: judged
 * and meeting (a class not probed on it counts as met; one not yet judged does not).
 */
export function meetsCritical(states: ClassStates | undefined, cfg: PolicyConfig, c: CandidateConfig, nowMs: number, forMs = 0): boolean {
  return critical(cfg).every((k) => {
    const h = complianceOf(states, c, k);
    return h === undefined || (h.compliance === 'meets' && nowMs - h.sinceMs >= forMs);
  });
}

/**
 * How far the candidate is from its critical classes' levels: the worst ratio
 * of a measure to its level over every critical class probed on it (1.4: 40 %
 * over on its worst; under 1 within every level), 0 when none is measured.
 * The best of the worst is the lowest. Loss counts by its confident lower
 * bound (`lower-bound`), as failing does, for the path in use: a few unlucky
 * packets do not condemn it. A path to move to counts its loss as measured
 * (`measured`): its lower bound is low while little has been measured, however
 * bad the path, and ranked by it the least measured of two equally bad paths
 * looked the better (no-path-fit-for-voice read twice per probe period: the
 * tunnel went to the other hub over the same congested fibre, then on).
 */
export function criticalExcess(
  states: ClassStates | undefined,
  cfg: PolicyConfig,
  c: CandidateConfig,
  loss: 'lower-bound' | 'measured' = 'lower-bound',
): number {
  let worst = 0;
  for (const k of critical(cfg)) {
    const m = complianceOf(states, c, k)?.metrics;
    if (!m || m.samples === 0) continue;
    const ratios = [
      (loss === 'measured' ? m.lossPct : lossLowerBoundPct(m)) / Math.max(k.lossPct, 1e-9),
      (m.rttMs ?? 0) / Math.max(k.rttMs, 1e-9),
      (m.jitterMs ?? 0) / Math.max(k.jitterMs, 1e-9),
    ];
    worst = Math.max(worst, ...ratios);
  }
  return worst;
}

/** Class operations of every candidate (their windows are kept, as the candidates' own). */
export function allClassOperations(cfg: PolicyConfig): Set<number> {
  return new Set(cfg.candidates.flatMap((c) => Object.values(c.classOperations ?? {}).flat()));
}

/**
 * Re-judges the classes of candidates whose class operations got new samples
 * (or were stopped); returns the new states and the changes of compliance.
 */
export function reevaluateClasses(
  states: ClassStates | undefined,
  windows: Readonly<Record<number, readonly Sample[]>>,
  cfg: PolicyConfig,
  nowMs: number,
  touched: ReadonlySet<number>,
): {
  states: ClassStates | undefined;
  changes: { candidate: string; class: string; from: Compliance; to: Compliance; breaches: Breach[] }[];
} {
  if (!cfg.classes || cfg.classes.length === 0) return { states, changes: [] };
  const next: Record<string, Record<string, ClassHealth>> = { ...states };
  const changes: { candidate: string; class: string; from: Compliance; to: Compliance; breaches: Breach[] }[] = [];
  for (const c of cfg.candidates) {
    for (const [name, ops] of Object.entries(c.classOperations ?? {})) {
      const cls = classNamed(cfg, name);
      if (!cls || !ops.some((op) => touched.has(op))) continue;
      const before = states?.[c.id]?.[name] ?? UNKNOWN_CLASS;
      const after = evaluateClass(
        before,
        ops.map((op) => windows[op] ?? []),
        cls,
        cfg,
        nowMs,
      );
      next[c.id] = { ...next[c.id], [name]: after };
      if (after.compliance !== before.compliance)
        changes.push({ candidate: c.id, class: name, from: before.compliance, to: after.compliance, breaches: after.breaches });
    }
  }
  return { states: next, changes };
}
