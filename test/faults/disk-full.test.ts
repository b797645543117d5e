/**
 * Fault injection: the disk fills under a running agent.
 *
 * The agent's own database connection is capped (`PRAGMA max_page_count`) and
 * the free pages left are taken by a filler table: every later write that
 * needs a page gets SQLITE_FULL, exactly as on a full disk (a tmpfs cannot be
 * mounted as the test user). While full, the agent must keep deciding and
 * steering (a dead hub is left), count the store's failed writes, and refuse
 * signed commands as `unavailable` instead of running them unjournaled. When
 * space returns it must journal again, run commands, publish, and still be
 * running.
 */
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SqliteDb } from '../../agent/adapters/sqlite/database.js';
import type { Decision } from '../../agent/core/policy/types.js';
import { startEmbeddedBroker, type EmbeddedBroker } from '../../lab/embedded-broker.js';
import { startOperator } from '../support/fault-operator.js';
import {
  assertStillRunning,
  expectedTracks,
  faultAgentConfig,
  FIBRE,
  HUB1,
  HUB2,
  LTE,
  startFaultAgent,
  startFaultLab,
  stubTracks,
  waitFor,
  type FaultLab,
} from '../support/fault-rig.js';
import { tempDir } from '../support/temp-dir.js';

const tmp = tempDir('spokepilot-faults-disk-');
let lab: FaultLab;
let broker: EmbeddedBroker;

beforeEach(async () => {
  lab = await startFaultLab({ speed: 10, seed: 31 });
  broker = await startEmbeddedBroker();
});
afterEach(async () => {
  await broker.stop();
  await lab.stop();
});
afterAll(() => tmp.cleanup());

const isFull = (err: unknown) => /FULL/i.test(`${(err as { code?: string }).code ?? ''} ${(err as Error).message}`);

/** Inserts with `insert(size)` at decreasing sizes until SQLite answers SQLITE_FULL at each. */
function fillWith(insert: (size: number) => void): void {
  for (const size of [65_536, 4096, 512, 64, 8, 1]) {
    try {
      for (;;) insert(size);
    } catch (err) {
      if (!isFull(err)) throw err;
    }
  }
}

/**
 * Fills the "disk": no page beyond those in use now, the free ones taken by a
 * filler table, and the journal's last pages filled to the brim (rows of kind
 * `fault-filler`), so the next journal row of any real size needs a page that
 * is not there. SQLite then answers SQLITE_FULL as on a full disk.
 */
function fillDisk(db: SqliteDb, nowMs: number): void {
  db.exec('CREATE TABLE IF NOT EXISTS fault_filler (b BLOB)');
  db.pragma(`max_page_count = ${db.pragma('page_count', { simple: true }) as number}`);
  const filler = db.prepare('INSERT INTO fault_filler VALUES (?)');
  fillWith((size) => filler.run(Buffer.alloc(size)));
  const row = db.prepare("INSERT INTO journal (ts_ms, kind, data) VALUES (?, 'fault-filler', ?)");
  fillWith((size) => row.run(nowMs, 'x'.repeat(size)));
}

/**
 * The outbox's last pages filled too (rows for a topic no one watches), so no
 * report fits either. Only while the broker is down: the publisher would send
 * and delete them (freeing their space) otherwise.
 */
function fillOutbox(db: SqliteDb, nowMs: number): void {
  const row = db.prepare("INSERT INTO outbox (class, topic, payload, bytes, retain, created_ms) VALUES (2, 'fault/filler', ?, ?, 0, ?)");
  fillWith((size) => row.run('x'.repeat(size), size, nowMs));
}

/** Space returns. Outbox filler rows are left to the publisher (deleting them here would skew the outbox's own depth count). */
function freeDisk(db: SqliteDb): void {
  db.pragma('max_page_count = 1073741823');
  db.exec("DROP TABLE IF EXISTS fault_filler; DELETE FROM journal WHERE kind = 'fault-filler'");
}

