import type { ClassLevel, FaultWindow, ServiceLevel } from '../scenario/schema.js';
import type { LabRouter } from '../router/index.js';
import { pathBadness } from './service-level.js';

/** A tunnel path: the hub peer and the WAN it leaves from. */
export interface PathRef {
  peer: string;
  source: string;
}

export interface PathSample {
  atMs: number;
  /** `peer via source` of the connected client, or undefined when the tunnel is down. */
  path?: string;
  working: boolean;
  /** The most preferred path that meets the level now, if any. */
  best?: string;
  /** The trouble shows on the router: a probe of the path in use failing, its WAN down, DPD missing its hub. */
  faultVisible: boolean;
  /** Every candidate's distance from the level now (service-level.ts), by `peer via source`. */
  badness: ReadonlyMap<string, number>;
  /** The scenario's classes the path in use meets now, by name (none while the tunnel is down). */
  classesMet?: ReadonlySet<string>;
  /** Per class the path in use misses: its worst measure's ratio to the level (1.3: 30 % over). */
  classExcess?: ReadonlyMap<string, number>;
}

export interface PathFigures {
  /** From the fault's start until the tunnel is on a working path again; 0 when it never stopped working; undefined when it never recovered. */
  timeToWorkingPathSec: number | undefined;
  neverRecovered: boolean;
  /** Seconds the tunnel was down or on a path outside the service level. */
  degradedSec: number;
  /** Separate spells of degraded service, and the longest one. */
  outages: number;
  longestOutageSec: number;
  /** Changes from one connected path to another. */
  pathChanges: number;
  /** Changes that left a path meeting the level, or moved to a worse one. */
  falseSwitches: number;
  /** After the fault ended: seconds on a path other than the most preferred working one. Undefined for a fault that never ends. */
  offPreferredAfterFaultSec: number | undefined;
  /** Bytes through metered (LTE) interfaces, both directions, probes and tunnel alike. */
  meteredBytes: number;
  /** From the fault first showing on the router to the tunnel leaving that path; undefined when it showed but nothing moved, or never showed. */
  reactionSec: number | undefined;
  /**
   * Per class of the scenario (issue 19): seconds its traffic was outside its level (the path in
   * use missing it, or the tunnel down), over the whole scenario. Absent without classes.
   */
  classNoncompliantSec?: Record<string, number>;
  /**
   * Per class: over the seconds its traffic was outside its level on a connected tunnel, the
   * mean ratio of its worst measure to the level (1.3: 30 % over); 0 when never. Tells the
   * least bad path from a worse one when no path meets the class (best of the worst).
   */
  classExcessMean?: Record<string, number>;
}

/**
 * Ground truth, sampled from the world, never from what anyone reports: is
 * the tunnel up, on which path, does that path meet the scenario's service
 * level, which path would be best. Figures integrate each sample over the
 * time to the next one, so a late sample on a busy host moves nothing.
 */
export class PathMeter {
  readonly samples: PathSample[] = [];
  private readonly meteredStart: number;

  constructor(
    private readonly router: LabRouter,
    private readonly level: ServiceLevel,
    /** Candidate paths in preference order (fibre before LTE, hub 1 before hub 2). */
    private readonly preference: readonly PathRef[],
    /** Classes judged apart (scenario `classes`): what each class's packets meet, from the world. */
    private readonly classes: readonly ClassLevel[] = [],
  ) {
    this.meteredStart = this.meteredBytesNow();
  }

