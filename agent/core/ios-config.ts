/**
 * The router-side configuration a spokepilot configuration expects, as IOS
 * configuration text for an operator to review and paste (issue 13, item 3).
 * It passes the agent's preflight (agent/core/preflight.ts) by construction.
 * Only what the file determines is generated; every choice it cannot know
 * (probe targets of a shared WAN probe, the app's address, a password) is a
 * comment saying what to choose, never a made-up value. Pure.
 */
export interface IosConfigInput {
  site: string;
  node: string;
  client: string;
  tunnel: string;
  peers: readonly { address: string; stubTrack: number }[];
  sources: readonly { interface: string; stubTrack: number }[];
  candidates: readonly { id: string; peer: string; source: string; slaOperations: readonly number[] }[];
  /** `host:port` the agent listens for syslog on, if any. */
  syslogListen?: string;
  /** The agent's router user, if it logs in over SSH. */
  username?: string;
  /** How often the agent reads the probes (polling.slaSec): the probes need not run faster. */
  probeFrequencySec: number;
}

export function iosConfig(i: IosConfigInput): string {
  const out: string[] = [
    `! spokepilot ${i.site}/${i.node}: the router configuration this agent expects.`,
    '! Review before pasting in configuration mode; `spokepilot config check FILE --router` checks it after.',
    '!',
    "! The agent's stub tracks: up, they change nothing (IOS runs as if they were absent);",
    '! the agent sets one down to forbid a hub or a WAN preferred over its choice.',
  ];
  for (const p of i.peers) out.push(`track ${p.stubTrack} stub-object`, ' default-state up');
  for (const s of i.sources) out.push(`track ${s.stubTrack} stub-object`, ' default-state up');

  out.push('!', "! IP SLA: the probes the agent judges each candidate (hub over WAN) on.",
    '! IOS will not change a scheduled operation: for one that exists already, `no ip sla N` first (or keep yours).');
  const users = new Map<number, (typeof i.candidates)[number][]>();
  for (const c of i.candidates) for (const op of c.slaOperations) users.set(op, [...(users.get(op) ?? []), c]);
  for (const [op, cands] of [...users].sort((a, b) => a[0] - b[0])) {
    const sources = [...new Set(cands.map((c) => c.source))];
    const peers = [...new Set(cands.map((c) => c.peer))];
    if (sources.length > 1) {
      out.push(`! ip sla ${op} is listed for candidates on ${sources.join(' and ')}: an operation probes from one interface; give each WAN its own.`);
      continue;
    }
    // One hub: that path's probe. Several hubs over one WAN: a WAN probe, sent to the first hub unless you choose a better anchor.
    if (peers.length > 1) out.push(`! ip sla ${op} is shared by ${cands.map((c) => c.id).join(', ')}: a probe of WAN ${sources[0]}; ${peers[0]} is one target, an internet anchor another.`);
    out.push(`ip sla ${op}`, ` icmp-echo ${peers[0]} source-interface ${sources[0]}`, ' threshold 1000', ' timeout 1000', ` frequency ${i.probeFrequencySec}`);
    out.push(`ip sla schedule ${op} life forever start-time now`);
  }

  out.push(
    '!',
    '! The FlexVPN client: hubs and WANs in preference order, each allowed by its stub track.',
    '! `tunnel source dynamic` lets the source lines pivot the tunnel between WANs.',
    `crypto ikev2 client flexvpn ${i.client}`,
  );
  i.peers.forEach((p, n) => out.push(`  peer ${n + 1} ${p.address} track ${p.stubTrack}`));
  i.sources.forEach((s, n) => out.push(`  source ${n + 1} ${s.interface} track ${s.stubTrack}`));
  out.push(`  client connect ${i.tunnel}`, `interface ${i.tunnel}`, ' tunnel source dynamic');

  out.push('!');
  if (i.syslogListen) {
    const port = i.syslogListen.slice(i.syslogListen.lastIndexOf(':') + 1);
    out.push(`! Syslog wakes the agent early: send it to the app's address (its IOx or Guest Shell interface), port ${port}:`);
    out.push(`!   logging host <app-address> transport udp port ${port}`);
  }
  if (i.username) {
    out.push(`! The agent's user (router.ssh.username): privilege 15, for the show commands and its stub tracks:`);
    out.push(`!   username ${i.username} privilege 15 secret <a password or key of its own>`);
  }
  return out.join('\n') + '\n';
}
