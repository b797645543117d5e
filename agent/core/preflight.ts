/**
 * Checks a configuration against the router's running configuration before
 * the agent steers anything: the FlexVPN client it names exists, its peer and
 * source lines reference the agent's stub tracks (directly or through a list
 * track), those tracks are stub objects, and each candidate's IP SLA
 * operations exist and probe from its WAN. A wrong name would otherwise make
 * the agent run "healthy" while steering nothing, or create stub tracks that
 * nothing references (issue 13). Pure: the text is `show running-config`.
 */
import { eemAppletName } from './actuation/plan.js';

export interface PreflightTargets {
  client: string;
  strategy: 'stub-tracks' | 'peer-order';
  /** Set when the stub tracks are set by the operator's EEM applets (actuation.setTracksWith eem-applets). */
  eemAppletPrefix?: string;
  peers: readonly { address: string; stubTrack: number }[];
  sources: readonly { interface: string; stubTrack: number }[];
  candidates: readonly { id: string; peer: string; source: string; slaOperations: readonly number[] }[];
  /** Probes through the tunnel (flexvpn.tunnelSlaOperations) and the tunnel they must be sourced from. */
  tunnelProbes?: { tunnel: string; operations: readonly number[] };
}

export interface PreflightProblem {
  code:
    | 'CLIENT_MISSING'
    | 'PEER_NOT_IN_CLIENT'
    | 'PEER_TRACK_NOT_AGENTS'
    | 'SOURCE_NOT_IN_CLIENT'
    | 'SOURCE_TRACK_NOT_AGENTS'
    | 'STUB_MISSING'
    | 'STUB_NOT_STUB'
    | 'SLA_MISSING'
    | 'SLA_WRONG_SOURCE'
    | 'SLA_WRONG_PEER'
    | 'APPLET_MISSING'
    | 'APPLET_WRONG';
  message: string;
  /** What to configure on the router (or change in the file). */
  fix: string;
}

interface Block {
  head: string;
  lines: string[];
}

/** Top-level lines with the indented lines under them. */
export function runningConfigBlocks(text: string): Block[] {
  const blocks: Block[] = [];
  for (const raw of text.split(/\r?\n/)) {
    if (raw.trim() === '' || raw.startsWith('!')) continue;
    if (/^\s/.test(raw)) blocks.at(-1)?.lines.push(raw.trim());
    else blocks.push({ head: raw.trim(), lines: [] });
  }
  return blocks;
}

/** A `track N ...` block: `kind` its first word (`list`, `stub-object`, `ip`), `type` all of it, its `object M [not]` lines. */
export interface TrackDef {
  kind: string;
  type: string;
  objects: { track: number; negated: boolean }[];
}

export function trackDefs(blocks: readonly Block[]): Map<number, TrackDef> {
  const tracks = new Map<number, TrackDef>();
  for (const b of blocks) {
    const m = /^track (\d+) (.+)$/.exec(b.head);
    if (!m) continue;
    const objects = b.lines.flatMap((l) => {
      const o = /^object (\d+)( not)?$/.exec(l);
      return o ? [{ track: Number(o[1]), negated: o[2] !== undefined }] : [];
    });
    const type = m[2]!.trim();
    tracks.set(Number(m[1]), { kind: type.split(' ')[0]!, type, objects });
  }
  return tracks;
}

/**
 * `track` is `target`, or a list with it among its objects at any depth (a layered
 * configuration gates the stub by the agent's presence: stub OR NOT present).
 * `throughNegated`: whether an `object M not` line leads on.
 */
export function leadsTo(
  tracks: ReadonlyMap<number, TrackDef>,
  track: number | undefined,
  target: number,
  throughNegated: boolean,
  depth = 0,
): boolean {
  if (track === undefined) return false;
  if (track === target) return true;
  return (
    depth < 8 &&
    (tracks.get(track)?.objects ?? []).some(
      (o) => (throughNegated || !o.negated) && leadsTo(tracks, o.track, target, throughNegated, depth + 1),
    )
  );
}

