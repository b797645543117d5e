/**
 * A consumer's view of the fleet, built from what arrives on `<root>/+/+/+`
 * (pure: the time of arrival is an argument). Used by `spokepilot fleet`;
 * a dashboard can reuse it.
 */
import type { EventPayload, StatePayload, StatusPayload } from './payloads.js';
import { parseTopic } from './topics.js';

export interface NodeView {
  site: string;
  node: string;
  status: 'online' | 'offline' | 'unknown';
  session?: number;
  /** Why it is offline: the Will fired, or the agent shut down. */
  offlineReason?: string;
  /** Stale Wills ignored (an older session's Will after a newer birth). */
  staleWills: number;
  activePeer?: string;
  activeSource?: string;
  selected?: string;
  mode?: string;
  override?: string;
  tunnel?: string;
  health: { id: string; verdict: string; suppressed: boolean }[];
  lastEvent?: { kind: string; summary: string; ts: number };
  /** Newest payload `ts` seen from the node, and when we received anything. */
  lastTs?: number;
  lastHeardMs: number;
}

export function summarizeEvent(e: EventPayload): string {
  switch (e.kind) {
    case 'decision': {
      const d = e.decision;
      return `${d.action}${d.from ? ` ${d.from}` : ''}${d.to ? ` -> ${d.to}` : ''} (${d.reason.code})${d.dryRun ? ' [dry-run]' : ''}`;
    }
    case 'path-change': return `path ${e.from.peer ?? '?'}/${e.from.source ?? '?'} -> ${e.to.peer ?? '?'}/${e.to.source ?? '?'}`;
    case 'health-change': return `${e.candidate} ${e.from} -> ${e.to}${e.cause ? ` (${e.cause.kind})` : ''}`;
    case 'route-diff': return `routes ${e.table} +${e.added} -${e.removed} ~${e.changed}`;
    case 'route-violation': return `${e.total} route violation(s) in ${e.table}`;
    case 'command': return `command ${e.cmd ?? '?'} ${e.outcome}${e.code ? ` (${e.code})` : ''}`;
    case 'warning': return `warning ${e.code}: ${e.message}`;
  }
}

export class FleetModel {
  private readonly byNode = new Map<string, NodeView>();
  private readonly newestOnline = new Map<string, number>();

  constructor(private readonly root: string) {}

  /** Applies one received message; returns false when it is not ours or not understood. */
  apply(topic: string, payload: Buffer | string, receivedMs: number): boolean {
    const at = parseTopic(this.root, topic);
    if (!at) return false;
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      return false;
    }
    if (body === null || typeof body !== 'object' || body.v !== 1) return false;
    const key = `${at.site}/${at.node}`;
    const view = this.byNode.get(key) ?? { site: at.site, node: at.node, status: 'unknown', staleWills: 0, health: [], lastHeardMs: receivedMs };
    if (at.leaf === 'cmd') return false; // an operator's message, says nothing about the node
    view.lastHeardMs = receivedMs;
    if (typeof body.ts === 'number' && at.leaf !== 'status') view.lastTs = Math.max(view.lastTs ?? 0, body.ts);
    switch (at.leaf) {
      case 'status': this.status(key, view, body as unknown as StatusPayload); break;
      case 'state': this.state(view, body as unknown as StatePayload); break;
      case 'event': {
        const e = body as unknown as EventPayload;
        if (!view.lastEvent || e.ts >= view.lastEvent.ts) view.lastEvent = { kind: e.kind, summary: summarizeEvent(e), ts: e.ts };
        break;
      }
      default: break;
    }
    this.byNode.set(key, view);
    return true;
  }

  private status(key: string, view: NodeView, s: StatusPayload): void {
    const newest = this.newestOnline.get(key) ?? -1;
    if (s.state === 'online') {
      if (s.session < newest) return;
      this.newestOnline.set(key, s.session);
      Object.assign(view, { status: 'online', session: s.session, offlineReason: undefined });
    } else if (s.session < newest) {
      view.staleWills++; // an older connection's Will, after a newer birth: not news
    } else {
      Object.assign(view, { status: 'offline', session: s.session, offlineReason: s.reason });
    }
  }

  private state(view: NodeView, s: StatePayload): void {
    view.activePeer = s.active.peer;
    view.activeSource = s.active.source;
    view.selected = s.selected;
    view.mode = s.mode;
    view.override = s.override ? `${s.override.peer ?? ''}${s.override.source ? ` ${s.override.source}` : ''} by ${s.override.by}`.trim() : undefined;
    view.tunnel = `${s.tunnel.lineProtocol}/${s.tunnel.ikeSa}`;
    view.health = s.candidates.map((c) => ({ id: c.id, verdict: c.verdict, suppressed: c.suppressed }));
  }

  nodes(): NodeView[] {
    return [...this.byNode.values()].sort((a, b) => a.site.localeCompare(b.site) || a.node.localeCompare(b.node));
  }
}

export function ago(ms: number): string {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  if (s < 86400) return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
  return `${Math.floor(s / 86400)}d${Math.floor((s % 86400) / 3600)}h`;
}

/** A plain-text table, one line per node. */
export function renderFleet(nodes: readonly NodeView[], nowMs: number): string {
  const rows = nodes.map((n) => [
    `${n.site}/${n.node}`,
    n.status + (n.offlineReason ? ` (${n.offlineReason})` : ''),
    n.activePeer ?? '-',
    n.activeSource ?? '-',
    n.health.map((h) => `${h.id}:${h.verdict}${h.suppressed ? '!' : ''}`).join(' ') || '-',
    n.lastEvent ? n.lastEvent.summary : '-',
    n.lastEvent ? ago(nowMs - n.lastEvent.ts) : '-',
    ago(nowMs - n.lastHeardMs),
  ]);
  const header = ['NODE', 'STATUS', 'PEER', 'WAN', 'HEALTH', 'LAST EVENT', 'EVENT AGO', 'HEARD'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) => cells.map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
