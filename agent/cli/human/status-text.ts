/**
 * `spokepilot status` for a person: the running agent's /status answer in
 * words, local times, reasons as sentences. `--json` prints the answer itself.
 */
import type { CandidateState, DegradationPayload, DriftPayload } from '../../../proto/payloads.js';
import type { StateBody } from '../../../proto/publish-rules.js';
import { causeWords, decisionLine, errorWords } from './reasons.js';
import { duration, when } from './time.js';

/** What GET /status answers (agent/shell/report/status-routes.ts); only what is printed is typed. */
export interface StatusAnswer {
  site: string;
  node: string;
  version?: string;
  uptimeSec: number;
  health?: { status: string; degraded: DegradationPayload[] };
  state: StateBody;
  mqtt?: { connected: boolean; outboxDepth: number; spill?: { depth: number } } | null;
}

export function statusText(s: StatusAnswer, nowMs: number): string[] {
  const st = s.state;
  const lines = [`${s.site}/${s.node}${s.version ? ` (spokepilot ${s.version})` : ''}: up ${duration(s.uptimeSec)}`];
  lines.push(`  mode         ${modeWords(st)}`);
  lines.push(`  health       ${healthWords(s.health)}`);
  for (const d of s.health?.degraded ?? [])
    lines.push(`    - ${d.component}: ${errorWords(d.code)} since ${when(d.sinceMs, nowMs)}${d.message ? `: ${d.message}` : ''}`);
  lines.push(`  mqtt         ${mqttWords(s.mqtt)}`);
  const a = st.active;
  lines.push(
    `  router uses  ${a.peer || a.source ? `${a.peer ?? '-'} via ${a.source ?? '-'}` : 'no active path seen'}${a.candidate ? ` (${a.candidate})` : ''}`,
  );
  lines.push(`  agent wants  ${st.selected ?? '(not decided yet)'}`);
  if (st.override) {
    const o = st.override;
    lines.push(
      `  override     ${[o.peer && `peer ${o.peer}`, o.source && `source ${o.source}`].filter(Boolean).join(', ')} by ${o.by}, until ${when(o.untilMs, nowMs)}`,
    );
  }
  if (st.drift) lines.push(`  drift        ${driftWords(st.drift, nowMs)}`);
  lines.push('  candidates');
  for (const c of st.candidates) lines.push(`    ${c.id.padEnd(16)} ${candidateWords(c, nowMs)}`);
  if (st.lastDecision) lines.push(`  last decision at ${when(st.lastDecision.atMs, nowMs)}`, `    ${decisionLine(st.lastDecision, nowMs)}`);
  return lines;
}

function modeWords(st: StateBody): string {
  const mode = st.mode === 'dry-run' ? 'dry-run (decides and reports, changes nothing on the router)' : 'enforce (steers the router)';
  return st.released ? `${mode}; released: IOS decides alone` : mode;
}

function healthWords(h: StatusAnswer['health']): string {
  if (!h) return 'not reported by this agent version';
  return h.status === 'ok' ? 'ok' : `${h.status}: ${h.degraded.length} problem${h.degraded.length === 1 ? '' : 's'}`;
}

function mqttWords(m: StatusAnswer['mqtt']): string {
  if (!m) return 'not configured';
  const depth = m.outboxDepth;
  const queued = depth === 0 ? 'outbox empty' : `${depth} report${depth === 1 ? '' : 's'} waiting in the outbox`;
  return `${m.connected ? 'connected' : 'NOT connected'}, ${queued}`;
}

function candidateWords(c: CandidateState, nowMs: number): string {
  const since = c.sinceMs > 0 ? ` since ${when(c.sinceMs, nowMs)}` : '';
  const verdict = { good: 'good', bad: 'BAD', unknown: 'not judged yet' }[c.verdict] ?? c.verdict;
  const unconfirmed =
    c.trackUnconfirmed !== undefined
      ? ` (router track ${c.trackUnconfirmed} is Down, but the latest probes do not show it: not acted on)`
      : '';
  return `${verdict}${since}${c.cause ? `: ${causeWords(c.cause)}` : ''}${c.suppressed ? ' (suppressed: flapping)' : ''}${unconfirmed}`;
}

function driftWords(d: DriftPayload, nowMs: number): string {
  const status =
    {
      repairing: 'being repaired',
      unrepaired: 'NOT repaired (raised)',
      'dry-run': 'reported only (dry-run)',
      held: 'held while the policy moves',
    }[d.status] ?? d.status;
  const parts = d.tracks.map((t) => `track ${t.track} ${t.seen}, wants ${t.want}`);
  // The path alone: its repairs are reselects (the active hub's IKEv2 SA cleared).
  if (d.path)
    parts.push(
      `the router on hub ${d.active.peer ?? '-'} via ${d.active.source ?? '-'}, not ${d.intended.candidate ?? 'the intended path'}`,
    );
  const what = d.tracks.length === 0 && d.path ? 'reselect' : 'repair';
  return `${status} since ${when(d.sinceMs, nowMs)}, ${d.repairs} ${what}${d.repairs === 1 ? '' : 's'}${parts.length > 0 ? `: ${parts.join('; ')}` : ''}`;
}