export function preflight(t: PreflightTargets, runningConfig: string): PreflightProblem[] {
  const blocks = runningConfigBlocks(runningConfig);
  const problems: PreflightProblem[] = [];
  const add = (code: PreflightProblem['code'], message: string, fix: string) => problems.push({ code, message, fix });

  const tracks = trackDefs(blocks);
  const slas = new Map<number, { target?: string; source?: string; jitter?: boolean }>();
  for (const b of blocks) {
    const m = /^ip sla (\d+)$/.exec(b.head);
    if (!m) continue;
    const echo = b.lines
      .map((l) => /^(?:icmp-echo|icmp-jitter|udp-jitter) (\S+).*?(?:source-interface|source-ip) (\S+)/.exec(l))
      .find(Boolean);
    const jitter = b.lines.some((l) => /^(?:icmp-jitter|udp-jitter) /.test(l));
    slas.set(Number(m[1]), { ...(echo ? { target: echo[1]!, source: echo[2]! } : {}), ...(jitter ? { jitter } : {}) });
  }
  const reaches = (track: number | undefined, stub: number) => leadsTo(tracks, track, stub, false);

  const client = blocks.find((b) => b.head === `crypto ikev2 client flexvpn ${t.client}`);
  if (!client) {
    add(
      'CLIENT_MISSING',
      `the router has no FlexVPN client "${t.client}"`,
      `check flexvpn.client; the router's clients: ${
        blocks
          .filter((b) => b.head.startsWith('crypto ikev2 client flexvpn '))
          .map((b) => b.head.split(' ').at(-1))
          .join(', ') || 'none'
      }`,
    );
  } else {
    const peerLines = client.lines.flatMap((l) => {
      const m = /^peer (\d+) (\S+)(?: track (\d+))?/.exec(l);
      return m ? [{ address: m[2]!, track: m[3] === undefined ? undefined : Number(m[3]) }] : [];
    });
    const sourceLines = client.lines.flatMap((l) => {
      const m = /^source (\d+) (\S+) track (\d+)/.exec(l);
      return m ? [{ interface: m[2]!, track: Number(m[3]) }] : [];
    });
    for (const p of t.peers) {
      const line = peerLines.find((l) => l.address === p.address);
      if (!line)
        add(
          'PEER_NOT_IN_CLIENT',
          `peer ${p.address} is not in client ${t.client}`,
          `crypto ikev2 client flexvpn ${t.client} / peer <seq> ${p.address} track ${p.stubTrack}`,
        );
      else if (t.strategy === 'stub-tracks' && !reaches(line.track, p.stubTrack)) {
        add(
          'PEER_TRACK_NOT_AGENTS',
          `peer ${p.address} is tracked by ${line.track === undefined ? 'nothing' : `track ${line.track}`}, which does not include the agent's stub track ${p.stubTrack}`,
          `peer <seq> ${p.address} track ${p.stubTrack} (or a list track with object ${p.stubTrack})`,
        );
      }
    }
    if (t.strategy === 'stub-tracks') {
      for (const s of t.sources) {
        const line = sourceLines.find((l) => l.interface === s.interface);
        if (!line)
          add(
            'SOURCE_NOT_IN_CLIENT',
            `source ${s.interface} is not in client ${t.client}`,
            `crypto ikev2 client flexvpn ${t.client} / source <n> ${s.interface} track ${s.stubTrack} (with tunnel source dynamic)`,
          );
        else if (!reaches(line.track, s.stubTrack)) {
          add(
            'SOURCE_TRACK_NOT_AGENTS',
            `source ${s.interface} is tracked by track ${line.track}, which does not include the agent's stub track ${s.stubTrack}`,
            `track ${line.track} list boolean and / object ${s.stubTrack} (or source <n> ${s.interface} track ${s.stubTrack})`,
          );
        }
      }
    }
  }
  if (t.strategy === 'stub-tracks') {
    for (const stub of [...t.peers.map((p) => p.stubTrack), ...t.sources.map((s) => s.stubTrack)]) {
      const tr = tracks.get(stub);
      if (!tr) add('STUB_MISSING', `track ${stub} does not exist`, `track ${stub} stub-object / default-state up`);
      else if (tr.kind !== 'stub-object')
        add(
          'STUB_NOT_STUB',
          `track ${stub} is a ${tr.kind} track, not a stub object the agent may set`,
          `choose a free track number for the agent, or: no track ${stub} / track ${stub} stub-object`,
        );
    }
  }
  if (t.strategy === 'stub-tracks' && t.eemAppletPrefix !== undefined) {
    for (const stub of [...t.peers.map((p) => p.stubTrack), ...t.sources.map((s) => s.stubTrack)]) {
      for (const up of [true, false]) appletProblem(blocks, t.eemAppletPrefix, stub, up, add);
    }
  }
  const peerAddresses = new Set(t.peers.map((p) => p.address));
  const seen = new Set<number>();
  for (const c of t.candidates) {
    for (const op of c.slaOperations) {
      // A probe of another of the file's hubs, listed by no candidate on that hub, judges the wrong path
      // (numbers swapped). Shared with a candidate on its hub it is a WAN probe (config ios makes those);
      // a hub's other address (a loopback behind it) or an internet anchor is the operator's choice.
      const target = slas.get(op)?.target;
      const probesItsHub = (o: (typeof t.candidates)[number]) => o.peer === target && o.slaOperations.includes(op);
      if (target !== undefined && target !== c.peer && peerAddresses.has(target) && !t.candidates.some(probesItsHub))
        add(
          'SLA_WRONG_PEER',
          `IP SLA operation ${op} probes ${target}, another hub, but candidate ${c.id} is on ${c.peer}`,
          `candidates.${c.id}.slaOperations: the operations that probe ${c.peer} (or the hub behind it) from ${c.source}`,
        );
      if (seen.has(op)) continue;
      seen.add(op);
      const sla = slas.get(op);
      if (!sla)
        add(
          'SLA_MISSING',
          `IP SLA operation ${op} (candidate ${c.id}) does not exist`,
          `ip sla ${op} / icmp-echo ${c.peer} source-interface ${c.source} / ip sla schedule ${op} life forever start-time now`,
        );
      else if (sla.source !== undefined && /^[A-Za-z]/.test(sla.source) && sla.source !== c.source) {
        add(
          'SLA_WRONG_SOURCE',
          `IP SLA operation ${op} probes from ${sla.source}, but candidate ${c.id} is on ${c.source}`,
          `candidates.${c.id}.slaOperations: the operations that probe from ${c.source}`,
        );
      }
    }
  }
  for (const op of t.tunnelProbes?.operations ?? []) {
    const sla = slas.get(op);
    if (!sla)
      add(
        'SLA_MISSING',
        `IP SLA operation ${op} (flexvpn.tunnelSlaOperations) does not exist`,
        `ip sla ${op} / icmp-jitter <an address behind the hubs> interval 20 num-packets 10 (routed through ${t.tunnelProbes!.tunnel}) / ip sla schedule ${op} life forever start-time now`,
      );
    // A jitter operation takes no source interface: without `source-ip` it leaves by the route to its
    // target, which is through the tunnel for a host behind the hubs (the tunnel's address is negotiated).
    else if (sla.source !== t.tunnelProbes!.tunnel && !(sla.jitter && (sla.source === undefined || !/^[A-Za-z]/.test(sla.source)))) {
      add(
        'SLA_WRONG_SOURCE',
        `IP SLA operation ${op} probes from ${sla.source ?? 'no source interface'}, but flexvpn.tunnelSlaOperations must probe through ${t.tunnelProbes!.tunnel}`,
        `source-interface ${t.tunnelProbes!.tunnel} on ip sla ${op}, or take ${op} out of flexvpn.tunnelSlaOperations`,
      );
    }
  }
  return problems;
}

