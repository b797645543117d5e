/**
 * Payloads of a made-up fleet, typed by the contract (so they compile only if
 * they match it): what the dashboard's tests and bench publish in place of
 * thousands of real agents. Spoke i has two candidates, fibre then LTE.
 */
import type { EventPayload, StatePayload, StatusPayload, TelemetryPayload } from '../../../proto/payloads.js';

let seq = 0;
const env = (ts: number) => ({ v: 1 as const, id: `syn-${process.pid}-${++seq}`, ts });

export const siteOf = (i: number) => `site${String(Math.floor(i / 10)).padStart(4, '0')}`;
export const nodeOf = (i: number) => `r${i % 10}`;
export const topic = (i: number, leaf: string, root = 'spokepilot/v1') => `${root}/${siteOf(i)}/${nodeOf(i)}/${leaf}`;
export const hubOf = (i: number) => `10.0.${i % 4}.1`;

export function birth(ts: number, session = 1): StatusPayload {
  return { ...env(ts), state: 'online', session, agentVersion: '0.2.0', instance: 'syntheticInst' };
}

export function state(i: number, ts: number, onLte = false): StatePayload {
  const peer = hubOf(i);
  const fibre = {
    id: 'fibre',
    peer,
    source: 'GigabitEthernet0/0',
    verdict: onLte ? ('bad' as const) : ('good' as const),
    sinceMs: ts,
    suppressed: false,
    ...(onLte ? { cause: { kind: 'quality' as const, breaches: [{ metric: 'lossPct' as const, value: 40, threshold: 20 }] } } : {}),
  };
  const lte = { id: 'lte', peer, source: 'Cellular0/1/0', verdict: 'good' as const, sinceMs: ts, suppressed: false };
  const active = onLte ? lte : fibre;
  return {
    ...env(ts),
    health: { status: 'ok', degraded: [] },
    client: 'FLEX',
    mode: 'enforce',
    released: false,
    active: { peer, source: active.source, candidate: active.id },
    selected: active.id,
    candidates: [fibre, lte],
    tunnel: { interface: 'Tunnel0', lineProtocol: 'up', ikeSa: 'ready', ipsecSas: 2 },
    ...(onLte ? { lastDecision: decision(ts) } : {}),
  };
}

function decision(ts: number) {
  return {
    atMs: ts,
    action: 'switch' as const,
    from: 'fibre',
    to: 'lte',
    dryRun: false,
    reason: {
      code: 'current-bad' as const,
      candidate: 'fibre',
      sinceMs: ts,
      cause: { kind: 'quality' as const, breaches: [{ metric: 'lossPct' as const, value: 40, threshold: 20 }] },
    },
  };
}

export function decisionEvent(ts: number): EventPayload {
  return { ...env(ts), kind: 'decision', decision: decision(ts) };
}

export function telemetry(ts: number, fibreLossPct = 0, rttMs = 20): TelemetryPayload {
  return {
    ...env(ts),
    trigger: 'heartbeat',
    interfaces: [],
    ipsec: [],
    sla: [
      { operation: 10, candidate: 'fibre', returnCode: 'ok', samples: 10, lossPct: fibreLossPct, rttMs, jitterMs: 2 },
      { operation: 20, candidate: 'lte', returnCode: 'ok', samples: 10, lossPct: 0, rttMs: rttMs * 3, jitterMs: 8 },
    ],
  };
}
