/**
 * Red-team finding 10: the first `show crypto ikev2 client flexvpn` showed no
 * ACTIVE client (a renegotiation at boot, or a desynced read), the agent
 * adopted an unknown path, and when health evidence came it steered straight
 * to the first eligible candidate: a healthy tunnel pivoted 14 s after start,
 * past the 60 s preemption delay. Rows: what the router and the probes said,
 * in order, and what the policy must have done.
 */
import { describe, expect, it } from 'vitest';
import type { Observation } from '../../../../agent/core/policy/types.js';
import { CONFIG, FIBRE, HUB1, HUB2, Run } from './fixture.js';

type Step = { atMs: number; see: Observation } | { atMs: number; probe: Record<number, number | undefined> };

const flex = (activePeer?: string, activeSource?: string): Observation => ({
  kind: 'flexvpn',
  ...(activePeer ? { activePeer } : {}),
  ...(activeSource ? { activeSource } : {}),
  peersActiveElsewhere: [],
});
const good = { 11: 20, 12: 25, 21: 60, 22: 65 };
const fibreHub2Lost = { ...good, 12: undefined };
/** Three probe rounds, 10 s apart, from `fromMs`: enough evidence to judge every path (minSamples 3). */
const evidence = (fromMs: number, results: Record<number, number | undefined> = good): Step[] =>
  [0, 1, 2].map((i) => ({ atMs: fromMs + i * 10_000, probe: results }));

const ROWS: { name: string; steps: Step[]; selected: string | undefined; steers: string[]; reasons: string[] }[] = [
  {
    name: 'no active client at first, then the router settles on a healthy fibre-hub2: adopted, not pivoted',
    steps: [{ atMs: 0, see: flex() }, { atMs: 6_000, see: flex(HUB2, FIBRE) }, ...evidence(14_000)],
    selected: 'fibre-hub2',
    steers: [],
    reasons: ['adopted-unknown-path', 'adopted'],
  },
  {
    name: 'the router settles on fibre-hub2 only after the evidence came: still adopted, not pivoted',
    steps: [{ atMs: 0, see: flex() }, ...evidence(1_000).slice(0, 2), { atMs: 15_000, see: flex(HUB2, FIBRE) }, ...evidence(21_000)],
    selected: 'fibre-hub2',
    steers: [],
    reasons: ['adopted-unknown-path', 'adopted'],
  },
  {
    name: 'the path the router settles on is bad: adopted, then left at once as bad',
    steps: [{ atMs: 0, see: flex() }, { atMs: 6_000, see: flex(HUB2, FIBRE) }, ...evidence(14_000, fibreHub2Lost)],
    selected: 'fibre-hub1',
    steers: ['fibre-hub1'],
    reasons: ['adopted-unknown-path', 'adopted', 'current-bad'],
  },
  {
    name: 'the router is still on no known path when the evidence is in: steered to the first eligible',
    steps: [{ atMs: 0, see: flex() }, { atMs: 6_000, see: flex('192.0.2.99', FIBRE) }, ...evidence(14_000)],
    selected: 'fibre-hub1',
    steers: ['fibre-hub1'],
    reasons: ['adopted-unknown-path', 'adopted-unknown-path'],
  },
];

describe("policy step: adopting the router's path after an unknown first read", () => {
  it.each(ROWS)('$name', ({ steps, selected, steers, reasons }) => {
    const run = new Run({ ...CONFIG, preemptDelaySec: 60 });
    for (const s of steps) {
      run.at(s.atMs);
      if ('see' in s) run.see(s.see);
      else run.probe(s.probe);
    }
    expect(run.state.selected).toBe(selected);
    expect(run.steers()).toEqual(steers);
    expect(run.decisions().map((d) => d.reason.code)).toEqual(reasons);
  });

  it('a later adoption is reported like the first: to the candidate, nothing steered', () => {
    const run = new Run();
    run.at(0).see(flex());
    const effects = run.at(6_000).see(flex(HUB1, FIBRE));
    expect(effects).toEqual([
      {
        kind: 'decision',
        decision: { atMs: 6_000, action: 'adopt', to: 'fibre-hub1', reason: { code: 'adopted', candidate: 'fibre-hub1' }, dryRun: false },
      },
    ]);
    expect(run.state).toMatchObject({ adopted: true, selected: 'fibre-hub1' });
  });
});
