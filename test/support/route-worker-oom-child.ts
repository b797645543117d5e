/**
 * Run by route-worker-oom.test.ts in a child with a 64 MB heap (the package's):
 * a 150,000-route table, too big for the route worker, then a small one. Prints
 * one JSON line: what became of each, and how many workers were replaced.
 */
import { join } from 'node:path';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { RouteIngester } from '../../agent/adapters/sqlite/route-ingester.js';
import { generateRouteTable } from '../../bench/support/route-table.js';
import { tempDir } from './temp-dir.js';

const tmp = tempDir('spokepilot-oom-');
const dbPath = join(tmp.dir, 'routes.db');
openDatabase(dbPath).close();
const ingester = new RouteIngester({ dbPath });
const codeOf = (err: { code?: string }) => err.code ?? 'no code';
try {
  const big = await ingester.ingestText('show ip route', generateRouteTable(150_000), 1).then(() => 'stored', codeOf);
  const small = await ingester.ingestText('show ip route', generateRouteTable(500), 2).then((o) => o.tables[0]!.summary.routeCount, codeOf);
  console.log(JSON.stringify({ big, small, restarts: ingester.restarts }));
} finally {
  await ingester.close();
  tmp.cleanup();
}
