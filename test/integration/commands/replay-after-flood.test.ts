/**
 * Red-team finding 2: nonces used to be rebuilt from the oldest 10,000
 * `command` journal rows of the last 15 minutes, and every unauthenticated
 * refusal was such a row: a flood of garbage, one signed command, a restart,
 * and the captured command ran again. Here over a real SQLite file, wired as
 * the agent wires it.
 */
import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeMqttNetwork } from '../../../agent/adapters/mqtt/fake-broker.js';
import { SqliteCommandNonces } from '../../../agent/adapters/sqlite/command-nonces.js';
import { openDatabase, type SqliteDb } from '../../../agent/adapters/sqlite/database.js';
import { SqliteJournal } from '../../../agent/adapters/sqlite/journal.js';
import { MIGRATIONS } from '../../../agent/adapters/sqlite/migrations.js';
import { WriteQueue } from '../../../agent/adapters/sqlite/write-queue.js';
import { systemClock } from '../../../agent/ports/clock.js';
import { silentLogger } from '../../../agent/ports/logger.js';
import { CommandHandler } from '../../../agent/shell/commands/command-handler.js';
import { commandJournal } from '../../../agent/shell/commands/command-journal.js';
import type { ReplyPayload } from '../../../proto/commands.js';
import type { EventBody } from '../../../proto/payloads.js';
import { DEFAULT_ROOT, nodeTopics } from '../../../proto/topics.js';
import { AT, command, recordingTarget, testKeys } from '../../unit/commands/command-kit.js';
import { tempDir } from '../../support/temp-dir.js';
import { sqliteCommandLog } from '../../../agent/adapters/sqlite/reporting-store.js';

const keys = testKeys();
const topics = nodeTopics(DEFAULT_ROOT, AT);
const code = (r: ReplyPayload) => (r.ok ? 'ok' : r.error.code);

/** One agent lifetime over the database file: opened, handler started; `close` stops both. */
async function agentOver(path: string) {
  // synchronous NORMAL only to keep the test quick; the agent's FULL changes no row.
  const db = openDatabase(path, { busyTimeoutMs: 0, synchronous: 'normal' });
  const journal = new SqliteJournal(db, { maxAgeMs: 86_400_000, maxRows: 1_000_000 });
  const net = new FakeMqttNetwork();
  const broker = net.client('agent');
  const target = recordingTarget();
  const events: EventBody[] = [];
  let n = 0;
  const handler = new CommandHandler(
    { site: AT.site, node: AT.node, cmdTopic: topics.cmd, replyTopic: topics.reply, keys: keys.configured },
    {
      broker,
      target,
      ids: () => `r${n++}`,
      clock: systemClock,
      log: silentLogger,
      report: (e) => events.push(e),
      ...commandJournal(sqliteCommandLog(journal, new SqliteCommandNonces(db, 30_000), new WriteQueue())),
    },
  );
  await handler.start();
  broker.start();
  const operator = net.client('attacker');
  operator.start();
  const flood = async (count: number) => {
    for (let i = 0; i < count; i++) await operator.publish({ topic: topics.cmd, payload: `garbage-${i}`, qos: 1 });
  };
  const send = (c: object) => handler.handle(Buffer.from(JSON.stringify(c)));
  return {
    db,
    journal,
    target,
    events,
    handler,
    flood,
    send,
    async close() {
      await handler.stop();
      await broker.close();
      db.close();
    },
  };
}

describe('replay protection across restarts (real SQLite file)', () => {
  const dirs: ReturnType<typeof tempDir>[] = [];
  const dir = () => {
    const d = tempDir('spokepilot-replay-');
    dirs.push(d);
    return d.dir;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) d.cleanup();
  });
  const waitForRefusals = async (a: Awaited<ReturnType<typeof agentOver>>, count: number) => {
    await expect.poll(() => a.handler.stats().unauthenticatedRefusals, { timeout: 20_000 }).toBe(count);
  };

  it('refuses a captured command as replayed after >10,000 unauthenticated messages and a restart', async () => {
    const path = join(dir(), 'agent.db');
    let agent = await agentOver(path);
    // More than the old rebuild's 10,000 rows, all before the command, as in the red-team's run.
    await agent.flood(10_050);
    await waitForRefusals(agent, 10_050);
    const captured = command(keys, 'force-path', { source: 'Cellular0/1/0', forSec: 60 });
    expect(code(await agent.send(captured))).toBe('ok');
    await agent.flood(2_000);
    await waitForRefusals(agent, 12_050);
    // The flood costs a handful of rows, not one each: 20 one by one, the rest summed up.
    const rows = agent.journal.query({ kinds: ['command'], limit: 100_000 });
    expect(rows.length).toBeLessThan(100);
    await agent.close();
    const { refusalsSummarised } = agent.handler.stats();
    expect(refusalsSummarised).toBeGreaterThan(11_000);

    agent = await agentOver(path);
    // Stopping journaled the pending summary: every refusal is accounted for, by a row or a count.
    const summaries = agent.journal
      .query({ kinds: ['command'], limit: 100_000 })
      .map((r) => r.data as { count?: number })
      .filter((d) => d.count);
    expect(summaries.reduce((sum, d) => sum + d.count!, 0)).toBe(refusalsSummarised);
    expect(code(await agent.send(captured))).toBe('replayed');
    expect(agent.target.calls).toEqual([]);
    await agent.close();
  }, 60_000);

  it('an upgraded database keeps the nonces its journal had accepted (migration 2 fills the table)', async () => {
    const path = join(dir(), 'old.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    const captured = command(keys, 'clear-override', {});
    old
      .prepare('INSERT INTO journal (ts_ms, kind, subject, data) VALUES (?, ?, ?, ?)')
      .run(
        Date.now(),
        'command',
        captured.tx,
        JSON.stringify({ cmd: captured.cmd, outcome: 'accepted', nonce: captured.nonce, exp: captured.exp }),
      );
    old
      .prepare('INSERT INTO journal (ts_ms, kind, subject, data) VALUES (?, ?, ?, ?)')
      .run(Date.now(), 'command', null, JSON.stringify({ outcome: 'refused', code: 'malformed' }));
    old.close();

    const agent = await agentOver(path);
    expect((agent.db as SqliteDb).pragma('user_version', { simple: true })).toBe(MIGRATIONS.length);
    expect(code(await agent.send(captured))).toBe('replayed');
    await agent.close();
  });
});
