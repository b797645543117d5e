/** The pure step functions, as tables of (state, input) -> (state, change). */
import { describe, expect, it } from 'vitest';
import type { FlexClientConfig, TrackConfig, UpDown } from '../../lab/router/config-model.js';
import { judgeProbe, recordRun, newSlaRuntime } from '../../lab/router/dynamics/ip-sla.js';
import { evaluationOrder, listTarget, stepTrack, trackTarget, type TrackEnv, type TrackRuntime } from '../../lab/router/dynamics/track.js';
import { candidates, firstCandidate, nextCandidateAfter, selectSource } from '../../lab/router/dynamics/flexvpn-select.js';
import { computeRoutes } from '../../lab/router/dynamics/routes.js';

const SLA = { id: 1, frequencySec: 10, thresholdMs: 250, timeoutMs: 1000 };

describe('IP SLA judgement (IOS: Timeout beyond timeout, OverThreshold beyond threshold)', () => {
  it.each([
    [{ delivered: true, rttMs: 12 }, 'ok', 12],
    [{ delivered: true, rttMs: 250 }, 'ok', 250],
    [{ delivered: true, rttMs: 251 }, 'over-threshold', 251],
    [{ delivered: true, rttMs: 1001 }, 'timeout', undefined],
    [{ delivered: false, rttMs: 0 }, 'timeout', undefined],
  ] as const)('%o -> %s', (probe, code, rtt) => {
    expect(judgeProbe(SLA, probe)).toEqual(rtt === undefined ? { code } : { code, rttMs: rtt });
  });

  it('counts OverThreshold as a success and schedules the next run at the frequency', () => {
    let rt = newSlaRuntime(0);
    rt = recordRun(rt, SLA, { delivered: true, rttMs: 300 }, 0);
    rt = recordRun(rt, SLA, { delivered: false, rttMs: 0 }, 10_000);
    expect(rt).toMatchObject({ successes: 1, failures: 1, code: 'timeout', nextRunAt: 20_000, lastStartAt: 10_000 });
    expect(rt.rttMs).toBeUndefined();
  });
});

describe('track targets (DESIGN §4)', () => {
  const sla = (parameter: 'state' | 'reachability'): TrackConfig => ({ id: 1, kind: 'ip-sla', operation: 1, parameter });
  const env = (over: Partial<TrackEnv> = {}): TrackEnv => ({
    slaCode: () => undefined,
    interfaceState: () => undefined,
    trackState: () => undefined,
    ...over,
  });
  it.each([
    ['state', 'ok', 'up'],
    ['state', 'over-threshold', 'down'],
    ['state', 'timeout', 'down'],
    ['state', undefined, 'down'],
    ['reachability', 'ok', 'up'],
    ['reachability', 'over-threshold', 'up'],
    ['reachability', 'timeout', 'down'],
  ] as const)('ip sla %s with %s is %s', (parameter, code, state) => {
    expect(trackTarget(sla(parameter), env({ slaCode: () => code }))).toBe(state);
  });
  it('a stub object is its default-state', () => {
    expect(trackTarget({ id: 9, kind: 'stub-object', defaultState: 'down' }, env())).toBe('down');
  });
  it.each([
    ['line-protocol', { protocolUp: true, hasAddress: false }, 'up'],
    ['line-protocol', { protocolUp: false, hasAddress: true }, 'down'],
    ['ip-routing', { protocolUp: true, hasAddress: true }, 'up'],
    ['ip-routing', { protocolUp: true, hasAddress: false }, 'down'],
    ['ip-routing', undefined, 'down'],
  ] as const)('interface %s with %o is %s', (parameter, state, expected) => {
    const cfg: TrackConfig = { id: 3, kind: 'interface', interface: 'Tunnel100', parameter };
    expect(trackTarget(cfg, env({ interfaceState: () => state }))).toBe(expected);
  });
  type ListRow = ['and' | 'or', Array<[number, boolean]>, Record<number, UpDown>, UpDown];
  it.each<ListRow>([
    [
      'and',
      [
        [1, false],
        [2, false],
      ],
      { 1: 'up', 2: 'up' },
      'up',
    ],
    [
      'and',
      [
        [1, false],
        [2, false],
      ],
      { 1: 'up', 2: 'down' },
      'down',
    ],
    [
      'and',
      [
        [1, false],
        [2, true],
      ],
      { 1: 'up', 2: 'down' },
      'up',
    ],
    [
      'or',
      [
        [1, false],
        [2, false],
      ],
      { 1: 'down', 2: 'up' },
      'up',
    ],
    [
      'or',
      [
        [1, false],
        [2, false],
      ],
      { 1: 'down', 2: 'down' },
      'down',
    ],
    ['or', [[1, true]], { 1: 'down' }, 'up'],
    [
      'and',
      [
        [1, false],
        [7, false],
      ],
      { 1: 'up' },
      'down',
    ],
    ['or', [], {}, 'down'],
  ])('list boolean %s of %j with %j is %s', (operator, members, states, expected) => {
    expect(
      listTarget(
        operator,
        members.map(([id, negated]) => ({ id, negated })),
        (id) => states[id],
      ),
    ).toBe(expected);
  });
  it('evaluates every list after its members (lists of lists too); a cycle does not hang', () => {
    const list = (id: number, ...ids: number[]): TrackConfig => ({
      id,
      kind: 'list',
      operator: 'and',
      objects: ids.map((x) => ({ id: x, negated: false })),
    });
    const order = evaluationOrder([list(5, 300, 2), list(300, 1), { id: 2, kind: 'stub-object', defaultState: 'up' }, sla('state')]);
    expect(order.map((t) => t.id)).toEqual([1, 2, 300, 5]);
    expect(evaluationOrder([list(8, 9), list(9, 8)]).map((t) => t.id)).toEqual([9, 8]);
  });
});

