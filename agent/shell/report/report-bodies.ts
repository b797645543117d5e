import type { ClassTelemetry, DriftPayload, EventBody, InterfaceTelemetry, IpsecTelemetry, SlaTelemetry } from '../../../proto/payloads.js';
import { complianceOf } from '../../core/policy/classes.js';
import type { DriftView } from '../../core/reconcile.js';
import type { StateBody, TelemetryBody } from '../../../proto/publish-rules.js';
import type { MeteredEvent } from '../../core/metered/usage.js';
import type { PolicyConfig } from '../../core/policy/config.js';
import { measure } from '../../core/policy/quality.js';
import type { PolicyState } from '../../core/policy/types.js';
import type { Runtime } from '../runtime.js';
import type { RuntimeEvent } from './runtime-events.js';

/** The retained state: what the router uses, where the agent wants it, every candidate's verdict. */
export function stateBody(runtime: Runtime): StateBody {
  const policy: PolicyConfig = runtime.current.policy;
  const s: PolicyState = runtime.loop.state;
  const active = s.routerActive ?? {};
  const activeCandidate = policy.candidates.find((c) => c.peer === active.peer && c.source === active.source);
  // A dual-cloud spoke's tunnel is the one to the hub BGP uses (a candidate's "source").
  const tunnelName = runtime.config.dualCloud
    ? (activeCandidate?.source ?? runtime.config.dualCloud.hubs[0]!.tunnel)
    : runtime.config.flexvpn.tunnel;
  const tunnelRow = runtime.latest.interfaces.find((i) => i.name === tunnelName);
  const session = runtime.latest.sessions.find((x) => x.peerAddress === active.peer);
  const ipsecSas = runtime.latest.ipsec
    .filter((i) => i.peerAddress === active.peer)
    .reduce((n, i) => n + i.sas.filter((sa) => sa.status === 'active').length, 0);
  const degraded = runtime.degradations.list();
  const body: StateBody = {
    health: { status: degraded.length > 0 ? 'degraded' : 'ok', degraded },
    ...(policy.client !== undefined ? { client: policy.client } : {}),
    mode: policy.mode,
    active: { ...pick(active), ...(activeCandidate ? { candidate: activeCandidate.id } : {}) },
    released: s.released,
    candidates: policy.candidates.map((c) => {
      const h = s.health[c.id];
      return {
        id: c.id,
        peer: c.peer,
        source: c.source,
        verdict: h?.verdict ?? 'unknown',
        sinceMs: h?.sinceMs ?? 0,
        ...(h?.cause ? { cause: h.cause } : {}),
        suppressed: h?.damping.suppressed ?? false,
        ...(h?.trackUnconfirmed !== undefined ? { trackUnconfirmed: h.trackUnconfirmed } : {}),
      };
    }),
    tunnel: {
      interface: tunnelName,
      lineProtocol: tunnelRow ? (tunnelRow.protocol === 'up' ? 'up' : tunnelRow.protocol === 'down' ? 'down' : 'unknown') : 'unknown',
      ikeSa: session
        ? session.ikeSas.some((i) => i.status === 'active')
          ? 'ready'
          : session.status.startsWith('down')
            ? 'in-negotiation'
            : 'unknown'
        : 'none',
      ipsecSas,
    },
  };
  if (s.selected !== undefined) body.selected = s.selected;
  if (s.override) body.override = { ...pick(s.override), untilMs: s.override.untilMs, by: s.override.by };
  if (runtime.lastDecision) body.lastDecision = runtime.lastDecision;
  if (runtime.loop.drift) body.drift = driftPayload(runtime.loop.drift);
  return body;
}

/** SLA, interface and IPsec metrics; published on a significant change and on the heartbeat. */
export function telemetryBody(runtime: Runtime): TelemetryBody {
  const policy = runtime.current.policy;
  const windows = runtime.loop.state.windows;
  const sla: SlaTelemetry[] = runtime.latest.sla.map((r) => {
    const m = measure(windows[r.operationId] ?? []);
    const candidate = policy.candidates.find(
      (c) => c.slaOperations.includes(r.operationId) || Object.values(c.classOperations ?? {}).some((ops) => ops.includes(r.operationId)),
    );
    return {
      operation: r.operationId,
      ...(candidate ? { candidate: candidate.id } : {}),
      returnCode: r.returnCode ?? 'unknown',
      samples: m.samples,
      lossPct: m.lossPct,
      ...(m.rttMs !== undefined ? { rttMs: m.rttMs } : r.rttMs !== undefined ? { rttMs: r.rttMs } : {}),
      ...(m.jitterMs !== undefined ? { jitterMs: m.jitterMs } : {}),
    };
  });
  const c = runtime.config;
  const watched = new Set(
    c.dualCloud ? c.dualCloud.hubs.map((h) => h.tunnel) : [...c.flexvpn.sources.map((x) => x.interface), c.flexvpn.tunnel],
  );
  const interfaces: InterfaceTelemetry[] = runtime.latest.interfaces
    .filter((i) => watched.has(i.name))
    .map((i) => ({ name: i.name, status: i.status, lineProtocol: i.protocol === 'up' || i.protocol === 'down' ? i.protocol : 'unknown' }));
  const ipsec: IpsecTelemetry[] = runtime.latest.ipsec
    .filter((i) => i.peerAddress)
    .map((i) => ({
      peer: i.peerAddress!,
      interface: i.interface,
      sasUp: i.sas.filter((sa) => sa.status === 'active').length,
      pktsEncaps: i.counters.pktsEncaps ?? 0,
      pktsDecaps: i.counters.pktsDecaps ?? 0,
      sendErrors: i.counters.sendErrors ?? 0,
      recvErrors: i.counters.recvErrors ?? 0,
    }));
  const metered = runtime.metered?.telemetry();
  const classes = classTelemetry(policy, runtime.loop.state);
  const shortcuts = runtime.shortcuts?.map((s) => ({ ...s }));
  return {
    sla,
    interfaces,
    ipsec,
    ...(metered ? { metered } : {}),
    ...(classes.length > 0 ? { classes } : {}),
    ...(shortcuts ? { shortcuts } : {}),
  };
}