  sample(atMs: number): void {
    const world = this.router.world;
    const client = this.router.state().clients[0];
    const inUse =
      client?.phase === 'connected' && client.peer && client.source ? label({ peer: client.peer, source: client.source }) : undefined;
    // A hub in maintenance (draining) keeps its sessions but takes no new ones: no path anyone can move to.
    const joinable = (p: PathRef) => label(p) === inUse || world.hubAcceptsNewSessions(p.peer);
    const badness = new Map(
      this.preference.map((p) => [label(p), joinable(p) ? pathBadness(world, p.source, p.peer, this.level) : Infinity]),
    );
    const best = this.preference.find((p) => badness.get(label(p)) === 0);
    const common = { atMs, faultVisible: false, badness, ...(best ? { best: label(best) } : {}) };
    if (!client || client.phase !== 'connected' || !client.peer || !client.source) {
      this.samples.push({ ...common, working: false });
      return;
    }
    const current = { peer: client.peer, source: client.source };
    const classExcess = new Map(
      this.classes.map((k) => [k.name, classExcessOf(world.classTruth(current.source, current.peer, k.dscp), k)] as const),
    );
    const classesMet = new Set(this.classes.filter((k) => classExcess.get(k.name) === 0).map((k) => k.name));
    this.samples.push({
      ...common,
      path: label(current),
      classesMet,
      classExcess,
      working: (badness.get(label(current)) ?? pathBadness(world, current.source, current.peer, this.level)) === 0,
      faultVisible: this.faultShows(current),
    });
  }

  figures(fault: FaultWindow, startMs: number, endMs: number): PathFigures {
    const faultAt = startMs + fault.startSec * 1000;
    const faultEnd = fault.endSec === undefined ? undefined : startMs + fault.endSec * 1000;
    const spans = this.samples.map((s, i) => ({ s, ms: Math.max(0, (this.samples[i + 1]?.atMs ?? endMs) - s.atMs) }));
    let degradedMs = 0,
      outages = 0,
      longestMs = 0,
      currentMs = 0,
      offPreferredMs = 0;
    for (const { s, ms } of spans) {
      if (!s.working) {
        degradedMs += ms;
        if (currentMs === 0) outages++;
        currentMs += ms;
        longestMs = Math.max(longestMs, currentMs);
      } else currentMs = 0;
      if (faultEnd !== undefined && s.atMs >= faultEnd && s.best !== undefined && s.path !== s.best) offPreferredMs += ms;
    }
    const { pathChanges, falseSwitches } = this.changes();
    const classNoncompliantSec =
      this.classes.length === 0
        ? undefined
        : Object.fromEntries(
            this.classes.map((k) => [k.name, spans.reduce((sum, { s, ms }) => sum + (s.classesMet?.has(k.name) ? 0 : ms), 0) / 1000]),
          );
    const classExcessMean =
      this.classes.length === 0 ? undefined : Object.fromEntries(this.classes.map((k) => [k.name, excessMean(spans, k.name)]));
    const ttw = this.timeToWorkingPath(faultAt);
    return {
      timeToWorkingPathSec: ttw === undefined ? undefined : ttw / 1000,
      neverRecovered: ttw === undefined,
      degradedSec: degradedMs / 1000,
      outages,
      longestOutageSec: longestMs / 1000,
      pathChanges,
      falseSwitches,
      offPreferredAfterFaultSec: faultEnd === undefined ? undefined : offPreferredMs / 1000,
      meteredBytes: this.meteredBytesNow() - this.meteredStart,
      reactionSec: this.reaction(faultAt),
      ...(classNoncompliantSec ? { classNoncompliantSec } : {}),
      ...(classExcessMean ? { classExcessMean } : {}),
    };
  }

  private timeToWorkingPath(faultAt: number): number | undefined {
    const after = this.samples.filter((s) => s.atMs >= faultAt);
    const firstBad = after.findIndex((s) => !s.working);
    if (firstBad < 0) return 0;
    const recovered = after.slice(firstBad).find((s) => s.working);
    return recovered ? recovered.atMs - faultAt : undefined;
  }

  /**
   * Moves between connected paths. A move is false when the path it left met
   * the level at every sample from the last one on it to the first on the new
   * path (nothing was wrong) and it was not a return to a more preferred path
   * that meets the level (a failback); or when it landed on a worse path.
   */
  private changes(): { pathChanges: number; falseSwitches: number } {
    let pathChanges = 0,
      falseSwitches = 0;
    let last: { path: string; index: number } | undefined;
    this.samples.forEach((s, i) => {
      if (!s.path) return;
      if (last && s.path !== last.path) {
        pathChanges++;
        if (this.isFalseSwitch(last.index, i)) falseSwitches++;
      }
      last = { path: s.path, index: i };
    });
    return { pathChanges, falseSwitches };
  }

