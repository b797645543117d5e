import { connect } from 'node:net';
import { describe, expect, it } from 'vitest';
import { TcpPresence } from '../../../agent/adapters/tcp-presence.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { Degradations } from '../../../agent/shell/observe/degradations.js';
import { presenceReason, type PresenceInputs } from '../../../agent/shell/act/presence-gate.js';
import { freeTcpPort as freePort } from '../../../lab/harness/free-port.js';

const inputs = (o: Partial<{ mode: 'enforce' | 'dry-run'; inSyncAtMs: number; routerDown: boolean }>): PresenceInputs => {
  const degradations = new Degradations();
  if (o.routerDown) degradations.set({ component: 'router', code: 'ROUTER_UNREACHABLE', message: 'refused', sinceMs: 0 });
  return { mode: () => o.mode ?? 'enforce', inSyncAtMs: () => o.inSyncAtMs, degradations, staleAfterMs: 60_000 };
};

describe('presence: the agent claims control only while it has it', () => {
  it.each([
    { name: 'enforcing and in sync a moment ago', o: { inSyncAtMs: 95_000 }, reason: 'in-control' },
    { name: 'in sync exactly at the limit', o: { inSyncAtMs: 40_000 }, reason: 'in-control' },
    { name: 'in dry-run', o: { mode: 'dry-run' as const, inSyncAtMs: 95_000 }, reason: 'dry-run' },
    { name: 'the router unreachable', o: { inSyncAtMs: 95_000, routerDown: true }, reason: 'router-unreachable' },
    { name: 'never in sync yet (just started, stale tracks unrepaired)', o: {}, reason: 'out-of-sync' },
    { name: 'not in sync for longer than the limit (blind)', o: { inSyncAtMs: 39_999 }, reason: 'out-of-sync' },
  ])('$name: $reason', ({ o, reason }) => {
    expect(presenceReason(inputs(o), 100_000)).toBe(reason);
  });
});

const tryConnect = (port: number) =>
  new Promise<'connected' | string>((resolve) => {
    const s = connect(port, '127.0.0.1');
    s.once('connect', () => {
      s.destroy();
      resolve('connected');
    });
    s.once('error', (e: NodeJS.ErrnoException) => resolve(e.code ?? e.message));
  });

describe("TcpPresence: what the router's tcp-connect probe meets", () => {
  it('accepts while present, refuses while not, and survives quick changes', async () => {
    const port = await freePort();
    const p = new TcpPresence(`127.0.0.1:${port}`, silentLogger);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await p.set(true);
    expect(await tryConnect(port)).toBe('connected');
    void p.set(false);
    void p.set(true);
    await p.set(false);
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    await p.set(true);
    expect(await tryConnect(port)).toBe('connected');
    await p.close();
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });
});
