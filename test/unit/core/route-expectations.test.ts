import { describe, expect, it } from 'vitest';
import { checkRoutes, compileExpectations, judgeRoutes, VIOLATIONS_LISTED } from '../../../agent/core/route-expectations.js';
import type { Route, RouteProtocol } from '../../../proto/records/routing.js';

const route = (prefix: string, protocol: RouteProtocol, iface: string): Route => ({
  family: 'ipv4',
  prefix,
  code: 'S',
  protocol,
  candidateDefault: false,
  nextHops: [{ interface: iface }],
});

const expectations = compileExpectations({
  required: [{ prefix: '10.0.0.0/8', viaInterface: 'Tunnel' }, { prefix: '172.16.0.0/12' }],
  allowed: [{ prefix: '10.0.0.0/8', maxLength: 16 }, { prefix: '0.0.0.0/0' }],
});

describe('route expectations', () => {
  it('passes a table that holds what it must and nothing else', () => {
    const table = [
      route('10.0.0.0/8', 'static', 'Tunnel100'),
      route('172.16.0.0/12', 'static', 'Tunnel100'),
      route('0.0.0.0/0', 'static', 'GigabitEthernet0/0'),
    ];
    // 172.16.0.0/12 is required but not allowed: it is reported as unexpected, the rest is clean.
    expect(checkRoutes(expectations, table).map((v) => `${v.kind} ${v.prefix}`)).toEqual(['unexpected 172.16.0.0/12']);
  });

  it('reports a required prefix with no covering route, and one reached the wrong way', () => {
    const table = [route('10.0.0.0/8', 'static', 'GigabitEthernet0/0')];
    expect(checkRoutes(expectations, table)).toEqual([
      { kind: 'missing', prefix: '10.0.0.0/8', detail: 'covered by 10.0.0.0/8, not via Tunnel' },
      { kind: 'missing', prefix: '172.16.0.0/12', detail: 'no route covers it' },
    ]);
  });

  it('flags a learned route more specific than allowed (injection) and one outside every range', () => {
    const table = [
      route('10.0.0.0/8', 'bgp', 'Tunnel100'),
      route('10.1.2.0/24', 'bgp', 'Tunnel100'),
      route('192.168.7.0/24', 'bgp', 'Tunnel100'),
      route('192.168.1.0/24', 'connected', 'Vlan1'),
    ];
    const unexpected = checkRoutes(compileExpectations({ required: [], allowed: [{ prefix: '10.0.0.0/8', maxLength: 16 }] }), table);
    expect(unexpected.map((v) => v.kind === 'unexpected' && `${v.prefix} ${v.reason}`)).toEqual([
      '10.1.2.0/24 too-specific',
      '192.168.7.0/24 outside-allowed',
    ]);
  });

  it("checks the 12.x legends' IGRP and EGP routes as learned ones", () => {
    const table = [route('192.168.7.0/24', 'igrp', 'Serial0/0'), route('192.168.8.0/24', 'egp', 'Serial0/1')];
    const unexpected = checkRoutes(compileExpectations({ required: [], allowed: [{ prefix: '10.0.0.0/8' }] }), table);
    expect(unexpected.map((v) => v.kind === 'unexpected' && `${v.prefix} ${v.protocol}`)).toEqual([
      '192.168.7.0/24 igrp',
      '192.168.8.0/24 egp',
    ]);
  });

  it('rejects bad prefixes in the configuration, naming each', () => {
    expect(() => compileExpectations({ required: [{ prefix: '10.0.0.0' }], allowed: [{ prefix: '10.0.0.0/8', maxLength: 7 }] })).toThrow(
      /required\[0\].*allowed\[0\]: maxLength 7/,
    );
  });

  it('summarises 10,000 injected routes as the first few, the count and a digest that moves when any one changes', () => {
    const allowed = compileExpectations({ required: [], allowed: [{ prefix: '10.0.0.0/8', maxLength: 16 }] });
    const injected = Array.from({ length: 10_000 }, (_, i) => route(`10.100.${i >> 8}.${i & 255}/32`, 'static', 'Tunnel100'));
    const all = checkRoutes(allowed, injected);
    const summary = judgeRoutes(allowed, injected);
    expect(summary.total).toBe(10_000);
    expect(summary.listed).toEqual(all.slice(0, VIOLATIONS_LISTED));
    const oneMore = judgeRoutes(allowed, [...injected.slice(0, -1), route('10.101.0.0/32', 'static', 'Tunnel100')]);
    expect(oneMore.digest).not.toBe(summary.digest);
    expect(judgeRoutes(allowed, injected).digest).toBe(summary.digest);
  });
});
