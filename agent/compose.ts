import { ExecRouterCli } from './adapters/router/exec-router-cli.js';
import { SshRouterCli } from './adapters/router/ssh-router-cli.js';
import { listenSyslog, type SyslogListener } from './adapters/udp-syslog.js';
import { resolveDbPath } from './cli/db-path.js';
import { resolveSecret } from './config/secrets.js';
import type { AgentConfig } from './config/types.js';
import { planRelease } from './core/actuation/plan.js';
import { ParsePool } from './parsers/pool/parse-pool.js';
import { systemClock, type Clock } from './ports/clock.js';
import type { Logger } from './ports/logger.js';
import type { RouterCli } from './ports/router-cli.js';
import { SqliteAgentStore, UnavailableStore, type AgentStore } from './shell/agent-store.js';
import { startStatusServer } from './adapters/http-status.js';
import { buildMqttStack, type MqttStack } from './shell/mqtt-stack.js';
import { statusRoutes } from './shell/status-routes.js';
import { Runtime } from './shell/runtime.js';

export interface AgentDeps {
  log: Logger;
  clock?: Clock;
  env?: NodeJS.ProcessEnv;
  /** A router port to use instead of building one from the config (tests). */
  router?: RouterCli;
  nativeBinding?: string;
}

export interface RunningAgent {
  runtime: Runtime;
  mqtt: MqttStack | undefined;
  /** The status endpoint's port, when enabled and listening. */
  httpPort: number | undefined;
  store: AgentStore;
  router: RouterCli;
  /** Stops in reverse order: collectors (finishing the current action), native restore if configured, store, router. */
  stop(reason: string, deadlineMs?: number): Promise<void>;
}

/** The composition root: builds everything from the configuration and starts it in order. */
export async function startAgent(config: AgentConfig, deps: AgentDeps): Promise<RunningAgent> {
  const clock = deps.clock ?? systemClock;
  const env = deps.env ?? process.env;
  const log = deps.log;

  const dbPath = config.store.path ?? resolveDbPath(undefined, env);
  const store = openStore(config, dbPath, log, deps.nativeBinding);
  let routerConnectFailures = 0;
  const router = deps.router ?? buildRouter(config, env, log, () => { routerConnectFailures++; });
  const pool = new ParsePool({ size: 1 });
  const runtime = new Runtime({ config, router, pool, store, clock, log });
  let syslog: SyslogListener | undefined;
  if (config.syslog.listen) {
    syslog = await listenSyslog(config.syslog.listen, (r) => runtime.onSyslog(r), (e) => log.warn('syslog-error', { error: e.message }));
  }
  const mqtt = config.mqtt
    ? buildMqttStack({ config, mqtt: config.mqtt, runtime, store, dbPath, router, clock, log, env })
    : undefined;
  await mqtt?.start();
  const pruneEveryMs = 3600_000;
  const cancelPrune = scheduleEvery(clock, pruneEveryMs, () => store.prune(clock.now()));
  await runtime.start();
  const routerErrors = () => routerConnectFailures + Object.values(runtime.pollerStats()).reduce((n, p) => n + p.failures, 0);
  const http = config.http.enabled
    ? await startStatusServer(config.http.listen, statusRoutes({ config, runtime, store, mqtt, clock, routerErrors }))
      .catch((e: Error) => { log.error('http-status-failed', { listen: config.http.listen, error: e.message }); return undefined; })
    : undefined;
  log.info('agent-started', { site: config.site, node: config.node, mode: config.policy.mode, syslogPort: syslog?.port });

  let stopping: Promise<void> | undefined;
  const stop = (reason: string, deadlineMs = 20_000) =>
    (stopping ??= (async () => {
      log.info('agent-stopping', { reason });
      const deadline = new Promise<void>((resolve) => setTimeout(resolve, deadlineMs).unref());
      await Promise.race([runtime.stop(), deadline]);
      cancelPrune();
      if (config.actuation.onStop === 'restore' && config.policy.mode === 'enforce') {
        // Leave the router on its own configuration: every candidate allowed, as IOS alone would run.
        await Promise.race([router.configure(planRelease({ client: config.flexvpn.client, peers: config.flexvpn.peers, sources: config.flexvpn.sources }).configLines), deadline])
          .then(() => log.info('native-restored'))
          .catch((e: Error & { code?: string }) => log.error('native-restore-failed', { code: e.code, error: e.message }));
      }
      await http?.close();
      await mqtt?.stop(5000).catch((e: Error) => log.warn('mqtt-stop-failed', { error: e.message }));
      await syslog?.close();
      await pool.close();
      await store.close().catch(() => undefined);
      await router.close();
      log.info('agent-stopped', { reason });
    })());
  return { runtime, mqtt, store, router, httpPort: http?.port, stop };
}

function openStore(config: AgentConfig, path: string, log: Logger, nativeBinding?: string): AgentStore {
  try {
    return new SqliteAgentStore({
      path,
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
  } catch (err) {
    const e = err as Error & { code?: string };
    // Decisions never depend on the store: go on without it, loudly.
    log.error('store-unavailable', { path, code: e.code, error: e.message });
    return new UnavailableStore(`${e.code ?? 'STORE_FAILED'}: ${e.message}`);
  }
}

function buildRouter(config: AgentConfig, env: NodeJS.ProcessEnv, log: Logger, onConnectFailed: () => void): RouterCli {
  if (config.router.transport === 'exec') return new ExecRouterCli(config.router.exec!);
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
