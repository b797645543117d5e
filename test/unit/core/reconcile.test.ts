/**
 * Reconciliation, pure (issue 13 item 1): what the agent intends from the
 * policy's state, and what it does about a router that differs, as tables of
 * (state, what the router shows) -> (drift, repair).
 */
import { describe, expect, it } from 'vitest';
import { planRelease, planStubTracks, type ActuationTargets, type Strategy } from '../../../agent/core/actuation/plan.js';
import type { PolicyConfig } from '../../../agent/core/policy/config.js';
import { INITIAL_STATE, type PolicyState } from '../../../agent/core/policy/types.js';
import {
  INITIAL_RECONCILE,
  intentOf,
  reconcile,
  repairPlan,
  steeringHeld,
  trackDiffs,
  tracksSeen,
  type DriftStatus,
  type DriftView,
  type Intent,
  type ReconcileInput,
  type ReconcileState,
  type TrackSeen,
} from '../../../agent/core/reconcile.js';
import type { DriftPayload } from '../../../proto/payloads.js';
import { CONFIG, FIBRE, HUB1, HUB2, LTE } from './policy/fixture.js';

const TARGETS: ActuationTargets = {
  client: 'FLEX',
  peers: [
    { address: HUB1, stubTrack: 101 },
    { address: HUB2, stubTrack: 102 },
  ],
  sources: [
    { interface: FIBRE, stubTrack: 111 },
    { interface: LTE, stubTrack: 112 },
  ],
};
const adopted = (selected: string, extra: Partial<PolicyState> = {}): PolicyState => ({
  ...INITIAL_STATE,
  adopted: true,
  selected,
  ...extra,
});
const dryRun: PolicyConfig = { ...CONFIG, mode: 'dry-run' };
const tracksOf = (i: Intent) => (i.kind === 'none' ? undefined : Object.fromEntries(i.tracks.map((t) => [t.track, t.up ? 'up' : 'down'])));

describe('intentOf: what the agent intends the router to run', () => {
  const rows: {
    name: string;
    state: PolicyState;
    cfg?: PolicyConfig;
    strategy?: Strategy;
    kind: Intent['kind'];
    candidate?: string;
    tracks?: Record<number, string>;
  }[] = [
    { name: 'not adopted yet: nothing claimed', state: INITIAL_STATE, kind: 'none' },
    { name: 'adopted, no candidate matched: nothing claimed', state: { ...INITIAL_STATE, adopted: true }, kind: 'none' },
    {
      name: 'on the first candidate: every track up',
      state: adopted('fibre-hub1'),
      kind: 'steer',
      candidate: 'fibre-hub1',
      tracks: { 101: 'up', 102: 'up', 111: 'up', 112: 'up' },
    },
    {
      name: 'steered to lte-hub2: hub 1 and fibre forbidden, the rest allowed',
      state: adopted('lte-hub2'),
      kind: 'steer',
      candidate: 'lte-hub2',
      tracks: { 101: 'down', 102: 'up', 111: 'down', 112: 'up' },
    },
    {
      name: 'released (all paths down): every track up',
      state: adopted('lte-hub2', { released: true }),
      kind: 'release',
      tracks: { 101: 'up', 102: 'up', 111: 'up', 112: 'up' },
    },
    {
      name: 'dry-run holds no forbid, whatever it selected',
      state: adopted('lte-hub2'),
      cfg: dryRun,
      kind: 'release',
      tracks: { 101: 'up', 102: 'up', 111: 'up', 112: 'up' },
    },
    {
      name: 'peer-order: the path only, no stub track',
      state: adopted('lte-hub2'),
      strategy: 'peer-order',
      kind: 'steer',
      candidate: 'lte-hub2',
      tracks: {},
    },
  ];
  it.each(rows)('$name', (r) => {
    const i = intentOf(r.state, r.cfg ?? CONFIG, TARGETS, r.strategy ?? 'stub-tracks');
    expect(i.kind).toBe(r.kind);
    if (i.kind === 'steer') expect(i.candidate).toBe(r.candidate);
    expect(tracksOf(i)).toEqual(r.tracks);
  });

  it('the repair is the steering plan for the intent, without clearing any SA; release is planRelease; peer-order has none', () => {
    const steer = intentOf(adopted('lte-hub2'), CONFIG, TARGETS, 'stub-tracks');
    expect(repairPlan(steer, TARGETS, 'stub-tracks')).toEqual({
      configLines: planStubTracks(TARGETS, HUB2, LTE).configLines,
      execCommands: [],
    });
    expect(repairPlan(intentOf(adopted('lte-hub2', { released: true }), CONFIG, TARGETS, 'stub-tracks'), TARGETS, 'stub-tracks')).toEqual(
      planRelease(TARGETS),
    );
    expect(repairPlan(steer, TARGETS, 'peer-order')).toBeUndefined();
    expect(repairPlan({ kind: 'none' }, TARGETS, 'stub-tracks')).toBeUndefined();
  });

  it('held: steering held after a hang, or the selected candidate blocked after a failed steer', () => {
    expect(steeringHeld(adopted('fibre-hub1'), 1000)).toBe(false);
    expect(steeringHeld(adopted('fibre-hub1', { steeringHeldUntilMs: 2000 }), 1000)).toBe(true);
    expect(steeringHeld(adopted('fibre-hub1', { steerBlockedUntil: { 'fibre-hub1': 2000 } }), 1000)).toBe(true);
    expect(steeringHeld(adopted('fibre-hub1', { steerBlockedUntil: { 'fibre-hub1': 2000 } }), 2000)).toBe(false);
    expect(steeringHeld(adopted('fibre-hub1', { steerBlockedUntil: { 'lte-hub1': 5000 } }), 1000)).toBe(false);
  });
});

