import type { CandidateConfig, PolicyConfig } from './config.js';
import { allClassOperations, reevaluateClasses } from './classes.js';
import { age, evaluate, INITIAL_HEALTH, type CandidateHealth } from './health.js';
import { measure, pathQuality, pushSample, type Sample } from './quality.js';
import { agreeingBreaches, sustainedBreaches } from './latest-breaches.js';
import { shiftTimes } from './time-shift.js';
import type { Observation, PolicyState, StepOutput } from './types.js';

/** How long a candidate the router would not take is left out of selection. */
export const STEER_BLOCK_MS = 60_000;

/** The longest hold after the router hung in config sessions again and again (16 minutes). */
export const MAX_HANG_HOLD_MS = 16 * STEER_BLOCK_MS;

/**
 * The router applied a line and never gave its prompt back (red-team finding 18):
 * each attempt, on this or another candidate, is the same config session, and
 * each one that half-applies is a real tunnel pivot. So every steer waits, for
 * longer each time it happens again, instead of the next candidate being tried.
 */
function routerHung(s: PolicyState, nowMs: number): PolicyState {
  const hangs = (s.routerHangs ?? 0) + 1;
  return { ...s, routerHangs: hangs, steeringHeldUntilMs: nowMs + Math.min(MAX_HANG_HOLD_MS, STEER_BLOCK_MS * 2 ** (hangs - 1)) };
}

/** An operator's new intent, or the router seen on the path we chose: steering may try at once again. */
const hangsForgotten = (s: PolicyState): PolicyState =>
  s.routerHangs === undefined && s.steeringHeldUntilMs === undefined ? s : { ...s, routerHangs: undefined, steeringHeldUntilMs: undefined };

/** The router is on the path we chose, so a steer to it that seemed to fail did take: nothing to hold against it. */
function onChosenPath(s: PolicyState): PolicyState {
  const { [s.selected!]: _took, ...others } = s.steerBlockedUntil;
  return { ...hangsForgotten(s), steerBlockedUntil: others };
}

