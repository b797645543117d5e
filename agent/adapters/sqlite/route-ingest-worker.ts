import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { parentPort, workerData } from 'node:worker_threads';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Route } from '../../../proto/records/routing.js';
import { pushedSubnetTables } from './pushed-subnets.js';
import { compileExpectations, judgeRoutes, type CompiledExpectations } from '../../core/route-expectations.js';
import { resolveCommand } from '../../parsers/registry.js';
import { openDatabase } from './database.js';
import { SqliteRouteHistory } from './route-history.js';
import { SqliteRouteQueries } from './route-queries.js';
import type {
  RouteIngestReply,
  RouteIngestRequest,
  RouteIngestTextPart,
  RouteIngestWorkerData,
  TableIngestResult,
} from './route-ingest-messages.js';
import type { TableId } from './route-key.js';
import { errorMessage } from '../../../proto/coded-error.js';
import { toStoreError } from './store-error.js';

/**
 * Parses, diffs and stores routing tables off the main thread, with its own
 * SQLite connection; requests are handled one at a time, in order.
 */
const data = workerData as RouteIngestWorkerData;
const port = parentPort!;
const db = openDatabase(data.dbPath, { synchronous: 'normal', ...(data.nativeBinding ? { nativeBinding: data.nativeBinding } : {}) });
const history = new SqliteRouteHistory(db);
const queries = new SqliteRouteQueries(db);
const expectations: CompiledExpectations | undefined = data.expectations && compileExpectations(data.expectations);
const betweenSlices = () => sleep(data.pauseMs);
const NOTHING_EXPECTED = compileExpectations({ required: [], allowed: [], checkedProtocols: [] });

// The main thread's connection never checkpoints (it would stall the event
// loop), so this worker keeps the WAL from growing without bound.
const CHECKPOINT_EVERY_MS = 30_000;
setInterval(() => {
  try {
    db.pragma('wal_checkpoint(PASSIVE)');
  } catch {
    /* busy or full: the next round retries */
  }
}, CHECKPOINT_EVERY_MS).unref();

/**
 * A full collection after a big table. V8 leaves the garbage of a read (about
 * 15 MB at 10,000 routes) in the heap until the next read a minute later, and
 * on a 128 MB IOx profile that is much of the margin. Workers take no V8 flags
 * of their own, so `gc` is reached as Node's v8.setFlagsFromString documents:
 * set the flag at run time, then take `gc` from a fresh context.
 */
const BIG_TABLE_ROUTES = 1000;
const exposeGc = (): (() => void) => {
  v8.setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
};
const gc = exposeGc();

let chain = Promise.resolve();
const textParts = new Map<number, string[]>();
port.on('message', (msg: RouteIngestRequest | RouteIngestTextPart) => {
  if (msg.kind === 'text-part') {
    const parts = textParts.get(msg.id) ?? [];
    parts.push(msg.part);
    textParts.set(msg.id, parts);
    return;
  }
  const parts = textParts.get(msg.id);
  textParts.delete(msg.id);
  const req = parts && msg.kind === 'text' ? { ...msg, text: parts.join('') + msg.text } : msg;
  chain = chain.then(() =>
    handle(req).then((reply) => {
      port.postMessage(reply);
      if (reply.ok && reply.tables.some((t) => t.summary.routeCount >= BIG_TABLE_ROUTES)) gc();
    }),
  );
});

async function handle(req: RouteIngestRequest): Promise<RouteIngestReply> {
  try {
    if (req.kind === 'prune') {
      queries.prune(req.keepSinceMs);
      return { id: req.id, ok: true, tables: [], parseWarnings: 0 };
    }
    if (req.kind === 'routes') {
      return { id: req.id, ok: true, tables: [await ingestTable(req.table, req.routes, req.tsMs)], parseWarnings: 0 };
    }
    const resolved = resolveCommand(req.command);
    if (resolved?.spec.id === 'show crypto ikev2 sa detailed') {
      const parsed = resolved.spec.parse(req.text, resolved.args);
      const tables = await Promise.all(pushedSubnetTables(parsed.records).map(({ table, routes }) => ingestTable(table, routes, req.tsMs)));
      return { id: req.id, ok: true, tables, parseWarnings: parsed.warnings.length };
    }
    if (!resolved || (resolved.spec.id !== 'show ip route' && resolved.spec.id !== 'show ipv6 route')) {
      return { id: req.id, ok: false, code: 'STORE_BAD_INPUT', message: `not a routing table command: "${req.command}"` };
    }
    if (resolved.args.protocol || resolved.args.subset) {
      // A filtered view (a protocol, longer-prefixes, supernets-only, a list) is not the table:
      // storing it would record every other route as removed.
      return { id: req.id, ok: false, code: 'STORE_BAD_INPUT', message: `filtered view "${req.command}" is not a whole table` };
    }
    const parsed = resolved.spec.parse(req.text, resolved.args);
    const table: TableId = { family: resolved.spec.id === 'show ip route' ? 'ipv4' : 'ipv6', vrf: resolved.args.vrf ?? '' };
    const routes = parsed.records.filter((r) => r.family === table.family);
    return { id: req.id, ok: true, tables: [await ingestTable(table, routes, req.tsMs)], parseWarnings: parsed.warnings.length };
  } catch (err) {
    // The code crosses the thread as a store code: SQLite's own names map onto ours (store-error.ts).
    return { id: req.id, ok: false, code: toStoreError(err, 'ingest').code, message: errorMessage(err) };
  }
}

async function ingestTable(table: TableId, routes: Route[], tsMs: number): Promise<TableIngestResult> {
  const summary = await history.ingest(table, routes, tsMs, { sliceRows: data.sliceRows, betweenSlices });
  // Expectations judge the routing table, what traffic follows; the subnets hubs
  // pushed are kept for their history, and a pushed route that matters is in the RIB too.
  const judged = expectations && table.source !== 'ikev2';
  const violations = judgeRoutes(judged ? expectations : NOTHING_EXPECTED, routes, table.vrf);
  return { summary, violations };
}
