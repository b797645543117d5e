/**
 * A consumer's view of the fleet, built from what arrives on `<root>/+/+/+`
 * (pure: the time of arrival is an argument). Used by `spokepilot fleet`;
 * a dashboard can reuse it.
 */
import type { EventPayload, StatePayload, StatusPayload } from './payloads.js';
import { createPayloadValidators, type PayloadValidators } from './schemas/index.js';
import { parseTopic, type Leaf } from './topics.js';

/** Larger payloads are shown as invalid unparsed: no agent publishes one this big to the leaves the view reads. */
export const MAX_VIEW_PAYLOAD_BYTES = 1024 * 1024;

export interface NodeView {
  site: string;
  node: string;
  status: 'online' | 'offline' | 'unknown';
  session?: number;
  /** Why it is offline: the Will fired, or the agent shut down (and whether it left the router restored). */
  offlineReason?: string;
  /** Codes of what the agent reports degraded (store, router), from its state. */
  degraded?: string[];
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
  /**
   * The last payload that failed its JSON Schema (or was too large), as
   * `leaf: first error`; cleared by a valid one on the same leaf. What an
   * invalid payload says is not shown: any client allowed on the tree can
   * publish as any node (agent-to-fleet messages are not signed).
   */
  invalid?: string;
  invalidLeaf?: Leaf;
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
    case 'path-change':
      return `path ${e.from.peer ?? '?'}/${e.from.source ?? '?'} -> ${e.to.peer ?? '?'}/${e.to.source ?? '?'}`;
    case 'health-change':
      return `${e.candidate} ${e.from} -> ${e.to}${e.cause ? ` (${e.cause.kind})` : ''}`;
    case 'route-diff':
      return `routes ${e.table} +${e.added} -${e.removed} ~${e.changed}`;
    case 'route-violation':
      return `${e.total} route violation(s) in ${e.table}`;
    case 'command':
      return `command ${e.cmd ?? '?'} ${e.outcome}${e.code ? ` (${e.code})` : ''}${e.count ? ` x${e.count}` : ''}`;
    case 'warning':
      return `warning ${e.code}: ${e.message}`;
    case 'agent-health':
      return `${e.component} ${e.status} (${e.code})`;
    case 'drift':
      return `drift ${e.action}${e.drift ? ` (${e.drift.status}, ${e.drift.tracks.length} track(s)${e.drift.path ? ', path' : ''})` : ''}${e.applied ? ` ${e.applied}` : ''}${e.code ? ` (${e.code})` : ''}${e.reason ? ` ${e.reason.from} -> ${e.reason.peer} #${e.reason.attempt}` : ''} [${e.mode}]`;
    case 'metered':
      return e.action === 'threshold'
        ? `metered ${e.interface} at ${e.pct}% of its budget (${e.periodBytes ?? '?'} of ${e.budgetBytes ?? '?'} bytes)`
        : e.action === 'period-start'
          ? `metered ${e.interface}: new billing period (the last counted ${e.previousBytes ?? '?'} bytes)`
          : `metered ${e.interface}: counters restarted (cleared or reloaded)`;
    case 'shortcut':
      return `shortcut ${e.shortcut.prefix} via ${e.shortcut.via} ${e.action}${e.wasVia ? ` (was via ${e.wasVia})` : ''}`;
    case 'shortcut-violation':
      return e.violations.length === 0
        ? 'no shortcut takes a protected prefix any more'
        : `${e.violations.length} shortcut(s) take a protected prefix to another spoke: ${e.violations.map((v) => `${v.prefix} via ${v.via} (${v.protectedPrefix})`).join(', ')}`;
  }
}

export class FleetModel {
  private readonly byNode = new Map<string, NodeView>();
  private readonly newestOnline = new Map<string, number>();

  constructor(
    private readonly root: string,
    private readonly validators: PayloadValidators = createPayloadValidators(),
  ) {}

  /**
   * Applies one received message; returns false when it is not ours or not
   * understood. A payload of ours that fails its schema marks the node
   * invalid instead of being shown.
   */
  apply(topic: string, payload: Buffer | string, receivedMs: number): boolean {
    const at = parseTopic(this.root, topic);
    if (!at || at.leaf === 'cmd') return false; // cmd: an operator's message, says nothing about the node
    const key = `${at.site}/${at.node}`;
    const view = this.byNode.get(key) ?? {
      site: at.site,
      node: at.node,
      status: 'unknown',
      staleWills: 0,
      health: [],
      lastHeardMs: receivedMs,
    };
    const bytes = typeof payload === 'string' ? Buffer.byteLength(payload) : payload.length;
    if (bytes > MAX_VIEW_PAYLOAD_BYTES) return this.invalid(key, view, at.leaf, `${bytes} bytes`, receivedMs);
    let body: Record<string, unknown>;
    try {
      body = JSON.parse(payload.toString());
    } catch {
      return false;
    }
    if (body === null || typeof body !== 'object' || body.v !== 1) return false;
    const decoded = this.validators.decode(at.leaf, body);
    if (!decoded.ok) return this.invalid(key, view, at.leaf, decoded.errors[0]!, receivedMs);
    if (view.invalidLeaf === at.leaf) {
      delete view.invalid;
      delete view.invalidLeaf;
    }
    view.lastHeardMs = receivedMs;
    const p = decoded.payload;
    if (p.leaf !== 'status') view.lastTs = Math.max(view.lastTs ?? 0, p.body.ts);
    switch (p.leaf) {
      case 'status':
        this.status(key, view, p.body);
        break;
      case 'state':
        this.state(view, p.body);
        break;
      case 'event': {
        const e = p.body;
        if (!view.lastEvent || e.ts >= view.lastEvent.ts) view.lastEvent = { kind: e.kind, summary: summarizeEvent(e), ts: e.ts };
        break;
      }
      case 'telemetry':
      case 'routes':
      case 'reply':
      case 'cmd': // returned above: an operator's message
        break; // seen (lastHeardMs, lastTs), nothing more shown
    }
    this.byNode.set(key, view);
    return true;
  }

