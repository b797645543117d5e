/**
 * One journal entry (`spokepilot events`, `status` of a stopped agent) on one
 * line for a person: local time, kind, what happened in words. Entries of a
 * shape this version does not know fall back to their data, compacted.
 */
import type { BadCausePayload, DecisionPayload } from '../../../proto/payloads.js';
import { causeWords, decisionLine, errorWords, pathRepairSentence } from './reasons.js';
import { when } from './time.js';

export interface JournalRow {
  tsMs: number;
  kind: string;
  subject?: string | null;
  data: unknown;
}

type Data = Record<string, unknown>;

export function journalLine(r: JournalRow, nowMs: number): string {
  const words = describe(r, nowMs) ?? compact(r.data);
  // Padded so the kinds line up while "how long ago" changes width.
  return `${when(r.tsMs, nowMs).padEnd(21)} ${r.kind.padEnd(12)} ${r.subject ?? '-'}  ${words}`;
}

function describe(r: JournalRow, nowMs: number): string | undefined {
  const d = (r.data ?? {}) as Data;
  switch (r.kind) {
    case 'decision':
      return isDecision(d) ? decisionLine(d, nowMs) : undefined;
    case 'observation':
      return observationWords(d, nowMs);
    case 'health':
      return `${str(d.candidate)} ${str(d.from)} -> ${str(d.to)}${isCause(d.cause) ? `: ${causeWords(d.cause)}` : ''}`;
    case 'action':
      return d.kind === 'steer'
        ? `steer to ${str(d.candidate)} (hub ${str(d.peer)} via ${str(d.source)})`
        : d.kind === 'release'
          ? 'release: every candidate allowed, IOS decides'
          : undefined;
    case 'verification':
    case 'repair-outcome':
      return d.ok === true
        ? `done (${str(d.attempts)} attempt(s))`
        : d.ok === false
          ? `failed: ${errorWords(str(d.routerCode ?? d.code))}${d.rolledBack ? ', rolled back' : ''}`
          : undefined;
    case 'repair': {
      const intent = (d.intent ?? {}) as Data;
      return `putting the router back as intended: ${intent.kind === 'steer' ? `steered to ${str(intent.candidate)}` : 'every candidate allowed'}`;
    }
    case 'path-repair':
      return typeof d.code === 'string' ? pathRepairSentence(d as never, nowMs) : undefined;
    case 'mode': {
      if (d.action === 'release-left-forbids')
        return `started in ${r.subject ?? '?'}: gave back the forbids an earlier run left (track ${Array.isArray(d.tracks) ? d.tracks.join(', ') : '?'} up)`;
      const intent = (d.intent ?? {}) as Data;
      const what =
        d.action === 'release'
          ? "the agent's forbids released, the router decides alone"
          : d.action === 'steer'
            ? `steering to the selected ${str(intent.candidate)}`
            : 'nothing to change on the router';
      return `now ${r.subject ?? '?'}: ${what}`;
    }
    case 'command':
      return `${str(d.cmd ?? 'command')} ${str(d.outcome)}${d.keyId ? ` (key ${str(d.keyId)})` : ''}${d.code ? `: ${str(d.code)}` : ''}`;
    case 'route-diff':
      return `${str(d.added)} added, ${str(d.removed)} removed, ${str(d.changed)} changed (${str(d.routeCount)} routes)`;
    case 'agent-health':
      return `${d.status === 'recovered' ? 'recovered from' : 'degraded:'} ${errorWords(str(d.code))}${d.message ? `: ${str(d.message)}` : ''}`;
    case 'route-expectation':
      return d.total === 0 ? 'every route expectation met' : `${str(d.total)} route expectation(s) not met`;
    case 'metered':
      return meteredWords(d);
    case 'shortcut':
      return shortcutWords(d);
    case 'shortcut-expectation': {
      const v = Array.isArray(d.violations) ? (d.violations as Data[]) : [];
      return v.length === 0
        ? 'no shortcut takes a protected prefix'
        : `${v.length} shortcut(s) take a protected prefix to another spoke: ${v.map((x) => `${str((x.shortcut as Data | undefined)?.prefix)} (${str(x.protectedPrefix)})`).join(', ')}`;
    }
    default:
      return undefined;
  }
}