/** Each candidate's compliance with each service class probed on it. */
export function classTelemetry(policy: PolicyConfig, s: PolicyState): ClassTelemetry[] {
  return policy.candidates.flatMap((c) =>
    (policy.classes ?? []).flatMap((k) => {
      const h = complianceOf(s.classes, c, k);
      if (!h) return [];
      const m = h.metrics;
      return [
        {
          candidate: c.id,
          class: k.name,
          compliance: h.compliance,
          critical: k.critical,
          sinceMs: h.sinceMs,
          samples: m?.samples ?? 0,
          lossPct: m?.lossPct ?? 0,
          ...(m?.rttMs !== undefined ? { rttMs: m.rttMs } : {}),
          ...(m?.jitterMs !== undefined ? { jitterMs: m.jitterMs } : {}),
          breaches: h.breaches.map((b) => ({ ...b })),
        },
      ];
    }),
  );
}

/** The event a runtime event becomes on the `event` topic, if any. */
export function eventBody(e: RuntimeEvent): EventBody | undefined {
  switch (e.kind) {
    case 'decision':
      return { kind: 'decision', decision: e.decision };
    case 'health':
      return { kind: 'health-change', candidate: e.candidate, from: e.from, to: e.to, ...(e.cause ? { cause: e.cause } : {}) };
    case 'path-change':
      return { kind: 'path-change', from: e.from, to: e.to, ...(e.downForMs !== undefined ? { downForMs: e.downForMs } : {}) };
    case 'route-diff': {
      const t = e.summary.table;
      return {
        kind: 'route-diff',
        table: `${t.source ?? 'rib'}:${t.family}/${t.vrf}`,
        added: e.summary.added,
        removed: e.summary.removed,
        changed: e.summary.changed,
      };
    }
    case 'route-violations':
      return { kind: 'route-violation', table: 'rib', violations: e.violations, total: e.total };
    case 'actuation':
      return e.outcome.ok || e.outcome.code === 'ACTUATE_SUPERSEDED'
        ? undefined
        : {
            kind: 'warning',
            code: e.outcome.code,
            message: e.outcome.message,
            ...(e.effect.kind === 'steer' ? { subject: e.effect.candidate } : {}),
          };
    case 'degradation':
      return e.now
        ? { kind: 'agent-health', component: e.component, status: 'degraded', code: e.now.code, message: e.now.message }
        : { kind: 'agent-health', component: e.component, status: 'recovered', code: e.was?.code ?? 'unknown' };
    case 'drift': {
      const d = e.event;
      switch (d.action) {
        case 'detected':
        case 'raised':
        case 'resolved':
          return { kind: 'drift', action: d.action, mode: d.mode, drift: driftPayload(d.drift) };
        case 'repair-applied':
        case 'repair-failed':
          return {
            kind: 'drift',
            action: d.action,
            mode: d.mode,
            intended: { ...d.intended },
            ...(d.code ? { code: d.code } : {}),
            ...(d.message ? { message: d.message } : {}),
          };
        case 'mode-applied':
          return { kind: 'drift', action: d.action, mode: d.mode, applied: d.applied, intended: { ...d.intended } };
        case 'path-reselect':
        case 'path-reselected':
        case 'path-reselect-failed':
          return { kind: 'drift', action: d.action, mode: d.mode, reason: { ...d.reason } };
      }
      return undefined;
    }
    case 'metered':
      return meteredEventBody(e.event);
    case 'shortcut': {
      const { action, shortcut, was } = e.change;
      return { kind: 'shortcut', action, shortcut: { ...shortcut }, ...(was && was.via !== shortcut.via ? { wasVia: was.via } : {}) };
    }
    case 'shortcut-violations':
      return {
        kind: 'shortcut-violation',
        violations: e.violations.map((v) => ({ prefix: v.shortcut.prefix, via: v.shortcut.via, protectedPrefix: v.protectedPrefix })),
      };
    case 'read':
      return undefined;
  }
}

/** The core's drift view as published (a copy: the payload never aliases the loop's state). */
export function driftPayload(d: DriftView): DriftPayload {
  return {
    status: d.status,
    intended: { ...d.intended },
    tracks: d.tracks.map((t) => ({ ...t })),
    path: d.path,
    active: pick(d.active),
    repairs: d.repairs,
    sinceMs: d.sinceMs,
  };
}

const pick = (o: { peer?: string; source?: string }) => ({
  ...(o.peer ? { peer: o.peer } : {}),
  ...(o.source ? { source: o.source } : {}),
});

function meteredEventBody(e: MeteredEvent): EventBody {
  switch (e.kind) {
    case 'threshold':
      return {
        kind: 'metered',
        action: 'threshold',
        interface: e.interface,
        pct: e.pct,
        periodBytes: e.periodBytes,
        budgetBytes: e.budget,
        periodStartMs: e.periodStartMs,
      };
    case 'period-start':
      return {
        kind: 'metered',
        action: 'period-start',
        interface: e.interface,
        periodStartMs: e.periodStartMs,
        previousStartMs: e.previousStartMs,
        previousBytes: e.previousBytes,
      };
    case 'counters-reset':
      return { kind: 'metered', action: 'counters-reset', interface: e.interface };
  }
}
