/**
 * `spokepilot self-test [--dir DIR]` (hidden; handled by build/entry.ts):
 * proves a packaged executable is whole: both worker threads start from the
 * bundle, better_sqlite3.node loads from beside the executable in the main
 * thread and in a worker, and the heap limit. Prints one JSON line; exit 0 when every check passed.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics } from 'node:v8';
import { parseArgs } from 'node:util';
import { openDatabase } from '../agent/adapters/sqlite/database.js';
import { RouteIngester } from '../agent/adapters/sqlite/route-ingester.js';
import { SqliteRouteQueries } from '../agent/adapters/sqlite/route-queries.js';
import { ParsePool } from '../agent/parsers/pool/parse-pool.js';
import { generateRouteTable } from '../bench/support/route-table.js';

const ROUTES = 500;

export async function selfTest(argv: string[]): Promise<number> {
  const { values } = parseArgs({ args: argv, options: { dir: { type: 'string' } } });
  const dir = mkdtempSync(join(values.dir ?? tmpdir(), 'spokepilot-self-test-'));
  const table = generateRouteTable(ROUTES);
  // Shows whether NODE_OPTIONS' heap bounds reached V8 (the package sets them).
  const checks: Record<string, number | string> = { heapLimitMb: Math.round(getHeapStatistics().heap_size_limit / 2 ** 20) };
  let ok = false;
  const pool = new ParsePool({ size: 1 });
  let ingester: RouteIngester | undefined;
  try {
    checks.parseWorkerRoutes = (await pool.parse('show ip route', table)).records.length;
    const dbPath = join(dir, 'self-test.db');
    const db = openDatabase(dbPath);
    checks.sqlite = (db.prepare('select sqlite_version() as v').get() as { v: string }).v;
    db.close();
    ingester = new RouteIngester({ dbPath });
    checks.ingestWorkerRoutes = (await ingester.ingestText('show ip route', table, Date.now())).tables[0]?.summary.routeCount ?? 0;
    const reader = openDatabase(dbPath, { readonly: true });
    checks.storedRoutes = new SqliteRouteQueries(reader).tableAt({ family: 'ipv4', vrf: '' }).routes.length;
    reader.close();
    ok =
      checks.parseWorkerRoutes >= ROUTES &&
      checks.ingestWorkerRoutes === checks.parseWorkerRoutes &&
      checks.storedRoutes === checks.parseWorkerRoutes;
  } catch (err) {
    checks.error = (err as Error).message;
  } finally {
    await pool.close();
    await ingester?.close();
    rmSync(dir, { recursive: true, force: true });
  }
  console.log(JSON.stringify({ ok, ...checks }));
  return ok ? 0 : 1;
}
