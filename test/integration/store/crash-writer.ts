/**
 * Child process for the crash-safety test: writes journal entries, outbox rows
 * and route snapshots as fast as it can, printing what it has committed after
 * each commit returns, until the parent kills it with SIGKILL.
 * Usage: node crash-writer.mjs DB_PATH SEED
 */
import { openDatabase } from '../../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../../agent/adapters/sqlite/journal.js';
import { SqliteOutbox } from '../../../agent/adapters/sqlite/outbox.js';
import { SqliteRouteHistory } from '../../../agent/adapters/sqlite/route-history.js';
import type { Route } from '../../../proto/records/routing.js';
import { seededRandom } from '../../support/random.js';

const [dbPath, seedText] = process.argv.slice(2);
const rand = seededRandom(Number(seedText));
const db = openDatabase(dbPath!);
const journal = new SqliteJournal(db, { maxAgeMs: 1e12, maxRows: 1e9 });
const outbox = new SqliteOutbox(db, { maxBytes: 1e12, maxAgeMs: 1e12 });
const history = new SqliteRouteHistory(db);
const say = (line: string) => process.stdout.write(line + '\n'); // synchronous on a pipe (Linux)

const route = (i: number, via: string): Route => ({
  family: 'ipv4',
  prefix: `10.${(i >> 8) & 255}.${i & 255}.0/24`,
  code: 'B',
  protocol: 'bgp',
  candidateDefault: false,
  distance: 200,
  metric: 0,
  nextHops: [{ address: via }],
});

let seq = Number(seedText) * 1_000_000;
// Times grow across runs, as the wall clock would.
let tick = Number(seedText) * 1_000_000;
say('READY');
for (;;) {
  const r = rand();
  tick++;
  if (r < 0.35) {
    const ids = journal.append(Array.from({ length: 20 }, (_, k) => ({ tsMs: tick, kind: 'observation', data: { k } })));
    say(`J ${ids.join(',')}`);
  } else if (r < 0.7) {
    const first = seq + 1;
    outbox.enqueue(
      Array.from({ length: 20 }, () => ({ class: 'event' as const, topic: 't', payload: `{"seq":${++seq}}`, createdMs: tick })),
      tick,
    );
    say(`O ${first} ${seq}`);
  } else {
    const count = 2000 + Math.floor(rand() * 2000);
    const via = rand() < 0.5 ? '10.255.0.1' : '10.255.0.2';
    const routes = Array.from({ length: count }, (_, i) => route(i, i % 3 === 0 ? via : '10.255.0.9'));
    const s = await history.ingest({ family: 'ipv4', vrf: '' }, routes, tick, { sliceRows: 300, betweenSlices: async () => undefined });
    say(`S ${s.snapshotId} ${s.routeCount}`);
  }
}
