import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { AccessTokens, bearerOf } from '../../../agent/fleet/access.js';
import { EVENT_RETENTION_MS, FleetStore, openFleetDb, SAMPLE_RETENTION_MS } from '../../../agent/fleet/fleet-db.js';
import { tempDir } from '../../support/temp-dir.js';

describe('the dashboard database', () => {
  it('prunes samples after 7 days and events after 30, keeping the rest', () => {
    const tmp = tempDir('spokepilot-fleetdb-');
    const db = openFleetDb(join(tmp.dir, 'f.db'));
    try {
      const store = new FleetStore(db);
      const now = 100 * 86_400_000;
      store.addSamples('s/r', now - SAMPLE_RETENTION_MS - 1, [{ candidate: 'a', loss: 1 }]);
      store.addSamples('s/r', now - SAMPLE_RETENTION_MS + 1000, [{ candidate: 'a', loss: 2 }]);
      store.addEvent('e1', 's/r', now - EVENT_RETENTION_MS - 1, 'decision', '{}');
      store.addEvent('e2', 's/r', now - 8 * 86_400_000, 'decision', '{}');
      expect(store.addEvent('e2', 's/r', now, 'decision', '{}')).toBe(false); // the same id twice is one event
      expect(store.prune(now)).toBe(2);
      expect(store.series('s/r', now - SAMPLE_RETENTION_MS, now, 10).map((p) => p.loss)).toEqual([2]);
      expect(store.events('s/r', 10).map((e) => e.id)).toEqual(['e2']);
    } finally {
      db.close();
      tmp.cleanup();
    }
  });

  it('averages samples into chart buckets per candidate', () => {
    const store = new FleetStore(openFleetDb(':memory:'));
    store.addSamples('s/r', 0, [{ candidate: 'a', rtt: 10 }, { candidate: 'b', rtt: 100 }]);
    store.addSamples('s/r', 10, [{ candidate: 'a', rtt: 30 }]);
    store.addSamples('s/r', 60, [{ candidate: 'a', rtt: 50 }]);
    expect(store.series('s/r', 0, 100, 2).map((p) => [p.candidate, p.t, p.rtt])).toEqual([['a', 0, 20], ['a', 50, 50], ['b', 0, 100]]);
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
