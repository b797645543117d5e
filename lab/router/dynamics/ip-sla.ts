/**
 * IP SLA operations' results. icmp-echo: one echo per run, judged against
 * the operation's timeout and threshold (IOS: RTT above `timeout` is
 * Timeout, above `threshold` is OverThreshold, which still counts as a
 * completion). Jitter operations (ip-sla-jitter.ts): a run with at least one
 * packet back is a completion, judged on its average RTT.
 *
 * tcp-connect (tcp-connect.ts): one handshake, judged as an echo; a reset is
 * No connection.
 *
 * A result is not known when the run starts: IOS learns it when the reply
 * arrives or the timeout expires. A run is started with its outcome and the
 * time it becomes visible; until then `show`, tracks and reactions see the
 * previous result.
 */
import type { IpSlaConfig } from '../config-model.js';
import type { ReactionElement } from '../ip-sla-config.js';
import { spreadAvg, type JitterStats } from './ip-sla-jitter.js';
import type { ReactionState } from './ip-sla-reaction.js';

/**
 * `no-connection` is a tcp-connect whose SYN was answered by a reset (nothing
 * listening): IOS's `No connection`, as a capture of an HTTP operation (a TCP
 * connect first) to a host without a server shows it (`Latest RTT:
 * NoConnection/Busy/Timeout`, `Latest operation return code: No connection`,
 * TCP connection RTT 0). Unverified for tcp-connect itself; a SYN nobody
 * answers is a Timeout.
 */
export type SlaCode = 'ok' | 'timeout' | 'over-threshold' | 'no-connection';

/** A run that completed: OK or Over threshold (IOS counts both as successes; reachability is up on them). */
export const completed = (code: SlaCode): boolean => code === 'ok' || code === 'over-threshold';

export interface ProbeResult {
  delivered: boolean;
  rttMs: number;
}

/** What one run found, before it is visible. */
export interface RunOutcome {
  code: SlaCode;
  /** The RTT IOS prints as Latest RTT (a jitter run's average); absent after a Timeout. */
  rttMs?: number;
  jitter?: JitterStats;
  /** The operation could not be sent or its control exchange failed (IOS's connectionLoss). */
  connectionLost?: boolean;
}

export interface SlaRuntime {
  nextRunAt: number;
  lastStartAt?: number;
  code?: SlaCode;
  /** Latest RTT; absent after a Timeout (IOS prints `NoConnection/Busy/Timeout`). */
  rttMs?: number;
  /** The latest jitter run's statistics. */
  jitter?: JitterStats;
  connectionLost?: boolean;
  successes: number;
  failures: number;
  /** A run whose result is not known yet. */
  inFlight?: { startAt: number; visibleAt: number; outcome: RunOutcome };
  /** A `start-time pending` operation runs only while triggered, until its life ends. */
  activeUntil?: number;
  /** Proactive threshold monitoring, per monitored element (ip-sla-reaction.ts). */
  reactions?: Partial<Record<ReactionElement, ReactionState>>;
}

export function newSlaRuntime(startAt: number): SlaRuntime {
  return { nextRunAt: startAt, successes: 0, failures: 0 };
}

export function judgeProbe(cfg: Pick<IpSlaConfig, 'thresholdMs' | 'timeoutMs'>, probe: ProbeResult): { code: SlaCode; rttMs?: number } {
  if (!probe.delivered || probe.rttMs > cfg.timeoutMs) return { code: 'timeout' };
  if (probe.rttMs > cfg.thresholdMs) return { code: 'over-threshold', rttMs: probe.rttMs };
  return { code: 'ok', rttMs: probe.rttMs };
}

/** A jitter run: Timeout when no packet came back in time, else judged on the average RTT. */
export function judgeJitter(cfg: Pick<IpSlaConfig, 'thresholdMs'>, stats: JitterStats): RunOutcome {
  if (stats.rtt.count === 0) return { code: 'timeout', jitter: stats };
  const rttMs = spreadAvg(stats.rtt);
  return { code: rttMs > cfg.thresholdMs ? 'over-threshold' : 'ok', rttMs, jitter: stats };
}

/** How long an echo run takes: until the reply, or until the timeout. */
export function echoRunMs(cfg: Pick<IpSlaConfig, 'timeoutMs'>, probe: ProbeResult): number {
  return probe.delivered && probe.rttMs <= cfg.timeoutMs ? probe.rttMs : cfg.timeoutMs;
}

/** The runtime once a run's outcome is known. */
export function applyOutcome(rt: SlaRuntime, outcome: RunOutcome, startAt: number): SlaRuntime {
  const success = completed(outcome.code);
  const { inFlight: _done, rttMs: _r, jitter: _j, connectionLost: _c, ...rest } = rt;
  const next: SlaRuntime = {
    ...rest,
    lastStartAt: startAt,
    code: outcome.code,
    successes: rt.successes + (success ? 1 : 0),
    failures: rt.failures + (success ? 0 : 1),
  };
  if (outcome.rttMs !== undefined) next.rttMs = outcome.rttMs;
  if (outcome.jitter) next.jitter = outcome.jitter;
  if (outcome.connectionLost) next.connectionLost = true;
  return next;
}

/** The runtime after one echo run started and judged at `now` (its result visible at once). */
export function recordRun(rt: SlaRuntime, cfg: IpSlaConfig, probe: ProbeResult, now: number): SlaRuntime {
  return applyOutcome({ ...rt, nextRunAt: now + cfg.frequencySec * 1000 }, judgeProbe(cfg, probe), now);
}

/**
 * Starts a run at `now` whose outcome is known `durationMs` later; the lab
 * steps once a second, so it becomes visible at the first step at or after that.
 */
export function startRun(
  rt: SlaRuntime,
  cfg: Pick<IpSlaConfig, 'frequencySec'>,
  outcome: RunOutcome,
  now: number,
  durationMs: number,
): SlaRuntime {
  const visibleAt = now + Math.max(1, Math.ceil(durationMs / 1000)) * 1000;
  return { ...rt, nextRunAt: now + cfg.frequencySec * 1000, inFlight: { startAt: now, visibleAt, outcome } };
}

/** Applies the run in flight if its result is known by `now`; `applied` says whether it was. */
export function completeRun(rt: SlaRuntime, now: number): { rt: SlaRuntime; applied: boolean } {
  if (!rt.inFlight || now < rt.inFlight.visibleAt) return { rt, applied: false };
  return { rt: applyOutcome(rt, rt.inFlight.outcome, rt.inFlight.startAt), applied: true };
}

/** A new run starts when one is due and the previous one has finished (IOS does not overlap runs of one entry). */
export function slaDue(rt: SlaRuntime, now: number): boolean {
  return now >= rt.nextRunAt && !rt.inFlight;
}
