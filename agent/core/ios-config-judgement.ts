/**
 * IOS's own judgement of every hub and WAN, ios-tuned (lab/baselines/ios-tuned.ios)
 * in general form: whatever the agent does, the router keeps it, so a dead
 * or blind agent leaves it as good as tuned IOS. Each source's and each
 * peer's judgement is one track, which the client line's AND list names
 * directly (agent/core/router-judgement.ts reads it as the router's own). Pure.
 */
import type { IosConfigInput } from './ios-config.js';
import type { TrackLayout } from './ios-config-layout.js';

const objects = (ids: readonly number[]) => ids.map((id) => `  object ${id}`);

export function judgementLines(i: IosConfigInput, l: TrackLayout): string[] {
  const out: string[] = [
    '!',
    '! Path quality: `state` is up only on return code OK, down on Over threshold or Timeout, so the',
    '! probe\'s threshold (the service level) counts (EOT "Tracking IP SLAs operations"); `delay up 60` keeps',
    '! a flapping path out for a minute after it returns, `down 4` rides out one lost probe (1-180 s).',
    '! Hub reachability: `reachability` is up on OK or Over threshold: is the hub alive at all from here?',
  ];
  i.candidates.forEach((c, k) => {
    const op = c.slaOperations[0]!;
    out.push(`! ${c.id}: ${c.source} to ${c.peer}`);
    out.push(`track ${l.paths[k]!.state} ip sla ${op} state`, ' delay up 60 down 4');
    out.push(`track ${l.paths[k]!.reachability} ip sla ${op} reachability`);
  });

  out.push(
    '!',
    '! A WAN is a usable source while it routes IP (EOT `interface ... ip routing`: up, with an address)',
    '! and reaches at least one hub within the service level (EOT `list boolean and|or`).',
  );
  i.sources.forEach((s, k) => {
    const t = l.sources[k]!;
    const paths = i.candidates.flatMap((c, ck) => (c.source === s.interface ? [l.paths[ck]!.state] : []));
    out.push(`track ${t.routing} interface ${s.interface} ip routing`);
    if (paths.length === 0) {
      out.push(`! No candidate uses ${s.interface}: it is judged on IP routing alone.`);
      out.push(`track ${t.judgement} list boolean and`, ...objects([t.routing]));
      return;
    }
    out.push(`track ${t.paths} list boolean or`, ...objects(paths));
    out.push(`track ${t.judgement} list boolean and`, ...objects([t.routing, t.paths]));
  });

  out.push(
    '!',
    '! A hub is a possible peer while it answers over any WAN: a dead hub stops being a candidate',
    '! ("Configuring the FlexVPN Client", Backup Gateways) without waiting for DPD; `delay up 30`',
    '! before trusting a returning hub.',
  );
  i.peers.forEach((p, k) => {
    const paths = i.candidates.flatMap((c, ck) => (c.peer === p.address ? [l.paths[ck]!.reachability] : []));
    if (paths.length === 0) {
      out.push(`! No candidate uses ${p.address}: IOS has nothing to judge it by; its line carries only the agent's stub.`);
      return;
    }
    out.push(`track ${l.peers[k]!.judgement} list boolean or`, ...objects(paths), ' delay up 30 down 4');
  });

  out.push(
    '!',
    '! Periodic DPD: "earlier detection of dead peers" than on-demand (IPsec Dead Peer Detection',
    '! Periodic Message Option).',
    'crypto ikev2 dpd 10 2 periodic',
  );
  return out;
}

/** Whether a peer has a judgement track (some candidate goes to it). */
export const peerJudged = (i: IosConfigInput, address: string) => i.candidates.some((c) => c.peer === address);
