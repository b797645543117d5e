import { statSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { openDatabase } from '../../agent/adapters/sqlite/database.js';
import { SqliteOutbox } from '../../agent/adapters/sqlite/outbox.js';
import { WriteQueue } from '../../agent/adapters/sqlite/write-queue.js';
import { SqliteRouteHistory } from '../../agent/adapters/sqlite/route-history.js';
import { RouteIngester } from '../../agent/adapters/sqlite/route-ingester.js';
import { PrefixIndex } from '../../agent/core/route-lookup.js';
import { parseCommandOutput } from '../../agent/parsers/registry.js';
import type { Route } from '../../proto/records/routing.js';
import { seededRandom } from '../../test/support/random.js';
import { tempDir } from '../../test/support/temp-dir.js';
import { round, type Metric } from '../metric.js';
import { generateRouteTable } from '../support/route-table.js';

const GLOBAL = { family: 'ipv4' as const, vrf: '' };

export async function* storeBench(): AsyncIterable<Metric> {
  const tmp = tempDir('spokepilot-bench-');
  try {
    const text = generateRouteTable(100_000);
    // First, while this thread holds little more than the agent's main thread
    // does: later, 100k parsed routes here would make its own GCs the worst delay.
    yield* ingestLoopDelay(join(tmp.dir, 'loop.db'), text);
    const routes = parseCommandOutput('show ip route', text).records as Route[];

    // Ingest and diff: a first read (every route new), then a read with 1% changed.
    const dbPath = join(tmp.dir, 'routes.db');
    const db = openDatabase(dbPath, { synchronous: 'normal' }); // as the route-ingest worker opens it
    const emptyBytes = fileBytes(dbPath);
    const history = new SqliteRouteHistory(db);
    let t0 = performance.now();
    await history.ingest(GLOBAL, routes, 1000);
    yield { metric: 'store.ingest100k.ms', value: round(performance.now() - t0), unit: 'ms' };
    const changed = routes.map((r, i) => (i % 100 === 0 ? { ...r, metric: (r.metric ?? 0) + 1 } : r));
    t0 = performance.now();
    await history.ingest(GLOBAL, changed, 2000);
    yield { metric: 'store.ingest100k.changed1pct.ms', value: round(performance.now() - t0), unit: 'ms' };
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    yield { metric: 'store.bytesPer100kRoutes', value: fileBytes(dbPath) - emptyBytes, unit: 'bytes' };

    // Longest-prefix match over the 100k table.
    const index = new PrefixIndex(routes);
    const rand = seededRandom(9);
    const probes = Uint32Array.from({ length: 1 << 16 }, () => Math.floor(rand() * 2 ** 32));
    const n = 2_000_000;
    t0 = performance.now();
    let hits = 0;
    for (let i = 0; i < n; i++) if (index.lookupIpv4(probes[i & 0xffff]!)) hits++;
    const lookupSec = (performance.now() - t0) / 1000;
    if (hits === 0) throw new Error('no lookup hit the default route');
    yield { metric: 'store.lpm.lookupsPerSec', value: Math.round(n / lookupSec), unit: 'lookups/s' };

    yield* outboxFigures(join(tmp.dir, 'outbox.db'));
  } finally {
    tmp.cleanup();
  }
}

function* outboxFigures(path: string): Iterable<Metric> {
  const db = openDatabase(path);
  const outbox = new SqliteOutbox(db, { maxBytes: 1e9, maxAgeMs: 1e12 });
  const total = 100_000;
  const batch = 100;
  const payload = JSON.stringify({ v: 1, id: 'x'.repeat(16), kind: 'telemetry', sla: { rttMs: 23, lossPct: 0 } });
  let t0 = performance.now();
  for (let i = 0; i < total; i += batch) {
    outbox.enqueue(
      Array.from({ length: batch }, () => ({ class: 'telemetry' as const, topic: 'spokepilot/v1/s/n/telemetry', payload, createdMs: i })),
      i,
    );
  }
  const enqueueSec = (performance.now() - t0) / 1000;
  t0 = performance.now();
  let drained = 0;
  for (;;) {
    const rows = outbox.peek(batch);
    if (rows.length === 0) break;
    outbox.ack(rows.map((r) => r.id));
    drained += rows.length;
  }
  const dequeueSec = (performance.now() - t0) / 1000;
  db.close();
  if (drained !== total) throw new Error(`drained ${drained} of ${total}`);
  yield { metric: 'store.outbox.enqueuePerSec', value: Math.round(total / enqueueSec), unit: 'msgs/s' };
  yield { metric: 'store.outbox.dequeuePerSec', value: Math.round(total / dequeueSec), unit: 'msgs/s' };
}

/** The main loop's worst delay while the worker ingests 100k routes and the main thread keeps writing the outbox. */
async function* ingestLoopDelay(path: string, text: string): AsyncIterable<Metric> {
  const db = openDatabase(path, { checkpoints: false, busyTimeoutMs: 0 });
  const outbox = new SqliteOutbox(db, { maxBytes: 1e9, maxAgeMs: 1e12 });
  const writes$ = new WriteQueue();
  const ingester = new RouteIngester({ dbPath: path });
  await ingester.ingestText('show ip route', 'Gateway of last resort is not set\n', 0); // worker up before measuring
  // Made before measuring, flat as the SSH adapter's output is (one join): a
  // 5 MB regex replace, and flattening its result, are the bench's own work.
  const halfChanged = text.split('[200/0]').join('[200/1]');
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  histogram.enable();
  let writes = 0;
  const writer = setInterval(() => {
    const n = writes++;
    void writes$.run(() => outbox.enqueue([{ class: 'event', topic: 't', payload: '{}', createdMs: n }], n));
  }, 5);
  await ingester.ingestText('show ip route', text, 1);
  await ingester.ingestText('show ip route', halfChanged, 2); // half the table changed
  clearInterval(writer);
  histogram.disable();
  await writes$.run(() => undefined);
  if (outbox.depth().total.messages !== writes) throw new Error(`outbox holds ${outbox.depth().total.messages} of ${writes} writes`);
  await ingester.close();
  db.close();
  yield { metric: 'store.ingest.eventLoopMaxDelayMs', value: round(histogram.max / 1e6), unit: 'ms' };
}

function fileBytes(path: string): number {
  try {
    return statSync(path).size;
  } catch {
    return 0;
  }
}
