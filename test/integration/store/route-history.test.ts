import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../../agent/adapters/sqlite/database.js';
import { SqliteRouteHistory } from '../../../agent/adapters/sqlite/route-history.js';
import { SqliteRouteQueries } from '../../../agent/adapters/sqlite/route-queries.js';
import type { Route } from '../../../proto/records/routing.js';
import { useTempDatabase } from '../../support/temp-database.js';

const GLOBAL = { family: 'ipv4' as const, vrf: '' };
const route = (prefix: string, via: string, ageSec = 10, metric = 0): Route => ({
  family: 'ipv4',
  prefix,
  code: 'S',
  protocol: 'static',
  candidateDefault: false,
  distance: 1,
  metric,
  nextHops: [{ address: via, interface: 'Tunnel100', ageSec }],
});

describe('route history (real SQLite file)', () => {
  const t = useTempDatabase();

  it('diffs each read against the last, ignoring ages', async () => {
    const history = new SqliteRouteHistory(t.db);
    const first = await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1'), route('10.2.0.0/16', '10.64.0.1')], 1000);
    expect(first).toMatchObject({ routeCount: 2, added: 2, removed: 0, changed: 0 });
    const same = await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1', 40), route('10.2.0.0/16', '10.64.0.1', 40)], 2000);
    expect(same).toMatchObject({ added: 0, removed: 0, changed: 0 });
    // The unchanged route has aged by the time between reads.
    expect(new SqliteRouteQueries(t.db).tableAt(GLOBAL, 2000).routes[0]!.ageSec).toBe(11);
    const next = await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.65.0.1'), route('10.3.0.0/16', '10.64.0.1')], 3000);
    expect(next).toMatchObject({ routeCount: 2, added: 1, removed: 1, changed: 1 });
  });

  it('answers the table as it was at a time, and the changes since a time', async () => {
    const history = new SqliteRouteHistory(t.db);
    await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1'), route('10.2.0.0/16', '10.64.0.1')], 1000);
    await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.65.0.1'), route('10.3.0.0/16', '10.64.0.1')], 3000);
    const queries = new SqliteRouteQueries(openDatabase(t.path, { readonly: true }));
    expect(queries.tableAt(GLOBAL, 2000).routes.map((r) => r.route.prefix)).toEqual(['10.1.0.0/16', '10.2.0.0/16']);
    const then = queries.tableAt(GLOBAL, 2000).routes[0]!;
    expect(then.route.nextHops[0]).toEqual({ address: '10.64.0.1', interface: 'Tunnel100' });
    expect(then.ageSec).toBe(10); // as printed at 1000 ms, the snapshot in force at 2000 ms
    expect(queries.tableAt(GLOBAL).routes.map((r) => `${r.route.prefix} ${r.route.nextHops[0]!.address}`)).toEqual([
      '10.1.0.0/16 10.65.0.1',
      '10.3.0.0/16 10.64.0.1',
    ]);
    expect(queries.tableAt(GLOBAL, 500).routes).toEqual([]);
    const diff = queries.diffSince(1500);
    expect(diff.map((d) => [d.tsMs, d.prefix, d.change])).toEqual([
      [3000, '10.1.0.0/16', 'changed'],
      [3000, '10.2.0.0/16', 'removed'],
      [3000, '10.3.0.0/16', 'added'],
    ]);
    expect(diff[0]!.before!.nextHops[0]!.address).toBe('10.64.0.1');
    expect(diff[0]!.after!.nextHops[0]!.address).toBe('10.65.0.1');
  });

  it('keeps VRFs and families apart', async () => {
    const history = new SqliteRouteHistory(t.db);
    await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1')], 1000);
    await history.ingest({ family: 'ipv4', vrf: 'INET' }, [route('0.0.0.0/0', '198.51.100.1')], 1000);
    const queries = new SqliteRouteQueries(t.db);
    expect(queries.tables()).toEqual([GLOBAL, { family: 'ipv4', vrf: 'INET' }]);
    expect(queries.tableAt({ family: 'ipv4', vrf: 'INET' }).routes.map((r) => r.route.prefix)).toEqual(['0.0.0.0/0']);
  });

  it('hides and then removes a snapshot a crash left incomplete', async () => {
    const history = new SqliteRouteHistory(t.db);
    await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1')], 1000);
    // What a process killed between slices leaves behind: versions written, snapshot not complete.
    const snap = Number(t.db.prepare("INSERT INTO route_snapshot (table_key, ts_ms) VALUES ('ipv4/', 2000)").run().lastInsertRowid);
    t.db.prepare("UPDATE route_version SET to_snap = ? WHERE prefix = '10.1.0.0/16'").run(snap);
    t.db
      .prepare("INSERT INTO route_version (table_key, prefix, from_snap, from_ms, route) VALUES ('ipv4/', '10.9.0.0/16', ?, 2000, '{}')")
      .run(snap);
    const queries = new SqliteRouteQueries(t.db);
    expect(queries.tableAt(GLOBAL).routes.map((r) => r.route.prefix)).toEqual(['10.1.0.0/16']);
    t.reopen();
    const reopened = new SqliteRouteHistory(t.db);
    expect(t.db.prepare('SELECT COUNT(*) AS n FROM route_version').get()).toEqual({ n: 1 });
    const again = await reopened.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1')], 3000);
    expect(again).toMatchObject({ added: 0, removed: 0, changed: 0 });
  });

  it('prunes old history but keeps the table in force at the cut-off', async () => {
    const history = new SqliteRouteHistory(t.db);
    await history.ingest(GLOBAL, [route('10.1.0.0/16', '10.64.0.1')], 1000);
    await history.ingest(GLOBAL, [route('10.2.0.0/16', '10.64.0.1')], 2000);
    await history.ingest(GLOBAL, [route('10.3.0.0/16', '10.64.0.1')], 3000);
    const queries = new SqliteRouteQueries(t.db);
    const removed = queries.prune(2500);
    expect(removed).toEqual({ snapshots: 1, versions: 1 });
    expect(queries.tableAt(GLOBAL, 2500).routes.map((r) => r.route.prefix)).toEqual(['10.2.0.0/16']);
    expect(queries.tableAt(GLOBAL).routes.map((r) => r.route.prefix)).toEqual(['10.3.0.0/16']);
    expect(queries.tableAt(GLOBAL, 1500).routes).toEqual([]);
  });
});
