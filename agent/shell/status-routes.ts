import type { StatusRoutes } from '../adapters/http-status.js';
import type { AgentConfig } from '../config/types.js';
import type { Clock } from '../ports/clock.js';
import type { AgentStore } from './agent-store.js';
import { metricsText } from './metrics-text.js';
import { AGENT_VERSION, type MqttStack } from './mqtt-stack.js';
import { stateBody } from './report-bodies.js';
import type { Runtime } from './runtime.js';

/** The loop ticks every second; this long without a tick means it is stuck. */
const STALLED_AFTER_MS = 30_000;

/** What /healthz, /status and /metrics answer for a running agent. */
export function statusRoutes(o: {
  config: AgentConfig; runtime: Runtime; store: AgentStore; mqtt: MqttStack | undefined; clock: Clock; routerErrors: () => number;
}): StatusRoutes {
  const { config, runtime } = o;
  return {
    health: () => {
      const stalled = o.clock.now() - runtime.lastTickAtMs > STALLED_AFTER_MS;
      return { ok: !stalled, body: { status: stalled ? 'stalled' : 'ok', mode: config.policy.mode, selected: runtime.loop.state.selected ?? null } };
    },
    status: () => ({
      site: config.site, node: config.node, version: AGENT_VERSION, uptimeSec: Math.round((o.clock.now() - runtime.startedAtMs) / 1000),
      state: stateBody(runtime), pollers: runtime.pollerStats(), store: o.store.health(), mqtt: o.mqtt?.stats() ?? null,
      decisionLatencyMs: { p50: runtime.metrics.latencyQuantile(0.5) ?? null, p99: runtime.metrics.latencyQuantile(0.99) ?? null },
    }),
    metrics: () => metricsText(runtime, o.mqtt, {
      routerErrors: o.routerErrors(), storeErrors: o.store.health().errors,
      rssBytes: process.memoryUsage.rss(), heapUsedBytes: process.memoryUsage().heapUsed,
    }),
  };
}
