/**
 * The dual-cloud design's path (a tunnel to each hub, iBGP choosing): read
 * from BGP and NHRP (DualCloudReader), steered through the agent's own
 * route-maps and verified by reading BGP back (BgpSteering), and the
 * route-maps reconciled with the steer after each read.
 */
import type { BgpNeighborDetail, RouteMapEntry } from '../../../proto/records/routing.js';
import { confirmsQualityTracks, namesQualityTracks, type DualCloudConfig } from '../../core/dual-cloud/config.js';
import { steeringDifferences, steeringRepairPlan } from '../../core/dual-cloud/reconcile.js';
import type { Shortcut } from '../../core/dual-cloud/shortcuts.js';
import { BgpSteering } from '../act/bgp-steering.js';
import { DualCloudReader } from '../observe/dual-cloud-reader.js';
import { MAX_REPAIRS, type PathDesign, type PathDesignDeps } from './path-design.js';

export class DualCloudDesign implements PathDesign {
  readonly topology = 'dual-cloud';
  readonly steering: BgpSteering;
  readonly reconciliation: PathDesign['reconciliation'];
  readonly watchedInterfaces: readonly string[];
  private readonly reader: DualCloudReader;

  constructor(
    private readonly o: PathDesignDeps,
    private readonly dualCloud: DualCloudConfig,
  ) {
    const c = o.config;
    // A candidate's "source" is its tunnel: a tunnel whose line protocol drops fails it at once.
    this.watchedInterfaces = dualCloud.hubs.map((h) => h.tunnel);
    this.reader = new DualCloudReader({
      dualCloud,
      parse: async (id, command) => (await o.read(id, command)).records,
      observe: (obs) => o.loop().observeAll(obs),
      steered: () => o.loop().idle(),
      // A track that went Down on a run the last probe read had not seen yet (IP SLA reacts as the
      // run ends): read the probes, so the agent judges the same run the router did.
      confirm: async () => {
        if (Object.values(o.loop().state.health).some((h) => h.trackUnconfirmed !== undefined)) await o.readSla();
      },
      onShortcut: (change) => {
        o.store.journal(o.clock.now(), 'shortcut', change.shortcut.prefix, change);
        o.events.emit({ kind: 'shortcut', change });
      },
      onShortcutViolations: (violations) => {
        o.store.journal(o.clock.now(), 'shortcut-expectation', undefined, { violations });
        o.events.emit({ kind: 'shortcut-violations', violations });
        if (violations.length > 0) o.log.warn('shortcut-expectations-violated', { count: violations.length });
      },
    });
    this.steering = new BgpSteering({
      router: o.router,
      dualCloud,
      clock: o.clock,
      log: o.log.child('actuator'),
      readBgp: () => this.reader.readBgp(),
      verifyTimeoutMs: c.actuation.verifyTimeoutSec * 1000,
      verifyPollMs: 1000,
      retries: c.actuation.retries,
    });
    // A mode change is applied to the route-maps at once; they are reconciled after each BGP read
    // (readPath), repairs paced as a steer's verification.
    this.reconciliation = {
      applyModeChanges: true,
      steeringReconcile: { retryAfterMs: c.actuation.verifyTimeoutSec * 1000, maxRepairs: MAX_REPAIRS },
    };
  }

  /**
   * A track line's read. Where a track must be confirmed, the probes are read first: what they
   * show decides (a hub whose latest probes all breach is bad with or without its track), and
   * the steer it calls for does not wait behind `show track brief`.
   */
  get readQualityTracks(): (() => Promise<void>) | undefined {
    if (!namesQualityTracks(this.dualCloud)) return undefined;
    if (!confirmsQualityTracks(this.dualCloud)) return () => this.reader.readHubTracks();
    return async () => {
      await this.o.readSla();
      await this.reader.readHubTracks({ probesJustRead: true });
    };
  }

  get shortcuts(): Shortcut[] | undefined {
    return this.reader.shortcuts;
  }

  /**
   * BGP and shortcuts, then, once a steer or release has been verified and none is under way, the
   * agent's route-maps and their neighbour lines read back and reconciled with it
   * (agent/core/dual-cloud/reconcile.ts). A read with warnings tells nothing.
   */
  async readPath(): Promise<void> {
    const loop = this.o.loop();
    const epoch = loop.actuationEpoch;
    await this.reader.read();
    const steering = this.steering;
    const dc = this.dualCloud;
    // Before the first steer: once the policy has adopted the router, what the route-maps read back as is kept, if it is a steer at all.
    if (loop.actuating || !(steering.settled || loop.state.adopted)) return;
    const owned = await this.readOwned();
    if (!owned) return;
    if (!steering.settled) {
      const matched = [undefined, ...dc.hubs.map((h) => h.neighbor)].find(
        (n) => steeringDifferences(dc, n, owned.routeMaps, owned.neighbors).length === 0,
      );
      if (matched === undefined && steeringDifferences(dc, undefined, owned.routeMaps, owned.neighbors).length > 0) return;
      steering.adopt(matched);
    }
    const chosen = steering.applied;
    const candidate = this.o.config.candidates.find((x) => x.peer === chosen);
    loop.reconcileSteeringAfterRead(
      {
        differences: steeringDifferences(dc, chosen, owned.routeMaps, owned.neighbors),
        plan: steeringRepairPlan(dc, chosen, owned.routeMaps, owned.neighbors),
        intended: candidate ? { candidate: candidate.id, released: false } : { released: true },
        active: loop.state.routerActive ?? {},
      },
      epoch,
    );
  }

  /** The route-maps and neighbour lines as the router has them; undefined when unread or read with warnings. */
  private async readOwned(): Promise<{ routeMaps: RouteMapEntry[]; neighbors: BgpNeighborDetail[] } | undefined> {
    try {
      const routeMaps = await this.o.read('show route-map');
      const neighbors = await this.o.read('show ip bgp neighbors');
      if (routeMaps.warnings > 0 || neighbors.warnings > 0) return undefined;
      return { routeMaps: routeMaps.records, neighbors: neighbors.records };
    } catch (err) {
      this.o.log.debug('route-map-read-failed', { error: (err as Error).message });
      return undefined;
    }
  }
}
