/**
 * The router-side configuration a spokepilot configuration expects, as IOS
 * configuration text for an operator to review and paste (issues 12, 13):
 * the layered one (lab/baselines/agent-on-ios-tuned.ios, generalised to any
 * peers, sources and candidates). IOS keeps its own tuned judgement of every
 * hub and WAN; the agent's stubs can only take one away, and with presence
 * gating only while the agent is in control. It passes the agent's
 * preflight (agent/core/preflight.ts) by construction. Every choice the file
 * cannot know (the host behind the hubs, the app's address when not given,
 * a password) is a comment saying what to choose, never a made-up value. Pure.
 */
import { isIpv4 } from './address.js';
import { eemAppletName, MAX_PEER_SEQ } from './actuation/plan.js';
import { judgementLines, peerJudged } from './ios-config-judgement.js';
import { DEFAULT_TRACK_BASE, trackLayout, type LayoutProblem, type TrackLayout } from './ios-config-layout.js';
import { presenceLines, presencePlan, type PresencePlan } from './ios-config-presence.js';
import { classProbeLines, probeLines, tunnelProbeLines } from './ios-config-probes.js';
import type { ServiceClass } from './policy/classes.js';

export interface IosConfigInput {
  site: string;
  node: string;
  client: string;
  tunnel: string;
  peers: readonly { address: string; stubTrack: number }[];
  /** `metered.fullRateOperations`: a metered WAN's full-rate probes, generated but not scheduled. */
  sources: readonly { interface: string; stubTrack: number; metered?: { fullRateOperations: readonly number[] } }[];
  candidates: readonly {
    id: string;
    peer: string;
    source: string;
    slaOperations: readonly number[];
    classOperations?: Readonly<Record<string, readonly number[]>>;
  }[];
  /** policy.classes: each class's operations are generated marked with its DSCP (ios-config-probes.ts classProbeLines). */
  classes?: readonly ServiceClass[];
  /** policy.fail.rttMs: the service level, so IOS's path probes judge latency as the agent does. */
  serviceLevelRttMs: number;
  /** How often the agent reads the probes (polling.slaSec): the probes need not run faster. */
  probeFrequencySec: number;
  /** flexvpn.tunnelSlaOperations. */
  tunnelSlaOperations?: readonly number[];
  /** `host:port` the agent listens for syslog on, if any. */
  syslogListen?: string;
  /** presence.listen: the agent's presence port, if any. */
  presenceListen?: string;
  /** The app's address as the router reaches it (`--app-address`), if the operator gave it. */
  appAddress?: string;
  /** The agent's router user, if it logs in over SSH. */
  username?: string;
  /** actuation.eemAppletPrefix when the stub tracks are set by EEM applets (setTracksWith eem-applets). */
  eemAppletPrefix?: string;
  /** First of the generated tracks (`--track-base`); DEFAULT_TRACK_BASE when absent. */
  trackBase?: number;
}

export interface IosConfigProblem {
  code: LayoutProblem['code'] | 'BAD_APP_ADDRESS' | 'BAD_PRESENCE_PORT';
  message: string;
}

export type IosConfigResult = { ok: true; text: string } | { ok: false; problems: IosConfigProblem[] };

export function iosConfig(i: IosConfigInput): IosConfigResult {
  const problems: IosConfigProblem[] = [];
  // Text that reaches IOS is checked against a strict grammar (DESIGN §6), even from the CLI.
  if (i.appAddress !== undefined && !isIpv4(i.appAddress))
    problems.push({ code: 'BAD_APP_ADDRESS', message: `--app-address "${i.appAddress}" is not an IPv4 address (A.B.C.D)` });
  if (i.peers.length > MAX_PEER_SEQ)
    problems.push({ code: 'TOO_MANY_OBJECTS', message: `${i.peers.length} peers: the FlexVPN client numbers them 1-${MAX_PEER_SEQ}` });
  const presence = presencePlan(i);
  if (presence.kind === 'on' && !(Number.isInteger(presence.port) && presence.port >= 1 && presence.port <= 65535)) {
    problems.push({ code: 'BAD_PRESENCE_PORT', message: `presence.listen "${i.presenceListen}" has no TCP port (1-65535)` });
  }
  const base = i.trackBase ?? DEFAULT_TRACK_BASE;
  const layout = trackLayout({
    base,
    presence: presence.kind === 'on',
    candidates: i.candidates.length,
    peers: i.peers,
    sources: i.sources,
    slaOperations: [...i.candidates.flatMap((c) => c.slaOperations), ...(i.tunnelSlaOperations ?? [])],
  });
  if (!layout.ok) problems.push(...layout.problems);
  if (problems.length > 0 || !layout.ok) return { ok: false, problems };

  const threshold = Math.round(i.serviceLevelRttMs);
  const out = [
    ...header(i, layout.used),
    ...stubLines(i),
    ...probeLines(i, threshold),
    ...judgementLines(i, layout.layout),
    ...presenceLines(i, presence, layout.layout),
    ...clientLines(i, presence, layout.layout),
    ...tunnelProbeLines(i, threshold),
    ...classProbeLines(i),
    ...footer(i),
  ];
  return { ok: true, text: out.join('\n') + '\n' };
}