/** Folds one observation into the state; reports candidates whose verdict changed. */
export function absorb(s: PolicyState, obs: Observation, cfg: PolicyConfig, nowMs: number, out: StepOutput): PolicyState {
  switch (obs.kind) {
    case 'sla-samples': {
      const used = new Set([...cfg.candidates.flatMap((c) => c.slaOperations), ...allClassOperations(cfg)]);
      const tunnelOps = new Set(cfg.tunnelSlaOperations ?? []);
      const fresh = obs.samples.filter((x) => used.has(x.operation));
      const inTunnel = obs.samples.filter((x) => tunnelOps.has(x.operation));
      if (fresh.length === 0 && inTunnel.length === 0) return s;
      const sampleOf = (x: (typeof obs.samples)[number]): Sample => ({
        atMs: nowMs,
        answered: x.answered,
        ...(x.rttMs !== undefined ? { rttMs: x.rttMs } : {}),
        ...(x.packets ? { packets: x.packets } : {}),
      });
      const windows = { ...s.windows };
      for (const x of fresh) windows[x.operation] = pushSample(windows[x.operation] ?? [], sampleOf(x), cfg.windowSamples);
      const inUse = activeCandidate(s, cfg);
      let tunnelWindow = s.tunnelWindow;
      // Probes through the tunnel speak for the path it is on; with no known path, for none.
      if (inUse && inTunnel.length > 0) {
        const same = tunnelWindow?.candidate === inUse.id;
        let samples = same ? tunnelWindow!.samples : [];
        if (same && tunnelWindow!.primed) for (const x of inTunnel) samples = pushSample(samples, sampleOf(x), cfg.windowSamples);
        tunnelWindow = { candidate: inUse.id, samples, primed: true };
      }
      const ops = new Set(fresh.map((x) => x.operation));
      const judged = reevaluate(
        { ...s, windows, ...(tunnelWindow ? { tunnelWindow } : {}) },
        cfg,
        nowMs,
        out,
        (c) => c.slaOperations.some((op) => ops.has(op)) || (inTunnel.length > 0 && c.id === inUse?.id),
      );
      return classesJudged(judged, cfg, nowMs, out, ops);
    }
    case 'interface': {
      const down = s.interfacesDown.filter((n) => n !== obs.name);
      if (!obs.up) down.push(obs.name);
      if (down.length === s.interfacesDown.length && down.every((n) => s.interfacesDown.includes(n))) return s;
      return reevaluate({ ...s, interfacesDown: down }, cfg, nowMs, out, (c) => c.source === obs.name);
    }
    case 'flexvpn': {
      const onSelected =
        s.selected !== undefined &&
        cfg.candidates.some((c) => c.id === s.selected && c.peer === obs.activePeer && c.source === obs.activeSource);
      const base = onSelected ? onChosenPath(s) : s;
      // The tunnel moved (or is down): what its probes said was about the path it left.
      const moved =
        s.tunnelWindow !== undefined &&
        !cfg.candidates.some((c) => c.id === s.tunnelWindow!.candidate && c.peer === obs.activePeer && c.source === obs.activeSource);
      const { tunnelWindow: _left, ...withoutTunnel } = base;
      return {
        ...(moved ? withoutTunnel : base),
        routerActive: { ...(obs.activePeer ? { peer: obs.activePeer } : {}), ...(obs.activeSource ? { source: obs.activeSource } : {}) },
        peersActiveElsewhere: [...obs.peersActiveElsewhere],
      };
    }
    case 'clock-step':
      return shiftTimes(s, obs.deltaMs);
    case 'tick': {
      const health: Record<string, CandidateHealth> = {};
      for (const [id, h] of Object.entries(s.health)) health[id] = age(h, cfg, nowMs);
      if (s.override && s.override.untilMs <= nowMs) return { ...s, health, override: undefined, overrideEnded: { by: s.override.by } };
      return { ...s, health };
    }
    case 'override':
      return {
        ...hangsForgotten(s),
        override: {
          ...(obs.peer ? { peer: obs.peer } : {}),
          ...(obs.source ? { source: obs.source } : {}),
          untilMs: obs.untilMs,
          by: obs.by,
        },
      };
    case 'clear-override':
      return s.override ? { ...hangsForgotten(s), override: undefined, overrideEnded: { by: obs.by } } : s;
    case 'router-judgement': {
      const was = s.routerForbids;
      const same = (a: readonly string[] | undefined, b: readonly string[]) =>
        a !== undefined && a.length === b.length && a.every((x) => b.includes(x));
      if (same(was?.peers, obs.peersForbidden) && same(was?.sources, obs.sourcesForbidden)) return s;
      return { ...s, routerForbids: { peers: [...obs.peersForbidden], sources: [...obs.sourcesForbidden] } };
    }
    case 'sla-stopped': {
      const stopped = new Set(obs.operations.filter((op) => s.windows[op] !== undefined));
      if (stopped.size === 0) return s;
      const windows = Object.fromEntries(Object.entries(s.windows).filter(([op]) => !stopped.has(Number(op))));
      return classesJudged(
        reevaluate({ ...s, windows }, cfg, nowMs, out, (c) => c.slaOperations.some((op) => stopped.has(op))),
        cfg,
        nowMs,
        out,
        stopped,
      );
    }
    case 'bgp-sessions': {
      const was = s.bgpDown ?? [];
      if (was.length === obs.down.length && was.every((n) => obs.down.includes(n))) return s;
      const changed = new Set([...was, ...obs.down].filter((n) => was.includes(n) !== obs.down.includes(n)));
      return reevaluate({ ...s, bgpDown: [...obs.down] }, cfg, nowMs, out, (c) => changed.has(c.peer));
    }
    case 'hub-tracks': {
      // Going Down, the hub is bad at once when the agent's own probes show the fault too (or the
      // track is trusted: policy/latest-breaches.ts), and while it stays Down every fresh read is
      // checked against it. Coming back is the agent's own windows and preemption, not the track's
      // `delay up`, judged only on probes since the track went Down: the samples before it are what
      // the router has just overruled (with them, a window still mostly from before a brownout read
      // as good 10 s into it).
      const before = new Map((s.hubTracksDown ?? []).map((x) => [`${x.peer}#${x.track}`, x] as const));
      const wentDown = obs.down.filter((x) => !before.has(`${x.peer}#${x.track}`));
      const down = obs.down.map((x) => {
        const was = before.get(`${x.peer}#${x.track}`);
        return { ...x, sinceMs: was?.sinceMs ?? nowMs, ...(was?.spent ? { spent: true } : {}) };
      });
      const next = { ...s, hubTracksDown: down, health: withoutUnconfirmedUp(s, cfg, obs.down) };
      if (wentDown.length === 0) return before.size === obs.down.length ? s : next;
      return reevaluate(next, cfg, nowMs, out, (c) => wentDown.some((x) => x.peer === c.peer));
    }
    case 'metered-budget': {
      const was = s.meteredSpent ?? [];
      if (was.includes(obs.source) === obs.spent) return s;
      return { ...s, meteredSpent: obs.spent ? [...was, obs.source] : was.filter((x) => x !== obs.source) };
    }
    case 'steer-failed': {
      const blocked = { ...s, steerBlockedUntil: { ...s.steerBlockedUntil, [obs.candidate]: nowMs + STEER_BLOCK_MS } };
      return obs.routerCode === 'ROUTER_TIMEOUT' ? routerHung(blocked, nowMs) : blocked;
    }
  }
}

