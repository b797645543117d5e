import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AccessTokens, bearerOf } from '../../../agent/fleet/access.js';
import { EVENT_RETENTION_MS, FleetStore, openFleetDb, SAMPLE_RETENTION_MS } from '../../../agent/fleet/fleet-db.js';
import Database from 'better-sqlite3';
import type { HistorySample } from '../../../agent/fleet/history-rollup.js';
import { tempDir } from '../../support/temp-dir.js';

const MIN = 60_000;
const HOUR = 60 * MIN;
const sample = (ts: number, loss: number, rtt: number | null = null): HistorySample => ({
  spoke: 's/r',
  ts,
  candidate: 'a',
  loss,
  rtt,
  jitter: null,
});

describe('the dashboard database', () => {
  it('prunes each resolution after its retention and events after 30 days, keeping the rest', () => {
    const tmp = tempDir('spokepilot-fleetdb-');
    const db = openFleetDb(join(tmp.dir, 'f.db'));
    try {
      const store = new FleetStore(db);
      const now = 100 * 86_400_000;
      store.addSamples([sample(now - 2 * HOUR, 2), sample(now - 20 * HOUR, 3)], now - 2 * HOUR);
      store.addSamples([sample(now - SAMPLE_RETENTION_MS + 2 * HOUR, 7)], now - SAMPLE_RETENTION_MS + 2 * HOUR);
      expect(store.historyRows()).toEqual({ raw: 2, '5m': 3, '1h': 3 }); // the 20 h old sample was past raw's 3 h when it came
      store.addEvent('e1', 's/r', now - EVENT_RETENTION_MS - 1, 'decision', '{}');
      store.addEvent('e2', 's/r', now - 8 * 86_400_000, 'decision', '{}');
      expect(store.addEvent('e2', 's/r', now, 'decision', '{}')).toBe(false); // the same id twice is one event
      expect(store.prune(now)).toBe(3); // the week-old raw sample and 5-minute bucket (its hourly one stays), and e1
      expect(store.historyRows()).toEqual({ raw: 1, '5m': 2, '1h': 3 });
      expect(store.prune(now + 2 * HOUR)).toBe(1); // the raw sample, 4 h old now
      expect(store.series('s/r', now - SAMPLE_RETENTION_MS, now).points.map((p) => p.loss)).toEqual([7, 3, 2]);
      expect(store.events('s/r', 10).map((e) => e.id)).toEqual(['e2']);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });

  it('reads the range from the right resolution: raw slices for an hour, 5-minute buckets for a day, hourly for a week', () => {
    const store = new FleetStore(openFleetDb(':memory:'));
    const now = 100 * 86_400_000;
    const samples = [];
    for (let t = now - 7 * 24 * HOUR + MIN; t <= now; t += MIN) {
      samples.push(sample(t, t === now - 3 * 24 * HOUR ? 90 : 0, 20 + ((t / MIN) % 10)), { ...sample(t, 0, 100), candidate: 'b' });
    }
    for (let i = 0; i < samples.length; i += 5000) store.addSamples(samples.slice(i, i + 5000), now); // as flushes arrive
    const hour = store.series('s/r', now - HOUR, now);
    expect(hour).toMatchObject({ resolution: 'raw', stepMs: 15_000 });
    expect(hour.points.filter((p) => p.candidate === 'a')).toHaveLength(61);
    const day = store.series('s/r', now - 24 * HOUR, now);
    expect(day.resolution).toBe('5m');
    expect(day.points.filter((p) => p.candidate === 'a')).toHaveLength(289); // the partial bucket at each end
    expect(day.points.find((p) => p.candidate === 'a' && p.t === now - 12 * HOUR)).toMatchObject({ rttMin: 20, rttMax: 24, rtt: 22 });
    const week = store.series('s/r', now - 7 * 24 * HOUR, now);
    expect(week.resolution).toBe('1h');
    const a = week.points.filter((p) => p.candidate === 'a');
    expect(a).toHaveLength(169);
    const spike = a.find((p) => p.t === now - 3 * 24 * HOUR)!;
    expect(spike).toMatchObject({ lossMax: 90, rttMin: 20, rttMax: 29 });
    expect(spike.loss).toBeCloseTo(1.5); // one minute of 90 % in the hour
    expect(week.points.filter((p) => p.candidate === 'b').every((p) => p.rtt === 100 && p.lossMax === 0)).toBe(true);
    expect(store.historyRows()).toEqual({ raw: 2 * 181, '5m': 2 * 314, '1h': 2 * 169 }); // each keeps one bucket past its retention, the one the cut falls in
  });

  it('sums the raw samples of a database from before the rollups into buckets when opened', () => {
    const tmp = tempDir('spokepilot-fleetdb-');
    const path = join(tmp.dir, 'old.db');
    try {
      const old = new Database(path);
      old.exec('CREATE TABLE sample (spoke TEXT NOT NULL, ts INTEGER NOT NULL, candidate TEXT NOT NULL, loss REAL, rtt REAL, jitter REAL)');
      const now = 100 * 86_400_000;
      old.prepare('INSERT INTO sample VALUES (?, ?, ?, ?, ?, ?)').run('s/r', now - 5 * 24 * HOUR, 'a', 4, 30, null);
      old.prepare('INSERT INTO sample VALUES (?, ?, ?, ?, ?, ?)').run('s/r', now - 5 * 24 * HOUR + MIN, 'a', 8, 10, 2);
      old.close();
      const db = openFleetDb(path);
      const store = new FleetStore(db);
      store.prune(now);
      expect(store.historyRows()).toEqual({ raw: 0, '5m': 0, '1h': 1 });
      expect(store.series('s/r', now - 7 * 24 * HOUR, now).points).toEqual([
        { candidate: 'a', t: now - 5 * 24 * HOUR, loss: 6, lossMax: 8, rtt: 20, rttMin: 10, rttMax: 30, jitter: 2, jitterMax: 2 },
      ]);
      db.close();
      const reopened = openFleetDb(path); // once: a second open adds nothing
      expect(new FleetStore(reopened).historyRows()['1h']).toBe(1);
      reopened.close();
    } finally {
      tmp.cleanup();
    }
  });

  it('keeps tokens hashed and tells viewers from commanders', () => {
    const tokens = new AccessTokens(openFleetDb(':memory:'));
    const view = tokens.create('viewer', false);
    const cmd = tokens.create('noc', true);
    expect(tokens.check(view)).toEqual({ name: 'viewer', canCommand: false });
    expect(tokens.check(cmd)).toEqual({ name: 'noc', canCommand: true });
    expect(tokens.check(`${cmd}x`)).toBeUndefined();
    expect(tokens.check(undefined)).toBeUndefined();
    const again = tokens.create('noc', false);
    expect(tokens.check(cmd)).toBeUndefined(); // replaced
    expect(tokens.check(again)).toEqual({ name: 'noc', canCommand: false });
    expect(() => tokens.create('bad name', true)).toThrow(/bad token name "bad name"/);
    expect(bearerOf('Bearer abc')).toBe('abc');
    expect(bearerOf('Basic abc')).toBeUndefined();
  });
});
