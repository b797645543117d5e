/** Run by route-worker-oom.test.ts in a child with a small heap: a table too big for the worker, then a small one. */
import { join } from 'node:path';
import { RouteIngester } from '../../agent/adapters/sqlite/route-ingester.js';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { tempDir } from './temp-dir.js';
import { generateRouteTable } from '../../bench/support/route-table.js';
const tmp = tempDir('oom-'); const dbPath = join(tmp.dir, 'r.db'); openDatabase(dbPath).close();
const ing = new RouteIngester({ dbPath });
const t0 = performance.now();
const big = await ing.ingestText('show ip route', generateRouteTable(150_000), 1).then(() => 'stored', (e) => e.code);
const small = await ing.ingestText('show ip route', generateRouteTable(500), 2).then((o) => o.tables[0]!.summary.routeCount, (e) => e.code);
console.log(JSON.stringify({ big, small, restarts: ing.restarts, ms: Math.round(performance.now() - t0) }));
await ing.close(); tmp.cleanup();