describe('tracksSeen: show track brief rows of the agent-owned tracks', () => {
  const rows = [
    { id: 101, type: 'stub-object', state: 'up' },
    { id: 102, type: 'stub-object', state: 'down' },
    { id: 111, type: 'interface', state: 'up' },
    { id: 112, type: 'stub-object', state: 'unknown' },
  ];
  it.each([
    {
      name: 'a clean read: an absent track is missing',
      clean: true,
      want: { 101: 'up', 102: 'down', 111: 'not-stub', 112: 'unknown', 113: 'missing' },
    },
    {
      name: 'a read with warnings: an absent track tells nothing',
      clean: false,
      want: { 101: 'up', 102: 'down', 111: 'not-stub', 112: 'unknown', 113: 'unknown' },
    },
  ])('$name', ({ clean, want }) => {
    expect(Object.fromEntries(tracksSeen(rows, [101, 102, 111, 112, 113], clean))).toEqual(want);
  });
});

const CFG = { retryAfterMs: 30_000, maxRepairs: 3, pathGraceMs: 30_000 };
const STEER_FIBRE_HUB1 = intentOf(adopted('fibre-hub1'), CONFIG, TARGETS, 'stub-tracks');
const STEER_LTE_HUB2 = intentOf(adopted('lte-hub2'), CONFIG, TARGETS, 'stub-tracks');
const RELEASE = intentOf(adopted('fibre-hub1'), dryRun, TARGETS, 'stub-tracks');
const seen = (m: Record<number, TrackSeen>) => new Map(Object.entries(m).map(([k, v]) => [Number(k), v] as const));
const ALL_UP = seen({ 101: 'up', 102: 'up', 111: 'up', 112: 'up' });
const FIBRE_DOWN = seen({ 101: 'up', 102: 'up', 111: 'down', 112: 'up' });
const HUB1_DOWN = seen({ 101: 'down', 102: 'up', 111: 'up', 112: 'up' });
const ON_FIBRE_HUB1 = { peer: HUB1, source: FIBRE };
const ON_LTE_HUB1 = { peer: HUB1, source: LTE };

