import { describe, expect, it } from 'vitest';
import { loadConfigText } from '../../../agent/config/load.js';
import { planReload } from '../../../agent/config/reload-plan.js';
import type { SchemaView } from '../../../agent/config/schema-view.js';
import type { AgentConfig } from '../../../agent/config/types.js';
import { MINIMAL } from './minimal-config.js';

const valid = (text: string): AgentConfig => {
  const r = loadConfigText(text);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.config;
};

/** A schema of its own: `a` live, `b` restart with one live key inside, `c` restart by default. */
const SCHEMA: SchemaView = {
  properties: {
    a: { 'x-reload': 'live' },
    b: { 'x-reload': 'restart', properties: { fixed: {}, items: { items: { properties: { id: {}, level: { 'x-reload': 'live' } } } } } },
    c: {},
  },
};

describe('planReload: what a reload applies, as the schema declares it', () => {
  const was = { a: 1, b: { fixed: 'x', items: [{ id: 1, level: 5 }] }, c: { k: 1, j: 2 } };

  it('takes a live key at once and names a changed restart key, keeping its value', () => {
    const plan = planReload(was, { ...was, a: 2, c: { k: 9, j: 2 } }, SCHEMA);
    expect(plan.value).toEqual({ ...was, a: 2 });
    expect(plan.applied).toEqual(['a']);
    expect(plan.needRestart).toEqual(['c']);
  });

  it('takes a restart section whose only change is in a live key inside it (a list item included)', () => {
    const next = { ...was, b: { fixed: 'x', items: [{ id: 1, level: 7 }] } };
    const plan = planReload(was, next, SCHEMA);
    expect(plan.value.b).toBe(next.b);
    expect(plan.applied).toEqual(['b']);
    expect(plan.needRestart).toEqual([]);
  });

  it('keeps the whole section when a restart key inside it changed too', () => {
    const plan = planReload(was, { ...was, b: { fixed: 'y', items: [{ id: 1, level: 7 }] } }, SCHEMA);
    expect(plan.value.b).toBe(was.b);
    expect(plan.needRestart).toEqual(['b']);
  });

  it('counts an item added or removed as a change, and key order as none', () => {
    expect(planReload(was, { ...was, b: { ...was.b, items: [] } }, SCHEMA).needRestart).toEqual(['b']);
    expect(planReload(was, { ...was, c: { j: 2, k: 1 } }, SCHEMA)).toEqual({
      value: { ...was, c: { j: 2, k: 1 } },
      applied: [],
      needRestart: [],
    });
  });

  it('on the real schema: the policy and a metered budget are live, the node and which WANs are metered are not', () => {
    const meteredText = (settings: string) =>
      MINIMAL.replace('sources: [{ interface: Gi0/0, stubTrack: 111 }]', `sources: [{ interface: Gi0/0, stubTrack: 111${settings} }]`);
    const start = valid(meteredText(', metered: { budget: 2GB }'));
    const budget = planReload(
      start,
      valid(meteredText(', metered: { budget: 1GB }').replace('node: n1', 'node: n1\npolicy: { failAfter: 4 }')),
    );
    expect(budget.applied).toEqual(['policy', 'flexvpn']);
    expect(budget.needRestart).toEqual([]);
    expect(budget.value.flexvpn?.sources[0]!.metered!.budget).toBe(1e9);
    const unmetered = planReload(start, valid(meteredText('').replace('node: n1', 'node: n2')));
    expect(unmetered.needRestart).toEqual(['node', 'flexvpn']);
    expect(unmetered.value.flexvpn).toBe(start.flexvpn);
    expect(unmetered.value.node).toBe('n1');
  });
});
