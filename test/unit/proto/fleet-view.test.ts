import { describe, expect, it } from 'vitest';
import { FleetModel, renderFleet, summarizeEvent } from '../../../proto/fleet-view.js';
import { DEFAULT_ROOT, topicOf } from '../../../proto/topics.js';
import { birth, events, state } from './examples.js';

const at = { site: 'paris', node: 'spoke-17' };
const t = (leaf: 'status' | 'state' | 'event' | 'cmd') => topicOf(DEFAULT_ROOT, at, leaf);
const json = (o: unknown) => Buffer.from(JSON.stringify(o));

describe('fleet view model', () => {
  it('builds a node from status, state and events', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    expect(m.apply(t('status'), json(birth), 1000)).toBe(true);
    m.apply(t('state'), json(state), 1000);
    m.apply(t('event'), json(events[9]), 2000);
    const [n] = m.nodes();
    expect(n).toMatchObject({
      site: 'paris',
      node: 'spoke-17',
      status: 'online',
      session: 42,
      activePeer: '192.0.2.1',
      activeSource: 'GigabitEthernet0/0',
      tunnel: 'up/ready',
    });
    expect(n!.health.map((h) => h.verdict)).toEqual(['good', 'bad', 'bad', 'bad']);
    expect(n!.lastEvent?.summary).toBe('lte-hub1 good -> bad (quality)');
    expect(renderFleet(m.nodes(), events[9]!.ts + 90_000)).toMatch(/paris\/spoke-17\s+online\s+192\.0\.2\.1\s+GigabitEthernet0\/0.*1m30s/);
  });

  it('ignores a stale Will (older session than the newest birth) but shows a current one', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    m.apply(t('status'), json({ ...birth, session: 43 }), 1);
    m.apply(t('status'), json({ ...birth, state: 'offline', session: 42, reason: 'connection-lost' }), 2);
    expect(m.nodes()[0]).toMatchObject({ status: 'online', session: 43, staleWills: 1 });
    m.apply(t('status'), json({ ...birth, state: 'offline', session: 43, reason: 'connection-lost' }), 3);
    expect(m.nodes()[0]).toMatchObject({ status: 'offline', offlineReason: 'connection-lost' });
  });

  it("ignores what is not ours: other roots, operators' commands, non-JSON, other versions", () => {
    const m = new FleetModel(DEFAULT_ROOT);
    expect(m.apply('other/x/y/status', json(birth), 1)).toBe(false);
    expect(m.apply(t('cmd'), json({ v: 1 }), 1)).toBe(false);
    expect(m.apply(t('status'), 'nope', 1)).toBe(false);
    expect(m.apply(t('status'), json({ ...birth, v: 2 }), 1)).toBe(false);
    expect(m.nodes()).toEqual([]);
  });

  it('summarises every event kind', () => {
    for (const e of events) expect(summarizeEvent(e)).not.toBe('');
  });
});
