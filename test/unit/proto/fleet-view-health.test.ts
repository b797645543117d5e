import { describe, expect, it } from 'vitest';
import { FleetModel, renderFleet } from '../../../proto/fleet-view.js';
import { DEFAULT_ROOT, topicOf } from '../../../proto/topics.js';
import { birth, degradedState, goodbyeNotRestored, state } from './examples.js';

const at = { site: 'paris', node: 'spoke-17' };
const t = (leaf: 'status' | 'state') => topicOf(DEFAULT_ROOT, at, leaf);
const json = (o: unknown) => JSON.stringify(o);

describe("fleet view: the agent's own health", () => {
  it('shows a degraded spoke with its codes, and clears them when its state is healthy again', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    m.apply(t('status'), json(birth), 1000);
    m.apply(t('state'), json(degradedState), 1000);
    expect(m.nodes()[0]?.degraded).toEqual(['STORE_IN_MEMORY']);
    expect(renderFleet(m.nodes(), 2000)).toMatch(/online \[degraded STORE_IN_MEMORY\]/);
    m.apply(t('state'), json(state), 3000);
    expect(m.nodes()[0]?.degraded).toBeUndefined();
  });

  it('says when a spoke went away without restoring its router', () => {
    const m = new FleetModel(DEFAULT_ROOT);
    m.apply(t('status'), json(birth), 1000);
    m.apply(t('status'), json(goodbyeNotRestored), 2000);
    expect(renderFleet(m.nodes(), 3000)).toMatch(/offline \(shutdown, NOT RESTORED: timeout\)/);
  });
});
