/**
 * IP SLA icmp-echo operations: one echo per run, judged against the
 * operation's timeout and threshold (IOS: RTT above `timeout` is Timeout,
 * above `threshold` is OverThreshold, which still counts as a completion).
 */
import type { IpSlaConfig } from '../config-model.js';

export type SlaCode = 'ok' | 'timeout' | 'over-threshold';

export interface ProbeResult {
  delivered: boolean;
  rttMs: number;
}

export interface SlaRuntime {
  nextRunAt: number;
  lastStartAt?: number;
  code?: SlaCode;
  /** Latest RTT; absent after a Timeout (IOS prints `NoConnection/Busy/Timeout`). */
  rttMs?: number;
  successes: number;
  failures: number;
}

export function newSlaRuntime(startAt: number): SlaRuntime {
  return { nextRunAt: startAt, successes: 0, failures: 0 };
}

export function judgeProbe(cfg: Pick<IpSlaConfig, 'thresholdMs' | 'timeoutMs'>, probe: ProbeResult): { code: SlaCode; rttMs?: number } {
  if (!probe.delivered || probe.rttMs > cfg.timeoutMs) return { code: 'timeout' };
  if (probe.rttMs > cfg.thresholdMs) return { code: 'over-threshold', rttMs: probe.rttMs };
  return { code: 'ok', rttMs: probe.rttMs };
}

/** The runtime after one run started at `now`. */
export function recordRun(rt: SlaRuntime, cfg: IpSlaConfig, probe: ProbeResult, now: number): SlaRuntime {
  const judged = judgeProbe(cfg, probe);
  const success = judged.code !== 'timeout';
  const next: SlaRuntime = {
    nextRunAt: now + cfg.frequencySec * 1000,
    lastStartAt: now,
    code: judged.code,
    successes: rt.successes + (success ? 1 : 0),
    failures: rt.failures + (success ? 0 : 1),
  };
  if (judged.rttMs !== undefined) next.rttMs = judged.rttMs;
  return next;
}

export function slaDue(rt: SlaRuntime, now: number): boolean {
  return now >= rt.nextRunAt;
}
