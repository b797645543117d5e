/**
 * The data of one spoke's page, in words where words are due: decisions and
 * degradations through the CLI's sentences, command replies summarised.
 */
import type { EventPayload } from '../../proto/payloads.js';
import { causeWords, decisionLine, errorWords } from '../cli/human/reasons.js';
import { eventText } from './event-text.js';
import type { CommandRow, FleetStore } from './fleet-db.js';
import { overviewRow, type Spoke } from './fleet-state.js';

const ROUTE_KINDS = ['route-diff', 'route-violation'];

export function replyText(reply: Record<string, unknown> | undefined): string | undefined {
  if (!reply) return undefined;
  if (reply.ok === true) {
    const result = JSON.stringify(reply.result ?? {});
    return `done${result !== '{}' ? `: ${result.length > 300 ? `${result.slice(0, 300)}…` : result}` : ''}`;
  }
  const e = reply.error as { code?: string; message?: string } | undefined;
  return `refused or failed (${e?.code ?? '?'}): ${e?.message ?? 'no message'}`;
}

export function commandView(c: CommandRow) {
  const reply = c.reply ? (JSON.parse(c.reply) as Record<string, unknown>) : undefined;
  return {
    tx: c.tx,
    sentMs: c.sent_ms,
    sentBy: c.sent_by,
    cmd: c.cmd,
    args: JSON.parse(c.args) as unknown,
    ...(reply ? { ok: reply.ok === true, replyText: replyText(reply), replyMs: c.reply_ms } : {}),
  };
}

export function spokePage(s: Spoke, store: FleetStore, nowMs: number) {
  const st = s.state;
  const events = store.events(s.key, 60).map((r) => JSON.parse(r.body) as EventPayload);
  const text = (e: EventPayload) => ({ ts: e.ts, kind: e.kind, text: eventText(e, nowMs) });
  return {
    ...overviewRow(s),
    ...(s.onlineSince ? { onlineSince: s.onlineSince } : {}),
    ...(s.invalid ? { invalid: s.invalid } : {}),
    offlineReason: s.status?.state === 'offline' ? (s.status.reason ?? 'unknown') : undefined,
    tunnel: st?.tunnel,
    override: st?.override
      ? { ...st.override, text: `forced by ${st.override.by} until ${new Date(st.override.untilMs).toISOString()}` }
      : undefined,
    agentHealth: st?.health ?? undefined,
    storeHealth: st?.health?.degraded.find((d) => d.component === 'store')
      ? errorWords(st.health.degraded.find((d) => d.component === 'store')!.code)
      : st?.health
        ? 'ok'
        : 'not reported by this agent version',
    degradations: (st?.health?.degraded ?? []).map((d) => ({
      component: d.component,
      text: errorWords(d.code),
      message: d.message,
      sinceMs: d.sinceMs,
    })),
    candidates: (st?.candidates ?? []).map((c) => ({
      id: c.id,
      peer: c.peer,
      source: c.source,
      verdict: c.verdict,
      sinceMs: c.sinceMs,
      suppressed: c.suppressed,
      active: c.id === st?.active.candidate,
      ...(c.cause ? { causeText: causeWords(c.cause) } : {}),
      ...(s.live[c.id] ? { live: s.live[c.id] } : {}),
    })),
    lastDecision: st?.lastDecision ? { atMs: st.lastDecision.atMs, text: decisionLine(st.lastDecision, nowMs) } : undefined,
    decisions: events
      .filter((e) => e.kind === 'decision')
      .slice(0, 20)
      .map(text),
    routeChanges: events
      .filter((e) => ROUTE_KINDS.includes(e.kind))
      .slice(0, 20)
      .map(text),
    events: events.slice(0, 40).map(text),
    commands: store.commands(s.key, 20).map(commandView),
  };
}

/** Spokes per hub and their health: a sick hub shows as many spokes moving at once. */
export function hubView(spokes: Iterable<Spoke>) {
  const hubs = new Map<
    string,
    { hub: string; spokes: number; online: number; degraded: number; badCandidates: number; candidates: number }
  >();
  const entry = (hub: string) => {
    let h = hubs.get(hub);
    if (!h) hubs.set(hub, (h = { hub, spokes: 0, online: 0, degraded: 0, badCandidates: 0, candidates: 0 }));
    return h;
  };
  for (const s of spokes) {
    const row = overviewRow(s);
    if (row.hub) {
      const h = entry(row.hub);
      h.spokes++;
      if (row.status === 'online') h.online++;
      if (row.degraded) h.degraded++;
    }
    for (const c of s.state?.candidates ?? []) {
      const h = entry(c.peer);
      h.candidates++;
      if (c.verdict === 'bad') h.badCandidates++;
    }
  }
  return [...hubs.values()].sort((a, b) => a.hub.localeCompare(b.hub));
}
