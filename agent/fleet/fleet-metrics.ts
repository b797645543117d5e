/**
 * Prometheus text exposition (0.0.4) of the fleet: per-spoke gauges and fleet
 * totals, so Grafana can chart the fleet straight from the dashboard. Names
 * follow Prometheus' base units (seconds, ratios), as `promtool check metrics` asks.
 */
import type { FleetService } from './fleet-service.js';
import { overviewRow } from './fleet-state.js';

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');

export function fleetMetricsText(service: FleetService, p: { brokersConnected: number; rssBytes: number; sseClients: number }): string {
  const out: string[] = [];
  const metric = (name: string, type: 'gauge' | 'counter', help: string, samples: [Record<string, string>, number][]) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const l = Object.entries(labels)
        .map(([k, v]) => `${k}="${escapeLabel(v)}"`)
        .join(',');
      out.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(value) ? value : 'NaN'}`);
    }
  };
  const spokes = [...service.state.spokes.values()];
  const rows = spokes.map(overviewRow);
  const id = (r: { site: string; node: string }) => ({ site: r.site, node: r.node });
  metric(
    'spokepilot_fleet_spoke_online',
    'gauge',
    "1 while the spoke's agent is connected (its retained birth), 0 after its Will or goodbye.",
    rows.map((r) => [id(r), r.status === 'online' ? 1 : 0]),
  );
  metric(
    'spokepilot_fleet_spoke_preferred_path',
    'gauge',
    '1 when the spoke uses its most preferred candidate, 0 on a backup path.',
    rows.filter((r) => r.path).map((r) => [id(r), r.backup ? 0 : 1]),
  );
  metric(
    'spokepilot_fleet_spoke_degraded',
    'gauge',
    '1 when the agent reports itself degraded or its active candidate is bad.',
    rows.map((r) => [id(r), r.degraded ? 1 : 0]),
  );
  const live = spokes.flatMap((s) => Object.entries(s.live).map(([candidate, q]) => ({ s, candidate, q })));
  metric(
    'spokepilot_fleet_candidate_loss_ratio',
    'gauge',
    'Probe loss of a candidate path in the last telemetry, 0 to 1.',
    live.map(({ s, candidate, q }) => [{ ...id(s), candidate }, q.lossPct / 100]),
  );
  metric(
    'spokepilot_fleet_candidate_rtt_seconds',
    'gauge',
    'RTT of a candidate path in the last telemetry.',
    live.filter((l) => l.q.rttMs !== undefined).map(({ s, candidate, q }) => [{ ...id(s), candidate }, q.rttMs! / 1000]),
  );
  const count = (pred: (r: (typeof rows)[number]) => boolean) => rows.filter(pred).length;
  metric('spokepilot_fleet_spokes', 'gauge', 'Spokes known to the dashboard, by state.', [
    [{ state: 'online' }, count((r) => r.status === 'online')],
    [{ state: 'offline' }, count((r) => r.status === 'offline')],
    [{ state: 'unknown' }, count((r) => r.status === 'unknown')],
    [{ state: 'degraded' }, count((r) => r.degraded)],
    [{ state: 'backup_path' }, count((r) => r.backup)],
    [{ state: 'override' }, count((r) => r.override)],
  ]);
  metric('spokepilot_fleet_messages_total', 'counter', 'Fleet messages applied since the dashboard started.', [[{}, service.messages]]);
  metric('spokepilot_fleet_brokers_connected', 'gauge', 'Broker connections up.', [[{}, p.brokersConnected]]);
  metric('spokepilot_fleet_live_clients', 'gauge', 'Browsers following the live stream.', [[{}, p.sseClients]]);
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory of the dashboard process.', [[{}, p.rssBytes]]);
  return out.join('\n') + '\n';
}
