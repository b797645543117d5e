import type { IpSlaStatistics } from '../../../proto/records/health.js';
import type { RunPackets } from '../policy/quality.js';
import type { Observation } from '../policy/types.js';

/** What was last seen of an operation, to tell new probes from re-reads of old ones. */
export interface SlaCursor {
  successes: number;
  failures: number;
  startTime?: string;
}

export type SlaCursors = Readonly<Record<number, SlaCursor>>;

/**
 * How often the statistics are read for probes run every `probeFrequencySec`
 * (`polling.slaSec`, the frequency `config ios` gives them): twice in each
 * period, so that no probe's RTT falls between two reads (IOS shows only the
 * latest; read once a period, a poll interval's jitter put two probes between
 * some reads, and a dual-cloud brownout's second slow echo went unseen until
 * the next), but no more than once a second (each read holds the vty about
 * 150 ms). Judgements count evidence, not reads: a read that finds no new
 * probe adds nothing to a window.
 */
export function slaReadIntervalMs(probeFrequencySec: number): number {
  return Math.min(probeFrequencySec * 1000, Math.max(1000, probeFrequencySec * 500));
}

/** Most probes credited from one read: a poll missed for hours must not flood the window. */
const MAX_SAMPLES_PER_READ = 20;

/**
 * Turns a read of `show ip sla statistics` into probe samples: only probes that
 * ran since the last read. IOS keeps success and failure counters, so when the
 * poll is slower than the probes, every probe still counts, failed ones as
 * unanswered and answered ones as answered. Only the latest carries an RTT: it
 * is the only one IOS shows, and copying it onto the others would weigh one
 * measurement as several (a 4-second spike read at the wrong moment filled
 * the window's median with copies of it and moved a healthy tunnel).
 * A counter that went down (operation restarted or reset) restarts the cursor
 * and credits only the latest probe: the counts since the reset cover an
 * unknown time, and a garbled read looks the same (the fault suite's mutated
 * counters credited 8 lost probes at once and moved a healthy tunnel).
 */
export function slaSamples(cursors: SlaCursors, records: readonly IpSlaStatistics[]): { observation?: Observation; cursors: SlaCursors } {
  const next: Record<number, SlaCursor> = { ...cursors };
  const samples: { operation: number; answered: boolean; rttMs?: number; packets?: RunPackets }[] = [];
  for (const r of records) {
    if (r.successes === undefined || r.failures === undefined) continue;
    const now: SlaCursor = { successes: r.successes, failures: r.failures, ...(r.startTime ? { startTime: r.startTime } : {}) };
    const before = cursors[r.operationId];
    next[r.operationId] = now;
    if (!before) continue; // first sight: a baseline, not a probe
    let ok = r.successes - before.successes;
    let failed = r.failures - before.failures;
    if (ok < 0 || failed < 0) {
      const answered = r.returnCode === 'ok' || r.returnCode === 'over-threshold';
      ok = answered && r.successes > 0 ? 1 : 0;
      failed = !answered && r.failures > 0 ? 1 : 0;
    }
    if (ok + failed === 0) continue;
    const scale = Math.min(1, MAX_SAMPLES_PER_READ / (ok + failed));
    ok = Math.round(ok * scale);
    failed = Math.round(failed * scale);
    // The latest probe's outcome goes last, so "lost in a row" counts end right.
    const latestAnswered = r.returnCode === 'ok' || r.returnCode === 'over-threshold';
    const packets = runPackets(r);
    const push = (answered: boolean, n: number, latest: boolean) => {
      for (let i = 0; i < n; i++) {
        const last = latest && i === n - 1;
        const measured = last && answered && r.rttMs !== undefined;
        samples.push({
          operation: r.operationId,
          answered,
          ...(measured ? { rttMs: r.rttMs } : {}),
          ...(last && packets ? { packets } : {}),
        });
      }
    };
    if (latestAnswered) {
      push(false, failed, false);
      push(true, ok, true);
    } else {
      push(true, ok, false);
      push(false, failed, true);
    }
  }
  return samples.length > 0 ? { observation: { kind: 'sla-samples', samples }, cursors: next } : { cursors: next };
}

/**
 * The packets of a jitter operation's latest run (icmp-jitter, udp-jitter):
 * `Number Of RTT` came back; lost out, lost back, lost either way (ICMP
 * cannot tell) and late (after the timeout, no use to a user) did not.
 * Skipped packets were never sent. Undefined for single-probe operations.
 */
export function runPackets(r: IpSlaStatistics): RunPackets | undefined {
  const losses = [r.lossSourceToDestination, r.lossDestinationToSource, r.packetLossUnknownDirection];
  if (r.rttSamples === undefined || losses.every((v) => v === undefined)) return undefined;
  const lost = losses.reduce<number>((sum, v) => sum + (v ?? 0), 0) + (r.packetLateArrival ?? 0);
  const sent = r.rttSamples + lost;
  if (sent === 0) return undefined;
  const jitter = jitterAvg(r);
  return { sent, lost, ...(jitter !== undefined ? { jitterMs: jitter } : {}) };
}

/** IP SLA's jitterAvg: the mean of both directions' samples, from each direction's average and count. */
function jitterAvg(r: IpSlaStatistics): number | undefined {
  const sd = r.jitterSourceToDestination,
    ds = r.jitterDestinationToSource;
  const nSd = r.jitterSdSamples ?? 0,
    nDs = r.jitterDsSamples ?? 0;
  if (!sd || !ds || nSd + nDs === 0) return undefined;
  return (sd.avgMs * nSd + ds.avgMs * nDs) / (nSd + nDs);
}
