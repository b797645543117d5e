import { ExecRouterCli } from './adapters/router/exec-router-cli.js';
import { SshRouterCli } from './adapters/router/ssh-router-cli.js';
import { routerOutputLimits } from './adapters/router/output-limits.js';
import { lookup } from 'node:dns/promises';
import { acquireInstanceLock, lockPathFor, type InstanceLock } from './adapters/instance-lock.js';
import { listenSyslog, type SyslogListener } from './adapters/udp-syslog.js';
import { moveAside } from './adapters/sqlite/move-aside.js';
import { resolveDbPath } from './cli/db-path.js';
import { resolveSecret } from './config/secrets.js';
import type { AgentConfig } from './config/types.js';
import { ParsePool } from './parsers/pool/parse-pool.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { RouterCli } from './ports/router-cli.js';
import { SqliteAgentStore, UnavailableStore, type AgentStore } from './shell/agent-store.js';
import { startStatusServer } from './adapters/http-status.js';
import { buildMqttStack, type MqttStack } from './shell/mqtt-stack.js';
import { statusRoutes } from './shell/status-routes.js';
import { Runtime } from './shell/runtime.js';
import { Degradations } from './shell/degradations.js';
import { GuardedRouter } from './shell/guarded-router.js';
import { restoreNative, type RestoreOutcome } from './shell/native-restore.js';
import { fullRateStopLines } from './core/metered/probing.js';
import { runPreflight } from './shell/run-preflight.js';
import { TcpPresence } from './adapters/tcp-presence.js';
import type { PresencePort } from './ports/presence.js';
import { PresenceGate } from './shell/presence-gate.js';
import type { RouterJudgement } from './core/router-judgement.js';

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
  store: AgentStore;
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
  const inner = deps.router ?? buildRouter(config, env, log, () => { routerConnectFailures++; });
  const router = new GuardedRouter(inner, degradations, clock);
  const checked = await checkBeforeSteering(config, router, degradations, clock, log);
  config = checked.config;
  const pool = new ParsePool({ size: 1 });
  const runtime = new Runtime({
    config, router, pool, store, clock, log, degradations, ...(deps.random ? { random: deps.random } : {}), ...(checked.judgement ? { judgement: checked.judgement } : {}),
  });
  let syslog: SyslogListener | undefined;
  if (config.syslog.listen) {
    const allowFrom = await syslogSources(config, log);
    syslog = await listenSyslog({
      listen: config.syslog.listen, allowFrom, maxPerSecond: config.syslog.maxPerSecond,
      onRecord: (r) => runtime.onSyslog(r), onError: (e) => log.warn('syslog-error', { error: e.message }),
    });
  }
  const mqtt = config.mqtt
    ? buildMqttStack({ config, mqtt: config.mqtt, runtime, store, dbPath, router, clock, log, env })
    : undefined;
  await mqtt?.start();
  const pruneEveryMs = 3600_000;
  const cancelPrune = scheduleEvery(clock, pruneEveryMs, () => store.prune(clock.now()));
  await runtime.start();
  const presencePort = deps.presence ?? (config.presence.listen ? new TcpPresence(config.presence.listen, log) : undefined);
  const presence = presencePort && new PresenceGate(presencePort, {
    mode: () => runtime.loop.policy.mode, inSyncAtMs: () => runtime.loop.inSyncAtMs, degradations, staleAfterMs: config.presence.staleAfterSec * 1000,
  }, clock, log);
  presence?.start();
  const routerErrors = () => routerConnectFailures + Object.values(runtime.pollerStats()).reduce((n, p) => n + p.failures, 0);
  const http = config.http.enabled
    ? await startStatusServer(config.http.listen, statusRoutes({ config, runtime, store, mqtt, clock, routerErrors, degradations, syslog }))
      .catch((e: Error) => { log.error('http-status-failed', { listen: config.http.listen, error: e.message }); return undefined; })
    : undefined;
  log.info('agent-started', { site: config.site, node: config.node, mode: config.policy.mode, syslogPort: syslog?.port });

  let stopping: Promise<RestoreOutcome> | undefined;
  const stop = (reason: string, deadlineMs = 20_000) =>
    (stopping ??= (async () => {
      const endAt = Date.now() + deadlineMs;
      const left = () => Math.max(0, endAt - Date.now());
      const budget = stopBudgets(deadlineMs);
      log.info('agent-stopping', { reason });
      // Not in control from here on: the router's own judgement takes over before anything else stops.
      await presence?.stop();
      // Nothing the runtime started reaches IOS from here on: an actuation mid-verify fails at its next command.
      router.shutDown();
      await settleWithin(runtime.stop(), Math.min(budget.runtimeMs, left()));
      cancelPrune();
      await syslog?.close();
      const restore = await restoreOnStop(config, inner, Math.max(0, left() - budget.mqttMs));
      if (restore.outcome === 'verified') log.info('native-restored');
      else if (restore.outcome === 'skipped') log.info('native-restore-skipped', { why: restore.why });
      else log.error('native-restore-failed', { outcome: restore.outcome, code: restore.code, error: restore.message });
      await http?.close();
      const goodbye = restore.outcome === 'skipped' ? { restore: restore.outcome } : { restore: restore.outcome, ...('code' in restore ? { restoreCode: restore.code } : {}) };
      if (mqtt) await settleWithin(mqtt.stop(Math.min(budget.mqttMs, left()), goodbye).catch((e: Error) => log.warn('mqtt-stop-failed', { error: e.message })), left());
      await pool.close();
      await settleWithin(store.close(), left());
      await settleWithin(router.close(), left());
      lock?.release();
      log.info('agent-stopped', { reason, restore: restore.outcome });
      return restore;
    })());
  return { runtime, mqtt, store, router, degradations, syslog, presence, httpPort: http?.port, stop };
}