function header(i: IosConfigInput, used: readonly number[]): string[] {
  return [
    `! spokepilot ${i.site}/${i.node}: the router configuration this agent expects, layered: IOS keeps its own`,
    '! tuned judgement of every hub and WAN, and the agent can only take one away (its stub down) or give it back.',
    '! When the agent is blind, slow or dead its stubs stay up and the router behaves as tuned IOS alone.',
    `! Tracks ${used[0]}-${used.at(-1)} are this configuration's own (--track-base moves them): check they are free (show track brief).`,
    '! Review before pasting in configuration mode; `spokepilot config check FILE --router` checks it after.',
  ];
}

function stubLines(i: IosConfigInput): string[] {
  const out = [
    '!',
    "! The agent's stub tracks (EOT `stub-object`, set only by configuration): up, they change nothing;",
    '! the agent sets one down to forbid a hub or a WAN preferred over its choice.',
  ];
  for (const t of [...i.peers, ...i.sources]) out.push(`track ${t.stubTrack} stub-object`, ' default-state up');
  if (i.eemAppletPrefix === undefined) return out;
  out.push(
    '!',
    '! The agent sets its stubs only through these applets (`event manager run NAME` from exec mode):',
    '! no configuration session, no running-config change. After a reload the stubs are up (default-state).',
  );
  for (const t of [...i.peers, ...i.sources]) {
    for (const up of [true, false]) {
      out.push(
        `event manager applet ${eemAppletName(i.eemAppletPrefix, t.stubTrack, up)}`,
        ' event none',
        ` action 1 track set ${t.stubTrack} state ${up ? 'up' : 'down'}`,
      );
    }
  }
  return out;
}

/**
 * Each line's track is an AND of IOS's judgement (a direct object, which
 * router-judgement.ts reads as the router's own) and the agent's say (its
 * stub, or the stub gated by presence).
 */
function clientLines(i: IosConfigInput, presence: PresencePlan, l: TrackLayout): string[] {
  const gated = presence.kind === 'on';
  const out = ['!', "! Each hub and WAN is allowed while IOS's judgement AND the agent allow it (EOT `list boolean and`)."];
  i.peers.forEach((p, k) => {
    const say = gated ? l.peers[k]!.allow : p.stubTrack;
    out.push(
      `track ${l.peers[k]!.client} list boolean and`,
      ...(peerJudged(i, p.address) ? [`  object ${l.peers[k]!.judgement}`] : []),
      `  object ${say}`,
    );
  });
  i.sources.forEach((s, k) => {
    const say = gated ? l.sources[k]!.allow : s.stubTrack;
    out.push(`track ${l.sources[k]!.client} list boolean and`, `  object ${l.sources[k]!.judgement}`, `  object ${say}`);
  });
  out.push(
    '!',
    '! The FlexVPN client: hubs and WANs in preference order. `peer reactivate` moves back to a preferred',
    '! hub when its track comes up again; `tunnel source dynamic` lets the source lines pivot the tunnel.',
    `crypto ikev2 client flexvpn ${i.client}`,
  );
  i.peers.forEach((p, n) => out.push(`  peer ${n + 1} ${p.address} track ${l.peers[n]!.client}`));
  out.push('  peer reactivate');
  i.sources.forEach((s, n) => out.push(`  source ${n + 1} ${s.interface} track ${l.sources[n]!.client}`));
  out.push(`  client connect ${i.tunnel}`, `interface ${i.tunnel}`, ' tunnel source dynamic');
  return out;
}

function footer(i: IosConfigInput): string[] {
  const out = ['!'];
  if (i.syslogListen) {
    const port = i.syslogListen.slice(i.syslogListen.lastIndexOf(':') + 1);
    out.push(`! Syslog wakes the agent early: send it to the app's address (its IOx or Guest Shell interface), port ${port}:`);
    out.push(`!   logging host ${i.appAddress ?? '<app-address>'} transport udp port ${port}`);
  }
  if (i.username && i.eemAppletPrefix !== undefined) out.push(...viewUserLines(i.username));
  else if (i.username) {
    out.push(`! The agent's user (router.ssh.username): privilege 15, for the show commands and its stub tracks`);
    out.push(`! (a lower level sees only what it may change in show running-config; a CLI view: docs/deploy.md):`);
    out.push(`!   username ${i.username} privilege 15 secret <a password or key of its own>`);
  }
  return out;
}

/**
 * With EEM applets the agent needs no configuration mode: a CLI view (role-based CLI) holding only
 * the exec commands it sends (docs/deploy.md lists them). Commented: `aaa new-model` changes how
 * every login is authenticated, which the operator must plan for.
 */
function viewUserLines(username: string): string[] {
  return [
    `! The agent's user (router.ssh.username), least privilege: a CLI view with exactly the exec commands it sends.`,
    "! Views need `aaa new-model` (add your own logins' aaa lines first), an enable secret, and `enable view` to create one:",
    '!   aaa new-model',
    '!   aaa authentication login default local',
    '!   aaa authorization exec default local',
    '!   parser view SPOKEPILOT',
    "!    secret <a secret of the view's own>",
    '!    commands exec include all show',
    '!    commands exec include terminal length',
    '!    commands exec include terminal width',
    '!    commands exec include event manager run',
    '!    commands exec include all clear crypto',
    `!   username ${username} view SPOKEPILOT secret <a password or key of its own>`,
    '! It reads the configuration with `show running-config view full` (a view alone shows only its own commands).',
  ];
}
