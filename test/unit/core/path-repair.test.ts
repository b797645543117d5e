/**
 * Path repair, pure: when the agent makes the FlexVPN client reselect its peer
 * (the tracks right, the router on a less preferred hub), when it refrains,
 * how the next read judges a reselect, and how failures back off. Tables of
 * (state, what the router shows) -> (step, outcome).
 */
import { describe, expect, it } from 'vitest';
import type { ActuationTargets } from '../../../agent/core/actuation/plan.js';
import {
  backoffAfter,
  pathRepair,
  type PathRepairConfig,
  type PathRepairInput,
  type PathRepairState,
} from '../../../agent/core/path-repair.js';
import { INITIAL_HEALTH } from '../../../agent/core/policy/health.js';
import { INITIAL_STATE, type PolicyState } from '../../../agent/core/policy/types.js';
import { INITIAL_RECONCILE, intentOf, reconcile, type ReconcileState } from '../../../agent/core/reconcile.js';
import type { PathRepairReasonPayload } from '../../../proto/payloads.js';
import type { PathRepairReason } from '../../../agent/core/path-repair.js';
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
const CFG: PathRepairConfig = { settleMs: 60_000, backoffMs: 60_000, maxBackoffMs: 300_000, verifyMs: 30_000 };
const good = (sinceMs = 0) => ({ ...INITIAL_HEALTH, verdict: 'good' as const, sinceMs });
const policy = (extra: Partial<PolicyState> = {}): PolicyState => ({
  ...INITIAL_STATE,
  adopted: true,
  selected: 'fibre-hub1',
  health: { 'fibre-hub1': good(), 'fibre-hub2': good() },
  ...extra,
});
const STEER_FIBRE_HUB1 = intentOf(policy(), CONFIG, TARGETS, 'stub-tracks');
const ON_HUB2 = { peer: HUB2, source: FIBRE };
const ON_HUB1 = { peer: HUB1, source: FIBRE };
const BASE: PathRepairInput = {
  intent: STEER_FIBRE_HUB1,
  active: ON_HUB2,
  pathOff: true,
  tracksRight: true,
  mode: 'enforce',
  held: false,
  policy: policy(),
  targets: TARGETS,
  strategy: 'stub-tracks',
};
/** Intended since t=0, so the settle has passed from t=60 s on. */
const SETTLED: PathRepairState = { candidate: 'fibre-hub1', intendedSinceMs: 0, failures: 0 };

