import type { CandidateConfig, PolicyConfig } from './config.js';
import { criticalExcess, failedCritical, meetsCritical } from './classes.js';
import { INITIAL_HEALTH } from './health.js';
import { isMetered, refusedForBudget, unmeteredRefuge } from './metered.js';
import { breaches, type Breach, type Metric } from './quality.js';
import type { Decision, PolicyState, Reason, Report, StepOutput } from './types.js';

/** How long a fail back waits for a more preferred path about to have been clean long enough. */
export const PREEMPT_COALESCE_MS = 60_000;

/**
 * Chooses where the tunnel belongs, given the state after an observation.
 * Fail fast (a bad current path is left at once), fail back slowly (a better
 * path must stay good for the preemption delay), never before the router's
 * state has been adopted, never faster than the change rate limit (overrides
 * excepted).
 */
export function decide(s: PolicyState, cfg: PolicyConfig, nowMs: number, out: StepOutput): PolicyState {
  if (!s.routerActive) return s;
  const byId = new Map(cfg.candidates.map((c) => [c.id, c] as const));
  const rank = (id: string) => cfg.candidates.findIndex((c) => c.id === id);
  const health = (id: string) => s.health[id] ?? INITIAL_HEALTH;
  const routerForbids = (c: CandidateConfig) => {
    const f = s.routerForbids;
    if (!f) return undefined;
    const peer = f.peers.includes(c.peer) ? { peer: c.peer } : {};
    const source = f.sources.includes(c.source) ? { source: c.source } : {};
    return 'peer' in peer || 'source' in source ? { ...peer, ...source } : undefined;
  };
  const eligible = (c: CandidateConfig) =>
    health(c.id).verdict === 'good' &&
    !routerForbids(c) &&
    !health(c.id).damping.suppressed &&
    !s.peersActiveElsewhere.includes(c.peer) &&
    !((s.steerBlockedUntil[c.id] ?? 0) > nowMs) &&
    !refusedForBudget(s, cfg, c);

  const active = cfg.candidates.find((c) => c.peer === s.routerActive!.peer && c.source === s.routerActive!.source);

  // First sight of the router: take what it uses as ours, without touching it.
  if (!s.adopted) {
    const reason: Reason = active ? { code: 'adopted', candidate: active.id } : { code: 'adopted-unknown-path', ...s.routerActive };
    out.reports.push(
      decisionEffect({ atMs: nowMs, action: 'adopt', ...(active ? { to: active.id } : {}), reason, dryRun: cfg.mode === 'dry-run' }),
    );
    s = { ...s, adopted: true, ...(active ? { selected: active.id } : {}) };
  }

  // Nothing selected yet (the first read showed no active client, e.g. a renegotiation at
  // boot), and now the router is on a candidate: take it as ours, as at first sight. Steering
  // to the first eligible one instead pivoted a healthy tunnel past the preemption delay.
  if (s.selected === undefined && active) {
    out.reports.push(
      decisionEffect({
        atMs: nowMs,
        action: 'adopt',
        to: active.id,
        reason: { code: 'adopted', candidate: active.id },
        dryRun: cfg.mode === 'dry-run',
      }),
    );
    s = { ...s, selected: active.id };
  }

  // Released, and the router has found a path on its own that is fine: take it as ours
  // rather than steering back to where we were before everything went down.
  if (s.released) {
    const h = active && (s.health[active.id] ?? INITIAL_HEALTH);
    if (active && h && h.verdict !== 'bad' && !h.damping.suppressed && active.id !== s.selected) {
      out.reports.push(
        decisionEffect({
          atMs: nowMs,
          action: 'adopt',
          ...from(s),
          to: active.id,
          reason: { code: 'adopted', candidate: active.id },
          dryRun: cfg.mode === 'dry-run',
        }),
      );
      s = { ...s, selected: active.id, allDownReported: false };
    } else if (active && h?.verdict === 'bad' && active.id !== s.selected) {
      // ...and when the path it went to is bad, that is the path carrying the traffic and the one
      // to leave once another recovers: the one selected before the release carries nothing
      // (dual-cloud-both-clouds-degrade: released, BGP back on the bad hub 1, hub 2 recovered,
      // and the agent, still "on" hub 2, never steered there).
      s = { ...s, selected: active.id };
    }
  }

  // The router hung in a config session: no steer, no release, until the hold ends (absorb.ts).
  if ((s.steeringHeldUntilMs ?? 0) > nowMs) return s;

  const blocked = (c: CandidateConfig) => (s.steerBlockedUntil[c.id] ?? 0) > nowMs;
  const override = s.override && s.override.untilMs > nowMs ? s.override : undefined;
  if (override) {
    const matches = cfg.candidates.filter(
      (c) => (!override.peer || c.peer === override.peer) && (!override.source || c.source === override.source),
    );
    // Forced even onto a path not judged good, but not back onto one the router just failed to take.
    const target = matches.find(eligible) ?? matches.find((c) => !blocked(c));
    // Selected, but its steer failed and its block is over: the router is elsewhere, try it again.
    const retry = target !== undefined && target.id === s.selected && s.steerBlockedUntil[target.id] !== undefined;
    if (target && (target.id !== s.selected || retry)) {
      return change(s, cfg, nowMs, out, target, { code: 'override', by: override.by, untilMs: override.untilMs, ...pick(override) }, true);
    }
    return s;
  }

  // Fail back slowly: only to a path that has been clean (within the recover
  // thresholds, not merely not failed) for the whole preemption delay.
  const cleanLongEnough = (c: CandidateConfig) => {
    const since = health(c.id).cleanSinceMs;
    return since !== undefined && nowMs - since >= cfg.preemptDelaySec * 1000;
  };

  // The operator's override is over: back to the path the policy prefers, at once
  // (as the override itself was), if that path has settled; otherwise as usual below.
  if (s.overrideEnded) {
    const { by } = s.overrideEnded;
    s = { ...s, overrideEnded: undefined };
    const settled = cfg.candidates.find((c) => eligible(c) && cleanLongEnough(c));
    if (settled && settled.id !== s.selected) return change(s, cfg, nowMs, out, settled, { code: 'override-ended', by }, true);
  }

  const current = s.selected !== undefined ? byId.get(s.selected) : undefined;
  // No evidence yet about the current path (just started): it is not bad, so nothing to leave.
  const unknown = (c: CandidateConfig) => health(c.id).verdict === 'unknown' && !((s.steerBlockedUntil[c.id] ?? 0) > nowMs);
  // Service classes (classes.ts): a path fit for every critical class is preferred to one that is not.
  const meetsClasses = (c: CandidateConfig, forMs = 0) => meetsCritical(s.classes, cfg, c, nowMs, forMs);
  if (current && (eligible(current) || unknown(current))) {
    const failed = failedCritical(s.classes, cfg, current);
    if (failed.length > 0) return classMove(s, cfg, nowMs, out, current, failed, eligible);
    // Fail back only to a path that has met every critical class for the preemption delay too.
    const better = cfg.candidates
      .slice(0, rank(current.id))
      .find((c) => eligible(c) && cleanLongEnough(c) && meetsClasses(c, cfg.preemptDelaySec * 1000));
    if (!better) return s.deferred === undefined ? s : { ...s, deferred: undefined };
    // A path preferred over `better` that will have been clean long enough within a moment:
    // wait for it, rather than fail back in two moves a few seconds apart (long-failback:
    // the fibre to hub 2 settled 8 s before the fibre to hub 1).
    const almost = (c: CandidateConfig) => {
      const since = health(c.id).cleanSinceMs;
      return since !== undefined && nowMs - since >= cfg.preemptDelaySec * 1000 - PREEMPT_COALESCE_MS;
    };
    // On a metered path every minute is paid for: no waiting for a still better one.
    const metered = isMetered(cfg, current);
    if (!metered && cfg.candidates.slice(0, rank(better.id)).some((c) => eligible(c) && almost(c))) return s;
    const goodSinceMs = health(better.id).cleanSinceMs!;
    const back = { candidate: better.id, over: current.id, goodSinceMs, preemptDelaySec: cfg.preemptDelaySec };
    return change(s, cfg, nowMs, out, better, metered ? { code: 'metered-failback', ...back } : { code: 'preempt', ...back }, false);
  }

  // Leaving a bad path: prefer one that is clean now (within the recover thresholds) over one
  // that merely has not failed yet, e.g. another hub over the same lossy WAN.
  const clean = (c: CandidateConfig) => {
    const m = health(c.id).metrics;
    return m !== undefined && breaches(m, cfg.recover).length === 0;
  };
  // ...and not to one whose newest probe already shows the fault the current path failed on:
  // a fault upstream of every path (both-hubs-degrade) reaches their windows a probe or two
  // apart, and moving on the first to fail lands on the next (then releases there). Wait for
  // that evidence; a path that is fine answers its next probe as before.
  const cause = current ? health(current.id).cause : undefined;
  const sameFault = (c: CandidateConfig) =>
    cause?.kind === 'quality' &&
    newestProbesBreach(
      s,
      c,
      cause.breaches.map((b) => b.metric),
      cfg,
    );
  const movable = (c: CandidateConfig) => eligible(c) && !sameFault(c);
  if (current && health(current.id).verdict === 'bad' && cfg.candidates.some(eligible) && !cfg.candidates.some(movable)) return s;
  const target =
    cfg.candidates.find((c) => movable(c) && clean(c) && meetsClasses(c)) ??
    cfg.candidates.find((c) => movable(c) && meetsClasses(c)) ??
    cfg.candidates.find((c) => movable(c) && clean(c)) ??
    cfg.candidates.find(movable);
  const why: Reason = !current
    ? { code: 'adopted-unknown-path', ...s.routerActive }
    : health(current.id).verdict === 'bad'
      ? { code: 'current-bad', candidate: current.id, cause: health(current.id).cause!, sinceMs: health(current.id).sinceMs }
      : health(current.id).damping.suppressed
        ? { code: 'current-suppressed', candidate: current.id, penalty: Math.round(health(current.id).damping.penalty) }
        : routerForbids(current)
          ? { code: 'router-forbids', candidate: current.id, ...routerForbids(current) }
          : (s.steerBlockedUntil[current.id] ?? 0) > nowMs
            ? { code: 'steer-failed', candidate: current.id, errorCode: 'STEER_BLOCKED' }
            : refusedForBudget(s, cfg, current)
              ? { code: 'metered-budget-spent', candidate: current.id, source: current.source }
              : { code: 'all-down', behaviour: cfg.allDown };
  if (target) {
    if (target.id === s.selected) return s;
    return change(s, cfg, nowMs, out, target, why, false);
  }
  const spent = meteredSpentFallback(s, cfg, nowMs, out, current, unknown);
  if (spent) return spent;
  // All paths down only once every candidate has been judged; until then, wait for evidence.
  if (cfg.candidates.some(unknown)) return s;
  return allDown(s, cfg, nowMs, out);
}