/**
 * The applet the agent runs to set `stub` (`event manager run PREFIX-N-UP|DOWN`) must exist, be
 * registered with `event none` (IOS runs no other applet that way) and set that track to that state.
 */
function appletProblem(
  blocks: readonly Block[],
  prefix: string,
  stub: number,
  up: boolean,
  add: (code: PreflightProblem['code'], message: string, fix: string) => void,
): void {
  const name = eemAppletName(prefix, stub, up);
  const state = up ? 'up' : 'down';
  const fix = `event manager applet ${name} / event none / action 1 track set ${stub} state ${state}`;
  const applet = blocks.find((b) => b.head === `event manager applet ${name}`);
  if (!applet) {
    add('APPLET_MISSING', `EEM applet ${name} (sets track ${stub} ${state}) does not exist`, fix);
    return;
  }
  if (!applet.lines.some((l) => /^event none(?:\s|$)/.test(l))) {
    add('APPLET_WRONG', `EEM applet ${name} is not registered with event none, so the agent cannot run it`, fix);
  } else if (!applet.lines.some((l) => new RegExp(`^action \\S+ track set ${stub} state ${state}$`).test(l))) {
    add('APPLET_WRONG', `EEM applet ${name} does not set track ${stub} ${state}`, fix);
  }
}
