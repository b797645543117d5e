/**
 * A week of the dashboard's quality history at the agent's real 60 s
 * heartbeat: 5,000 spokes with two candidates each is 100.8 M samples, fed
 * through the store's own write path (raw rows only for the last hours, the
 * rest summed into 5-minute and hourly buckets), leaving the database as a
 * week of flushes would.
 *
 *  dashboard.history.samples        samples in the simulated week
 *  dashboard.history.rows           rows the database holds for them (all resolutions)
 *  dashboard.history.dbMb           the database file
 *  dashboard.history.fillSec        time to write the week
 *  dashboard.history.seriesMs.<r>   one spoke's chart for range r (1h raw, 24h 5-minute, 7d hourly), median of 50 spokes
 *  dashboard.history.pruneMs        one scheduled prune (what expired in PRUNE_EVERY_MS, in each resolution)
 */
import { statSync } from 'node:fs';
import { FleetStore, openFleetDb } from '../../agent/fleet/fleet-db.js';
import { PRUNE_EVERY_MS } from '../../agent/fleet/fleet-service.js';
import type { HistorySample } from '../../agent/fleet/history-rollup.js';
import { nodeOf, siteOf } from '../../test/unit/fleet-server/synthetic-fleet.js';
import { median, round, type Metric } from '../metric.js';

const HEARTBEAT_MS = 60_000;
const WEEK_MS = 7 * 86_400_000;
/** Spokes written per transaction: fewer commits, as the server's one flush carries many spokes. */
const SPOKES_PER_WRITE = 25;
const RANGES: Record<string, number> = { '1h': 3_600_000, '24h': 86_400_000, '7d': WEEK_MS };

export const spokeKey = (i: number) => `${siteOf(i)}/${nodeOf(i)}`;

/**
 * One spoke's week written into `out` from `at` (objects reused across
 * batches: allocating 100 M of them took longer than storing them): fibre
 * with a daily RTT swing and a lossy minute now and then, LTE slower and steadier.
 */
function weekOf(i: number, nowMs: number, out: HistorySample[], at: number): number {
  const spoke = spokeKey(i);
  const put = (candidate: string, ts: number, loss: number, rtt: number, jitter: number) => {
    const s = out[at] ?? (out[at] = { spoke, ts, candidate, loss, rtt, jitter });
    s.spoke = spoke;
    s.ts = ts;
    s.candidate = candidate;
    s.loss = loss;
    s.rtt = rtt;
    s.jitter = jitter;
    at++;
  };
  for (let t = nowMs - WEEK_MS + HEARTBEAT_MS, k = 0; t <= nowMs; t += HEARTBEAT_MS, k++) {
    const swing = 5 * Math.sin((2 * Math.PI * (t % 86_400_000)) / 86_400_000);
    put('fibre', t, (k * 7 + i) % 997 === 0 ? 40 : 0, 20 + swing + ((k + i) % 5), 2 + ((k + i) % 3));
    put('lte', t, 0, 60 + ((k + i) % 9), 8);
  }
  return at;
}

export async function* historyBench(dbPath: string, spokes: number, nowMs: number): AsyncGenerator<Metric> {
  const db = openFleetDb(dbPath);
  const store = new FleetStore(db);
  try {
    const started = performance.now();
    let samples = 0;
    const batch: HistorySample[] = [];
    for (let i = 0; i < spokes; i += SPOKES_PER_WRITE) {
      let n = 0;
      for (let k = i; k < Math.min(spokes, i + SPOKES_PER_WRITE); k++) n = weekOf(k, nowMs, batch, n);
      batch.length = n;
      samples += n;
      store.addSamples(batch, nowMs);
    }
    const fillSec = (performance.now() - started) / 1000;
    db.pragma('wal_checkpoint(TRUNCATE)');
    const rows = store.historyRows();
    yield { metric: 'dashboard.history.samples', value: samples, unit: 'samples' };
    yield { metric: 'dashboard.history.rows', value: rows.raw + rows['5m'] + rows['1h'], unit: 'rows' };
    for (const [r, n] of Object.entries(rows)) yield { metric: `dashboard.history.rows.${r}`, value: n, unit: 'rows' };
    yield { metric: 'dashboard.history.dbMb', value: round(statSync(dbPath).size / 2 ** 20, 1), unit: 'MB' };
    yield { metric: 'dashboard.history.fillSec', value: round(fillSec, 1), unit: 's' };
    for (const [range, ms] of Object.entries(RANGES)) {
      const times: number[] = [];
      let points = 0;
      for (let k = 0; k < 50; k++) {
        const t0 = performance.now();
        points = store.series(spokeKey((k * 97) % spokes), nowMs - ms, nowMs).points.length;
        times.push(performance.now() - t0);
      }
      if (points === 0) throw new Error(`dashboard bench: the ${range} chart read no points`);
      yield { metric: `dashboard.history.seriesMs.${range}`, value: round(median(times), 2), unit: 'ms' };
    }
    const t0 = performance.now();
    store.prune(nowMs + PRUNE_EVERY_MS);
    yield { metric: 'dashboard.history.pruneMs', value: round(performance.now() - t0, 0), unit: 'ms' };
  } finally {
    db.close();
  }
}