describe('track delay holds a change back and cancels it on revert', () => {
  const cfg: TrackConfig = { id: 1, kind: 'ip-sla', operation: 1, parameter: 'reachability', delayUpSec: 10, delayDownSec: 5 };
  const up: TrackRuntime = { state: 'up', changes: 1, lastChangeAt: 0 };
  type Row = [string, TrackRuntime, UpDown, number, TrackRuntime, boolean];
  it.each<Row>([
    ['starts a hold-down', up, 'down', 1000, { ...up, pending: { to: 'down', at: 6000 } }, false],
    ['keeps holding', { ...up, pending: { to: 'down', at: 6000 } }, 'down', 5000, { ...up, pending: { to: 'down', at: 6000 } }, false],
    [
      'changes when the delay ran out',
      { ...up, pending: { to: 'down', at: 6000 } },
      'down',
      6000,
      { state: 'down', changes: 2, lastChangeAt: 6000 },
      true,
    ],
    ['cancels when the object reverts', { ...up, pending: { to: 'down', at: 6000 } }, 'up', 4000, up, false],
    [
      'no delay configured changes at once',
      { state: 'down', changes: 0, lastChangeAt: 0 },
      'up',
      0,
      { state: 'up', changes: 1, lastChangeAt: 0 },
      true,
    ],
  ])('%s', (_name, rt, target, now, expected, changed) => {
    const config = _name.startsWith('no delay') ? ({ ...cfg, delayUpSec: undefined } as TrackConfig) : cfg;
    const r = stepTrack(rt, config, target, now);
    expect(r.rt).toEqual(expected);
    expect(r.change !== undefined).toBe(changed);
  });
});

describe('FlexVPN selection', () => {
  const client: FlexClientConfig = {
    name: 'C',
    peerReactivate: false,
    peers: [
      { seq: 2, address: '203.0.113.1', track: 102, trackState: 'up' },
      { seq: 1, address: '198.51.100.1', track: 101, trackState: 'up' },
      { seq: 3, address: '192.0.2.200', track: 103, trackState: 'down' },
      { seq: 4, address: '192.0.2.201', trackState: 'up' },
    ],
    sources: [
      { seq: 2, interface: 'Cellular0/1/0', track: 2 },
      { seq: 1, interface: 'GigabitEthernet0/0', track: 1 },
    ],
  };
  const tracks = (s: Record<number, UpDown>) => (id: number) => s[id];

  it('orders candidates by seq and honours the named track state; untracked peers always qualify', () => {
    const ts = tracks({ 101: 'up', 102: 'down', 103: 'down' });
    expect(candidates(client, ts).map((p) => p.seq)).toEqual([1, 3, 4]);
    expect(firstCandidate(client, tracks({ 101: 'down', 102: 'down', 103: 'up' }))?.seq).toBe(4);
  });

  it('after a failure moves to the next candidate, wrapping around', () => {
    const ts = tracks({ 101: 'up', 102: 'up', 103: 'up' });
    expect(nextCandidateAfter(client, 1, ts)?.seq).toBe(2);
    expect(nextCandidateAfter(client, 4, ts)?.seq).toBe(1);
  });

  it('never picks a peer another client of the backup group holds', () => {
    expect(firstCandidate(client, tracks({ 101: 'up', 102: 'up' }), new Set(['198.51.100.1']))?.seq).toBe(2);
  });

  it('pivots to the lowest-numbered source whose track is up', () => {
    expect(selectSource(client, 'dynamic', tracks({ 1: 'up', 2: 'up' }), undefined)).toBe('GigabitEthernet0/0');
    expect(selectSource(client, 'dynamic', tracks({ 1: 'down', 2: 'up' }), undefined)).toBe('Cellular0/1/0');
    expect(selectSource(client, 'dynamic', tracks({ 1: 'down', 2: 'down' }), 'GigabitEthernet0/0')).toBeUndefined();
    expect(selectSource({ ...client, sources: [] }, undefined, tracks({}), 'Cellular0/1/0')).toBe('Cellular0/1/0');
  });
});

describe('route table', () => {
  it('keeps the lowest distance per prefix and adds local /32s', () => {
    const routes = computeRoutes({
      connected: [{ interface: 'GigabitEthernet0/0', address: '192.0.2.10', prefixLength: 29 }],
      statics: [
        { prefix: '10.0.0.0/8', distance: 200, interface: 'Tunnel1' },
        { prefix: '10.0.0.0/8', distance: 1, interface: 'Tunnel100' },
      ],
      bgp: [{ prefix: '10.0.0.0/8', via: '10.255.0.1', installedAt: 0 }],
    });
    expect(routes.map((r) => `${r.code} ${r.prefix} ${r.interface ?? r.via}`)).toEqual([
      'S 10.0.0.0/8 Tunnel100',
      'C 192.0.2.8/29 GigabitEthernet0/0',
      'L 192.0.2.10/32 GigabitEthernet0/0',
    ]);
  });
});