/**
 * The path in use fails a critical class. To the most preferred good path that
 * meets every critical class, at once (as a bad path is left); when none does,
 * the best of the worst: the good path least far over the critical levels, but
 * only when it beats the path in use by more than the band (`classBandPct`),
 * so two paths equally bad do not trade the tunnel back and forth. The path in
 * use counts its loss by the confident lower bound (as failing judges it), the
 * others as measured: the other must be better as measured than the path in
 * use is at the least (criticalExcess). Never from a path back within every
 * critical level by measure. Paths whose critical classes are not judged yet
 * are not compared.
 */
function classMove(
  s: PolicyState,
  cfg: PolicyConfig,
  nowMs: number,
  out: StepOutput,
  current: CandidateConfig,
  failed: { class: string; breaches: Breach[] }[],
  eligible: (c: CandidateConfig) => boolean,
): PolicyState {
  const excess = (c: CandidateConfig) => criticalExcess(s.classes, cfg, c, 'measured');
  const mine = criticalExcess(s.classes, cfg, current);
  // Within every critical level by measure, still failing only until it has been clean enough
  // times: a move would rebuild the tunnel for nothing (no-path-fit-for-voice as the trouble ended).
  if (mine <= 1) return s.deferred === undefined ? s : { ...s, deferred: undefined };
  const fit = cfg.candidates.find((c) => c.id !== current.id && eligible(c) && meetsCritical(s.classes, cfg, c, nowMs));
  if (fit) return change(s, cfg, nowMs, out, fit, { code: 'class-noncompliant', candidate: current.id, failed }, false);
  const judged = (c: CandidateConfig) =>
    (cfg.classes ?? []).every(
      (k) => !k.critical || (s.classes?.[c.id]?.[k.name]?.compliance ?? 'unknown') !== 'unknown' || !c.classOperations?.[k.name]?.length,
    );
  const pool = cfg.candidates.filter((c) => c.id !== current.id && eligible(c) && judged(c));
  if (pool.length === 0) return s.deferred === undefined ? s : { ...s, deferred: undefined };
  const best = Math.min(...pool.map(excess));
  const band = 1 + cfg.classBandPct / 100;
  if (mine <= best * band) return s.deferred === undefined ? s : { ...s, deferred: undefined };
  // The most preferred near the best that also beats the path in use by the band (the best always does).
  const target = pool.find((c) => excess(c) <= best * band && excess(c) * band < mine)!;
  return change(
    s,
    cfg,
    nowMs,
    out,
    target,
    {
      code: 'class-best-of-worst',
      candidate: target.id,
      excess: round2(excess(target)),
      over: current.id,
      overExcess: round2(mine),
      bandPct: cfg.classBandPct,
    },
    false,
  );
}