/** The service classes of candidates whose class operations moved, re-judged; changes reported. */
function classesJudged(s: PolicyState, cfg: PolicyConfig, nowMs: number, out: StepOutput, touched: ReadonlySet<number>): PolicyState {
  const { states, changes } = reevaluateClasses(s.classes, s.windows, cfg, nowMs, touched);
  for (const c of changes) out.reports.push({ kind: 'class-changed', ...c, atMs: nowMs });
  return states === s.classes ? s : { ...s, ...(states ? { classes: states } : {}) };
}

/** The candidate the router is on, as last read. */
function activeCandidate(s: PolicyState, cfg: PolicyConfig): CandidateConfig | undefined {
  const a = s.routerActive;
  return a ? cfg.candidates.find((c) => c.peer === a.peer && c.source === a.source) : undefined;
}

function reevaluate(
  s: PolicyState,
  cfg: PolicyConfig,
  nowMs: number,
  out: StepOutput,
  affected: (c: CandidateConfig) => boolean,
): PolicyState {
  const health = { ...s.health };
  const spent = new Set<string>();
  for (const c of cfg.candidates) {
    if (!affected(c)) continue;
    const before = health[c.id] ?? INITIAL_HEALTH;
    const track = s.hubTracksDown?.find((x) => x.peer === c.peer);
    // A trusted track condemns its hub once per Down; one the probes must confirm is checked on every read.
    const live = track && !track.spent ? track : undefined;
    const all = c.slaOperations.map((op) => s.windows[op] ?? []);
    const windows = before.verdict === 'bad' ? all.map((w) => since(w, badSinceMs(before, track))) : all;
    const tunnel = s.tunnelWindow?.candidate === c.id ? s.tunnelWindow.samples : undefined;
    const after = evaluate(
      before,
      {
        metrics: pathQuality(windows),
        ...(s.interfacesDown.includes(c.source) ? { interfaceDown: c.source } : {}),
        ...(s.bgpDown?.includes(c.peer) ? { sessionDown: c.peer } : {}),
        ...(live ? { trackDown: { track: live.track, trusted: live.trusted === true }, agreeing: agreeingBreaches(all, cfg.fail) } : {}),
        ...(cfg.failOnSustainedBreach ? { sustained: sustainedBreaches(all, cfg.fail) } : {}),
        trailingTimeouts: Math.max(0, ...windows.map(trailingTimeouts)),
        ...(tunnel && tunnel.length > 0 ? { tunnel: { metrics: measure(tunnel), trailingTimeouts: trailingTimeouts(tunnel) } } : {}),
      },
      cfg,
      nowMs,
    );
    health[c.id] = after;
    if (live?.trusted && before.verdict !== 'bad' && after.cause?.kind === 'router-track-down') spent.add(c.peer);
    if (after.verdict !== before.verdict) {
      out.reports.push({
        kind: 'health-changed',
        candidate: c.id,
        from: before.verdict,
        to: after.verdict,
        ...(after.cause ? { cause: after.cause } : {}),
        atMs: nowMs,
      });
    }
  }
  if (spent.size === 0) return { ...s, health };
  return { ...s, health, hubTracksDown: s.hubTracksDown!.map((x) => (spent.has(x.peer) ? { ...x, spent: true } : x)) };
}

/** Health without the unconfirmed-track note of hubs whose track is no longer Down. */
function withoutUnconfirmedUp(s: PolicyState, cfg: PolicyConfig, down: readonly { peer: string }[]): PolicyState['health'] {
  let health = s.health;
  for (const c of cfg.candidates) {
    const h = health[c.id];
    if (h?.trackUnconfirmed === undefined || down.some((x) => x.peer === c.peer)) continue;
    const { trackUnconfirmed: _up, ...rest } = h;
    health = { ...health, [c.id]: rest };
  }
  return health;
}

/**
 * From when a bad hub is judged: probes since its track went Down, or since its latest probes
 * condemned it (the window's older, clean probes would otherwise outvote them, and the hub
 * would come back while every new probe still breaches). Undefined: the whole window.
 */
function badSinceMs(h: CandidateHealth, track: { sinceMs?: number } | undefined): number | undefined {
  if (track) return track.sinceMs;
  return h.cause?.kind === 'quality' && h.cause.sustained ? h.sinceMs : undefined;
}

/** The samples taken from `sinceMs` on (all of them without it). */
function since(window: readonly Sample[], sinceMs: number | undefined): readonly Sample[] {
  return sinceMs === undefined ? window : window.filter((x) => x.atMs >= sinceMs);
}

function trailingTimeouts(window: readonly Sample[]): number {
  let n = 0;
  for (let i = window.length - 1; i >= 0 && !window[i]!.answered; i--) n++;
  return n;
}
