import { describe, expect, it } from 'vitest';
import { dispatch, type Action, type HandlerMap, type Report } from '../../../../agent/core/policy/types.js';
import { stepMany } from '../../../../agent/core/policy/step.js';
import { CONFIG, FIBRE, HUB1, LTE, Run } from './fixture.js';

describe('policy output: actions and reports apart, dispatched by an exhaustive map', () => {
  it('runs the handler of each kind with the item typed by its kind', () => {
    const seen: string[] = [];
    const run: HandlerMap<Action> = {
      steer: (a) => seen.push(`steer ${a.candidate} via ${a.source}`),
      release: () => seen.push('release'),
    };
    dispatch(run, { kind: 'steer', candidate: 'lte-hub1', peer: '10.0.0.1', source: 'Cellular0/1/0' });
    dispatch(run, { kind: 'release' });
    expect(seen).toEqual(['steer lte-hub1 via Cellular0/1/0', 'release']);
  });

  it('a step lists what it tells apart from what it does: all paths down is one release action and its decision report', () => {
    const run = new Run();
    run.see({ kind: 'flexvpn', activePeer: HUB1, activeSource: FIBRE, peersActiveElsewhere: [] });
    const r = stepMany(
      run.state,
      [
        { kind: 'interface', name: FIBRE, up: false },
        { kind: 'interface', name: LTE, up: false },
      ],
      CONFIG,
      40_000,
    );
    expect(r.actions).toEqual([{ kind: 'release' }]);
    expect(r.reports.map((x) => x.kind)).toContain('decision');
    expect(r.reports.every((x) => x.kind === 'decision' || x.kind === 'health-changed')).toBe(true);
  });

  it('a map that misses a kind does not compile', () => {
    // @ts-expect-error release has no handler
    const incomplete: HandlerMap<Action> = { steer: () => undefined };
    // @ts-expect-error health-changed has no handler
    const reports: HandlerMap<Report> = { decision: () => undefined };
    expect([incomplete, reports]).toHaveLength(2);
  });
});