/**
 * Preflight before the first steer: a configuration that does not match the
 * router (a wrong client name, a track that is not the agent's) would steer
 * nothing, or create stub tracks nothing references. Then the agent monitors
 * only (dry-run) and says why; a router it cannot read yet is not held against it.
 */
async function checkBeforeSteering(
  config: AgentConfig, router: RouterCli, degradations: Degradations, clock: Clock, log: Logger,
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
    component: 'preflight', code: outcome.problems[0]!.code,
    message: `monitoring only (dry-run): the configuration does not match the router: ${outcome.problems.map((p) => p.message).join('; ')}`, sinceMs: clock.now(),
  });
  return { config: { ...config, policy: { ...config.policy, mode: 'dry-run' } } };
}

function restoreOnStop(config: AgentConfig, router: RouterCli, budgetMs: number): Promise<RestoreOutcome> {
  if (config.actuation.onStop !== 'restore') return Promise.resolve({ outcome: 'skipped', why: 'on-stop-leave' });
  if (config.policy.mode !== 'enforce') return Promise.resolve({ outcome: 'skipped', why: 'dry-run' });
  // Leave the router on its own configuration: every candidate allowed, as IOS alone would run.
  return restoreNative(router, { client: config.flexvpn.client, peers: config.flexvpn.peers, sources: config.flexvpn.sources }, budgetMs, fullRateStopLines(config.flexvpn.sources));
}

/** Waits for `p` at most `ms`; its failure or lateness is not the caller's concern (stop goes on regardless). */
function settleWithin(p: Promise<unknown>, ms: number): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([p.then(() => undefined, () => undefined), new Promise<void>((r) => { timer = setTimeout(r, ms); })])
    .finally(() => clearTimeout(timer));
}

function takeLock(path: string, log: Logger): InstanceLock | undefined {
  try {
    return acquireInstanceLock(path);
  } catch (err) {
    const e = err as Error & { code?: string };
    if (e.code === 'AGENT_ALREADY_RUNNING') throw e;
    // An unwritable directory: the store will say so too; one instance cannot be enforced.
    log.warn('instance-lock-unavailable', { path, code: e.code, error: e.message });
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
function openStore(config: AgentConfig, path: string, log: Logger, degradations: Degradations, clock: Clock, nativeBinding?: string): AgentStore {
  const open = (p: string) => new SqliteAgentStore({
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
  let first: Error & { code?: string };
  try {
    return open(path);
  } catch (err) {
    first = err as Error & { code?: string };
  }
  if (first.code === 'STORE_CORRUPT') {
    try {
      const aside = moveAside(path, clock.now());
      const store = open(path);
      degrade('STORE_RECREATED', `the database was corrupt (${first.message}); moved aside to ${aside} and recreated`);
      return store;
    } catch (err) {
      first = err as Error & { code?: string };
    }
  }
  try {
    const store = open(':memory:');
    degrade('STORE_IN_MEMORY', `${first.code ?? 'STORE_FAILED'}: ${first.message}; journal and outbox kept in memory until restart, routes not cached`);
    return store;
  } catch (err) {
    const e = err as Error & { code?: string };
    degrade('STORE_UNAVAILABLE', `${e.code ?? 'STORE_FAILED'}: ${e.message}`);
    return new UnavailableStore(`${e.code ?? 'STORE_FAILED'}: ${e.message}`);
  }
}

export function buildRouter(config: AgentConfig, env: NodeJS.ProcessEnv, log: Logger, onConnectFailed: () => void): RouterCli {
  // Applied while output streams: a full Internet table or endless output is refused, never held (SIGHUP does not change them).
  const outputLimits = routerOutputLimits(config);
  if (config.router.transport === 'exec') return new ExecRouterCli({ ...config.router.exec!, outputLimits });
  const ssh = config.router.ssh!;
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
  let cancel = clock.setTimer(function run() { fn(); cancel = clock.setTimer(run, ms); }, ms);
  return () => cancel();
}
