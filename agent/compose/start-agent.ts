import { ExecRouterCli } from '../adapters/router/exec-router-cli.js';
import { actuationTargets } from '../config/actuation-targets.js';
import { SshRouterCli } from '../adapters/router/ssh-router-cli.js';
import { routerOutputLimits } from '../adapters/router/output-limits.js';
import { lookup } from 'node:dns/promises';
import { describeError } from '../../proto/coded-error.js';
import { acquireInstanceLock, AlreadyRunningError, lockPathFor, type InstanceLock } from '../adapters/instance-lock.js';
import { listenSyslog, type SyslogListener } from '../adapters/udp-syslog.js';
import { moveAside } from '../adapters/sqlite/move-aside.js';
import { resolveDbPath } from '../cli/db-path.js';
import { resolveSecret } from '../config/secrets.js';
import type { AgentConfig } from '../config/types.js';
import { ParsePool } from '../parsers/pool/parse-pool.js';
import { systemClock, type Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { RouterCli } from '../ports/router-cli.js';
import { SqliteAgentStore, UnavailableStore } from '../adapters/sqlite/agent-store.js';
import { startStatusServer } from '../adapters/http-status.js';
import type { StatusServer } from '../ports/status-server.js';
import { Lifecycle, type Service } from './lifecycle.js';
import { buildMqttStack, type MqttStack } from './mqtt-stack.js';
import { statusRoutes } from '../shell/report/status-routes.js';
import { Runtime } from '../shell/runtime.js';
import { Degradations } from '../shell/observe/degradations.js';
import { ActingFirstRouter } from '../shell/act/acting-first.js';
import { urgentReadsOf } from '../shell/topology/path-design-for.js';
import { GuardedRouter } from '../shell/act/guarded-router.js';
import { restoreDualCloud, restoreNative, type RestoreOutcome } from '../shell/act/native-restore.js';
import { releaseLeftForbids } from '../shell/act/release-left-forbids.js';
import { releaseLeftRouteMaps } from '../shell/act/release-left-route-maps.js';
import { fullRateStopLines } from '../core/metered/probing.js';
import { runPreflight } from '../shell/decide/run-preflight.js';
import { TcpPresence } from '../adapters/tcp-presence.js';
import type { PresencePort } from '../ports/presence.js';
import { PresenceGate } from '../shell/act/presence-gate.js';
import type { RouterJudgement } from '../core/router-judgement.js';

export interface AgentDeps {
  log: Logger;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** A router port to use instead of building one from the config (tests). */
  router?: RouterCli;
  nativeBinding?: string;
  /** Randomness of poll spreading (a seeded source makes a lab run reproducible). */
  random?: () => number;
  /** A presence port to use instead of the TCP listener the config names (the in-process lab). */
  presence?: PresencePort;
}

export interface RunningAgent {
  runtime: Runtime;
  mqtt: MqttStack | undefined;
  /** The status endpoint's port, when enabled and listening. */
  httpPort: number | undefined;
  /** The SQLite store (or what stands in for it); `sqlite()` gives tests and tools the file's own objects. */
  store: SqliteAgentStore | UnavailableStore;
  router: RouterCli;
  degradations: Degradations;
  syslog: SyslogListener | undefined;
  /** Open while the agent is in control, when a presence port is configured. */
  presence: PresenceGate | undefined;
  /**
   * Stops within `deadlineMs` (wall clock): closes the gate to the router,
   * cancels the collectors and any actuation in flight, restores the router's
   * own configuration if configured (verified by reading it back), then MQTT
   * (offline status saying how the restore went), store, router.
   */
  stop(reason: string, deadlineMs?: number): Promise<RestoreOutcome>;
  /**
   * Applies a configuration (SIGHUP, set-policy): the keys the schema declares
   * live (`x-reload`) at once; returns the keys that differ and need a restart.
   */
  reload(next: AgentConfig): { needRestart: string[] };
}

/** Of the stop deadline: how long a running actuation may take to notice the closed gate, and the MQTT goodbye; the restore gets the rest. */
const stopBudgets = (deadlineMs: number) => ({ runtimeMs: Math.min(3_000, deadlineMs * 0.2), mqttMs: Math.min(3_000, deadlineMs * 0.15) });

/** The composition root: builds everything from the configuration and starts it in order. */
export async function startAgent(fileConfig: AgentConfig, deps: AgentDeps): Promise<RunningAgent> {
  let config = fileConfig;
  const clock = deps.clock ?? systemClock;
  const env = deps.env ?? process.env;
  const log = deps.log;

  const dbPath = config.store.path ?? resolveDbPath(undefined, env);
  const lock = takeLock(lockPathFor(dbPath), log);
  const degradations = new Degradations();
  const store = openStore(config, dbPath, log, degradations, clock, deps.nativeBinding);
  let routerConnectFailures = 0;
  const inner =
    deps.router ??
    buildRouter(config, env, log, () => {
      routerConnectFailures++;
    });
  // A steer goes before the reads waiting for the vty, and the read that decides it next (agent/shell/act/acting-first.ts).
  const router = new GuardedRouter(new ActingFirstRouter(inner, urgentReadsOf(config)), degradations, clock);
  const checked = await checkBeforeSteering(config, router, degradations, clock, log);
  config = checked.config;
  // Started in dry-run by the file (not by a failed preflight): the forbids a killed run left are given back.
  if (fileConfig.policy.mode === 'dry-run') {
    const record = (kind: string, subject: string, data: unknown) => store.journal(clock.now(), kind, subject, data);
    if (config.dualCloud) await releaseLeftRouteMaps({ config, router, record, log });
    else
      await releaseLeftForbids({
        config,
        router,
        journal: store.reporting({ nonceKeepMs: 0 })?.journal, // only its journal is read here
        record,
        log,
      });
  }
  const pool = new ParsePool({ size: 1 });
  const runtime = new Runtime({
    config,
    router,
    pool,
    store,
    clock,
    log,
    degradations,
    ...(deps.random ? { random: deps.random } : {}),
    ...(checked.judgement ? { judgement: checked.judgement } : {}),
  });
  // SIGHUP and set-policy both come here; the runtime's CurrentConfig is the one owner of what is in force.
  const reload = (next: AgentConfig) => runtime.current.replace(next);
  const mqtt = config.mqtt
    ? buildMqttStack({ config, mqtt: config.mqtt, runtime, store, dbPath, router, clock, log, env, reload })
    : undefined;
  const presencePort = deps.presence ?? (config.presence.listen ? new TcpPresence(config.presence.listen, log) : undefined);
  const presence =
    presencePort &&
    new PresenceGate(
      presencePort,
      {
        mode: () => runtime.current.mode,
        inSyncAtMs: () => runtime.loop.inSyncAtMs,
        degradations,
        staleAfterMs: config.presence.staleAfterSec * 1000,
      },
      clock,
      log,
    );
  const routerErrors = () => routerConnectFailures + Object.values(runtime.pollerStats()).reduce((n, p) => n + p.failures, 0);

  // Set when stop begins: the stop steps share one deadline (wall clock) and the restore's outcome.
  let endAt = Infinity;
  const left = () => Math.max(0, endAt - Date.now());
  let budget = stopBudgets(20_000);
  let restore: RestoreOutcome = { outcome: 'skipped', why: 'on-stop-leave' };
  let syslog: SyslogListener | undefined;
  let http: StatusServer | undefined;
  let cancelPrune = () => {};

  // Started in this order, stopped in the reverse one (compose/lifecycle.ts).
  const services: Service[] = [
    { name: 'instance-lock', stop: () => lock?.release() },
    { name: 'router', stop: () => router.close() },
    { name: 'store', stop: () => store.close() },
    { name: 'parse-pool', stop: () => pool.close() },
    ...(mqtt
      ? [
          {
            name: 'mqtt',
            start: () => mqtt.start(),
            // The offline status says how the router was left (the restore stopped just before).
            stop: (signal: AbortSignal) =>
              mqtt.stop(
                AbortSignal.any([signal, AbortSignal.timeout(budget.mqttMs)]),
                restore.outcome === 'skipped'
                  ? { restore: restore.outcome }
                  : { restore: restore.outcome, ...('code' in restore ? { restoreCode: restore.code } : {}) },
              ),
          },
        ]
      : []),
    {
      name: 'native-restore',
      // Leaves the router on its own configuration, through the router port past the closed gate; MQTT keeps its budget.
      stop: async () => {
        restore = await restoreOnStop(runtime.current.value, inner, Math.max(0, left() - budget.mqttMs));
        if (restore.outcome === 'verified') log.info('native-restored');
        else if (restore.outcome === 'skipped') log.info('native-restore-skipped', { why: restore.why });
        else log.error('native-restore-failed', { outcome: restore.outcome, code: restore.code, error: restore.message });
      },
    },
    {
      name: 'syslog',
      start: async () => {
        if (!config.syslog.listen) return;
        const allowFrom = await syslogSources(config, log);
        syslog = await listenSyslog({
          listen: config.syslog.listen,
          allowFrom,
          maxPerSecond: config.syslog.maxPerSecond,
          onRecord: (r) => runtime.onSyslog(r),
          onError: (e) => log.warn('syslog-error', { error: e.message }),
        });
      },
      stop: () => syslog?.close(),
    },
    {
      name: 'prune',
      start: () => {
        cancelPrune = scheduleEvery(clock, 3600_000, () => store.prune(clock.now()));
      },
      stop: () => cancelPrune(),
    },
    // A running actuation gets its budget to notice the closed gate; the loop does not wait longer for it.
    {
      name: 'runtime',
      start: () => runtime.start(),
      stop: (signal: AbortSignal) => runtime.stop(AbortSignal.any([signal, AbortSignal.timeout(budget.runtimeMs)])),
    },
    // Nothing the runtime started reaches IOS from here on: an actuation mid-verify fails at its next command.
    { name: 'router-gate', stop: () => router.shutDown() },
    // Not in control from here on: the router's own judgement takes over before anything else stops.
    ...(presence ? [{ name: 'presence', start: () => presence.start(), stop: () => presence.stop() }] : []),
    {
      name: 'http-status',
      start: async () => {
        if (!config.http.enabled) return;
        http = await startStatusServer(
          config.http.listen,
          statusRoutes({ config, runtime, store, mqtt, clock, routerErrors, degradations, syslog }),
        ).catch((e: Error) => {
          log.error('http-status-failed', { listen: config.http.listen, error: e.message });
          return undefined;
        });
      },
      stop: () => http?.close(),
    },
  ];
  const lifecycle = new Lifecycle(log);
  await lifecycle.start(services);
  log.info('agent-started', { site: config.site, node: config.node, mode: config.policy.mode, syslogPort: syslog?.port });

  let stopping: Promise<RestoreOutcome> | undefined;
  const stop = (reason: string, deadlineMs = 20_000) =>
    (stopping ??= (async () => {
      endAt = Date.now() + deadlineMs;
      budget = stopBudgets(deadlineMs);
      log.info('agent-stopping', { reason });
      await lifecycle.stop(deadlineMs);
      log.info('agent-stopped', { reason, restore: restore.outcome });
      return restore;
    })());
  return { runtime, mqtt, store, router, degradations, syslog, presence, httpPort: http?.port, stop, reload };
}

/**
 * Preflight before the first steer: a configuration that does not match the
 * router (a wrong client name, a track that is not the agent's) would steer
 * nothing, or create stub tracks nothing references. Then the agent monitors
 * only (dry-run) and says why; a router it cannot read yet is not held against it.
 */
async function checkBeforeSteering(
  config: AgentConfig,
  router: RouterCli,
  degradations: Degradations,
  clock: Clock,
  log: Logger,
): Promise<{ config: AgentConfig; judgement?: RouterJudgement }> {
  if (config.policy.mode !== 'enforce') return { config };
  const outcome = await runPreflight(config, router);
  if (outcome.status === 'unknown') {
    log.warn('preflight-skipped', { code: outcome.code, error: outcome.message });
    return { config };
  }
  if (outcome.status === 'passed') return { config, judgement: outcome.judgement };
  for (const p of outcome.problems) log.error('preflight-problem', { code: p.code, problem: p.message, fix: p.fix });
  degradations.set({
    component: 'preflight',
    code: outcome.problems[0]!.code,
    message: `monitoring only (dry-run): the configuration does not match the router: ${outcome.problems.map((p) => p.message).join('; ')}`,
    sinceMs: clock.now(),
  });
  return { config: { ...config, policy: { ...config.policy, mode: 'dry-run' } } };
}

function restoreOnStop(config: AgentConfig, router: RouterCli, budgetMs: number): Promise<RestoreOutcome> {
  if (config.actuation.onStop !== 'restore') return Promise.resolve({ outcome: 'skipped', why: 'on-stop-leave' });
  if (config.policy.mode !== 'enforce') return Promise.resolve({ outcome: 'skipped', why: 'dry-run' });
  // A dual-cloud spoke: the agent's route-maps neutral, BGP decides alone.
  if (config.dualCloud) return restoreDualCloud(router, config.dualCloud, budgetMs);
  // Leave the router on its own configuration: every candidate allowed, as IOS alone would run.
  return restoreNative(router, actuationTargets(config), budgetMs, fullRateStopLines(config.flexvpn.sources));
}

function takeLock(path: string, log: Logger): InstanceLock | undefined {
  try {
    return acquireInstanceLock(path);
  } catch (err) {
    if (err instanceof AlreadyRunningError) throw err;
    // An unwritable directory: the store will say so too; one instance cannot be enforced.
    const { code, message } = describeError(err);
    log.warn('instance-lock-unavailable', { path, code, error: message });
    return undefined;
  }
}

/** Syslog is read only from the router: configured sources, or the address the agent reaches the router at. */
async function syslogSources(config: AgentConfig, log: Logger): Promise<string[]> {
  if (config.syslog.allowFrom) return config.syslog.allowFrom;
  const host = config.router.ssh?.host;
  if (!host) return [];
  try {
    return (await lookup(host, { all: true })).map((a) => a.address);
  } catch (err) {
    log.warn('syslog-source-unresolved', { host, error: (err as Error).message });
    return [];
  }
}

/**
 * The database, or the best the agent can do without it: a corrupt file is
 * moved aside (kept for forensics) and recreated; a file that cannot be used
 * at all leaves journal and outbox in memory, so the spoke still publishes and
 * answers commands. Either way the store is reported degraded.
 */
function openStore(
  config: AgentConfig,
  path: string,
  log: Logger,
  degradations: Degradations,
  clock: Clock,
  nativeBinding?: string,
): SqliteAgentStore | UnavailableStore {
  const open = (p: string) =>
    new SqliteAgentStore({
      path: p,
      checkIntegrity: p !== ':memory:',
      journalMaxAgeMs: config.store.journalMaxAgeDays * 86400_000,
      journalMaxRows: config.store.journalMaxRows,
      routeHistoryMs: config.store.routeHistoryDays * 86400_000,
      outboxMaxBytes: config.store.outboxMaxBytes,
      outboxMaxAgeMs: config.store.outboxMaxAgeHours * 3600_000,
      expectations: config.routes.expectations,
      maxTableRoutes: config.routes.maxTableRoutes,
      log: log.child('store'),
      ...(nativeBinding ? { nativeBinding } : {}),
    });
  const degrade = (code: string, message: string) => {
    log.error('store-degraded', { path, code, message });
    degradations.set({ component: 'store', code, message, sinceMs: clock.now() });
  };
  let first: { code: string | undefined; message: string };
  try {
    return open(path);
  } catch (err) {
    first = describeError(err);
  }
  if (first.code === 'STORE_CORRUPT') {
    try {
      const aside = moveAside(path, clock.now());
      const store = open(path);
      degrade('STORE_RECREATED', `the database was corrupt (${first.message}); moved aside to ${aside} and recreated`);
      return store;
    } catch (err) {
      first = describeError(err);
    }
  }
  try {
    const store = open(':memory:');
    degrade(
      'STORE_IN_MEMORY',
      `${first.code ?? 'STORE_FAILED'}: ${first.message}; journal and outbox kept in memory until restart, routes not cached`,
    );
    return store;
  } catch (err) {
    const { code, message } = describeError(err);
    degrade('STORE_UNAVAILABLE', `${code ?? 'STORE_FAILED'}: ${message}`);
    return new UnavailableStore(`${code ?? 'STORE_FAILED'}: ${message}`);
  }
}

export function buildRouter(config: AgentConfig, env: NodeJS.ProcessEnv, log: Logger, onConnectFailed: () => void): RouterCli {
  // Applied while output streams: a full Internet table or endless output is refused, never held (SIGHUP does not change them).
  const outputLimits = routerOutputLimits(config);
  if (config.router.transport === 'exec') return new ExecRouterCli({ ...config.router.exec, outputLimits });
  const ssh = config.router.ssh;
  const routerLog = log.child('router');
  return new SshRouterCli({
    host: ssh.host,
    port: ssh.port,
    username: ssh.username,
    ...(ssh.password !== undefined ? { password: resolveSecret(ssh.password, env) } : {}),
    ...(ssh.privateKey !== undefined ? { privateKey: resolveSecret(ssh.privateKey, env) } : {}),
    ...(ssh.hostKeySha256 ? { hostKeySha256: ssh.hostKeySha256 } : {}),
    acceptAnyHostKey: ssh.acceptAnyHostKey,
    connectTimeoutMs: ssh.connectTimeoutMs,
    commandTimeoutMs: ssh.commandTimeoutMs,
    outputLimits,
    onEvent: (e) => {
      if (e.kind === 'connected') return routerLog.info('ssh-connected');
      if (e.kind === 'connect-failed') onConnectFailed();
      routerLog.warn(`ssh-${e.kind}`, { code: e.code, error: e.message });
    },
  });
}

function scheduleEvery(clock: Clock, ms: number, fn: () => void): () => void {
  let cancel = clock.setTimer(function run() {
    fn();
    cancel = clock.setTimer(run, ms);
  }, ms);
  return () => cancel();
}
