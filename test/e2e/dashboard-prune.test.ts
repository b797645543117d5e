/**
 * The dashboard keeps answering while it prunes a large expired history
 * (issue 17: one prune in one go held the server for 4-5 s). A real SQLite
 * file with hundreds of thousands of expired rows, the real server: requests
 * made while the prune runs must complete before it ends. Asserted on order
 * (answered while the prune was still running), not on times.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { startDashboard, type Dashboard } from '../../agent/fleet/dashboard.js';
import { openFleetDb, RAW_RETENTION_MS, EVENT_RETENTION_MS } from '../../agent/fleet/fleet-db.js';
import { tempDir } from '../support/temp-dir.js';
import { waitFor } from '../support/wait-for.js';

const tmp = tempDir('spokepilot-dash-prune-');
const dbPath = join(tmp.dir, 'fleet.db');
const RAW = 300_000;
const BUCKETS = 100_000;
const EVENTS = 50_000;
let dash: Dashboard | undefined;

/** Expired history written straight into the file, as weeks of a large fleet leave it. */
function fillExpired(): void {
  const db = openFleetDb(dbPath);
  const old = Date.now() - EVENT_RETENTION_MS - RAW_RETENTION_MS;
  db.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${RAW - 1})
    INSERT INTO sample SELECT 'site-' || (i % 500) || '/spoke', ? - i * 1000, 'fibre', 0, 20, 2 FROM k`,
  ).run(old);
  db.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${BUCKETS - 1})
    INSERT INTO sample_5m SELECT 'site-' || (i % 500) || '/spoke', 'fibre', ? - i * 300000, 5, 5, 0, 0, 5, 100, 20, 20, 5, 10, 2 FROM k`,
  ).run(old);
  db.prepare(
    `WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < ${EVENTS - 1})
    INSERT INTO event SELECT 'old-' || i, 'site-' || (i % 500) || '/spoke', ? - i * 1000, 'decision', '{}' FROM k`,
  ).run(old);
  db.close();
}

beforeAll(() => {
  fillExpired();
}, 60_000);
afterAll(async () => {
  await dash?.close();
  tmp.cleanup();
});

describe('fleet serve during a prune of a large history', () => {
  it('answers requests while the prune runs, and the prune removes every expired row', async () => {
    // start() begins the prune; the server listens once the dashboard is up, the prune still under way.
    dash = await startDashboard({
      brokers: [],
      root: 'spokepilot/v1',
      dbPath,
      listen: { host: '127.0.0.1', port: 0 },
      bootstrapToken: { name: 'alice', canCommand: false },
    });
    const service = dash.service;
    let answeredDuringPrune = 0;
    let answered = 0;
    while (service.pruneRunning) {
      const res = await fetch(new URL('/healthz', dash.url), { headers: { authorization: `Bearer ${dash.token}` } });
      expect(res.status).toBe(200);
      await res.json();
      answered++;
      if (service.pruneRunning) answeredDuringPrune++;
    }
    await waitFor('the prune to finish', () => service.lastPrune !== undefined, 60_000);
    expect(service.lastPrune).toMatchObject({ total: RAW + BUCKETS + EVENTS, cancelled: false });
    // Served between slices: with the prune in one go, start() would have held the server until it ended.
    expect(answeredDuringPrune).toBeGreaterThanOrEqual(3);
    expect(service.lastPrune!.slices).toBeGreaterThan(answeredDuringPrune);
    expect(answered).toBeGreaterThanOrEqual(answeredDuringPrune);
    expect(service.store.historyRows()).toEqual({ raw: 0, '5m': 0, '1h': 0 });
  }, 120_000);
});