  private invalid(key: string, view: NodeView, leaf: Leaf, why: string, receivedMs: number): true {
    view.invalid = `${leaf}: ${why}`;
    view.invalidLeaf = leaf;
    view.lastHeardMs = receivedMs;
    // A state that does not validate replaces the one shown: the node's real state is unknown.
    if (leaf === 'state')
      Object.assign(view, {
        activePeer: undefined,
        activeSource: undefined,
        selected: undefined,
        mode: undefined,
        override: undefined,
        tunnel: undefined,
        health: [],
        degraded: undefined,
      });
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
      // Short enough for the status column: the code is in the payload.
      const restore = s.restore && s.restore !== 'verified' && s.restore !== 'skipped' ? `, NOT RESTORED: ${s.restore}` : '';
      Object.assign(view, { status: 'offline', session: s.session, offlineReason: s.reason ? s.reason + restore : undefined });
    }
  }

  private state(view: NodeView, s: StatePayload): void {
    view.activePeer = s.active.peer;
    view.activeSource = s.active.source;
    view.selected = s.selected;
    view.mode = s.mode;
    view.override = s.override
      ? `${s.override.peer ?? ''}${s.override.source ? ` ${s.override.source}` : ''} by ${s.override.by}`.trim()
      : undefined;
    view.tunnel = `${s.tunnel.lineProtocol}/${s.tunnel.ikeSa}`;
    view.health = s.candidates.map((c) => ({ id: c.id, verdict: c.verdict, suppressed: c.suppressed }));
    view.degraded = s.health?.status === 'degraded' ? s.health.degraded.map((d) => d.code) : undefined;
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

// Whole escape sequences: CSI (ESC [ … final byte), the string commands
// OSC/DCS/SOS/PM/APC (ESC ] P X ^ _ … up to BEL or ST), and two-byte escapes.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const ESC_SEQUENCE = /\x1b(?:\[[0-?]*[ -/]*[@-~]?|[\]PX^_][\s\S]*?(?:\x07|\x1b\\|$)|[\s\S]?)/g;
// C0, DEL, C1 (0x9b is a one-byte CSI on some terminals), and the Unicode
// format characters that reorder or break the line (bidi overrides, separators).
// eslint-disable-next-line no-control-regex -- as above
const CONTROL = /[\x00-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]/g;

/**
 * Text from the network made inert for a terminal (red-team finding 12: a
 * retained state could set the window title and clear the operator's screen):
 * each escape sequence becomes one visible `␛`, every other control character
 * its `\uXXXX` escape.
 */
export function terminalSafe(text: string): string {
  return text.replace(ESC_SEQUENCE, '\u241b').replace(CONTROL, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

/** A plain-text table, one line per node; every cell passes through terminalSafe. */
export function renderFleet(nodes: readonly NodeView[], nowMs: number): string {
  const rows = nodes.map((n) =>
    [
      `${n.site}/${n.node}`,
      n.status +
        (n.offlineReason ? ` (${n.offlineReason})` : '') +
        (n.degraded ? ` [degraded ${n.degraded.join(',')}]` : '') +
        (n.invalid ? ` [invalid ${n.invalid}]` : ''),
      n.activePeer ?? '-',
      n.activeSource ?? '-',
      n.health.map((h) => `${h.id}:${h.verdict}${h.suppressed ? '!' : ''}`).join(' ') || '-',
      n.lastEvent ? n.lastEvent.summary : '-',
      n.lastEvent ? ago(nowMs - n.lastEvent.ts) : '-',
      ago(nowMs - n.lastHeardMs),
    ].map(terminalSafe),
  );
  const header = ['NODE', 'STATUS', 'PEER', 'WAN', 'HEALTH', 'LAST EVENT', 'EVENT AGO', 'HEARD'];
  const widths = header.map((h, i) => Math.min(48, Math.max(h.length, ...rows.map((r) => r[i]!.length))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => (c.length > widths[i]! ? c.slice(0, widths[i]! - 1) + '…' : c.padEnd(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}
