import { describe, expect, it } from 'vitest';
import { Degradations } from '../../../agent/shell/observe/degradations.js';
import { GuardedRouter, UNREACHABLE_AFTER } from '../../../agent/shell/act/guarded-router.js';
import { RouterError, type RouterCli, type RouterErrorCode } from '../../../agent/ports/router-cli.js';
import { systemClock } from '../../../agent/ports/clock.js';

function scriptedRouter(outcomes: (RouterErrorCode | 'ok')[]): RouterCli & { calls: number } {
  const r = {
    calls: 0,
    async show() {
      const o = outcomes[Math.min(r.calls++, outcomes.length - 1)]!;
      if (o === 'ok') return 'output';
      throw new RouterError(o, `failed: ${o}`);
    },
    configure: async () => undefined,
    exec: async () => '',
    close: async () => undefined,
  };
  return r;
}

async function runAll(router: RouterCli, n: number) {
  for (let i = 0; i < n; i++) await router.show('show clock').catch(() => undefined);
}

describe('GuardedRouter: what the router side reports', () => {
  it.each([
    // [outcomes, calls, degraded code or undefined]
    [['ROUTER_DISCONNECTED'], UNREACHABLE_AFTER - 1, undefined],
    [['ROUTER_CONNECT_FAILED'], UNREACHABLE_AFTER, 'ROUTER_UNREACHABLE'],
    [['ROUTER_TIMEOUT'], UNREACHABLE_AFTER + 2, 'ROUTER_UNREACHABLE'],
    [['ROUTER_HOSTKEY_MISMATCH'], 1, 'ROUTER_HOSTKEY_MISMATCH'],
    [['ROUTER_AUTH_FAILED'], 1, 'ROUTER_AUTH_FAILED'],
    // IOS answering with an error line is a reachable router.
    [['ROUTER_CLI_ERROR'], 10, undefined],
    [['ROUTER_CONNECT_FAILED', 'ROUTER_CONNECT_FAILED', 'ok', 'ROUTER_CONNECT_FAILED'], 4, undefined],
    [['ROUTER_HOSTKEY_MISMATCH', 'ok'], 2, undefined],
    [['ROUTER_TIMEOUT', 'ROUTER_TIMEOUT', 'ROUTER_OUTPUT_TOO_LARGE', 'ROUTER_TIMEOUT', 'ROUTER_TIMEOUT'], 5, undefined],
  ] as const)('%j over %i calls -> %s', async (outcomes, calls, code) => {
    const d = new Degradations();
    await runAll(new GuardedRouter(scriptedRouter([...outcomes]), d, systemClock), calls);
    expect(d.list().find((x) => x.component === 'router')?.code).toBe(code);
  });

  it('tells listeners once when degraded and once when recovered', async () => {
    const d = new Degradations();
    const changes: (string | undefined)[] = [];
    d.onChange((c) => changes.push(c.now?.code));
    const router = new GuardedRouter(scriptedRouter(['ROUTER_HOSTKEY_MISMATCH', 'ROUTER_HOSTKEY_MISMATCH', 'ok', 'ok']), d, systemClock);
    await runAll(router, 4);
    expect(changes).toEqual(['ROUTER_HOSTKEY_MISMATCH', undefined]);
  });

  it('after shutDown nothing reaches the router and the refusal is ROUTER_CLOSED', async () => {
    const inner = scriptedRouter(['ok']);
    const router = new GuardedRouter(inner, new Degradations(), systemClock);
    router.shutDown();
    await expect(router.show('show clock')).rejects.toMatchObject({ code: 'ROUTER_CLOSED' });
    await expect(router.configure(['track 101 stub-object'])).rejects.toMatchObject({ code: 'ROUTER_CLOSED' });
    expect(inner.calls).toBe(0);
  });
});
