import { parseArgs } from 'node:util';
import { resolveDbPath } from './db-path.js';
import { DEFAULT_HTTP_PORT } from './health.js';
import { journalLine } from './human/journal-text.js';
import { statusText, type StatusAnswer } from './human/status-text.js';
import { cliArgs } from './cli-args.js';

const USAGE = `Usage: spokepilot status [--port N] [--json] [--db PATH]

What the local agent is doing: the path the router uses, where the agent wants
it, each candidate's verdict, the last decision and why. Asks the running agent
(http://127.0.0.1:PORT/status; --port, else $SPOKEPILOT_HTTP_PORT, else ${DEFAULT_HTTP_PORT});
when it does not answer, reads the last decisions from its database instead.
Also the agent's health (each degradation and since when), the mode (dry-run
decisions are marked), an operator override and when it ends, the MQTT
connection and the outbox depth. Times are local, with how long ago; reasons
in words. --json prints the agent's /status answer unchanged (epoch ms).`;

export async function statusCommand(argv: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const parsed = cliArgs(
    () =>
      parseArgs({
        args: argv,
        options: { port: { type: 'string' }, json: { type: 'boolean' }, db: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      }),
    USAGE,
    'status',
  );
  if (!parsed) return 2;
  const { values } = parsed;
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const port = Number(values.port ?? env.SPOKEPILOT_HTTP_PORT ?? DEFAULT_HTTP_PORT);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    console.error(`spokepilot status: bad --port "${values.port}"`);
    return 2;
  }
  try {
    const res = await fetch(`http://127.0.0.1:${port}/status`, { signal: AbortSignal.timeout(2000) });
    const status = (await res.json()) as StatusAnswer;
    if (values.json) {
      console.log(JSON.stringify(status, null, 2));
      return 0;
    }
    console.log(statusText(status, Date.now()).join('\n'));
    return 0;
  } catch {
    // Not running (or not answering): what it last decided is in its journal.
  }
  // SQLite only for this fallback: a running agent's answer needs none of it.
  const { openForQuery } = await import('./open-store.js');
  const { SqliteJournal } = await import('../adapters/sqlite/journal.js');
  const db = openForQuery(resolveDbPath(values.db, env), 'status');
  if (!db) {
    console.error(`spokepilot status: the agent does not answer on 127.0.0.1:${port}`);
    return 1;
  }
  try {
    const journal = new SqliteJournal(db, { maxAgeMs: Number.MAX_SAFE_INTEGER, maxRows: Number.MAX_SAFE_INTEGER });
    const decisions = journal.query({ kinds: ['decision'], limit: 100_000 }).slice(-5);
    if (values.json) {
      console.log(JSON.stringify({ running: false, lastDecisions: decisions }, null, 2));
      return 0;
    }
    console.log(`the agent does not answer on 127.0.0.1:${port}; its last decisions:`);
    const nowMs = Date.now();
    for (const d of decisions) console.log(`  ${journalLine(d, nowMs)}`);
    return 0;
  } finally {
    db.close();
  }
}
