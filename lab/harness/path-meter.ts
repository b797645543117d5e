import type { QualityThresholds } from '../../agent/core/policy/config.js';
import type { LabRouter } from '../router/index.js';

export interface PathSample {
  atMs: number;
  /** `peer via source` of the connected client, or undefined when the tunnel is down. */
  path?: string;
  working: boolean;
}

export interface PathFigures {
  /** From the first fault until the tunnel is on a working path again (0 when it never stopped working). */
  timeToWorkingPathSec: number;
  /** Changes from one connected (peer, source) to another. */
  pathChanges: number;
  /** Seconds the tunnel was down or on a path outside the quality thresholds. */
  degradedSec: number;
  /** The tunnel never got back to a working path before the end. */
  neverRecovered: boolean;
}

/**
 * Ground truth, sampled once per lab second from the world, not from what
 * anyone reports: is the tunnel up, on which path, and is that path working
 * (WAN up, hub alive, loss, latency and jitter within the thresholds)?
 */
export class PathMeter {
  readonly samples: PathSample[] = [];

  constructor(private readonly router: LabRouter, private readonly thresholds: QualityThresholds) {}

  sample(atMs: number): void {
    const client = this.router.state().clients[0];
    if (!client || client.phase !== 'connected' || !client.peer || !client.source) {
      this.samples.push({ atMs, working: false });
      return;
    }
    const world = this.router.world;
    const hub = world.hubByAddress(client.peer);
    const q = hub ? world.path(client.source, hub.name) : undefined;
    const working = !!hub && !!q && world.reachable(client.source, client.peer) &&
      q.lossPct <= this.thresholds.lossPct && q.latencyMs <= this.thresholds.rttMs && q.jitterMs <= this.thresholds.jitterMs;
    this.samples.push({ atMs, path: `${client.peer} via ${client.source}`, working });
  }

  figures(faultAtMs: number, endMs: number): PathFigures {
    let pathChanges = 0;
    let last: string | undefined;
    let degraded = 0;
    for (const s of this.samples) {
      if (s.path && last && s.path !== last) pathChanges++;
      if (s.path) last = s.path;
      if (!s.working) degraded++;
    }
    // Counted in samples (one per lab second) rather than from timestamps: timer jitter of a
    // scaled clock must not make two identical outcomes differ by a fraction of a second.
    const after = this.samples.filter((s) => s.atMs >= faultAtMs);
    const firstBad = after.findIndex((s) => !s.working);
    let timeToWorkingPathSec = 0;
    let neverRecovered = false;
    if (firstBad >= 0) {
      const recovered = after.findIndex((s, i) => i > firstBad && s.working);
      neverRecovered = recovered < 0;
      timeToWorkingPathSec = neverRecovered ? Math.round((endMs - faultAtMs) / 1000) : recovered;
    }
    return { timeToWorkingPathSec, pathChanges, degradedSec: degraded, neverRecovered };
  }
}