/** A dual-cloud spoke's NHRP shortcut change (agent/core/dual-cloud/shortcuts.ts ShortcutChange). */
function shortcutWords(d: Data): string | undefined {
  const s = (d.shortcut ?? {}) as Data;
  const to = `to ${str(s.prefix)} via spoke ${str(s.via)}${s.nbmaAddress ? ` (${str(s.nbmaAddress)})` : ''}`;
  switch (d.action) {
    case 'appeared':
      return `a shortcut ${to} appeared${s.expireSec !== undefined ? `, held ${str(s.expireSec)} s` : ''}`;
    case 'gone':
      return `the shortcut ${to} is gone`;
    case 'moved':
      return `the shortcut to ${str(s.prefix)} now goes via spoke ${str(s.via)} (was ${str((d.was as Data | undefined)?.via)})`;
    default:
      return undefined;
  }
}

/** A metered WAN's journal row (agent/core/metered/usage.ts MeteredEvent). */
function meteredWords(d: Data): string | undefined {
  switch (d.kind) {
    case 'threshold':
      return `${str(d.pct)} % of the budget used: ${str(d.periodBytes)} of ${str(d.budget)} bytes this billing period`;
    case 'period-start':
      return `a new billing period began; the last one counted ${str(d.previousBytes)} bytes`;
    case 'counters-reset':
      return "the router's counters restarted (cleared or reloaded): counting goes on from zero";
    default:
      return undefined;
  }
}

function observationWords(d: Data, nowMs: number): string | undefined {
  switch (d.kind) {
    case 'interface':
      return `interface ${str(d.name)} ${d.up ? 'up' : 'down'}`;
    case 'flexvpn':
      return d.activePeer || d.activeSource
        ? `the router uses hub ${str(d.activePeer ?? '-')} via ${str(d.activeSource ?? '-')}`
        : 'the router has no active peer';
    case 'override':
      return `operator ${str(d.by)} forces ${[d.peer && `peer ${str(d.peer)}`, d.source && `source ${str(d.source)}`].filter(Boolean).join(', ')} until ${typeof d.untilMs === 'number' ? when(d.untilMs, nowMs) : '?'}`;
    case 'clear-override':
      return `operator ${str(d.by)} cleared the override`;
    case 'router-judgement': {
      const forbidden = [
        list(d.peersForbidden) && `hubs ${list(d.peersForbidden)}`,
        list(d.sourcesForbidden) && `WANs ${list(d.sourcesForbidden)}`,
      ].filter(Boolean);
      return forbidden.length > 0 ? `the router's own tracks forbid ${forbidden.join(' and ')}` : "the router's own tracks forbid nothing";
    }
    case 'steer-failed':
      return `steering to ${str(d.candidate)} failed: ${errorWords(str(d.routerCode ?? d.code))}`;
    case 'clock-step':
      return `the wall clock stepped by ${typeof d.deltaMs === 'number' ? Math.round(d.deltaMs / 1000) : '?'} s`;
    case 'metered-budget':
      return `the budget of metered WAN ${str(d.source)} is ${d.spent ? 'spent' : 'available again'}`;
    case 'sla-stopped':
      return `full-rate probes ${list(d.operations)} stopped (standby): their samples forgotten`;
    case 'bgp-sessions':
      return list(d.down) ? `BGP sessions down: hubs ${list(d.down)}` : "every hub's BGP session is established";
    case 'hub-tracks': {
      const down = Array.isArray(d.down) ? (d.down as { peer?: unknown; track?: unknown }[]) : [];
      return down.length > 0
        ? `the router's quality tracks are Down for hubs ${down.map((x) => `${str(x.peer)} (track ${str(x.track)})`).join(', ')}`
        : "every hub's quality track is Up";
    }
    default:
      return undefined;
  }
}

const isDecision = (d: Data): d is Data & DecisionPayload =>
  typeof d.action === 'string' && typeof d.reason === 'object' && d.reason !== null;
const isCause = (c: unknown): c is BadCausePayload =>
  typeof c === 'object' &&
  c !== null &&
  ['quality', 'interface-down', 'unreachable', 'bgp-down', 'router-track-down'].includes((c as { kind?: string }).kind ?? '');
const str = (v: unknown): string => (v === undefined || v === null ? '-' : String(v));
const list = (v: unknown): string => (Array.isArray(v) ? v.join(', ') : '');
const compact = (data: unknown): string => JSON.stringify(data) ?? '';
