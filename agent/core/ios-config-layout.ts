/**
 * Track numbers of the generated layered configuration: a base (500 unless
 * the operator moves it, `--track-base`) plus a fixed offset per kind and the
 * object's place in the file, so an operator reads a number's role from it
 * (base 500: 501.. path state, 601.. path reachability, 7xx judgements and
 * presence, 781.. and 801.. the client's lines) and the same file always
 * numbers the same object the same. Slots hold the schema's limits (64
 * candidates, 16 peers, 8 sources). Pure.
 */

export const DEFAULT_TRACK_BASE = 500;
/** IOS: `track <1-1000>`. */
const TRACK_MIN = 1;
const TRACK_MAX = 1000;

/** Offset of each kind's slot; the object's 1-based index in the file is added (presence has one). */
export const TRACK_OFFSETS = {
  presence: 0,
  pathState: 0,
  pathReachability: 100,
  sourceRouting: 200,
  sourcePaths: 210,
  sourceJudgement: 220,
  peerJudgement: 230,
  peerAllow: 250,
  sourceAllow: 270,
  peerClient: 280,
  sourceClient: 300,
} as const;
const SLOTS = { paths: 99, peers: 19, sources: 9 } as const;

export interface TrackLayout {
  /** The presence probe's track, and its IP SLA operation number. */
  presence: number;
  /** Per candidate, in file order. */
  paths: { state: number; reachability: number }[];
  peers: { judgement: number; allow: number; client: number }[];
  sources: { routing: number; paths: number; judgement: number; allow: number; client: number }[];
}

export interface LayoutProblem {
  code: 'TRACK_RANGE' | 'TRACK_COLLISION' | 'SLA_COLLISION' | 'TOO_MANY_OBJECTS';
  message: string;
}

export interface LayoutInput {
  base: number;
  presence: boolean;
  candidates: number;
  peers: readonly { stubTrack: number }[];
  sources: readonly { stubTrack: number }[];
  /** Every IP SLA operation the file names: the presence probe must not take one. */
  slaOperations: readonly number[];
}

export function trackLayout(i: LayoutInput): { ok: true; layout: TrackLayout; used: number[] } | { ok: false; problems: LayoutProblem[] } {
  const problems: LayoutProblem[] = [];
  for (const [kind, count, slot] of [
    ['candidates', i.candidates, SLOTS.paths],
    ['peers', i.peers.length, SLOTS.peers],
    ['sources', i.sources.length, SLOTS.sources],
  ] as const) {
    if (count > slot) problems.push({ code: 'TOO_MANY_OBJECTS', message: `${count} ${kind}: the track layout has room for ${slot}` });
  }
  if (problems.length > 0) return { ok: false, problems };

  const at = (offset: number, n = 0) => i.base + offset + n;
  const o = TRACK_OFFSETS;
  const layout: TrackLayout = {
    presence: at(o.presence),
    paths: Array.from({ length: i.candidates }, (_, k) => ({ state: at(o.pathState, k + 1), reachability: at(o.pathReachability, k + 1) })),
    peers: i.peers.map((_, k) => ({
      judgement: at(o.peerJudgement, k + 1),
      allow: at(o.peerAllow, k + 1),
      client: at(o.peerClient, k + 1),
    })),
    sources: i.sources.map((_, k) => ({
      routing: at(o.sourceRouting, k + 1),
      paths: at(o.sourcePaths, k + 1),
      judgement: at(o.sourceJudgement, k + 1),
      allow: at(o.sourceAllow, k + 1),
      client: at(o.sourceClient, k + 1),
    })),
  };
  // Only what is generated counts: the allow tracks and the presence probe exist only with presence gating.
  const used = [
    ...(i.presence ? [layout.presence] : []),
    ...layout.paths.flatMap((p) => [p.state, p.reachability]),
    ...layout.peers.flatMap((p) => [p.judgement, p.client, ...(i.presence ? [p.allow] : [])]),
    ...layout.sources.flatMap((s) => [s.routing, s.paths, s.judgement, s.client, ...(i.presence ? [s.allow] : [])]),
  ].sort((a, b) => a - b);
  const low = used[0] ?? i.base;
  const high = used.at(-1) ?? i.base;
  if (low < TRACK_MIN || high > TRACK_MAX) {
    problems.push({
      code: 'TRACK_RANGE',
      message: `with track base ${i.base} the configuration needs tracks ${low}-${high}, outside IOS's ${TRACK_MIN}-${TRACK_MAX}: choose --track-base between ${TRACK_MIN - (low - i.base)} and ${TRACK_MAX - (high - i.base)}`,
    });
  }
  const stubs = [...i.peers, ...i.sources].map((s) => s.stubTrack);
  const taken = new Set(used);
  const clashes = stubs.filter((s) => taken.has(s));
  if (clashes.length > 0) {
    problems.push({
      code: 'TRACK_COLLISION',
      message: `the file's stub tracks ${clashes.join(', ')} fall among the tracks this configuration needs (${low}-${high}): choose a --track-base that clears them`,
    });
  }
  if (i.presence && i.slaOperations.includes(layout.presence)) {
    problems.push({
      code: 'SLA_COLLISION',
      message: `the presence probe is ip sla ${layout.presence} (the track base), which the file already uses for a probe: choose another --track-base`,
    });
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, layout, used };
}