describe('disk full under a running agent (real SQLite file, lab over real SSH, embedded broker)', () => {
  it('keeps deciding and steering, counts store errors, refuses commands as unavailable, recovers when space returns', async () => {
    const node = 'disk-full';
    const operator = await startOperator(broker.url, 'lab', node);
    // No periodic route reads: the route worker's own connection would grow the file past the cap.
    const config = faultAgentConfig(lab, tmp.dir, {
      name: node,
      mqttUrl: broker.url,
      commandKeys: [operator.key],
      change: (c) => {
        c.polling.routesSec = 86_400;
      },
    });
    const agent = await startFaultAgent(lab, config);
    const db = agent.store.sqlite()!.db;
    const journal = agent.store.sqlite()!.journal;
    const status = async () =>
      (await (await fetch(`http://127.0.0.1:${agent.httpPort}/status`)).json()) as { store: { errors: number; lastError?: string } };
    try {
      await waitFor(
        'the agent to adopt fibre-hub1 and judge fibre-hub2 good',
        () => agent.runtime.loop.state.selected === 'fibre-hub1' && agent.runtime.loop.state.health['fibre-hub2']?.verdict === 'good',
      );
      expect(await operator.command('get-state', {}, { nowMs: lab.clock.now() })).toMatchObject({ ok: true });
      const errorsBefore = agent.store.health().errors;

      fillDisk(db, lab.clock.now());
      // A signed command while full: refused as unavailable, not run (no override reaches the policy or the router).
      const tracksBefore = stubTracks(lab);
      const forced = await operator.command(
        'force-path',
        { peer: HUB1, source: LTE, forSec: 600 },
        { nowMs: lab.clock.now(), tx: 'forced-while-full' },
      );
      expect(forced).toMatchObject({ ok: false, error: { code: 'unavailable' } });
      expect(agent.runtime.loop.state.override).toBeUndefined();
      expect(stubTracks(lab)).toEqual(tracksBefore);
      expect(await operator.command('get-state', {}, { nowMs: lab.clock.now() })).toMatchObject({
        ok: false,
        error: { code: 'unavailable' },
      });

      // Still deciding and steering: hub 1 dies, the agent moves to hub 2 and verifies it.
      lab.router.world.setHubUp('hub1', false);
      await waitFor(
        'the steer to hub 2 verified on the router',
        () => agent.runtime.loop.state.routerActive?.peer === HUB2 && lab.router.state().clients[0]?.peer === HUB2,
        20_000,
      );
      expect(agent.runtime.loop.state.selected).toBe('fibre-hub2');
      expect(stubTracks(lab)).toEqual(expectedTracks(HUB2, FIBRE));
      // ...and the journal writes it could not make are counted, in the store and in /status.
      await waitFor('store errors counted', () => agent.store.health().errors > errorsBefore);
      expect((await status()).store).toMatchObject({ errors: expect.any(Number), lastError: expect.stringMatching(/FULL/) });
      expect(journal.query({ kinds: ['command'] }).some((r) => r.subject === 'forced-while-full')).toBe(false);
      await assertStillRunning(agent);

      // Space returns: commands run and are journaled again, news is published again.
      freeDisk(db);
      const tx = 'after-space-returns';
      expect(await operator.command('get-state', {}, { nowMs: lab.clock.now(), tx })).toMatchObject({ ok: true });
      await waitFor('the command journaled', () => journal.query({ kinds: ['command'] }).some((r) => r.subject === tx));
      const eventsBefore = operator.leaf('event').length;
      lab.router.world.setHubUp('hub1', true);
      lab.router.world.setHubUp('hub2', false);
      await waitFor(
        'the move back to hub 1 journaled and published',
        () =>
          journal.query({ kinds: ['verification'] }).length > 0 &&
          operator.leaf('event').length > eventsBefore &&
          agent.runtime.loop.state.routerActive?.peer === HUB1,
        30_000,
      );
      await assertStillRunning(agent);
    } finally {
      await agent.stop('test over', 5000);
      await operator.close();
    }
  }, 90_000);

  // Was a product bug: a decision made while the disk was full was written nowhere (journal and outbox
  // both refused it), so the fleet never heard of it. The outbox now spills to memory (agent/shell/report/outbox-spill.ts).
  it('news decided while the disk is full reaches the operator once space and the broker return (nothing lost)', async () => {
    const node = 'disk-full-news';
    const operator = await startOperator(broker.url, 'lab', node, { persistent: true });
    const config = faultAgentConfig(lab, tmp.dir, {
      name: node,
      mqttUrl: broker.url,
      commandKeys: [operator.key],
      change: (c) => {
        c.polling.routesSec = 86_400;
      },
    });
    const agent = await startFaultAgent(lab, config);
    const db = agent.store.sqlite()!.db;
    const journal = agent.store.sqlite()!.journal;
    const decisions: Decision[] = [];
    agent.runtime.onDecision((d) => decisions.push(d));
    try {
      await waitFor(
        'the agent to adopt fibre-hub1 and judge fibre-hub2 good',
        () => agent.runtime.loop.state.selected === 'fibre-hub1' && agent.runtime.loop.state.health['fibre-hub2']?.verdict === 'good',
      );
      await waitFor('the outbox drained', () => agent.mqtt!.stats().outboxDepth === 0);
      await broker.kill();
      await waitFor('the agent to see the broker gone', () => !agent.mqtt!.stats().connected);
      fillDisk(db, lab.clock.now());
      fillOutbox(db, lab.clock.now());
      const errorsBefore = agent.store.health().errors;
      lab.router.world.setHubUp('hub1', false);
      await waitFor(
        'the steer to hub 2',
        () => agent.runtime.loop.state.routerActive?.peer === HUB2 && lab.router.state().clients[0]?.peer === HUB2,
        20_000,
      );
      const switched = decisions.find((d) => d.action === 'switch' && d.to === 'fibre-hub2');
      expect(switched).toBeDefined();
      expect(agent.store.health().errors).toBeGreaterThan(errorsBefore);
      // Said, not silent: the store shows degraded while the disk refuses the reports.
      await waitFor('the store reported degraded', () =>
        agent.degradations.list().some((d) => d.component === 'store' && d.code === 'STORE_WRITE_FAILED'),
      );
      await assertStillRunning(agent);

      freeDisk(db);
      await broker.restart();
      await waitFor(
        'the agent back on the broker, its outbox drained',
        () => agent.mqtt!.stats().connected && agent.mqtt!.stats().outboxDepth === 0,
        20_000,
      );
      await waitFor(
        'the store healthy again once a report was written',
        () => !agent.degradations.list().some((d) => d.component === 'store'),
        20_000,
      );
      await assertStillRunning(agent);
      // Nothing lost: the switch is in the journal or was published (here: neither).
      const inJournal = journal.query({ kinds: ['decision'] }).some((r) => (r.data as Decision).atMs === switched!.atMs);
      const published = await waitFor(
        'the switch published',
        () => operator.leaf('event').some((e) => e.kind === 'decision' && (e.decision as Decision).atMs === switched!.atMs) || undefined,
        5_000,
      ).catch(() => false);
      expect(inJournal || published).toBe(true);
    } finally {
      await agent.stop('test over', 5000);
      await operator.close();
    }
  }, 90_000);
});
