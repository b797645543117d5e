/**
 * An event as an operator reads it: decisions and health changes in the
 * sentences of the CLI (agent/cli/human/reasons.ts), so the page never shows
 * a reason code alone; the rest as `spokepilot fleet` summarises them.
 */
import type { EventPayload } from '../../proto/payloads.js';
import { summarizeEvent } from '../../proto/fleet-view.js';
import { causeWords, decisionLine, errorWords } from '../cli/human/reasons.js';

export function eventText(e: EventPayload, nowMs: number): string {
  switch (e.kind) {
    case 'decision':
      return decisionLine(e.decision, nowMs);
    case 'health-change':
      return `${e.candidate} ${e.from} -> ${e.to}${e.cause ? `: ${causeWords(e.cause)}` : ''}`;
    case 'path-change': {
      const p = (x: { peer?: string; source?: string }) =>
        x.peer || x.source ? `hub ${x.peer ?? '?'} via WAN ${x.source ?? '?'}` : 'no path (tunnel down)';
      return `path ${p(e.from)} -> ${p(e.to)}${e.downForMs ? ` (down ${(e.downForMs / 1000).toFixed(1)} s)` : ''}`;
    }
    case 'agent-health':
      return `${e.component} ${e.status}: ${errorWords(e.code)}${e.message ? ` (${e.message})` : ''}`;
    default:
      return summarizeEvent(e);
  }
}
