import { describe, expect, it } from 'vitest';
import { stateChanged, telemetryChanges, telemetryTrigger, type StateBody, type TelemetryBody } from '../../../proto/publish-rules.js';
import { state as stateExample, telemetry as telemetryExample } from './examples.js';

const { v: _v, id: _i, ts: _t, historical: _h, ...stateBody } = stateExample;
const { v: _v2, id: _i2, ts: _t2, trigger: _tr, ...telemetryBody } = telemetryExample;
const state: StateBody = stateBody;
const base: TelemetryBody = telemetryBody;
const withSla = (patch: Partial<TelemetryBody['sla'][number]>): TelemetryBody => ({
  ...base,
  sla: [{ ...base.sla[0]!, ...patch }, base.sla[1]!],
});
const MIN = 60_000;

describe('publishing rules (pure)', () => {
  it('publishes state first time and on any change, whatever the key order', () => {
    expect(stateChanged(undefined, state)).toBe(true);
    const reordered = Object.fromEntries(Object.entries(state).reverse()) as StateBody;
    expect(stateChanged(state, reordered)).toBe(false);
    expect(stateChanged(state, { ...state, tunnel: { ...state.tunnel, ikeSa: 'in-negotiation' } })).toBe(true);
    expect(stateChanged(state, { ...state, candidates: state.candidates.map((c, i) => (i === 0 ? { ...c, suppressed: true } : c)) })).toBe(
      true,
    );
  });

  it('does not republish state for numbers that move while a verdict holds', () => {
    const bump = (c: StateBody['candidates'][number]): StateBody['candidates'][number] => {
      if (c.cause?.kind === 'quality')
        return { ...c, cause: { ...c.cause, breaches: c.cause.breaches.map((b) => ({ ...b, value: b.value + 7 })) } };
      if (c.cause?.kind === 'unreachable') return { ...c, cause: { ...c.cause, consecutiveTimeouts: 9 } };
      return c;
    };
    expect(stateChanged(state, { ...state, candidates: state.candidates.map(bump) })).toBe(false);
    const otherMetric = state.candidates.map((c) =>
      c.cause?.kind === 'quality'
        ? { ...c, cause: { kind: 'quality' as const, breaches: [{ metric: 'rttMs' as const, value: 400, threshold: 300 }] } }
        : c,
    );
    expect(stateChanged(state, { ...state, candidates: otherMetric })).toBe(true);
  });

  it.each([
    ['rtt noise within the deadband', withSla({ rttMs: 24 }), false],
    ['rtt beyond 10 ms and 30 %', withSla({ rttMs: 40 }), true],
    ['a small relative change on a long path', { ...base, sla: [base.sla[0]!, { ...base.sla[1]!, rttMs: 600 }] }, true],
    ['loss by one probe in ten', withSla({ lossPct: 10 }), true],
    ['return code', withSla({ returnCode: 'over-threshold' }), true],
    ['jitter noise', withSla({ jitterMs: 5 }), false],
    ['traffic counters only', { ...base, ipsec: [{ ...base.ipsec[0]!, pktsEncaps: 2_000_000, pktsDecaps: 1_990_000 }] }, false],
    ['rates only', { ...base, interfaces: [{ ...base.interfaces[0]!, inBitsPerSec: 9_000_000 }, base.interfaces[1]!] }, false],
    ['ipsec errors grew', { ...base, ipsec: [{ ...base.ipsec[0]!, recvErrors: 5 }] }, true],
    ['ipsec counters reset (new SA)', { ...base, ipsec: [{ ...base.ipsec[0]!, pktsEncaps: 10 }] }, true],
    [
      'interface went up',
      { ...base, interfaces: [base.interfaces[0]!, { ...base.interfaces[1]!, status: 'up', lineProtocol: 'up' }] },
      true,
    ],
    ['an SLA operation disappeared', { ...base, sla: [base.sla[0]!] }, true],
  ] as const)('telemetry: %s -> change %s', (_name, next, expected) => {
    expect(telemetryChanges(base, next as TelemetryBody).length > 0).toBe(expected);
  });

  it('compares with the last publication, so slow drift is reported once it adds up', () => {
    const last = { body: withSla({ rttMs: 20 }), atMs: 0 };
    expect(telemetryTrigger(last, withSla({ rttMs: 27 }), MIN, 5 * MIN)).toBeUndefined();
    expect(telemetryTrigger(last, withSla({ rttMs: 31 }), 2 * MIN, 5 * MIN)).toBe('change');
  });

  it('sends a heartbeat when nothing moved for the interval, and the first report at once', () => {
    expect(telemetryTrigger(undefined, base, 0, 5 * MIN)).toBe('change');
    const last = { body: base, atMs: 0 };
    expect(telemetryTrigger(last, base, 5 * MIN - 1, 5 * MIN)).toBeUndefined();
    expect(telemetryTrigger(last, base, 5 * MIN, 5 * MIN)).toBe('heartbeat');
  });
});
