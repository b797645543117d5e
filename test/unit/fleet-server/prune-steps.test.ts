import { describe, expect, it } from 'vitest';
import { EVENT_RETENTION_MS, FleetStore, MAX_EVENTS_PER_SPOKE, openFleetDb } from '../../../agent/fleet/fleet-db.js';
import { runSliced } from '../../../agent/fleet/sliced-run.js';

const HOUR = 3_600_000;
const NOW = 100 * 86_400_000;

/** Expired and kept rows in every table the prune reads, and one spoke over its event cap. */
function filled(): FleetStore {
  const store = new FleetStore(openFleetDb(':memory:'));
  const db = store.db;
  const put = db.prepare('INSERT INTO sample (spoke, ts, candidate, loss, rtt, jitter) VALUES (?, ?, ?, 0, 10, 1)');
  const bucket = (table: string) => db.prepare(`INSERT INTO ${table} VALUES (?, 'a', ?, 1, 1, 0, 0, 1, 10, 10, 10, 0, 0, NULL)`);
  db.transaction(() => {
    for (let s = 0; s < 7; s++) {
      for (let k = 0; k < 30; k++) put.run(`site/s${s}`, NOW - 4 * HOUR - k * 60_000, 'a'); // past raw's 3 h
      for (let k = 0; k < 5; k++) put.run(`site/s${s}`, NOW - k * 60_000, 'a');
      for (let k = 0; k < 20; k++) bucket('sample_5m').run(`site/s${s}`, NOW - 30 * HOUR - k * 300_000);
      bucket('sample_5m').run(`site/s${s}`, NOW - HOUR);
      for (let k = 0; k < 10; k++) bucket('sample_1h').run(`site/s${s}`, NOW - 8 * 24 * HOUR - k * HOUR);
      bucket('sample_1h').run(`site/s${s}`, NOW - HOUR);
    }
    const ev = db.prepare("INSERT INTO event (id, spoke, ts, kind, body) VALUES (?, ?, ?, 'decision', '{}')");
    for (let k = 0; k < 25; k++) ev.run(`old-${k}`, 'site/s1', NOW - EVENT_RETENTION_MS - 1 - k);
    for (let k = 0; k < MAX_EVENTS_PER_SPOKE + 9; k++) ev.run(`busy-${k}`, 'site/s2', NOW - k);
    store.recordCommand({ tx: 'old', spoke: 'site/s1', sentMs: NOW - EVENT_RETENTION_MS - 5, sentBy: 'alice', cmd: 'get-state', args: {} });
    store.recordCommand({ tx: 'new', spoke: 'site/s1', sentMs: NOW, sentBy: 'alice', cmd: 'get-state', args: {} });
  })();
  return store;
}

const contents = (store: FleetStore) =>
  Object.fromEntries(
    ['sample', 'sample_5m', 'sample_1h', 'event', 'command'].map((t) => [t, store.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2, 3`).all()]),
  );

describe('the history prune in bounded steps', () => {
  it('removes exactly what the prune in one go removes, a few rows per step', () => {
    const whole = filled();
    const removed = whole.prune(NOW);
    expect(removed).toBe(7 * 30 + 7 * 20 + 7 * 10 + 25 + 1 + 9);
    const stepped = filled();
    const steps = [...stepped.pruneSteps(NOW, 4)];
    expect(steps.every((n) => n <= 4)).toBe(true);
    expect(steps.reduce((a, b) => a + b, 0)).toBe(removed);
    expect(contents(stepped)).toEqual(contents(whole));
    expect(stepped.db.prepare("SELECT COUNT(*) FROM event WHERE spoke = 'site/s2'").pluck().get()).toBe(MAX_EVENTS_PER_SPOKE);
  });
});

describe('runSliced', () => {
  function* work(n: number, msEach: number) {
    for (let i = 0; i < n; i++) {
      const until = performance.now() + msEach;
      while (performance.now() < until) {
        /* a step's synchronous cost */
      }
      yield 1;
    }
  }

  it('lets the event loop run between slices and sums the steps', async () => {
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks++;
    }, 0);
    try {
      const run = await runSliced(work(40, 2), { sliceMs: 10 });
      expect(run.total).toBe(40);
      expect(run.slices).toBeGreaterThan(1);
      expect(ticks).toBeGreaterThan(0); // a timer ran while the job was not finished
    } finally {
      clearInterval(ticker);
    }
  });

  it('takes no further step once cancelled', async () => {
    let stop = false;
    const steps = work(1000, 1);
    setImmediate(() => {
      stop = true;
    });
    const run = await runSliced(steps, { sliceMs: 5, cancelled: () => stop });
    expect(run.cancelled).toBe(true);
    expect(run.total).toBeLessThan(1000);
    expect(steps.next().done).toBe(false); // left where it was, not run out
  });
});
