import { describe, expect, it } from 'vitest';
import { FleetState, overviewRow } from '../../../agent/fleet/fleet-state.js';
import { birth, state, telemetry, topic } from './synthetic-fleet.js';

const j = (v: unknown) => JSON.stringify(v);

describe("the dashboard's picture of the fleet", () => {
  it("ignores an older session's Will after a newer birth, and takes a newer one", () => {
    const f = new FleetState('spokepilot/v1');
    f.apply(topic(1, 'status'), j(birth(1000, 5)), 1000);
    expect(
      f.apply(topic(1, 'status'), j({ v: 1, id: 'w', ts: 1100, state: 'offline', session: 4, reason: 'connection-lost' }), 1100),
    ).toBeUndefined();
    expect(overviewRow(f.spokes.get('site0000/r1')!).status).toBe('online');
    f.apply(topic(1, 'status'), j({ v: 1, id: 'w2', ts: 1200, state: 'offline', session: 5, reason: 'connection-lost' }), 1200);
    expect(overviewRow(f.spokes.get('site0000/r1')!).status).toBe('offline');
  });

  it('keeps when the spoke came onto its path, not when the state was last republished', () => {
    const f = new FleetState('spokepilot/v1');
    f.apply(topic(3, 'state'), j(state(3, 1000)), 1000);
    f.apply(topic(3, 'state'), j(state(3, 2000)), 2000);
    expect(f.spokes.get('site0000/r3')).toMatchObject({ path: 'fibre', pathSince: 1000 });
    f.apply(topic(3, 'state'), j(state(3, 3000, true)), 3000);
    const row = overviewRow(f.spokes.get('site0000/r3')!);
    expect(row).toMatchObject({ path: 'lte', pathSince: 3000, backup: true, hub: '10.0.3.1', wan: 'Cellular0/1/0' });
  });

  it('marks a spoke whose payload breaks the contract, without showing the payload', () => {
    const f = new FleetState('spokepilot/v1');
    f.apply(topic(2, 'state'), j(state(2, 1000)), 1000);
    const a = f.apply(topic(2, 'state'), j({ v: 1, id: 'x', ts: 2000, mode: '<script>' }), 2000);
    expect(a?.kind).toBe('spoke');
    const s = f.spokes.get('site0000/r2')!;
    expect(s.invalid).toMatch(/^state: /);
    expect(overviewRow(s).degraded).toBe(true);
    expect(s.state?.mode).toBe('enforce');
  });

  it('turns telemetry into samples per candidate, and ignores what is not ours', () => {
    const f = new FleetState('spokepilot/v1');
    const a = f.apply(topic(4, 'telemetry'), j(telemetry(5000, 12, 30)), 5000);
    expect(a).toMatchObject({
      kind: 'telemetry',
      ts: 5000,
      samples: [
        { candidate: 'fibre', loss: 12, rtt: 30, jitter: 2 },
        { candidate: 'lte', loss: 0, rtt: 90 },
      ],
    });
    expect(f.apply('other/tree/x/y/state', j(state(4, 1)), 1)).toBeUndefined();
    expect(f.apply(topic(4, 'cmd'), '{}', 1)).toBeUndefined();
    expect(f.apply(topic(4, 'state'), 'not json', 1)).toBeUndefined();
  });
});
