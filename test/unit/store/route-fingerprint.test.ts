import { describe, expect, it } from 'vitest';
import { parseStoredRoute, routeFingerprint, storedRoute } from '../../../agent/adapters/sqlite/route-key.js';
import type { NextHop, Route } from '../../../proto/records/routing.js';

/** A route with every field of Route and NextHop set, so each can be changed in turn. */
const hop: Required<NextHop> = { address: '10.64.0.1', interface: 'Tunnel100', vrf: 'red', ageSec: 60, kind: 'summary', metric: 5 };
const full: Required<Route> = {
  family: 'ipv4',
  vrf: 'blue',
  prefix: '10.1.0.0/16',
  code: 'O IA',
  protocol: 'ospf',
  subtype: 'inter-area',
  candidateDefault: false,
  flags: ['replicated'],
  distance: 110,
  metric: 20,
  tag: 7,
  nextHops: [hop],
};
const changed: { [K in keyof Route]-?: Route[K] } = {
  family: 'ipv6',
  vrf: 'green',
  prefix: '10.1.0.0/16',
  code: 'O',
  protocol: 'bgp',
  subtype: 'external-2',
  candidateDefault: true,
  flags: ['next-hop-override'],
  distance: 20,
  metric: 21,
  tag: 8,
  nextHops: [{ ...hop, address: '10.64.0.2' }],
};
const hopChanged: { [K in keyof NextHop]-?: NextHop[K] } = {
  address: '10.65.0.1',
  interface: 'Tunnel200',
  vrf: 'green',
  ageSec: 61,
  kind: 'receive',
  metric: 6,
};

describe('route fingerprint (the diff identity)', () => {
  it.each(Object.keys(full).filter((k) => k !== 'prefix' && k !== 'nextHops') as (keyof Route)[])('changes when %s changes', (key) => {
    expect(routeFingerprint({ ...full, [key]: changed[key] })).not.toBe(routeFingerprint(full));
  });

  it.each((Object.keys(hop) as (keyof NextHop)[]).filter((k) => k !== 'ageSec'))("changes when a next hop's %s changes", (key) => {
    expect(routeFingerprint({ ...full, nextHops: [{ ...hop, [key]: hopChanged[key] }] })).not.toBe(routeFingerprint(full));
  });

  it('ignores ages, which grow on every read', () => {
    expect(routeFingerprint({ ...full, nextHops: [{ ...hop, ageSec: 9999 }] })).toBe(routeFingerprint(full));
  });

  it('is a number, so the worker keeps 8 bytes per cached route, not the text', () => {
    expect(Number.isSafeInteger(routeFingerprint(full))).toBe(true);
  });
});

describe('stored route form', () => {
  it('reads back as the record without per-hop ages', () => {
    const { ageSec: _age, ...hopWithoutAge } = hop;
    expect(parseStoredRoute(storedRoute(full))).toEqual({ ...full, nextHops: [hopWithoutAge] });
  });
});