const round2 = (v: number) => Math.round(v * 100) / 100;

/**
 * Nothing good to move to, and a spent metered path is what is left (agent/core/policy/metered.ts):
 * on it, leave it for the best unmetered path still alive; elsewhere, stay on the degraded path
 * rather than spend. Said once, as a hold is.
 */
function meteredSpentFallback(
  s: PolicyState,
  cfg: PolicyConfig,
  nowMs: number,
  out: StepOutput,
  current: CandidateConfig | undefined,
  unknown: (c: CandidateConfig) => boolean,
): PolicyState | undefined {
  const refused = cfg.candidates.find((c) => refusedForBudget(s, cfg, c) && s.health[c.id]?.verdict !== 'bad');
  if (!refused) return undefined;
  if (current && refusedForBudget(s, cfg, current)) {
    const refuge = unmeteredRefuge(
      s,
      cfg,
      (c) => !(s.health[c.id]?.damping.suppressed ?? false) && !((s.steerBlockedUntil[c.id] ?? 0) > nowMs),
    );
    if (refuge)
      return change(s, cfg, nowMs, out, refuge, { code: 'metered-budget-spent', candidate: current.id, source: current.source }, false);
  }
  if (cfg.candidates.some(unknown)) return s;
  if (s.allDownReported) return s;
  out.reports.push(
    decisionEffect({
      atMs: nowMs,
      action: 'hold',
      ...from(s),
      reason: { code: 'metered-budget-spent', candidate: refused.id, source: refused.source },
      dryRun: cfg.mode === 'dry-run',
    }),
  );
  return { ...s, allDownReported: true };
}

