import type { CryptoSession, IpsecSaIdent } from '../../proto/records/crypto.js';
import type { IpInterfaceBrief, IpSlaStatistics, Track } from '../../proto/records/health.js';
import type { SyslogRecord } from '../../proto/records/system.js';
import type { AgentConfig } from '../config/types.js';
import { actuationTargets } from '../config/actuation-targets.js';
import { flexvpnObservation, interfaceObservations, type FlexvpnSeen } from '../core/observe/router-state.js';
import { INITIAL_PATH_CHANGES, nextPathChange } from '../core/observe/path-changes.js';
import { slaSamples, type SlaCursors } from '../core/observe/sla.js';
import type { Decision } from '../core/policy/types.js';
import type { ParsePool } from '../parsers/pool/parse-pool.js';
import type { CommandId, RecordOf } from '../parsers/registry.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RouterCli } from '../ports/router-cli.js';
import { Actuator, type ActivePath } from './act/actuator.js';
import { BgpSteering } from './act/bgp-steering.js';
import { DualCloudReader } from './observe/dual-cloud-reader.js';
import type { Shortcut } from '../core/dual-cloud/shortcuts.js';
import { steeringDifferences, steeringRepairPlan } from '../core/dual-cloud/reconcile.js';
import type { BgpNeighborDetail, RouteMapEntry } from '../../proto/records/routing.js';
import type { AgentStore } from '../ports/store.js';
import { DecisionLoop } from './decide/decision-loop.js';
import { Poller } from './observe/poller.js';
import { policyOf } from './decide/policy-config.js';
import { familiesFor, type Family } from './observe/syslog-triggers.js';
import { RuntimeMetrics } from './report/runtime-metrics.js';
import { RuntimeEvents } from './report/runtime-events.js';
import { Degradations } from './observe/degradations.js';
import { VIOLATIONS_LISTED, type RouteViolation } from '../core/route-expectations.js';
import { tracksSeen, type TrackSeen } from '../core/reconcile.js';
import type { PathRepairConfig } from '../core/path-repair.js';
import { forbiddenByRouter, judgementTracks, type RouterJudgement } from '../core/router-judgement.js';
import { driftReporting } from './report/drift-reporting.js';
import { untilAborted } from '../../proto/abort.js';
import { describeError, errorCode } from '../../proto/coded-error.js';
import { CurrentConfig } from './current-config.js';
import { meteredAccountingFor, type MeteredAccounting } from './report/metered-accounting.js';
import { meteredProbingFor, type MeteredProbing } from './act/metered-probing.js';

export interface RuntimeOptions {
  config: AgentConfig;
  router: RouterCli;
  pool: ParsePool;
  store: AgentStore;
  clock: Clock;
  log: Logger;
  /** What is degraded (store, router); shared with status and reporting. A fresh one when absent (tests). */
  degradations?: Degradations;
  random?: () => number;
  /** The router's own judgement of hubs and WANs, from its running configuration at start (preflight). */
  judgement?: RouterJudgement;
}

const TICK_MS = 1000;
/** A change of the wall clock against the monotonic one larger than this is a step, not drift (NTP slews below). */
const CLOCK_STEP_MS = 1000;
/** Repairs of one difference before it is raised and left alone until something changes. */
const MAX_REPAIRS = 3;
/**
 * Path repair (agent/core/path-repair.ts): a reselect renegotiates the tunnel, so the intended
 * candidate must have been good and intended for a minute first; a reselect that left the router
 * elsewhere (the preferred hub still refuses new sessions) waits a minute, then two, four, at most
 * five: the default preemption delay, the time the agent otherwise waits before failing back.
 */
const pathRepairPacing = (c: AgentConfig): PathRepairConfig => {
  const r = c.actuation.pathRepair;
  return {
    settleMs: r.settleSec * 1000,
    backoffMs: r.backoffSec * 1000,
    maxBackoffMs: r.maxBackoffSec * 1000,
    verifyMs: c.actuation.verifyTimeoutSec * 1000,
  };
};

/**
 * The agent's loop: collectors read the router per family (on an interval with
 * jitter, or at once when syslog hints at a change), change detection turns
 * reads into observations, the decision loop runs the policy and the actuator.
 */
