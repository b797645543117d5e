/**
 * Presence gating: the router probes the agent's presence port (IP SLA
 * `tcp-connect`, agent/ports/presence.ts) and counts the agent's stubs only
 * while it connects, so an agent that is dead, blind or in dry-run cannot
 * hold a hub or a WAN away: IOS then decides alone, as ios-tuned would.
 * Generated only when both ends are known: the port (presence.listen) and
 * the app's address (`--app-address`); never a made-up address. Pure.
 */
import type { IosConfigInput } from './ios-config.js';
import type { TrackLayout } from './ios-config-layout.js';

export type PresencePlan = { kind: 'on'; appAddress: string; port: number } | { kind: 'off'; missing: 'both' | 'listen' | 'app-address' };

/** `host:port` or `[v6]:port`: the port is after the last colon. */
export const listenPort = (listen: string) => Number(listen.slice(listen.lastIndexOf(':') + 1));

export function presencePlan(i: IosConfigInput): PresencePlan {
  if (i.presenceListen && i.appAddress) return { kind: 'on', appAddress: i.appAddress, port: listenPort(i.presenceListen) };
  return { kind: 'off', missing: !i.presenceListen && !i.appAddress ? 'both' : i.presenceListen ? 'app-address' : 'listen' };
}

export function presenceLines(i: IosConfigInput, plan: PresencePlan, l: TrackLayout): string[] {
  if (plan.kind === 'off') {
    const add = {
      both: 'set presence.listen in the file (a port the agent opens only while in control) and give --app-address A.B.C.D',
      listen: 'set presence.listen in the file (a port the agent opens only while in control)',
      'app-address': "give --app-address A.B.C.D (the app's address as the router reaches it: its IOx or Guest Shell interface)",
    }[plan.missing];
    return [
      '!',
      "! Presence gating is not generated: the agent's stubs count even when the agent is dead or blind.",
      '! To have IOS ignore them unless the agent is in control:',
      `!   ${add}.`,
    ];
  }
  const op = l.presence;
  const out = [
    '!',
    `! Presence: IP SLA tcp-connect to the agent's presence port (${plan.appAddress} port ${plan.port}), open only while the agent`,
    '! is in control (enforcing, reading the router, its tracks as it meant them). `control disable`: a plain TCP',
    '! connect, no IP SLA responder. `delay down 10` rides out a failed connect or two; `up 5` trusts it back soon.',
    `ip sla ${op}`,
    ` tcp-connect ${plan.appAddress} ${plan.port} control disable`,
    ' frequency 5',
    ' timeout 1000',
    `ip sla schedule ${op} life forever start-time now`,
    `track ${op} ip sla ${op} reachability`,
    ' delay down 10 up 5',
    '!',
    '! Each stub counts only while the agent is present: allowed when the stub is up OR the agent is absent',
    '! (EOT `list boolean or`, `object N not`).',
  ];
  const allow = (track: number, stub: number) => out.push(`track ${track} list boolean or`, `  object ${stub}`, `  object ${op} not`);
  i.peers.forEach((p, k) => allow(l.peers[k]!.allow, p.stubTrack));
  i.sources.forEach((s, k) => allow(l.sources[k]!.allow, s.stubTrack));
  return out;
}