function allDown(s: PolicyState, cfg: PolicyConfig, nowMs: number, out: StepOutput): PolicyState {
  const reason: Reason = { code: 'all-down', behaviour: cfg.allDown };
  if (cfg.allDown === 'release') {
    if (s.released) return s;
    out.reports.push(decisionEffect({ atMs: nowMs, action: 'release', ...from(s), reason, dryRun: cfg.mode === 'dry-run' }));
    if (cfg.mode === 'enforce') out.actions.push({ kind: 'release' });
    return { ...s, released: true, allDownReported: true };
  }
  if (cfg.allDown === 'least-bad') {
    const alive = cfg.candidates.filter((c) => {
      const cause = s.health[c.id]?.cause;
      return (
        cause?.kind !== 'interface-down' &&
        cause?.kind !== 'unreachable' &&
        cause?.kind !== 'bgp-down' &&
        cause?.kind !== 'router-track-down'
      );
    });
    const score = (c: CandidateConfig) => {
      const m = s.health[c.id]?.metrics;
      return m ? m.lossPct * 1000 + (m.rttMs ?? 0) : Number.MAX_SAFE_INTEGER;
    };
    const leastBad = alive.sort((a, b) => score(a) - score(b))[0];
    if (leastBad && leastBad.id !== s.selected) return change(s, cfg, nowMs, out, leastBad, reason, false);
    return s;
  }
  if (s.allDownReported) return s;
  out.reports.push(decisionEffect({ atMs: nowMs, action: 'hold', ...from(s), reason, dryRun: cfg.mode === 'dry-run' }));
  return { ...s, allDownReported: true };
}