export class Runtime {
  readonly loop: DecisionLoop;
  readonly metrics = new RuntimeMetrics();
  private readonly pollers = new Map<Family, Poller>();
  private slaCursors: SlaCursors = {};
  private flexSeen: FlexvpnSeen | undefined;
  /** One path-change event per switch, not one per end of the tunnel's bounce (agent/core/observe/path-changes.ts). */
  private pathChanges = INITIAL_PATH_CHANGES;
  private interfacesSeen: Record<string, boolean> = {};
  private cancelTick: (() => void) | undefined;
  private lastViolations = '';
  /** Route tables the router's output limit refused at the last read, with why (shown in /status). */
  readonly routeTablesRefused = new Map<string, string>();
  lastDecision: Decision | undefined;
  startedAtMs = 0;
  /** The loop's heartbeat: /healthz fails when it stops moving. */
  lastTickAtMs = 0;
  readonly events = new RuntimeEvents();
  /** The latest records of each read, for state, telemetry and status. */
  readonly latest: { sla: IpSlaStatistics[]; interfaces: IpInterfaceBrief[]; sessions: CryptoSession[]; ipsec: IpsecSaIdent[] } = {
    sla: [],
    interfaces: [],
    sessions: [],
    ipsec: [],
  };

  /** Every decision as it is made; returns an unsubscribe function. */
  onDecision(listener: (d: Decision) => void): () => void {
    return this.events.on((e) => {
      if (e.kind === 'decision') listener(e.decision);
    });
  }

  /** The configuration the agent started with; what is in force now (after SIGHUP or set-policy) is `current`. */
  readonly config: AgentConfig;
  readonly current: CurrentConfig;
  readonly degradations: Degradations;
  /** Bytes on metered WANs, read with the interfaces; undefined when none is metered. */
  readonly metered: MeteredAccounting | undefined;
  /** The dual-cloud design's BGP and NHRP reads; undefined on a failover spoke. */
  private readonly dualCloud: DualCloudReader | undefined;
  /** The dual-cloud design's steering through route-maps; undefined on a failover spoke. */
  private readonly steering: BgpSteering | undefined;
  /** Full-rate probes of metered WANs started and stopped as needed; undefined when none has them. */
  readonly meteredProbing: MeteredProbing | undefined;

