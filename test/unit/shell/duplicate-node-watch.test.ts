import { describe, expect, it } from 'vitest';
import { Degradations } from '../../../agent/shell/observe/degradations.js';
import { DuplicateNodeWatch, TWIN_GONE_AFTER_MS } from '../../../agent/shell/report/duplicate-node-watch.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import type { Clock } from '../../../agent/ports/clock.js';

const START = 1_000_000;

function rig() {
  let now = START;
  const timers: { at: number; fn: () => void; live: boolean }[] = [];
  const clock: Clock = {
    now: () => now,
    setTimer(fn, ms) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
  } as Clock;
  const degradations = new Degradations();
  let births = 0;
  const watch = new DuplicateNodeWatch({
    instance: 'me',
    startedAtMs: START,
    site: 's',
    node: 'n',
    degradations,
    clock,
    log: silentLogger,
    rebirth: async () => {
      births++;
    },
  });
  const advance = (ms: number) => {
    now += ms;
    for (const t of timers)
      if (t.live && t.at <= now) {
        t.live = false;
        t.fn();
      }
  };
  return { watch, degradations, advance, births: () => births, code: () => degradations.get('identity')?.code };
}

describe('duplicate site/node detection', () => {
  it('table: which statuses of another instance mean a live twin', () => {
    const cases: [string, Record<string, unknown>, boolean, string | undefined][] = [
      ['our own birth', { state: 'online', instance: 'me', ts: START + 5 }, false, undefined],
      ['an agent without instance ids', { state: 'online', ts: START + 5 }, false, undefined],
      ['a live birth', { state: 'online', instance: 'x', ts: START - 5 }, false, 'DUPLICATE_NODE'],
      ['a retained birth from before we started (a dead predecessor)', { state: 'online', instance: 'x', ts: START - 5 }, true, undefined],
      ['a retained birth from after we started', { state: 'online', instance: 'x', ts: START + 5 }, true, 'DUPLICATE_NODE'],
      ["a predecessor's late Will", { state: 'offline', reason: 'connection-lost', instance: 'x', ts: START - 5 }, false, undefined],
      [
        'a Will set after we started',
        { state: 'offline', reason: 'connection-lost', instance: 'x', ts: START + 5 },
        true,
        'DUPLICATE_NODE',
      ],
      ['a goodbye of an unknown instance', { state: 'offline', reason: 'shutdown', instance: 'x', ts: START + 5 }, false, undefined],
    ];
    for (const [what, status, retained, code] of cases) {
      const r = rig();
      r.watch.see(status, retained, true);
      expect(r.code(), what).toBe(code);
    }
  });

  it('re-publishes our birth once per twin found, and after any live Will of another', () => {
    const r = rig();
    r.watch.see({ state: 'online', instance: 'x', ts: START + 1 }, false, true);
    r.watch.see({ state: 'online', instance: 'x', ts: START + 2 }, false, true);
    expect(r.births()).toBe(1);
    r.watch.see({ state: 'offline', reason: 'connection-lost', instance: 'old', ts: START - 1 }, false, true);
    expect(r.births()).toBe(2);
  });

  it("clears on the twin's goodbye, or when its Will is followed by silence", () => {
    const bye = rig();
    bye.watch.see({ state: 'online', instance: 'x', ts: START + 1 }, false, true);
    bye.watch.see({ state: 'offline', reason: 'shutdown', instance: 'x', ts: START + 9 }, false, true);
    expect(bye.code()).toBeUndefined();

    const lost = rig();
    lost.watch.see({ state: 'online', instance: 'x', ts: START + 1 }, false, true);
    lost.watch.see({ state: 'offline', reason: 'connection-lost', instance: 'x', ts: START + 1 }, false, true);
    lost.advance(TWIN_GONE_AFTER_MS / 2);
    lost.watch.see({ state: 'online', instance: 'x', ts: START + TWIN_GONE_AFTER_MS / 2 }, false, true); // back: kicked, not gone
    lost.advance(TWIN_GONE_AFTER_MS);
    expect(lost.code()).toBe('DUPLICATE_NODE');
    lost.watch.see({ state: 'offline', reason: 'connection-lost', instance: 'x', ts: START + TWIN_GONE_AFTER_MS }, false, true);
    lost.advance(TWIN_GONE_AFTER_MS + 1);
    expect(lost.code()).toBeUndefined();
  });
});
