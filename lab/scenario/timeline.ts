/** One readable line per thing the router did, stamped with lab time since the scenario began. */
import type { RouterEvent } from '../router/events.js';

const WORD = { up: 'Up', down: 'Down' } as const;

export function describeEvent(e: RouterEvent): string | undefined {
  switch (e.kind) {
    case 'track':
      return `track ${e.trackId} (${e.object}) ${WORD[e.from]} -> ${WORD[e.to]}`;
    case 'link':
      return `interface ${e.interface} ${e.state}`;
    case 'line-protocol':
      return `line protocol ${e.interface} ${e.state}`;
    case 'ike-session':
      return `IKEv2 SA to ${e.peer} ${e.state.toUpperCase()}${e.reason ? ` (${e.reason})` : ''}`;
    case 'flexvpn-peer':
      return e.peer
        ? `FlexVPN ${e.client}: peer ${e.seq} ${e.peer} active, ${e.reason}`
        : `FlexVPN ${e.client}: no active peer (${e.reason})`;
    case 'flexvpn-source':
      return `FlexVPN ${e.client}: tunnel source ${e.from ?? 'none'} -> ${e.to ?? 'none'}`;
    case 'ike-negotiation-failed':
      return `FlexVPN ${e.client}: IKE negotiation with ${e.peer} failed${e.reason ? ` (${e.reason})` : ''}`;
    case 'dpd-miss':
      return `DPD: ${e.peer} did not answer (${e.misses} in a row)`;
    case 'bgp':
      return `BGP neighbor ${e.neighbor} ${WORD[e.state]}${e.reason ? ` (${e.reason})` : ''}`;
    case 'bgp-notification':
      return `BGP NOTIFICATION sent to ${e.neighbor} ${e.code} (${e.text})`;
    case 'routes':
      return `routes ${[...e.added.map((r) => `+${r}`), ...e.removed.map((r) => `-${r}`)].join(', ')}`;
    case 'config':
      return `configured by ${e.by}`;
    case 'world':
      return `>> ${e.description}`;
    case 'drop-sessions':
    case 'eem':
    case 'eem-log':
    case 'ip-sla-threshold':
      return undefined; // not lines of the timeline: the track and session changes they cause are
  }
}

export function timelineLine(startMs: number, e: RouterEvent): string | undefined {
  const text = describeEvent(e);
  if (text === undefined) return undefined;
  const t = ((e.at - startMs) / 1000).toFixed(1);
  return `+${t.padStart(7)}s  ${text}`;
}