  constructor(private readonly o: RuntimeOptions) {
    this.config = o.config;
    this.degradations = o.degradations ?? new Degradations();
    this.degradations.onChange(({ component, now, was }) => {
      if (now) o.log.warn('degraded', { component, code: now.code, message: now.message });
      else o.log.info('recovered', { component, code: was?.code });
      // In the journal too, so `spokepilot events` shows when the agent was degraded and why.
      o.store.journal(
        o.clock.now(),
        'agent-health',
        component,
        now ? { status: 'degraded', code: now.code, message: now.message } : { status: 'recovered', code: was?.code },
      );
      this.events.emit({ kind: 'degradation', component, ...(now ? { now } : {}), ...(was ? { was } : {}) });
    });
    const c = o.config;
    this.dualCloud =
      c.topology === 'dual-cloud' && c.dualCloud
        ? new DualCloudReader({
            dualCloud: c.dualCloud,
            parse: (id, command) => this.parse(id, command),
            observe: (obs) => this.loop.observeAll(obs),
            steered: () => this.loop.idle(),
            onShortcut: (change) => {
              o.store.journal(o.clock.now(), 'shortcut', change.shortcut.prefix, change);
              this.events.emit({ kind: 'shortcut', change });
            },
            onShortcutViolations: (violations) => {
              o.store.journal(o.clock.now(), 'shortcut-expectation', undefined, { violations });
              this.events.emit({ kind: 'shortcut-violations', violations });
              if (violations.length > 0) o.log.warn('shortcut-expectations-violated', { count: violations.length });
            },
          })
        : undefined;
    this.steering = this.dualCloud ? this.bgpSteering(this.dualCloud) : undefined;
    const actuator =
      this.steering ??
      new Actuator({
        router: o.router,
        targets: actuationTargets(c),
        strategy: c.actuation.strategy,
        clock: o.clock,
        log: o.log.child('actuator'),
        readActivePath: () => this.readActivePath(),
        verifyTimeoutMs: c.actuation.verifyTimeoutSec * 1000,
        verifyPollMs: 1000,
        retries: c.actuation.retries,
      });
    this.loop = new DecisionLoop({
      policy: policyOf(c),
      clock: o.clock,
      actuator,
      log: o.log.child('policy'),
      journal: (kind, subject, data) => o.store.journal(o.clock.now(), kind, subject, data),
      onDecision: (d) => {
        this.lastDecision = d;
        this.metrics.decisions++;
        if (d.action === 'switch' && !d.dryRun && !d.deferredUntilMs) this.metrics.pathChanges++;
        this.events.emit({ kind: 'decision', decision: d });
      },
      onHealth: ({ candidate, from, to, cause, atMs }) =>
        this.events.emit({ kind: 'health', candidate, from, to, ...(cause ? { cause } : {}), atMs }),
      onActuation: (outcome, effect) => {
        if (!outcome.ok && outcome.code !== 'ACTUATE_SUPERSEDED') this.metrics.actuationFailures++;
        this.events.emit({ kind: 'actuation', effect, outcome });
      },
      onLatency: (ms) => this.metrics.recordLatency(ms),
      // Reconciliation reads the failover design's stub tracks; a dual-cloud spoke's route-maps are read back by each steer.
      // A dual-cloud spoke's route-maps are reconciled after each BGP read (readDualCloud), repairs paced as a steer's verification.
      ...(this.dualCloud
        ? {
            applyModeChanges: true,
            steeringReconcile: { retryAfterMs: c.actuation.verifyTimeoutSec * 1000, maxRepairs: MAX_REPAIRS },
          }
        : {
            reconcile: {
              targets: actuationTargets(c),
              strategy: c.actuation.strategy,
              // A repair is given as long as a steer is to take; the path as long again to follow.
              config: {
                retryAfterMs: c.actuation.verifyTimeoutSec * 1000,
                maxRepairs: MAX_REPAIRS,
                pathGraceMs: c.actuation.verifyTimeoutSec * 1000,
                ...(c.actuation.pathRepair.enabled ? { path: pathRepairPacing(c) } : {}),
              },
            },
          }),
      ...driftReporting({
        mode: () => this.current.mode,
        metrics: this.metrics,
        degradations: this.degradations,
        events: this.events,
        log: o.log,
      }),
    });
    this.current = new CurrentConfig(
      c,
      (policy) => this.loop.reconfigure(policy),
      (sources) => this.metered?.reconfigure(sources),
    );
    this.metered = meteredAccountingFor(c.flexvpn.sources, {
      readInterface: async (name) => (await this.parse('show interfaces', `show interfaces ${name}`)).find((i) => i.name === name),
      ...(o.store.metered?.() ? { store: o.store.metered()! } : {}),
      clock: o.clock,
      log: o.log.child('metered'),
      onEvent: (event) => {
        o.store.journal(o.clock.now(), 'metered', event.interface, event);
        this.events.emit({ kind: 'metered', event });
      },
      onSpent: (source, spent) => this.loop.observe({ kind: 'metered-budget', source, spent }),
    });
    // Full rate held for the preemption delay: the time a path must stay clean before the tunnel moves back.
    this.meteredProbing = meteredProbingFor(c.flexvpn.sources, {
      router: o.router,
      clock: o.clock,
      log: o.log.child('metered'),
      holdMs: c.policy.preemptDelaySec * 1000,
      policy: () => ({ state: this.loop.state, config: this.loop.policy, actuating: this.loop.actuating }),
      onChange: (change, operations) => {
        if (change.mode === 'standby') this.loop.observe({ kind: 'sla-stopped', operations });
      },
    });
    if (this.meteredProbing) {
      const probing = this.meteredProbing;
      this.events.on((e) => {
        if (e.kind === 'read' || e.kind === 'decision' || e.kind === 'health') probing.evaluate();
      });
    }
    const families: [Family, number, () => Promise<void>][] = [
      ['sla', c.polling.slaSec, () => this.readSla()],
      // On a dual-cloud spoke this family reads BGP (the hub in use, sessions) and NHRP shortcuts instead of the client.
      ['flexvpn', c.polling.flexvpnSec, () => (this.dualCloud ? this.readDualCloud(this.dualCloud) : this.readFlexvpn())],
      ['interfaces', c.polling.interfacesSec, () => this.readInterfaces()],
      ['crypto', c.polling.cryptoSec, () => this.readCrypto()],
      ['routes', c.polling.routesSec, () => this.readRoutes()],
    ];
    for (const [name, sec, read] of families) {
      const readAndTell = async () => {
        await read();
        this.events.emit({ kind: 'read', family: name });
      };
      const minTriggerSec = name === 'routes' ? c.syslog.minRoutesReadIntervalSec : c.syslog.minReadIntervalSec;
      this.pollers.set(
        name,
        new Poller({
          name,
          intervalMs: sec * 1000,
          jitter: c.polling.jitter,
          read: readAndTell,
          clock: o.clock,
          log: o.log.child('collector'),
          minTriggerIntervalMs: minTriggerSec * 1000,
          ...(o.random ? { random: o.random } : {}),
        }),
      );
    }
  }