function change(
  s: PolicyState,
  cfg: PolicyConfig,
  nowMs: number,
  out: StepOutput,
  target: CandidateConfig,
  reason: Reason,
  urgent: boolean,
): PolicyState {
  const dryRun = cfg.mode === 'dry-run';
  const readyAt = (s.lastChangeMs ?? -Infinity) + cfg.minChangeIntervalSec * 1000;
  if (!urgent && !dryRun && nowMs < readyAt) {
    if (s.deferred === target.id) return s;
    out.reports.push(
      decisionEffect({ atMs: nowMs, action: 'switch', ...from(s), to: target.id, reason, dryRun, deferredUntilMs: readyAt }),
    );
    return { ...s, deferred: target.id };
  }
  const old = s.selected !== undefined ? cfg.candidates.find((c) => c.id === s.selected) : undefined;
  // Leaving a hub judged bad (degraded, or dead but its SA still up): clear its SA, or it
  // lingers until DPD gives up or its lifetime ends (DESIGN §4).
  const clearSaOf = cfg.clearStaleSa && old && old.peer !== target.peer && s.health[old.id]?.verdict === 'bad' ? old.peer : undefined;
  out.reports.push(decisionEffect({ atMs: nowMs, action: 'switch', ...from(s), to: target.id, reason, dryRun }));
  if (!dryRun)
    out.actions.push({
      kind: 'steer',
      candidate: target.id,
      peer: target.peer,
      source: target.source,
      ...(clearSaOf ? { clearSaOf } : {}),
    });
  // Tried again: a block that has run out is forgotten, so a retry happens once, not on every step.
  const { [target.id]: until, ...others } = s.steerBlockedUntil;
  const steerBlockedUntil = until !== undefined && until <= nowMs ? others : s.steerBlockedUntil;
  return {
    ...s,
    selected: target.id,
    released: false,
    lastChangeMs: nowMs,
    deferred: undefined,
    allDownReported: false,
    steerBlockedUntil,
  };
}

/** The newest sample of any of the path's probes is beyond a fail threshold of `metrics` (a lost probe counts as loss). */
function newestProbesBreach(s: PolicyState, c: CandidateConfig, metrics: readonly Metric[], cfg: PolicyConfig): boolean {
  return c.slaOperations.some((op) => {
    const newest = s.windows[op]?.at(-1);
    if (!newest) return false;
    const lossPct = newest.packets ? (newest.packets.lost / newest.packets.sent) * 100 : newest.answered ? 0 : 100;
    return metrics.some((m) =>
      m === 'lossPct'
        ? lossPct > cfg.fail.lossPct
        : m === 'rttMs'
          ? newest.rttMs !== undefined && newest.rttMs > cfg.fail.rttMs
          : newest.packets?.jitterMs !== undefined && newest.packets.jitterMs > cfg.fail.jitterMs,
    );
  });
}

const decisionEffect = (decision: Decision): Report => ({ kind: 'decision', decision });
const from = (s: PolicyState) => (s.selected !== undefined ? { from: s.selected } : {});
const pick = (o: { peer?: string; source?: string }) => ({
  ...(o.peer ? { peer: o.peer } : {}),
  ...(o.source ? { source: o.source } : {}),
});