  private isFalseSwitch(leftAt: number, arrivedAt: number): boolean {
    const from = parse(this.samples[leftAt]!.path!),
      to = parse(this.samples[arrivedAt]!.path!);
    const between = this.samples.slice(leftAt, arrivedAt + 1);
    const leftWasFine = between.every((s) => s.badness.get(label(from)) === 0);
    const rank = (p: PathRef) => this.preference.findIndex((q) => label(q) === label(p));
    const arrived = this.samples[arrivedAt]!;
    const newBadness = arrived.badness.get(label(to)) ?? Infinity;
    const failback = newBadness === 0 && rank(to) < rank(from);
    return (leftWasFine && !failback) || newBadness > (arrived.badness.get(label(from)) ?? Infinity);
  }

  private reaction(faultAt: number): number | undefined {
    const i = this.samples.findIndex((s) => s.atMs >= faultAt && s.faultVisible);
    if (i < 0) return undefined;
    const seen = this.samples[i]!;
    const moved = this.samples.slice(i + 1).find((s) => s.path !== undefined && s.path !== seen.path);
    return moved ? (moved.atMs - seen.atMs) / 1000 : undefined;
  }

  /** What the router itself can see of trouble on the path in use (its probes, its link, DPD). */
  private faultShows(path: PathRef): boolean {
    const m = this.router.model;
    if (m.rt.interfaces.get(path.source)?.protocolUp === false) return true;
    for (const [id, cfg] of m.config.slas) {
      const ends = cfg.icmpEcho;
      if (!ends || (ends.sourceInterface !== path.source && ends.destination !== path.peer)) continue;
      const code = m.rt.slas.get(id)?.code;
      if (code !== undefined && code !== 'ok') return true;
    }
    return m.rt.sas.some((sa) => sa.peerAddress === path.peer && sa.dpd.misses > 0);
  }

  private meteredBytesNow(): number {
    let bytes = 0;
    for (const w of this.router.world.wans()) {
      if (w.kind !== 'lte') continue;
      const c = this.router.model.rt.interfaces.get(w.interface)?.counters;
      if (c) bytes += c.bytesIn + c.bytesOut;
    }
    return bytes;
  }
}

/**
 * How far a class's traffic is over its level on a path: 0 within it, else the worst ratio of
 * a measure to its level. A class's jitter level is in its probes' terms (udp-jitter's
 * jitterAvg, the mean one-way delay variation); the world's jitter is the round trip's, which
 * the lab splits evenly between the two ways, so one way sees half of it.
 */
function classExcessOf(q: { latencyMs: number; jitterMs: number; lossPct: number }, k: ClassLevel): number {
  const worst = Math.max(
    q.lossPct / Math.max(k.lossPct, 1e-9),
    q.latencyMs / Math.max(k.latencyMs, 1e-9),
    q.jitterMs / 2 / Math.max(k.jitterMs, 1e-9),
  );
  return worst <= 1 ? 0 : worst;
}

/** Mean excess of a class over the time it was outside its level on a connected tunnel, rounded to 0.01. */
function excessMean(spans: readonly { s: PathSample; ms: number }[], name: string): number {
  let ms = 0,
    weighted = 0;
  for (const { s, ms: span } of spans) {
    const e = s.classExcess?.get(name) ?? 0;
    if (e === 0 || !Number.isFinite(e)) continue;
    ms += span;
    weighted += e * span;
  }
  return ms === 0 ? 0 : Math.round((weighted / ms) * 100) / 100;
}

const label = (p: PathRef) => `${p.peer} via ${p.source}`;
function parse(path: string): PathRef {
  const [peer, source] = path.split(' via ') as [string, string];
  return { peer, source };
}
