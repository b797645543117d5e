/**
 * One run of an icmp-jitter or udp-jitter operation: N packets sent
 * `interval` ms apart, reduced to the statistics IOS keeps for the latest
 * run (show ip sla statistics: RTT Values, Jitter Time, Packet Loss Values).
 *
 * Jitter is IP SLA's inter-packet delay variation: for consecutive packets
 * i-1 and i, the change of their one-way delay, SD (on the way out) and DS
 * (on the way back); IOS prints min/avg/max of its absolute value per
 * direction, and reacts on `jitterAvg`, the mean of both directions' samples
 * (IP SLAs UDP Jitter configuration guide, "Jitter means inter-packet delay
 * variance").
 */

/** What happened to one packet of the run. */
export interface PacketOutcome {
  /** False when the router could not send it (no usable source): IOS's Packet Skipped. */
  sent: boolean;
  /** Where a lost packet was lost: on the way out (SD) or back (DS). */
  lostOn?: 'sd' | 'ds';
  /** Round-trip time; meaningful for a packet that came back. */
  rttMs: number;
  /** One-way delays when the world knows them; otherwise half the RTT each way. */
  sdMs?: number;
  dsMs?: number;
}

export interface Spread {
  count: number;
  min: number;
  max: number;
  sum: number;
}

export interface JitterStats {
  packets: number;
  /** Packets that came back within the timeout. */
  rtt: Spread;
  /** Returned packets whose RTT exceeded the operation's threshold. */
  overThreshold: number;
  lossSd: number;
  lossDs: number;
  /** Came back after the timeout: counted neither in RTT nor as lost. */
  lateArrival: number;
  skipped: number;
  jitterSd: Spread;
  jitterDs: Spread;
  /** Longest and shortest run of consecutive lost packets (icmp-jitter's Loss Period Length). */
  lossPeriodMin: number;
  lossPeriodMax: number;
}

const EMPTY: Spread = { count: 0, min: 0, max: 0, sum: 0 };

function add(s: Spread, v: number): Spread {
  return s.count === 0
    ? { count: 1, min: v, max: v, sum: v }
    : { count: s.count + 1, min: Math.min(s.min, v), max: Math.max(s.max, v), sum: s.sum + v };
}

/** IOS prints whole milliseconds. */
export function spreadAvg(s: Spread): number {
  return s.count === 0 ? 0 : Math.round(s.sum / s.count);
}

function oneWay(p: PacketOutcome): { sd: number; ds: number } {
  return { sd: p.sdMs ?? p.rttMs / 2, ds: p.dsMs ?? p.rttMs / 2 };
}

/** The statistics of one run, judged against the operation's timeout and threshold. */
export function measureJitter(packets: readonly PacketOutcome[], timeoutMs: number, thresholdMs: number): JitterStats {
  let rtt = EMPTY;
  let jitterSd = EMPTY;
  let jitterDs = EMPTY;
  let overThreshold = 0;
  let lossSd = 0;
  let lossDs = 0;
  let late = 0;
  let skipped = 0;
  const periods: number[] = [];
  let run = 0;
  let prev: { reached: boolean; returned: boolean; p: PacketOutcome } | undefined;
  for (const p of packets) {
    if (!p.sent) {
      skipped++;
      prev = undefined;
      continue;
    }
    const reached = p.lostOn !== 'sd';
    const came = reached && p.lostOn !== 'ds';
    const returned = came && p.rttMs <= timeoutMs;
    if (p.lostOn === 'sd') lossSd++;
    if (p.lostOn === 'ds') lossDs++;
    if (came && !returned) late++;
    if (p.lostOn) run++;
    else if (run > 0) {
      periods.push(run);
      run = 0;
    }
    if (returned) {
      rtt = add(rtt, p.rttMs);
      if (p.rttMs > thresholdMs) overThreshold++;
    }
    if (prev) {
      const a = oneWay(prev.p);
      const b = oneWay(p);
      if (prev.reached && reached) jitterSd = add(jitterSd, Math.abs(b.sd - a.sd));
      if (prev.returned && returned) jitterDs = add(jitterDs, Math.abs(b.ds - a.ds));
    }
    prev = { reached, returned, p };
  }
  if (run > 0) periods.push(run);
  return {
    packets: packets.length,
    rtt,
    overThreshold,
    lossSd,
    lossDs,
    lateArrival: late,
    skipped,
    jitterSd,
    jitterDs,
    lossPeriodMin: periods.length ? Math.min(...periods) : 0,
    lossPeriodMax: periods.length ? Math.max(...periods) : 0,
  };
}

/** `jitterAvg`: the mean absolute jitter over both directions' samples. */
export function jitterAvg(s: JitterStats): number {
  const n = s.jitterSd.count + s.jitterDs.count;
  return n === 0 ? 0 : Math.round((s.jitterSd.sum + s.jitterDs.sum) / n);
}

/**
 * How long after its start the run's result is known: when the last reply
 * is in, or `timeout` after the last packet whose reply never came.
 */
export function jitterRunMs(packets: readonly PacketOutcome[], intervalMs: number, timeoutMs: number): number {
  let end = 0;
  packets.forEach((p, i) => {
    if (!p.sent) return;
    const back = !p.lostOn && p.rttMs <= timeoutMs;
    end = Math.max(end, i * intervalMs + (back ? p.rttMs : timeoutMs));
  });
  return end;
}
