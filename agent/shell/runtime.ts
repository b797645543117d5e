import type { CryptoSession, IpsecSaIdent } from '../../proto/records/crypto.js';
import type { IpInterfaceBrief, IpSlaStatistics } from '../../proto/records/health.js';
import type { SyslogRecord } from '../../proto/records/system.js';
import { wanSources, type AgentConfig } from '../config/types.js';
import { interfaceObservations } from '../core/observe/router-state.js';
import { slaReadIntervalMs, slaSamples, type SlaCursors } from '../core/observe/sla.js';
import type { Decision } from '../core/policy/types.js';
import type { ParsePool } from '../parsers/pool/parse-pool.js';
import type { CommandId, RecordOf } from '../parsers/registry.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RouterCli } from '../ports/router-cli.js';
import type { Shortcut } from '../core/dual-cloud/shortcuts.js';
import type { AgentStore } from '../ports/store.js';
import type { RouterJudgement } from '../core/router-judgement.js';
import { untilAborted } from '../../proto/abort.js';
import { DecisionLoop } from './decide/decision-loop.js';
import { policyOf } from './decide/policy-config.js';
import { Poller } from './observe/poller.js';
import { familiesFor, minTriggerSec, type Family } from './observe/syslog-triggers.js';
import { Degradations } from './observe/degradations.js';
import { RouteReads } from './observe/route-reads.js';
import { RuntimeMetrics } from './report/runtime-metrics.js';
import { RuntimeEvents } from './report/runtime-events.js';
import { driftReporting } from './report/drift-reporting.js';
import { CurrentConfig } from './current-config.js';
import { meteredAccountingFor, type MeteredAccounting } from './report/metered-accounting.js';
import { meteredProbingFor, type MeteredProbing } from './act/metered-probing.js';
import type { PathDesign } from './topology/path-design.js';
import { pathDesignFor } from './topology/path-design-for.js';

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
  private interfacesSeen: Record<string, boolean> = {};
  private cancelTick: (() => void) | undefined;
  /** How the path in use is read, steered and reconciled: the failover or the dual-cloud design. */
  private readonly design: PathDesign;
  private readonly routes: RouteReads;
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
    this.design = pathDesignFor({
      config: c,
      router: o.router,
      clock: o.clock,
      log: o.log,
      store: o.store,
      events: this.events,
      loop: () => this.loop,
      read: (id, command) => this.parseWithWarnings(id, command),
      readSessions: () => this.readSessions(),
      readSla: () => this.readSla(),
      ...(o.judgement ? { judgement: o.judgement } : {}),
    });
    this.routes = new RouteReads({ config: c, router: o.router, store: o.store, clock: o.clock, log: o.log, events: this.events });
    this.loop = new DecisionLoop({
      policy: policyOf(c),
      clock: o.clock,
      actuator: this.design.steering,
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
      ...this.design.reconciliation,
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
    this.metered = meteredAccountingFor(wanSources(c), {
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
    this.meteredProbing = meteredProbingFor(wanSources(c), {
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
      ['sla', slaReadIntervalMs(c.polling.slaSec) / 1000, () => this.readSla()],
      // On a dual-cloud spoke this family reads BGP (the hub in use, sessions) and NHRP shortcuts instead of the client.
      ['flexvpn', c.polling.flexvpnSec, () => this.design.readPath()],
      ['interfaces', c.polling.interfacesSec, () => this.readInterfaces()],
      ['crypto', c.polling.cryptoSec, () => this.readCrypto()],
      ['routes', c.polling.routesSec, () => this.routes.read()],
    ];
    // Woken by a track line only: its periodic read is the path read's first command, so a read of
    // its own on an interval never holds a track's Down back behind the minimum trigger interval.
    const tracks = this.design.readQualityTracks;
    if (tracks) families.push(['tracks', Infinity, tracks]);
    // A dual-cloud hub fails on its latest probes: an IP SLA threshold line (the echo's rtt reaction
    // that `config ios` prints) reads them at once, on a family of its own like the tracks', so the
    // minimum interval between syslog-woken reads counts from the last such line's read, not from the
    // periodic read a moment before it.
    if (this.design.topology === 'dual-cloud') families.push(['probes', Infinity, () => this.readSla()]);
    for (const [name, sec, read] of families) {
      const readAndTell = async () => {
        await read();
        this.events.emit({ kind: 'read', family: name });
      };
      this.pollers.set(
        name,
        new Poller({
          name,
          intervalMs: sec * 1000,
          jitter: c.polling.jitter,
          read: readAndTell,
          clock: o.clock,
          log: o.log.child('collector'),
          minTriggerIntervalMs: minTriggerSec(name, c.syslog) * 1000,
          ...(o.random ? { random: o.random } : {}),
        }),
      );
    }
  }

  /** NHRP shortcuts as last read (dual-cloud); undefined elsewhere or before the first read. */
  get shortcuts(): Shortcut[] | undefined {
    return this.design.shortcuts;
  }

  /** Route tables the router's output limit refused at the last read, with why (shown in /status). */
  get routeTablesRefused(): ReadonlyMap<string, string> {
    return this.routes.refused;
  }

  /** Reads everything once (so the first decision sees the whole router), then polls. */
  async start(): Promise<void> {
    this.startedAtMs = this.o.clock.now();
    this.lastTickAtMs = this.startedAtMs;
    // Degraded before the runtime existed (the store is opened first): tell the listeners now.
    for (const d of this.degradations.list()) this.events.emit({ kind: 'degradation', component: d.component, now: d });
    await this.readInterfaces().catch((e: Error) => this.o.log.warn('initial-read-failed', { family: 'interfaces', error: e.message }));
    await this.readSla().catch((e: Error) => this.o.log.warn('initial-read-failed', { family: 'sla', error: e.message }));
    await this.design.readPath().catch((e: Error) => this.o.log.warn('initial-read-failed', { family: 'flexvpn', error: e.message }));
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

  /** Stops reading; waits for a running actuation to finish until `signal` aborts (it notices the closed gate). */
  async stop(signal?: AbortSignal): Promise<void> {
    this.cancelTick?.();
    for (const p of this.pollers.values()) p.stop();
    await (signal ? untilAborted(this.loop.idle(), signal) : this.loop.idle());
  }

  onSyslog(record: SyslogRecord): void {
    for (const f of familiesFor(record, this.design.topology)) this.pollers.get(f)?.trigger();
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

  private async readInterfaces(): Promise<void> {
    const rows = await this.parse('show ip interface brief');
    this.latest.interfaces = rows;
    const r = interfaceObservations(this.interfacesSeen, rows, this.design.watchedInterfaces);
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
