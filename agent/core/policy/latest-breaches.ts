import type { QualityThresholds } from './config.js';
import { lossLowerBoundPct, type Breach, type Sample } from './quality.js';

/**
 * What a path's latest probes show of a breach: judged on evidence a window's
 * median and streaks wait for, so a fault that every recent probe shows is
 * acted on at once.
 *
 * - loss: each of the last few runs lost more than the level, and together
 *   they are above it at 99 % (a burst is in one run; a fault in every one);
 * - a dead path: the latest run of at least OUTAGE_RUN_PACKETS lost every
 *   packet (timeouts of single probes are the agent's own `unreachable`, after
 *   `unreachableAfter` of them: two, which a track's `delay down 4` over a 3 s
 *   probe waits for, come about once an hour per hub on a healthy 2 % link);
 * - RTT and jitter: the last two measurements (an echo's RTT, a run's average
 *   RTT or jitter) over the level, or, for RTT, the latest of each of two or
 *   more of the path's operations (an echo and a jitter run: independent
 *   witnesses, and one delayed echo does not move a run's average of fifty
 *   packets, so the second witness is whichever operation reports next, not
 *   the next echo); an echo that timed out is no measurement
 *   (lost is not slow: beside one delayed echo, which a hub's control plane
 *   or a microburst makes now and then, a lost one on a 2 % link moved
 *   traffic on healthy links, dual-cloud-noisy-but-healthy).
 *
 * Two uses, which differ only in how many lossy runs they want:
 *
 * - agreeingBreaches confirms a router quality track gone Down before the
 *   agent acts on it (the track is a second witness: three runs). A router's
 *   IP SLA reactions judge a few runs, one direction at a time
 *   (`threshold-type average 3` on an icmp-jitter run of 50 packets), so noise
 *   trips them: on the lab's dual-cloud noisy-but-healthy links (2 % loss in
 *   bursts of two packets) tuned IOS's hub tracks moved traffic a median of
 *   8 times in two hours.
 * - sustainedBreaches fails a dual-cloud hub on its own, with no track to
 *   wait for (no second witness: five runs; over ten two-hour runs of that
 *   noise, before it had delay spikes, the agent moved 10 times in all with
 *   five, 11 with four and 12 with three, against 8 when only a confirmed
 *   track moved it).
 *
 * The agent's latest read can predate the run that tripped the router (IP SLA
 * reacts as a run ends): the runtime reads the probes first when a track line
 * wakes it, and every later read is checked while the track stays Down.
 */

/** Runs whose loss must each exceed the level (and together at 99 %) to confirm a router track. */
export const AGREEING_LOSS_RUNS = 3;

/** The same, for the probes alone. */
export const SUSTAINED_LOSS_RUNS = 5;

/** Latest measurements (an echo's RTT, a run's average RTT or jitter) that must all exceed the level. */
export const AGREEING_MEASUREMENTS = 2;

/**
 * Fewest packets of a run that, all lost, say the path is down on their own:
 * a jitter run spans seconds (50 packets 40 ms apart: 2 s), and no burst of a
 * healthy link lasts that long.
 */
export const OUTAGE_RUN_PACKETS = 10;

/** What the latest probes show of the fault a router track went Down for. */
export const agreeingBreaches = (windows: readonly (readonly Sample[])[], t: QualityThresholds): Breach[] =>
  latestBreaches(windows, t, AGREEING_LOSS_RUNS);

/** What the latest probes show of a fault on their own. */
export const sustainedBreaches = (windows: readonly (readonly Sample[])[], t: QualityThresholds): Breach[] =>
  latestBreaches(windows, t, SUSTAINED_LOSS_RUNS);

/**
 * What the probes of any of the path's operations show of a breach (fixed
 * order: loss, RTT, jitter; each from the first operation showing it), loss
 * over the last `lossRuns` runs.
 */