  /**
   * A dual-cloud spoke's poll: BGP and shortcuts (DualCloudReader), then, once a steer or release
   * has been verified and none is under way, the agent's route-maps and their neighbour lines read
   * back and reconciled with it (agent/core/dual-cloud/reconcile.ts). A read with warnings tells nothing.
   */
  private async readDualCloud(reader: DualCloudReader): Promise<void> {
    const epoch = this.loop.actuationEpoch;
    await reader.read();
    const steering = this.steering;
    const c = this.o.config;
    // Before the first steer: once the policy has adopted the router, what the route-maps read back as is kept, if it is a steer at all.
    if (!steering || !c.dualCloud || this.loop.actuating || !(steering.settled || this.loop.state.adopted)) return;
    let owned: { routeMaps: RouteMapEntry[]; neighbors: BgpNeighborDetail[] };
    try {
      const routeMaps = await this.parseWithWarnings('show route-map');
      const neighbors = await this.parseWithWarnings('show ip bgp neighbors');
      if (routeMaps.warnings > 0 || neighbors.warnings > 0) return;
      owned = { routeMaps: routeMaps.records, neighbors: neighbors.records };
    } catch (err) {
      this.o.log.debug('route-map-read-failed', { error: (err as Error).message });
      return;
    }
    if (!steering.settled) {
      const dc = c.dualCloud;
      const matched = [undefined, ...dc.hubs.map((h) => h.neighbor)].find(
        (n) => steeringDifferences(dc, n, owned.routeMaps, owned.neighbors).length === 0,
      );
      if (matched === undefined && steeringDifferences(dc, undefined, owned.routeMaps, owned.neighbors).length > 0) return;
      steering.adopt(matched);
    }
    const chosen = steering.applied;
    const candidate = c.candidates.find((x) => x.peer === chosen);
    this.loop.reconcileSteeringAfterRead(
      {
        differences: steeringDifferences(c.dualCloud, chosen, owned.routeMaps, owned.neighbors),
        plan: steeringRepairPlan(c.dualCloud, chosen, owned.routeMaps, owned.neighbors),
        intended: candidate ? { candidate: candidate.id, released: false } : { released: true },
        active: this.loop.state.routerActive ?? {},
      },
      epoch,
    );
  }

  /** A dual-cloud spoke's steering: the agent-owned route-maps, verified by reading BGP back. */
  private bgpSteering(reader: DualCloudReader): BgpSteering {
    const c = this.o.config;
    return new BgpSteering({
      router: this.o.router,
      dualCloud: c.dualCloud!,
      clock: this.o.clock,
      log: this.o.log.child('actuator'),
      readBgp: () => reader.readBgp(),
      verifyTimeoutMs: c.actuation.verifyTimeoutSec * 1000,
      verifyPollMs: 1000,
      retries: c.actuation.retries,
    });
  }

  /** NHRP shortcuts as last read (dual-cloud); undefined elsewhere or before the first read. */
  get shortcuts(): Shortcut[] | undefined {
    return this.dualCloud?.shortcuts;
  }

  /** Reads everything once (so the first decision sees the whole router), then polls. */
  async start(): Promise<void> {
    this.startedAtMs = this.o.clock.now();
    this.lastTickAtMs = this.startedAtMs;
    // Degraded before the runtime existed (the store is opened first): tell the listeners now.
    for (const d of this.degradations.list()) this.events.emit({ kind: 'degradation', component: d.component, now: d });
    await this.readInterfaces().catch((e: Error) => this.o.log.warn('initial-read-failed', { family: 'interfaces', error: e.message }));
    await this.readSla().catch((e: Error) => this.o.log.warn('initial-read-failed', { family: 'sla', error: e.message }));
    await (this.dualCloud ? this.readDualCloud(this.dualCloud) : this.readFlexvpn()).catch((e: Error) =>
      this.o.log.warn('initial-read-failed', { family: 'flexvpn', error: e.message }),
    );
    for (const [name, p] of this.pollers) p.start(name === 'routes' ? 0 : p.nextIntervalMs());
    let offset = this.wallOffsetMs();
    const tick = () => {
      this.lastTickAtMs = this.o.clock.now();
      const now = this.wallOffsetMs();
      if (offset !== undefined && now !== undefined && Math.abs(now - offset) > CLOCK_STEP_MS) {
        this.o.log.warn('clock-stepped', { deltaMs: Math.round(now - offset) });
        this.loop.observe({ kind: 'clock-step', deltaMs: Math.round(now - offset) });
      }
      offset = now;
      this.loop.observe({ kind: 'tick' });
      this.cancelTick = this.o.clock.setTimer(tick, TICK_MS);
    };
    this.cancelTick = this.o.clock.setTimer(tick, TICK_MS);
  }

