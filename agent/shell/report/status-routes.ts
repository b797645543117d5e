import type { StatusRoutes } from '../../ports/status-server.js';
import { classTelemetry } from './report-bodies.js';
import type { AgentConfig } from '../../config/types.js';
import type { Clock } from '../../ports/clock.js';
import type { SyslogListener } from '../../ports/syslog-source.js';
import type { AgentStore } from '../../ports/store.js';
import type { Degradations } from '../observe/degradations.js';
import { metricsText } from './metrics-text.js';
import { AGENT_VERSION } from '../../version.js';
import type { MqttStack } from './mqtt-stack.js';
import { driftPayload, stateBody } from './report-bodies.js';
import type { Runtime } from '../runtime.js';

/** The loop ticks every second; this long without a tick means it is stuck. */
const STALLED_AFTER_MS = 30_000;

/** What /healthz, /status and /metrics answer for a running agent. */
export function statusRoutes(o: {
  config: AgentConfig;
  runtime: Runtime;
  store: AgentStore;
  mqtt: MqttStack | undefined;
  clock: Clock;
  routerErrors: () => number;
  degradations: Degradations;
  syslog?: SyslogListener | undefined;
}): StatusRoutes {
  const { config, runtime } = o;
  // The command handler writes the journal through its own path: its failures are store errors too.
  const storeErrors = () => {
    const m = o.mqtt?.stats();
    return o.store.health().errors + (m ? m.commands.journalFailures + m.spill.appendFailures : 0);
  };
  return {
    health: () => {
      // Only a stalled loop fails the IOx monitor (a restart may cure it); a degraded store or an
      // unreachable router is reported, not failed: restarting cures neither, and the agent still serves.
      const stalled = o.clock.now() - runtime.lastTickAtMs > STALLED_AFTER_MS;
      const degraded = o.degradations.list();
      const status = stalled ? 'stalled' : degraded.length > 0 ? 'degraded' : 'ok';
      return {
        ok: !stalled,
        // The mode in force (set-policy and SIGHUP change it), not the one the agent started with.
        body: {
          status,
          mode: runtime.current.mode,
          selected: runtime.loop.state.selected ?? null,
          ...(degraded.length > 0 ? { degraded } : {}),
          ...(runtime.loop.drift ? { drift: driftPayload(runtime.loop.drift) } : {}),
        },
      };
    },
    status: () => ({
      site: config.site,
      node: config.node,
      version: AGENT_VERSION,
      uptimeSec: Math.round((o.clock.now() - runtime.startedAtMs) / 1000),
      health: { status: o.degradations.degraded ? 'degraded' : 'ok', degraded: o.degradations.list() },
      state: stateBody(runtime),
      pollers: runtime.pollerStats(),
      reconcile: {
        drift: runtime.loop.drift ? driftPayload(runtime.loop.drift) : null,
        driftsDetected: runtime.metrics.driftsDetected,
        repairsApplied: runtime.metrics.repairsApplied,
        repairsFailed: runtime.metrics.repairsFailed,
      },
      ...(runtime.routeTablesRefused.size > 0 ? { routeTablesRefused: Object.fromEntries(runtime.routeTablesRefused) } : {}),
      store: { ...o.store.health(), errors: storeErrors() },
      mqtt: o.mqtt?.stats() ?? null,
      ...(o.syslog ? { syslog: { dropped: o.syslog.dropped } } : {}),
      decisionLatencyMs: { p50: runtime.metrics.latencyQuantile(0.5) ?? null, p99: runtime.metrics.latencyQuantile(0.99) ?? null },
      // Metered WANs' usage and service-class compliance, as telemetry carries them (proto/README.md).
      ...(runtime.metered ? { metered: runtime.metered.telemetry() } : {}),
      ...((runtime.current.policy.classes?.length ?? 0) > 0 ? { classes: classTelemetry(runtime.current.policy, runtime.loop.state) } : {}),
    }),
    metrics: () =>
      metricsText(runtime, o.mqtt, {
        routerErrors: o.routerErrors(),
        storeErrors: storeErrors(),
        degraded: o.degradations.list(),
        ...(o.syslog ? { syslogDropped: o.syslog.dropped } : {}),
        rssBytes: process.memoryUsage.rss(),
        heapUsedBytes: process.memoryUsage().heapUsed,
      }),
  };
}
