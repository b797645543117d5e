import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { build } from 'esbuild';
import { openDatabase } from '../../../agent/adapters/sqlite/database.js';
import { SqliteRouteHistory } from '../../../agent/adapters/sqlite/route-history.js';
import { SqliteRouteQueries } from '../../../agent/adapters/sqlite/route-queries.js';
import { seededRandom } from '../../support/random.js';
import { tempDir } from '../../support/temp-dir.js';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const KILLS = 50;

interface Claims {
  journal: number[];
  outbox: number[];
  snapshots: Map<number, number>;
}

/** Runs the writer, kills it with SIGKILL after `afterMs` of writing, returns what it claimed committed. */
function runAndKill(script: string, dbPath: string, seed: number, afterMs: number): Promise<Claims> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, dbPath, String(seed)], { stdio: ['ignore', 'pipe', 'pipe'] });
    const claims: Claims = { journal: [], outbox: [], snapshots: new Map() };
    let buffer = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.stdout.on('data', (d: Buffer) => {
      buffer += d.toString();
      const lines = buffer.split('\n');
      buffer = lines.pop()!;
      for (const line of lines) {
        const [tag, a, b] = line.split(' ');
        if (tag === 'READY') setTimeout(() => child.kill('SIGKILL'), afterMs);
        else if (tag === 'J') claims.journal.push(...a!.split(',').map(Number));
        else if (tag === 'O') for (let s = Number(a); s <= Number(b); s++) claims.outbox.push(s);
        else if (tag === 'S') claims.snapshots.set(Number(a), Number(b));
      }
    });
    child.on('exit', (code, signal) => {
      if (signal === 'SIGKILL') resolve(claims);
      else reject(new Error(`writer ended on its own (code ${code}): ${stderr}`));
    });
  });
}

describe('crash safety: SIGKILL during heavy writes', () => {
  let tmp: ReturnType<typeof tempDir>;
  let script: string;
  beforeAll(async () => {
    tmp = tempDir();
    mkdirSync(join(root, '.tmp'), { recursive: true });
    // Bundled once so each of the 50 children starts in milliseconds; kept in the
    // repository's .tmp so it resolves better-sqlite3 from node_modules.
    script = join(root, '.tmp', `crash-writer-${process.pid}.mjs`);
    await build({
      entryPoints: [join(here, 'crash-writer.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      outfile: script,
      external: ['better-sqlite3'],
      logLevel: 'error',
    });
  });
  afterAll(() => {
    tmp.cleanup();
    rmSync(script, { force: true });
  });

  it(`loses no committed row and shows no half-written snapshot, across ${KILLS} kills`, async () => {
    const dbPath = join(tmp.dir, 'agent.db');
    const rand = seededRandom(42);
    const all: Claims = { journal: [], outbox: [], snapshots: new Map() };
    for (let i = 0; i < KILLS; i++) {
      const claims = await runAndKill(script, dbPath, i + 1, 10 + Math.floor(rand() * 250));
      all.journal.push(...claims.journal);
      all.outbox.push(...claims.outbox);
      for (const [k, v] of claims.snapshots) all.snapshots.set(k, v);

      const db = openDatabase(dbPath);
      try {
        expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
        new SqliteRouteHistory(db); // recovers what the kill left incomplete
        expect(db.prepare('SELECT COUNT(*) AS n FROM route_snapshot WHERE complete = 0').get()).toEqual({ n: 0 });
        const journalIds = new Set((db.prepare('SELECT id FROM journal').all() as { id: number }[]).map((r) => r.id));
        expect(all.journal.filter((id) => !journalIds.has(id))).toEqual([]);
        const seqs = new Set(
          (db.prepare('SELECT payload FROM outbox').all() as { payload: string }[]).map((r) => JSON.parse(r.payload).seq),
        );
        expect(all.outbox.filter((s) => !seqs.has(s))).toEqual([]);
        // Every complete snapshot shows exactly the routes it recorded.
        const queries = new SqliteRouteQueries(db);
        const snaps = db.prepare('SELECT id, ts_ms, route_count FROM route_snapshot').all() as {
          id: number;
          ts_ms: number;
          route_count: number;
        }[];
        const latest = snaps.at(-1);
        if (latest) expect(queries.tableAt({ family: 'ipv4', vrf: '' }).routes.length).toBe(latest.route_count);
        for (const [id, count] of all.snapshots) {
          const row = snaps.find((s) => s.id === id);
          expect(row, `claimed snapshot ${id}`).toBeDefined();
          expect(row!.route_count).toBe(count);
        }
      } finally {
        db.close();
      }
    }
    expect(all.journal.length + all.outbox.length + all.snapshots.size).toBeGreaterThan(KILLS);
  }, 180_000);
});