  /** How far the wall clock is ahead of the monotonic one; a jump in it is a step of the wall clock. */
  private wallOffsetMs(): number | undefined {
    const mono = this.o.clock.monotonicMs?.();
    return mono === undefined ? undefined : this.o.clock.now() - mono;
  }

  /** Stops polling; waits for a running actuation to finish. */
  /** Stops reading; waits for a running actuation to finish until `signal` aborts (it notices the closed gate). */
  async stop(signal?: AbortSignal): Promise<void> {
    this.cancelTick?.();
    for (const p of this.pollers.values()) p.stop();
    await (signal ? untilAborted(this.loop.idle(), signal) : this.loop.idle());
  }

  onSyslog(record: SyslogRecord): void {
    for (const f of familiesFor(record, this.dualCloud ? 'dual-cloud' : 'failover')) this.pollers.get(f)?.trigger();
  }

  pollerStats(): Record<string, { reads: number; failures: number }> {
    return Object.fromEntries([...this.pollers].map(([n, p]) => [n, { reads: p.reads, failures: p.failures }]));
  }

  private async readSla(): Promise<void> {
    const records = await this.parse('show ip sla statistics');
    this.latest.sla = records;
    const r = slaSamples(this.slaCursors, records);
    this.slaCursors = r.cursors;
    if (r.observation) this.loop.observe(r.observation);
  }

  private async readFlexvpn(): Promise<void> {
    const epoch = this.loop.actuationEpoch;
    const clients = await this.parse('show crypto ikev2 client flexvpn');
    const tracks = await this.readOwnedTracks();
    const first = this.flexSeen === undefined;
    const r = flexvpnObservation(this.flexSeen, clients, this.o.config.flexvpn.client);
    this.flexSeen = r.seen;
    const seen = {
      ...(r.seen.activePeer ? { peer: r.seen.activePeer } : {}),
      ...(r.seen.activeSource ? { source: r.seen.activeSource } : {}),
    };
    const moved = nextPathChange(this.pathChanges, seen, this.o.clock.now(), first);
    this.pathChanges = moved.state;
    if (moved.change) this.events.emit({ kind: 'path-change', ...moved.change });
    if (r.observation) this.loop.observe(r.observation);
    this.loop.reconcileAfterRead(tracks, epoch);
  }

