import { describe, expect, it } from 'vitest';
import type { PolicyConfig } from '../../../../agent/core/policy/config.js';
import { adoptedOnFibreHub1, CONFIG, FIBRE, HUB1, HUB2, LTE, Run } from './fixture.js';

const METERED: PolicyConfig = { ...CONFIG, metered: { [LTE]: 'hard-failure-only' } };
const spent = (run: Run) => run.see({ kind: 'metered-budget', source: LTE, spent: true });

describe('policy step: metered WANs', () => {
  it('fails back from the metered path as soon as the preferred one has been clean for the delay, without waiting for a better one', () => {
    // Fibre to hub 2 settles first, fibre to hub 1 a few seconds later: off LTE, the agent normally waits
    // up to a minute to make one move instead of two; on a metered WAN it moves at once.
    const runs = [CONFIG, METERED].map((cfg) => {
      const run = new Run(cfg);
      run.rounds(3, 10_000);
      run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] });
      run.rounds(4, 10_000, { 11: undefined, 12: undefined }); // both fibre paths bad
      run.rounds(2, 10_000, { 11: undefined }); // fibre-hub2 clean from here
      run.rounds(40, 10_000);
      return run;
    });
    const [plain, metered] = runs.map((r) => r.decisions().filter((d) => d.action === 'switch' && !d.deferredUntilMs));
    expect(plain!.map((d) => [d.to, d.reason.code])).toEqual([['fibre-hub1', 'preempt']]);
    // Off the paid path first; the move to the preferred hub then follows as usual, over the fibre.
    expect(metered!.map((d) => [d.to, d.reason.code])).toEqual([
      ['fibre-hub2', 'metered-failback'],
      ['fibre-hub1', 'preempt'],
    ]);
    expect(metered![0]!.atMs).toBeLessThan(plain![0]!.atMs);
    expect(metered![0]!.reason).toMatchObject({ candidate: 'fibre-hub2', over: 'lte-hub1', preemptDelaySec: 300 });
  });

  it('with the budget spent, stays on a degraded unmetered path instead of moving to the metered one, and says why once', () => {
    const run = adoptedOnFibreHub1(METERED);
    spent(run);
    run.rounds(6, 10_000, { 11: 900, 12: 900 }); // both fibre paths slow: bad on quality, not down
    expect(run.state.health['fibre-hub1']!.verdict).toBe('bad');
    expect(run.steers()).toEqual([]);
    const holds = run.decisions().filter((d) => d.action === 'hold');
    expect(holds).toHaveLength(1);
    expect(holds[0]!.reason).toEqual({ code: 'metered-budget-spent', candidate: 'lte-hub1', source: LTE });
  });

  it('with the budget spent, moves to the metered path for a hard failure of everything else', () => {
    const run = adoptedOnFibreHub1(METERED);
    spent(run);
    run.at(run.nowMs + 1000).see({ kind: 'interface', name: FIBRE, up: false });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.decisions().at(-1)!.reason).toMatchObject({ code: 'current-bad', cause: { kind: 'interface-down' } });
  });

  it("with the budget spent, does not refuse the metered path when the router's own tracks forbid every unmetered one", () => {
    const run = adoptedOnFibreHub1(METERED);
    spent(run);
    run.see({ kind: 'router-judgement', peersForbidden: [], sourcesForbidden: [FIBRE] });
    run.rounds(6, 10_000, { 11: 900, 12: 900 });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.decisions().some((d) => d.reason.code === 'metered-budget-spent')).toBe(false);
  });

  it('with whenSpent: ignore, the spent budget changes nothing', () => {
    const run = adoptedOnFibreHub1({ ...CONFIG, metered: { [LTE]: 'ignore' } });
    spent(run);
    run.rounds(6, 10_000, { 11: 900, 12: 900 });
    expect(run.steers()).toEqual(['lte-hub1']);
  });

  it('when the budget is spent while on the metered path, leaves it for an unmetered path that is alive, even degraded', () => {
    const run = adoptedOnFibreHub1(METERED);
    run.rounds(6, 10_000, { 11: 900, 12: 900 });
    expect(run.steers()).toEqual(['lte-hub1']);
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: LTE, peersActiveElsewhere: [] });
    run.at(run.nowMs + 20_000);
    spent(run);
    expect(run.steers()).toEqual(['lte-hub1', 'fibre-hub1']);
    expect(run.decisions().at(-1)!.reason).toEqual({ code: 'metered-budget-spent', candidate: 'lte-hub1', source: LTE });
  });

  it('a new billing period gives the metered path back', () => {
    const run = adoptedOnFibreHub1(METERED);
    spent(run);
    run.rounds(6, 10_000, { 11: 900, 12: 900 });
    expect(run.steers()).toEqual([]);
    run.see({ kind: 'metered-budget', source: LTE, spent: false });
    run.rounds(1, 10_000, { 11: 900, 12: 900 });
    expect(run.steers()).toEqual(['lte-hub1']);
    expect(run.state.meteredSpent).toEqual([]);
  });

  it('forgets the samples of full-rate operations stopped in standby: they neither condemn nor hold up the path', () => {
    const cfg: PolicyConfig = {
      ...METERED,
      candidates: METERED.candidates.map((c) => (c.id === 'lte-hub1' ? { ...c, slaOperations: [21, 23] } : c)),
    };
    // Stopped: the window of 23 is gone, and lte-hub1 is judged on 21, which answers.
    const stopped = adoptedOnFibreHub1(cfg);
    stopped.rounds(4, 10_000, { 23: undefined });
    expect(stopped.state.health['lte-hub1']!.verdict).toBe('bad');
    stopped.see({ kind: 'sla-stopped', operations: [23] });
    expect(stopped.state.windows[23]).toBeUndefined();
    for (let i = 0; i < 6; i++) stopped.at(stopped.nowMs + 10_000).probe({ 11: 20, 12: 25, 21: 60, 22: 65 });
    expect(stopped.state.health['lte-hub1']!.verdict).toBe('good');
    // Not stopped, the stale timeouts of 23 would keep it bad as long as 23 stays silent.
    const stale = adoptedOnFibreHub1(cfg);
    stale.rounds(4, 10_000, { 23: undefined });
    for (let i = 0; i < 6; i++) stale.at(stale.nowMs + 10_000).probe({ 11: 20, 12: 25, 21: 60, 22: 65 });
    expect(stale.state.health['lte-hub1']!.verdict).toBe('bad');
  });

  it('ignores a repeated budget observation (no new state)', () => {
    const run = adoptedOnFibreHub1(METERED);
    spent(run);
    const before = run.state;
    spent(run);
    expect(run.state).toBe(before);
    void HUB2;
  });
});
