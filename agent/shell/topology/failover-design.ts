/**
 * The failover design's path (one tunnel, the FlexVPN client choosing among
 * backup peers and sources): read from the client block, steered through the
 * agent's stub tracks (or the peer order), verified by reading the client
 * back, and reconciled with the agent's tracks read alongside it.
 */
import type { Track } from '../../../proto/records/health.js';
import { actuationTargets } from '../../config/actuation-targets.js';
import type { FailoverAgentConfig } from '../../config/types.js';
import { INITIAL_PATH_CHANGES, nextPathChange } from '../../core/observe/path-changes.js';
import { flexvpnObservation, type FlexvpnSeen } from '../../core/observe/router-state.js';
import type { PathRepairConfig } from '../../core/path-repair.js';
import { tracksSeen, type TrackSeen } from '../../core/reconcile.js';
import { forbiddenByRouter, judgementTracks } from '../../core/router-judgement.js';
import { Actuator, type ActivePath } from '../act/actuator.js';
import { MAX_REPAIRS, type PathDesign, type PathDesignDeps } from './path-design.js';

/**
 * Path repair (agent/core/path-repair.ts): a reselect renegotiates the tunnel, so the intended
 * candidate must have been good and intended for a minute first; a reselect that left the router
 * elsewhere (the preferred hub still refuses new sessions) waits a minute, then two, four, at most
 * five: the default preemption delay, the time the agent otherwise waits before failing back.
 */
const pathRepairPacing = (c: FailoverAgentConfig): PathRepairConfig => {
  const r = c.actuation.pathRepair;
  return {
    settleMs: r.settleSec * 1000,
    backoffMs: r.backoffSec * 1000,
    maxBackoffMs: r.maxBackoffSec * 1000,
    verifyMs: c.actuation.verifyTimeoutSec * 1000,
  };
};

export class FailoverDesign implements PathDesign {
  readonly topology = 'failover';
  readonly steering: Actuator;
  readonly reconciliation: PathDesign['reconciliation'];
  readonly watchedInterfaces: readonly string[];
  private flexSeen: FlexvpnSeen | undefined;
  /** One path-change event per switch, not one per end of the tunnel's bounce (agent/core/observe/path-changes.ts). */
  private pathChanges = INITIAL_PATH_CHANGES;

  constructor(
    private readonly o: PathDesignDeps,
    private readonly c: FailoverAgentConfig,
  ) {
    this.watchedInterfaces = c.flexvpn.sources.map((s) => s.interface);
    const targets = actuationTargets(c);
    this.steering = new Actuator({
      router: o.router,
      targets,
      strategy: c.actuation.strategy,
      clock: o.clock,
      log: o.log.child('actuator'),
      readActivePath: () => this.readActivePath(),
      verifyTimeoutMs: c.actuation.verifyTimeoutSec * 1000,
      verifyPollMs: 1000,
      retries: c.actuation.retries,
    });
    this.reconciliation = {
      reconcile: {
        targets,
        strategy: c.actuation.strategy,
        // A repair is given as long as a steer is to take; the path as long again to follow.
        config: {
          retryAfterMs: c.actuation.verifyTimeoutSec * 1000,
          maxRepairs: MAX_REPAIRS,
          pathGraceMs: c.actuation.verifyTimeoutSec * 1000,
          ...(c.actuation.pathRepair.enabled ? { path: pathRepairPacing(c) } : {}),
        },
      },
    };
  }

  async readPath(): Promise<void> {
    const loop = this.o.loop();
    const epoch = loop.actuationEpoch;
    const { records: clients } = await this.o.read('show crypto ikev2 client flexvpn');
    const tracks = await this.readOwnedTracks();
    const first = this.flexSeen === undefined;
    const r = flexvpnObservation(this.flexSeen, clients, this.c.flexvpn.client);
    this.flexSeen = r.seen;
    const seen = {
      ...(r.seen.activePeer ? { peer: r.seen.activePeer } : {}),
      ...(r.seen.activeSource ? { source: r.seen.activeSource } : {}),
    };
    const moved = nextPathChange(this.pathChanges, seen, this.o.clock.now(), first);
    this.pathChanges = moved.state;
    if (moved.change) this.o.events.emit({ kind: 'path-change', ...moved.change });
    if (r.observation) loop.observe(r.observation);
    loop.reconcileAfterRead(tracks, epoch);
  }

  /**
   * The agent-owned stub tracks, for reconciliation: one `show track brief` with the
   * FlexVPN read (no timer of its own). Not read while an actuation runs (it would
   * not be compared), nor on peer-order routers (no stub tracks). A failed read
   * tells nothing: undefined, and the FlexVPN read still counts.
   */
  private async readOwnedTracks(): Promise<ReadonlyMap<number, TrackSeen> | undefined> {
    const c = this.c;
    if (c.actuation.strategy !== 'stub-tracks' || this.o.loop().actuating) return undefined;
    try {
      const { records, warnings } = await this.o.read('show track brief');
      const owned = [...c.flexvpn.peers.map((p) => p.stubTrack), ...c.flexvpn.sources.map((x) => x.stubTrack)];
      this.observeJudgement(records);
      return tracksSeen(records, owned, warnings === 0);
    } catch (err) {
      this.o.log.debug('track-read-failed', { error: (err as Error).message });
      return undefined;
    }
  }

  /** The router's own judgement, from the same read: what its tracks forbid now. */
  private observeJudgement(rows: readonly Track[]): void {
    const j = this.o.judgement;
    if (!j || judgementTracks(j).length === 0) return;
    const states = new Map<number, 'up' | 'down'>();
    for (const r of rows) if (r.state === 'up' || r.state === 'down') states.set(r.id, r.state);
    const f = forbiddenByRouter(j, states);
    this.o.loop().observe({ kind: 'router-judgement', peersForbidden: f.peers, sourcesForbidden: f.sources });
  }

  /** Verification: what the client uses now, and whether its session is up. */
  private async readActivePath(): Promise<ActivePath> {
    const { records: clients } = await this.o.read('show crypto ikev2 client flexvpn');
    const ours = clients.find((x) => x.profile === this.c.flexvpn.client);
    const sessions = await this.o.readSessions();
    const peer = ours?.currentState === 'active' ? ours.peer : undefined;
    const sessionUp = peer !== undefined && sessions.some((s) => s.peerAddress === peer && s.status === 'up-active');
    return { ...(peer ? { peer } : {}), ...(ours?.sourceInterface ? { source: ours.sourceInterface } : {}), sessionUp };
  }
}