describe('pathRepair: when the agent makes the client reselect', () => {
  const rows: { name: string; input?: Partial<PathRepairInput>; state?: PathRepairState; atMs?: number; step: string }[] = [
    { name: "settled, good, tracks right, on hub 2: clear hub 2's SA", step: 'reselect' },
    { name: 'no path difference: nothing', input: { pathOff: false, active: ON_HUB1 }, step: 'none' },
    { name: 'released (no steer intent): nothing', input: { intent: { kind: 'release', tracks: [] } }, step: 'none' },
    { name: 'dry-run: never', input: { mode: 'dry-run' }, step: 'refrain:dry-run' },
    { name: 'steering held: the policy moves first', input: { held: true }, step: 'refrain:held' },
    { name: 'peer-order router: its steer clears the SA itself', input: { strategy: 'peer-order' }, step: 'refrain:peer-order' },
    { name: 'an agent track wrong (or unread): the track repair first', input: { tracksRight: false }, step: 'refrain:tracks' },
    {
      name: 'an operator override in force: never',
      input: { policy: policy({ override: { source: FIBRE, untilMs: 999_999, by: 'noc' } }) },
      step: 'refrain:override',
    },
    {
      name: 'an override that has expired does not hold it',
      input: { policy: policy({ override: { source: FIBRE, untilMs: 1_000, by: 'noc' } }) },
      step: 'reselect',
    },
    {
      name: 'on the intended hub via another WAN: IOS pivots sources itself',
      input: { active: { peer: HUB1, source: LTE } },
      step: 'refrain:source-only',
    },
    {
      name: 'on a hub the configuration does not name: nothing written back',
      input: { active: { peer: '198.18.0.9', source: FIBRE } },
      step: 'refrain:unknown-peer',
    },
    {
      name: "the router's own tracks forbid the intended hub",
      input: { policy: policy({ routerForbids: { peers: [HUB1], sources: [] } }) },
      step: 'refrain:router-forbids',
    },
    {
      name: "the router's own tracks forbid the intended WAN",
      input: { policy: policy({ routerForbids: { peers: [], sources: [FIBRE] } }) },
      step: 'refrain:router-forbids',
    },
    {
      name: 'the router forbids only the hub it is on: not against its judgement',
      input: { policy: policy({ routerForbids: { peers: [HUB2], sources: [] } }) },
      step: 'reselect',
    },
    {
      name: 'the intended candidate not judged good',
      input: { policy: policy({ health: { 'fibre-hub1': { ...INITIAL_HEALTH } } }) },
      step: 'refrain:not-good',
    },
    {
      name: 'good for less than the settle time: wait',
      input: { policy: policy({ health: { 'fibre-hub1': good(80_000) } }) },
      step: 'wait:settle',
    },
    { name: 'intended for less than the settle time: wait', state: { ...SETTLED, intendedSinceMs: 90_000 }, step: 'wait:settle' },
    { name: 'a new intent starts the settle afresh', state: { ...SETTLED, candidate: 'lte-hub1' }, step: 'wait:settle' },
    { name: 'backing off after a failure: wait', state: { ...SETTLED, failures: 1, nextAtMs: 150_000 }, step: 'wait:backoff' },
    { name: 'the backoff over: again', state: { ...SETTLED, failures: 1, nextAtMs: 100_000 }, step: 'reselect' },
  ];
  it.each(rows)('$name', (r) => {
    const out = pathRepair(r.state ?? SETTLED, { ...BASE, ...r.input }, CFG, r.atMs ?? 100_000);
    const s = out.step;
    expect(s.kind === 'refrain' || s.kind === 'wait' ? `${s.kind}:${s.why}` : s.kind).toBe(r.step);
    expect(out.outcome).toBeUndefined();
  });

  it("the reselect clears only the active, configured peer's IKEv2 SA, and says why", () => {
    const out = pathRepair(SETTLED, BASE, CFG, 100_000);
    expect(out.step).toEqual({
      kind: 'reselect',
      plan: { configLines: [], execCommands: [`clear crypto ikev2 sa remote ${HUB2}`] },
      reason: { code: 'path-reselect', candidate: 'fibre-hub1', peer: HUB1, from: HUB2, goodSinceMs: 0, settleSec: 60, attempt: 1 },
    });
    expect(out.state.pending).toEqual({ candidate: 'fibre-hub1', peer: HUB1, from: HUB2, atMs: 100_000, attempt: 1 });
  });
});

describe('pathRepair: the next read judges a reselect; failures back off, bounded', () => {
  const pending = (extra: Partial<PathRepairState> = {}): PathRepairState => ({
    ...SETTLED,
    pending: { candidate: 'fibre-hub1', peer: HUB1, from: HUB2, atMs: 100_000, attempt: 1 },
    ...extra,
  });

  it('on the intended hub: reselected, failures forgotten', () => {
    const out = pathRepair(pending({ failures: 2 }), { ...BASE, active: ON_HUB1, pathOff: false }, CFG, 105_000);
    expect(out.outcome).toEqual({ code: 'path-reselected', candidate: 'fibre-hub1', peer: HUB1, from: HUB2, attempt: 1, afterMs: 5_000 });
    expect(out.state).toEqual({ candidate: 'fibre-hub1', intendedSinceMs: 0, failures: 0 });
  });

  it('no peer yet: waits up to the verify time, then counts as failed', () => {
    const waiting = pathRepair(pending(), { ...BASE, active: {}, pathOff: false }, CFG, 110_000);
    expect(waiting.step).toEqual({ kind: 'wait', why: 'verify', untilMs: 130_000 });
    expect(waiting.outcome).toBeUndefined();
    const failed = pathRepair(pending(), { ...BASE, active: {}, pathOff: false }, CFG, 130_000);
    expect(failed.outcome).toEqual({
      code: 'path-reselect-failed',
      candidate: 'fibre-hub1',
      peer: HUB1,
      from: HUB2,
      attempt: 1,
      retryAtMs: 190_000,
    });
  });

  it('back on hub 2 (hub 1 refused): failed at once, retried after 1, 2, 4, then at most 5 minutes', () => {
    let st: PathRepairState = SETTLED;
    let now = 100_000;
    const tries: number[] = [];
    const outcomes: string[] = [];
    for (let i = 0; i < 600; i++, now += 5_000) {
      const out = pathRepair(st, BASE, CFG, now);
      st = out.state;
      if (out.outcome) outcomes.push(out.outcome.code);
      if (out.step.kind === 'reselect') tries.push(now);
    }
    const gaps = tries.slice(1).map((t, i) => (t - tries[i]!) / 1000);
    // Each gap: the read after the try (5 s) that judges it, then the backoff.
    expect(gaps.slice(0, 6)).toEqual([65, 125, 245, 305, 305, 305]);
    expect(outcomes.every((c) => c === 'path-reselect-failed')).toBe(true);
    expect([1, 2, 3, 4, 10].map((n) => backoffAfter(n, CFG))).toEqual([60_000, 120_000, 240_000, 300_000, 300_000]);
  });

  it('the policy moved meanwhile: the pending reselect is dropped without an outcome', () => {
    const lte = intentOf(policy({ selected: 'lte-hub1' }), CONFIG, TARGETS, 'stub-tracks');
    const out = pathRepair(pending(), { ...BASE, intent: lte }, CFG, 105_000);
    expect(out.outcome).toBeUndefined();
    expect(out.state).toEqual({ candidate: 'lte-hub1', intendedSinceMs: 105_000, failures: 0 });
  });
});

