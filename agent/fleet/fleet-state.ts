/**
 * The dashboard's current picture of every spoke, from what arrives on the
 * fleet's topics (pure: arrival time is an argument). Payloads are checked
 * against the contract's schemas first; an older session's Will after a newer
 * birth is not news (as in proto/fleet-view.ts).
 */
import type { EventPayload, StatePayload, StatusPayload, TelemetryPayload } from '../../proto/payloads.js';
import { MAX_VIEW_PAYLOAD_BYTES } from '../../proto/fleet-view.js';
import { createPayloadValidators, type PayloadValidators } from '../../proto/schemas/index.js';
import { parseTopic } from '../../proto/topics.js';

export interface LiveQuality {
  lossPct: number;
  rttMs?: number;
  jitterMs?: number;
  ts: number;
}

export interface Spoke {
  key: string;
  site: string;
  node: string;
  status?: StatusPayload;
  state?: StatePayload;
  /** The active candidate (or peer/source) and when it became so. */
  path?: string;
  pathSince?: number;
  onlineSince?: number;
  live: Record<string, LiveQuality>;
  lastEvent?: EventPayload;
  lastHeardMs: number;
  invalid?: string;
}

/** What one message changed, for the store and the live stream. */
export type Applied =
  | { kind: 'spoke'; spoke: Spoke; persist: boolean }
  | { kind: 'telemetry'; spoke: Spoke; samples: { candidate: string; loss: number; rtt?: number; jitter?: number }[]; ts: number }
  | { kind: 'event'; spoke: Spoke; event: EventPayload }
  | { kind: 'reply'; spoke: Spoke; tx: string; body: Record<string, unknown> };

export interface OverviewRow {
  key: string;
  site: string;
  node: string;
  status: 'online' | 'offline' | 'unknown';
  degraded: boolean;
  backup: boolean;
  override: boolean;
  hub?: string;
  wan?: string;
  path?: string;
  version?: string;
  mode?: string;
  pathSince?: number;
  lastEventTs?: number;
  lastHeardMs: number;
}

export function pathOf(s: StatePayload | undefined): string | undefined {
  if (!s) return undefined;
  return s.active.candidate ?? (s.active.peer || s.active.source ? `${s.active.peer ?? '?'}/${s.active.source ?? '?'}` : undefined);
}

export function overviewRow(s: Spoke): OverviewRow {
  const st = s.state;
  const preferred = st?.candidates[0]?.id;
  const path = pathOf(st);
  return {
    key: s.key,
    site: s.site,
    node: s.node,
    status: s.status ? s.status.state : 'unknown',
    degraded:
      st?.health?.status === 'degraded' ||
      (st?.candidates.some((c) => c.id === path && c.verdict === 'bad') ?? false) ||
      s.invalid !== undefined,
    backup: path !== undefined && preferred !== undefined && path !== preferred,
    override: st?.override !== undefined,
    ...(st?.active.peer ? { hub: st.active.peer } : {}),
    ...(st?.active.source ? { wan: st.active.source } : {}),
    ...(path ? { path } : {}),
    ...(s.status?.agentVersion ? { version: s.status.agentVersion } : {}),
    ...(st ? { mode: st.mode } : {}),
    ...(s.pathSince ? { pathSince: s.pathSince } : {}),
    ...(s.lastEvent ? { lastEventTs: s.lastEvent.ts } : {}),
    lastHeardMs: s.lastHeardMs,
  };
}

export class FleetState {
  readonly spokes = new Map<string, Spoke>();
  private readonly validators: PayloadValidators;

  constructor(
    private readonly root: string,
    validators?: PayloadValidators,
  ) {
    this.validators = validators ?? createPayloadValidators();
  }

  /** Restores a spoke saved before a restart. */
  restore(s: Omit<Spoke, 'live' | 'lastHeardMs'> & { lastHeardMs?: number }): void {
    this.spokes.set(s.key, { ...s, live: {}, lastHeardMs: s.lastHeardMs ?? 0 });
  }

  apply(topic: string, payload: Buffer | string, nowMs: number): Applied | undefined {
    const at = parseTopic(this.root, topic);
    if (!at || at.leaf === 'cmd' || at.leaf === 'routes') return undefined;
    const key = `${at.site}/${at.node}`;
    const size = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (size > MAX_VIEW_PAYLOAD_BYTES) return undefined;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload.toString()) as Record<string, unknown>;
    } catch {
      return undefined;
    }
    if (body === null || typeof body !== 'object' || body.v !== 1) return undefined;
    const spoke = this.spokes.get(key) ?? { key, site: at.site, node: at.node, live: {}, lastHeardMs: nowMs };
    this.spokes.set(key, spoke);
    const decoded = this.validators.decode(at.leaf, body);
    if (!decoded.ok) {
      // Not shown: anyone allowed on the tree can publish as any node; the spoke is marked instead.
      spoke.invalid = `${at.leaf}: ${decoded.errors[0]}`;
      return { kind: 'spoke', spoke, persist: false };
    }
    spoke.lastHeardMs = nowMs;
    const p = decoded.payload;
    switch (p.leaf) {
      case 'status':
        return this.status(spoke, p.body, nowMs);
      case 'state':
        return this.state(spoke, p.body, nowMs);
      case 'telemetry':
        return this.telemetry(spoke, p.body);
      case 'event': {
        const e = p.body;
        if (!spoke.lastEvent || e.ts >= spoke.lastEvent.ts) spoke.lastEvent = e;
        return { kind: 'event', spoke, event: e };
      }
      case 'reply':
        return p.body.tx !== null ? { kind: 'reply', spoke, tx: p.body.tx, body } : undefined;
      case 'routes':
      case 'cmd':
        return undefined; // returned above, before parsing
    }
  }

  private status(spoke: Spoke, s: StatusPayload, nowMs: number): Applied | undefined {
    const newest = spoke.status?.state === 'online' ? spoke.status.session : -1;
    if (s.session < newest) return undefined; // an older connection's Will or birth
    if (s.state === 'online' && !(spoke.status?.state === 'online' && spoke.status.session === s.session))
      spoke.onlineSince = s.ts ?? nowMs;
    if (s.state === 'offline') delete spoke.onlineSince;
    spoke.status = s;
    return { kind: 'spoke', spoke, persist: true };
  }

  private state(spoke: Spoke, s: StatePayload, nowMs: number): Applied {
    const path = pathOf(s);
    if (path !== spoke.path) {
      spoke.path = path;
      spoke.pathSince = s.ts ?? nowMs;
    }
    spoke.state = s;
    delete spoke.invalid;
    return { kind: 'spoke', spoke, persist: true };
  }

  private telemetry(spoke: Spoke, t: TelemetryPayload): Applied | undefined {
    const samples = t.sla
      .filter((s) => s.candidate !== undefined)
      .map((s) => ({
        candidate: s.candidate!,
        loss: s.lossPct,
        ...(s.rttMs !== undefined ? { rtt: s.rttMs } : {}),
        ...(s.jitterMs !== undefined ? { jitter: s.jitterMs } : {}),
      }));
    for (const s of samples)
      spoke.live[s.candidate] = {
        lossPct: s.loss,
        ts: t.ts,
        ...(s.rtt !== undefined ? { rttMs: s.rtt } : {}),
        ...(s.jitter !== undefined ? { jitterMs: s.jitter } : {}),
      };
    return samples.length ? { kind: 'telemetry', spoke, samples, ts: t.ts } : undefined;
  }

  rows(): OverviewRow[] {
    return [...this.spokes.values()].map(overviewRow);
  }
}
