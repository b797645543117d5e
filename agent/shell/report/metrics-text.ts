import type { MqttStack } from './mqtt-stack.js';
import type { Runtime } from '../runtime.js';
import { measure } from '../../core/policy/quality.js';
import { classTelemetry } from './report-bodies.js';

/** Figures from outside the runtime: the store's write failures and the process's memory. */
export interface ProcessFigures {
  routerErrors: number;
  /** Syslog datagrams dropped: from a source not allowed, or over the rate. */
  syslogDropped?: { source: number; rate: number };
  /** 1 per degraded component (store, router), by code. */
  degraded: { component: string; code: string }[];
  storeErrors: number;
  rssBytes: number;
  heapUsedBytes: number;
}

/** Prometheus text exposition (version 0.0.4) of what an operator graphs and alerts on. */
export function metricsText(runtime: Runtime, mqtt: MqttStack | undefined, p: ProcessFigures): string {
  const out: string[] = [];
  const metric = (
    name: string,
    type: 'gauge' | 'counter' | 'summary',
    help: string,
    samples: [Record<string, string | number>, number][],
  ) => {
    out.push(`# HELP ${name} ${help}`, `# TYPE ${name} ${type}`);
    for (const [labels, value] of samples) {
      const l = Object.entries(labels)
        .map(([k, v]) => `${k}="${String(v).replace(/["\\\n]/g, '_')}"`)
        .join(',');
      out.push(`${name}${l ? `{${l}}` : ''} ${Number.isFinite(value) ? value : 'NaN'}`);
    }
  };
  const policy = runtime.current.policy;
  const state = runtime.loop.state;
  const ops = policy.candidates.flatMap((c) => c.slaOperations.map((op) => [c.id, op] as const));
  const windows = ops.map(([candidate, op]) => ({ candidate, op, m: measure(state.windows[op] ?? []) }));
  // Base units (seconds), as Prometheus' naming rules and `promtool check metrics` ask.
  metric(
    'spokepilot_sla_rtt_seconds',
    'gauge',
    'Mean RTT of answered probes in the window.',
    windows.filter((w) => w.m.rttMs !== undefined).map((w) => [{ operation: w.op, candidate: w.candidate }, w.m.rttMs! / 1000]),
  );
  metric(
    'spokepilot_sla_loss_pct',
    'gauge',
    'Probe loss in the window, percent.',
    windows.map((w) => [{ operation: w.op, candidate: w.candidate }, w.m.lossPct]),
  );
  metric(
    'spokepilot_sla_jitter_seconds',
    'gauge',
    'Mean RTT difference between consecutive probes.',
    windows.filter((w) => w.m.jitterMs !== undefined).map((w) => [{ operation: w.op, candidate: w.candidate }, w.m.jitterMs! / 1000]),
  );
  metric(
    'spokepilot_candidate_good',
    'gauge',
    '1 when the candidate is judged good, 0 when bad, -1 before any evidence.',
    policy.candidates.map((c) => {
      const v = state.health[c.id]?.verdict;
      return [{ candidate: c.id }, v === 'good' ? 1 : v === 'bad' ? 0 : -1];
    }),
  );
  metric(
    'spokepilot_candidate_selected',
    'gauge',
    '1 for the candidate the agent steers to.',
    policy.candidates.map((c) => [{ candidate: c.id }, state.selected === c.id ? 1 : 0]),
  );
  // Reconciliation: where the router is against where the agent wants it (issue 13).
  const active = state.routerActive;
  const intent = runtime.loop.intent();
  metric(
    'spokepilot_active_path',
    'gauge',
    '1 for the candidate the router uses now (show crypto ikev2 client flexvpn).',
    policy.candidates.map((c) => [{ candidate: c.id }, active?.peer === c.peer && active?.source === c.source ? 1 : 0]),
  );
  metric(
    'spokepilot_intended_path',
    'gauge',
    '1 for the candidate the agent intends the router to use (none while released or in dry-run).',
    policy.candidates.map((c) => [{ candidate: c.id }, intent?.kind === 'steer' && intent.candidate === c.id ? 1 : 0]),
  );
  const drift = runtime.loop.drift;
  metric(
    'spokepilot_drift',
    'gauge',
    '1 while the router differs from what the agent intends (status: repairing, unrepaired, dry-run, held); 0 in sync.',
    [[drift ? { status: drift.status } : {}, drift ? 1 : 0]],
  );
  metric('spokepilot_drift_total', 'counter', 'Times the router was found to differ from what the agent intends.', [
    [{}, runtime.metrics.driftsDetected],
  ]);
  metric('spokepilot_drift_repairs_total', 'counter', 'Repairs of a difference: applied, or refused by the router.', [
    [{ outcome: 'applied' }, runtime.metrics.repairsApplied],
    [{ outcome: 'failed' }, runtime.metrics.repairsFailed],
  ]);
  metric('spokepilot_path_changes_total', 'counter', 'Steering changes made.', [[{}, runtime.metrics.pathChanges]]);
  metric('spokepilot_decisions_total', 'counter', 'Decisions taken (adopt, switch, release, hold).', [[{}, runtime.metrics.decisions]]);
  metric('spokepilot_actuation_failures_total', 'counter', 'Steers the router did not take (after retries).', [
    [{}, runtime.metrics.actuationFailures],
  ]);
  metric(
    'spokepilot_decision_latency_seconds',
    'summary',
    'Observation in to configuration command out, recent quantiles.',
    [0.5, 0.99].map((q) => [{ quantile: q }, (runtime.metrics.latencyQuantile(q) ?? NaN) / 1000] as [Record<string, number>, number]),
  );
  metric('spokepilot_router_errors_total', 'counter', 'SSH/dohost connection failures and failed reads.', [[{}, p.routerErrors]]);
  metric(
    'spokepilot_store_errors_total',
    'counter',
    'Database writes that failed, and routing tables not cached (too large, worker out of memory).',
    [[{}, p.storeErrors]],
  );
  // The IOx profile is a memory bound: alert well before the container is killed.
  metric('process_resident_memory_bytes', 'gauge', 'Resident memory of the agent process.', [[{}, p.rssBytes]]);
  metric('spokepilot_heap_used_bytes', 'gauge', "The main thread's V8 heap in use.", [[{}, p.heapUsedBytes]]);
  if (p.syslogDropped) {
    metric(
      'spokepilot_syslog_dropped_total',
      'counter',
      'Syslog datagrams dropped unread: from a source not allowed, or over the per-source rate.',
      [
        [{ why: 'source' }, p.syslogDropped.source],
        [{ why: 'rate' }, p.syslogDropped.rate],
      ],
    );
  }
  metric(
    'spokepilot_degraded',
    'gauge',
    '1 while a component runs degraded (the code says why); no sample when healthy.',
    p.degraded.map((d) => [{ component: d.component, code: d.code }, 1]),
  );
  // Metered WANs (README: Metered WANs): bytes of the billing period and of the UTC day, both directions, from the router's counters.
  const metered = runtime.metered?.telemetry() ?? [];
  if (metered.length > 0) {
    metric(
      'spokepilot_metered_period_bytes',
      'gauge',
      "Bytes through the metered WAN in this billing period, both directions (the router's interface counters).",
      metered.map((m) => [{ interface: m.interface }, m.periodBytes]),
    );
    metric(
      'spokepilot_metered_day_bytes',
      'gauge',
      'Bytes through the metered WAN on this UTC day, both directions.',
      metered.map((m) => [{ interface: m.interface }, m.dayBytes]),
    );
    metric(
      'spokepilot_metered_budget_bytes',
      'gauge',
      "The metered WAN's budget for a billing period.",
      metered.map((m) => [{ interface: m.interface }, m.budgetBytes]),
    );
    metric(
      'spokepilot_metered_budget_spent',
      'gauge',
      '1 once the budget of the billing period is spent.',
      metered.map((m) => [{ interface: m.interface }, m.spent ? 1 : 0]),
    );
  }
  // Service classes (README: Service-level classes): each candidate's compliance with each class probed on it.
  const classes = classTelemetry(policy, state);
  if (classes.length > 0) {
    metric(
      'spokepilot_class_compliant',
      'gauge',
      '1 when the candidate meets the service class, 0 when it fails it, -1 before enough evidence.',
      classes.map((k) => [{ candidate: k.candidate, class: k.class }, k.compliance === 'meets' ? 1 : k.compliance === 'fails' ? 0 : -1]),
    );
  }
  metric('spokepilot_parse_warnings_total', 'counter', 'Lines of router output the parsers did not understand.', [
    [{}, runtime.metrics.parseWarnings],
  ]);
  if (mqtt) {
    const s = mqtt.stats();
    metric('spokepilot_mqtt_connected', 'gauge', '1 while connected to the broker.', [[{}, s.connected ? 1 : 0]]);
    metric('spokepilot_outbox_depth', 'gauge', 'Messages waiting for the broker.', [[{}, s.outboxDepth]]);
    metric('spokepilot_outbox_evictions_total', 'counter', 'Messages dropped from the outbox (space or age), never silently.', [
      [{}, s.evictions],
    ]);
    const c = s.commands;
    metric(
      'spokepilot_command_unauthenticated_refusals_total',
      'counter',
      'Command messages refused before authentication (too large, retained, malformed, unsigned, unknown key, bad signature).',
      [[{}, c.unauthenticatedRefusals]],
    );
    metric(
      'spokepilot_command_refusals_summarised_total',
      'counter',
      'Refusals over the journal budget, journaled only in a summary with a count.',
      [[{}, c.refusalsSummarised]],
    );
    metric('spokepilot_command_replies_dropped_total', 'counter', 'Refusals over the reply budget, not answered.', [
      [{}, c.repliesDropped],
    ]);
    metric(
      'spokepilot_command_journal_failures_total',
      'counter',
      'Command journal writes that failed (a full disk): refusals answered but not journaled, commands not run.',
      [[{}, c.journalFailures]],
    );
  }
  return out.join('\n') + '\n';
}