describe('reconcile with path repair: the drift it shows while reselecting', () => {
  const RCFG = { retryAfterMs: 30_000, maxRepairs: 3, pathGraceMs: 30_000, path: CFG };
  const tracks = new Map([
    [101, 'up'],
    [102, 'up'],
    [111, 'up'],
    [112, 'up'],
  ] as const);
  const run = (st: ReconcileState, active: { peer?: string; source?: string }, atMs: number) =>
    reconcile(
      st,
      {
        intent: STEER_FIBRE_HUB1,
        tracks,
        active,
        mode: 'enforce',
        held: false,
        path: { policy: policy(), targets: TARGETS, strategy: 'stub-tracks' },
      },
      RCFG,
      atMs,
    );

  it('grace, reselect (repairing), a read with no peer keeps it, back on hub 2: raised; then the try that takes resolves it', () => {
    let st = INITIAL_RECONCILE;
    const steps: string[] = [];
    const see = (active: { peer?: string; source?: string }, atMs: number) => {
      const r = run(st, active, atMs);
      st = r.state;
      steps.push([r.drift?.status ?? 'in-sync', r.drift?.repairs ?? '-', r.path?.step.kind, r.path?.outcome?.code ?? ''].join(' '));
      return r;
    };
    see(ON_HUB1, 0);
    see(ON_HUB2, 40_000);
    see(ON_HUB2, 70_000);
    see({}, 72_000);
    see(ON_HUB2, 75_000);
    see(ON_HUB2, 100_000);
    see(ON_HUB2, 140_000);
    see(ON_HUB1, 142_000);
    expect(steps).toEqual([
      'in-sync - none ',
      'in-sync - none ',
      'repairing 1 reselect ',
      'repairing 1 wait ',
      'unrepaired 1 wait path-reselect-failed',
      'unrepaired 1 wait ',
      'repairing 2 reselect ',
      'in-sync - none path-reselected',
    ]);
  });

  it('without path repair configured, a path-only difference is raised and left (as before)', () => {
    const r = reconcile(
      INITIAL_RECONCILE,
      { intent: STEER_FIBRE_HUB1, tracks, active: ON_HUB2, mode: 'enforce', held: false },
      { ...RCFG, path: undefined },
      0,
    );
    const later = reconcile(
      r.state,
      { intent: STEER_FIBRE_HUB1, tracks, active: ON_HUB2, mode: 'enforce', held: false },
      { ...RCFG, path: undefined },
      40_000,
    );
    expect(later.drift?.status).toBe('unrepaired');
    expect(later.path).toBeUndefined();
  });

  it("the core's reasons are the contract's (this compiles only while they match)", () => {
    const fromCore: PathRepairReason = { code: 'path-reselect-failed', candidate: 'c', peer: HUB1, from: HUB2, attempt: 1, retryAtMs: 1 };
    const toProto: PathRepairReasonPayload = fromCore;
    expect(toProto.code).toBe('path-reselect-failed');
  });
});