function latestBreaches(windows: readonly (readonly Sample[])[], t: QualityThresholds, lossRuns: number): Breach[] {
  const loss = windows.some(outage) ? 100 : firstOf(windows, (w) => lossOfRuns(w, t.lossPct, lossRuns));
  const rtt = firstOf(windows, (w) => latestAbove(w, (s) => s.rttMs, t.rttMs)) ?? latestOfEachAbove(windows, t.rttMs);
  const jitter = firstOf(windows, (w) => latestAbove(w, (s) => s.packets?.jitterMs, t.jitterMs));
  const out: Breach[] = [];
  if (loss !== undefined) out.push({ metric: 'lossPct', value: loss, threshold: t.lossPct });
  if (rtt !== undefined) out.push({ metric: 'rttMs', value: rtt, threshold: t.rttMs });
  if (jitter !== undefined) out.push({ metric: 'jitterMs', value: jitter, threshold: t.jitterMs });
  return out;
}

function firstOf(windows: readonly (readonly Sample[])[], f: (w: readonly Sample[]) => number | undefined): number | undefined {
  for (const w of windows) {
    const v = f(w);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** The latest run of at least OUTAGE_RUN_PACKETS lost every one. */
function outage(window: readonly Sample[]): boolean {
  const run = window[window.length - 1]?.packets;
  return run !== undefined && run.sent >= OUTAGE_RUN_PACKETS && run.lost === run.sent;
}

/**
 * The pooled loss, percent, of the last `runs` runs when each lost more than
 * `levelPct` and together they are above it at the policy's 99 % (Wilson's
 * lower bound over their packets: three runs that each lost 3 of 50, 6 %,
 * against a 5 % level are not enough; three that lost 6 are). Single probes
 * are not runs.
 */
function lossOfRuns(window: readonly Sample[], levelPct: number, runs: number): number | undefined {
  const tail = window.slice(-runs).map((s) => s.packets);
  if (tail.length < runs || !tail.every((r) => r !== undefined && r.sent > 0 && (r.lost / r.sent) * 100 > levelPct)) return undefined;
  const sent = tail.reduce((sum, r) => sum + r!.sent, 0);
  const lost = tail.reduce((sum, r) => sum + r!.lost, 0);
  const lossPct = Math.round((lost / sent) * 10_000) / 100;
  return lossLowerBoundPct({ samples: sent, lossPct }) > levelPct ? lossPct : undefined;
}

/**
 * The smallest of the latest AGREEING_MEASUREMENTS values `pick` finds, when
 * there are that many and all exceed `level`. Probes without a value (timed
 * out, or credited by a read without their RTT) are passed over: two
 * timeouts alone are loss, the agent's own `unreachable`.
 */
function latestAbove(window: readonly Sample[], pick: (s: Sample) => number | undefined, level: number): number | undefined {
  const values: number[] = [];
  for (let i = window.length - 1; i >= 0 && values.length < AGREEING_MEASUREMENTS; i--) {
    const s = window[i]!;
    const v = s.answered ? pick(s) : undefined;
    if (v !== undefined) values.push(v);
  }
  const lowest = Math.min(...values);
  return values.length === AGREEING_MEASUREMENTS && lowest > level ? lowest : undefined;
}

/**
 * The smallest of the operations' latest RTTs when at least two operations'
 * latest probes have one, every one of them exceeds `level`, and they are
 * current together: each came after every other voter's previous probe (an
 * operation that runs once a minute does not second an echo with a run from
 * fifty seconds before). An operation whose latest probe timed out, or that
 * has run none, does not vote.
 */
function latestOfEachAbove(windows: readonly (readonly Sample[])[], level: number): number | undefined {
  const voters = windows.filter((w) => {
    const s = w[w.length - 1];
    return s?.answered === true && s.rttMs !== undefined;
  });
  if (voters.length < AGREEING_MEASUREMENTS) return undefined;
  const oldestLatest = Math.min(...voters.map((w) => w[w.length - 1]!.atMs));
  const newestPrevious = Math.max(...voters.map((w) => w[w.length - 2]?.atMs ?? -Infinity));
  const lowest = Math.min(...voters.map((w) => w[w.length - 1]!.rttMs!));
  return oldestLatest >= newestPrevious && lowest > level ? lowest : undefined;
}