  /**
   * The agent-owned stub tracks, for reconciliation: one `show track brief` with the
   * FlexVPN read (no timer of its own). Not read while an actuation runs (it would
   * not be compared), nor on peer-order routers (no stub tracks). A failed read
   * tells nothing: undefined, and the FlexVPN read still counts.
   */
  private async readOwnedTracks(): Promise<ReadonlyMap<number, TrackSeen> | undefined> {
    const c = this.o.config;
    if (c.actuation.strategy !== 'stub-tracks' || this.loop.actuating) return undefined;
    try {
      const { records, warnings } = await this.parseWithWarnings('show track brief');
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
    this.loop.observe({ kind: 'router-judgement', peersForbidden: f.peers, sourcesForbidden: f.sources });
  }

  private async readInterfaces(): Promise<void> {
    const rows = await this.parse('show ip interface brief');
    this.latest.interfaces = rows;
    // A dual-cloud candidate's "source" is its tunnel: a tunnel whose line protocol drops fails it at once.
    const watched = this.o.config.dualCloud?.hubs.map((h) => h.tunnel) ?? this.o.config.flexvpn.sources.map((s) => s.interface);
    const r = interfaceObservations(this.interfacesSeen, rows, watched);
    this.interfacesSeen = r.seen;
    this.loop.observeAll(r.observations);
    await this.metered?.read();
  }

  private async readSessions(): Promise<CryptoSession[]> {
    this.latest.sessions = await this.parse('show crypto session');
    return this.latest.sessions;
  }

  private async readCrypto(): Promise<void> {
    await this.readSessions();
    this.latest.ipsec = await this.parse('show crypto ipsec sa');
  }

  private async readRoutes(): Promise<void> {
    const c = this.o.config;
    const commands = ['show ip route', ...c.routes.vrfs.map((v) => `show ip route vrf ${v}`)];
    if (c.routes.ipv6) commands.push('show ipv6 route', ...c.routes.vrfs.map((v) => `show ipv6 route vrf ${v}`));
    commands.push('show crypto ikev2 sa detailed');
    const violations: RouteViolation[] = [];
    let total = 0;
    const digests: (number | string)[] = [];
    for (const command of commands) {
      // A table too large to read is refused while it streams (the session is dropped); the others are still read.
      const text = await this.o.router.show(command).catch((err: unknown) => {
        if (errorCode(err) !== 'ROUTER_OUTPUT_TOO_LARGE') throw err; // an unreachable router: the read fails as before
        const { code, message } = describeError(err);
        digests.push(`unjudged:${command}`);
        if (!this.routeTablesRefused.has(command)) this.o.log.warn('route-table-refused', { command, code, error: message });
        this.routeTablesRefused.set(command, `${code}: ${message}`);
        return undefined;
      });
      if (text === undefined) continue;
      this.routeTablesRefused.delete(command);
      // One table the store cannot take (too large, worker out of memory) must not cost the others.
      const out = await this.o.store.ingestRoutes(command, text, this.o.clock.now()).catch(() => {
        digests.push(`unjudged:${command}`); // its violations are unknown: neither kept nor cleared
        return undefined;
      });
      if (!out) continue;
      for (const t of out.tables) {
        const s = t.summary;
        if (s.added + s.removed + s.changed > 0) {
          this.o.store.journal(this.o.clock.now(), 'route-diff', `${s.table.source ?? 'rib'}:${s.table.family}/${s.table.vrf}`, s);
          this.events.emit({ kind: 'route-diff', summary: s });
        }
        violations.push(...t.violations.listed.slice(0, VIOLATIONS_LISTED - violations.length));
        total += t.violations.total;
        digests.push(t.violations.digest);
      }
    }
    // Nothing judged (no store, or every table refused): no news, rather than a false all-clear.
    if (!digests.some((d) => typeof d === 'number')) return;
    // An expectation violation is an event when the set of violations changes, not on every read.
    const key = digests.join(',');
    if (key !== this.lastViolations) {
      this.lastViolations = key;
      this.o.store.journal(this.o.clock.now(), 'route-expectation', undefined, { violations, total });
      this.events.emit({ kind: 'route-violations', violations, total });
      if (total > 0) this.o.log.warn('route-expectations-violated', { count: total });
    }
  }

  /** Verification: what the client uses now, and whether its session is up. */
  private async readActivePath(): Promise<ActivePath> {
    const clients = await this.parse('show crypto ikev2 client flexvpn');
    const ours = clients.find((x) => x.profile === this.o.config.flexvpn.client);
    const sessions = await this.readSessions();
    const peer = ours?.currentState === 'active' ? ours.peer : undefined;
    const sessionUp = peer !== undefined && sessions.some((s) => s.peerAddress === peer && s.status === 'up-active');
    return { ...(peer ? { peer } : {}), ...(ours?.sourceInterface ? { source: ours.sourceInterface } : {}), sessionUp };
  }

  /** Reads one command from the router and parses it, typed by its id; `command` when it carries arguments. */
  private async parse<Id extends CommandId>(id: Id, command: string = id): Promise<RecordOf<Id>[]> {
    return (await this.parseWithWarnings(id, command)).records;
  }

  private async parseWithWarnings<Id extends CommandId>(
    id: Id,
    command: string = id,
  ): Promise<{ records: RecordOf<Id>[]; warnings: number }> {
    const text = await this.o.router.show(command);
    const result = await this.o.pool.parseAs(id, text, command);
    if (result.warnings.length > 0) {
      this.metrics.parseWarnings += result.warnings.length;
      this.o.log.debug('parse-warnings', { command, count: result.warnings.length, first: result.warnings[0] });
    }
    return { records: result.records, warnings: result.warnings.length };
  }
}