type Row = {
  atMs: number;
  input: Partial<ReconcileInput>;
  status: DriftStatus | undefined;
  repair: boolean;
  repairs?: number;
  tracks?: number;
};

/** Plays rows in order through one reconciliation state; each row says what must come out. */
function play(
  rows: Row[],
  base: ReconcileInput = { intent: STEER_FIBRE_HUB1, tracks: ALL_UP, active: ON_FIBRE_HUB1, mode: 'enforce', held: false },
): void {
  let st: ReconcileState = INITIAL_RECONCILE;
  for (const [i, r] of rows.entries()) {
    const out = reconcile(st, { ...base, ...r.input }, CFG, r.atMs);
    st = out.state;
    const at = `row ${i} (t=${r.atMs})`;
    expect(out.drift?.status, at).toBe(r.status);
    expect(out.repair, at).toBe(r.repair);
    if (r.repairs !== undefined) expect(out.drift?.repairs, at).toBe(r.repairs);
    if (r.tracks !== undefined) expect(out.drift?.tracks.length, at).toBe(r.tracks);
  }
}

describe('reconcile: a router that differs is repaired, then raised', () => {
  const tables: { name: string; rows: Row[]; base?: Partial<ReconcileInput> }[] = [
    {
      name: 'in sync: nothing',
      rows: [
        { atMs: 0, input: {}, status: undefined, repair: false },
        { atMs: 60_000, input: {}, status: undefined, repair: false },
      ],
    },
    {
      name: 'a track flipped by hand: repaired at once, and it takes',
      rows: [
        { atMs: 0, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true, repairs: 1, tracks: 1 },
        { atMs: 5_000, input: {}, status: undefined, repair: false },
      ],
    },
    {
      name: 'a repair that does not take: once per verify timeout, raised after 3, then left alone',
      rows: [
        { atMs: 0, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true, repairs: 1 },
        { atMs: 5_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: false, repairs: 1 },
        { atMs: 30_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true, repairs: 2 },
        { atMs: 60_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true, repairs: 3 },
        { atMs: 75_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: false, repairs: 3 },
        { atMs: 90_000, input: { tracks: FIBRE_DOWN }, status: 'unrepaired', repair: false, repairs: 3 },
        { atMs: 600_000, input: { tracks: FIBRE_DOWN }, status: 'unrepaired', repair: false, repairs: 3 },
      ],
    },
    {
      name: 'raised, then something changes (another track differs): repairs start again',
      rows: [
        { atMs: 0, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true },
        { atMs: 30_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true },
        { atMs: 60_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true },
        { atMs: 90_000, input: { tracks: FIBRE_DOWN }, status: 'unrepaired', repair: false },
        { atMs: 95_000, input: { tracks: HUB1_DOWN }, status: 'repairing', repair: true, repairs: 1 },
      ],
    },
    {
      name: 'raised, then fixed by hand: cleared, and a later flip is repaired again',
      rows: [
        { atMs: 0, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true },
        { atMs: 30_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true },
        { atMs: 60_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true },
        { atMs: 90_000, input: { tracks: FIBRE_DOWN }, status: 'unrepaired', repair: false },
        { atMs: 100_000, input: {}, status: undefined, repair: false },
        { atMs: 101_000, input: { tracks: FIBRE_DOWN }, status: 'repairing', repair: true, repairs: 1 },
      ],
    },
    {
      name: 'dry-run: a forbid left on the router is reported, never repaired',
      base: { intent: RELEASE, mode: 'dry-run' },
      rows: [
        { atMs: 0, input: { tracks: FIBRE_DOWN }, status: 'dry-run', repair: false, tracks: 1 },
        { atMs: 120_000, input: { tracks: FIBRE_DOWN }, status: 'dry-run', repair: false },
        { atMs: 125_000, input: {}, status: undefined, repair: false },
      ],
    },
    {
      name: 'steering held (router hung, or the candidate blocked): reported, the policy moves first',
      rows: [
        { atMs: 0, input: { tracks: FIBRE_DOWN, held: true }, status: 'held', repair: false },
        { atMs: 10_000, input: { tracks: FIBRE_DOWN, held: false }, status: 'repairing', repair: true },
      ],
    },
    {
      name: 'a track the read could not make out tells nothing; a missing or converted one differs',
      rows: [
        { atMs: 0, input: { tracks: seen({ 101: 'unknown', 102: 'up', 111: 'up', 112: 'up' }) }, status: undefined, repair: false },
        { atMs: 1_000, input: { tracks: seen({ 101: 'up', 102: 'up', 112: 'up' }) }, status: 'repairing', repair: true, tracks: 1 },
        { atMs: 2_000, input: { tracks: undefined }, status: undefined, repair: false },
      ],
    },
    {
      name: "the path off the intent with the tracks right: after the grace, raised without repair (leaving a working peer is the policy's call)",
      rows: [
        { atMs: 0, input: { active: ON_LTE_HUB1 }, status: undefined, repair: false },
        { atMs: 29_000, input: { active: ON_LTE_HUB1 }, status: undefined, repair: false },
        { atMs: 30_000, input: { active: ON_LTE_HUB1 }, status: 'unrepaired', repair: false, tracks: 0 },
        { atMs: 35_000, input: {}, status: undefined, repair: false },
      ],
    },
    {
      name: 'no active path (tunnel renegotiating): not drift, the policy hears of it',
      rows: [
        { atMs: 0, input: { active: {} }, status: undefined, repair: false },
        { atMs: 60_000, input: { active: {} }, status: undefined, repair: false },
      ],
    },
    {
      name: 'steered to lte-hub2: fibre and hub 1 must stay forbidden; a hand-raised fibre track is put back down',
      base: {
        intent: STEER_LTE_HUB2,
        tracks: seen({ 101: 'down', 102: 'up', 111: 'down', 112: 'up' }),
        active: { peer: HUB2, source: LTE },
      },
      rows: [
        { atMs: 0, input: {}, status: undefined, repair: false },
        { atMs: 1_000, input: { tracks: seen({ 101: 'down', 102: 'up', 111: 'up', 112: 'up' }) }, status: 'repairing', repair: true },
      ],
    },
  ];
  it.each(tables)('$name', ({ rows, base }) =>
    play(rows, { intent: STEER_FIBRE_HUB1, tracks: ALL_UP, active: ON_FIBRE_HUB1, mode: 'enforce', held: false, ...base }),
  );

  it('says which tracks differ and how', () => {
    expect(trackDiffs(STEER_LTE_HUB2, seen({ 101: 'up', 102: 'up', 111: 'not-stub', 112: 'up' }))).toEqual([
      { track: 101, want: 'down', seen: 'up' },
      { track: 111, want: 'down', seen: 'not-stub' },
    ]);
    const out = reconcile(
      INITIAL_RECONCILE,
      { intent: STEER_LTE_HUB2, tracks: ALL_UP, active: { peer: HUB2, source: LTE }, mode: 'enforce', held: false },
      CFG,
      7,
    );
    expect(out.drift).toEqual({
      status: 'repairing',
      intended: { candidate: 'lte-hub2', released: false },
      path: false,
      active: { peer: HUB2, source: LTE },
      repairs: 1,
      sinceMs: 7,
      tracks: [
        { track: 101, want: 'down', seen: 'up' },
        { track: 111, want: 'down', seen: 'up' },
      ],
    });
  });

  it('the core view is the published payload (types agree)', () => {
    const view: DriftView = reconcile(
      INITIAL_RECONCILE,
      { intent: STEER_FIBRE_HUB1, tracks: FIBRE_DOWN, active: ON_FIBRE_HUB1, mode: 'enforce', held: false },
      CFG,
      0,
    ).drift!;
    const payload: DriftPayload = view;
    expect(payload.status).toBe('repairing');
  });
});
