import { describe, expect, it } from 'vitest';
import { Lifecycle, type Service } from '../../../agent/compose/lifecycle.js';
import type { Logger } from '../../../agent/ports/logger.js';

function recording() {
  const lines: { event: string; fields?: Record<string, unknown> }[] = [];
  const at = (event: string, fields?: Record<string, unknown>) => void lines.push({ event, ...(fields ? { fields } : {}) });
  const log: Logger = { debug: at, info: at, warn: at, error: at, child: () => log };
  return { log, lines };
}

const service = (name: string, calls: string[], o: { failStart?: boolean; failStop?: boolean; hangStop?: boolean } = {}): Service => ({
  name,
  start: async () => {
    calls.push(`start ${name}`);
    if (o.failStart) throw Object.assign(new Error(`${name} cannot listen`), { code: 'EADDRINUSE' });
  },
  stop: async (signal) => {
    calls.push(`stop ${name}`);
    if (o.failStop) throw new Error(`${name} would not close`);
    if (o.hangStop) await new Promise<void>((r) => signal.addEventListener('abort', () => r()));
  },
});

describe('lifecycle: started in order, stopped in reverse by one loop', () => {
  it('stops every started service, last started first', async () => {
    const calls: string[] = [];
    const life = new Lifecycle(recording().log);
    await life.start([service('store', calls), service('mqtt', calls), service('runtime', calls)]);
    await life.stop(1_000);
    expect(calls).toEqual(['start store', 'start mqtt', 'start runtime', 'stop runtime', 'stop mqtt', 'stop store']);
    await life.stop(1_000);
    expect(calls).toHaveLength(6); // stopped once
  });

  it('a service that fails to start stops those started before it, and the failure is thrown', async () => {
    const calls: string[] = [];
    const { log, lines } = recording();
    const life = new Lifecycle(log);
    await expect(
      life.start([service('store', calls), service('syslog', calls, { failStart: true }), service('runtime', calls)]),
    ).rejects.toThrow('syslog cannot listen');
    expect(calls).toEqual(['start store', 'start syslog', 'stop store']);
    expect(lines).toContainEqual({
      event: 'service-start-failed',
      fields: { service: 'syslog', code: 'EADDRINUSE', error: 'syslog cannot listen' },
    });
  });

  it('a stop that fails is logged and the next goes on; one that outlives the deadline is left behind', async () => {
    const calls: string[] = [];
    const { log, lines } = recording();
    const life = new Lifecycle(log);
    await life.start([service('store', calls), service('router', calls, { hangStop: true }), service('http', calls, { failStop: true })]);
    const t0 = Date.now();
    await life.stop(200);
    expect(Date.now() - t0).toBeLessThan(2_000);
    expect(calls.slice(3)).toEqual(['stop http', 'stop router', 'stop store']);
    expect(lines).toContainEqual({
      event: 'service-stop-failed',
      fields: { service: 'http', code: undefined, error: 'http would not close' },
    });
  });
});
