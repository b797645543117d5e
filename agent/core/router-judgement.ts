/**
 * The router's own judgement of each hub and WAN, as its configuration
 * defines it: the objects of the client line's `list boolean and` track that
 * do not lead to the agent's stub (on a layered configuration, ios-tuned's
 * quality and reachability tracks). The agent can only take a path away; when
 * the router's judgement forbids one, steering there moves the tunnel
 * somewhere nobody chose and back (noisy-but-healthy: 29 changes in two hours
 * when a dead anchor made IOS forbid a fibre the agent judged fine). Pure.
 */
import { leadsTo, runningConfigBlocks, trackDefs } from './preflight.js';

/** One object of a judgement: up means allowed, unless `not` inverts it. */
export interface JudgementTerm {
  track: number;
  negated: boolean;
}

export interface RouterJudgement {
  peers: readonly { address: string; terms: readonly JudgementTerm[] }[];
  sources: readonly { interface: string; terms: readonly JudgementTerm[] }[];
}

export interface JudgementTargets {
  client: string;
  peers: readonly { address: string; stubTrack: number }[];
  sources: readonly { interface: string; stubTrack: number }[];
}

/** Each peer's and source's judgement terms; none where the line names the stub itself or cannot be read. */
export function routerJudgement(t: JudgementTargets, runningConfig: string): RouterJudgement {
  const blocks = runningConfigBlocks(runningConfig);
  const tracks = trackDefs(blocks);
  const client = blocks.find((b) => b.head === `crypto ikev2 client flexvpn ${t.client}`);
  const lineTrack = (re: RegExp) => {
    for (const l of client?.lines ?? []) {
      const m = re.exec(l);
      if (m) return Number(m[1]);
    }
    return undefined;
  };
  const reaches = (track: number, stub: number) => leadsTo(tracks, track, stub, true);
  const termsOf = (track: number | undefined, stub: number): JudgementTerm[] => {
    if (track === undefined || track === stub) return [];
    const def = tracks.get(track);
    if (!def || def.type !== 'list boolean and' || !reaches(track, stub)) return [];
    return def.objects.filter((o) => !reaches(o.track, stub));
  };
  const esc = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return {
    peers: t.peers.map((p) => ({
      address: p.address,
      terms: termsOf(lineTrack(new RegExp(`^peer \\d+ ${esc(p.address)} track (\\d+)`)), p.stubTrack),
    })),
    sources: t.sources.map((s) => ({
      interface: s.interface,
      terms: termsOf(lineTrack(new RegExp(`^source \\d+ ${esc(s.interface)} track (\\d+)`)), s.stubTrack),
    })),
  };
}

/** Every track a judgement reads. */
export const judgementTracks = (j: RouterJudgement): number[] => [
  ...new Set([...j.peers, ...j.sources].flatMap((x) => x.terms.map((t) => t.track))),
];

/**
 * The peers and sources the router forbids now, from track states
 * (`show track brief`). A term whose track was not read says nothing: only
 * what is known to be down forbids.
 */
export function forbiddenByRouter(j: RouterJudgement, states: ReadonlyMap<number, 'up' | 'down'>): { peers: string[]; sources: string[] } {
  const forbids = (terms: readonly JudgementTerm[]) =>
    terms.some((t) => {
      const s = states.get(t.track);
      return s !== undefined && (s === 'up') === t.negated;
    });
  return {
    peers: j.peers.filter((p) => forbids(p.terms)).map((p) => p.address),
    sources: j.sources.filter((s) => forbids(s.terms)).map((s) => s.interface),
  };
}
