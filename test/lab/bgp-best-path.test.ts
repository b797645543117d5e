import { describe, expect, it } from 'vitest';
import { bestPath, comparePaths, type BgpPath } from '../../lab/router/bgp/path.js';
import { applyRouteMap } from '../../lab/router/route-map/apply.js';
import { emptyPolicy } from '../../lab/router/route-map/config.js';

const base: BgpPath = {
  prefix: '10.0.0.0/8',
  nextHop: '172.31.1.1',
  from: '172.31.1.1',
  fromRouterId: '172.31.255.1',
  local: false,
  internal: true,
  weight: 0,
  localPref: 100,
  med: 0,
  asPath: [],
  origin: 'i',
  communities: [],
  receivedAt: 0,
};
const other: BgpPath = { ...base, nextHop: '172.31.2.1', from: '172.31.2.1', fromRouterId: '172.31.255.2' };

describe('BGP best path (IOS order)', () => {
  it.each<[string, Partial<BgpPath>, Partial<BgpPath>, string]>([
    ['higher weight', { weight: 10 }, { localPref: 500 }, 'weight'],
    ['higher local preference', { localPref: 200 }, { asPath: [] }, 'local preference'],
    ['locally originated', { local: true }, {}, 'locally originated'],
    ['shorter AS path', {}, { asPath: [65000] }, 'AS path length'],
    ['lower origin', { origin: 'i' }, { origin: '?' }, 'origin'],
    ['lower MED from the same AS', { med: 5 }, { med: 50 }, 'MED'],
    ['eBGP over iBGP', { internal: false }, { internal: true }, 'eBGP over iBGP'],
    ['lower router ID', {}, {}, 'router ID'],
  ])('%s wins', (_name, winner, loser, step) => {
    const a = { ...base, ...winner };
    const b = { ...other, ...loser };
    expect(comparePaths(a, b)).toEqual({ order: expect.any(Number), step });
    expect(comparePaths(a, b).order).toBeLessThan(0);
    expect(bestPath([b, a])).toBe(a);
  });

  it('does not compare MEDs of paths from different neighbouring ASes', () => {
    const a = { ...base, asPath: [65001], med: 100, internal: false };
    const b = { ...other, asPath: [65002], med: 1, internal: false };
    expect(comparePaths(a, b).step).toBe('router ID');
  });
});

describe('route-map application', () => {
  it('first matching entry decides; no match and an undefined map deny; no map leaves the path alone', () => {
    const policy = emptyPolicy();
    policy.prefixLists.set('SUMMARY', [{ seq: 5, action: 'permit', prefix: '10.0.0.0/8' }]);
    policy.routeMaps.set('IN', [
      { seq: 10, action: 'deny', match: { prefixLists: ['NONE'] }, set: {} },
      {
        seq: 20,
        action: 'permit',
        match: { prefixLists: ['SUMMARY'] },
        set: { localPref: 300, community: { values: ['65000:1'], additive: true }, prepend: [65000] },
      },
    ]);
    expect(applyRouteMap('IN', base, policy)).toMatchObject({ localPref: 300, communities: ['65000:1'], asPath: [65000] });
    expect(applyRouteMap('IN', { ...base, prefix: '172.16.0.0/12' }, policy)).toBeUndefined();
    expect(applyRouteMap('MISSING', base, policy)).toBeUndefined();
    expect(applyRouteMap(undefined, base, policy)).toBe(base);
    expect(base.asPath).toEqual([]);
  });
});
